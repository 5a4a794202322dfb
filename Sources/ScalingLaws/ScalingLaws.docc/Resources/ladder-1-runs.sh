olmo=${OLMO_LADDER:?set OLMO_LADDER to the folder of the OLMo 2 ladder logs (cosine/, constant/, wsd-decay/, model_sizes.csv)}
scaling-laws runs $olmo/cosine --sizes $olmo/model_sizes.csv \
    --name-pattern '{size}-{mult}xC' --metric 'eval/c4_en-validation/CrossEntropyLoss'
