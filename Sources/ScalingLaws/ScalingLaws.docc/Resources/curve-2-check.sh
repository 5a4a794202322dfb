olmo=../shared/datasets/olmo_ladder_bhagia2024
scaling-laws curve predict --fit curve.json --curve $olmo/wsd-decay/1B-10xC.csv \
    --branch-of $olmo/constant/1B-10xC.csv --metric 'eval/c4_en-validation/CrossEntropyLoss' --format csv
