#!/usr/bin/env bash
# CI: Debian's chromium for the dashboard's browser tests (tests/test_web.py drives it with the
# `playwright` Python package, without `playwright install`). Needs root; skips if present.
set -euo pipefail
if [ -x /usr/bin/chromium ]; then
    echo "chromium already installed: $(/usr/bin/chromium --version 2>/dev/null || true)"
    exit 0
fi
export DEBIAN_FRONTEND=noninteractive
apt-get update
apt-get install -y chromium
/usr/bin/chromium --version
