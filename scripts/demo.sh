#!/usr/bin/env bash
# Run Bridewell on demo data: a synthetic week of custody records for three suites, with the
# compliance defects inspectors typically find planted in about one record in five, audited.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/bootstrap.sh
mkdir -p out
"$UV" run --frozen bridewell synth --days 7 --suites 3 --seed 2026 --start 2026-10-19 \
  --defects 0.2 --out out/demo-week.jsonl.gz --truth out/demo-week-truth.jsonl
"$UV" run --frozen bridewell audit out/demo-week.jsonl.gz --at 2026-11-01T00:00:00Z --summary
echo
echo "Records: out/demo-week.jsonl.gz. Every finding, with its law and proof:"
echo "  .venv/bin/bridewell audit out/demo-week.jsonl.gz --at 2026-11-01T00:00:00Z | less -S"
