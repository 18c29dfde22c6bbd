# Sourced by bootstrap.sh: install the front-end packages from the npm registry (pinned by
# package-lock.json) and build build/static/bridewell/ from them. Nothing here is committed.
set -euo pipefail
if [ ! -d node_modules/govuk-frontend ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  npm ci --no-audit --no-fund --ignore-scripts --loglevel=error >/dev/null
fi
OUT=build/static/bridewell
GOVUK=node_modules/govuk-frontend/dist/govuk
mkdir -p "$OUT"
npx --no-install sass --pkg-importer=node --style=compressed --no-source-map --no-error-css \
  src/bridewell/web/assets/bridewell.scss "$OUT/bridewell.css"
cp "$GOVUK/govuk-frontend.min.js" "$GOVUK/govuk-frontend.min.js.map" "$OUT/"
cp src/bridewell/web/assets/bridewell.js "$OUT/"
rm -rf "$OUT/assets" && cp -r "$GOVUK/assets" "$OUT/assets"
