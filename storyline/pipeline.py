"""The analysis pipeline: a registry of small components and the order they run in.

As in spaCy, each component has one job, reads the `ReportDoc` and adds its own annotations.
A component is a class registered under a name; it is built once per process (loading tables
and models in `__init__`) and then called on every document:

    @register("actors")
    class ActorResolver:
        def __init__(self, config: dict): ...
        def __call__(self, rdoc: ReportDoc) -> None: ...

`DEFAULT_CONFIG["components"]` gives the order; each component may only read what the
components before it wrote.
"""
from __future__ import annotations

import importlib
import queue
import threading
from typing import Callable, Iterable, Iterator, Optional

from .models import Report, ReportDoc, ReportRecord

Component = Callable[[ReportDoc], None]

_REGISTRY: dict[str, type] = {}

# name -> module that registers it (imported on first use, so a registry lookup never needs
# every stage loaded up front).
_COMPONENT_MODULES = {
    "actors": "storyline.actors.component",
    "timexes": "storyline.time.component",
    "places": "storyline.places.component",
    "quotes": "storyline.quotes.component",
    "events": "storyline.events.component",
}

DEFAULT_CONFIG: dict = {
    "components": ["actors", "timexes", "places", "quotes", "events"],
}


def register(name: str) -> Callable[[type], type]:
    def wrap(cls: type) -> type:
        _REGISTRY[name] = cls
        return cls
    return wrap


def get_component_class(name: str) -> type:
    if name not in _REGISTRY and name in _COMPONENT_MODULES:
        importlib.import_module(_COMPONENT_MODULES[name])
    if name not in _REGISTRY:
        raise KeyError(f"unknown pipeline component {name!r}; known: {sorted(_COMPONENT_MODULES)}")
    return _REGISTRY[name]


class Pipeline:
    """Parses reports with spaCy and runs the registered components over them."""

    def __init__(self, config: Optional[dict] = None):
        from .nlp.parse import Parser  # spaCy loads only when a pipeline is built

        self.config = {**DEFAULT_CONFIG, **(config or {})}
        self.parser = Parser()
        self.components: list[tuple[str, Component]] = [
            (name, get_component_class(name)(self.config.get(name, {})))
            for name in self.config["components"]
        ]

    def annotate(self, report: Report) -> ReportDoc:
        return next(self.annotate_many([report]))

    def annotate_many(self, reports: Iterable[Report]) -> Iterator[ReportDoc]:
        for report, doc in read_ahead(self.parser.parse_many(reports)):
            rdoc = ReportDoc(report=report, doc=doc)
            if report.published is None:
                rdoc.warnings.append(f"{report.origin or report.id}: no publication date; "
                                     "relative dates stay unresolved")
            for _, component in self.components:
                component(rdoc)
            yield rdoc

    def __call__(self, report: Report) -> ReportRecord:
        return self.annotate(report).to_record()

    def process(self, reports: Iterable[Report]) -> Iterator[ReportRecord]:
        for rdoc in self.annotate_many(reports):
            yield rdoc.to_record()


def read_ahead(items: Iterator, depth: int = 16) -> Iterator:
    """The items of `items`, produced by a background thread up to `depth` ahead.

    spaCy's matrix arithmetic releases the GIL, so the next paragraphs are parsed while the
    components do their Python work on the current report. Errors in the producer are raised
    here; a consumer that stops early stops the producer.
    """
    done = object()
    buffer: queue.Queue = queue.Queue(maxsize=depth)
    stop = threading.Event()

    def put(entry) -> bool:
        while not stop.is_set():
            try:
                buffer.put(entry, timeout=0.1)
                return True
            except queue.Full:
                continue
        return False

    def produce() -> None:
        try:
            for item in items:
                if not put((item, None)):
                    return
            put((done, None))
        except BaseException as exc:  # handed to the consumer, who raises it
            put((done, exc))

    thread = threading.Thread(target=produce, name="storyline-parse", daemon=True)
    thread.start()
    try:
        while True:
            item, error = buffer.get()
            if error is not None:
                raise error
            if item is done:
                return
            yield item
    finally:
        stop.set()


_DEFAULT_PIPELINE: Optional[Pipeline] = None


def default_pipeline() -> Pipeline:
    """One shared pipeline per process (loading the model and tables takes seconds)."""
    global _DEFAULT_PIPELINE
    if _DEFAULT_PIPELINE is None:
        _DEFAULT_PIPELINE = Pipeline()
    return _DEFAULT_PIPELINE
