"""The actor registry end to end: learned from stored reports, read by later ones, corrected by
users, shared as TSV. The reports are written for these tests about a conflict in neither
development set (a fictional border war between Malawi and Zambian rebels)."""
import json
from datetime import date

import pytest
from typer.testing import CliRunner

from storyline.actors.registry import ActorRegistry
from storyline.cli.main import app
from storyline.models import RegistryEntry

runner = CliRunner()

FIRST = {"id": "mw-1", "published": "2024-03-02", "title": "Talks open in Lilongwe", "text":
         "Malawian Defence Minister Harold Banda opened talks with the Zambezia Liberation Movement in "
         "Lilongwe on Saturday. The movement's commander, Joseph Tembo, said his fighters would observe a truce."}
SECOND = {"id": "mw-2", "published": "2024-03-09", "title": "Banda signs truce", "text":
          "Banda signed a truce with Tembo on Friday, officials said. Tembo told reporters the fighting was over."}
LATER_ROLE = {"id": "mw-3", "published": "2025-06-01", "title": "Banda moves to parliament", "text":
              "Malawian lawmaker Harold Banda, who left the cabinet in January, said the truce still held."}


def invoke(*args, input=None):
    return runner.invoke(app, [str(a) for a in args], input=input, catch_exceptions=False)


def write(tmp_path, name, *reports):
    path = tmp_path / name
    path.write_text("".join(json.dumps(r) + "\n" for r in reports), encoding="utf-8")
    return path


def actor(record, text):
    return next(a for a in record["actors"] if a["text"] == text)


@pytest.fixture()
def store(tmp_path):
    db = tmp_path / "store.duckdb"
    result = invoke("ingest", write(tmp_path, "first.jsonl", FIRST), "--db", db)
    assert result.exit_code == 0, result.stderr
    return db


def test_registry_learns_named_actors_from_the_text(store):
    result = invoke("actors", "--db", store, "--format", "jsonl")
    entries = {e["name"]: e for e in map(json.loads, result.stdout.splitlines())}
    banda = entries["Harold Banda"]
    assert (banda["code"], banda["sector"], banda["role"], banda["source"]) == ("MWI", "GOV", "defense minister", "learned")
    assert banda["first_seen"] == banda["last_seen"] == "2024-03-02" and banda["report_ids"] == ["mw-1"]
    result = invoke("actors", "--db", store, "--q", "tembo", "--format", "jsonl")
    assert [json.loads(line)["name"] for line in result.stdout.splitlines()] == ["Joseph Tembo"]


def test_bare_names_in_a_later_report_resolve_through_the_registry(store, tmp_path):
    second = write(tmp_path, "second.jsonl", SECOND)
    alone = json.loads(invoke("extract", second).stdout)
    assert actor(alone, "Banda")["code"] is None  # the report alone does not say who Banda is
    result = invoke("extract", second, "--db", store)
    record = json.loads(result.stdout)
    banda = actor(record, "Banda")
    assert (banda["name"], banda["code"], banda["sector"], banda["evidence"]) == ("Harold Banda", "MWI", "GOV", "registry")
    # extract --db reads the registry without writing to the store
    assert [e["report_ids"] for e in map(json.loads, invoke("actors", "--db", store, "--q", "Banda", "--format",
                                                            "jsonl").stdout.splitlines())] == [["mw-1"]]


def test_a_later_ingest_resolves_through_an_earlier_one(store, tmp_path):
    result = invoke("ingest", write(tmp_path, "second.jsonl", SECOND), "--db", store)
    assert result.exit_code == 0, result.stderr
    second = next(r for r in map(json.loads, invoke("export", "--db", store).stdout.splitlines()) if r["id"] == "mw-2")
    assert actor(second, "Banda")["code"] == "MWI"


def test_disagreeing_reports_keep_both_roles_dated(store, tmp_path):
    assert invoke("ingest", write(tmp_path, "later.jsonl", LATER_ROLE), "--db", store).exit_code == 0
    result = invoke("actors", "--db", store, "--q", "Harold Banda", "--format", "jsonl")
    roles = {(e["sector"], e["first_seen"]) for e in map(json.loads, result.stdout.splitlines())}
    assert roles == {("GOV", "2024-03-02"), ("LEG", "2025-06-01")}
    registry = ActorRegistry(RegistryEntry(**{k: v for k, v in e.items() if k != "report_ids"} | {
        "aliases": tuple(e["aliases"].split(" | ")) if e["aliases"] else ()})
        for e in map(json.loads, result.stdout.splitlines()))
    from datetime import date
    assert registry.find("Banda", date(2024, 3, 20), person=True).entry.sector == "GOV"
    assert registry.find("Banda", date(2025, 7, 1), person=True).entry.sector == "LEG"


def test_correction_wins_after_reanalysis(store, tmp_path):
    result = invoke("actors", "set", "Joseph Tembo", "--code", "ZMB", "--sector", "REB", "--since", "2024-01-01",
                    "--db", store)
    assert result.exit_code == 0, result.stderr
    assert invoke("reanalyse", "--db", store).exit_code == 0
    record = json.loads(invoke("export", "--db", store).stdout.splitlines()[0])
    tembo = actor(record, "Joseph Tembo")
    assert (tembo["code"], tembo["sector"], tembo["evidence"]) == ("ZMB", "REB", "correction")


@pytest.mark.parametrize("args, message", [
    (["--code", "XYZ"], "unknown code 'XYZ'"),
    (["--code", "MWI", "--sector", "WIZARD"], "unknown sector 'WIZARD'"),
    ([], "needs --code or --sector"),
])
def test_bad_corrections_are_refused(store, args, message):
    result = runner.invoke(app, ["actors", "set", "Harold Banda", "--db", str(store), *args])
    assert result.exit_code == 2 and message in result.output
    listed = invoke("actors", "--db", store, "--format", "jsonl").stdout
    assert '"correction"' not in listed


def test_registry_exports_and_imports_as_tsv(store, tmp_path):
    invoke("actors", "set", "Joseph Tembo", "--code", "ZMB", "--sector", "REB", "--db", store)
    tsv = tmp_path / "registry.tsv"
    assert invoke("actors", "export", "--db", store, "-o", tsv).exit_code == 0
    other = tmp_path / "other.duckdb"
    assert invoke("ingest", write(tmp_path, "later.jsonl", LATER_ROLE), "--db", other).exit_code == 0
    assert invoke("actors", "import", tsv, "--db", other).exit_code == 0
    result = invoke("actors", "--db", other, "--format", "jsonl")
    sources = {(e["name"], e["source"]) for e in map(json.loads, result.stdout.splitlines())}
    assert {("Harold Banda", "imported"), ("Joseph Tembo", "correction"), ("Harold Banda", "learned")} <= sources


def test_broken_registry_file_is_named_with_its_line(store, tmp_path):
    tsv = tmp_path / "broken.tsv"
    tsv.write_text(invoke("actors", "export", "--db", store).stdout + "learned\tX\tperson\tQQQ\tGOV\t\t\t\t1\t\n",
                   encoding="utf-8")
    result = runner.invoke(app, ["actors", "import", str(tsv), "--db", str(store)])
    lines = tsv.read_text(encoding="utf-8").splitlines()
    assert result.exit_code == 2 and f"broken.tsv:{len(lines)}" in result.output and "QQQ" in result.output


def test_a_full_name_resolves_to_a_person_known_only_by_surname():
    lund = RegistryEntry("Lund", "person", "NOR", "GOV", "envoy", "2024-03-01", "2024-03-09", 2, ("Envoy Lund",))
    registry = ActorRegistry([lund])
    match = registry.find("Kari Lund", date(2024, 3, 10), person=True)
    assert match is not None and (match.entry.code, match.entry.sector) == ("NOR", "GOV")
    # not when the registry knows another person of that surname by full name
    registry = ActorRegistry([lund, RegistryEntry("Per Lund", "person", "SWE", "MIL", None, "2024-03-01",
                                                  "2024-03-09", 1)])
    assert registry.find("Kari Lund", date(2024, 3, 10), person=True) is None
    # nor an organisation
    assert ActorRegistry([lund]).find("Kari Lund", date(2024, 3, 10), person=False) is None
