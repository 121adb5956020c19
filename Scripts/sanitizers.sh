#!/usr/bin/env bash
# Runs the whole test suite under AddressSanitizer and then ThreadSanitizer, each in its own
# build folder (every dependency is rebuilt with the sanitizer: allow 15–30 minutes each on two
# cores). .ci/run calls it after the plain run when CI's time allows.
# LeakSanitizer ignores the test harness's own leaks (Scripts/lsan-suppressions.txt).
#
#   Scripts/sanitizers.sh [address|thread]...     (default: both)
set -euo pipefail
cd "$(dirname "$0")/.."
export LSAN_OPTIONS="suppressions=$PWD/Scripts/lsan-suppressions.txt${LSAN_OPTIONS:+:$LSAN_OPTIONS}"
sanitizers=("$@")
[ ${#sanitizers[@]} -gt 0 ] || sanitizers=(address thread)
status=0
for sanitizer in "${sanitizers[@]}"; do
  echo "== swift test --sanitize=$sanitizer"
  log=".build-$sanitizer.log"
  if ! swift test --sanitize="$sanitizer" --scratch-path ".build-$sanitizer" > "$log" 2>&1; then
    status=1
    echo "-- swift test --sanitize=$sanitizer failed; the end of its output:"
    tail -n 80 "$log"
  fi
  # The verdicts: test results, sanitizer errors and leak summaries (full reports in the log).
  grep -E "Test run|✘ Test|ERROR: (Address|Thread)Sanitizer|WARNING: ThreadSanitizer|SUMMARY" "$log" || true
  echo "(full output: $log)"
done
exit $status
