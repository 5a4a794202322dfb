marin=${MARIN_ISOFLOPS:?set MARIN_ISOFLOPS to the Marin iso-FLOP sweep CSV}
scaling-laws fit $marin --n params --d tokens --loss loss \
    --where 'dataset in [comma, dclm]' --by dataset --output recipe.json
