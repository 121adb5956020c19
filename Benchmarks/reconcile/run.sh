#!/usr/bin/env bash
# Reconcile benchmark: store 2×PAIRS declarations (default 50,000 pairs), then time
# `customs reconcile --db` over the whole store, with peak RSS. Not part of the test run.
set -euo pipefail
cd "$(dirname "$0")/../.."
pairs=${1:-50000}
work=${WORK:-/tmp/customs-bench-reconcile}
rm -rf "$work" && mkdir -p "$work"
swift build -c release --static-swift-stdlib >/dev/null
python3 Benchmarks/reconcile/generate.py "$pairs" "$work/in"
echo "storing $((pairs * 2)) declarations..."
/usr/bin/time -f "store: %e s, peak RSS %M KB" .build/release/customs validate --db "$work/store.sqlite" "$work/in" > "$work/validate.txt" || true
tail -1 "$work/validate.txt"
echo "reconciling the store..."
/usr/bin/time -f "reconcile: %e s, peak RSS %M KB" .build/release/customs reconcile --db "$work/store.sqlite" --format json > "$work/reconcile.json"
python3 - "$work/reconcile.json" <<'PY'
import json, sys
d = json.load(open(sys.argv[1]))
rules = {}
for p in d["pairs"]:
    for f in p["findings"]:
        rules[f["rule"]] = rules.get(f["rule"], 0) + 1
print(f'{len(d["pairs"])} pairs, {len(d["unmatched"])} unmatched; mirror findings: {rules}')
PY
