"""The REST API keeps its contract: `schemathesis run --checks all` against real servers passes clean.

The store is built by the real pipeline from the repository's example reports; each server is
the real app under uvicorn on a free loopback port. Schemathesis (its CLI, in a child process)
reads /api/openapi.json, generates requests that follow it and requests that break it, and
checks every answer against it: no 500s, only documented status codes, bodies as documented,
schema-valid requests accepted and invalid ones refused, 405s that name the allowed methods,
writes refused without the token. The runs are deterministic and bounded (-n cases per
operation); tests/contract_hooks.py orders generated `since`/`until` pairs.
"""
from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from storyline.api.app import create_app
from storyline.api.server import serving
from storyline.cli.main import app as cli

HOOKS = Path(__file__).with_name("contract_hooks.py")
TOKEN = "contract-test-token"
OPERATIONS = 14   # every route in the schema


@pytest.fixture(scope="module")
def example_store(tmp_path_factory, pipeline, examples_dir) -> Path:
    db = tmp_path_factory.mktemp("contract") / "store.duckdb"
    result = CliRunner().invoke(cli, ["ingest", str(examples_dir), "--db", str(db), "--published", "2024-11-19"])
    assert result.exit_code == 0, result.output
    return db


def schemathesis_run(url: str, report: Path, *options: str) -> dict:
    """Run the schemathesis CLI against the server at `url`; its JSON report."""
    command = [sys.executable, "-m", "schemathesis.cli", "run", f"{url}/api/openapi.json", "--checks", "all",
               "--generation-deterministic", "--workers", "1", "--no-color", "--request-timeout", "30",
               "--report", "json", "--report-json-path", str(report), *options]
    # in the report's folder, where schemathesis also leaves its cache (.schemathesis/)
    done = subprocess.run(command, capture_output=True, text=True, timeout=300, cwd=report.parent,
                          env={**os.environ, "SCHEMATHESIS_HOOKS": str(HOOKS)})
    assert report.exists(), done.stdout[-5000:] + done.stderr[-3000:]
    outcome = json.loads(report.read_text(encoding="utf-8"))
    assert done.returncode == 0 and outcome["exit_code"] == 0, done.stdout[-8000:] + done.stderr[-3000:]
    return outcome


def assert_clean(outcome: dict, operations: int, at_least: int) -> None:
    cases = outcome["test_cases"]
    assert outcome["complete"] and outcome["operations"]["tested"] == operations, outcome["operations"]
    # stateful: sequences that follow the schema's links (a listed or stored id, then its page)
    assert {phase: outcome["phases"][phase]["status"] for phase in ("coverage", "fuzzing", "stateful")} == \
        {"coverage": "success", "fuzzing": "success", "stateful": "success"}
    assert cases["with_failures"] == 0 and cases["errored"] == 0 and not outcome["failures"] and not outcome["errors"]
    assert cases["generated"] >= at_least, f"only {cases['generated']} cases ran"
    print(f"schemathesis: {cases['generated']} cases over {operations} operation(s), 0 failures")


def test_read_only_server_keeps_its_contract(example_store, tmp_path):
    app = create_app(example_store)
    try:
        with serving(app) as url:
            outcome = schemathesis_run(url, tmp_path / "read-only.json", "--max-examples", "25")
    finally:
        app.state.store.close()
    assert_clean(outcome, OPERATIONS, at_least=800)


def test_writable_server_keeps_its_contract_and_stores_what_it_accepts(example_store, tmp_path):
    db = tmp_path / "store.duckdb"
    shutil.copy(example_store, db)
    app = create_app(db, allow_ingest=True, token=TOKEN)
    try:
        with app.state.store.session() as store:
            before = store.count()
        with serving(app) as url:
            # the reports routes: the write, and the reads its links lead to (a stored report read
            # back); every valid body is analysed by the pipeline, so few cases, for time
            outcome = schemathesis_run(url, tmp_path / "writable.json", "--include-path-regex", "^/api/reports",
                                       "--max-examples", "15", "--header", f"Authorization: Bearer {TOKEN}")
        with app.state.store.session() as store:
            stored = store.count() - before
    finally:
        app.state.store.close()
    assert_clean(outcome, 3, at_least=100)
    assert stored >= 5, f"only {stored} generated reports were stored: the valid bodies did not get through"
