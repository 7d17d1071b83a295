"""Selective processing: the entity recogniser runs only where an entity can be.

In the pinned English model the entity recogniser (`ner`) has its own embedding layer and costs
about as much as every other component together. The entities storyline reads are names
(capitalised), numbers and dates, and a token's entity label depends only on the tokens near it:
the recogniser's convolutional encoder sees four tokens on each side, and its transition features
look at the current token, the one before and the entity's first token. So the recogniser is run
on windows of the text: each name-like token (a capital, a digit, a word of a date) with
`context` tokens on each side, windows that touch merged. The stretches between windows,
lower-case words away from any name, number or date, are labelled outside any entity, which is
what the recogniser says of them.

A window is its own short Doc of the report Doc's words; its entities are written back at their
offsets in the report Doc, so offsets stay exact. `Parser(selective=False)` (the `--full-parse`
switch) runs the recogniser on whole paragraphs instead, for comparison.
"""
from __future__ import annotations

from spacy.attrs import ORTH
from spacy.language import Language
from spacy.tokens import Doc, Span

from ..time.lexicon import MONTHS, TIME_WORDS, WEEKDAYS

# Tokens of context on each side of a name-like token. The encoder reaches four tokens each side,
# so a window's edge can change a label; with 2, every `storyline eval` figure of the two
# development sets stays within 0.003 of the whole-paragraph run (3 reads 18% more of the text
# for no better figure; 1 moves some figures by 0.02).
DEFAULT_CONTEXT = 2
_TIME_WORDS = TIME_WORDS | set(MONTHS) | set(WEEKDAYS)


def could_be_entity(lexeme) -> bool:
    """A capitalised word (but not a function word opening a sentence: "The", "But"), a word with
    a digit, or a word of a date or duration ("May", "weeks", "yesterday")."""
    text = lexeme.orth_
    if lexeme.lower_ in _TIME_WORDS:
        return True
    if text[:1].isupper():
        return not (lexeme.is_stop and text[1:].islower())
    return any(c.isdigit() for c in text)


class WindowedRecogniser:
    """The model's entity recogniser applied to the windows of a batch of Docs."""

    def __init__(self, nlp: Language, context: int = DEFAULT_CONTEXT, batch_size: int = 256):
        self.ner = nlp.get_pipe("ner")
        self.vocab = nlp.vocab
        self.context = context
        self.batch_size = batch_size
        self.tokens_read = 0
        self.tokens_seen = 0
        self._flags: dict[int, bool] = {}  # word id -> could_be_entity

    def windows(self, doc: Doc) -> list[tuple[int, int]]:
        """Token ranges [start, end) of the doc that the recogniser reads: every name-like token
        with `context` tokens on each side, overlapping or touching ranges merged."""
        windows: list[list[int]] = []
        flags, context, n = self._flags, self.context, len(doc)
        for i, orth in enumerate(doc.to_array(ORTH).tolist()):
            flag = flags.get(orth)
            if flag is None:
                flag = flags[orth] = could_be_entity(self.vocab[orth])
            if not flag:
                continue
            start, end = max(0, i - context), min(n, i + context + 1)
            if windows and start <= windows[-1][1]:
                windows[-1][1] = end
            else:
                windows.append([start, end])
        return [(start, end) for start, end in windows]

    def __call__(self, docs: list[Doc]) -> None:
        """Set the entities of each Doc (which must not have any yet)."""
        pieces: list[Doc] = []
        owners: list[tuple[int, int]] = []
        for n, doc in enumerate(docs):
            self.tokens_seen += len(doc)
            for start, end in self.windows(doc):
                pieces.append(doc if end - start == len(doc) else doc[start:end].as_doc())
                owners.append((n, start))
                self.tokens_read += end - start
        found: list[list[Span]] = [[] for _ in docs]
        for piece, (n, offset) in zip(self.ner.pipe(pieces, batch_size=self.batch_size), owners):
            if piece is docs[n]:
                continue  # read whole: its entities are set already
            found[n].extend(Span(docs[n], offset + e.start, offset + e.end, label=e.label) for e in piece.ents)
        for doc, ents in zip(docs, found):
            if ents or not doc.has_annotation("ENT_IOB"):
                doc.set_ents(ents, default="outside")
