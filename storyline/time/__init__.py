"""Time expressions: the `timexes` component (component.py) and what other components read from it.

`event_date(rdoc, start, end, near)` gives the date an event clause states: the value of a
date-typed timex inside [start, end) at day ("2024-11-19") or month ("2024-09") precision, the
one nearest `near` (the trigger offset) when there are several.
"""
from __future__ import annotations

import re
from typing import Optional

from ..models import ReportDoc, Timex

_DAY_OR_MONTH = re.compile(r"^\d{4}-\d{2}(?:-\d{2})?$")


def is_event_date(timex: Timex) -> bool:
    """A date-typed timex whose value is a calendar day or month (not a week, year or *_REF)."""
    return timex.type == "date" and bool(timex.value and _DAY_OR_MONTH.match(timex.value))


def event_date(rdoc: ReportDoc, start: int, end: int, near: Optional[int] = None) -> Optional[str]:
    """The day or month stated inside [start, end) of the report, the one nearest `near` if given."""
    dates = [t for t in rdoc.timexes_in(start, end) if is_event_date(t)]
    if not dates:
        return None
    if near is None:
        return dates[0].value
    return min(dates, key=lambda t: min(abs(t.start - near), abs(t.end - near))).value
