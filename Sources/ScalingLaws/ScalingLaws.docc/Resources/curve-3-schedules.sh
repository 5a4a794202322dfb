scaling-laws curve predict --fit curve.json --steps 162694 --every 162694 \
    --schedule 'cosine,warmup:1000,peak:5e-4,final:0.1' --format csv
scaling-laws curve predict --fit curve.json --steps 162694 --every 162694 \
    --schedule 'wsd,decay:0.1,warmup:1000,peak:5e-4,final:0.1' --format csv
scaling-laws curve predict --fit curve.json --steps 162694 --every 162694 \
    --schedule 'wsd,decay:0.2,warmup:1000,peak:5e-4,final:0.1' --format csv
