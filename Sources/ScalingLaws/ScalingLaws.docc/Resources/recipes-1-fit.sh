marin=../shared/datasets/marin_isoflops_2026/isoflops.csv
scaling-laws fit $marin --n params --d tokens --loss loss \
    --where 'dataset in [comma, dclm]' --by dataset --output recipe.json
