"""The rule grammar of time expressions: one regular expression per kind of expression, each with
a function that turns a match into a TIMEX3 (type, value).

Rules are matched over the report text (exact offsets for free); where several overlap the
longest wins ("the next 60 days" over "60 days").  A rule may refuse a match by returning None
(a lone "May" with no temporal context, a number that is not a year).  Resolvers read what
they need from a `Context` (see component.py): the reference date, the direction the governing
verb gives, neighbouring words, and for anchored rules ("the day before", "a year earlier") the
values already given to the other expressions.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Callable, Optional, Protocol

from ..lexicon import words
from .calendar import (add_months, day_value, duration_value, month_day_date, month_value,
                       month_year, quarter_of, safe_date, season_year, shift_value, week_value, weekday_date)
from .lexicon import (DAY_PART, MONTH, NUMBER, ORDINALS, RELATIVE_DAYS, SEASONS, UNIT, WEEKDAY, WEEKDAYS, YEAR,
                      month_number, parse_number)

Resolution = Optional[tuple[str, Optional[str]]]  # (type, value); None rejects the match


class Context(Protocol):
    ref: Optional[date]

    def direction(self, start: int, end: int) -> Optional[str]: ...
    def is_ner_date(self, start: int, end: int) -> bool: ...
    def word_before(self, start: int) -> str: ...
    def word_after(self, end: int) -> str: ...
    def pos_at(self, start: int, end: int) -> str: ...
    def anchor(self, start: int, end: int, forward: bool, day_only: bool,
               same_sentence: bool = False) -> Optional[str]: ...
    def year_stated_for(self, month: int, day: int) -> Optional[int]: ...


@dataclass(frozen=True)
class Rule:
    name: str
    keys: tuple[str, ...]  # kinds of key word every match contains (see _KEYS)
    pattern: re.Pattern
    resolve: Callable[[re.Match, Context], Resolution]
    anchored: bool = False  # resolved after the others, from their values


# Words before a bare month or year that make it a date ("in September", "since 2006").
_TEMPORAL_PREPOSITIONS = words("prepositions", "before_date")
# Words before a bare plural unit that make it a duration ("after months of talks").
_DURATION_PREPOSITIONS = words("prepositions", "before_duration")
_DURATION_FOLLOWERS = frozenset({"of", "before", "after", "later", "earlier", "ago"})


def _compile(pattern: str) -> re.Pattern:
    return re.compile(pattern, re.IGNORECASE)


def _day(d: Optional[date]) -> Resolution:
    return ("date", day_value(d)) if d else None


# --- calendar dates ------------------------------------------------------------------------------

def _resolve_month_day(m: re.Match, ctx: Context) -> Resolution:
    month, day = month_number(m["mon"]), int(m["day"])
    if not 1 <= day <= 31:
        return None
    if m["year"]:
        return _day(safe_date(int(m["year"]), month, day))
    if m["rel"]:
        if ctx.ref is None:
            return ("date", None)
        return _day(safe_date(ctx.ref.year + _REL_YEAR[m["rel"].lower()], month, day))
    # "the October 7 attack" in a report that also writes "October 7, 2023" is that day, unless
    # the tense points the other way ("talks resume on October 7")
    stated = ctx.year_stated_for(month, day)
    full = safe_date(stated, month, day) if stated is not None else None
    if ctx.ref is None:
        return _day(full) if full else ("date", f"XXXX-{month:02d}-{day:02d}")
    direction = ctx.direction(m.start(), m.end())
    if full and not (direction == "future" and full < ctx.ref or direction == "past" and full > ctx.ref):
        return _day(full)
    return _day(month_day_date(ctx.ref, month, day, direction))


_REL_YEAR = {"last": -1, "this": 0, "next": 1}


def _resolve_month_year(m: re.Match, ctx: Context) -> Resolution:
    month = month_number(m["mon"])
    if m["year"]:
        return ("date", month_value(int(m["year"]), month))
    if ctx.ref is None:
        return ("date", None)
    return ("date", month_value(ctx.ref.year + _REL_YEAR[m["rel"].lower()], month))


def _resolve_month(m: re.Match, ctx: Context) -> Resolution:
    """A month without a year: "September", "late September", "last November", "mid-October"."""
    which = (m["which"] or "").lower()
    if not (m["mod"] or which or ctx.word_before(m.start()) in _TEMPORAL_PREPOSITIONS
            or ctx.is_ner_date(m.start(), m.end())):
        return None
    if ctx.ref is None:
        return ("date", None)
    month = month_number(m["mon"])
    if which == "this":
        return ("date", month_value(ctx.ref.year, month))
    if which in ("last", "next"):
        direction = "past" if which == "last" else "future"
        year = month_year(ctx.ref, month, direction)
        if month == ctx.ref.month:  # "last November" said in November is a year back
            year += -1 if which == "last" else 1
        return ("date", month_value(year, month))
    return ("date", month_value(month_year(ctx.ref, month, ctx.direction(m.start(), m.end())), month))


def _resolve_numeric_date(m: re.Match, ctx: Context) -> Resolution:
    return _day(safe_date(int(m["year"]), int(m["month"]), int(m["day"])))


def _resolve_year(m: re.Match, ctx: Context) -> Resolution:
    before = ctx.word_before(m.start())
    if before in ("resolution", "no", "number", "route", "flight", "room"):
        return None
    if not (m["mod"] or m["fiscal"] or before in _TEMPORAL_PREPOSITIONS or ctx.is_ner_date(m.start(), m.end())):
        return None
    return ("date", m["year"])


def _resolve_decade(m: re.Match, ctx: Context) -> Resolution:
    return ("date", m["decade"])


# --- days and parts of days relative to the report date --------------------------------------------



def _resolve_relative_day(m: re.Match, ctx: Context) -> Resolution:
    offset = RELATIVE_DAYS[m["rd"].lower()]
    return ("date", day_value(ctx.ref + timedelta(days=offset)) if ctx.ref else None)


def _resolve_this_daypart(m: re.Match, ctx: Context) -> Resolution:
    offset = -1 if m["which"].lower() == "last" else 0
    return ("date", day_value(ctx.ref + timedelta(days=offset)) if ctx.ref else None)


def _resolve_weekday(m: re.Match, ctx: Context) -> Resolution:
    if ctx.ref is None:
        return ("date", None)
    which = (m["which"] or "").lower()
    weekday = WEEKDAYS[m["wd"].lower()]
    if which in ("last", "past"):
        return ("date", day_value(weekday_date(ctx.ref, weekday, "past", strict=True)))
    if which in ("next", "coming"):
        return ("date", day_value(weekday_date(ctx.ref, weekday, "future", strict=True)))
    return ("date", day_value(weekday_date(ctx.ref, weekday, ctx.direction(m.start(), m.end()))))


# --- weeks, months, quarters, years, seasons named relative to the report date ---------------------

def _resolve_relative_unit(m: re.Match, ctx: Context) -> Resolution:
    """"this week", "last month", "next year", "earlier this month", "this weekend", "the year"."""
    if ctx.ref is None:
        return ("date", None)
    which, unit = m["which"].lower().replace("the current", "this"), m["unit"].lower()
    step = {"last": -1, "next": 1}.get(which, 0)
    ref = ctx.ref
    if unit == "week":
        return ("date", week_value(ref + timedelta(weeks=step)))
    if unit == "weekend":
        direction = {"last": "past", "next": "future"}.get(which) or ctx.direction(m.start(), m.end())
        return ("date", week_value(weekday_date(ref, 5, direction, strict=bool(step))))
    if unit == "month":
        return ("date", month_value(*add_months(ref.year, ref.month, step)))
    return ("date", str(ref.year + step))


def _resolve_season(m: re.Match, ctx: Context) -> Resolution:
    code = SEASONS[m["season"].lower()]
    if m["year"]:
        return ("date", f"{m['year']}-{code}")
    if ctx.ref is None:
        return ("date", None)
    which = m["which"].lower().replace("the past", "last").replace("the coming", "next")
    return ("date", f"{season_year(ctx.ref, code, which)}-{code}")


def _resolve_quarter(m: re.Match, ctx: Context) -> Resolution:
    """"the third quarter", "third-quarter", "the latest quarter", "the first half of 1999"."""
    ordinal = (m["ord"] or "").lower()
    if not (ordinal or m["det"]):
        return None
    half = m["q"].lower() == "half"
    explicit_year = m["year"] or m["year2"]
    year_rel = m["yrel"] or m["yrel2"]
    if ctx.ref is None and not explicit_year:
        return ("date", None)
    if ordinal in ORDINALS:
        n = ORDINALS[ordinal]
        if explicit_year:
            year = int(explicit_year)
        elif year_rel:
            year = ctx.ref.year + _REL_YEAR[year_rel.lower()]
        else:  # a quarter not begun yet, told in the past tense, is last year's
            first_month = (n - 1) * (6 if half else 3) + 1
            started = (ctx.ref.month >= first_month)
            year = ctx.ref.year - (not started and ctx.direction(m.start(), m.end()) != "future")
        return ("date", f"{year}-{'H' if half else 'Q'}{n}")
    if half or ctx.ref is None:
        return ("date", None)
    if ordinal in ("current", "this") or (m["det"] or "").lower() == "this":
        return ("date", f"{ctx.ref.year}-Q{quarter_of(ctx.ref)}")
    if not ordinal:  # "the quarter": the one the text is talking about
        anchor = ctx.anchor(m.start(), m.end(), forward=False, day_only=False)
        if anchor and "-Q" in anchor:
            return ("date", anchor)
    year, month = add_months(ctx.ref.year, ctx.ref.month, -3)
    return ("date", f"{year}-Q{(month - 1) // 3 + 1}")


# --- offsets: "two weeks ago", "a year earlier", "the day before" -------------------------------

def _shift_from_ref(ref: date, n: int, unit: str) -> str:
    if unit in ("day", "night"):
        return day_value(ref + timedelta(days=n))
    if unit == "week":
        return week_value(ref + timedelta(weeks=n))
    if unit == "month":
        return month_value(*add_months(ref.year, ref.month, n))
    if unit == "decade":
        return str(ref.year + 10 * n)[:3]
    if unit in ("hour", "minute", "second"):
        return day_value(ref)
    return str(ref.year + n)


def _unit_of(m: re.Match) -> str:
    unit = m["unit"].lower()
    return "century" if unit.startswith("centur") else unit


def _resolve_ago(m: re.Match, ctx: Context) -> Resolution:
    n = parse_number(m["num"])
    future = m["dir"].lower() == "from now"
    if n is None:
        return ("date", "FUTURE_REF" if future else "PAST_REF")
    if ctx.ref is None:
        return ("date", None)
    return ("date", _shift_from_ref(ctx.ref, n if future else -n, _unit_of(m)))


def _resolve_offset_from_anchor(m: re.Match, ctx: Context) -> Resolution:
    """"a year earlier", "two days later": counted from the date the text was talking about."""
    n = parse_number(m["num"])
    unit = _unit_of(m)
    if n is None or unit in ("hour", "minute", "second", "decade", "century"):
        return None
    sign = -1 if m["dir"].lower() in ("earlier", "before") else 1
    anchor = ctx.anchor(m.start(), m.end(), forward=False, day_only=unit in ("day", "night"))
    return ("date", shift_value(anchor, sign * n, unit))


def _resolve_year_ago_adjective(m: re.Match, ctx: Context) -> Resolution:
    """"year-earlier", "the year-ago quarter": the period discussed, a year back."""
    anchor = ctx.anchor(m.start(), m.end(), forward=False, day_only=False)
    shifted = shift_value(anchor, -1, "year") if anchor else None
    if shifted is None and ctx.ref:
        shifted = str(ctx.ref.year - 1)
    return ("date", shifted)


def _resolve_neighbour_day(m: re.Match, ctx: Context) -> Resolution:
    """"the day before", "the night before its leader was killed", "the day after": one day from
    the date the phrase leans on: the date it introduces when followed by a clause or noun
    ("the day after Hamas attacked ... on October 7"), else the last date mentioned."""
    unit = (m["unit"] or m.groupdict().get("unit2")).lower()
    unit = "day" if unit in ("night", "morning", "evening") else unit
    word = (m["dir"] or m.groupdict().get("dir2")).lower()
    sign = -1 if word in ("before", "earlier", "prior", "previous") else 1
    introduces = word in ("before", "after") and ctx.word_after(m.end()) not in ("", "that", "and", "but")
    anchor = (ctx.anchor(m.start(), m.end(), forward=True, day_only=False) if introduces else None) \
        or ctx.anchor(m.start(), m.end(), forward=False, day_only=unit == "day") \
        or (_shift_from_ref(ctx.ref, 0, unit) if ctx.ref else None)
    return ("date", shift_value(anchor, sign, unit) if anchor else None)


# --- durations ---------------------------------------------------------------------------------

def _resolve_counted_duration(m: re.Match, ctx: Context) -> Resolution:
    """"60-day", "six-week", "the next 60 days", "nearly 14 months", "several weeks"."""
    if m["num"].lower() in ("a", "an"):
        # "a monthlong truce" is the "long" rule's, "a second day" an ordinal; a bare "a year" is
        # only a duration after a modifier or preposition ("nearly a year", "for a year")
        modified = m["pre"] or m["approx"] or ctx.word_before(m.start()) in _DURATION_PREPOSITIONS
        if m["long"] or m["unit"].lower() == "second" or not modified:
            return None
    return ("duration", duration_value(parse_number(m["num"]), _unit_of(m)))


def _resolve_determined_unit(m: re.Match, ctx: Context) -> Resolution:
    """"the past year" -> P1Y; plural with no count: "the coming days" -> FUTURE_REF."""
    pre = m["pre"].lower().split()[-1]
    if not m["plural"]:
        return ("duration", duration_value(1, _unit_of(m)))
    if pre in ("next", "coming", "following"):
        return ("date", "FUTURE_REF")
    if pre in ("past", "last", "previous"):
        return ("date", "PAST_REF")
    return None


def _resolve_bare_plural(m: re.Match, ctx: Context) -> Resolution:
    """"after months of talks", "hours before the attack": an unknown number of units."""
    if not (ctx.word_before(m.start()) in _DURATION_PREPOSITIONS or ctx.word_after(m.end()) in _DURATION_FOLLOWERS):
        return None
    return ("duration", duration_value(None, _unit_of(m)))


def _resolve_long(m: re.Match, ctx: Context) -> Resolution:
    return ("duration", duration_value(1, _unit_of(m)))


# --- vague references, clock times, sets -------------------------------------------------------------

_VAGUE = {
    "now": "PRESENT_REF", "right now": "PRESENT_REF", "currently": "PRESENT_REF", "nowadays": "PRESENT_REF",
    "at present": "PRESENT_REF", "at the moment": "PRESENT_REF", "to date": "PRESENT_REF",
    "recently": "PAST_REF", "previously": "PAST_REF", "lately": "PAST_REF", "the past": "PAST_REF",
    "soon": "FUTURE_REF", "as soon as possible": "FUTURE_REF", "the future": "FUTURE_REF",
    "the near future": "FUTURE_REF",
}


def _resolve_vague(m: re.Match, ctx: Context) -> Resolution:
    phrase = " ".join(m.group(0).lower().split())
    if phrase == "soon" and ctx.word_after(m.end()) == "as":
        return None
    if phrase == "now" and ctx.word_before(m.start()) == "from":
        return None
    return ("date", _VAGUE.get(phrase, "PAST_REF"))  # the rest are "recent days", "weeks ago"


def _resolve_clock(m: re.Match, ctx: Context) -> Resolution:
    hour, minute = int(m["h"]), int(m["mi"] or 0)
    meridiem = (m["ap"] or "").lower()
    if meridiem and not 1 <= hour <= 12:
        return None
    if meridiem == "p" and hour < 12:
        hour += 12
    elif meridiem == "a" and hour == 12:
        hour = 0
    return ("time", _on_day(m, ctx, f"T{hour:02d}:{minute:02d}"))


def _resolve_noon(m: re.Match, ctx: Context) -> Resolution:
    return ("time", _on_day(m, ctx, "T12:00" if m.group(0).lower() == "noon" else "T00:00"))


def _on_day(m: re.Match, ctx: Context, clock: str) -> str:
    """A clock time on the day named in its sentence, else on the report date."""
    day = ctx.anchor(m.start(), m.end(), forward=True, day_only=True) \
        or ctx.anchor(m.start(), m.end(), forward=False, day_only=True, same_sentence=True) \
        or (day_value(ctx.ref) if ctx.ref else "")
    return day + clock


_SET_PERIODS = {"day": "P1D", "daily": "P1D", "night": "P1D", "nightly": "P1D", "morning": "P1D",
                "evening": "P1D", "week": "P1W", "weekly": "P1W", "weekend": "P1W", "month": "P1M",
                "monthly": "P1M", "year": "P1Y", "yearly": "P1Y", "annually": "P1Y", "hour": "PT1H",
                "hourly": "PT1H"}


def _resolve_set(m: re.Match, ctx: Context) -> Resolution:
    word = (m["unit"] or m["adv"]).lower()
    if m["adv"] and ctx.pos_at(m.start(), m.end()) != "ADV":  # "near-daily attacks" is no set
        return None
    if word in WEEKDAYS:
        return ("set", f"XXXX-WXX-{WEEKDAYS[word] + 1}")
    return ("set", _SET_PERIODS[word])


# --- the rules ----------------------------------------------------------------------------------------

_MOD = r"(?P<mod>early|late|mid|the (?:end|beginning|start|middle) of)"
_APPROX = (r"(?:nearly|almost|about|around|approximately|roughly|more than|less than|fewer than|at least"
           r"|up to|some|only|just)")
_TZ = r"(?:GMT|UTC|IST|EST|EDT|CST|CDT|PST|PDT|CET|CEST|BST|ET|PT)"

_SEASON = r"(?P<season>spring|summer|fall|autumn|winter)"
_DATE_KEYS, _UNIT_KEYS = ("month",), ("unit",)

RULES: tuple[Rule, ...] = (
    # calendar dates
    Rule("month_day", _DATE_KEYS, _compile(
        rf"\b(?P<mon>{MONTH})\s+(?P<day>[0-3]?\d)(?:st|nd|rd|th)?\b"
        rf"(?:(?:,\s*|\s+)(?P<year>{YEAR})\b|\s+(?:of\s+)?(?P<rel>last|this|next)\s+year\b)?"), _resolve_month_day),
    Rule("day_month", _DATE_KEYS, _compile(
        rf"\b(?P<day>[0-3]?\d)(?:st|nd|rd|th)?\s+(?:of\s+)?(?P<mon>{MONTH})(?:,?\s+(?P<year>{YEAR})\b)?(?P<rel>)"),
         _resolve_month_day),
    Rule("weekday_with_date", ("weekday",), _compile(
        rf"\b{WEEKDAY},?\s+(?P<mon>{MONTH})\s+(?P<day>[0-3]?\d)(?:st|nd|rd|th)?\b"
        rf"(?:,\s*(?P<year>{YEAR})\b)?(?P<rel>)"), _resolve_month_day),
    Rule("month_year", _DATE_KEYS, _compile(
        rf"\b(?:{_MOD}[\s-]+)?(?P<mon>{MONTH})(?:,?\s+(?:of\s+)?(?P<year>{YEAR})\b"
        rf"|\s+(?:of\s+)?(?P<rel>last|this|next)\s+year\b)"), _resolve_month_year),
    Rule("month", _DATE_KEYS, _compile(
        rf"\b(?:{_MOD}[\s-]+|(?P<which>last|next|this)\s+)?(?P<mon>{MONTH})\b(?!\.?\s*\d)"), _resolve_month),
    Rule("iso_date", ("digit",), _compile(r"\b(?P<year>\d{4})-(?P<month>\d{2})-(?P<day>\d{2})\b"),
         _resolve_numeric_date),
    Rule("us_date", ("digit",), _compile(r"\b(?P<month>\d{1,2})/(?P<day>\d{1,2})/(?P<year>\d{4})\b"),
         _resolve_numeric_date),
    Rule("year", ("digit",), _compile(
        rf"\b(?:{_MOD}[\s-]+)?(?P<fiscal>fiscal\s+(?:year\s+)?)?(?P<year>{YEAR})\b(?![-–/.,]\d|\s*(?:%|percent))"),
         _resolve_year),
    Rule("decade", ("digit",), _compile(
        r"\b(?:the\s+)?(?:(?:early|mid|late)[\s-]+)?(?P<decade>(?:1[6-9]|20)\d)0'?s\b"), _resolve_decade),
    # days, weeks, months, quarters, seasons relative to the report date
    Rule("relative_day", ("word",), _compile(
        rf"\b(?:(?:late|early)\s+)?(?P<rd>today|tonight|tomorrow|yesterday|overnight)(?:\s+{DAY_PART})?\b"),
         _resolve_relative_day),
    Rule("this_daypart", _UNIT_KEYS, _compile(rf"\b(?P<which>this|last)\s+{DAY_PART}\b"), _resolve_this_daypart),
    Rule("weekday", ("weekday",), _compile(
        rf"\b(?:(?P<which>this|last|next|past|coming)\s+)?(?P<wd>{WEEKDAY})(?:\s+{DAY_PART})?\b"), _resolve_weekday),
    Rule("relative_unit", _UNIT_KEYS, _compile(
        r"\b(?:(?:earlier|later|early|late|the end of|the beginning of|the start of|the middle of|the rest of)\s+)?"
        r"(?P<which>this|last|next|the current|the)\s+(?P<unit>week|weekend|month|year)\b(?![-–]|\s+(?:old|long)\b)"),
         _resolve_relative_unit),
    Rule("season", ("word",), _compile(rf"\b(?P<which>this|last|next|the past|the coming)\s+{_SEASON}\b(?P<year>)"),
         _resolve_season),
    Rule("season_year", ("word",), _compile(rf"\b{_SEASON}\s+(?:of\s+)?(?P<year>{YEAR})\b"), _resolve_season),
    Rule("quarter", _UNIT_KEYS, _compile(
        rf"\b(?:(?P<det>the|this|that)\s+)?(?:(?P<year>{YEAR})(?:'s)?\s+|(?P<yrel>this|last|next) year's\s+)?"
        r"(?:fiscal\s+)?(?P<ord>first|second|third|fourth|1st|2nd|3rd|4th|latest|last|current|previous)?[\s-]*"
        r"(?:fiscal\s+)?(?P<q>quarter|half)\b(?!s)"
        rf"(?:\s+of\s+(?:fiscal\s+)?(?:(?P<year2>{YEAR})|(?P<yrel2>this|last|next) year))?"), _resolve_quarter,
         anchored=True),
    # offsets from the report date or from the date under discussion
    Rule("ago", _UNIT_KEYS, _compile(
        rf"\b(?:{_APPROX}\s+)?(?P<num>{NUMBER})[\s-]+(?P<unit>{UNIT})s?\s+(?P<dir>ago|from now)\b"), _resolve_ago),
    Rule("vague_ago", _UNIT_KEYS, _compile(r"\b(?:days|weeks|months|years|decades)\s+ago\b"), _resolve_vague),
    Rule("offset", _UNIT_KEYS, _compile(
        rf"\b(?P<num>{NUMBER})[\s-]+(?P<unit>{UNIT})s?\s+(?P<dir>earlier|later)\b"),
         _resolve_offset_from_anchor, anchored=True),
    Rule("year_ago_adjective", _UNIT_KEYS, _compile(
        r"\b(?:the\s+)?year-(?:earlier|ago)(?:\s+(?:quarter|period))?\b"), _resolve_year_ago_adjective, anchored=True),
    Rule("neighbour_day", _UNIT_KEYS, _compile(
        r"\bthe\s+(?P<unit>day|night|morning|evening|week|month|year)\s+(?P<dir>before|after|earlier|later|prior)\b"),
         _resolve_neighbour_day, anchored=True),
    Rule("neighbour_unit", _UNIT_KEYS, _compile(
        r"\bthe\s+(?P<dir>following|previous|next)\s+(?P<unit>day|morning|evening|night)\b"
        r"|\bthe\s+(?P<dir2>following|previous)\s+(?P<unit2>week|month|year)\b"), _resolve_neighbour_day, anchored=True),
    # durations
    Rule("counted_duration", _UNIT_KEYS, _compile(
        r"\b(?:(?P<pre>the\s+(?:next|past|last|previous|first|final|coming|following|entire|whole)"
        r"|an?\s+(?:further|additional|extra)|another)\s+)?"
        rf"(?:(?P<approx>{_APPROX})\s+)?"
        rf"(?P<num>{NUMBER})[\s-]+(?P<unit>{UNIT})s?(?P<long>[\s-]?long)?\b(?![-\s]old\b)"), _resolve_counted_duration),
    Rule("determined_unit", _UNIT_KEYS, _compile(
        rf"\b(?P<pre>the\s+(?:next|past|last|previous|coming|following))\s+(?P<unit>{UNIT})(?P<plural>s)?\b"
        r"(?![-\s]old\b)"), _resolve_determined_unit),
    Rule("bare_plural", _UNIT_KEYS, _compile(r"\b(?P<unit>hour|day|week|month|year|decade)s\b"), _resolve_bare_plural),
    Rule("long", _UNIT_KEYS, _compile(r"\b(?P<unit>hour|day|week|month|year)[\s-]?long\b"), _resolve_long),
    # vague references, clock times, sets
    Rule("vague", ("word",), _compile(
        r"\b(?:right now|now(?![-–])|currently|nowadays|at present|at the moment|to date|recently|previously|lately"
        r"|as soon as possible|soon|the (?:near )?future|the past|recent (?:days|weeks|months|years))\b"),
         _resolve_vague),
    Rule("clock", ("digit",), _compile(
        rf"\b(?P<h>[012]?\d)(?:[:.](?P<mi>[0-5]\d))?\s*(?P<ap>[ap])\.?\s?m\b\.?(?:\s+{_TZ}\b)?"),
         _resolve_clock, anchored=True),
    Rule("clock24", ("digit",), _compile(rf"\b(?P<h>[01]\d|2[0-3]):?(?P<mi>[0-5]\d)(?P<ap>)\s+{_TZ}\b"),
         _resolve_clock, anchored=True),
    Rule("noon", ("word",), _compile(r"\b(?:noon|midnight)\b"), _resolve_noon, anchored=True),
    Rule("set_every", ("unit", "weekday"), _compile(
        rf"\b(?:every|each)\s+(?P<unit>day|week|month|year|hour|morning|night|evening|weekend|{WEEKDAY})\b(?P<adv>)"),
         _resolve_set),
    Rule("set_frequency", _UNIT_KEYS, _compile(
        r"\b(?:once|twice|\w+ times)\s+(?:a|an|per|each)\s+(?P<unit>day|week|month|year)\b(?P<adv>)"), _resolve_set),
    Rule("set_adverb", ("word",), _compile(r"\b(?P<adv>daily|weekly|monthly|annually|yearly|hourly|nightly)\b(?P<unit>)"),
         _resolve_set),
)

# --- scanning -------------------------------------------------------------------------------------------
# Running every rule over the whole report costs ~6 ms; instead one pass finds the key words (a
# unit, a month, a weekday, a digit, a time word) and each rule runs only in windows around the
# key words it needs.  A match never reaches further than these margins around its key word.
_KEYS = {
    "unit": r"\b(?:second|minute|hour|day|night|week|month|year|decade|centur|quarter|half|morning|afternoon|evening)",
    "month": rf"\b{MONTH}",
    "weekday": rf"\b{WEEKDAY}",
    "digit": r"\b\d+",
    "word": r"\b(?:today|tonight|tomorrow|yesterday|overnight|now|currently|nowadays|present|moment|date|recent"
            r"|previously|lately|soon|future|past|noon|midnight|daily|weekly|monthly|annually|yearly|hourly"
            r"|nightly|spring|summer|fall|autumn|winter)",
}
_KEY_PATTERN = _compile("|".join(f"(?P<{kind}>{pattern})" for kind, pattern in _KEYS.items()))
_RULES_BY_KEY = {kind: tuple(r for r in RULES if kind in r.keys) for kind in _KEYS}
_MARGIN_BEFORE, _MARGIN_AFTER = 70, 45


def scan(text: str) -> list[tuple[Rule, re.Match]]:
    """Every match of every rule in the text."""
    windows: dict[Rule, list[tuple[int, int]]] = {}
    for key in _KEY_PATTERN.finditer(text):
        window = (max(0, key.start() - _MARGIN_BEFORE), min(len(text), key.end() + _MARGIN_AFTER))
        for rule in _RULES_BY_KEY[key.lastgroup]:
            windows.setdefault(rule, []).append(window)
    found = []
    for rule, spans in windows.items():
        for start, end in _merge(spans):
            found.extend((rule, m) for m in rule.pattern.finditer(text, start, end))
    return found


def _merge(spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    merged: list[list[int]] = []
    for start, end in sorted(spans):
        if merged and start <= merged[-1][1]:
            merged[-1][1] = max(merged[-1][1], end)
        else:
            merged.append([start, end])
    return [(s, e) for s, e in merged]
