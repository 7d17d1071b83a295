"""The `places` component: place names in the report, resolved offline to a country and coordinates.

Candidates come from the parse in two ways:
  * spaCy GPE / LOC / FAC entities ("Beirut", "the Gaza Strip", "the Litani River");
  * proper-name runs the entity recogniser missed or mislabelled (it often reads "Tyre" as an
    organisation and "Rafah" as a person), kept when the parse puts them in a place slot (object
    of "in", "into", "near", ...; or conjoined with / in apposition to a place) or when the name is
    a known region or a city of a country the report talks about.
A direction word before a name stays in the mention ("southern Beirut" -> Beirut, LBN); known
direction regions keep their own entry ("southern Lebanon" -> South Lebanon). Demonyms are
adjectives / NORP entities and never reach the gazetteer.

Ambiguous names are resolved by population, by whether the name is the place's main name, and by
the countries the report already mentions (actor codes and unambiguous place names).
"""
from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from typing import TYPE_CHECKING, Optional, Sequence

from spacy.language import Language

from ..lexicon import words
from ..models import Place, ReportDoc
from .gazetteer import GazetteerEntry, default_gazetteer, normalize

if TYPE_CHECKING:
    from spacy.tokens import Doc, Span, Token

PLACE_LABELS = {"GPE", "LOC", "FAC"}
DIRECTION_WORDS = words("place_words", "direction")
# Prepositions whose object is a location (where something happens, from / to where).
LOCATIVE_PREPS = words("prepositions", "locative")
# A city found outside the entity recogniser must be this big unless the parse puts it in a place slot.
MIN_UNSLOTTED_CITY_POPULATION = 50000
# A city matched only by an alternate name, outside the report's countries, must be this big ("Kiev").
MIN_ALIAS_CITY_POPULATION = 1000000
ACTOR_KINDS_NOT_PLACES = {"person", "organization"}


@dataclass
class Candidate:
    span: Span              # the mention, direction word included
    key: str                # lookup key that matched
    entries: list[GazetteerEntry]
    from_entity: bool       # a GPE/LOC/FAC entity (else a proper-name run)
    in_place_slot: bool


@Language.factory("storyline_places", requires=["doc._.storyline_actors"], assigns=["doc._.storyline_places"])
def make_place_resolver(nlp: Language, name: str) -> "PlaceResolver":
    return PlaceResolver()


class PlaceResolver:
    def __init__(self):
        self.gazetteer = default_gazetteer()

    def __call__(self, doc: Doc) -> Doc:
        rdoc = ReportDoc(doc)
        candidates = self._entity_candidates(doc)
        candidates += self._name_run_candidates(doc, candidates)
        context = self._context_countries(rdoc, candidates)
        places = []
        for c in candidates:
            best = self.gazetteer.best(c.key, c.entries, context)
            if self._accept(c, best, rdoc, context):
                places.append(Place(text=c.span.text, start=c.span.start_char, end=c.span.end_char,
                                    name=best.name, code=best.code, lat=best.lat, lon=best.lon))
        rdoc.places = sorted(places, key=lambda p: p.start)
        return doc

    # -- candidates ---------------------------------------------------------------------------

    def _entity_candidates(self, doc: Doc) -> list[Candidate]:
        out = []
        for ent in doc.ents:
            if ent.label_ not in PLACE_LABELS:
                continue
            span = _with_direction(_without_article(ent))
            match = self._match(span)
            if match:
                out.append(Candidate(span, *match, from_entity=True, in_place_slot=_in_place_slot(span.root)))
        return out

    def _name_run_candidates(self, doc: Doc, entity_candidates: list[Candidate]) -> list[Candidate]:
        covered = _token_set(c.span for c in entity_candidates)
        out: list[Candidate] = []
        for run in _proper_name_runs(doc):
            if covered.intersection(range(run.start, run.end)) or _inside_longer_entity(run):
                continue
            span = _with_direction(run)
            match = self._match(span)
            if match:
                slot = _in_place_slot(span.root, entity_candidates + out)
                out.append(Candidate(span, *match, from_entity=False, in_place_slot=slot))
        return out

    def _match(self, span: Span) -> Optional[tuple[str, list[GazetteerEntry]]]:
        """The gazetteer entries for a mention: whole text first, then without its direction word."""
        keys = [normalize(span.text)]
        if span[0].lower_ in DIRECTION_WORDS and len(span) > 1:
            keys.append(normalize(span[1:].text))
        for key in keys:
            entries = self.gazetteer.entries(key)
            if entries:
                return key, entries
        return None

    # -- resolution ---------------------------------------------------------------------------

    def _context_countries(self, rdoc: ReportDoc, candidates: list[Candidate]) -> Counter:
        """Countries the report is about: actor codes, and the codes of place names whose reading
        is clear without context (a country or region name, or the main name of places in one country)."""
        context = Counter(a.code for a in rdoc.actors if a.code and len(a.code) == 3)
        for c in candidates:
            if not (c.from_entity or c.in_place_slot):
                continue
            first = self.gazetteer.best(c.key, c.entries, Counter())
            unambiguous = len({e.code for e in c.entries}) == 1 and self.gazetteer.is_main_name(c.key, first)
            if first.kind in ("country", "region") or unambiguous:
                context[first.code] += 1
        return context

    def _accept(self, c: Candidate, best: GazetteerEntry, rdoc: ReportDoc, context: Counter) -> bool:
        """Whether a candidate, read as `best`, is a place mention."""
        actor = rdoc.actor_covering(c.span.start_char, c.span.end_char)
        if actor is not None and actor.code is not None and actor.kind in ACTOR_KINDS_NOT_PLACES:
            return False  # "Hezbollah", "Berri": resolved as a person or organisation by the actors table
        if best.kind == "city" and best.code not in context and not self._plausible_main_reading(c.key, best):
            return False  # a far-away town known here only by an alternate name ("Hamas" for Hamm)
        if c.from_entity or c.in_place_slot:
            return True
        if best.kind == "region":  # a subdivision from ISO 3166-2 (no population) needs a place slot
            return best.population > 0
        return best.code in context and best.population >= MIN_UNSLOTTED_CITY_POPULATION

    def _plausible_main_reading(self, key: str, entry: GazetteerEntry) -> bool:
        """A name is a safe reading of a place outside the report's countries if it is the place's
        main name, or an exonym of a big city spelled alike ("Kiev" for Kyiv; not "White House",
        a translation of Casablanca)."""
        if self.gazetteer.is_main_name(key, entry):
            return True
        return entry.population >= MIN_ALIAS_CITY_POPULATION and key[:1] == entry.name[:1].lower()


# -- parse helpers ------------------------------------------------------------------------------

def _token_set(spans) -> set[int]:
    return {i for span in spans for i in range(span.start, span.end)}


def _inside_longer_entity(run: Span) -> bool:
    """A name run that is only part of a longer entity ("University" of "University of Wisconsin")."""
    doc = run.doc
    starts_inside = run[0].ent_iob_ == "I" and not (
        doc[run.start - 1].lower_ == "the" and doc[run.start - 1].ent_iob_ == "B")
    return starts_inside or (run.end < len(doc) and doc[run.end].ent_iob_ == "I")


def _without_article(span: Span) -> Span:
    return span[1:] if len(span) > 1 and span[0].lower_ == "the" else span


def _with_direction(span: Span) -> Span:
    """Widen a name by the direction adjective in front of it: "southern" + "Beirut"."""
    doc = span.doc
    if span.start > 0 and doc[span.start - 1].lower_ in DIRECTION_WORDS \
            and doc[span.start - 1].head.i in range(span.start, span.end):
        return doc[span.start - 1:span.end]
    return span


def _proper_name_runs(doc: Doc) -> list[Span]:
    """Maximal runs of proper nouns, hyphen-joined parts included ("Deir al-Balah")."""
    # one array read: cheaper than a Token per word
    is_propn = (doc.to_array("POS") == doc.vocab.strings["PROPN"]).tolist()
    runs, start = [], None
    for i, propn in enumerate(is_propn):
        part_of_name = propn or (start is not None and i + 1 < len(doc) and is_propn[i + 1]
                                 and doc[i].text == "-" and not doc[i].whitespace_)
        if part_of_name and start is None:
            start = i
        elif not part_of_name and start is not None:
            runs.append(doc[start:i])
            start = None
    if start is not None:
        runs.append(doc[start:len(doc)])
    return runs


def _in_place_slot(token: Token, earlier: Sequence[Candidate] = ()) -> bool:
    """Whether the parse puts this name where a place goes: object of a locative preposition, or
    conjoined with / in apposition to such an object or to a place found earlier."""
    earlier_tokens = _token_set(c.span for c in earlier)
    while token.dep_ in ("conj", "appos") and token.head.i != token.i:
        token = token.head
        if token.i in earlier_tokens:
            return True
    return token.dep_ == "pobj" and token.head.lower_ in LOCATIVE_PREPS
