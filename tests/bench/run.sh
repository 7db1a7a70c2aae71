#!/usr/bin/env bash
# Times cjm on generated portals: a clean build into a fresh folder, a
# rebuild with no change, and a rebuild after one touchpoint changed, with
# the peak memory of each. Usage: tests/bench/run.sh [SIZES...]
set -euo pipefail
cd "$(dirname "$0")/../.."
sizes=${*:-150 4000}
out=bench-out
mkdir -p "$out"
go build -o bin/cjm ./cmd/cjm
go build -o bin/cjmgen ./cmd/cjmgen

# run LABEL CMD...: prints wall time and peak memory of one command.
run() {
  local label=$1; shift
  local t0 t1
  t0=$(date +%s.%N)
  if command -v /usr/bin/time >/dev/null; then
    /usr/bin/time -f "%M" -o "$out/mem" "$@" >/dev/null
    mem="$(( $(cat "$out/mem") / 1024 )) MB"
  else
    "$@" >/dev/null
    mem="n/a"
  fi
  t1=$(date +%s.%N)
  printf '%-8s %-22s %8.3f s   peak %s\n' "$size" "$label" "$(awk "BEGIN{print $t1 - $t0}")" "$mem"
}

printf '%-8s %-22s %10s   %s\n' "touchpoints" "run" "wall" "memory"
for size in $sizes; do
  site="$out/site-$size"
  ./bin/cjmgen -touchpoints "$size" -out "$site" >/dev/null
  rm -rf "$site/public"
  run "clean build" ./bin/cjm build -source "$site" -quiet
  run "no-change rebuild" ./bin/cjm build -source "$site" -quiet
  tp=$(find "$site/content/journeys" -name 's0-t0.md' | sort | head -n 1)
  sed -i 's/^title: "/title: "Edited /' "$tp"
  run "one touchpoint edited" ./bin/cjm build -source "$site" -quiet
  echo "$size touchpoints: $(du -sh --apparent-size "$site/content" | cut -f1) of Markdown, $(du -sh --apparent-size "$site/public" | cut -f1) of output"
done
