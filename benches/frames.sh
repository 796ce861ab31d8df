#!/usr/bin/env bash
# First frame, later frames and peak memory of the whole app, headless (egui_kittest
# driving the real App at 1280x800), on generated trees; each shape run RUNS times
# (default 3), the median of the runs reported. Release build.
#   benches/frames.sh [RUNS]
set -euo pipefail
cd "$(dirname "$0")/.."
runs=${1:-3}
cargo build --release --example frames -q
printf '| tree | nodes | first frame (ms) | later frames (ms) | choosing an answer until idle (ms) | peak RSS (MB) |\n|---|---|---|---|---|---|\n'
for shape in wide:10000 wide:100000 fan:20000 fan:49999 dag:10000 dag:100000; do
  first=(); later=(); choose=(); rss=(); nodes=0
  for _ in $(seq "$runs"); do
    out=$( { /usr/bin/time -f 'rss %M' target/release/examples/frames "$shape" 9; } 2>&1 )
    first+=("$(sed -n 's/^first frame: \([0-9.]*\) ms.*/\1/p' <<<"$out")")
    nodes=$(sed -n 's/^first frame: .*(\([0-9]*\) nodes)/\1/p' <<<"$out")
    later+=("$(sed -n 's/^median of [0-9]* later frames: \([0-9.]*\) ms/\1/p' <<<"$out")")
    choose+=("$(sed -n 's/^choosing an answer: idle after [0-9]* frames, \([0-9.]*\) ms/\1/p' <<<"$out")")
    rss+=("$(sed -n 's/^rss \([0-9]*\)/\1/p' <<<"$out")")
  done
  median() { printf '%s\n' "$@" | sort -g | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }
  printf '| %s | %s | %.0f | %.1f | %.0f | %.0f |\n' "$shape" "$nodes" "$(median "${first[@]}")" \
    "$(median "${later[@]}")" "$(median "${choose[@]}")" "$(echo "$(median "${rss[@]}") / 1024" | bc -l)"
done
