"""Identity rules: what a name or a descriptor found in a report stands for.

A name is looked up in the user's corrections and the store's registry (registry.py), then the
bundled table (table.py), then matched to a misspelt table name; what the text writes next to it
(a nationality, a body, a title, "former") is weighed against those (`_text_over_table`). A
descriptor ("a senior US official", "the army", "the prime minister's office") takes its sector
from the agent table and its country from the evidence around it (evidence.py). The ranks of
the evidence (`_rank`) are what the report-wide pass (entities.py) compares.
"""
from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date
from functools import lru_cache
from typing import Optional

from rapidfuzz import fuzz, process
from spacy.tokens import Span, Token

from ..lexicon import BACKER_WORDS, default_lexicon, words
from ..models import SAID_TYPES
from ..nlp.parse import english_words
from . import coref
from .entities import (GENERIC_TITLES, RANK_CONTEXT, STATE_SECTORS, RANK_CORRECTION, RANK_DATED_TABLE,
                       RANK_FUZZY, RANK_NONE, RANK_REGISTRY, RANK_STALE_REGISTRY, RANK_TABLE, RANK_TEXT, Affiliation)
from .names import normalize_name
from .table import ActorTable, Agent, Entity

DETERMINERS = {"the", "a", "an"}
SUBJECT_DEPS = {"nsubj", "nsubjpass", "agent"}
TITLE_KEYS = {"premier": "prime minister", "pm": "prime minister", "parliament speaker": "speaker",
              "house speaker": "speaker", "speaker of parliament": "speaker",
              "special envoy": "envoy", "defence minister": "defense minister"}
HYPHENS = {"-", "–"}
# Sectors a modifier gives a state role ("a rebel commander", "opposition leaders").
NON_STATE_ROLE_SECTORS = {"REB", "OPP", "PTY"}
# Identities read from nothing the mention itself says: the scene, or another mention.
GUESSED_EVIDENCE = {"context", "coreference"}
# Nouns by which a report refers back to an organisation: "the group's secretary-general".
FORMER_WORDS = {"former", "ex", "then", "late", "erstwhile", "onetime", "one-time"}
FUZZY_CUTOFF_ONE_WORD = 80
FUZZY_CUTOFF = 85
MIN_FUZZY_SURNAME = 5


@dataclass
class Identity:
    name: Optional[str]
    code: Optional[str]
    sector: Optional[str]
    kind: str
    evidence: str                  # how it was established (models.EVIDENCE)
    antecedent: Optional[int] = None
    dated: bool = False            # a table role dated at the report's date (registry: seen around it)
    role: Optional[str] = None     # the title or role, as the registry knows it
    proper: bool = False           # a name, not a descriptor
    affiliation: Optional[Affiliation] = None   # the body the mention belongs to


class IdentityRules:
    """The identity of a name or a descriptor (a mixin of MentionFinder: it reads the report's
    state there: the tables, the registry, the mentions seen so far)."""

    def _resolve(self, span: Span, head: Token, name_ent: Optional[Span], agent: Optional[Agent],
                 agent_phrase: str, country: Optional[str], body: Optional[Identity],
                 title_agent: Optional[Agent] = None, named_body: bool = False) -> Optional[Identity]:
        whole = self._lookup(_strip_det(span.text))
        if whole is not None:
            identity = self._generic_body(self._from_entity(whole, None, "table"), _strip_det(span.text), country)
            if identity.kind == "organization" and name_ent is not None and name_ent.label_ == "PERSON" \
                    and len(name_ent) == len(span) and not self._body_words(whole.name):
                identity = replace(identity, kind="person")  # the table's kind is a guess for many names
            elif identity.kind == "organization" and name_ent is None and not coref.is_plural(head) \
                    and (self._agent_at(head)[0] or Agent(None, None, "")).kind == "person":
                # "the Prime Minister of X": a title written in the text, an office holder's
                identity = replace(identity, kind="person", evidence="text", proper=False)
            return identity
        if agent is None and (name_ent is None or name_ent.label_ in ("PERSON", "ORG") and len(name_ent) == len(span)):
            capital = self._capital_government(_strip_det(span.text), head)
            if capital is not None:  # "Bamako rejected ...", the NER reading it as a name or not at all
                return capital
        if name_ent is not None:
            return self._resolve_name(span, name_ent, country, title_agent)
        if agent is None:
            return (self._state_after_modifier(span, head) or self._surname_coref(head) or self._group_plural(head)
                    or self._backed_group(head))
        return self._resolve_descriptor(span, head, agent, agent_phrase, country, body, named_body)

    def _state_after_modifier(self, span: Span, head: Token) -> Optional[Identity]:
        """ "Neighbouring Niger", "Embattled Sudan": a state the NER missed behind a capitalised
        word (the whole phrase is no name the table knows; its tail is a state)."""
        if head.pos_ != "PROPN":
            return None
        for first in range(span.start + 1, head.i + 1):
            entity = self._lookup(self.doc[first:head.i + 1].text)
            if entity is not None and entity.kind == "state":
                return self._from_entity(entity, None, "table")
        return None

    def _backed_group(self, head: Token) -> Optional[Identity]:
        """ "the Iran-backed Kestrels": a name a foreign sponsor backs is an armed non-state group."""
        if head.pos_ != "PROPN" or not head.text[:1].isupper() \
                or not any(c.dep_ == "amod" and c.lower_ in BACKER_WORDS for c in head.lefts):
            return None
        return Identity(head.text, None, "REB", "organization", "text", proper=True)

    def _group_plural(self, head: Token) -> Optional[Identity]:
        """ "the Kestrels" where the report also writes "the Kestrel group" or "Kestrel fighters": a
        group named by its members, kept without identity here; the report-wide pass links it."""
        from .mentions import _group_plural
        named = any(info.mention.name == head.text and info.mention.kind != "person" for info in self.seen)
        if head.pos_ != "PROPN" or not (named or _group_plural(self.doc[head.i:head.i + 1])):
            return None
        return Identity(head.text, None, None, "organization", "unknown", proper=True)

    def _surname_coref(self, head: Token) -> Optional[Identity]:
        """A surname of a person the report named before, also misspelt ("Makati" for Mikati)."""
        if head.pos_ != "PROPN":
            return None
        key = normalize_name(head.text)
        idx = self.by_surname.get(key)
        if idx is None and len(key) >= MIN_FUZZY_SURNAME:
            close = [s for s in self.by_surname if s[:1] == key[:1] and fuzz.ratio(s, key) >= FUZZY_CUTOFF_ONE_WORD]
            idx = self.by_surname[close[0]] if len(close) == 1 else None
        if idx is None:
            return None
        m = self.seen[idx].mention
        return Identity(m.name, m.code, m.sector, m.kind, "coreference", idx, proper=True)

    def _resolve_name(self, span: Span, name_ent: Span, country: Optional[str],
                      title_agent: Optional[Agent] = None) -> Optional[Identity]:
        text = _strip_det(name_ent.text)
        title_agent = title_agent or self._title_before(span, name_ent)[0]
        words = normalize_name(text).split()
        if name_ent.label_ in ("PERSON", "ORG") and len(words) == 1 and words[0] in self.by_surname:
            return self._surname_coref(name_ent.root)  # the NER may take a surname for an organisation
        title = self._title_before(span, name_ent)[1]
        known = self._from_registry(text, name_ent.label_, title_agent)
        if known is not None and known.evidence == "correction":
            return known
        entity = self._lookup(text)
        former = _former(span, name_ent.start)
        if known is not None and (entity is None or known.dated):  # reports say otherwise for this date
            return self._text_over_table(known, country, title_agent, former, title)
        evidence = "table"
        if entity is None and name_ent.label_ in ("PERSON", "ORG"):
            entity, evidence = self._fuzzy(text, name_ent.label_), "fuzzy"
        kind = {"PERSON": "person", "ORG": "organization"}.get(name_ent.label_, "state")
        if entity is None and name_ent.label_ in ("PERSON", "ORG"):
            titled = self._title_inside(name_ent)
            if titled is not None:  # "[Interim PM Samuel Okonjo]" tagged as one name
                named, evidence = self._lookup(titled[0].text), "table"
                if named is None:
                    named, evidence = self._fuzzy(titled[0].text, "PERSON"), "fuzzy"
                if named is not None or name_ent.label_ == "PERSON":
                    (name_ent, title_agent), entity = titled, named
                    text, kind = name_ent.text, "person"
        if entity is not None:
            identity = self._generic_body(self._from_entity(entity, title_agent, evidence, country), text, country)
            if identity.kind == "organization" and name_ent.label_ == "PERSON" and not self._body_words(entity.name):
                identity = replace(identity, kind="person")  # the table's kind is a guess for many names
            return self._text_over_table(identity, country, title_agent, former, title)
        if name_ent.label_ == "ORG" and kind == "organization" and not _name_like(name_ent):
            return None
        nationality = self.actors.demonyms.get(words[0]) if len(words) == 1 else None
        if nationality is not None:  # "[Tajik]PERSON and Kyrgyz chiefs sign deal": a nationality
            return Identity(self.actors.state_name(nationality) or nationality, nationality, None, "state", "table")
        sector = title_agent.sector if title_agent else None
        if former and kind == "person":
            sector = "ELI"
        if kind == "organization":
            country, sector = self._organization_name_evidence(name_ent, country, sector)
        return Identity(text if name_ent.label_ != "PERSON" else _strip_det(text), country,
                        sector, kind, "text" if (country or sector) else "unknown", proper=True)

    @staticmethod
    def _text_over_table(identity: Identity, country: Optional[str], title_agent: Optional[Agent],
                         former: bool, title: str = "") -> Identity:
        """What the report writes next to a known name (a nationality, a body, a title, "former")
        says more about the report's date than the table's roles do; a title any organisation
        has ("leader", "spokesman") does not make a rebel leader a government's."""
        changes = {}
        if country and country != identity.code:
            changes["code"] = country
        generic = title.split(" ")[-1] in GENERIC_TITLES and identity.sector not in (None, "ELI")
        if former and identity.kind == "person":
            changes["sector"] = "ELI"
        elif title_agent is not None and title_agent.sector and title_agent.sector != identity.sector and not generic:
            changes["sector"] = title_agent.sector
        return replace(identity, evidence="text", **changes) if changes else identity

    def _from_registry(self, text: str, label: str, title_agent: Optional[Agent]) -> Optional[Identity]:
        """What earlier reports (the store's registry) or a user's correction say of a name."""
        if self.registry is None or label not in ("PERSON", "ORG"):
            return None
        match = self.registry.find(text, self.day, person=label == "PERSON")
        if match is None:
            return None
        e = match.entry
        sector = e.sector
        if title_agent is not None and title_agent.sector and not e.is_correction and sector is None:
            sector = title_agent.sector
        return Identity(e.name, e.code, sector, e.kind or ("person" if label == "PERSON" else "organization"),
                        "correction" if e.is_correction else "registry", dated=match.covers_date, proper=True,
                        role=e.role)

    def _resolve_descriptor(self, span: Span, head: Token, agent: Agent, agent_phrase: str,
                            country: Optional[str], body: Optional[Identity], named_body: bool = False
                            ) -> Optional[Identity]:
        plural = coref.is_plural(head)
        kind = "group" if plural and agent.kind == "person" else agent.kind
        if agent.sector in STATE_SECTORS | {None}:
            # "a government source", "military officials": the body named before it; "a separatist
            # commander", "militia leaders": a role of an armed group or a party, not of the state
            modifier = next((self._agent_at(c)[0] for c in head.lefts if c.dep_ in ("compound", "amod", "nmod")
                             and self._agent_at(c)[0] is not None and self._agent_at(c)[0].sector), None)
            if modifier is not None and (agent.sector is None or modifier.sector in NON_STATE_ROLE_SECTORS):
                agent = Agent(agent.code, modifier.sector, agent.kind)
        definite = span[0].lower_ == "the" or span[0].dep_ == "poss"
        title = TITLE_KEYS.get(agent_phrase, agent_phrase)
        if country is None and body is None and definite and not named_body:
            # "the delegation" is one seen before; "the FRS delegation" is the FRS's own
            idx = coref.title_antecedent(title, self.seen) if not plural else None
            same = coref.descriptor_antecedent(agent_phrase, self.seen) if idx is None else None
            if idx is None and agent_phrase in coref.GROUP_NOUNS and (
                    same is None or not self.seen[same].mention.code
                    or self.seen[same].mention.evidence in GUESSED_EVIDENCE):
                # "the alliance": the body named "... Alliance"; "the rebels": the body the report
                # names, unless "Tigrayan rebels" said whose
                idx = coref.body_named(agent_phrase, self.seen)
                if idx is None:
                    idx = coref.body_antecedent(agent.sector or coref.GROUP_NOUN_SECTORS.get(agent_phrase), self.seen)
            if idx is None:
                idx = same
            if idx is not None:
                m = self.seen[idx].mention
                return Identity(m.name, m.code, m.sector, m.kind, "coreference", idx)
        if body is not None and body.kind == "organization" and body.sector not in (None, "GOV"):
            # "Hezbollah militants", "its leader", "Asharq Al Awsat newspaper": the body's identity
            name = body.name if agent.kind == "organization" else span.text
            return Identity(name, body.code, body.sector, kind, "text")
        if body is not None and agent.sector is None and agent.kind == "organization":
            # "the prime minister's office", "his office": its owner's government
            sector = body.sector or ("GOV" if body.kind == "state" else None)
            return Identity(span.text, body.code or country, sector, kind, "text")
        code = country or agent.code
        if code is None and agent.sector is None:
            return None  # "a source", "people": not an actor without an affiliation
        if code is None and definite and not plural and agent.kind == "organization" \
                and agent.sector in STATE_SECTORS:
            # "the army", "the security cabinet": the country in context (or, when nothing is
            # named before, the report's main country, filled in once the report is read)
            return Identity(span.text, self._whose_country(span, head), agent.sector, kind, "context")
        if kind == "person" and _former(span, head.i):
            return Identity(span.text, code, "ELI", kind, "text")  # "former Kenyan president"
        indefinite = span[0].lower_ in ("a", "an", "another", "one", "some")
        if code is not None and not plural and kind == "person" and not indefinite:
            holder = self.actors.holder_of(code, title, self.day)
            if holder is not None:
                return self._from_entity(self.actors.entities[holder], agent, "text")
        return Identity(span.text, code, agent.sector, kind, "text")

    def _from_entity(self, entity: Entity, title_agent: Optional[Agent], evidence: str,
                     country: Optional[str] = None) -> Identity:
        role = entity.role_at(self.day)
        code = role.code if role else country
        sector = role.sector if role else None
        if (title_agent is not None and title_agent.sector and sector in (None, "ELI")
                and not entity.has_dated_role_at(self.day)):
            sector = title_agent.sector  # the text is more current than a "former official" default
        return Identity(entity.name, code, sector, entity.kind, evidence,
                        dated=entity.has_dated_role_at(self.day), proper=True)

    def _place_or_people(self, ent: Span, head: Token) -> Optional[Identity]:
        text = _strip_det(ent.text)
        key = normalize_name(text)
        entity = self._lookup(text)
        if entity is not None and entity.kind != "state":
            return self._from_entity(entity, None, "table")
        if entity is not None:
            role = entity.role_at(None)
            return Identity(entity.name, role.code if role else None, None, "state", "table")
        if key in self.actors.places or ent.label_ == "GPE" or self._place_as_name(ent):
            capital = self._capital_government(text, head)
            if capital is not None or key in self.actors.places or self.places.gazetteer.lookup(text):
                return capital
        return self._people(ent, head, key)  # "the Zaghawas": a people the NER took for a place

    def _capital_government(self, text: str, head: Token) -> Optional[Identity]:
        """A capital (or a city the table knows) that acts stands for its state's government:
        "Beirut responded", "rejected by Kigali", "Washington's proposal"."""
        code = self.actors.places.get(normalize_name(text)) or self.places.capital_code(text)
        if code is None or not _acts(head):
            return None  # a city is an actor only when it acts
        return Identity(f"{self.actors.state_name(code) or code} government", code, "GOV", "state", "table")

    def _people(self, ent: Span, head: Token, key: str) -> Optional[Identity]:
        """ "Israelis", "the Palestinians", "Israeli" (in "Israeli strikes"); a people or group no
        table knows, named as a party ("the Houthis said"), is a group of its own."""
        code = self.actors.country_code(key)
        if code is None:
            known = self._from_registry(_strip_det(ent.text), "ORG", None)
            if known is not None:  # a group earlier reports explained ("Yemen's Houthis")
                return replace(known, kind="group" if known.kind == "person" else known.kind)
            acting = head.dep_ in SUBJECT_DEPS or head.dep_ in ("dobj", "pobj", "appos", "conj")
            plural = coref.is_plural(head) or head.pos_ == "PROPN" and key.endswith("s")
            if acting and head.pos_ in ("PROPN", "NOUN") and plural:
                return Identity(_strip_det(ent.text), None, None, "group", "unknown", proper=True)
            return None
        state = self.actors.state_name(code) or code
        if coref.is_plural(head) or key.endswith("s") and head.pos_ in ("NOUN", "PROPN"):
            definite = ent.start > 0 and self.doc[ent.start - 1].lower_ == "the" or ent[0].lower_ == "the"
            return Identity(f"{state} government" if definite else f"{state} civilians", code,
                            "GOV" if definite else "CVL", "group", "text")
        return Identity(state, code, None, "state", "table")

    def _generic_body(self, identity: Identity, text: str, country: Optional[str]) -> Identity:
        """ "the National Security Council", "the Supreme Court": a state body the table knows under
        a name made only of English words, none a country's or a people's, names what the body is,
        not which state's (every state has one): it is of the country the text gives it, here or
        from the report's context, not the table's (unlike "Hezbollah", "the Israeli cabinet")."""
        if identity.kind != "organization" or identity.sector not in STATE_SECTORS:
            return identity
        words = normalize_name(text).split()
        if len(words) < 2 or not all(w in english_words() and self.actors.country_code(w) is None for w in words):
            return identity
        return replace(identity, code=country, evidence="text")

    def _body_word(self, word: str) -> bool:
        """ "junta", "army", "front", "council": a word that names a body, not a role."""
        agent = self.agents.get(word)
        return agent is not None and agent.kind == "organization"

    def _body_words(self, name: str) -> bool:
        """Whether a name holds a word that names a body."""
        return any(map(self._body_word, normalize_name(name).split()))

    def _lookup(self, text: str) -> Optional[Entity]:
        idx = self.actors.lookup(text)
        return self.actors.entities[idx] if idx is not None else None

    def _fuzzy(self, text: str, label: str) -> Optional[Entity]:
        idx = _fuzzy_index(self.actors, normalize_name(text), self.day)
        return self.actors.entities[idx] if idx is not None else None


def _backer(tok: Token) -> bool:
    """ "Iran-backed", "US-supported": a country named as someone's sponsor; "Israel-Hezbollah":
    one of two parties joined by a hyphen. Neither is the nationality of what follows."""
    doc = tok.doc
    if tok.i + 2 >= len(doc) or doc[tok.i + 1].text not in HYPHENS:
        return False
    after = doc[tok.i + 2]
    return after.lower_ in BACKER_WORDS or after.pos_ == "PROPN"


ALIGNMENT_PREFIXES = {"pro", "anti"}


def _aligned(tok: Token) -> bool:
    """ "pro-Iranian", "anti-Western": a country a group sides with or against, not its own."""
    doc = tok.doc
    if tok.lower_ in ALIGNMENT_PREFIXES and tok.i + 1 < len(doc) and doc[tok.i + 1].text in HYPHENS:
        return True
    return tok.i >= 2 and doc[tok.i - 1].text in HYPHENS and doc[tok.i - 2].lower_ in ALIGNMENT_PREFIXES


def _former(span: Span, name_start: int) -> bool:
    """ "former President X", "then-president X", "ex-minister": a role no longer held (the word
    may stand just before the mention: "then [US-president X]")."""
    doc = span.doc
    before = [doc[k] for k in range(max(span.start - 2, 0), span.start) if doc[k].text not in HYPHENS]
    return any(t.lower_ in FORMER_WORDS for t in [*span, *before[-1:]] if t.i < name_start)


def _rank(identity: Identity) -> int:
    """How specific the evidence of a mention's own identity is (entities.py ranks)."""
    if identity.evidence == "correction":
        return RANK_CORRECTION
    if identity.evidence == "registry":
        return RANK_REGISTRY if identity.dated else RANK_STALE_REGISTRY
    if identity.evidence == "table":
        return RANK_DATED_TABLE if identity.dated else RANK_TABLE
    if identity.evidence == "text":
        return RANK_TEXT
    if identity.evidence == "fuzzy":
        return RANK_FUZZY
    if identity.evidence == "context" and identity.code:
        return RANK_CONTEXT
    return RANK_NONE


def _acts(head: Token) -> bool:
    """Whether a place name is used as an actor: the subject or passive agent of a verb ("Beirut
    responded", "rejected by Beirut"), a party named to an act ("talks between Belgrade and
    Pristina") or the owner of an act or document ("Washington's proposal"); one joined to
    another that acts acts with it ("Manila and Beijing agreed")."""
    if head.dep_ == "conj" and head.head.i < head.i:
        return _acts(head.head)
    if head.dep_ in SUBJECT_DEPS:
        return True
    if head.dep_ == "pobj":  # "rejected by Beirut"; "talks between Belgrade and Pristina", "a deal with Kigali"
        prep = head.head
        return prep.dep_ == "agent" or prep.lower_ in _PARTY_PREPS and prep.head.lemma_.lower() in _act_nouns()
    if head.dep_ == "dobj":  # "accused Kigali of", "urged Bamako to": the one addressed (not "hit Goma")
        entry = default_lexicon().verb(head.head.lemma_.lower())
        return entry is not None and entry.event in SAID_TYPES
    return head.dep_ == "poss" and head.head.lemma_.lower() in _act_nouns()


_PARTY_PREPS = words("prepositions", "party")


@lru_cache(maxsize=1)
def _act_nouns() -> frozenset[str]:
    lexicon = default_lexicon()
    return frozenset(lexicon.nouns) | lexicon.document_nouns


def _name_like(ent: Span) -> bool:
    """An unknown organization name worth keeping: a proper-noun head and no figures ("Resolution 1701";
    "the Three Brotherhood Alliance" is one)."""
    return ent.root.pos_ == "PROPN" and not any(t.like_num and not t.is_alpha for t in ent)


def _strip_det(text: str) -> str:
    first, _, rest = text.partition(" ")
    return rest if first.lower() in DETERMINERS and rest else text


@lru_cache(maxsize=4096)
def _fuzzy_index(actors: ActorTable, key: str, day: Optional[date]) -> Optional[int]:
    """A misspelt person's name: best alias among people active at `day` with the same initial."""
    if not key:
        return None
    words = len(key.split())
    candidates = actors.fuzzy_candidates(key[:1], words, day)
    if words == 1:  # a misspelt single name keeps its length ("Makati"), a shorter word is another ("Kara")
        candidates = [c for c in candidates if abs(len(c) - len(key)) <= 1]
    cutoff = FUZZY_CUTOFF_ONE_WORD if words == 1 else FUZZY_CUTOFF
    best = process.extractOne(key, candidates, scorer=fuzz.ratio, score_cutoff=cutoff)
    return actors.by_alias[best[0]] if best else None
