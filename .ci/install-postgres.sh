#!/usr/bin/env bash
# CI: Debian's PostgreSQL server binaries for the PostgreSQL store's tests (tests/test_postgres.py
# starts a throwaway server of its own on loopback and stops it). Needs root; skips if present.
set -euo pipefail
if compgen -G "/usr/lib/postgresql/*/bin/initdb" > /dev/null; then
    echo "PostgreSQL already installed: $(ls -d /usr/lib/postgresql/*/bin | tail -1)"
    exit 0
fi
export DEBIAN_FRONTEND=noninteractive
apt-get update
apt-get install -y postgresql
ls -d /usr/lib/postgresql/*/bin
