#!/usr/bin/env bash
# Paired import benchmark: two checkouts of this repository take turns (A B A B …, after one
# warm-up run each), so a machine whose speed drifts during the call moves both alike, and the
# ratio of their import times is taken pair by pair. Each run is `bench/import.ts` under GNU time.
#
# usage: DATABASE_URL=… packages/core/bench/paired-import.sh <checkout A> <checkout B> <pairs> [bench args]
#   e.g. … paired-import.sh /work/main /tmp/before 6 --rows 50000 --baseline-rows 20
# Prints each run's figures as it ends, then as its last line JSON: each side's runs and medians,
# and A's import time over B's for each pair.
set -euo pipefail
if [ $# -lt 3 ]; then
  sed -n '6,7p' "$0" >&2
  exit 2
fi
checkout_a=$(realpath "$1")
checkout_b=$(realpath "$2")
pairs=$3
shift 3
bench_args=("$@")
: "${DATABASE_URL:?set DATABASE_URL to the PostgreSQL server to import into}"
runs=$(mktemp)
trap 'rm -f "$runs" "$runs.time" "$runs.out"' EXIT

# One run of one side; appends {"side","pair",…the bench's JSON…,"wall_s","peak_kib"} to $runs.
run_side() {
  local side=$1 checkout=$2 pair=$3
  (cd "$checkout/packages/core" &&
    /usr/bin/time -f '%e %M' -o "$runs.time" node --import tsx bench/import.ts "${bench_args[@]}" >"$runs.out" 2>&1) ||
    { cat "$runs.out" >&2; exit 1; }
  local figures wall peak
  figures=$(tail -1 "$runs.out")
  read -r wall peak <"$runs.time"
  local line="{\"side\":\"$side\",\"pair\":$pair,\"wall_s\":$wall,\"peak_kib\":$peak,${figures#\{}"
  echo "$line" >&2
  [ "$pair" -gt 0 ] && echo "$line" >>"$runs"
  return 0
}

for pair in $(seq 0 "$pairs"); do # pair 0 is the warm-up
  run_side A "$checkout_a" "$pair"
  run_side B "$checkout_b" "$pair"
done

node - "$runs" "$checkout_a" "$checkout_b" <<'EOF'
const [file, a, b] = process.argv.slice(2);
const runs = require("node:fs").readFileSync(file, "utf8").trim().split("\n").map((l) => JSON.parse(l));
// The median of an even count is the mean of the middle two.
const median = (xs) => {
  const s = [...xs].sort((x, y) => x - y);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
};
const keys = ["rows_per_s", "seconds", "client_cpu_s", "server_cpu_s", "client_idle_s", "wall_s", "peak_kib"];
const side = (name, checkout) => {
  const mine = runs.filter((r) => r.side === name);
  const medians = Object.fromEntries(keys.map((k) => [k, Math.round(median(mine.map((r) => r[k])) * 100) / 100]));
  return { checkout, rows_per_s: mine.map((r) => r.rows_per_s), medians };
};
// Import time from rows/s, which the bench rounds less than its seconds.
const importSeconds = (name, pair) => {
  const run = runs.find((r) => r.side === name && r.pair === pair);
  return run.rows / run.rows_per_s;
};
const pairs = [...new Set(runs.map((r) => r.pair))];
const ratios = pairs.map((p) => Math.round((importSeconds("A", p) / importSeconds("B", p)) * 100) / 100);
console.log(JSON.stringify({ A: side("A", a), B: side("B", b), import_s_a_over_b: ratios }));
EOF
