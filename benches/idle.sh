#!/usr/bin/env bash
# Idle CPU: starts the release app and, in the same run, egui_graphs' default view of the
# same tree, each in its own Xvfb; waits for start-up, then reads each process's CPU time
# from /proc over an idle window. Usage: benches/idle.sh [seconds, default 10]
set -euo pipefail
cd "$(dirname "$0")/.."
window=${1:-10}
cargo build --release --quiet --bin tradeoff --example default_view
tick=$(getconf CLK_TCK)
pids=()
cleanup() { for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done; }
trap cleanup EXIT

start() { # display command... -> prints the app's pid
  local display=$1; shift
  Xvfb "$display" -screen 0 1600x1000x24 -nolisten tcp >/dev/null 2>&1 &
  pids+=($!)
  sleep 1
  local state; state=$(mktemp -d)
  DISPLAY=$display XDG_DATA_HOME=$state XDG_CONFIG_HOME=$state TRADEOFF_DATA_DIR=$state "$@" >/dev/null 2>&1 &
  pids+=($!)
  echo $!
}
cpu_ticks() { awk '{ print $14 + $15 }' "/proc/$1/stat"; }

app=$(start :71 target/release/tradeoff)
peer=$(start :72 target/release/examples/default_view)
sleep 6 # start-up, first layout and fit
a0=$(cpu_ticks "$app"); p0=$(cpu_ticks "$peer")
sleep "$window"
a1=$(cpu_ticks "$app"); p1=$(cpu_ticks "$peer")
awk -v a=$((a1 - a0)) -v p=$((p1 - p0)) -v t="$tick" -v w="$window" 'BEGIN {
  app = 100 * a / t / w; peer = 100 * p / t / w;
  printf "idle window: %d s, no input\n", w;
  printf "tradeoff (release):             %6.2f %% of one core (%d ticks)\n", app, a;
  printf "egui_graphs default view peer:  %6.2f %% of one core (%d ticks)\n", peer, p;
  if (app > 0) printf "peer / tradeoff: %.0fx\n", peer / app; else printf "peer / tradeoff: tradeoff used no measurable CPU\n";
}'

# After input: move over the graph, choose an answer, zoom; then idle again.
w=$(DISPLAY=:71 xdotool search --name "Tradeoff" | head -n1)
DISPLAY=:71 xdotool windowfocus --sync "$w" 2>/dev/null || true
for x in 500 600 700 800; do DISPLAY=:71 xdotool mousemove "$x" 400; sleep 0.1; done
DISPLAY=:71 xdotool key 1; sleep 0.3
DISPLAY=:71 xdotool click 4; sleep 0.3
DISPLAY=:71 xdotool mousemove 1500 950
sleep 2
a0=$(cpu_ticks "$app")
sleep "$window"
a1=$(cpu_ticks "$app")
awk -v a=$((a1 - a0)) -v t="$tick" -v w="$window" 'BEGIN {
  printf "tradeoff after input, then idle: %6.2f %% of one core (%d ticks)\n", 100 * a / t / w, a;
}'
