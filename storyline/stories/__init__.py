"""Stories: following a developing topic across reports, outlets and weeks.

Reads the store only (records -> store -> stories -> views). Entry points:

    assign_reports(store, report_ids)   # call after Store.save() for the ids it stored
    assign_manually(store, report_id, story)
    assign_pending(store)               # whatever is stored but not yet in a story
    forget_reports(store, report_ids)   # before re-storing reports with Store.save(replace=True)
"""
from __future__ import annotations

from typing import Sequence

from .grouping import add_to_story, group_reports, load_reports, mark_copies, merge_similar, relabel, remove_from_story
from .linking import link_claims, link_events
from .schema import DERIVED_TABLES, ensure_schema

# Below this many reports, document frequencies are too thin for one-pass grouping (in a store of
# ten reports every name looks rare): regroup the whole store as one batch, which is cheap there.
REBUILD_BELOW = 200


def assign_reports(store, report_ids: Sequence[str]) -> set[int]:
    """Group newly stored reports into stories, mark wire copies, link their events and claims.

    Reports already assigned are skipped, so calling it again is harmless. Runs in one
    transaction; returns the ids of the stories that changed.
    """
    con = store.con
    ensure_schema(con)
    con.execute("BEGIN TRANSACTION")
    try:
        done = {r for (r,) in con.execute("SELECT report_id FROM story_reports WHERE report_id IN (SELECT unnest(?))",
                                          [list(report_ids)]).fetchall()}
        new_ids = [r for r in report_ids if r not in done]
        if new_ids and _small_and_automatic(con, len(new_ids)):
            new_ids = _clear_for_rebuild(con) + [r for r in new_ids if r not in done]
        reports = load_reports(con, list(dict.fromkeys(new_ids)))
        mark_copies(con, reports)
        touched = merge_similar(con, group_reports(con, reports))
        ids = [r["id"] for r in reports]
        link_events(con, ids)
        link_claims(con, ids)
        relabel(con, touched)
        con.execute("COMMIT")
    except BaseException:
        con.execute("ROLLBACK")
        raise
    return touched


def assign_pending(store) -> set[int]:
    """Assign every stored report that is not in a story yet."""
    ensure_schema(store.con)
    ids = [r for (r,) in store.con.execute(
        "SELECT id FROM reports WHERE id NOT IN (SELECT report_id FROM story_reports) ORDER BY published, id").fetchall()]
    return assign_reports(store, ids) if ids else set()


def assign_manually(store, report_id: str, story_id: int) -> None:
    """Move a report into a story by hand; its events and claims follow it."""
    con = store.con
    ensure_schema(con)
    if con.execute("SELECT 1 FROM stories WHERE id = ?", [story_id]).fetchone() is None:
        raise KeyError(f"no story {story_id}")
    vector = dict(con.execute("SELECT term, weight FROM report_terms WHERE report_id = ?", [report_id]).fetchall())
    if not vector:
        raise KeyError(f"report {report_id!r} is not in any story yet (run assign first)")
    day = con.execute("SELECT published FROM reports WHERE id = ?", [report_id]).fetchone()[0]
    con.execute("BEGIN TRANSACTION")
    try:
        old = remove_from_story(con, report_id)
        add_to_story(con, story_id, report_id, vector, day, 1.0, manual=True)
        link_events(con, [report_id])
        link_claims(con, [report_id])
        _drop_orphans(con)
        relabel(con, {story_id, old} - {None})
        con.execute("COMMIT")
    except BaseException:
        con.execute("ROLLBACK")
        raise


def forget_reports(store, report_ids: Sequence[str]) -> None:
    """Take reports out of the stories layer (before they are replaced in the store)."""
    con = store.con
    ensure_schema(con)
    ids = list(report_ids)
    con.execute("BEGIN TRANSACTION")
    try:
        for report_id in ids:
            remove_from_story(con, report_id)
        for table in ("event_mentions", "claim_mentions", "minhash_bands", "report_copies", "report_terms"):
            con.execute(f"DELETE FROM {table} WHERE report_id IN (SELECT unnest(?))", [ids])
        _drop_orphans(con)
        con.execute("COMMIT")
    except BaseException:
        con.execute("ROLLBACK")
        raise


def _small_and_automatic(con, n_new: int) -> bool:
    n_done, n_manual = con.execute("SELECT count(*), count(*) FILTER (WHERE manual) FROM story_reports").fetchone()
    return n_done > 0 and n_done + n_new < REBUILD_BELOW and n_manual == 0


def _clear_for_rebuild(con) -> list[str]:
    """Forget every derived table; returns the reports that were assigned, to assign again."""
    ids = [r for (r,) in con.execute("SELECT report_id FROM story_reports").fetchall()]
    for table in DERIVED_TABLES:
        con.execute(f"DELETE FROM {table}")
    return ids


def _drop_orphans(con) -> None:
    """Story events and claims left without mentions after a report moved."""
    con.execute("DELETE FROM story_events WHERE id NOT IN (SELECT story_event_id FROM event_mentions)")
    con.execute("DELETE FROM claims WHERE id NOT IN (SELECT claim_id FROM claim_mentions)")
