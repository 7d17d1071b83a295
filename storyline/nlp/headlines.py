"""Headlines in title case, parsed as the sentences they are.

"Kenya Hands Revised Peace Plan To Sudan Rebels" reads to the small English model as a run of proper
names: no verb, no object, no event. A headline is parsed in sentence case instead: a capitalised
word is written small when the report itself writes it small elsewhere ("proposal", "submitted"),
or when it is an English function word ("To", "After"). Names keep their capitals because the
report never writes them small. Lower-casing keeps every offset, so the parse is put back onto the
headline's own words afterwards.
"""
from __future__ import annotations

import re

from spacy.attrs import DEP, ENT_IOB, ENT_TYPE, HEAD, LEMMA, MORPH, POS, SENT_START, TAG
from spacy.tokens import Doc

_WORD = re.compile(r"[A-Za-z][A-Za-z'’-]*")
_ENDINGS = ("ing", "ed", "es", "s", "d")
MAX_HEADLINE_WORDS = 25
MIN_CAPITALISED_SHARE = 0.6
_ATTRS = [POS, TAG, DEP, HEAD, LEMMA, MORPH, SENT_START, ENT_IOB, ENT_TYPE]


def is_headline(chunk: str) -> bool:
    """A title-case line: one line, no closing punctuation, most words capitalised."""
    line = chunk.strip()
    if not line or "\n" in line or line[-1] in ".?!:;\"”'’)":
        return False
    words = _WORD.findall(line)
    if not 2 <= len(words) <= MAX_HEADLINE_WORDS:
        return False
    capitalised = [w for w in words if w[0].isupper()]
    return len(capitalised) >= MIN_CAPITALISED_SHARE * len(words) and any(w[1:].islower() for w in capitalised)


def _stems(word: str) -> list[str]:
    """The word and what it may be inflected from: "submits", "submitted" -> "submit";
    "proposes", "proposed" -> "propos"."""
    stems = [word]
    for ending in _ENDINGS:
        if word.endswith(ending) and len(word) - len(ending) >= 3:
            stem = word[:-len(ending)]
            stems.append(stem)
            if len(stem) > 3 and stem[-1] == stem[-2] and stem[-1] not in "aeiouls":
                stems.append(stem[:-1])          # "submitt-ed"
            if stem.endswith("e"):
                stems.append(stem[:-1])          # "propose-s" and "propos-ed" meet at "propos"
    return stems


def body_vocabulary(text: str) -> set[str]:
    """Words and their stems that the report writes in small letters."""
    return {stem for w in _WORD.findall(text) if w[0].islower() for stem in _stems(w)}


def sentence_case(headline: str, vocabulary: set[str], stop_words: set[str]) -> str:
    """The headline with its common words in small letters (same length, same offsets)."""
    def lower(m: re.Match) -> str:
        word = m.group(0)
        small = word.lower()
        if not word[0].isupper() or word.isupper() and len(word) > 1:
            return word                       # already small, or an acronym ("US", "UN")
        if small in stop_words or any(stem in vocabulary for stem in _stems(small)):
            return small
        return word
    return _WORD.sub(lower, headline)


def restore_words(parsed: Doc, original: str) -> Doc:
    """A Doc of the original headline's words carrying the parse of its sentence-case form."""
    words = [original[t.idx:t.idx + len(t)] for t in parsed]
    spaces = [bool(t.whitespace_) for t in parsed]
    doc = Doc(parsed.vocab, words=words, spaces=spaces)
    doc.from_array(_ATTRS, parsed.to_array(_ATTRS))
    doc.tensor = parsed.tensor  # Doc.from_docs joins the tensors of every paragraph
    return doc
