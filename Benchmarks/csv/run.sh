#!/bin/sh
# CSV benchmark (not a test): `customs validate` (release build) over a generated declarations
# CSV, and Python's csv module reading the same file in the same run; MB/s and peak RSS from
# /usr/bin/time -v.
#
# usage: Benchmarks/csv/run.sh [SIZE_MB]   (default 1000; the file is kept in $CSV_BENCH_DIR or /tmp)
set -eu
root="$(cd "$(dirname "$0")/../.." && pwd)"
size="${1:-1000}"
dir="${CSV_BENCH_DIR:-/tmp}"
file="$dir/customs-bench-realistic-$size.csv"
cd "$root"
swift build -c release --static-swift-stdlib --product customs >/dev/null
swift build -c release --static-swift-stdlib --product csv-bench >/dev/null
[ -f "$file" ] || python3 Benchmarks/csv/generate.py "$file" "$size"
bytes=$(stat -c %s "$file")
cat "$file" > /dev/null   # warm the page cache for both readers

measure() { # label, command...
    label="$1"; shift
    log="$(mktemp)"
    status=0
    /usr/bin/time -v "$@" > /dev/null 2> "$log" || status=$?
    wall=$(grep "Elapsed (wall clock)" "$log" | awk '{print $NF}')
    user=$(grep "User time" "$log" | awk '{print $NF}')
    system=$(grep "System time" "$log" | awk '{print $NF}')
    rss=$(grep "Maximum resident set size" "$log" | awk '{print $NF}')
    seconds=$(echo "$wall" | awk -F: '{ if (NF == 3) print $1 * 3600 + $2 * 60 + $3; else print $1 * 60 + $2 }')
    # MB/s by the wall clock, and by CPU time (user + system: fairer on a machine shared with builds).
    awk -v l="$label" -v b="$bytes" -v s="$seconds" -v u="$user" -v y="$system" -v r="$rss" -v st="$status" 'BEGIN {
        printf "%-28s %7.1f MB/s wall (%6.2f s)  %7.1f MB/s CPU (%6.2f s)  peak RSS %7.1f MB  (exit %d)\n",
            l, b / 1e6 / s, s, b / 1e6 / (u + y), u + y, r / 1024, st }'
    rm -f "$log"
}

echo "file: $file ($(awk -v b="$bytes" 'BEGIN { printf "%.0f", b / 1e6 }') MB)"
measure "python3 csv.reader" python3 -c 'import csv, sys
n = 0
with open(sys.argv[1], newline="", encoding="utf-8") as f:
    for row in csv.reader(f):
        n += 1
print(n)' "$file"
echo "(CSV stage alone, streaming, declarations discarded:)"; measure "csv-bench (CSV stage only)" .build/release/csv-bench "$file"
measure "customs validate (text)" .build/release/customs validate --jobs 1 "$file"
measure "customs validate (json)" .build/release/customs validate --jobs 1 --format json "$file"
