# Sourced by the benchmark scripts: `measure WIDTH LABEL COMMAND…` runs COMMAND under
# /usr/bin/time -v and prints one Markdown row: label, wall time, peak resident memory (MiB).
measure() {
  local width=$1 label=$2; shift 2
  local log; log=$(mktemp)
  /usr/bin/time -v "$@" > /dev/null 2> "$log" || { cat "$log" >&2; rm -f "$log"; exit 1; }
  local wall rss
  wall=$(grep "Elapsed (wall clock)" "$log" | awk '{print $NF}')
  rss=$(grep "Maximum resident set size" "$log" | awk '{print int($NF/1024)}')
  printf "| %-${width}s | %10s | %8s |\n" "$label" "$wall" "$rss"
  rm -f "$log"
}
