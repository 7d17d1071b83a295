"""Every data type storyline passes between stages, in one place.

The flow is one way:

    Report (ingest)  ->  ReportDoc (nlp + annotating components)  ->  ReportRecord (output)  ->  store / views

`ReportRecord.to_dict()` is exactly the object documented in docs/output-format.md (the
`storyline extract` contract).  All `start`/`end` values are character offsets into `Report.text`
(Python indices, end exclusive).
"""
from __future__ import annotations

import hashlib
from dataclasses import dataclass, field, fields
from functools import lru_cache
from datetime import date
from typing import TYPE_CHECKING, Any, Optional

if TYPE_CHECKING:  # spaCy is only needed where a ReportDoc is built
    from spacy.tokens import Doc, Span

# The 16 PLOVER 2.0 event types with their quad code, as the PLOVER manual's numeric table
# "Quad categories in PLOVER" assigns them (1 verbal cooperation, 2 material cooperation,
# 3 verbal conflict, 4 material conflict). That table puts SANCTION under verbal conflict.
PLOVER_QUAD: dict[str, int] = {
    "AGREE": 1, "CONSULT": 1, "SUPPORT": 1, "CONCEDE": 1,
    "COOPERATE": 2, "AID": 2, "RETREAT": 2,
    "REQUEST": 3, "ACCUSE": 3, "REJECT": 3, "SANCTION": 3, "THREATEN": 3,
    "PROTEST": 4, "MOBILIZE": 4, "COERCE": 4, "ASSAULT": 4,
}
# What each quad class groups (the dashboard's legend and badge titles, through the API).
QUAD_LABELS = {1: "verbal cooperation", 2: "material cooperation", 3: "verbal conflict", 4: "material conflict"}
EVENT_TYPES = tuple(PLOVER_QUAD)
# Acts done by saying (verbal quad classes), meetings aside: their object is a party addressed,
# and where they are said does not tell one occurrence from another.
SAID_TYPES = frozenset(t for t, quad in PLOVER_QUAD.items() if QUAD_LABELS[quad].startswith("verbal")) - {"CONSULT"}
MODALITIES = ("asserted", "negated", "future", "hypothetical")
ACTOR_KINDS = ("person", "organization", "state", "group")
SOURCE_TYPES = ("person", "anonymous", "organization", "document", "outlet")
SPEAKER_TYPES = SOURCE_TYPES + ("unknown",)


@lru_cache(maxsize=None)
def _output_fields(cls: type) -> tuple[str, ...]:
    # Fields declared with repr=False are working state of the pipeline, not part of the output.
    return tuple(f.name for f in fields(cls) if f.repr)


def output_dict(obj) -> dict:
    """A record's output fields as a dict (dataclasses.asdict is several times slower)."""
    return {name: getattr(obj, name) for name in _output_fields(type(obj))}


def text_hash(text: str) -> str:
    """The key by which a report's text is known to be stored already, whatever its id."""
    return hashlib.sha256(text.encode("utf-8", errors="surrogatepass")).hexdigest()


class InputError(ValueError):
    """A report or input file that cannot be used; the message names the input (file and line)."""


@dataclass
class Report:
    """One news report as read from input, before any analysis."""
    id: str
    text: str
    url: Optional[str] = None
    outlet: Optional[str] = None
    published: Optional[str] = None          # YYYY-MM-DD (normalised by ingest) or None
    title: Optional[str] = None
    extra: dict[str, Any] = field(default_factory=dict)  # unknown input fields, passed through
    origin: str = ""                         # "file.jsonl:12", for messages

    @property
    def text_hash(self) -> str:
        return text_hash(self.text)

    @property
    def published_date(self) -> Optional[date]:
        return date.fromisoformat(self.published) if self.published else None


@dataclass
class Actor:
    """A resolved identity: what a mention refers to at the report's date."""
    name: Optional[str]
    code: Optional[str]
    sector: Optional[str]
    kind: Optional[str]


# Non-state codes an actor can have besides an ISO 3166 alpha-3 country.
ORGANIZATION_CODES = ("IGO", "UNO", "EUR", "NGO", "MNC")
# PLOVER sectors (the gold guide's, with the Phoenix ones storyline's tables carry).
SECTORS = ("GOV", "LEG", "MIL", "REB", "SPY", "PTY", "OPP", "JUD", "COP", "CVL", "JRN", "ELI", "BUS", "EDU",
           "REL", "LAB", "AGR", "REF", "HLH", "CRM", "ENV", "HRI", "SOC", "PRM", "NGO", "IGO")
# Sectors of a state's own offices and institutions: one party where a report names the state,
# another its army ("Israel will withdraw", "Israeli troops will withdraw").
STATE_SECTORS = frozenset({"GOV", "MIL", "LEG", "JUD", "COP", "SPY"})


def conflict_side(code: Optional[str], sector: Optional[str]) -> Optional[tuple[str, bool]]:
    """The side of a conflict a party stands on: its country, and whether it is that country's
    state (the state itself, sector None, or one of its bodies) or a group in it ("Chad's army"
    and "the rebels" are two sides of one country). None without a country."""
    return (code, sector is None or sector in STATE_SECTORS) if code else None
# How an actor mention's identity was established, most specific first.
EVIDENCE = ("correction", "text", "registry", "table", "fuzzy", "affiliation", "context", "coreference", "unknown")


@dataclass
class ActorMention:
    """A mention of an actor in the text, resolved (or not: code None) to an identity."""
    text: str
    start: int
    end: int
    name: Optional[str]
    code: Optional[str]
    sector: Optional[str]
    kind: Optional[str]
    role: Optional[str] = None          # the title or role the text gives ("foreign minister")
    evidence: str = "unknown"           # one of EVIDENCE
    # Not in the output: the index of the mention it corefers with, and whether the mention is a
    # name (not a descriptor or pronoun): names are what the store's actor registry learns.
    antecedent: Optional[int] = field(default=None, repr=False)
    proper: bool = field(default=False, repr=False)

    def to_dict(self) -> dict:
        return output_dict(self)

    def as_argument(self) -> "EventArgument":
        return EventArgument(self.text, self.start, self.end, self.name, self.code, self.sector)

    def as_source(self) -> "Source":
        """The mention as the source of what it alleges or tells: a body or a state ("Vietnam's
        foreign ministry"), a named person, else unnamed people ("Chadian officials")."""
        kind = "organization" if self.kind in ("organization", "state") else "person" if self.proper else "anonymous"
        return Source(self.text, self.start, self.end, kind)


@dataclass
class RegistryEntry:
    """What a store knows about one named actor over a period: learned from the reports it holds
    (or imported from another store's registry), or a correction a user recorded, which wins."""
    name: str
    kind: Optional[str]
    code: Optional[str]
    sector: Optional[str]
    role: Optional[str]
    first_seen: Optional[str]           # YYYY-MM-DD; for a correction, the day it applies from
    last_seen: Optional[str]            # for a correction, the day it applies until
    reports: int = 0                    # reports that support it
    aliases: tuple[str, ...] = ()       # how the reports wrote the name
    source: str = "learned"             # learned | imported | correction
    report_ids: tuple[str, ...] = ()

    @property
    def is_correction(self) -> bool:
        return self.source == "correction"


@dataclass
class EventArgument:
    """Actor or recipient of an event."""
    text: str
    start: int
    end: int
    name: Optional[str]
    code: Optional[str]
    sector: Optional[str]


@dataclass
class Timex:
    text: str
    start: int
    end: int
    type: str                   # date | time | duration | set
    value: Optional[str]        # TIMEX3 value resolved against the report date, or None


@dataclass
class Place:
    """A place name resolved offline (GeoNames cities / ISO countries)."""
    text: str
    start: int
    end: int
    name: str
    code: Optional[str]         # ISO-3166 alpha-3 of the country it lies in
    lat: Optional[float]
    lon: Optional[float]

    def to_location(self) -> dict:
        return {"text": self.text, "name": self.name, "code": self.code, "lat": self.lat, "lon": self.lon}


@dataclass
class Source:
    """Who the report attributes a piece of information to."""
    text: str
    start: int
    end: int
    type: str                   # person | anonymous | organization | document | outlet


@dataclass
class Quote:
    quote: str
    start: int
    end: int
    kind: str                   # direct | indirect
    speaker: Optional[str]
    speaker_text: Optional[str]
    speaker_start: Optional[int]
    speaker_end: Optional[int]
    speaker_type: str
    speaker_code: Optional[str] = None
    speaker_sector: Optional[str] = None
    # Not in the output: for anonymous sources, details and the first mention of the same source.
    speaker_count: Optional[int] = field(default=None, repr=False)
    speaker_rank: Optional[str] = field(default=None, repr=False)
    same_source_as: Optional[int] = field(default=None, repr=False)

    def to_dict(self) -> dict:
        return output_dict(self)

    def as_source(self) -> Source:
        kind = self.speaker_type if self.speaker_type in SOURCE_TYPES else "person"
        return Source(self.speaker_text or "", self.speaker_start or 0, self.speaker_end or 0, kind)


@dataclass
class Event:
    event: str                  # one of EVENT_TYPES
    mode: Optional[str]
    actor: Optional[EventArgument]
    recipient: Optional[EventArgument]
    event_text: str             # the trigger words
    start: int                  # span of the clause that states the event
    end: int
    modality: str               # one of MODALITIES
    date: Optional[str] = None
    location: Optional[Place] = None
    source: Optional[Source] = None
    confidence: float = 0.5
    trigger_start: int = field(default=0, repr=False)   # not in the output: trigger offsets
    trigger_end: int = field(default=0, repr=False)

    @property
    def quad_code(self) -> int:
        return PLOVER_QUAD[self.event]

    def to_dict(self) -> dict:
        return {
            "event": self.event, "mode": self.mode, "quad_code": self.quad_code,
            "actor": output_dict(self.actor) if self.actor else None,
            "recipient": output_dict(self.recipient) if self.recipient else None,
            "event_text": self.event_text, "start": self.start, "end": self.end,
            "modality": self.modality, "date": self.date,
            "location": self.location.to_location() if self.location else None,
            "source": output_dict(self.source) if self.source else None,
            "confidence": round(self.confidence, 3),
        }


# The annotations of a report, each kept on its spaCy Doc as the extension `doc._.storyline_<name>`
# (registered by storyline.nlp.parse): the report and its warnings come with the parse, the rest
# from the components (storyline.pipeline), whose factories name these extensions in their
# `requires` and `assigns`.
REPORT_DOC_ANNOTATIONS = ("report", "warnings", "actors", "timexes", "places", "quotes", "events", "main_country")


def _on_doc(name: str) -> property:
    key = f"storyline_{name}"

    def get(self):
        # a Doc extension costs a lookup per read (several microseconds): read each once per view
        try:
            return self._read[key]
        except KeyError:
            value = self._read[key] = getattr(self.doc._, key)
            return value

    def set(self, value) -> None:
        setattr(self.doc._, key, value)
        self._read[key] = value

    return property(get, set, doc=f"doc._.{key}")


class ReportDoc:
    """The annotated document: a view of a report's spaCy Doc and what each component added to it.

    The state lives on the Doc (see REPORT_DOC_ANNOTATIONS), so spaCy's pipeline can check what
    the components require and assign; this view gives them typed access and the helpers below.
    Components (storyline.pipeline) fill the lists in order: actors, timexes, places, quotes,
    events.  A component may read what earlier ones wrote, never change it.  A view reads each
    annotation from the Doc once: write annotations through the view, not past it.
    """
    __slots__ = ("doc", "_read")

    report: Report = _on_doc("report")
    warnings: list[str] = _on_doc("warnings")
    actors: list[ActorMention] = _on_doc("actors")
    timexes: list[Timex] = _on_doc("timexes")
    places: list[Place] = _on_doc("places")
    quotes: list[Quote] = _on_doc("quotes")
    events: list[Event] = _on_doc("events")
    # The country the report is about, as the actors stage reads it (its states and state bodies,
    # where things happen; not the mediators): the parties' country where the text names none.
    main_country: Optional[str] = _on_doc("main_country")

    def __init__(self, doc: "Doc"):
        self.doc = doc
        self._read: dict[str, Any] = {}

    @classmethod
    def new(cls, report: Report, doc: "Doc") -> "ReportDoc":
        """A report's freshly parsed Doc with its annotations started: every list empty (and its own)."""
        rdoc = cls(doc)
        rdoc.report = report
        for name in ("warnings", "actors", "timexes", "places", "quotes", "events"):
            setattr(rdoc, name, [])
        rdoc.main_country = None
        return rdoc

    @property
    def text(self) -> str:
        return self.report.text

    @property
    def reference_date(self) -> Optional[date]:
        return self.report.published_date

    def actor_covering(self, start: int, end: int) -> Optional[ActorMention]:
        """The actor mention whose span contains [start, end), if any (the shortest one)."""
        best = None
        for m in self.actors:
            if m.start <= start and end <= m.end and (best is None or m.end - m.start < best.end - best.start):
                best = m
        return best

    def actors_in(self, start: int, end: int) -> list[ActorMention]:
        return [m for m in self.actors if start <= m.start and m.end <= end]

    def timexes_in(self, start: int, end: int) -> list[Timex]:
        return [t for t in self.timexes if start <= t.start and t.end <= end]

    def places_in(self, start: int, end: int) -> list[Place]:
        return [p for p in self.places if start <= p.start and p.end <= end]

    def quote_containing(self, start: int, end: int) -> Optional[Quote]:
        for q in self.quotes:
            if q.start <= start and end <= q.end:
                return q
        return None

    def span(self, start: int, end: int) -> Optional["Span"]:
        return self.doc.char_span(start, end, alignment_mode="expand")

    def to_record(self) -> "ReportRecord":
        r = self.report
        return ReportRecord(
            id=r.id, url=r.url, outlet=r.outlet, published=r.published, title=r.title,
            actors=list(self.actors), events=list(self.events), quotes=list(self.quotes),
            timexes=list(self.timexes), extra=dict(r.extra), text=r.text, warnings=list(self.warnings),
        )


@dataclass
class ReportRecord:
    """What storyline extracts from one report: the output object of the contract."""
    id: str
    url: Optional[str]
    outlet: Optional[str]
    published: Optional[str]
    title: Optional[str]
    actors: list[ActorMention]
    events: list[Event]
    quotes: list[Quote]
    timexes: list[Timex]
    extra: dict[str, Any] = field(default_factory=dict)
    text: str = ""
    warnings: list[str] = field(default_factory=list)

    def to_dict(self) -> dict:
        out = {
            "id": self.id, "url": self.url, "outlet": self.outlet, "published": self.published,
            "title": self.title,
            "actors": [a.to_dict() for a in self.actors],
            "events": [e.to_dict() for e in self.events],
            "quotes": [q.to_dict() for q in self.quotes],
            "timexes": [output_dict(t) for t in self.timexes],
        }
        for key, value in self.extra.items():  # unknown input fields pass through untouched
            if key not in _RECORD_FIELDS:
                out[key] = value
        return out


_RECORD_FIELDS = {f.name for f in fields(ReportRecord)}
