# Sourced by the other scripts: a pinned uv in .tools/, then the locked environment in .venv/.
# Nothing is downloaded except from the package registries; no Python is ever downloaded.
set -euo pipefail
export UV_PYTHON_DOWNLOADS=never
PY="${PYTHON:-python3}"
if [ ! -x .tools/bin/uv ]; then
  "$PY" -m venv .tools
  .tools/bin/pip install --quiet --disable-pip-version-check 'uv==0.13.9' 2>/dev/null
fi
UV=.tools/bin/uv
"$UV" sync --frozen --quiet --python "$("$PY" -c 'import sys; print(sys.executable)')"
source scripts/assets.sh
