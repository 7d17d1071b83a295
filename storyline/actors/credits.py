"""Where a report credits its own staff: bylines, photo credits, datelines, contributor lines.

The names there (reporters, photographers, agencies) are not actors in the story, so the mention
finder skips any candidate whose head lies in one of these character ranges:
  * photo credits: "... on Sunday. - Ed Ram/Getty Images", "(Photo by X / Handout via Getty
    Images)", "(photo credit: ...)", "| Photo: Unsplash", and any "First Last/Agency" name;
  * bylines: "(Writing by A and B; additional reporting by C; Editing by D)", a "By Jane Doe" line;
  * datelines: "BEIRUT (Reuters) -", "TRIPOLI, Nov 04 (Xinhua):", "Lusaka, Zambia —" at the start
    of a paragraph;
  * contributor sentences: "CNN's Jane Doe and John Roe contributed reporting." - on the parse,
    the subject of "contributed" with its whole subtree (the outlet and every conjoined name).
"""
from __future__ import annotations

import re
from bisect import bisect_right

from spacy.tokens import Doc

from ..nlp.parse import DATELINES

# (pattern, lower-case strings one of which the text must contain for the pattern to be tried)
_PATTERNS = [(re.compile(p, flags), needles) for p, flags, needles in [
    # " - Ed Ram/Getty Images" closing a caption line
    (r"\s[-–—]\s+[^\n.,;:!?\"“”]{1,60}/[^\n,;:!?\"“”]{1,60}$", re.MULTILINE, ("/",)),
    (r"\(?\b(?:photo|image|picture)(?:\s+credit)?\s*(?::|by\b)[^)\n]*\)?", re.IGNORECASE,
     ("photo", "image", "picture")),
    # "Mohamed Azakir/Reuters": a two-to-four word name joined by a slash to an agency
    (r"\b[A-Z][a-z][\w'.-]*(?:\s[A-Z][\w'.-]+){1,3}\s?/\s?[A-Z][\w.-]*(?:\s[A-Z][\w.-]*){0,4}", 0, ("/",)),
    (r"\b(?:(?:additional\s+)?reporting|writing|editing|compiled|produced)\s+by\b[^)\n]*",
     re.IGNORECASE, ("ing by", "ed by")),
    (r"^[ \t]*By\s+[A-Z][^\n]{0,80}$", re.MULTILINE, ("by ",)),
]]
_CONTRIBUTED = re.compile(r"\bcontributed\s+(?:reporting|to\s+(?:this|the)\s+(?:report|article|story))")
SUBJECT_DEPS = {"nsubj", "nsubjpass"}


class CreditZones:
    """Sorted, merged character ranges of a report's credits; `covers(offset)` tests one offset."""

    def __init__(self, text: str, doc: Doc):
        lower = text.lower()
        spans = [m.span() for pattern, needles in _PATTERNS if any(n in lower for n in needles)
                 for m in pattern.finditer(text)]
        spans += [m.span() for pattern in DATELINES for m in pattern.finditer(text)]  # the parser's
        if "contributed" in lower:
            spans += [_contributors(doc, m) for m in _CONTRIBUTED.finditer(text)]
        self.starts: list[int] = []
        self.ends: list[int] = []
        for start, end in sorted(s for s in spans if s is not None):
            if self.ends and start <= self.ends[-1]:
                self.ends[-1] = max(self.ends[-1], end)
            else:
                self.starts.append(start)
                self.ends.append(end)

    def covers(self, offset: int) -> bool:
        k = bisect_right(self.starts, offset) - 1
        return k >= 0 and offset < self.ends[k]


def _contributors(doc: Doc, match: re.Match) -> tuple[int, int] | None:
    """From the left edge of the subject of "contributed" to the end of the phrase."""
    verb = doc.char_span(match.start(), match.start() + len("contributed"), alignment_mode="expand")
    if verb is None:
        return None
    subjects = [c for c in verb.root.children if c.dep_ in SUBJECT_DEPS]
    start = subjects[0].left_edge.idx if subjects else verb.root.sent.start_char
    return start, match.end()
