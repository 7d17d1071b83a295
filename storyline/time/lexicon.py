"""Word tables of the time grammar: months, weekdays, seasons, number words and duration units.

The regular-expression fragments built here are shared by the rules in `grammar.py`; the
dictionaries turn the matched words back into numbers.
"""
from __future__ import annotations

import re
from typing import Optional

MONTH_NAMES = {
    "january": 1, "february": 2, "march": 3, "april": 4, "may": 5, "june": 6, "july": 7,
    "august": 8, "september": 9, "october": 10, "november": 11, "december": 12,
}
MONTH_ABBREVIATIONS = {"jan": 1, "feb": 2, "mar": 3, "apr": 4, "jun": 6, "jul": 7, "aug": 8, "sep": 9, "sept": 9,
                       "oct": 10, "nov": 11, "dec": 12}
MONTHS = {**MONTH_NAMES, **MONTH_ABBREVIATIONS}
WEEKDAYS = {"monday": 0, "tuesday": 1, "wednesday": 2, "thursday": 3, "friday": 4,
            "saturday": 5, "sunday": 6}
# TIMEX3 season codes and the months each covers (winter spans the year end).
SEASONS = {"spring": "SP", "summer": "SU", "fall": "FA", "autumn": "FA", "winter": "WI"}
SEASON_MONTHS = {"SP": (3, 5), "SU": (6, 8), "FA": (9, 11), "WI": (12, 2)}

_UNITS_WORDS = {"zero": 0, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
                "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13,
                "fourteen": 14, "fifteen": 15, "sixteen": 16, "seventeen": 17, "eighteen": 18,
                "nineteen": 19}
_TENS_WORDS = {"twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70,
               "eighty": 80, "ninety": 90, "hundred": 100}
# Quantities that give a duration an unknown count: "several weeks" -> PXW.
VAGUE_COUNTS = ("a few", "a couple of", "few", "several", "many", "some")
ORDINALS = {"first": 1, "second": 2, "third": 3, "fourth": 4, "1st": 1, "2nd": 2, "3rd": 3, "4th": 4}

# unit word -> (TIMEX3 letter, multiplier, is a clock unit written after "T")
UNITS = {
    "second": ("S", 1, True), "minute": ("M", 1, True), "hour": ("H", 1, True),
    "day": ("D", 1, False), "night": ("D", 1, False), "week": ("W", 1, False),
    "month": ("M", 1, False), "year": ("Y", 1, False), "decade": ("Y", 10, False),
    "century": ("Y", 100, False),
}


def _alternation(words) -> str:
    return "|".join(sorted((re.escape(w) for w in words), key=len, reverse=True))


_NUMBER_WORD = (rf"(?:{_alternation(_TENS_WORDS)})(?:[\s-](?:{_alternation(_UNITS_WORDS)}))?"
                rf"|(?:{_alternation(_UNITS_WORDS)})")
# A count: digits, number words ("twenty-four"), "a"/"an", or a vague quantity.
NUMBER = rf"(?:\d{{1,3}}(?:,\d{{3}})*(?:\.\d+)?|{_NUMBER_WORD}|{_alternation(VAGUE_COUNTS)}|an?)"
UNIT = r"(?:second|minute|hour|day|night|week|month|year|decade|centur(?:y|ie))"
# Months are matched capitalised only, so the modal "may" and the verb "march" are not months.
MONTH = (rf"(?-i:(?:{_alternation(w.capitalize() for w in MONTH_NAMES)})"
         rf"|(?:{_alternation(w.capitalize() for w in MONTH_ABBREVIATIONS)})\.?)")
WEEKDAY = rf"(?-i:{_alternation(w.capitalize() for w in WEEKDAYS)})"
YEAR = r"(?:1[6-9]\d\d|20\d\d)"
DAY_PART = r"(?:morning|afternoon|evening|night)"
# Days named relative to the day of writing, and their offset in days.
RELATIVE_DAYS = {"today": 0, "tonight": 0, "overnight": 0, "tomorrow": 1, "yesterday": -1}
# Words that can make a date or duration without a capital or a digit ("last week", "days ago"):
# selective parsing (nlp/selective.py) runs the entity recogniser around them.
_UNIT_PLURALS = {u[:-1] + "ies" if u.endswith("y") and u[-2] not in "aeiou" else u + "s" for u in UNITS}
TIME_WORDS = frozenset({*UNITS, *_UNIT_PLURALS, *RELATIVE_DAYS, "ago", "weekend", "morning", "afternoon", "evening",
                        *SEASONS})


def parse_number(words: str) -> Optional[int]:
    """The value of a count as matched by NUMBER; None for vague quantities ("several")."""
    w = words.lower().replace(",", "").strip()
    if w in ("a", "an"):
        return 1
    if w in VAGUE_COUNTS:
        return None
    if w.replace(".", "", 1).isdigit():
        return int(float(w))
    total = 0
    for part in re.split(r"[\s-]+", w):
        total += _UNITS_WORDS.get(part, 0) + _TENS_WORDS.get(part, 0)
    return total


def month_number(word: str) -> int:
    return MONTHS[word.lower().rstrip(".")]
