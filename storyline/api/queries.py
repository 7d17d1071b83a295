"""What the REST API adds to the store's queries: a story's timeline and disputes, each event
with the report mentions the dashboard links it to.

What a story's events mean across reports (status, corroboration, disputes) is the stories
layer's (`storyline.stories.views`); the rows come from the store layer (`storyline.store`).
An event's `corroboration` is the stories layer's count of independent reports (a republished
copy counts once); `disputed` says whether any dispute of the story involves it.
"""
from __future__ import annotations

from datetime import date
from typing import Optional

from ..stories import views as story_views
from ..store.queries import NotFound, Page, Queries, jsonable


def timeline(queries: Queries, story_id: int, since: Optional[str], until: Optional[str],
             event_type: Optional[str], page: int, per_page: int) -> Page:
    """The story's events in date order (status, corroboration, disputes), each with the report
    mentions a reader can click through to."""
    queries.story_summary(story_id)     # NotFound for an unknown story
    with queries.story_tables() as tables:
        rows = story_views.timeline(tables, story_id, date.fromisoformat(since) if since else None)
    if until:
        rows = [r for r in rows if r["date"] is None or r["date"].isoformat() <= until]
    if event_type:
        rows = [r for r in rows if r["event"] == event_type]
    items = [{"id": r["story_event"], **r, "corroboration": r["independent"], "disputed": bool(r["disputes"])}
             for r in rows[(page - 1) * per_page:page * per_page]]
    return Page(jsonable(items), len(rows), page, per_page)


def disputes(queries: Queries, story_id: Optional[int], page: int, per_page: int) -> Page:
    """The stories layer's disputes (denials, opposite stances, different numbers) of one story or
    of a page of stories; each side with the report mentions behind it, where it has them."""
    if story_id is not None:
        stories, total = [queries.story_summary(story_id)], 1
    else:
        listed = queries.stories(None, page, per_page)
        stories, total = listed.items, listed.total
    items = []
    for story in stories:
        with queries.story_tables() as tables:
            found = story_views.disputes(tables, story["id"])
        items += [jsonable({"story_id": story["id"], "story_label": story["label"], **dispute}) for dispute in found]
    return Page(items, total, page if story_id is None else 1, per_page)
