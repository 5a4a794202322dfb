marin=${MARIN_ISOFLOPS:?set MARIN_ISOFLOPS to the Marin iso-FLOP sweep CSV}
scaling-laws compare-recipes $marin --where 'dataset in [comma, dclm]' --by dataset \
    --baseline comma --budget 3e19 --budget 3e20 --bootstrap 0
