"""Time expressions: the `timexes` component (component.py) and what other components read from it.

`is_event_date(timex)` says whether a time expression can date an event: a date-typed value at
day ("2024-11-19") or month ("2024-09") precision, not a week, a year or a vague reference.
"""
from __future__ import annotations

import re

from ..models import Timex

_DAY_OR_MONTH = re.compile(r"^\d{4}-\d{2}(?:-\d{2})?$")


def is_event_date(timex: Timex) -> bool:
    """A date-typed timex whose value is a calendar day or month (not a week, year or *_REF)."""
    return timex.type == "date" and bool(timex.value and _DAY_OR_MONTH.match(timex.value))
