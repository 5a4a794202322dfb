scaling-laws optimal --fit ladder-fixed-e.json --budget 1e21 --budget 1e22
