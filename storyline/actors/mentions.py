"""Finding actor mentions on the parse, in text order, and building rdoc.actors.

See the component docstring for the rules. A MentionFinder is made per report: it walks
candidate noun-phrase heads in text order, asks the identity rules (identity.py) and the text
evidence (evidence.py) who each one is, links pronouns and titles to the mentions seen before,
and finally lets the report-wide pass (entities.py) share identity among the mentions of one actor.
"""
from __future__ import annotations

from collections import Counter
from dataclasses import replace
from datetime import date
from typing import Optional

from spacy.tokens import Span, Token

from ..lexicon import BACKER_WORDS, Entry, default_lexicon
from ..models import ActorMention, ReportDoc
from . import coref
from .coref import MentionInfo
from .credits import CreditZones
from .docindex import ADJECTIVE, ENTITY_LABELS, NOMINAL, PRONOUN, PROPER, DocIndex, agent_head_ids, string_ids
from .entities import GENERIC_ROLE_SECTORS, NON_STATE_BODY_SECTORS, Affiliation, EntityInfo, ReportEntities, is_landmark
from .evidence import DIPLOMATIC_HEADS, GROUP_NOUNS, TextEvidence
from .identity import HYPHENS, SUBJECT_DEPS, Identity, IdentityRules, _backer, _rank, _strip_det
from .names import normalize_name
from .placenames import PlaceCodes, default_place_codes
from .registry import ActorRegistry
from .table import ActorTable, Agent, AgentTable

LEFT_DEPS = {"det", "poss", "amod", "compound", "nmod", "nummod", "predet", "quantmod", "case"}
CLIMB_DEPS = {"compound", "poss", "amod", "nmod"}
PRONOUN_IDS = string_ids(coref.PRONOUNS)
NAME_DEP_IDS = string_ids(SUBJECT_DEPS | {"dobj", "pobj"})  # where a name the NER missed acts
STATE_DEP_IDS = string_ids(SUBJECT_DEPS | {"dobj", "pobj", "conj"})  # ... and where a state name does
ARGUMENT_DEPS = SUBJECT_DEPS | {"dobj", "pobj", "appos", "attr"}
MAX_MENTION_TOKENS = 12
# The governor's own subject or object can make it a meeting: "talks resumed in X", "held talks in X".
VENUE_ARGUMENT_DEPS = {"nsubj", "nsubjpass", "dobj"}


class MentionFinder(TextEvidence, IdentityRules):
    """The actor mentions of one report."""

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

    def run(self) -> list[ActorMention]:
        for head in self._candidate_heads():
            if self.credits.covers(head.idx):
                continue  # a reporter or photographer credited by the outlet
            if self.seen and self.doc[self._left_edge(head)].idx < self.seen[-1].mention.end:
                continue  # overlaps the previous (wider) mention
            self._add(head)
        scene, venues = self._scene()
        entities = ReportEntities(self.seen, self.extra, self.rdoc.text, self._is_country, scene, venues,
                                  mediators=frozenset(self._mediators()))
        entities.resolve()
        self._read_shortened_state_names(scene)
        self.rdoc.main_country = entities.main_country()
        return [m.mention for m in self.seen]

    def _read_shortened_state_names(self, scene: Counter) -> None:
        """ "Congo" in a report whose other mentions are of the Democratic Republic of the Congo
        is that state, not the table's Republic of the Congo: news shortens the formal name."""
        shortened = self.actors.shortened_formal_names
        for info in self.seen:
            m = info.mention
            rivals = shortened.get(normalize_name(m.text)) if m.kind == "state" and m.evidence == "table" else None
            if not rivals:
                continue
            # what the report names on its own: places, states, names and peoples' adjectives
            # ("Congolese officials"), not what takes its country from this very name ("their troops")
            named = Counter(scene)
            named.update(i.mention.code for i in self.seen if i.mention.code and i.mention.text != m.text
                         and (i.mention.kind == "state" or i.mention.proper or self._demonym_of(i.mention)))
            best = max(rivals, key=lambda code: named[code])
            if named[best] > named[m.code]:
                m.code, m.name = best, self.actors.state_name(best) or m.name

    def _demonym_of(self, mention: ActorMention) -> bool:
        words = normalize_name(_strip_det(mention.text)).split()
        return bool(words) and self.actors.demonyms.get(words[0]) == mention.code

    def _scene(self) -> tuple[Counter, Counter]:
        """Countries of the places the report names where things happen ("in Shan state", "the
        villages of Lebanon", "Lashio"), and of the venues where parties meet ("talks in Havana");
        a town whose name several countries share counts for none."""
        scene: Counter[str] = Counter()
        venues: Counter[str] = Counter()
        acting = {info.head.i for info in self.seen if info.head.dep_ != "pobj"}
        for ent in self.index.ents:
            root = ent.root
            if is_landmark(root):
                continue  # "the highway to X": where a thing leads, not where something happens
            if ent.label_ in ("GPE", "LOC") and root.i not in acting and not self.credits.covers(ent.start_char):
                code = self.actors.country_code(ent.text) or self.places.unambiguous_code(_strip_det(ent.text))
                if code:
                    (venues if self._is_venue(ent.root) else scene)[code] += 1
        return scene, venues

    def _mediators(self) -> set[int]:
        """Mentions of third parties: "talks mediated by Norway", "Qatar brokered the deal",
        "China-mediated", "Egypt's mediation", "with the mediation of Egypt"."""
        found = set()
        for k, info in enumerate(self.seen):
            head = info.head
            governor = head.head
            if head.dep_ == "pobj" and governor.lower_ in ("by", "of"):
                governor = governor.head  # "mediated by X", "the mediation of X"
            elif head.dep_ not in (*SUBJECT_DEPS, "poss", "npadvmod", "compound", "amod"):
                continue
            if governor.i != head.i and _third_party(governor):
                found.add(k)
        return found

    def _is_venue(self, place: Token) -> bool:
        """ "talks in Algiers", "met in Doha", "arrived in Kigali": where parties meet."""
        if place.dep_ != "pobj" or place.head.dep_ not in ("prep", "dative"):  # "sent envoys [to] Doha"
            return False
        governor = place.head.head
        if governor.dep_ == "dobj" and governor.head.pos_ == "VERB":
            governor = governor.head  # "send [a delegation to Geneva]": the sending
        words = [governor, *(c for c in governor.children if c.dep_ in VENUE_ARGUMENT_DEPS)]
        return any(_consultation(word) is not None for word in words)

    def _is_country(self, code: str) -> bool:
        return self.actors.state_name(code) is not None

    def _candidate_heads(self) -> list[Token]:
        """Heads of entities, pronouns, agent nouns and stray names, widest phrase first."""
        doc, index, heads = self.doc, self.index, {}
        for ent in index.ents:
            if ent.label_ in ENTITY_LABELS and ent[0].tag_ != "POS":  # not "[’s Middle East] advisor"
                head = self._climb(ent.root)
                heads.setdefault(head.i, head)
        for i in index.tokens_where(PRONOUN, PRONOUN_IDS):
            heads.setdefault(i, doc[i])
        agent_nouns = set()
        for i in index.tokens_where(NOMINAL, agent_head_ids(self.agents)):
            if i not in self.ent_of and self._agent_at(doc[i])[0]:
                agent_nouns.add(i)
                head = self._climb(doc[i])
                heads.setdefault(head.i, head)
        for i in index.tokens_where(ADJECTIVE, agent_head_ids(self.agents)):
            # "secretary-general", "attorney-general": the parser reads the last part as an adjective,
            # heading the phrase or set on the first part ("its secretary-general, X,")
            if i > 1 and doc[i - 1].text == "-" and self._agent_at(doc[i])[0]:
                if doc[i].dep_ == "amod" and doc[i].head.i == i - 2 and doc[i - 2].pos_ == "NOUN":
                    heads.setdefault(i - 2, doc[i - 2])
                elif doc[i].dep_ in ARGUMENT_DEPS:
                    heads.setdefault(i, doc[i])
        for i in index.tokens_where(PROPER, dep_ids=NAME_DEP_IDS):
            if i not in self.ent_of and i not in agent_nouns:
                heads.setdefault(i, doc[i])  # a surname the NER missed ("Makati later met ...")
        for i in index.tokens_where(NOMINAL, dep_ids=STATE_DEP_IDS):
            if i not in self.ent_of and doc[i].text[:1].isupper() and self._is_state_name(doc[i].text):
                # a state the tagger took for a common noun ("Suriname had expelled") or the NER
                # missed beside another ("the presidents of Guyana and Suriname")
                heads.setdefault(i, doc[i])
        return sorted(heads.values(), key=lambda t: (self._left_edge(t), -t.i))

    def _is_state_name(self, text: str) -> bool:
        entity = self._lookup(text)
        return entity is not None and entity.kind == "state"

    def _climb(self, tok: Token) -> Token:
        """The head of the noun phrase that `tok` modifies, when that head names an actor."""
        while (tok.dep_ in CLIMB_DEPS and tok.head.i > tok.i and tok.head.pos_ in ("NOUN", "PROPN")
               and (tok.dep_ == "compound" and tok.head.pos_ == "PROPN" or self._agent_at(tok.head)[0]
                    or self._group_of(tok))):
            tok = tok.head
        return tok

    def _group_name(self, head: Token) -> Optional[Span]:
        """The name of "Yemen's [Houthi] group" (an organisation, whatever the NER took it for)."""
        name = next((c for c in head.lefts if self._group_of(c)), None)
        if name is None:
            return None
        ent = self.ent_of[name.i]
        return Span(self.doc, ent.start, ent.end, label="ORG")

    def _group_of(self, tok: Token) -> bool:
        """ "Yemen's [Houthi] group", "the [Zamoran] movement": a name set before a word that only
        says it is a group; the group noun heads the mention, so its modifiers ("Yemen's") are read."""
        head = tok.head
        return (tok.dep_ == "compound" and tok.pos_ == "PROPN" and tok.i in self.ent_of
                and self.ent_of[tok.i].label_ in ("ORG", "NORP", "PERSON") and self.ent_of[tok.i].end == head.i
                and head.tag_ == "NN" and head.lower_ in GROUP_NOUNS and head.i not in self.ent_of)

    def _left_edge(self, head: Token) -> int:
        start = self._left_edges.get(head.i)
        if start is None:
            start = head.i
            for child in head.lefts:
                if child.dep_ in LEFT_DEPS:
                    start = min(start, child.left_edge.i)
            if head.i - start >= MAX_MENTION_TOKENS or not self.index.same_sentence(start, head.i):
                start = head.i
            dashes = [t.i for t in self.doc[start:head.i] if t.text.endswith(":") or t.text == ","
                      or t.text in ("-", "–", "—") and self.credits.covers(t.idx)]
            if dashes:  # "LILONGWE - Malawi's government", "LUSAKA, May 2 (Xinhua): X": the dateline is no
                # part of it; nor is a word the parser hung on it across a comma ("described as
                # non-negotiable, two diplomats said")
                start = dashes[-1] + 1
            self._left_edges[head.i] = start
        return start

    def _agent_at(self, head: Token, start: Optional[int] = None) -> tuple[Optional[Agent], str]:
        """The longest agent phrase ending at `head` (words from `start` on), and the phrase."""
        head = hyphen_tail(head)
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
        for backer, backer_identity in self._backers(span, head):
            self._append(backer, backer.root, backer_identity, (), "")
        parts = self._nationality_parts(span, head, identity)
        if identity.evidence == "table":
            parts = parts or self._hyphen_pair(span)
        for part, part_identity in parts[:-1]:
            self._append(part, part.root, part_identity, (), head_phrase)
        if parts:
            span, identity = parts[-1]
        self._append(span, head, identity, titles, head_phrase)

    def _backers(self, span: Span, head: Token) -> list[tuple[Span, Identity]]:
        """ "the Iran-backed Kestrel group": the state that backs a group is named inside the
        group's mention; it is a party of its own (the sponsor), one mention each."""
        found = []
        for ent in self.index.ents:
            if span.start <= ent.start and ent.end <= head.i and ent.label_ in ("GPE", "NORP") \
                    and _backer(ent[-1]) and self.doc[ent.end + 1].lower_ in BACKER_WORDS:
                code = self.actors.country_code(ent.text)
                if code is not None:
                    found.append((ent, Identity(self.actors.state_name(code) or code, code, None, "state", "table")))
        return found

    def _hyphen_pair(self, span: Span) -> list[tuple[Span, Identity]]:
        """ "Israel-Hezbollah" (ceasefire, war): two parties joined by a hyphen, one mention each."""
        if len(span) < 3 or self._lookup(_strip_det(span.text)) is not None:
            return []
        k = next((t.i for t in span[1:-1] if t.text in HYPHENS), None)
        if k is None:
            return []
        ends = [span.end]
        if span[-1].pos_ == "NOUN" and span[-1].is_lower and span.end - 1 > k + 1:
            ends.append(span.end - 1)  # "the Israel-Hezbollah war" tagged as one name: the pair before the noun
        start = span.start + 1 if span[0].dep_ == "det" and k > span.start + 1 else span.start
        for end in ends:
            halves = [self.doc[start:k], self.doc[k + 1:end]]
            identities = [self._named_party(half) for half in halves]
            if None not in identities and identities[0].code != identities[1].code:
                return list(zip(halves, identities))
        return []

    def _named_party(self, half: Span) -> Optional[Identity]:
        """A state or a known actor named by `half` alone ("Israel", "Hezbollah")."""
        entity = self._lookup(_strip_det(half.text))
        if entity is not None:
            identity = self._from_entity(entity, None, "table")
            return identity if identity.code else None
        code = self.actors.country_code(half.text)
        return Identity(self.actors.state_name(code) or code, code, None, "state", "table") if code else None

    def _nationality_parts(self, span: Span, head: Token, identity: Identity) -> list[tuple[Span, Identity]]:
        """ "Israeli and US officials" -> "Israeli" (Israeli officials) and "US officials", "Israeli
        and Hamas negotiators" -> "Israeli" and "Hamas negotiators": one mention per coordinated
        nationality or known body of a descriptor, the last one keeping the noun."""
        if identity.evidence != "text" or identity.name != span.text:
            return []
        first = next((c for c in head.lefts if c.dep_ in ("amod", "compound", "nmod") and c.i >= span.start
                      and any(g.dep_ == "conj" for g in c.children)), None)
        if first is None:
            return []
        conjuncts = [self.doc[t.left_edge.i:t.i + 1] for t in (first, *first.conjuncts) if t.i < head.i]
        sides = [self._side_named(c, head, identity) for c in conjuncts]
        if len(conjuncts) < 2 or any(code is None for code, _ in sides):
            return []
        noun = self.doc[conjuncts[-1].end:span.end].text
        parts = [(c, replace(identity, name=f"{c.text} {noun}", code=code, sector=sector))
                 for c, (code, sector) in zip(conjuncts[:-1], sides)]
        last = self.doc[conjuncts[-1].start:span.end]
        return parts + [(last, replace(identity, name=last.text, code=sides[-1][0], sector=sides[-1][1]))]

    def _side_named(self, modifier: Span, head: Token, identity: Identity) -> tuple[Optional[str], Optional[str]]:
        """Country and sector of one coordinated modifier of a descriptor: a nationality gives its
        country and the descriptor's own sector ("Israeli negotiators"); a body the table knows
        gives its own ("Hamas negotiators")."""
        code = self.actors.country_code(modifier.text)
        if code is not None:
            agent = self._agent_at(head)[0]
            return code, agent.sector if agent is not None else identity.sector
        found = self._lookup(_strip_det(modifier.text))
        if found is not None and found.kind != "state":
            body = self._from_entity(found, None, "table")
            return body.code, body.sector or identity.sector
        return None, None

    def _named_before_head(self, name_ent: Span) -> bool:
        """ "the Arakan Army", "the Rapid Support Forces": a proper name that is no place before
        a body word makes a name ("the Kenya Defence Forces", "the Lebanese Army" are descriptors)."""
        before = [t for t in name_ent if t.i < name_ent.root.i and t.text[:1].isupper()]
        if any(self.actors.country_code(t.text) for t in before):
            return False  # "the Lebanese Armed Forces", "the Kenya Defence Forces"
        return any(t.pos_ == "PROPN" and self._agent_at(t)[0] is None and not self.places.unambiguous_code(t.text)
                   for t in before)

    def _identify(self, head: Token) -> Optional[tuple[Span, Identity, tuple[str, ...], str]]:
        """The mention headed by `head`: its span, identity, titles and agent phrase (or None)."""
        ent = self.ent_of.get(head.i)
        start = self._left_edge(head)
        if ent is not None and ent.root == head and (ent.label_ in ("GPE", "NORP") or self._place_as_name(ent)):
            identity = self._place_or_people(ent, head)
            return (ent, identity, (), "") if identity is not None else None
        end = hyphen_tail(head).i + 1
        name_ent = ent if ent is not None and ent.root.i <= head.i else self._name_inside(start, head)
        group_name = self._group_name(head) if name_ent is None and ent is None else None
        name_ent = name_ent or group_name
        if name_ent is not None and (name_ent.label_ not in ENTITY_LABELS or name_ent.label_ == "ORG"
                                     and self._person_title_before(name_ent)
                                     and self._lookup(_strip_det(name_ent.text)) is None
                                     and self._agent_at(name_ent.root)[0] is None):
            name_ent = self._as_name(name_ent)  # "[Otty Patino]PRODUCT", "negotiator [Ousmane Diallo]ORG"
        elif name_ent is None and ent is None and head.pos_ == "PROPN":
            name_ent = self._unlabelled_name(start, head)
        elif name_ent is not None and name_ent.label_ == "PERSON" and _group_plural(name_ent):
            name_ent = Span(self.doc, name_ent.start, name_ent.end, label="ORG")  # "Yemen's [Houthis]PERSON"
        if name_ent is not None:
            start, end = min(start, name_ent.start), max(end, name_ent.end)
            if name_ent.label_ == "ORG" and self._lookup(_strip_det(name_ent.text)) is None \
                    and self._agent_at(name_ent.root)[0] is not None and not self._named_before_head(name_ent):
                name_ent = None  # "the Government of Lebanon": a descriptor, not a name
        agent, agent_phrase = self._agent_at(head, start) if name_ent is None or name_ent.end <= head.i else (None, "")
        country, body, affiliation, regional = self._modifier_context(start, head, name_ent)
        title_agent = None
        if agent is not None and self.index.norm(head.i) in DIPLOMATIC_HEADS:
            hosted_name, end = self._host_after(head, end)
            if hosted_name is not None:  # "Kenyan ambassador to Uganda Grace Achieng"
                name_ent, title_agent = hosted_name, agent
        elif agent is not None and country is None and body is None:
            country, end, from_region = self._country_after(head, end)
            regional = regional or from_region
            if country is None and agent.kind == "person":
                country, employer = self._employer_country(head)
                affiliation = affiliation or employer
            elif country is None and agent.kind == "organization":
                country = self._leader_country(head)
        owner = None
        if name_ent is None and agent is not None and agent.sector is None and body is None:
            owner, end = self._owner(head, end)
        if affiliation is None and agent is not None and body is None:
            affiliation = self._body_after(head)
        if affiliation is None and body is None:
            affiliation = self._body_led(head) or self._appositive_body(head)
        span = self.doc[start:end]
        identity = self._resolve(span, head, name_ent, agent, agent_phrase, country, body or owner, title_agent,
                                 named_body=affiliation is not None and affiliation.name is not None)
        if identity is None:
            return None
        if affiliation is not None and identity.evidence != "coreference":
            identity = replace(identity, affiliation=affiliation)
        if group_name is not None and identity.sector is None and identity.kind != "person" \
                and coref.GROUP_NOUN_SECTORS.get(head.lower_):
            # "the Kestrel movement", "the Kestrel party": the group noun's sector
            identity = replace(identity, sector=coref.GROUP_NOUN_SECTORS[head.lower_],
                               evidence="text" if identity.evidence == "unknown" else identity.evidence)
        if identity.sector is None and identity.proper and identity.kind in ("organization", "group") \
                and identity.evidence in ("unknown", "text") and name_ent is not None \
                and any(c.dep_ == "amod" and c.lower_ in BACKER_WORDS and c.i < name_ent.start for c in head.children):
            # "the Iran-backed Kestrels": a group a foreign state backs is an armed non-state one
            identity = replace(identity, sector="REB", evidence="text")
        if regional and identity.sector in ("MIL", "GOV") and identity.evidence in ("text", "context") \
                and identity.kind != "person" and not identity.proper:
            # "Tigray forces", "the Tigray government": a region's armed men or rival authority
            # are not a state's army or government
            identity = replace(identity, sector="REB")
        if body is not None and body.sector in NON_STATE_BODY_SECTORS and identity.kind != "state" \
                and identity.sector in GENERIC_ROLE_SECTORS and identity.evidence != "correction":
            identity = replace(identity, sector=body.sector)  # "Hamas leader X", "the Houthi delegation"
        titles = self._titles(span, name_ent, identity, title_agent and agent_phrase)
        return span, identity, titles, agent_phrase if name_ent is None else ""

    def _unlabelled_name(self, start: int, head: Token) -> Optional[Span]:
        """A name the NER missed: an acronym ("The ELN said") or two or more proper nouns after a
        person's title ("delegate Otty Patino"); other runs are left to the table and surname linking."""
        first = head.i
        while first > start and self.doc[first - 1].pos_ == "PROPN" and self.doc[first - 1].dep_ == "compound" \
                and self._agent_at(self.doc[first - 1])[0] is None:
            first -= 1
        if first == head.i:
            return Span(self.doc, head.i, head.i + 1, label="ORG") if _is_acronym_token(head) else None
        name = self._as_name(self.doc[first:head.i + 1])
        return name if name is not None and name.label_ == "PERSON" else None

    def _as_name(self, ent: Span) -> Optional[Span]:
        """A run of proper nouns the NER labelled otherwise ("[Otty Patino]PRODUCT"): a person's name
        after a person's title, an organisation's otherwise; not a name unless all proper nouns
        (hyphens joining them aside: "Kassym-Jomart Tokayev")."""
        if not all(t.pos_ == "PROPN" or t.text in HYPHENS and 0 < n < len(ent) - 1 for n, t in enumerate(ent)):
            return None
        return Span(self.doc, ent.start, ent.end, label="PERSON" if self._person_title_before(ent) else "ORG")

    def _person_title_before(self, ent: Span) -> bool:
        title = self._agent_at(self.doc[ent.start - 1])[0] if ent.start > 0 else None
        return title is not None and title.kind == "person"

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
        opens = tok.i == self.index.sent_start[tok.i]
        governing = coref.governing_subject(tok, self.seen)
        if governing is not None:
            return governing
        return coref.pronoun_antecedent(tok.lower_, self.index.sent_start[tok.i], window, self.seen, opens)

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
                                     is_proper_name=identity.proper, of_pair=_of_pair(head)))
        if identity.kind == "person" and identity.evidence != "coreference" and head.pos_ == "PROPN":
            self.by_surname.setdefault(normalize_name(head.text), len(self.seen) - 1)
            if identity.name:
                self.by_surname.setdefault(normalize_name(identity.name).split()[-1], len(self.seen) - 1)
        if identity.kind == "state" and identity.sector is None:
            self.last_state = identity.code


def _of_pair(head: Token) -> bool:
    """ "the two governments", "officials from both countries", "delegates of the two sides": both
    parties named, or of both."""
    of_phrases = (pobj for prep in head.children if prep.dep_ == "prep" and prep.lower_ in ("from", "of")
                  for pobj in prep.children if pobj.dep_ == "pobj")
    return coref.is_pair_reference(head) or any(map(coref.is_pair_reference, of_phrases))


def _consultation(word: Token) -> Optional[Entry]:
    """The event lexicon's CONSULT entry for a word ("talks", "met", "mediation"), or for a verb
    with its object ("send a delegation"), if it has one."""
    lexicon, lemma = default_lexicon(), word.lemma_.lower()
    if word.pos_ in ("NOUN", "PROPN"):
        entry = lexicon.noun(lemma)
    else:
        entry = lexicon.verb(lemma, (), tuple(c.lemma_.lower() for c in word.children if c.dep_ == "dobj"))
    return entry if entry is not None and entry.event == "CONSULT" else None


def _third_party(word: Token) -> bool:
    """A word of mediating: "mediate", "broker", "facilitate", "mediation"."""
    entry = _consultation(word)
    return entry is not None and entry.mode == "third-party"


def _group_plural(name: Span) -> bool:
    """ "the Kestrels", "Chad's Kestrels" where the report also writes "Kestrel fighters" or "a
    Kestrel spokesman": one capitalised word in the plural whose singular modifies a noun elsewhere
    in the report names a group, not a person, whatever the NER says."""
    words = [t for t in name if t.lower_ not in ("the", "a", "an")]
    if len(words) != 1:
        return False
    text = words[0].text
    if len(text) < 4 or not text.endswith("s") or text.isupper() or not text[:1].isupper():
        return False
    singular = text[:-1]
    return any(t.text == singular and t.dep_ in ("compound", "amod", "nmod") for t in name.doc)


def _is_acronym_token(tok: Token) -> bool:
    """ "ELN", "RSF": two to six capitals, a proper noun."""
    return tok.pos_ == "PROPN" and tok.is_upper and tok.is_alpha and 2 <= len(tok) <= 6


def hyphen_tail(head: Token) -> Token:
    """The last part of a title the parser split at its hyphen and read as an adjective on the
    first ("secretary-general": general), else the head itself."""
    doc = head.doc
    i = head.i
    if i + 2 < len(doc) and doc[i + 1].text == "-" and doc[i + 2].dep_ == "amod" and doc[i + 2].head.i == i:
        return doc[i + 2]
    return head
