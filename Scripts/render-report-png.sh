#!/usr/bin/env bash
# Renders an HTML report to a PNG with headless Chromium, to look at it as a browser shows it.
#
#   Scripts/render-report-png.sh REPORT.html [OUT.png] [WIDTH] [HEIGHT] [SECTION]
#
# SECTION (summary, mirror, rules, clearance, declarations) renders only that part of the page,
# to look at what lies below the first screen.
# Needs Debian's `chromium` (apt-get install chromium; fonts-wqy-zenhei or fonts-noto-cjk for
# Chinese text). The page is loaded from the file system with the network disabled, so a
# reference to anything outside the page shows up as missing in the picture.
set -euo pipefail

html=${1:?usage: $0 REPORT.html [OUT.png] [WIDTH] [HEIGHT]}
png=${2:-${html%.*}.png}
width=${3:-1280}
height=${4:-2400}
section=${5:-}

browser=$(command -v chromium || command -v chromium-browser || true)
if [ -z "$browser" ]; then
  echo "error: chromium not found; install it with: apt-get install chromium" >&2
  exit 2
fi

profile=$(mktemp -d)
trap 'rm -rf "$profile"' EXIT
abs=$(cd "$(dirname "$html")" && pwd)/$(basename "$html")
if [ -n "$section" ]; then
  sed "s|</style>|main > section:not(#$section) { display: none; }</style>|" "$abs" > "$profile/page.html"
  abs=$profile/page.html
fi
case "$png" in /*) out=$png ;; *) out=$(pwd)/$png ;; esac

"$browser" --headless --no-sandbox --disable-gpu --hide-scrollbars \
  --user-data-dir="$profile" --no-first-run --disable-extensions \
  --proxy-server="127.0.0.1:9" --proxy-bypass-list="<-loopback>" \
  --window-size="${width},${height}" --screenshot="$out" "file://$abs" >/dev/null 2>"$profile/stderr" || {
  cat "$profile/stderr" >&2
  exit 1
}
echo "$out"
