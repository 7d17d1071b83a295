"""Calendar arithmetic and TIMEX3 value strings.

Values are written at the precision the expression gives: "2024-11-19" (day), "2024-W46" (ISO
week), "2024-09" (month), "2024-Q3" (quarter), "2024-SU" (season), "2024" (year), "199" (decade).
`direction` is "past", "future" or None (the text does not say) and picks between the two
candidate dates of an expression like "Tuesday" or "September".
"""
from __future__ import annotations

import re
from calendar import monthrange
from datetime import date, timedelta
from typing import Optional

from .lexicon import SEASON_MONTHS, UNITS

_DAY_VALUE = re.compile(r"^(\d{4})-(\d{2})-(\d{2})$")
_MONTH_VALUE = re.compile(r"^(\d{4})-(\d{2})$")
_QUARTER_VALUE = re.compile(r"^(\d{4})-Q(\d)$")
_WEEK_VALUE = re.compile(r"^(\d{4})-W(\d{2})$")
_YEAR_VALUE = re.compile(r"^(\d{4})$")


def day_value(d: date) -> str:
    return d.isoformat()


def week_value(d: date) -> str:
    year, week, _ = d.isocalendar()
    return f"{year}-W{week:02d}"


def month_value(year: int, month: int) -> str:
    return f"{year:04d}-{month:02d}"


def add_months(year: int, month: int, n: int) -> tuple[int, int]:
    index = year * 12 + (month - 1) + n
    return index // 12, index % 12 + 1


def safe_date(year: int, month: int, day: int) -> Optional[date]:
    try:
        return date(year, month, day)
    except ValueError:
        return None


def weekday_date(ref: date, weekday: int, direction: Optional[str], strict: bool = False) -> date:
    """The named weekday nearest the reference date in the given direction (past by default).

    Not strict: the reference date itself counts ("on Tuesday" in a Tuesday report); strict
    ("last Tuesday", "next Tuesday") skips it.
    """
    if direction == "future":
        ahead = (weekday - ref.weekday()) % 7 or (7 if strict else 0)
        return ref + timedelta(days=ahead)
    back = (ref.weekday() - weekday) % 7 or (7 if strict else 0)
    return ref - timedelta(days=back)


def month_year(ref: date, month: int, direction: Optional[str]) -> int:
    """Year of a month named without one: the latest on or before the reference month in past
    statements, the next on or after it in future ones, else the nearer of the two (a month
    back on a tie: "talks in November" written in late October are next month's)."""
    past = ref.year if month <= ref.month else ref.year - 1
    future = ref.year if month >= ref.month else ref.year + 1
    if direction is None:
        ahead, back = (future - ref.year) * 12 + month - ref.month, (ref.year - past) * 12 + ref.month - month
        return future if ahead < back else past
    return future if direction == "future" else past


def month_day_date(ref: date, month: int, day: int, direction: Optional[str]) -> Optional[date]:
    """A month and day without a year: in the given direction, else the candidate nearest the reference."""
    candidates = [d for d in (safe_date(ref.year + k, month, day) for k in (-1, 0, 1)) if d]
    if direction == "past":
        candidates = [d for d in candidates if d <= ref] or candidates
    elif direction == "future":
        candidates = [d for d in candidates if d >= ref] or candidates
    return min(candidates, key=lambda d: abs((d - ref).days)) if candidates else None


def season_year(ref: date, code: str, which: str) -> int:
    """Year label of "last/this/next summer" (a season is labelled with the year it starts in)."""
    first, _ = SEASON_MONTHS[code]
    starts = [date(y, first, 1) for y in (ref.year - 2, ref.year - 1, ref.year, ref.year + 1)]
    if which == "last":  # the latest one already over
        return max(s for s in starts if _months_later(s, 3) <= ref).year
    if which == "next":
        return min(s for s in starts if s > ref).year
    return max(s for s in starts if s <= ref).year if code == "WI" and ref.month <= 2 else ref.year


def _months_later(d: date, months: int) -> date:
    y, m = add_months(d.year, d.month, months)
    return date(y, m, 1)


def quarter_of(d: date) -> int:
    return (d.month - 1) // 3 + 1


def shift_value(value: Optional[str], n: int, unit: str) -> Optional[str]:
    """Move a date value by n units ("day", "week", "month", "year"), keeping its precision."""
    if not value:
        return None
    if m := _DAY_VALUE.match(value):
        d = date(int(m[1]), int(m[2]), int(m[3]))
        if unit in ("day", "night"):
            return day_value(d + timedelta(days=n))
        if unit == "week":
            return day_value(d + timedelta(weeks=n))
        y, mo = add_months(d.year, d.month, n * (12 if unit == "year" else 1))
        return day_value(date(y, mo, min(d.day, monthrange(y, mo)[1])))
    if m := _MONTH_VALUE.match(value):
        if unit in ("month", "year"):
            return month_value(*add_months(int(m[1]), int(m[2]), n * (12 if unit == "year" else 1)))
        return value  # a day before "late September" is still September
    if m := _QUARTER_VALUE.match(value):
        if unit == "year":
            return f"{int(m[1]) + n}-Q{m[2]}"
        return value if unit != "month" else None
    if m := _WEEK_VALUE.match(value):
        if unit == "week":
            monday = date.fromisocalendar(int(m[1]), int(m[2]), 1)
            return week_value(monday + timedelta(weeks=n))
        return value if unit == "day" else None
    if m := _YEAR_VALUE.match(value):
        return str(int(m[1]) + n) if unit == "year" else value
    return None


def is_day_value(value: Optional[str]) -> bool:
    return bool(value and _DAY_VALUE.match(value))


def duration_value(n: Optional[int], unit: str) -> str:
    """TIMEX3 duration: "P60D", "P2M", "PT3H", "P30Y" (three decades), "PXW" (unknown count)."""
    letter, factor, clock = UNITS[unit]
    count = "X" if n is None else str(n * factor)
    return f"PT{count}{letter}" if clock else f"P{count}{letter}"
