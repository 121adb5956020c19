#!/usr/bin/env bash
# Runs the whole test suite under AddressSanitizer and then ThreadSanitizer, each in its own
# build folder (every dependency is rebuilt with the sanitizer: allow 15–30 minutes each on two
# cores). Not part of .ci/run: together they do not fit CI's time limit next to the plain run.
#
#   Scripts/sanitizers.sh [address|thread]...     (default: both)
set -euo pipefail
cd "$(dirname "$0")/.."
sanitizers=("$@")
[ ${#sanitizers[@]} -gt 0 ] || sanitizers=(address thread)
status=0
for sanitizer in "${sanitizers[@]}"; do
  echo "== swift test --sanitize=$sanitizer"
  log=".build-$sanitizer.log"
  swift test --sanitize="$sanitizer" --scratch-path ".build-$sanitizer" > "$log" 2>&1 || status=1
  # The verdicts: test results, sanitizer errors and leak summaries (full reports in the log).
  grep -E "Test run|✘ Test|ERROR: (Address|Thread)Sanitizer|WARNING: ThreadSanitizer|SUMMARY" "$log" || true
  echo "(full output: $log)"
done
exit $status
