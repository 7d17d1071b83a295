"""The analysis pipeline: storyline's stages as spaCy components, assembled from one config.

A report goes through two spaCy pipelines that share one Vocab:

1. The English model (nlp/parse.py, loaded once per process) parses the report paragraph by
   paragraph, because it under-splits whole articles into sentences; the paragraph Docs are
   joined into one Doc of the report text, so token offsets are report offsets. By default the
   parse is selective (the config's [parse] section; nlp/selective.py): the entity recogniser
   reads only the stretches of text where an entity can be.
2. The report pipeline, a spaCy `Language` built from `pipeline.cfg`, runs storyline's
   components over that Doc, in the config's order. Its input is the parsed report Doc with
   its Report (`doc._.storyline_report`, set by `ReportDoc.new`); each stage is a registered
   factory (`storyline_actors`, `storyline_timexes`, `storyline_places`, `storyline_quotes`,
   `storyline_events`) that declares the annotations it `requires` from the stages before it and
   the one it `assigns`, each a Doc extension (`doc._.storyline_actors`, ...; models.ReportDoc
   is the typed view the components read them through). `nlp.analyze_pipes()` checks the order;
   a pipeline whose order leaves a requirement unmet is built, with a warning in the log.

One Language for both was the alternative, but spaCy runs a Language's components over one Doc
at a time, and the model has to see paragraphs while the components must see whole reports.

Settings are the factories' typed arguments, checked by spaCy when the pipeline is built: an
unknown or ill-typed setting is a `ConfigValidationError` naming it. Turn a component off or
change a setting with overrides of the config, or pass a config of your own:

    Pipeline(overrides={"nlp.pipeline": ["actors", "timexes"]})
    Pipeline(overrides={"components.events.min_confidence": 0.5})
    Pipeline("my-pipeline.cfg")

Running: reports are parsed a chunk at a time (a new pipeline's chunks grow from one report to
PARSE_CHUNK_REPORTS, so its first report comes out early), their paragraphs batched across reports. (A
thread that parsed the next chunk while the components worked through this one, as spaCy's
matrix work releases the GIL, was no faster in A/B runs of 120 reports nor in
bench/throughput.py on the 2-core machine, so there is none.) A report whose analysis raises
becomes an InputError for that report alone: the traceback goes to this module's logger and
the other reports go on. runner.py spreads the reports over processes.
"""
from __future__ import annotations

import gc
import logging
from contextlib import contextmanager
from itertools import islice
from pathlib import Path
from typing import Iterable, Iterator, Optional, Union

from spacy.language import Language
from spacy.tokens import Doc
from spacy.util import load_config, load_model_from_config
from spacy.vocab import Vocab
from spacy.util import Config  # thinc's config system, as spaCy re-exports it

from .actors.registry import ActorRegistry
from .models import InputError, Report, ReportDoc, ReportRecord
from .nlp.parse import Parser
from .nlp.selective import DEFAULT_CONTEXT
# The stages' modules register their factories with spaCy when imported.
from .actors.component import ActorResolver
from .events.component import EventExtractor  # noqa: F401
from .places.component import PlaceResolver  # noqa: F401
from .quotes.component import QuoteExtractor  # noqa: F401
from .time.component import TimexTagger  # noqa: F401

logger = logging.getLogger(__name__)

DEFAULT_CONFIG_PATH = Path(__file__).with_name("pipeline.cfg")
# Reports parsed at a time: enough paragraphs to keep the model's batches full, few enough
# that their parsed Docs (which hold the model's tensors) stay small in memory and that a chunk
# whose parse fails costs little to parse again one report at a time.
PARSE_CHUNK_REPORTS = 16

Outcome = Union[ReportDoc, InputError]


def pipeline_config(path: Union[str, Path, None] = None, overrides: Optional[dict] = None) -> Config:
    """The config at `path` (default: the package's pipeline.cfg) with dotted-key overrides."""
    return load_config(path or DEFAULT_CONFIG_PATH, overrides=overrides or {})


def parse_settings(config: Config) -> tuple[bool, int]:
    """The [parse] section's settings, checked as spaCy checks a component's: (selective, ner_context)."""
    parse = config.get("parse", {})
    unknown = set(parse) - {"selective", "ner_context"}
    selective, ner_context = parse.get("selective", True), parse.get("ner_context", DEFAULT_CONTEXT)
    if unknown or not isinstance(selective, bool) or not isinstance(ner_context, int) \
            or isinstance(ner_context, bool) or ner_context < 0:
        raise ValueError(f"[parse] takes selective (true or false) and ner_context (a whole number >= 0), "
                         f"not {dict(parse)}")
    return selective, ner_context


def build_report_pipeline(config: Config, vocab: Vocab) -> Language:
    """The report-level spaCy pipeline of a config, sharing the model's vocab."""
    nlp = load_model_from_config(config, vocab=vocab, auto_fill=True)
    for name, unmet in nlp.analyze_pipes()["problems"].items():
        if unmet:
            logger.warning("pipeline component %r requires %s, which no component before it assigns",
                           name, ", ".join(unmet))
    return nlp


class Pipeline:
    """Parses reports with the English model and runs the report pipeline's components over them.

    `config`: a config file or a loaded Config (default: the package's pipeline.cfg);
    `overrides`: dotted config keys with their values, applied to a config file;
    `registry`: a store's actor registry for the actors component (kept by reference, so
    changes to it reach the reports analysed after them).
    """

    def __init__(self, config: Union[str, Path, Config, None] = None, overrides: Optional[dict] = None, *,
                 registry: Optional[ActorRegistry] = None):
        if not isinstance(config, Config):
            config = pipeline_config(config, overrides)
        elif overrides:
            raise ValueError("overrides apply to a config file; change a loaded Config directly")
        selective, ner_context = parse_settings(config)
        with _no_collection():
            self.parser = Parser(selective=selective, ner_context=ner_context)
            self.nlp = build_report_pipeline(config, self.parser.nlp.vocab)
        for _, component in self.nlp.components:
            if isinstance(component, ActorResolver):
                component.registry = registry
        self.reports_parsed = 0

    def analyse(self, reports: Iterable[Report]) -> Iterator[Outcome]:
        """Each report's ReportDoc, or an InputError for a report whose analysis failed, in order."""
        for report, parsed in self._parsed(reports):
            if isinstance(parsed, Exception):
                yield _failure(report, parsed)
                continue
            doc = self._start(report, parsed).doc
            try:
                # The components are called one by one, as Language.__call__ would, but without
                # its error handler, which reports any KeyError as a component never initialised.
                for _, component in self.nlp.pipeline:
                    doc = component(doc)
            except Exception as exc:
                yield _failure(report, exc)
                continue
            yield ReportDoc(doc)

    def annotate_many(self, reports: Iterable[Report]) -> Iterator[ReportDoc]:
        """Each report's ReportDoc, in order; a failed report raises its InputError."""
        for outcome in self.analyse(reports):
            if isinstance(outcome, InputError):
                raise outcome
            yield outcome

    def annotate(self, report: Report) -> ReportDoc:
        [rdoc] = self.annotate_many([report])
        return rdoc

    def __call__(self, report: Report) -> ReportRecord:
        return self.annotate(report).to_record()

    def process(self, reports: Iterable[Report]) -> Iterator[ReportRecord]:
        for rdoc in self.annotate_many(reports):
            yield rdoc.to_record()

    def _start(self, report: Report, doc: Doc) -> ReportDoc:
        rdoc = ReportDoc.new(report, doc)
        if report.published is None:
            rdoc.warnings.append(f"{report.origin or report.id}: no publication date; "
                                 "relative dates stay unresolved")
        return rdoc

    def _parsed(self, reports: Iterable[Report]) -> Iterator[tuple[Report, Union[Doc, Exception]]]:
        """The reports with their parses (or the exception their parse raised), in order."""
        it = iter(reports)
        # A new pipeline parses 1, 2, 4, ... reports at a time up to the full chunk: its first
        # report comes out after its own parse, and later calls (a worker's next task) parse full
        # chunks from the start.
        while chunk := list(islice(it, min(PARSE_CHUNK_REPORTS, max(1, self.reports_parsed)))):
            self.reports_parsed += len(chunk)
            yield from self._parse_chunk(chunk)

    def _parse_chunk(self, chunk: list[Report]) -> list[tuple[Report, Union[Doc, Exception]]]:
        try:
            return list(self.parser.parse_many(chunk))
        except Exception:
            # One report broke the batch: parse them one by one so that the others still come out.
            return [(report, self._parse_alone(report)) for report in chunk]

    def _parse_alone(self, report: Report) -> Union[Doc, Exception]:
        try:
            [(_, doc)] = self.parser.parse_many([report])
            return doc
        except Exception as exc:
            return exc


@contextmanager
def _no_collection():
    """The cyclic collector held off: loading the model and the components' tables makes
    hundreds of thousands of objects that all stay alive, and each full pass the allocations
    would trigger walks all of them again (a third of the build's time). By threshold, as
    srsly's msgpack loading turns the collector back on with gc.enable()."""
    thresholds = gc.get_threshold()
    gc.set_threshold(0)
    try:
        yield
    finally:
        gc.set_threshold(*thresholds)


def _failure(report: Report, exc: Exception) -> InputError:
    """The error a report becomes when its analysis raises; the traceback goes to the log."""
    where = report.origin or report.id
    logger.error("analysis of %s failed", where, exc_info=exc)
    error = InputError(f"{where}: analysis failed ({type(exc).__name__}: {exc}); "
                       f"the traceback is in the log ({logger.name})")
    error.__cause__ = exc
    return error


_DEFAULT_PIPELINE: Optional[Pipeline] = None


def default_pipeline() -> Pipeline:
    """One shared pipeline per process (building the components' tables takes seconds)."""
    global _DEFAULT_PIPELINE
    if _DEFAULT_PIPELINE is None:
        _DEFAULT_PIPELINE = Pipeline()
    return _DEFAULT_PIPELINE
