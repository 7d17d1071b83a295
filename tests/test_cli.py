"""The command line end to end on the bundled example reports."""
import json
import shutil
import sys

import pytest
from typer.testing import CliRunner

from storyline.cli.main import app

runner = CliRunner()
CONTRACT_KEYS = {"id", "url", "outlet", "published", "title", "actors", "events", "quotes", "timexes"}


def invoke(*args, input=None):
    return runner.invoke(app, [str(a) for a in args], input=input, catch_exceptions=False)


@pytest.fixture(scope="module")
def extracted(examples_dir):
    result = invoke("extract", examples_dir, "--published", "2024-11-19")
    assert result.exit_code == 0, result.stderr
    return [json.loads(line) for line in result.stdout.splitlines()]


def test_extract_follows_the_contract(extracted):
    assert [r["id"] for r in extracted] == ["envoy-beirut", "talks-cairo", "ex-ceasefire-day", "ex-denial"]
    for record in extracted:
        assert CONTRACT_KEYS <= set(record)
        assert record["events"] and record["actors"] and record["timexes"]
    envoy = extracted[0]
    assert envoy["published"] == "2024-11-19"           # from --published: the .txt carries no date
    assert extracted[2]["published"] == "2024-11-27"     # its own date wins over --published


def test_extract_offsets_point_into_the_text(extracted, examples_dir):
    text = (examples_dir / "envoy-beirut.txt").read_text(encoding="utf-8")
    envoy = extracted[0]
    for item in envoy["actors"] + envoy["timexes"]:
        assert text[item["start"]:item["end"]] == item["text"]
    for event in envoy["events"]:
        assert event["event_text"] and event["start"] < event["end"]
        for role in ("actor", "recipient"):
            if event[role]:
                assert text[event[role]["start"]:event[role]["end"]] == event[role]["text"]


def test_extract_stdin_and_output_file(tmp_path):
    line = json.dumps({"id": "in-1", "published": "2024-11-18", "text":
                       "Israeli jets struck targets in southern Lebanon on Sunday, the Lebanese army said."})
    out = tmp_path / "out.jsonl"
    result = invoke("extract", "-", "-o", out, input=line + "\n")
    assert result.exit_code == 0
    (record,) = [json.loads(x) for x in out.read_text(encoding="utf-8").splitlines()]
    assert record["id"] == "in-1" and any(e["event"] == "ASSAULT" for e in record["events"])


def test_extract_bad_inputs_exit_1_and_name_them(tmp_path, examples_dir):
    shutil.copy(examples_dir / "wire-batch.jsonl", tmp_path / "good.jsonl")
    (tmp_path / "bad.jsonl").write_text('{"id": "x", "text": \n', encoding="utf-8")
    (tmp_path / "empty.txt").write_text("   \n", encoding="utf-8")
    nodate = json.dumps({"id": "undated", "text": "Hezbollah fired rockets at Haifa on Tuesday, the army said."})
    (tmp_path / "nodate.jsonl").write_text(nodate + "\n", encoding="utf-8")
    result = invoke("extract", tmp_path)
    assert result.exit_code == 1
    ids = [json.loads(x)["id"] for x in result.stdout.splitlines()]
    assert ids == ["ex-ceasefire-day", "ex-denial", "undated"]
    assert "bad.jsonl:1: malformed JSON" in result.stderr
    assert "empty.txt: empty report text" in result.stderr
    assert "no publication date" in result.stderr and "nodate.jsonl:1" in result.stderr
    undated = json.loads(result.stdout.splitlines()[-1])
    assert undated["published"] is None
    assert [t["value"] for t in undated["timexes"] if t["text"].lower().endswith("tuesday")] == [None]


def test_serve_names_a_missing_web_package_in_one_line(monkeypatch):
    monkeypatch.delitem(sys.modules, "storyline.api.app", raising=False)  # imported afresh below
    monkeypatch.setitem(sys.modules, "fastapi", None)  # as if FastAPI were not installed
    result = invoke("serve", "--db", "nowhere.duckdb")
    assert result.exit_code == 1
    (line,) = result.stderr.strip().splitlines()
    assert "fastapi" in line and "reinstall storyline" in line


def test_another_model_version_stops_extraction_with_the_fix_in_one_line(monkeypatch, examples_dir):
    monkeypatch.setattr("storyline.nlp.parse.installed_model_version", lambda: "3.7.1")
    result = invoke("extract", examples_dir, "--workers", "2")  # no worker process is started
    assert result.exit_code == 1 and result.stdout == ""
    (line,) = result.stderr.strip().splitlines()
    assert "3.7.1 is installed" in line and "pip install" in line


def test_unusable_arguments_exit_2(examples_dir):
    assert invoke("extract", examples_dir, "--published", "yesterday").exit_code == 2
    assert invoke("events", "--db", "nowhere.duckdb").exit_code == 2


def test_ingest_query_export(tmp_path, examples_dir, extracted):
    db = tmp_path / "s.duckdb"
    first = invoke("ingest", examples_dir, "--db", db, "--published", "2024-11-19")
    assert first.exit_code == 0 and "stored 4 report(s)" in first.stderr
    again = invoke("ingest", examples_dir, "--db", db, "--published", "2024-11-19")
    assert "stored 0 report(s)" in again.stderr and "4 already there" in again.stderr

    rows = [json.loads(x) for x in invoke("events", "--db", db, "--type", "ASSAULT", "--format", "jsonl").stdout.splitlines()]
    assert rows and all(r["event"] == "ASSAULT" for r in rows)
    csv_out = invoke("events", "--db", db, "--actor", "USA", "--format", "csv").stdout.splitlines()
    assert csv_out[0].startswith("report_id,idx,event") and len(csv_out) > 1
    table = invoke("events", "--db", db, "--since", "2024-11-26")
    assert table.exit_code == 0 and "ex-ceasefire-day" not in table.stdout  # the table shows outlets, not ids
    assert "example-gazette" in table.stdout
    assert invoke("events", "--db", db, "--type", "BOMBING").exit_code == 2

    exported = [json.loads(x) for x in invoke("export", "--db", db, "--format", "jsonl").stdout.splitlines()]
    assert exported == extracted
    parquet = tmp_path / "events"
    assert invoke("export", "--db", db, "--format", "parquet", "-o", parquet).exit_code == 0
    assert list(parquet.glob("day=*/*.parquet"))


def test_two_workers_give_the_same_records(tmp_path, examples_dir, extracted):
    result = invoke("extract", examples_dir, "--published", "2024-11-19", "--workers", "2")
    assert result.exit_code == 0
    assert [json.loads(x) for x in result.stdout.splitlines()] == extracted


def test_quotes_and_show(tmp_path, examples_dir):
    db = tmp_path / "q.duckdb"
    assert invoke("ingest", examples_dir, "--db", db, "--published", "2024-11-19").exit_code == 0
    rows = [json.loads(x) for x in invoke("quotes", "--db", db, "--format", "jsonl").stdout.splitlines()]
    assert rows and {"quote", "speaker", "speaker_type", "outlet"} <= set(rows[0])
    hochstein = [json.loads(x) for x in invoke("quotes", "--db", db, "--speaker", "Hochstein", "--format", "jsonl").stdout.splitlines()]
    assert any("narrowed the gaps" in q["quote"] for q in hochstein)
    anonymous = [json.loads(x) for x in invoke("quotes", "--db", db, "--anonymous", "--format", "jsonl").stdout.splitlines()]
    assert anonymous and all(q["speaker_type"] == "anonymous" for q in anonymous)

    shown = invoke("show", "envoy-beirut", "--db", db)
    assert shown.exit_code == 0
    assert "envoy-beirut" in shown.stdout and "events" in shown.stdout and "quotes" in shown.stdout
    assert "narrowed the gaps" in shown.stdout
    assert invoke("show", "no-such-report", "--db", db).exit_code == 2
