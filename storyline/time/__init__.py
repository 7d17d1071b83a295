"""Time expressions: the `timexes` component (component.py) and what other components read from it.

`is_event_date(timex)` says whether a time expression can date an event: a date-typed value at
day ("2024-11-19") or month ("2024-09") precision, or a week that lies in one month (the event
takes the month: `event_date_value`); not a year or a vague reference.
"""
from __future__ import annotations

import re
from datetime import date, timedelta
from typing import Optional

from ..models import Timex

_DAY_OR_MONTH = re.compile(r"^\d{4}-\d{2}(?:-\d{2})?$")
_WEEK = re.compile(r"^(\d{4})-W(\d{2})(-WE)?$")


def event_date_value(timex: Timex) -> Optional[str]:
    """The day or month an event dated by this timex falls on: its own value at day or month
    precision; for a week ("last week", "over the weekend"), its month when all its days lie in
    one (an event of "last week" in early March may be February's)."""
    if timex.type != "date" or not timex.value:
        return None
    if _DAY_OR_MONTH.match(timex.value):
        return timex.value
    week = _WEEK.match(timex.value)
    if week is None:
        return None
    year, number, weekend = int(week.group(1)), int(week.group(2)), week.group(3)
    try:
        monday = date.fromisocalendar(year, number, 1)
    except ValueError:
        return None
    first = monday + timedelta(days=5) if weekend else monday
    last = monday + timedelta(days=6)
    return first.isoformat()[:7] if first.month == last.month else None


def is_event_date(timex: Timex) -> bool:
    """A date-typed timex that gives an event a calendar day or month (not a year or *_REF)."""
    return event_date_value(timex) is not None
