#!/bin/sh
# Performance benchmark (not a test): `customs validate --format json` (release build) against
# xmllint / Python's csv module on the same generated files, in the same run. See README.md.
#
# usage: Benchmarks/perf/run.sh [SCALE] [BENCH...]
#   SCALE  fraction of the full sizes (1 = 10,000 files, 1 GB; default 1)
#   BENCH  any of ceb dec cbd csv cold (default: all)
# The corpora are generated once into $PERF_BENCH_DIR (default /tmp/customs-perf) and kept.
set -eu
root="$(cd "$(dirname "$0")/../.." && pwd)"
scale="${1:-1}"
[ $# -gt 0 ] && shift
[ $# -gt 0 ] || set -- ceb dec cbd csv cold
cd "$root"
swift build -c release --static-swift-stdlib --product customs >/dev/null
exec python3 Benchmarks/perf/bench.py "$scale" "${PERF_BENCH_DIR:-/tmp/customs-perf}" "$@"
