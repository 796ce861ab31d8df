#!/usr/bin/env bash
# Frame times of the whole app, headless (egui_kittest driving the real App at 1280x800,
# every frame tessellated), beside egui_graphs' own GraphView (hierarchical layout,
# fitted) on the same generated tree, in the same run. Each shape is run RUNS times
# (default 3) and the median of the runs reported. Release builds.
#   benches/frames.sh [RUNS] [SHAPE...]
set -euo pipefail
cd "$(dirname "$0")/.."
runs=${1:-3}
shift || true
shapes=("$@")
[ ${#shapes[@]} -gt 0 ] || shapes=(dag:1000 dag:10000 dag:100000 wide:100000 fan:49999)
cargo build --release --example frames --example peer_frames -q
median() { printf '%s\n' "$@" | sort -g | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }
num() { sed -n "s/$1/\\1/p" <<<"$2" | head -1; }
printf '| tree | nodes | first frame (ms) | start view (ms) | at fit (ms) | egui_graphs at fit (ms) | ratio at fit | choosing at fit: slowest frame / until idle (ms) | peak RSS (MB) |\n|---|---|---|---|---|---|---|---|---|\n'
for shape in "${shapes[@]}"; do
  first=(); start=(); fit=(); peer=(); slow=(); idle=(); rss=(); nodes=0
  for _ in $(seq "$runs"); do
    out=$( { /usr/bin/time -f 'rss %M' target/release/examples/frames "$shape" 9; } 2>&1 )
    first+=("$(num '^first frame: \([0-9.]*\) ms.*' "$out")")
    nodes=$(num '^first frame: .*(\([0-9]*\) nodes)' "$out")
    start+=("$(num '^median of [0-9]* later frames: \([0-9.]*\) ms' "$out")")
    fit+=("$(num '^at fit .*: median of [0-9]* frames: \([0-9.]*\) ms' "$out")")
    line=$(grep '^choosing an answer at fit' <<<"$out")
    idle+=("$(num '.*idle after [0-9]* frames, \([0-9.]*\) ms.*' "$line")")
    slow+=("$(sed -n 's/.*(frames: \(.*\) ms)/\1/p' <<<"$line" | tr ',' '\n' | sort -g | tail -1)")
    rss+=("$(num '^rss \([0-9]*\)' "$out")")
    if [[ $shape == dag:* ]]; then
      p=$(target/release/examples/peer_frames "$shape" 9)
      peer+=("$(num '^egui_graphs view: median of [0-9]* later frames: \([0-9.]*\) ms' "$p")")
    fi
  done
  f=$(median "${fit[@]}")
  if [ ${#peer[@]} -gt 0 ]; then
    pm=$(median "${peer[@]}"); ratio=$(echo "$pm / $f" | bc -l)
    peer_col=$(printf '%.1f' "$pm"); ratio_col=$(printf '%.0fx' "$ratio")
  else
    peer_col='–'; ratio_col='–'
  fi
  printf '| %s | %s | %.0f | %.2f | %.2f | %s | %s | %.1f / %.1f | %.0f |\n' "$shape" "$nodes" \
    "$(median "${first[@]}")" "$(median "${start[@]}")" "$f" "$peer_col" "$ratio_col" \
    "$(median "${slow[@]}")" "$(median "${idle[@]}")" "$(echo "$(median "${rss[@]}") / 1024" | bc -l)"
done
