#!/bin/sh
# Regenerates the encoded CSV fixtures from their UTF-8 sources in source/ with iconv.
set -eu
cd "$(dirname "$0")"
iconv -f UTF-8 -t WINDOWS-1251 source/russian-excel-cp1251-semicolon-decimal-comma.utf8.csv > russian-excel-cp1251-semicolon-decimal-comma.csv
iconv -f UTF-8 -t GBK source/chinese-excel-gbk.utf8.csv > chinese-excel-gbk.csv
# UTF-16LE with a byte-order mark, as Excel's "Unicode text" export writes it.
{ printf '\377\376'; iconv -f UTF-8 -t UTF-16LE source/utf16-with-bom.utf8.csv; } > utf16-with-bom.csv
