olmo=${OLMO_LADDER:?set OLMO_LADDER to the folder of the OLMo 2 ladder logs (cosine/, constant/, wsd-decay/, model_sizes.csv)}
scaling-laws curve predict --fit curve.json --curve $olmo/wsd-decay/1B-10xC.csv \
    --branch-of $olmo/constant/1B-10xC.csv --metric 'eval/c4_en-validation/CrossEntropyLoss' --format csv
