#!/usr/bin/env bash
# Layout quality: our layered layout against Graphviz dot, elkjs (layered) and dagre, on
# the same graphs with the same node and label sizes, all measured by the one metrics
# module of examples/layout_quality. Writes the specs, runs every peer on every spec, then
# prints the table (also saved as OUT/table.md).
#
#   benches/layout_quality.sh [OUT]         OUT defaults to target/layout-quality
#
# Environment: LIMIT (seconds a peer process may run, default 600), ONLY (graph names,
# comma-separated), ELK_ROUTING (ORTHOGONAL, the default, or SPLINES: on the graphs of
# up to 1,000 nodes orthogonal routing ran through no node box, splines through 8).
#
# Needs Graphviz (`apt-get install -y graphviz`) and Node.js 18 or later with npm; the
# pinned elkjs and dagre are installed into benches/layout_peers/ by `npm ci` when missing.
# elkjs and dagre are timed in-process (the layout call only, median of up to 5 runs
# within a minute); dot as the wall time of the whole process (parse, layout, -Tjson
# output), median of up to 5 runs within a minute.
set -euo pipefail
cd "$(dirname "$0")/.."
out=${1:-target/layout-quality}
limit=${LIMIT:-600}
routing=${ELK_ROUTING:-ORTHOGONAL}
peers=benches/layout_peers

command -v dot >/dev/null || { echo "needs Graphviz dot: apt-get install -y graphviz" >&2; exit 1; }
command -v node >/dev/null || { echo "needs Node.js 18 or later" >&2; exit 1; }
[ -d "$peers/node_modules" ] || (cd "$peers" && npm ci --no-audit --no-fund --loglevel=error)

cargo build --release --quiet --example layout_quality
example=target/release/examples/layout_quality
only=()
[ -n "${ONLY:-}" ] && only=(--only "$ONLY")
"$example" --out "$out" --specs-only "${only[@]}"

now_ms() { echo $(( $(date +%s%N) / 1000000 )); }

# peer NAME TOOL COMMAND...: runs COMMAND under the time limit; on failure leaves
# NAME.TOOL.timeout (the limit) or NAME.TOOL.failed (its error message).
peer() {
  local name=$1 tool=$2; shift 2
  local err; err=$(mktemp)
  local status=0
  timeout "$limit" "$@" </dev/null 2>"$err" || status=$?
  if [ "$status" -eq 124 ]; then
    echo "$limit" >"$out/$name.$tool.timeout"
  elif [ "$status" -ne 0 ]; then
    # The error itself, not the runtime's version line that node prints after it.
    { grep -m 1 -E 'Error|FATAL' "$err" || tail -n 1 "$err"; } >"$out/$name.$tool.failed"
  fi
  rm -f "$err"
  return "$status"
}

# The list is read on descriptor 3, so no peer can swallow it from stdin.
while read -r name nodes time_only <&3; do
  spec=$out/$name.spec.json
  rm -f "$out/$name".{dot,elkjs,dagre}.{json,timeout,failed} "$out/$name".dot.{gv,out.json}
  echo "== $name ($nodes nodes)" >&2

  node "$peers/run.mjs" dot-input "$spec" "$out/$name.dot.gv"
  runs=() total=0
  while [ "${#runs[@]}" -lt 5 ] && { [ "${#runs[@]}" -eq 0 ] || [ "$total" -lt 60000 ]; }; do
    t0=$(now_ms)
    peer "$name" dot dot -Tjson -o "$out/$name.dot.out.json" "$out/$name.dot.gv" || break
    ms=$(( $(now_ms) - t0 ))
    runs+=("$ms") total=$(( total + ms ))
  done
  if [ "${#runs[@]}" -gt 0 ] && [ ! -e "$out/$name.dot.timeout" ] && [ ! -e "$out/$name.dot.failed" ]; then
    (IFS=,; echo "[${runs[*]}]") >"$out/$name.dot.times.json"
    node "$peers/run.mjs" dot-output "$spec" "$out/$name.dot.out.json" "$out/$name.dot.times.json" "$out/$name.dot.json"
  fi
  echo "   dot done" >&2

  # elkjs recurses deeply on large graphs (at 100,000 nodes it overflows node's default
  # stack within seconds): give it a 4 GB stack limit, which only costs what it uses.
  peer "$name" elkjs bash -c 'stack=(); ulimit -s 4000000 2>/dev/null && stack=(--stack-size=2000000)
    exec node "${stack[@]}" --max-old-space-size=12288 "$@"' elkjs \
    "$peers/run.mjs" elkjs "$spec" "$out/$name.elkjs.json" "$routing" || true
  echo "   elkjs done" >&2
  peer "$name" dagre node --max-old-space-size=12288 "$peers/run.mjs" dagre "$spec" "$out/$name.dagre.json" || true
  echo "   dagre done" >&2
done 3<"$out/graphs.txt"

echo "command: benches/layout_quality.sh $*" >&2
"$example" --out "$out" "${only[@]}" | tee "$out/table.md"
