olmo=../shared/datasets/olmo_ladder_bhagia2024
scaling-laws runs $olmo/cosine --sizes $olmo/model_sizes.csv \
    --name-pattern '{size}-{mult}xC' --metric 'eval/c4_en-validation/CrossEntropyLoss'
