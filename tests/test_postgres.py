"""The PostgreSQL store: every command gives the same output as on DuckDB for the same input, and
several writers at once store each report once. Runs a throwaway server (tests/postgres_server.py)."""
from __future__ import annotations

import json
import subprocess
import sys

from fastapi.testclient import TestClient
from typer.testing import CliRunner

from storyline.api.app import create_app
from storyline.cli.main import app
from storyline.store.db import Store

# Commands whose output must not depend on the store's engine (after an ingest of the examples).
READS = [["events", "--format", "jsonl"], ["events", "--since", "2024-11-19", "--format", "jsonl"],
         ["quotes", "--format", "jsonl"], ["quotes", "--anonymous", "--format", "jsonl"],
         ["stories", "--format", "jsonl"], ["timeline", "1", "--format", "jsonl"], ["disputes", "1"],
         ["diff", "1", "--since", "2024-11-18"], ["actors", "--format", "jsonl"], ["actors", "export"],
         ["show", "ex-ceasefire-day"], ["export", "--format", "jsonl"], ["export", "--format", "csv", "--table", "events"]]


def _run(args: list[str]) -> str:
    result = CliRunner().invoke(app, args)
    assert result.exit_code == 0, (args, result.output)
    return result.output


def _outputs(db: str) -> dict[str, str]:
    return {" ".join(args): _run([*args, "--db", db]) for args in READS}


def test_every_command_gives_the_same_output_on_both_stores(postgres_url, tmp_path, examples_dir):
    duck = str(tmp_path / "same.duckdb")
    for db in (duck, postgres_url):
        _run(["ingest", str(examples_dir), "--db", db, "--published", "2024-11-19"])
    first = _outputs(duck)
    assert json.loads(first["events --format jsonl"].splitlines()[0])["report_id"]
    assert _outputs(postgres_url) == first

    # writing commands too: a correction, a re-analysis, a report moved by hand, a registry round trip
    registry = tmp_path / "registry.tsv"
    for db in (duck, postgres_url):
        _run(["actors", "set", "Hassan Fadlallah", "--code", "LBN", "--sector", "GOV", "--db", db])
        _run(["reanalyse", "--db", db])
        _run(["assign", "ex-ceasefire-day", "1", "--db", db])
        registry.write_text(_run(["actors", "export", "--db", db]))
        _run(["actors", "import", str(registry), "--db", db])
    assert _outputs(postgres_url) == _outputs(duck)


def test_parquet_and_csv_exports_hold_the_same_rows(postgres_url, tmp_path, examples_dir):
    import pyarrow.parquet as pq

    duck = str(tmp_path / "export.duckdb")
    tables = {}
    for label, db in (("duckdb", duck), ("postgresql", postgres_url)):
        _run(["ingest", str(examples_dir), "--db", db, "--published", "2024-11-19"])
        target = tmp_path / label
        _run(["export", "--format", "parquet", "--table", "quotes", "-o", str(target), "--db", db])
        rows = pq.read_table(target).to_pylist()
        tables[label] = sorted(rows, key=lambda row: (row["report_id"], row["idx"]))
    assert tables["duckdb"] and tables["duckdb"] == tables["postgresql"]


def test_concurrent_ingests_and_a_server_store_each_report_once(postgres_url, tmp_path):
    """Two ingests of the same input at once, a server and a command reading meanwhile: every
    report stored once, in one story each."""
    batch = tmp_path / "batch.jsonl"
    with batch.open("w") as fh:
        for n in range(12):
            fh.write(json.dumps({"id": f"c-{n}", "published": "2025-03-01",
                                 "text": f"Mediators met the delegations in round {n} of the talks on Monday, "
                                         f"officials said. Round {n} ended without a deal."}) + "\n")
    Store(postgres_url).close()   # the schema, so that the server can start before the first batch
    command = [sys.executable, "-m", "storyline.cli.main", "ingest", "--db", postgres_url, "--batch-size", "3"]
    writers = [subprocess.Popen(command + [str(source)], stdout=subprocess.PIPE, stderr=subprocess.PIPE)
               for source in (batch, batch)]
    # a server and a command reading meanwhile: whatever is committed so far
    server = TestClient(create_app(postgres_url))
    while any(writer.poll() is None for writer in writers):
        assert server.get("/api/reports?per_page=100").status_code == 200
        assert CliRunner().invoke(app, ["events", "--format", "jsonl", "--db", postgres_url]).exit_code == 0
    for writer in writers:
        _, errors = writer.communicate(timeout=300)
        assert writer.returncode == 0, errors.decode()
    stored = [json.loads(line)["id"] for line in _run(["export", "--format", "jsonl", "--db", postgres_url]).splitlines()]
    assert sorted(stored) == sorted(f"c-{n}" for n in range(12))
    listed = [json.loads(line) for line in _run(["stories", "--format", "jsonl", "--db", postgres_url]).splitlines()]
    assert sorted(r for s in listed for r in s["report_ids"]) == sorted(stored)
