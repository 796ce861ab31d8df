#!/usr/bin/env bash
# Layout speed on pure trees: our tidy layout and our layered layout against d3-hierarchy's
# tree(), d3-flextree, dagre and elkjs (layered), in one run on the same trees with the same
# node and label sizes. Prints one Markdown table (also saved as OUT/table.md).
#
#   benches/layout_speed.sh [OUT]           OUT defaults to target/layout-speed
#
# Environment: NODES (tree sizes, comma-separated, default 10000,100000), LIMIT (seconds
# a peer may spend on one tree, default 60; a peer stopped there is not run on the larger
# trees of that shape).
#
# Needs Node.js 18 or later with npm; the pinned peers are installed into
# benches/layout_peers/ by `npm ci` when one is missing. Ours: `layout_speed` example,
# median of 5 runs in its process (release build). Peers: benches/layout_peers/speed.mjs,
# the layout call alone in-process, median of up to 5 runs within LIMIT.
set -euo pipefail
cd "$(dirname "$0")/.."
out=${1:-target/layout-speed}
peers=benches/layout_peers

command -v node >/dev/null || { echo "needs Node.js 18 or later" >&2; exit 1; }
for p in d3-hierarchy d3-flextree elkjs @dagrejs/dagre; do
  if [ ! -d "$peers/node_modules/$p" ]; then
    (cd "$peers" && npm ci --no-audit --no-fund --loglevel=error)
    break
  fi
done

cargo build --release --quiet --example layout_speed
mkdir -p "$out"
rm -f "$out"/*.spec.json "$out"/specs.txt "$out"/{ours,peers}.jsonl
nodes=()
[ -n "${NODES:-}" ] && nodes=(--nodes "$NODES")
echo "== ours" >&2
target/release/examples/layout_speed "$out" "${nodes[@]}" >"$out/ours.jsonl"
echo "== peers" >&2
node "$peers/speed.mjs" "$out" >"$out/peers.jsonl"

echo "command: benches/layout_speed.sh $*" >&2
node "$peers/speed.mjs" table "$out/ours.jsonl" "$out/peers.jsonl" | tee "$out/table.md"
