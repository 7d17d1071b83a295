"""Direct quotes: text between quotation marks, found by one linear scan of the report.

Handles straight "", curly “” and ‘’, guillemets «» and low „ marks. Inside an open quotation,
other marks are nested quotes and belong to its content. A single closing mark followed by a
letter is an apostrophe (Israel’s, don’t), never the end of a quote. A quotation never runs past
its paragraph: one left open at a paragraph end continues only if the next paragraph opens with
a mark (the press convention for multi-paragraph quotes); otherwise it was cut off and ends there.
Each paragraph piece becomes its own span; pieces of one quotation share a `group`.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Optional

MIN_WORDS = 3          # shorter quoted strings are scare quotes or names (gold guide)
MAX_TITLE_WORDS = 6    # a short all-capitalised quoted string is a title ("Operation Northern Arrows")

_DOUBLE_CLOSERS = {"“": "”\"", "„": "“”\"", "«": "»", "\"": "\"”"}
_SINGLE_CLOSERS = {"‘": "’'", "'": "'’"}
_MARK = re.compile(r"[\"“”„«»‘’']")
_PARAGRAPH = re.compile(r"[^\n]+")
_TRAILING = " \t\r,;:."
_WORD = re.compile(r"\S+")


@dataclass
class QuoteSpan:
    start: int                  # content, marks excluded
    end: int
    open_mark: int              # offset of the opening mark
    close_mark: Optional[int]   # offset of the closing mark; None when cut at the paragraph end
    group: int                  # pieces of one multi-paragraph quotation share it


def find_direct_quotes(text: str) -> list[QuoteSpan]:
    pieces: list[QuoteSpan] = []
    group = -1
    continuing = False   # the previous paragraph ended inside an open quotation
    for para in _PARAGRAPH.finditer(text):
        raw = _paragraph_quotes(text, para.start(), para.end())
        for i, (open_at, close_at) in enumerate(raw):
            first_mark = i == 0 and not text[para.start():open_at].strip()
            if not (continuing and first_mark):
                group += 1
            span = _content_span(text, open_at + 1, close_at if close_at is not None else para.end())
            if span and _is_quotation(text[span[0]:span[1]]):
                pieces.append(QuoteSpan(span[0], span[1], open_at, close_at, group))
        continuing = bool(raw) and raw[-1][1] is None
    return pieces


def _paragraph_quotes(text: str, start: int, end: int) -> list[tuple[int, Optional[int]]]:
    """(opening mark, closing mark or None) of the outermost quotations of one paragraph."""
    found: list[tuple[int, Optional[int]]] = []
    open_at, closers = None, ""
    for m in _MARK.finditer(text, start, end):
        i, ch = m.start(), m.group()
        if open_at is None:
            closers = _opener_closers(text, i, ch, start)
            if closers:
                open_at = i
        elif ch in closers and _can_close(text, i, ch, end):
            found.append((open_at, i))
            open_at = None
    if open_at is not None:
        found.append((open_at, None))
    return found


def _opener_closers(text: str, i: int, ch: str, para_start: int) -> str:
    """The marks that close a quotation opened at i, or "" when the mark at i opens none."""
    before = text[i - 1] if i > para_start else " "
    after = text[i + 1] if i + 1 < len(text) else " "
    if after.isspace() and ch != "«":   # French guillemets take a space inside
        return ""
    if ch in _DOUBLE_CLOSERS:
        return _DOUBLE_CLOSERS[ch]
    if ch in _SINGLE_CLOSERS and not before.isalnum():   # not an apostrophe inside a word
        return _SINGLE_CLOSERS[ch]
    return ""


def _can_close(text: str, i: int, ch: str, para_end: int) -> bool:
    if ch in "’'":   # a single mark before a letter is an apostrophe (don’t, Israel’s)
        return not (i + 1 < para_end and text[i + 1].isalnum()) and not text[i - 1].isspace()
    return True


def _content_span(text: str, start: int, end: int) -> Optional[tuple[int, int]]:
    while start < end and text[start].isspace():
        start += 1
    while end > start and (text[end - 1] in _TRAILING or text[end - 1].isspace()):
        end -= 1
    return (start, end) if end > start else None


def _is_quotation(content: str) -> bool:
    words = _WORD.findall(content)
    if len(words) < MIN_WORDS:
        return False
    is_title = len(words) <= MAX_TITLE_WORDS and all(w[0].isupper() for w in words if w[0].isalpha())
    return not is_title
