scaling-laws optimal --fit recipe-comma.json --target-loss 3.0
scaling-laws optimal --fit recipe-dclm.json --target-loss 3.0
