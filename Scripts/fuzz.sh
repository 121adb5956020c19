#!/usr/bin/env bash
# Builds one libFuzzer target of Fuzz/ with AddressSanitizer and runs it for a given time.
#
# Usage: Scripts/fuzz.sh TARGET SECONDS [extra libFuzzer flags...]
#   TARGET: fuzz-detect | fuzz-xml | fuzz-adapter | fuzz-csv
#   fuzz-adapter reads FUZZ_ADAPTER (cbd-xml, cn-dec, cn-ceb, eaeu-esad, eu-ncts, wco-dms).
# Seeds: ../shared/corpus, Samples/ and Tests/Fixtures/ (XML for the XML targets, CSV for
# fuzz-csv, both for fuzz-detect). The growing corpus is kept in Fuzz/corpus/TARGET, crashes
# in Fuzz/crashes/TARGET/ (both ignored by git): turn each into a regression test.
set -euo pipefail
cd "$(dirname "$0")/.."
target=${1:?usage: Scripts/fuzz.sh TARGET SECONDS}
seconds=${2:?usage: Scripts/fuzz.sh TARGET SECONDS}
shift 2
case "$target" in
    fuzz-detect) patterns=("*.xml" "*.csv") ;;
    fuzz-xml|fuzz-adapter) patterns=("*.xml") ;;
    fuzz-csv) patterns=("*.csv") ;;
    *) echo "unknown target $target" >&2; exit 2 ;;
esac
label=$target${FUZZ_ADAPTER:+-$FUZZ_ADAPTER}

# lld: gold stops with an internal error on the debug information of the sanitized objects.

swift build --package-path Fuzz -c debug -Xswiftc -sanitize=fuzzer,address -Xswiftc -use-ld=lld --product "$target" >&2

seeds=Fuzz/seeds/$label
corpus=Fuzz/corpus/$label
crashes=Fuzz/crashes/$label
rm -rf "$seeds"
mkdir -p "$seeds" "$corpus" "$crashes"
for pattern in "${patterns[@]}"; do
    find ../shared/corpus Samples Tests/Fixtures -type f -name "$pattern" -size -256k -print0 |
        while IFS= read -r -d '' file; do cp "$file" "$seeds/$(echo "$file" | tr '/' '_')"; done
done

# Findings are expected on hostile input; only a crash, a sanitizer report, a leak or a
# timeout stops the run.
exec Fuzz/.build/debug/"$target" "$corpus" "$seeds" \
    -max_total_time="$seconds" -max_len=65536 -timeout=20 -rss_limit_mb=2048 \
    -artifact_prefix="$crashes/" -print_final_stats=1 "$@"
