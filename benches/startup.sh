#!/usr/bin/env bash
# Whole-process start-up, peak memory and idle CPU of the release app beside egui_graphs'
# default view (examples/default_view.rs) showing the same tree: the bundled tree and
# seeded decision DAGs of 10,000 and 100,000 nodes (`tradeoff generate`, 20% shared).
# Each program runs RUNS times (default 3), every time in a fresh Xvfb with fresh state
# directories; the table gives the median of the runs. Needs xvfb, xdotool, python3 and
# imagemagick.
#   benches/startup.sh [RUNS]
#
# First paint: a poller captures the screen (XGetImage on the root window, through libX11)
# once, starts the program, then captures ten rows of the screen, 100 px apart, every
# 10 ms, and the whole screen every 200 ms; the first capture that differs from the one
# before the start holds the first painted frame, and the time it was asked for is the
# figure. Both windows open at the top left and fill their whole area on every frame, so
# the rows see a first frame within 10 ms. Start-up has settled once the whole screen,
# captured every 200 ms, has not changed for 2 s; "settled" is the time of the last
# capture that changed. Then CPU time over 10 s without input, then peak RSS (VmHWM).
# The first run's first and settled captures are kept as PNGs in $STARTUP_SHOTS (default
# target/startup).
set -euo pipefail
cd "$(dirname "$0")/.."
runs=${1:-3}
quiet=2
window=10
limit=120 # seconds to wait for a first paint, and then for the screen to settle
width=1600 height=1000
shots=${STARTUP_SHOTS:-target/startup}
cargo build --release --quiet --bin tradeoff --example default_view
tick=$(getconf CLK_TCK)
work=$(mktemp -d)
mkdir -p "$shots"
pids=()
cleanup() {
  for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done
  rm -rf "$work"
}
trap cleanup EXIT
# Copies, so that a build finishing elsewhere during the runs cannot change what is run.
cp target/release/tradeoff target/release/examples/default_view "$work/"

# The poller keeps one X connection (starting xwd for every capture took 175 ms a capture
# here). Capturing the whole screen without pause cost a whole core between the poller
# and Xvfb, half of this machine, which slowed the program measured; ten rows every
# 10 ms cost about 4% of a core, and a full capture every 200 ms about 10%.
cat >"$work/poll.py" <<'PY'
import ctypes, ctypes.util, subprocess, sys, time

quiet, limit = float(sys.argv[1]), float(sys.argv[2])
width, height, out, command = int(sys.argv[3]), int(sys.argv[4]), sys.argv[5], sys.argv[6:]
FAST, SLOW = 0.010, 0.200  # seconds between row captures, between full captures
ROWS = range(50, height, 100)

class XImage(ctypes.Structure):
    _fields_ = [(name, ctypes.c_int) for name in ("width", "height", "xoffset", "format")] + [
        ("data", ctypes.c_void_p)] + [(name, ctypes.c_int) for name in (
        "byte_order", "bitmap_unit", "bitmap_bit_order", "bitmap_pad", "depth", "bytes_per_line")]

x11 = ctypes.CDLL(ctypes.util.find_library("X11") or "libX11.so.6")
libc = ctypes.CDLL(None)
x11.XOpenDisplay.restype = ctypes.c_void_p
x11.XOpenDisplay.argtypes = [ctypes.c_char_p]
x11.XDefaultRootWindow.restype = ctypes.c_ulong
x11.XDefaultRootWindow.argtypes = [ctypes.c_void_p]
x11.XGetImage.restype = ctypes.POINTER(XImage)
x11.XGetImage.argtypes = [ctypes.c_void_p, ctypes.c_ulong, ctypes.c_int, ctypes.c_int,
                          ctypes.c_uint, ctypes.c_uint, ctypes.c_ulong, ctypes.c_int]
libc.free.argtypes = [ctypes.c_void_p]
display = x11.XOpenDisplay(None)
if not display:
    sys.exit("cannot open the display")
root = x11.XDefaultRootWindow(display)

def capture(y=0, rows=height):
    image = x11.XGetImage(display, root, 0, y, width, rows, 0xFFFFFFFF, 2)  # ZPixmap
    data = ctypes.string_at(image.contents.data, image.contents.bytes_per_line * rows)
    # XDestroyImage is a macro; the default image frees both with free().
    libc.free(image.contents.data)
    libc.free(image)
    return data

def sample():
    return b"".join(capture(y, 1) for y in ROWS)

def ticks(period):
    """Yields the time each capture is asked for, every `period` s while the child lives."""
    due = time.monotonic()
    while child.poll() is None and time.time() - started < limit:
        yield time.time()
        due += period
        time.sleep(max(0.0, due - time.monotonic()))

rows_before, screen_before = sample(), capture()
started = time.time()
child = subprocess.Popen(command, stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL,
                         stderr=subprocess.DEVNULL)
# First paint: the sampled rows every FAST s, the whole screen every SLOW s in case a
# first frame misses every sampled row.
first, polls = None, 0
for asked in ticks(FAST):
    polls += 1
    if sample() != rows_before or (polls % round(SLOW / FAST) == 0 and capture() != screen_before):
        first = asked
        break
fast_seconds = time.time() - started
# Settled: the whole screen every SLOW s until it has not changed for `quiet` s.
settled, first_image = None, None
if first is not None:
    settled = first
    previous = first_image = capture()
    for asked in ticks(SLOW):
        image = capture()
        if image != previous:
            settled, previous = asked, image
        if asked - settled > quiet:
            break
    else:
        settled = None  # still changing at the limit, or exited
    open(out + ".first", "wb").write(first_image)
    open(out + ".settled", "wb").write(previous)
ms = lambda t: "-" if t is None else str(round((t - started) * 1000))
print(child.pid, ms(first), ms(settled), polls, round(fast_seconds, 3))
PY

"$work/tradeoff" generate --nodes 10000 --seed 1 -o "$work/dag-10000.json"
"$work/tradeoff" generate --nodes 100000 --seed 1 -o "$work/dag-100000.json"
trees=(bundled dag-10000 dag-100000)
tree_file() { [[ $1 == bundled ]] || echo "$work/$1.json"; }
node_count() { # tree -> nodes, as `validate` counts them
  local file; file=$(tree_file "$1"); file=${file:-trees/aws-containers.json}
  "$work/tradeoff" validate "$file" | sed -n 's/.*: ok (\([0-9]*\) node.*/\1/p'
}
ticks() { awk '{ print $14 + $15 }' "/proc/$1/stat"; }
polls=0
polled=0

# One run of one program in its own Xvfb: sets r_first and r_settled (ms from the start,
# "-" if never), r_idle (CPU ticks over the window, "-" if it exited) and r_rss (kB).
# $1: the name for its screenshots (empty: keep none); the rest: the command.
measure() {
  local shot=$1
  shift
  # -displayfd: Xvfb picks a free display and writes it once it accepts clients.
  # -noreset: else the server resets (and the pointer returns to the middle) whenever
  # its last client leaves, as xdotool does.
  : >"$work/display"
  Xvfb -displayfd 5 -noreset -screen 0 "${width}x${height}x24" -nolisten tcp -br \
    5>"$work/display" >/dev/null 2>&1 &
  local xvfb=$!
  pids+=("$xvfb")
  until [[ -s $work/display ]]; do
    kill -0 "$xvfb" 2>/dev/null || { echo "Xvfb did not start" >&2; exit 1; }
    sleep 0.05
  done
  local display; display=:$(<"$work/display")
  # Xvfb puts the pointer in the middle of the screen, over the graph: a hover would
  # open a tooltip and delay "settled". Both windows open at the top left, 1400x880.
  DISPLAY=$display xdotool mousemove $((width - 1)) $((height - 1))
  local state; state=$(mktemp -d "$work/state.XXXXXX")
  local pid n seconds
  read -r pid r_first r_settled n seconds < <(DISPLAY=$display XDG_DATA_HOME=$state \
    XDG_CONFIG_HOME=$state TRADEOFF_DATA_DIR=$state \
    python3 "$work/poll.py" "$quiet" "$limit" "$width" "$height" "$work/shot" "$@") || true
  [[ -n ${pid:-} ]] || { echo "the screen poller failed on $*" >&2; exit 1; }
  pids+=("$pid")
  polls=$((polls + n))
  polled=$(awk -v a="$polled" -v b="$seconds" 'BEGIN { print a + b }')
  r_idle=- r_rss=-
  if kill -0 "$pid" 2>/dev/null; then
    local a0; a0=$(ticks "$pid")
    sleep "$window"
    r_idle=$(($(ticks "$pid") - a0))
    r_rss=$(awk '/^VmHWM/ { print $2 }' "/proc/$pid/status")
  fi
  if [[ -n $shot && $r_first != - ]]; then
    for which in first settled; do
      convert -size "${width}x${height}" -depth 8 "bgra:$work/shot.$which" -alpha off \
        "$shots/$shot-$which.png"
    done
  fi
  # The program is no child of this shell (the poller started it): wait for it by its
  # pid, until it is gone or a zombie that nobody here can reap.
  kill "$pid" "$xvfb" 2>/dev/null || true
  while [[ $(awk '{ print $3 }' "/proc/$pid/stat" 2>/dev/null || echo gone) != @(Z|gone) ]]; do
    sleep 0.1
  done
  wait "$xvfb" 2>/dev/null || true
  rm -rf "$state" "$work"/shot.*
}

declare -A first settled idle rss
for run in $(seq "$runs"); do
  for tree in "${trees[@]}"; do
    file=$(tree_file "$tree")
    for program in tradeoff peer; do
      shot=''
      [[ $run == 1 ]] && shot=$tree-$program
      binary=$work/tradeoff
      [[ $program == peer ]] && binary=$work/default_view
      measure "$shot" "$binary" ${file:+"$file"}
      key=$tree/$program
      first[$key]+="$r_first " settled[$key]+="$r_settled " idle[$key]+="$r_idle " rss[$key]+="$r_rss "
      echo "run $run, $key: first paint $r_first ms, settled $r_settled ms," \
        "idle $r_idle ticks, VmHWM $r_rss kB" >&2
    done
  done
done

# The median of a list; "-" (never painted, or exited) counts as the longest.
median() {
  printf '%s\n' $1 | sed 's/^-$/inf/' | sort -g |
    awk '{ a[NR] = $1 } END { m = a[int((NR + 1) / 2)]; print (m == "inf") ? "-" : m }'
}
to_mb() { [[ $1 == - ]] && echo - || awk -v k="$1" 'BEGIN { print k / 1024 }'; }
pct() { [[ $1 == - ]] && echo - || awk -v x="$1" -v t="$tick" -v w="$window" 'BEGIN { print 100 * x / t / w }'; }
row() { # tree measure ours peer printf-format
  awk -v t="$1" -v m="$2" -v a="$3" -v p="$4" -v f="$5" 'BEGIN {
    ours = (a == "-") ? "-" : sprintf(f, a); theirs = (p == "-") ? "-" : sprintf(f, p);
    ratio = (a == "-" || p == "-") ? "-" : (a + 0 == 0) ? "- (Tradeoff: 0)" : sprintf("%.1fx", p / a);
    printf "| %s | %s | %s | %s | %s |\n", t, m, ours, theirs, ratio;
  }'
}
echo
echo "load average at the end: $(cut -d' ' -f1-3 /proc/loadavg) (this machine: $(nproc) cores)"
awk -v n="$polls" -v s="$polled" 'BEGIN {
  printf "first-paint polling: %d row captures, one every %.1f ms on average\n\n", n, 1000 * s / n }'
printf '| tree (nodes) | measure | Tradeoff | egui_graphs default view | peer / Tradeoff |\n'
printf '|---|---|---|---|---|\n'
for tree in "${trees[@]}"; do
  name="$tree ($(node_count "$tree"))"
  a=$tree/tradeoff p=$tree/peer
  row "$name" "first painted frame (ms)" "$(median "${first[$a]}")" "$(median "${first[$p]}")" "%d"
  row "$name" "screen settled (ms)" "$(median "${settled[$a]}")" "$(median "${settled[$p]}")" "%d"
  row "$name" "peak RSS (MB)" "$(to_mb "$(median "${rss[$a]}")")" "$(to_mb "$(median "${rss[$p]}")")" "%.0f"
  row "$name" "idle CPU over ${window} s (% of one core)" "$(pct "$(median "${idle[$a]}")")" \
    "$(pct "$(median "${idle[$p]}")")" "%.2f"
done
echo "screenshots of the first run: $shots/" >&2
