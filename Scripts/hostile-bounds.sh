#!/usr/bin/env bash
# Measures wall time and peak memory of `customs validate` on every hostile file, release build,
# against the bounds of issue 12: under 2 s and 200 MB peak RSS each, exit status 1, the process
# never killed, no local file content in the output.
#
# Usage: Scripts/hostile-bounds.sh [WORKDIR]   (default: a fresh temporary folder)
# Prints one line per file: verdict, exit status, wall seconds, peak RSS MB, rules reported.
# Exits 1 when any file breaks a bound.
set -uo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)
work=${1:-$(mktemp -d -t customs-hostile-XXXXXX)}
max_seconds=${MAX_SECONDS:-2}
max_mb=${MAX_MB:-200}

swift build -c release --static-swift-stdlib --product customs >&2 || exit 2
binary="$root/.build/release/customs"
rm -rf "$work/generated"
python3 Scripts/hostile-generate.py "$work/generated" Samples/cn-dec-export-alashankou-rail.xml >&2 || exit 2

files=("$root"/Tests/Fixtures/hostile/* "$work"/generated/*.*)
# A handful of the truncations is enough here; the test suite reads them all.
files+=("$work"/generated/truncated/truncated-at-00000.xml "$work"/generated/truncated/truncated-at-00504.xml
        "$work"/generated/truncated/truncated-at-01456.xml "$work"/generated/truncated/truncated-at-03290.xml)

failed=0
printf '%-8s %-4s %7s %8s  %-40s %s\n' verdict exit seconds peak-MB file rules
for file in "${files[@]}"; do
    [ -f "$file" ] || continue
    out="$work/out.json"; timing="$work/time.txt"
    /usr/bin/time -v -o "$timing" timeout -s KILL 60 "$binary" validate --format json "$file" >"$out" 2>"$work/err.txt"
    status=$?
    wall=$(awk -F': ' '/Elapsed \(wall clock\)/ {n=split($2,p,":"); s=0; for(i=1;i<=n;i++) s=s*60+p[i]; print s}' "$timing")
    rss_kb=$(awk -F': ' '/Maximum resident set size/ {print $2}' "$timing")
    rss_mb=$(( ${rss_kb:-0} / 1024 ))
    rules=$(grep -o '"rule" *: *"[^"]*"' "$out" | sed 's/.*: *"//; s/"$//' | sort -u | paste -sd, -)
    verdict=ok
    if grep -q 'Command terminated by signal' "$timing" || [ "$status" -gt 2 ]; then verdict=KILLED; fi
    if [ "$status" -ne 1 ]; then verdict=EXIT; fi
    if awk -v w="$wall" -v m="$max_seconds" 'BEGIN {exit !(w > m)}'; then verdict=SLOW; fi
    if [ "$rss_mb" -gt "$max_mb" ]; then verdict=MEMORY; fi
    if grep -q 'root:x:0' "$out" "$work/err.txt"; then verdict=LEAK; fi
    [ "$verdict" = ok ] || failed=1
    printf '%-8s %-4s %7s %8s  %-40s %s\n' "$verdict" "$status" "$wall" "$rss_mb" "$(basename "$file")" "$rules"
done
exit $failed
