olmo=../shared/datasets/olmo_ladder_bhagia2024
scaling-laws curve fit $olmo/constant/1B-10xC.csv $olmo/cosine/1B-10xC.csv \
    --metric 'eval/c4_en-validation/CrossEntropyLoss' --output curve.json
