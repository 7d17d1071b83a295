"""Stories: following a developing topic across reports, outlets and weeks.

Reads and writes the store's stories tables only through `store.stories` (records -> store ->
stories -> views). Entry points:

    assign_reports(store, report_ids)   # call after Store.save() for the ids it stored
    assign_manually(store, report_id, story)
    assign_pending(store)               # whatever is stored but not yet in a story

`Store.save(replace=True)` and `Store.delete` take replaced reports out of their stories themselves.
"""
from __future__ import annotations

from typing import Sequence

from .grouping import group_reports, mark_copies, merge_similar, relabel
from .linking import link_claims, link_events

# Below this many reports, document frequencies are too thin for one-pass grouping (in a store of
# ten reports every name looks rare): regroup the whole store as one batch, which is cheap there.
REBUILD_BELOW = 200


def assign_reports(store, report_ids: Sequence[str]) -> set[int]:
    """Group newly stored reports into stories, mark wire copies, link their events and claims.

    Reports already assigned are skipped, so calling it again is harmless. Runs in one
    transaction; returns the ids of the stories that changed.
    """
    tables = store.stories
    with store.transaction():
        done = tables.assigned(report_ids)
        new_ids = [r for r in report_ids if r not in done]
        if new_ids and _small_and_automatic(tables, len(new_ids)):
            rebuilt = tables.all_assigned()
            tables.clear()
            new_ids = rebuilt + new_ids
        reports = tables.reports_to_group(list(dict.fromkeys(new_ids)))
        mark_copies(tables, reports)
        touched = merge_similar(tables, group_reports(tables, reports))
        ids = [r["id"] for r in reports]
        link_events(tables, ids)
        link_claims(tables, ids)
        relabel(tables, touched)
    return touched


def assign_pending(store) -> set[int]:
    """Assign every stored report that is not in a story yet."""
    ids = store.stories.unassigned()
    return assign_reports(store, ids) if ids else set()


def assign_manually(store, report_id: str, story_id: int) -> None:
    """Move a report into a story by hand; its events and claims follow it."""
    tables = store.stories
    if tables.story(story_id) is None:
        raise KeyError(f"no story {story_id}")
    vector = tables.report_vector(report_id)
    if not vector:
        raise KeyError(f"report {report_id!r} is not in any story yet (run assign first)")
    with store.transaction():
        old = tables.remove_from_story(report_id)
        tables.add_to_story(story_id, report_id, vector, tables.report_day(report_id), 1.0, manual=True)
        link_events(tables, [report_id])
        link_claims(tables, [report_id])
        tables.drop_orphans()
        relabel(tables, {story_id, old} - {None})


def _small_and_automatic(tables, n_new: int) -> bool:
    n_done = tables.assigned_count()
    return n_done > 0 and n_done + n_new < REBUILD_BELOW and not tables.any_manual()
