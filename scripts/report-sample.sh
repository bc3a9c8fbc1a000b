#!/usr/bin/env bash
# Prints the demo's quarterly report (run/demo/bao-cao-quy-iv-2026.html, written by `make demo`)
# to PDF with headless Chromium, as an officer's browser would, and keeps its first two pages as
# the pictures README.md shows (docs/images/report-sample-1.png, -2.png). Needs `make deps`.
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
pdftoppm -png -r 72 -f 1 -l 2 "$work/report.pdf" "$work/page"
cp "$work"/page-1.png docs/images/report-sample-1.png
cp "$work"/page-2.png docs/images/report-sample-2.png
pdfinfo run/demo/bao-cao-quy-iv-2026.pdf | grep -E '^(Pages|Page size)'
echo "wrote run/demo/bao-cao-quy-iv-2026.pdf, docs/images/report-sample-1.png, docs/images/report-sample-2.png"
