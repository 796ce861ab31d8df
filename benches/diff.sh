#!/usr/bin/env bash
# `tradeoff diff` on seeded decision DAGs of 10,000 and 100,000 nodes (`tradeoff
# generate`, 20% shared) against a copy in which ten questions swap the targets of their
# first two answers and five prompts are reworded: the time and peak memory of the whole
# command (loading and validating both files included) at walk limits of 10,000 (what
# the app's comparison follows) and 100,000 (the command line's default), beside
# `tradeoff validate` of one file, which is the load part alone. Needs python3.
#   benches/diff.sh
set -euo pipefail
cd "$(dirname "$0")/.."
cargo build --release --quiet --bin tradeoff
bin=target/release/tradeoff
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
printf '| nodes | command | wall s | peak RSS MB |\n|---:|---|---:|---:|\n'
for n in 10000 100000; do
  "$bin" generate --nodes "$n" --seed 1 -o "$work/old.json"
  python3 - "$work/old.json" "$work/new.json" <<'PY'
import json, random, sys
random.seed(4)
d = json.load(open(sys.argv[1]))
qs = [x for x in d["nodes"] if x["kind"] == "question" and len(x["answers"]) >= 2]
for q in random.sample(qs, 10):
    a, b = q["answers"][0], q["answers"][1]
    a["to"], b["to"] = b["to"], a["to"]
for q in random.sample(qs, 5):
    q["prompt"] += " (reworded)"
json.dump(d, open(sys.argv[2], "w"), indent=1)
PY
  measure() {
    local what=$1; shift
    /usr/bin/time -f '%e %M' -o "$work/t" "$@" >/dev/null || true
    read -r secs kb < <(tail -n 1 "$work/t")
    printf '| %s | %s | %s | %d |\n' "$n" "$what" "$secs" $((kb / 1024))
  }
  measure "validate one file" "$bin" validate "$work/old.json"
  measure "diff --limit 10000" "$bin" diff --limit 10000 "$work/old.json" "$work/new.json"
  measure "diff (limit 100000)" "$bin" diff "$work/old.json" "$work/new.json"
done
