#!/usr/bin/env bash
# Install everything media-bias-toolkit needs, then (unless --no-demo) run the main job.
#   bash scripts/setup.sh            # install + run `mbt demo` on the bundled demo corpus
#   bash scripts/setup.sh --no-demo  # install only (what CI does before the tests)
set -euo pipefail
cd "$(dirname "$0")/.."
demo=1
[ "${1:-}" = "--no-demo" ] && demo=0

# NLTK data: NLTK's own NLTK_DATA convention; use the offline copy beside the checkout if present.
if [ -z "${NLTK_DATA:-}" ] && [ -d ../shared/nltk_data ]; then
  export NLTK_DATA="$(cd ../shared/nltk_data && pwd)"
fi

# Static figure export (kaleido 1.x) needs a Chrome/Chromium: Debian's package works offline.
if ! command -v chromium >/dev/null 2>&1 && ! command -v chromium-browser >/dev/null 2>&1 \
   && ! command -v google-chrome >/dev/null 2>&1; then
  if command -v apt-get >/dev/null 2>&1; then
    SUDO=""; [ "$(id -u)" -ne 0 ] && SUDO="sudo"
    $SUDO apt-get update -qq || echo "warning: apt-get update failed" >&2
    $SUDO env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null \
      || echo "warning: could not install chromium; static figure export will be reported as unavailable" >&2
  else
    echo "warning: no chromium and no apt-get; static figure export will be unavailable" >&2
  fi
fi

python3 -m pip install -q --disable-pip-version-check -e ".[test,dask]"
python3 -m ipykernel install --user --name python3 >/dev/null 2>&1 || true
python3 -m toolkit setup      # reports present NLTK resources, downloads missing ones

if [ "$demo" = 1 ]; then
  python3 -m toolkit validate corpora/demo
  python3 -m toolkit info corpora/demo
  python3 -m toolkit demo      # every notebook on the demo corpus; prints where index.html is
fi
