#!/usr/bin/env bash
# Prints the demo's quarterly report (run/demo/bao-cao-quy-iv-2026.html, written by `make demo`)
# to PDF with headless Chromium, as an officer's browser would, and keeps its first and last pages
# (the letterhead; the trend chart and the signature) as the pictures README.md shows
# (docs/images/report-sample-1.png, report-sample-last.png). Needs `make deps`.
set -euo pipefail
cd "$(dirname "$0")/.."
html=run/demo/bao-cao-quy-iv-2026.html
[ -f "$html" ] || { echo "error: $html is missing; run 'make demo' first" >&2; exit 1; }
chromium=/usr/bin/chromium-headless-shell
[ -x "$chromium" ] || { echo "error: headless Chromium is missing; run 'make deps'" >&2; exit 1; }
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
# --no-sandbox: Chromium's sandbox refuses to start as root.
"$chromium" --no-sandbox --disable-gpu --no-pdf-header-footer --user-data-dir="$work/profile" \
  --print-to-pdf="$work/report.pdf" "file://$(realpath "$html")" 2>/dev/null
cp "$work/report.pdf" run/demo/bao-cao-quy-iv-2026.pdf
pages=$(pdfinfo "$work/report.pdf" | awk '/^Pages:/ {print $2}')
pdftoppm -png -r 72 -singlefile -f 1 -l 1 "$work/report.pdf" docs/images/report-sample-1
pdftoppm -png -r 72 -singlefile -f "$pages" -l "$pages" "$work/report.pdf" docs/images/report-sample-last
pdfinfo run/demo/bao-cao-quy-iv-2026.pdf | grep -E '^(Pages|Page size)'
echo "wrote run/demo/bao-cao-quy-iv-2026.pdf, docs/images/report-sample-1.png, docs/images/report-sample-last.png (page $pages)"
