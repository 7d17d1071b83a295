"""The `timexes` component: every time expression of a report with its TIMEX3 type and value.

Candidates come from the rule grammar (grammar.py) run over the report text; spaCy's DATE/TIME
entities confirm the ambiguous ones (a lone "May", a bare year).  NER dates outside the grammar
are not used: run through dateparser on the TempEval corpus they were all ages and scores
("52", "11th-hour").  Overlaps go to the longest candidate.  Values are resolved against the
report date; weekdays, lone months and "this weekend" point to the past or the future as the
governing verb says (tense.py); anchored expressions ("the day before", "a year earlier",
"4 a.m.") are resolved last, from the values of the others.
"""
from __future__ import annotations

import bisect
import re
from datetime import date
from typing import Optional

from spacy.language import Language
from spacy.tokens import Doc

from ..models import ReportDoc, Timex
from .calendar import is_day_value
from .grammar import Resolution, Rule, scan
from .lexicon import month_number
from .tense import direction_at

_WORD_BEFORE = re.compile(r"([A-Za-z]+)[^A-Za-z.!?;:\n]{0,3}$")
_WORD_AFTER = re.compile(r"^[ \t\u00a0]*([A-Za-z]+)")
_NER_LABELS = ("DATE", "TIME")
_URL = re.compile(r"(?:https?://|www\.)\S+")


class _Found:
    """A candidate expression and, once resolved, its type and value."""
    __slots__ = ("start", "end", "rule", "match", "type", "value")

    def __init__(self, start: int, end: int, rule: Rule, match: re.Match):
        self.start, self.end, self.rule, self.match = start, end, rule, match
        self.type: Optional[str] = None
        self.value: Optional[str] = None


class _DocContext:
    """What the grammar's resolvers may ask about one report (see grammar.Context)."""

    def __init__(self, rdoc: ReportDoc):
        self.rdoc = rdoc
        self.text = rdoc.text
        self.ref: Optional[date] = rdoc.reference_date
        self.ner_spans = [(e.start_char, e.end_char) for e in rdoc.doc.ents if e.label_ in _NER_LABELS]
        self.sentence_starts = [s.start_char for s in rdoc.doc.sents]
        self.resolved: list[_Found] = []  # in text order, filled by the component

    def direction(self, start: int, end: int) -> Optional[str]:
        return direction_at(self.rdoc.doc, start, end)

    def is_ner_date(self, start: int, end: int) -> bool:
        return any(s <= start and end <= e for s, e in self.ner_spans)

    def word_before(self, start: int) -> str:
        m = _WORD_BEFORE.search(self.text, max(0, start - 25), start)
        return m.group(1).lower() if m else ""

    def word_after(self, end: int) -> str:
        m = _WORD_AFTER.match(self.text[end:end + 25])
        return m.group(1).lower() if m else ""

    def pos_at(self, start: int, end: int) -> str:
        span = self.rdoc.doc.char_span(start, end, alignment_mode="expand")
        return span.root.pos_ if span is not None and len(span) else ""

    def sentence_index(self, offset: int) -> int:
        return bisect.bisect_right(self.sentence_starts, offset)

    def year_stated_for(self, month: int, day: int) -> Optional[int]:
        """The year the report gives this month and day where it writes it in full (resolved
        before the shorter form: candidates are resolved longest first); one year only."""
        years = {int(f.match["year"]) for f in self.resolved
                 if f.value and {"mon", "day", "year"} <= f.match.re.groupindex.keys() and f.match["year"]
                 and month_number(f.match["mon"]) == month and int(f.match["day"]) == day}
        return years.pop() if len(years) == 1 else None

    def anchor(self, start: int, end: int, forward: bool, day_only: bool,
               same_sentence: bool = False) -> Optional[str]:
        """Value of the nearest resolved date after (always in the same sentence) or before this one."""
        sentence = self.sentence_index(start)
        candidates = [f for f in self.resolved if f.type == "date" and f.value and not f.value.endswith("_REF")
                      and (not day_only or is_day_value(f.value))]
        if forward:
            after = [f for f in candidates if f.start >= end and self.sentence_index(f.start) == sentence]
            return after[0].value if after else None
        before = [f for f in candidates if f.end <= start
                  and (not same_sentence or self.sentence_index(f.start) == sentence)]
        return before[-1].value if before else None


@Language.factory("storyline_timexes", assigns=["doc._.storyline_timexes"])
def make_timex_tagger(nlp: Language, name: str) -> "TimexTagger":
    return TimexTagger()


class TimexTagger:
    def __call__(self, doc: Doc) -> Doc:
        rdoc = ReportDoc(doc)
        chosen = self._resolve_rules(_DocContext(rdoc))
        rdoc.timexes = [Timex(rdoc.text[f.start:f.end], f.start, f.end, f.type, f.value) for f in chosen]
        return doc

    def _candidates(self, text: str) -> list[_Found]:
        """Every rule's matches, except inside web addresses (".../says-2024-11-09")."""
        urls = [(m.start(), m.end()) for m in _URL.finditer(text)]
        return [_Found(m.start(), m.end(), rule, m) for rule, m in scan(text)
                if not any(s <= m.start() < e for s, e in urls)]

    def _resolve_rules(self, ctx: _DocContext) -> list[_Found]:
        """Longest candidates first; a free-standing candidate is resolved at once, and one its rule
        refuses leaves its span to shorter candidates.  Anchored candidates keep their span and are
        resolved afterwards, in text order, from the values around them."""
        kept: list[_Found] = []
        ctx.resolved = kept   # what is resolved so far, for the shorter forms of a date
        for f in sorted(self._candidates(ctx.text), key=lambda f: (f.start - f.end, f.start)):
            if any(not (f.end <= k.start or k.end <= f.start) for k in kept):
                continue
            if not f.rule.anchored:
                resolution = _resolve(f, ctx)
                if resolution is None:
                    continue
                f.type, f.value = resolution
            kept.append(f)
        kept.sort(key=lambda f: f.start)
        for f in kept:
            if f.rule.anchored:
                resolution = _resolve(f, ctx)
                if resolution is not None:
                    f.type, f.value = resolution
        return [f for f in kept if f.type is not None]


def _resolve(f: _Found, ctx: _DocContext) -> Resolution:
    """The rule's resolution, or None (refused) where its arithmetic leaves the calendar: "next
    week" in a report dated 9999-12-31 has no date Python can hold."""
    try:
        return f.rule.resolve(f.match, ctx)
    except (OverflowError, ValueError):   # date + timedelta overflows; date(10000, ...) is a ValueError
        return None
