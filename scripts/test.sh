#!/usr/bin/env bash
# Run the whole test suite (unit, doctests, data-backed tests, notebooks under papermill).
set -euo pipefail
cd "$(dirname "$0")/.."
if [ -z "${NLTK_DATA:-}" ] && [ -d ../shared/nltk_data ]; then
  export NLTK_DATA="$(cd ../shared/nltk_data && pwd)"
fi
export MBT_CACHE_DIR="${MBT_CACHE_DIR:-$(mktemp -d)}"
exec python3 -m pytest -q "$@"
