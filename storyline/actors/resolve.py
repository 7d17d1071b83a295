"""Finding actor mentions on the parse and resolving each to name, code, sector and kind.

See the component docstring for the rules; this module holds the mechanics. A MentionFinder is
made per report: it walks candidate noun-phrase heads in text order and builds rdoc.actors,
using the mentions already found for coreference.
"""
from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, replace
from datetime import date
from functools import lru_cache
from typing import Optional

from rapidfuzz import fuzz, process
from spacy.tokens import Span, Token

from ..events.lexicon import default_lexicon
from ..models import ActorMention, ReportDoc
from . import coref
from .coref import MentionInfo
from .placenames import PlaceCodes, default_place_codes
from .entities import (GENERIC_TITLES, NON_STATE_BODY_SECTORS, RANK_CONTEXT, RANK_CORRECTION, RANK_DATED_TABLE, RANK_FUZZY, RANK_NONE, RANK_REGISTRY,
                       RANK_STALE_REGISTRY, RANK_TABLE, RANK_TEXT, Affiliation, EntityInfo, ReportEntities)
from .registry import ActorRegistry
from .credits import CreditZones
from .docindex import ADJECTIVE, ENTITY_LABELS, NOMINAL, PRONOUN, PROPER, DocIndex, string_ids
from .table import ActorTable, Agent, AgentTable, Entity, normalize_name

LEFT_DEPS = {"det", "poss", "amod", "compound", "nmod", "nummod", "predet", "quantmod", "case"}
CLIMB_DEPS = {"compound", "poss", "amod", "nmod"}
COUNTRY_PREPS = {"of", "in", "with", "from"}
SUBJECT_DEPS = {"nsubj", "nsubjpass", "agent"}
PRONOUN_IDS = string_ids(coref.PRONOUNS)
NAME_DEP_IDS = string_ids(SUBJECT_DEPS | {"dobj", "pobj"})  # where a name the NER missed acts
ARGUMENT_DEP_IDS = string_ids(SUBJECT_DEPS | {"dobj", "pobj", "appos", "attr"})
DETERMINERS = {"the", "a", "an"}
COUNTRY_NOUNS = {"country", "nation", "state"}    # "the country's prime minister"
# Nouns by which a report refers back to an organisation: "the group's secretary-general".
BACKER_WORDS = {"backed", "supported", "sponsored", "funded", "armed", "trained", "allied", "aligned", "financed"}
FORMER_WORDS = {"former", "ex", "then", "late", "erstwhile", "onetime", "one-time"}
GROUP_NOUNS = {"group", "movement", "organization", "organisation", "militia", "party", "front", "alliance",
               "faction", "rebels", "insurgents"}
# Diplomats and missions are of the sending country: "in/to X" names the host, not the affiliation,
# and belongs to the mention ("the US embassy in Beirut", "US ambassador to Lebanon Lisa Johnson").
DIPLOMATIC_HEADS = {"embassy", "embassies", "consulate", "consulates", "ambassador", "ambassadors",
                    "envoy", "envoys"}
HOST_PREPS = {"to", "in", "for"}                   # "envoy for Yemen"
# Prepositions introducing the parties of an act ("talks between X and Y", "a deal with X").
PARTY_PREPS = {"between", "with", "among"}
EMPLOYER_PREPS = {"for", "to"}
HYPHENS = {"-", "–"}
# A counterpart is of the other party: the possessor ("his counterpart") never gives its country.
COUNTERPART_HEADS = {"counterpart", "counterparts"}
OWNER_PREPS = {"of"}
BODY_PREPS = {"of", "for"}                         # "leader of the group", "spokesman for the army"                               # "the office of the prime minister"
TITLE_KEYS = {"premier": "prime minister", "pm": "prime minister", "parliament speaker": "speaker",
              "house speaker": "speaker", "speaker of parliament": "speaker",
              "special envoy": "envoy", "defence minister": "defense minister"}
# Sectors of a state's own institutions: "the army" / "the cabinet" belong to a country.
STATE_SECTORS = {"GOV", "MIL", "LEG", "JUD", "COP", "SPY"}
MAX_MENTION_TOKENS = 12
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


class MentionFinder:
    def __init__(self, rdoc: ReportDoc, actors: ActorTable, agents: AgentTable,
                 registry: Optional[ActorRegistry] = None):
        self.rdoc, self.doc, self.actors, self.agents = rdoc, rdoc.doc, actors, agents
        self.registry = registry
        self.day: Optional[date] = rdoc.reference_date
        self.seen: list[MentionInfo] = []
        self.extra: list[EntityInfo] = []          # per mention, for the report-wide entity pass
        self.places: PlaceCodes = default_place_codes()
        self.by_surname: dict[str, int] = {}       # last word of a person's name -> mention index
        self.last_state: Optional[str] = None      # for "the country's ..."
        self.index = DocIndex(self.doc)
        self.ent_of = self.index.ent_of
        self.credits = CreditZones(rdoc.text, self.doc)
        self._left_edges: dict[int, int] = {}
        self._agents_at: dict[tuple[int, Optional[int]], tuple[Optional[Agent], str]] = {}

    # --- candidates -------------------------------------------------------------------------
    def run(self) -> list[ActorMention]:
        for head in self._candidate_heads():
            if self.credits.covers(head.idx):
                continue  # a reporter or photographer credited by the outlet
            if self.seen and self.doc[self._left_edge(head)].idx < self.seen[-1].mention.end:
                continue  # overlaps the previous (wider) mention
            self._add(head)
        ReportEntities(self.seen, self.extra, self.rdoc.text, self._is_country, self._scene()).resolve()
        return [m.mention for m in self.seen]

    def _scene(self) -> Counter:
        """Countries of the places the report names (not as actors): "in Shan state", "Lashio"."""
        scene: Counter[str] = Counter()
        acting = {info.head.i for info in self.seen}
        for ent in self.doc.ents:
            if ent.label_ in ("GPE", "LOC") and ent.root.i not in acting and not self.credits.covers(ent.start_char):
                code = self.actors.country_code(ent.text) or self.places.region_code(_strip_det(ent.text))
                if code:
                    scene[code] += 1
        return scene

    def _is_country(self, code: str) -> bool:
        return self.actors.state_name(code) is not None

    def _candidate_heads(self) -> list[Token]:
        """Heads of entities, pronouns, agent nouns and stray names, widest phrase first."""
        doc, index, heads = self.doc, self.index, {}
        for ent in doc.ents:
            if ent.label_ in ENTITY_LABELS and ent[0].tag_ != "POS":  # not "[’s Middle East] advisor"
                head = self._climb(ent.root)
                heads.setdefault(head.i, head)
        for i in index.tokens_where(PRONOUN, PRONOUN_IDS):
            heads.setdefault(i, doc[i])
        agent_nouns = set()
        for i in index.tokens_where(NOMINAL, self.agents.head_word_ids):
            if i not in self.ent_of and self._agent_at(doc[i])[0]:
                agent_nouns.add(i)
                head = self._climb(doc[i])
                heads.setdefault(head.i, head)
        for i in index.tokens_where(ADJECTIVE, self.agents.head_word_ids, ARGUMENT_DEP_IDS):
            # "secretary-general", "attorney-general": the parser reads the last part as an adjective
            if i > 0 and doc[i - 1].text == "-" and self._agent_at(doc[i])[0]:
                heads.setdefault(i, doc[i])
        for i in index.tokens_where(PROPER, dep_ids=NAME_DEP_IDS):
            if i not in self.ent_of and i not in agent_nouns:
                heads.setdefault(i, doc[i])  # a surname the NER missed ("Makati later met ...")
        return sorted(heads.values(), key=lambda t: (self._left_edge(t), -t.i))

    def _climb(self, tok: Token) -> Token:
        """The head of the noun phrase that `tok` modifies, when that head names an actor."""
        while (tok.dep_ in CLIMB_DEPS and tok.head.i > tok.i and tok.head.pos_ in ("NOUN", "PROPN")
               and (tok.dep_ == "compound" and tok.head.pos_ == "PROPN" or self._agent_at(tok.head)[0])):
            tok = tok.head
        return tok

    def _left_edge(self, head: Token) -> int:
        start = self._left_edges.get(head.i)
        if start is None:
            start = head.i
            for child in head.lefts:
                if child.dep_ in LEFT_DEPS:
                    start = min(start, child.left_edge.i)
            if head.i - start >= MAX_MENTION_TOKENS or not self.index.same_sentence(start, head.i):
                start = head.i
            self._left_edges[head.i] = start
        return start

    def _agent_at(self, head: Token, start: Optional[int] = None) -> tuple[Optional[Agent], str]:
        """The longest agent phrase ending at `head` (words from `start` on), and the phrase."""
        key = (head.i, start)
        if key not in self._agents_at:
            self._agents_at[key] = self._longest_agent(head.i, max(start or 0, self.index.sent_start[head.i]))
        return self._agents_at[key]

    def _longest_agent(self, end: int, first: int) -> tuple[Optional[Agent], str]:
        """Grow the phrase leftwards from token `end` while it is still the end of some agent phrase."""
        found: tuple[Optional[Agent], str] = (None, "")
        words: list[str] = []
        for j in range(end, first - 1, -1):
            word = self.index.norm(j)
            if not word:  # "'s" and other tokens that normalize away
                continue
            words.append(word)
            phrase = " ".join(reversed(words))
            if phrase not in self.agents.phrase_ends:
                break
            agent = self.agents.get(phrase)
            if agent is not None:
                found = (agent, phrase)
        return found

    # --- one mention --------------------------------------------------------------------------
    def _add(self, head: Token) -> None:
        if head.pos_ == "PRON":
            self._add_pronoun(head)
            return
        found = self._identify(head)
        if found is None:  # "the Israel-Hezbollah ceasefire" when the NER saw no name in "Hezbollah"
            for part, part_identity in self._hyphen_pair(self.doc[self._left_edge(head):head.i + 1]):
                self._append(part, part.root, part_identity, (), "")
            return
        span, identity, titles, head_phrase = found
        parts = self._nationality_parts(span, head, identity)
        if identity.evidence == "table":
            parts = parts or self._hyphen_pair(span)
        for part, part_identity in parts[:-1]:
            self._append(part, part.root, part_identity, (), head_phrase)
        if parts:
            span, identity = parts[-1]
        self._append(span, head, identity, titles, head_phrase)

    def _hyphen_pair(self, span: Span) -> list[tuple[Span, Identity]]:
        """ "Israel-Hezbollah" (ceasefire, war): two parties joined by a hyphen, one mention each."""
        if len(span) < 3 or self._lookup(_strip_det(span.text)) is not None:
            return []
        k = next((t.i for t in span[1:-1] if t.text in HYPHENS), None)
        if k is None:
            return []
        halves = [self.doc[span.start:k], self.doc[k + 1:span.end]]
        identities = [self._named_party(half) for half in halves]
        if None in identities or identities[0].code == identities[1].code:
            return []
        return list(zip(halves, identities))

    def _named_party(self, half: Span) -> Optional[Identity]:
        """A state or a known actor named by `half` alone ("Israel", "Hezbollah")."""
        entity = self._lookup(_strip_det(half.text))
        if entity is not None:
            identity = self._from_entity(entity, None, "table")
            return identity if identity.code else None
        code = self.actors.country_code(half.text)
        return Identity(self.actors.state_name(code) or code, code, None, "state", "table") if code else None

    def _nationality_parts(self, span: Span, head: Token, identity: Identity) -> list[tuple[Span, Identity]]:
        """ "Israeli and US officials" -> "Israeli" (Israeli officials) and "US officials": one
        mention per coordinated nationality of a descriptor, the last one keeping the noun."""
        if identity.evidence != "text" or identity.name != span.text:
            return []
        first = next((c for c in head.lefts if c.dep_ in ("amod", "compound") and c.i >= span.start
                      and any(g.dep_ == "conj" for g in c.children)), None)
        if first is None:
            return []
        conjuncts = [self.doc[t.left_edge.i:t.i + 1] for t in (first, *first.conjuncts) if t.i < head.i]
        codes = [self.actors.country_code(c.text) for c in conjuncts]
        if len(conjuncts) < 2 or None in codes:
            return []
        noun = self.doc[conjuncts[-1].end:span.end].text
        parts = [(c, replace(identity, name=f"{c.text} {noun}", code=code))
                 for c, code in zip(conjuncts[:-1], codes)]
        last = self.doc[conjuncts[-1].start:span.end]
        return parts + [(last, replace(identity, name=last.text, code=codes[-1]))]

    def _identify(self, head: Token) -> Optional[tuple[Span, Identity, tuple[str, ...], str]]:
        """The mention headed by `head`: its span, identity, titles and agent phrase (or None)."""
        ent = self.ent_of.get(head.i)
        start = self._left_edge(head)
        if ent is not None and ent.root == head and (ent.label_ in ("GPE", "NORP") or self._place_as_org(ent)):
            identity = self._place_or_people(ent, head)
            return (ent, identity, (), "") if identity is not None else None
        end = head.i + 1
        name_ent = ent if ent is not None and ent.root.i <= head.i else self._name_inside(start, head)
        if name_ent is not None:
            start, end = min(start, name_ent.start), max(end, name_ent.end)
            if name_ent.label_ == "ORG" and self._lookup(_strip_det(name_ent.text)) is None \
                    and self._agent_at(name_ent.root)[0] is not None:
                name_ent = None  # "the Government of Lebanon": a descriptor, not a name
        agent, agent_phrase = self._agent_at(head, start) if name_ent is None or name_ent.end <= head.i else (None, "")
        country, body, affiliation, regional = self._modifier_context(start, head, name_ent)
        title_agent = None
        if agent is not None and self.index.norm(head.i) in DIPLOMATIC_HEADS:
            hosted_name, end = self._host_after(head, end)
            if hosted_name is not None:  # "US ambassador to Lebanon Lisa Johnson"
                name_ent, title_agent = hosted_name, agent
        elif agent is not None and country is None and body is None:
            country, end = self._country_after(head, end)
            if country is None and agent.kind == "person":
                country, employer = self._employer_country(head)
                affiliation = affiliation or employer
        owner = None
        if name_ent is None and agent is not None and agent.sector is None and body is None:
            owner, end = self._owner(head, end)
        if affiliation is None and agent is not None and body is None:
            affiliation = self._body_after(head)
        span = self.doc[start:end]
        identity = self._resolve(span, head, name_ent, agent, agent_phrase, country, body or owner, title_agent)
        if identity is None:
            return None
        if affiliation is not None and identity.evidence != "coreference":
            identity = replace(identity, affiliation=affiliation)
        if regional and identity.sector in ("MIL", "GOV") and identity.evidence in ("text", "context") \
                and identity.kind != "person" and not identity.proper:
            # "Tigray forces", "the Tigray government": a region's armed men or rival authority
            # are not a state's army or government
            identity = replace(identity, sector="REB")
        if body is not None and body.sector in NON_STATE_BODY_SECTORS and identity.kind != "state" \
                and identity.sector in ("GOV", None) and identity.evidence != "correction":
            identity = replace(identity, sector=body.sector)  # "Hamas leader X", "the Houthi delegation"
        titles = self._titles(span, name_ent, identity, title_agent and agent_phrase)
        return span, identity, titles, agent_phrase if name_ent is None else ""

    def _place_as_org(self, ent: Span) -> bool:
        """A city the NER took for an organization ("[Washington]ORG's proposal")."""
        text = _strip_det(ent.text)
        return ent.label_ == "ORG" and normalize_name(text) in self.actors.places and self._lookup(text) is None

    def _name_inside(self, start: int, head: Token) -> Optional[Span]:
        ent = self.ent_of.get(head.i)
        return ent if ent is not None and ent.start >= start else None

    def _modifier_context(self, start: int, head: Token, name_ent: Optional[Span]
                          ) -> tuple[Optional[str], Optional[Identity], Optional[Affiliation], bool]:
        """Country code, known actor (body, person), the body it belongs to and whether the
        country comes from a region or city rather than a state, named by the modifiers left of
        the name/head ("Ghana's", "ELN leader", "its", "the group's", "Tigrayan")."""
        stop = name_ent.start if name_ent is not None and name_ent.root.i == head.i else head.i
        country, body, possessor_country, affiliation, regional = None, None, None, None, False
        i = start
        while i < stop:
            ent = self.ent_of.get(i)
            if ent is not None and ent.start >= start and ent.end <= stop and _backer(ent[-1]):
                i = ent.end  # "the Iran-backed rebels": the backer is not the rebels' country
                continue
            if ent is not None and ent.start >= start and ent.end <= stop:
                found = self._lookup(_strip_det(ent.text))
                known = self._from_registry(_strip_det(ent.text), ent.label_, None) if found is None else None
                if found is not None and found.kind != "state":
                    body = self._from_entity(found, None, "table")
                    country = country or body.code
                elif known is not None:  # "ELN leader X": a body an earlier report explained
                    body = known
                    country = country or body.code
                else:
                    code = self.actors.country_code(ent.text)
                    if code is None and country is None:
                        code, state_named = self._place_in_words(ent)
                        regional = code is not None and not state_named
                    country = country or code
                    if self.actors.country_code(ent.text) is None and ent.label_ in ("ORG", "NORP", "PERSON"):
                        affiliation = Affiliation(name=normalize_name(_strip_det(ent.text)))  # "ELN leader"
                i = ent.end
                continue
            tok = self.doc[i]
            if tok.dep_ == "poss" and tok.lower_ in coref.PRONOUNS:  # "its leader", "his government"
                idx = self._pronoun_antecedent(tok)
                if idx is not None:
                    m = self.seen[idx].mention
                    body = Identity(m.name, m.code, m.sector, m.kind, "coreference", idx)
                    possessor_country = m.code
                    affiliation = Affiliation(index=idx)
            elif tok.dep_ == "poss" and tok.pos_ == "NOUN" and tok.lower_ in GROUP_NOUNS:
                idx = self._last_body()  # "the group's secretary-general"
                if idx is not None:
                    affiliation = Affiliation(index=idx)
            elif tok.lower_ in COUNTRY_NOUNS and tok.dep_ == "poss":
                country = country or self.last_state
            elif tok.pos_ in ("PROPN", "ADJ", "NOUN") and tok.text[:1].isalpha() and not _backer(tok):
                code = self.actors.demonyms.get(tok.lower_) or (  # "Israeli", "U.S."
                    self.actors.country_code(tok.text) if tok.pos_ == "PROPN" else None)
                if code is None and tok.pos_ == "PROPN" and tok.text[:1].isupper():
                    code = self.places.region_code(tok.text)  # "Tigray forces": named after a region
                    regional = regional or code is not None
                country = country or code
            i += 1
        if self.index.norm(head.i) in COUNTERPART_HEADS:
            return country, None, None, False  # "his Algerian counterpart": Algerian, whoever "his" is
        # a nationality written out beats the possessor's
        return country or possessor_country, body, affiliation, regional

    def _last_body(self) -> Optional[int]:
        """The organisation or group named last ("the group", "the movement" refer to it)."""
        for k in range(len(self.seen) - 1, -1, -1):
            m = self.seen[k].mention
            if m.kind in ("organization", "group") and m.sector not in coref.MEDIA_SECTORS \
                    and self.extra[k].rank > RANK_NONE or m.evidence == "unknown" and m.kind == "organization":
                return k
        return None

    def _country_after(self, head: Token, end: int) -> tuple[Optional[str], int]:
        """ "the Government of Lebanon", "officials in Gaza": the country and the new span end.
        A party to talks is not from where they are held: in "talks between the army and the
        rebels in Nairobi", "in Nairobi" is the talks' place."""
        party = head
        while party.dep_ == "conj" and party.head is not party:
            party = party.head
        event_party = party.dep_ == "pobj" and party.head.lower_ in PARTY_PREPS
        for prep in head.rights:
            if prep.dep_ == "prep" and prep.lower_ in COUNTRY_PREPS and not (event_party and prep.lower_ in HOST_PREPS):
                for pobj in prep.children:
                    if pobj.dep_ == "pobj":
                        code = self.actors.country_code(pobj.text) if pobj.pos_ == "PROPN" else None
                        if code:
                            return code, pobj.right_edge.i + 1
        return None, end

    def _employer_country(self, head: Token) -> tuple[Optional[str], Optional[Affiliation]]:
        """ "a spokeswoman for the U.S. Embassy", "an adviser to the Israeli army", "a spokesman for
        the TPLF": the country of the body a person works for (a mention of its own), and the
        body's name, for the report-wide pass to resolve."""
        for prep in head.rights:
            if prep.dep_ == "prep" and prep.lower_ in EMPLOYER_PREPS:
                pobj = next((c for c in prep.children if c.dep_ == "pobj"), None)
                found = self._identify(pobj) if pobj is not None and pobj.pos_ in ("NOUN", "PROPN") else None
                if found is not None and found[1].kind in ("organization", "state", "person"):
                    name = found[1].name if found[1].proper else _strip_det(found[0].text)
                    return (found[1].code if found[1].kind != "person" else None,
                            Affiliation(name=normalize_name(_strip_det(name or ""))))
        return None, None

    @staticmethod
    def _body_after(head: Token) -> Optional[Affiliation]:
        """ "forces of the Lebanese army", "the president of the parliament", "a spokesman for the
        ministry": the body named after the noun, a mention of its own."""
        for prep in head.rights:
            if prep.dep_ == "prep" and prep.lower_ in BODY_PREPS:
                pobj = next((c for c in prep.children if c.dep_ == "pobj"), None)
                if pobj is not None and pobj.pos_ in ("NOUN", "PROPN"):
                    return Affiliation(head=pobj.i)
        return None

    def _host_after(self, head: Token, end: int) -> tuple[Optional[Span], int]:
        """ "embassy in Beirut", "ambassador to Lebanon [Lisa Johnson]": the span end past the host
        and, when the parser folded the diplomat's name into the host phrase, that name."""
        for prep in head.rights:
            if prep.dep_ == "prep" and prep.lower_ in HOST_PREPS:
                for pobj in prep.children:
                    if pobj.dep_ != "pobj":
                        continue
                    ent = self.ent_of.get(pobj.i)
                    if ent is not None and ent.label_ == "PERSON" and ent.start > prep.i + 1:
                        return ent, ent.end
                    if self.actors.country_code(pobj.text) or (ent is not None and ent.label_ == "GPE"):
                        return None, pobj.right_edge.i + 1
        return None, end

    def _owner(self, head: Token, end: int) -> tuple[Optional[Identity], int]:
        """Who an office belongs to ("the prime minister's office", "the office of the Israeli
        Prime Minister"): identified as a mention of its own; the span end grows over "of ..."."""
        for child in head.children:
            if child.dep_ == "poss" and child.pos_ != "PRON":
                found = self._identify(child)
                return (found[1] if found else None), end
            if child.dep_ == "prep" and child.lower_ in OWNER_PREPS and child.i > head.i:
                pobj = next((c for c in child.children if c.dep_ == "pobj"), None)
                found = self._identify(pobj) if pobj is not None else None
                if found is not None:
                    return found[1], max(end, found[0].end)
        return None, end

    def _resolve(self, span: Span, head: Token, name_ent: Optional[Span], agent: Optional[Agent],
                 agent_phrase: str, country: Optional[str], body: Optional[Identity],
                 title_agent: Optional[Agent] = None) -> Optional[Identity]:
        whole = self._lookup(_strip_det(span.text))
        if whole is not None:
            return self._from_entity(whole, None, "table")
        if name_ent is not None:
            return self._resolve_name(span, name_ent, country, title_agent)
        if agent is None:
            return self._surname_coref(head)
        return self._resolve_descriptor(span, head, agent, agent_phrase, country, body)

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
        if name_ent.label_ == "PERSON" and len(words) == 1 and words[0] in self.by_surname:
            return self._surname_coref(name_ent.root)
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
            if titled is not None:  # "[Caretaker PM Najib Mikati]" tagged as one name
                named, evidence = self._lookup(titled[0].text), "table"
                if named is None:
                    named, evidence = self._fuzzy(titled[0].text, "PERSON"), "fuzzy"
                if named is not None or name_ent.label_ == "PERSON":
                    (name_ent, title_agent), entity = titled, named
                    text, kind = name_ent.text, "person"
        if entity is not None:
            return self._text_over_table(self._from_entity(entity, title_agent, evidence, country), country,
                                         title_agent, former, title)
        if name_ent.label_ == "ORG" and kind == "organization" and not _name_like(name_ent):
            return None
        sector = title_agent.sector if title_agent else None
        if former and kind == "person":
            sector = "ELI"
        if kind == "organization":
            country, sector = self._organization_name_evidence(name_ent, country, sector)
        return Identity(text if name_ent.label_ != "PERSON" else _strip_det(text), country,
                        sector, kind, "text" if (country or sector) else "unknown", proper=True)

    def _place_in_words(self, words: Span) -> tuple[Optional[str], bool]:
        """The country of the first capitalised word naming a place ("Malawian Parliament",
        "Tigray People's Liberation Front"), and whether that word names the state itself."""
        for tok in words:
            if not tok.text[:1].isupper():
                continue
            code = self.actors.country_code(tok.text)
            if code is not None:
                return code, True
            code = self.places.region_code(tok.text)
            if code is not None:
                return code, False
        return None, False

    def _organization_name_evidence(self, name_ent: Span, country: Optional[str], sector: Optional[str]
                                    ) -> tuple[Optional[str], Optional[str]]:
        """What an unknown organisation's name says of it: a country or place inside it ("Tigray
        People's Liberation Front" -> ETH, "Sudanese Armed Forces" -> SDN) and the sector of its
        head noun ("... Front" -> REB, "... Ministry" -> GOV). Armed forces named after a region,
        a town or nothing but a cause are not a state's army: REB."""
        code, state_named = self._place_in_words(name_ent[:-1])
        country = country or code
        agent, _ = self._agent_at(name_ent[-1], name_ent.start)
        if sector is None and agent is not None:
            sector = agent.sector
            if sector == "MIL" and not state_named and len(name_ent) > 1:
                sector = "REB"
        return country, sector

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

    def _title_inside(self, name_ent: Span) -> Optional[tuple[Span, Agent]]:
        """A person's title the NER took into the name: the name after the last title word."""
        for k in range(name_ent.end - 2, name_ent.start - 1, -1):
            agent, _ = self._agent_at(self.doc[k], name_ent.start)
            if agent is not None and agent.kind == "person":
                return self.doc[k + 1:name_ent.end], agent
        return None

    def _resolve_descriptor(self, span: Span, head: Token, agent: Agent, agent_phrase: str,
                            country: Optional[str], body: Optional[Identity]) -> Optional[Identity]:
        plural = "Plur" in head.morph.get("Number")
        kind = "group" if plural and agent.kind == "person" else agent.kind
        definite = span[0].lower_ == "the" or span[0].dep_ == "poss"
        title = TITLE_KEYS.get(agent_phrase, agent_phrase)
        if country is None and body is None and definite:
            idx = coref.title_antecedent(title, self.seen) if not plural else None
            if idx is None:
                idx = coref.descriptor_antecedent(agent_phrase, self.seen)
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
            return Identity(span.text, self._country_in_context(span, head), agent.sector, kind, "context")
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

    def _title_before(self, span: Span, name_ent: Span) -> tuple[Optional[Agent], str]:
        if name_ent.start <= span.start:
            return None, ""
        return self._agent_at(self.doc[name_ent.start - 1], span.start)

    def _titles(self, span: Span, name_ent: Optional[Span], identity: Identity,
                 title: Optional[str] = None) -> tuple[str, ...]:
        titles = list(self._entity_titles(identity.name))
        if name_ent is not None:
            title = title or self._title_before(span, name_ent)[1]
            if title:
                titles.append(TITLE_KEYS.get(title, title))
        return tuple(titles)

    def _entity_titles(self, name: Optional[str]) -> tuple[str, ...]:
        entity = self._lookup(name) if name else None
        return entity.titles if entity is not None else ()

    def _country_in_context(self, span: Span, head: Token) -> Optional[str]:
        """The country of an institution named without one: the owner's for "whose government",
        else the state (or state official) named last in this sentence or the few before
        ("Israeli strikes went on. The military said ...")."""
        if span[0].lower_ == "whose":
            owner = self._relative_owner(head)
            if owner is not None:
                return owner.code
        window = self.index.window_start(head.i, coref.MAX_SENTENCES_BACK)
        for info in reversed(self.seen):
            if info.sent < window:
                return None
            m = info.mention
            if m.code and (m.kind == "state" or m.sector in STATE_SECTORS) and self.actors.state_name(m.code):
                return m.code  # a country, not the UN or the EU
        return None

    def _relative_owner(self, head: Token) -> Optional[ActorMention]:
        """ "Sisi, whose government ...": the mention the relative clause is about."""
        clause = head
        while clause.dep_ not in ("relcl", "acl") and clause.head is not clause:
            clause = clause.head
        if clause.dep_ not in ("relcl", "acl"):
            return None
        owner = clause.head
        return next((info.mention for info in reversed(self.seen) if info.head.i == owner.i), None)

    # --- states, cities, peoples ---------------------------------------------------------------
    def _place_or_people(self, ent: Span, head: Token) -> Optional[Identity]:
        text = _strip_det(ent.text)
        key = normalize_name(text)
        entity = self._lookup(text)
        if entity is not None and entity.kind != "state":
            return self._from_entity(entity, None, "table")
        if entity is not None:
            role = entity.role_at(None)
            return Identity(entity.name, role.code if role else None, None, "state", "table")
        if key in self.actors.places or ent.label_ == "GPE":
            code = self.actors.places.get(key)
            if code is None or not _acts(head):
                return None  # a city is an actor only when it acts
            return Identity(f"{self.actors.state_name(code) or code} government", code, "GOV", "state", "table")
        return self._people(ent, head, key)

    def _people(self, ent: Span, head: Token, key: str) -> Optional[Identity]:
        """ "Israelis", "the Palestinians", "Israeli" (in "Israeli strikes")."""
        code = self.actors.country_code(key)
        if code is None:
            return None
        state = self.actors.state_name(code) or code
        if "Plur" in head.morph.get("Number") or key.endswith("s") and head.pos_ in ("NOUN", "PROPN"):
            definite = ent.start > 0 and self.doc[ent.start - 1].lower_ == "the" or ent[0].lower_ == "the"
            return Identity(f"{state} government" if definite else f"{state} civilians", code,
                            "GOV" if definite else "CVL", "group", "text")
        return Identity(state, code, None, "state", "table")

    # --- pronouns --------------------------------------------------------------------------------
    def _add_pronoun(self, tok: Token) -> None:
        if not coref.refers(tok):
            return
        idx = self._pronoun_antecedent(tok)
        if idx is None or tok.lower_ == "it" and self._act_noun_between(self.seen[idx].head.i, tok.i):
            return
        m = self.seen[idx].mention
        identity = Identity(m.name, m.code, m.sector, m.kind, "coreference", idx)
        self._append(self.doc[tok.i:tok.i + 1], tok, identity, self.seen[idx].titles, "")

    def _act_noun_between(self, start: int, end: int) -> Optional[Token]:
        """A deal named after the antecedent: "it" is more likely that ("the deal ... it will")."""
        deals = default_lexicon().document_nouns
        return next((t for t in self.doc[start + 1:end] if t.tag_ == "NN" and t.lemma_.lower() in deals), None)

    def _pronoun_antecedent(self, tok: Token) -> Optional[int]:
        window = self.index.window_start(tok.i, coref.MAX_SENTENCES_BACK)
        return coref.pronoun_antecedent(tok.lower_, self.index.sent_start[tok.i], window, self.seen)

    # --- bookkeeping -----------------------------------------------------------------------------
    def _append(self, span: Span, head: Token, identity: Identity, titles: tuple[str, ...], head_phrase: str) -> None:
        start, end = span.start_char, span.end_char
        text = self.rdoc.text[start:end]
        role = identity.role or (titles[-1] if titles else None) or (
            head_phrase if head_phrase and identity.kind in ("person", "group") else None)
        if identity.antecedent is not None:
            role = self.seen[identity.antecedent].mention.role
        mention = ActorMention(text, start, end, identity.name, identity.code, identity.sector, identity.kind,
                               role=role, evidence=identity.evidence, antecedent=identity.antecedent,
                               proper=identity.proper)
        self.seen.append(MentionInfo(mention, head, self.index.sent_start[head.i], titles, head_phrase))
        self.extra.append(EntityInfo(rank=_rank(identity), affiliation=identity.affiliation or Affiliation(),
                                     is_proper_name=identity.proper))
        if identity.kind == "person" and identity.evidence != "coreference" and head.pos_ == "PROPN":
            self.by_surname.setdefault(normalize_name(head.text), len(self.seen) - 1)
            if identity.name:
                self.by_surname.setdefault(normalize_name(identity.name).split()[-1], len(self.seen) - 1)
        if identity.kind == "state" and identity.sector is None:
            self.last_state = identity.code

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


def _former(span: Span, name_start: int) -> bool:
    """ "former President X", "then-president X", "ex-minister": a role no longer held."""
    return any(t.lower_ in FORMER_WORDS for t in span if t.i < name_start)


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
    responded", "rejected by Beirut") or the owner of an act or document ("Washington's proposal")."""
    if head.dep_ in SUBJECT_DEPS:
        return True
    if head.dep_ == "pobj":
        return head.head.dep_ == "agent"
    return head.dep_ == "poss" and head.head.lemma_.lower() in _act_nouns()


@lru_cache(maxsize=1)
def _act_nouns() -> frozenset[str]:
    lexicon = default_lexicon()
    return frozenset(lexicon.nouns) | lexicon.document_nouns


def _name_like(ent: Span) -> bool:
    """An unknown organization name worth keeping: a proper-noun head and no numbers ("Resolution 1701")."""
    return ent.root.pos_ == "PROPN" and not any(t.like_num for t in ent)


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
    cutoff = FUZZY_CUTOFF_ONE_WORD if words == 1 else FUZZY_CUTOFF
    best = process.extractOne(key, candidates, scorer=fuzz.ratio, score_cutoff=cutoff)
    return actors.by_alias[best[0]] if best else None
