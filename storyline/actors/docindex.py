"""Per-report token facts the mention finder asks for again and again, computed in one pass.

spaCy's Token.sent walks the Doc to find its sentence, and string attributes (pos_, lower_) go
through the StringStore on every access; over a whole report that per-token Python work cost
more than the rest of the component. Here the parse is read once as integer arrays
(Doc.to_array) and candidate heads are picked with vectorized tests, so Python only touches the
few tokens that can start a mention.
"""
from __future__ import annotations

from functools import lru_cache
from typing import Optional

import numpy as np
from spacy.attrs import DEP, LOWER, POS, SENT_START
from spacy.strings import get_string_id
from spacy.symbols import ADJ, NOUN, PRON, PROPN
from spacy.tokens import Doc, Span

from ..lexicon import sorted_member
from .names import normalize_name

ENTITY_LABELS = {"PERSON", "ORG", "GPE", "NORP"}


def string_ids(words) -> np.ndarray:
    """Sorted hashes of strings as spaCy stores them (LOWER, DEP values), for `sorted_member`."""
    return np.unique(np.array([get_string_id(w) for w in words], dtype=np.uint64))


@lru_cache(maxsize=4)
def agent_head_ids(agents) -> np.ndarray:
    """spaCy hashes of the agent table's head words, to pick candidate tokens from Doc.to_array(LOWER)."""
    return string_ids(agents.head_words)


class DocIndex:
    """Sentence of each token, actor entities by token, normalized words, candidate heads."""

    def __init__(self, doc: Doc):
        self.doc = doc
        cols = doc.to_array([POS, LOWER, DEP, SENT_START]) if len(doc) else np.zeros((0, 4), dtype=np.uint64)
        self.pos, self.lower, self.dep = cols[:, 0], cols[:, 1], cols[:, 2]
        positions = np.arange(len(doc))
        starts = np.where(cols[:, 3] == 1, positions, 0)
        self.sent_start: list[int] = np.maximum.accumulate(starts).tolist() if len(doc) else []
        self.sent_starts: list[int] = sorted(set(self.sent_start))
        self.ents: tuple[Span, ...] = doc.ents  # Doc.ents builds its spans anew on every call
        self.ent_of: dict[int, Span] = {i: ent for ent in map(_before_bracket, self.ents)
                                        if ent.label_ in ENTITY_LABELS for i in range(ent.start, ent.end)}
        self._norms: dict[int, str] = {}

    def norm(self, i: int) -> str:
        """The lookup key of token i (see names.normalize_name), computed on first use."""
        key = self._norms.get(i)
        if key is None:
            tok = self.doc[i]
            key = tok.lower_ if tok.is_alpha and tok.is_ascii else normalize_name(tok.text)
            self._norms[i] = key
        return key

    def same_sentence(self, i: int, j: int) -> bool:
        return self.sent_start[i] == self.sent_start[j]

    def window_start(self, i: int, sentences_back: int) -> int:
        """Token index where the sentence `sentences_back` sentences before token i's starts."""
        n = self.sent_starts.index(self.sent_start[i])
        return self.sent_starts[max(0, n - sentences_back)]

    def tokens_where(self, pos_ids: tuple[int, ...], lower_ids: Optional[np.ndarray] = None,
                     dep_ids: Optional[np.ndarray] = None) -> list[int]:
        """Indices of tokens with one of these POS and (if given) lower form / dependency label."""
        mask = self.pos == pos_ids[0]
        for pos in pos_ids[1:]:
            mask |= self.pos == pos
        if lower_ids is not None:
            mask &= sorted_member(self.lower, lower_ids)
        if dep_ids is not None:
            mask &= sorted_member(self.dep, dep_ids)
        return np.flatnonzero(mask).tolist()


NOMINAL = (NOUN, PROPN)
PROPER = (PROPN,)
PRONOUN = (PRON,)
ADJECTIVE = (ADJ,)


OPENING_BRACKETS = ("(", "[")


def _before_bracket(ent: Span) -> Span:
    """ "[the Sudanese Revolutionary Front (SRF]": a name ends where its bracketed acronym starts."""
    cut = next((t.i for t in ent[1:] if t.text in OPENING_BRACKETS), None)
    return ent if cut is None else Span(ent.doc, ent.start, cut, label=ent.label_)
