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
  if ! swift test --sanitize="$sanitizer" --scratch-path ".build-$sanitizer" 2>&1 | tail -n 40; then
    status=1
  fi
done
exit $status
