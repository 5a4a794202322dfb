olmo=${OLMO_LADDER:?set OLMO_LADDER to the folder of the OLMo 2 ladder logs (cosine/, constant/, wsd-decay/, model_sizes.csv)}
scaling-laws curve fit $olmo/constant/1B-10xC.csv $olmo/cosine/1B-10xC.csv \
    --metric 'eval/c4_en-validation/CrossEntropyLoss' --output curve.json
