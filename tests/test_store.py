"""The DuckDB store: batches are atomic, re-ingesting does not duplicate, queries filter."""
import pytest

from storyline.ingest.readers import read_inputs
from storyline.models import Report
from storyline.store.db import Store


@pytest.fixture(scope="module")
def records(pipeline, examples_dir):
    reports = [r for r in read_inputs([str(examples_dir)], published="2024-11-19") if isinstance(r, Report)]
    return list(pipeline.process(reports))


def test_save_and_query(tmp_path, records):
    with Store(tmp_path / "s.duckdb") as store:
        result = store.save(records)
        assert sorted(result.stored) == sorted(r.id for r in records)
        assert store.count("reports") == len(records)
        assert store.count("events") == sum(len(r.events) for r in records) > 0
        assert store.count("quotes") == sum(len(r.quotes) for r in records)
        assaults = store.events(event_type="assault")
        assert assaults and {e["event"] for e in assaults} == {"ASSAULT"}
        israeli = store.events(actor="ISR")
        assert israeli and all(e["actor_code"] == "ISR" for e in israeli)
        by_name = store.events(actor="hochstein")
        assert by_name and all("hochstein" in e["actor_name"].lower() for e in by_name)
        late = store.events(since="2024-11-20")
        assert late and len(late) < store.count("events")
        assert all((e["date"] or str(e["published"])) >= "2024-11-20" for e in late)
        exported = list(store.records())
        assert [r["id"] for r in exported] == [r.id for r in records]
        assert exported[0] == records[0].to_dict()


def test_reingest_same_id_or_same_text_is_skipped(tmp_path, records):
    with Store(tmp_path / "s.duckdb") as store:
        store.save(records[:1])
        again = store.save(records[:1])
        assert again.stored == [] and again.duplicates[0][1] == "already stored"
        renamed = records[0].__class__(**{**records[0].__dict__, "id": "copy-of-first"})
        result = store.save([renamed])
        assert result.duplicates == [("copy-of-first", f"same text as stored report {records[0].id!r}")]
        assert store.count("reports") == 1
        replaced = store.save(records[:1], replace=True)
        assert replaced.stored == [records[0].id] and store.count("reports") == 1
        assert store.count("events") == len(records[0].events)


def test_failed_batch_leaves_store_untouched(tmp_path, records, monkeypatch):
    path = tmp_path / "s.duckdb"
    with Store(path) as store:
        store.save(records[:1])
        before = {t: store.count(t) for t in ("reports", "events", "actors", "quotes", "timexes")}
        import storyline.store.db as db

        original = db.bulk_insert

        def failing_insert(con, table, columns, rows, on_conflict=""):
            if table == "quotes":  # reports, actors and events of the batch are already in
                raise RuntimeError("disk full")
            original(con, table, columns, rows, on_conflict)

        monkeypatch.setattr(db, "bulk_insert", failing_insert)
        with pytest.raises(RuntimeError):
            store.save(records[1:])
        assert {t: store.count(t) for t in before} == before
    with Store(path, read_only=True) as store:  # and nothing half-written reached the file
        assert store.count("reports") == 1


def test_export_csv_and_parquet(tmp_path, records):
    import pyarrow.parquet as pq

    with Store(tmp_path / "s.duckdb") as store:
        store.save(records)
        store.export_table("events", tmp_path / "events", "parquet")
        store.export_table("quotes", tmp_path / "quotes.csv", "csv")
    # a dataset folder, one partition per publication day, read in place
    days = {r.published for r in records if r.events}
    assert {p.name for p in (tmp_path / "events").iterdir()} == {f"day={d}" for d in days}
    table = pq.read_table(tmp_path / "events")
    assert table.num_rows == sum(len(r.events) for r in records)
    assert "actor_code" in table.column_names and set(table.column("day").to_pylist()) == days
    header = (tmp_path / "quotes.csv").read_text(encoding="utf-8").splitlines()[0]
    assert header.startswith("report_id,idx,quote")


def test_read_only_store_must_exist(tmp_path):
    with pytest.raises(FileNotFoundError, match="no such database"):
        Store(tmp_path / "missing.duckdb", read_only=True)
