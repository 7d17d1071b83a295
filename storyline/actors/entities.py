"""Report entities: the mentions that name one actor, and the identity they share.

The mention finder reads each mention's own evidence (a table entry, a title, a nationality, the
body it belongs to) in text order. This pass runs once the whole report is read, so that what a
report says about an actor counts for every mention of it, whatever order it comes in:

  links        coreference the finder made (pronouns, "the minister", "the group"), appositions
               ("Brahim Ghali, the group's secretary-general"), a surname or a misspelt surname
               of a person named in full ("Ablakwa", "Makati"), the same name again, and an
               acronym defined in the report or spelled by a name's initials
               ("Tigray People's Liberation Front (TPLF)", "TPLF fighters");
  identity     each linked set takes its code from the most specific mention that has one (a
               table role dated at the report's date, then a title or nationality written in the
               text, then the table's undated default, then a misspelling's match, then context);
               its sector likewise; a person's name is the fullest name of the set;
  affiliation  a mention that belongs to a body ("ELN leader Antonio Garcia", "a spokesman for the
               TPLF", "the group's secretary-general") takes the body's country, and the body's
               sector when the body is not a state's (a rebel group's leader is REB, not GOV);
  context      an office holder, institution or armed group with a sector and no country takes
               the country of the state it is paired with ("talks between the Ugandan army and
               the rebels"); else a definite office or institution ("the army", "the president",
               "President X") the state named last in the sentence or the few before, else the
               report's main country; an unnamed armed group or opposition ("the rebels") the
               main country. Envoys and mediators are from elsewhere, people in general
               ("officials", "civilians") from anywhere: they keep no code. A name with no
               descriptor keeps no code: it is never guessed from where talks take place.
"""
from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field
from typing import Callable, Optional

from rapidfuzz import fuzz

from spacy.tokens import Token

from ..lexicon import default_lexicon, words
from ..models import STATE_SECTORS
from ..nlp.parse import headline_end
from .coref import MAX_SENTENCES_BACK, MentionInfo, is_plural
from .names import normalize_name

# Evidence ranks, most specific first: a user's correction, then what this report says, then
# what earlier reports said about the name at this date (the store's registry), then the bundled
# table (a role dated at the report's date before its undated default), then weaker guesses.
RANK_CORRECTION = 9
RANK_TEXT = 8           # a title or nationality written in the text ("Ghana's Foreign Minister X")
RANK_REGISTRY = 7       # the registry, an entry seen around the report's date
RANK_DATED_TABLE = 6    # a table role whose dates cover the report's date
RANK_TABLE = 5          # the table's undated default role
RANK_STALE_REGISTRY = 4  # the registry, an entry seen long before or after
RANK_FUZZY = 3          # a misspelt name matched in the table
RANK_AFFILIATION = 2    # the body a mention belongs to
RANK_CONTEXT = 1        # the country in context
RANK_NONE = 0           # coreference, unknown names

# Armed and political groups that oppose a state belong to the country the report is about (their
# country is the report's, not that of whoever was named last); STATE_SECTORS are the state's own.
ARMED_DOMESTIC_SECTORS = {"REB", "OPP"}
# The people a report is about: its rebels, opposition, civilians, clerics, criminals, press,
# workers, farmers and students are of its country.
PEOPLE_SECTORS = ARMED_DOMESTIC_SECTORS | {"CVL", "JRN", "REL", "CRM", "LAB", "AGR", "EDU"}
# A former office holder ("Former Defense Minister X") is of a state as much as a serving one.
PERSON_CONTEXT_SECTORS = STATE_SECTORS | {"ELI"}
CONTEXT_SECTORS = PERSON_CONTEXT_SECTORS | PEOPLE_SECTORS
NON_STATE_BODY_SECTORS = {"REB", "OPP", "PTY", "JRN", "NGO", "REL", "BUS", "CRM", "LAB", "SOC", "EDU", "HRI"}
# Roles that say nothing of the side a person is on: they take a non-state body's sector (a rebel
# group's leader or commander is REB).
GENERIC_ROLE_SECTORS = {"GOV", "MIL", None}
# Titles every kind of organisation has: they say nothing of a state.
GENERIC_TITLES = words("source_nouns", "generic_title")
# Words a body's name ends on ("the Northern Command Council", "the Kestrel Alliance").
BODY_NAME_WORDS = words("source_nouns", "org", "group_noun")
# Roles held by people from elsewhere: context never gives their country.
FOREIGN_ROLES = {"envoy", "envoys", "ambassador", "ambassadors", "diplomat", "diplomats", "mediator", "mediators",
                 "emissary", "emissaries", "counterpart", "counterparts", "observer", "observers",
                 "peacekeeper", "peacekeepers", "monitor", "monitors", "delegation", "delegations"}
# Evidence a name keeps when it takes its identity from another mention of the same actor.
NAMING_EVIDENCE = ("correction", "text", "registry", "table", "affiliation")
SMALL_WORDS = {"of", "the", "for", "and", "de", "del", "la", "el", "al", "in", "on", "des", "du", "y"}
FUZZY_SURNAME_CUTOFF = 80
MIN_FUZZY_LENGTH = 5
BRACKETED_ACRONYM = re.compile(r"[(\[]([A-Z][A-Z.]+)[)\]]")
# Where parties meet is often a third country: it counts for the main country, less than where
# things happen.
VENUE_WEIGHT = 0.5


# Prepositions whose object is where something happens ("in", "at", "inside").
PLACE_PREPS = words("prepositions", "place_of_act")

# Modifiers of a noun: they name a group ("Houthi rebels") or a nationality ("Israeli jets").
MODIFIER_DEPS = {"compound", "amod", "nmod"}
NOT_GROUP_WORD_ENTITIES = {"GPE", "PERSON", "DATE", "TIME"}


@dataclass
class Affiliation:
    """The body a mention belongs to: another mention (by index), the mention headed by a token
    (the object of "of"/"for": "forces of the Lebanese army"), or a name written in its modifiers."""
    index: Optional[int] = None
    name: Optional[str] = None
    head: Optional[int] = None
    # written beside a name ("X, head of the Y delegation"): as strong as a title in the text, it
    # outweighs what a table knows of someone of that name
    stated: bool = False


@dataclass
class EntityInfo:
    """What this pass keeps per mention besides MentionInfo."""
    rank: int = RANK_NONE
    affiliation: Affiliation = field(default_factory=Affiliation)
    is_proper_name: bool = False        # a name (PERSON/ORG entity or proper noun), not a descriptor
    affiliated: bool = False            # its body was found in the report
    of_pair: bool = False               # "officials from both countries": of two parties, neither alone


class UnionFind:
    def __init__(self, n: int):
        self.parent = list(range(n))

    def find(self, i: int) -> int:
        while self.parent[i] != i:
            self.parent[i] = self.parent[self.parent[i]]
            i = self.parent[i]
        return i

    def union(self, a: int, b: int) -> None:
        ra, rb = self.find(a), self.find(b)
        if ra != rb:
            self.parent[max(ra, rb)] = min(ra, rb)  # the earliest mention stays the root


def initials(name: str) -> set[str]:
    """Acronyms a name can be abbreviated to: "Tigray People's Liberation Front" -> TPLF;
    "United Nations Mission in South Sudan" -> UNMISS and UNMSS."""
    words = [w for w in normalize_name(name).replace("-", " ").split() if w]
    if len(words) < 2:
        return set()
    with_small = "".join(w[0] for w in words)
    without = "".join(w[0] for w in words if w not in SMALL_WORDS)
    return {with_small.upper(), without.upper()}


def _group_words(tokens, info: MentionInfo, own_name: bool = True) -> list:
    """Of a mention's tokens, the capitalised words that are no place, not the mention's own name
    and no title ("President")."""
    titles = {w for title in info.titles for w in title.split()}
    # words before a person's title are no part of the name, whatever the NER took them for
    not_group = NOT_GROUP_WORD_ENTITIES if own_name else NOT_GROUP_WORD_ENTITIES - {"PERSON"}
    own_name = set(normalize_name(info.mention.name or "").split()) \
        if info.mention.kind == "person" and own_name else set()
    return [t for t in tokens if t.text[:1].isupper() and t.ent_type_ not in not_group
            and t.lower_ not in titles and normalize_name(t.text) not in own_name]


def _singular(word: str) -> str:
    key = normalize_name(word)
    return key[:-1] if key.endswith("s") else key


def is_acronym(text: str) -> bool:
    bare = text.replace(".", "")
    return 2 <= len(bare) <= 8 and bare.isalpha() and bare.isupper()


def _strip_article(text: str) -> str:
    first, _, rest = text.partition(" ")
    return rest if first.lower() in ("the", "a", "an") and rest else text


class ReportEntities:
    """Links the mentions of one report into entities and shares identity among them."""

    def __init__(self, seen: list[MentionInfo], extra: list[EntityInfo], text: str,
                 is_country: Callable[[str], bool], scene: Optional[Counter] = None,
                 venues: Optional[Counter] = None, mediators: frozenset[int] = frozenset()):
        self.seen, self.extra, self.text = seen, extra, text
        self.is_country = is_country            # a real country code (not IGO, UNO, EUR...)
        self.scene = scene or Counter()         # countries of the places where things happen
        self.venues = venues or Counter()       # countries of the places where parties meet
        self.mediators = mediators              # mentions of third parties ("mediated by Norway")
        self.sets = UnionFind(len(seen))
        self.acronyms: dict[str, int] = {}   # acronym -> the mention of the name it stands for
        self.defined: set[str] = set()       # acronyms the report defines in brackets after a name

    def resolve(self) -> None:
        self._link()
        self._link_group_words()
        self._link_short_names()
        members = self._members()
        for group in members.values():
            self._share(group)
        self._affiliate(members)
        self._fill_from_context(members)
        self._affiliate(members)  # a body placed by context places its members too
        self._composed_of(members)

    def _link_short_names(self) -> None:
        """ "the Three Kestrel Alliance" named again as "the Kestrel Alliance" or "the Kestrel": an
        unknown organisation's name shortened to a run of its words that keeps a word other than
        its last (not "the Alliance"); linked when one name only can be meant."""
        full: list[tuple[int, list[str]]] = []
        for k, info in enumerate(self.seen):
            m = info.mention
            if m.kind == "person" or not self.extra[k].is_proper_name or m.code is not None:
                continue
            words = normalize_name(_strip_article(m.name or m.text)).split()
            if len(words) > 1:
                full.append((k, words))
        for k, info in enumerate(self.seen):
            m = info.mention
            if m.kind == "person" or not self.extra[k].is_proper_name or m.code is not None:
                continue
            short = normalize_name(_strip_article(m.name or m.text)).split()
            if not short or is_acronym(_strip_article(m.text)):
                continue
            longer = {self.sets.find(j) for j, words in full if len(words) > len(short)
                      and _run_of(short, words) and short[:-1] + short[-1:] != words[-1:]}
            if len(longer) == 1:
                self.sets.union(k, longer.pop())

    def _composed_of(self, members: dict[int, list[int]]) -> None:
        """ "the Three Kestrel Alliance of ethnic armed groups": an unknown organisation made of
        armed groups (or parties) is one of them: their sector, and their country if it has none."""
        by_head = {info.head.i: k for k, info in enumerate(self.seen)}
        for k, info in enumerate(self.seen):
            m = info.mention
            if m.kind == "person" or m.sector is not None or not self.extra[k].is_proper_name:
                continue
            parts = [by_head.get(c.i) for prep in info.head.children if prep.dep_ == "prep" and prep.lower_ == "of"
                     for c in prep.children if c.dep_ == "pobj"]
            part = next((self.seen[j].mention for j in parts if j is not None), None)
            if part is None or part.kind != "group" or part.sector not in ARMED_DOMESTIC_SECTORS | {"PTY"}:
                continue
            m.sector = part.sector
            if m.code is None and part.code:
                m.code, m.evidence = part.code, "context" if part.evidence == "context" else "text"
            elif m.evidence == "unknown":
                m.evidence = "text"
            self.extra[k].rank = max(self.extra[k].rank, RANK_CONTEXT)
            self._share(members[self.sets.find(k)])

    # --- links ------------------------------------------------------------------------------
    def _link(self) -> None:
        seen, extra = self.seen, self.extra
        by_head = {info.head.i: k for k, info in enumerate(seen)}
        names: dict[str, int] = {}          # normalized name of a proper-name mention -> first mention
        surnames: dict[str, list[int]] = {}  # last word of a person's full name -> mentions
        acronyms = self.acronyms
        for k, info in enumerate(seen):
            m = info.mention
            if m.antecedent is not None:
                self.sets.union(k, m.antecedent)
            head = info.head
            partner = by_head.get(head.head.i) if head.dep_ == "appos" else None
            if partner is None and k and self._set_beside(k - 1, k):
                partner = k - 1
            bare = _strip_article(m.text).replace(".", "")
            acronym = bare if is_acronym(bare) else None
            spelled = self._spelled_by(partner, acronym) if partner is not None and acronym else None
            if spelled is not None:  # "the United Nations Assistance Mission in Chad (UNAMIC)"
                self._defer_to_definition(k)
                self.sets.union(k, spelled)
                acronyms[acronym] = spelled
                self.defined.add(acronym)
            elif partner is not None and _compatible(seen[partner].mention.kind, m.kind) \
                    and not self._two_names(partner, k):
                self.sets.union(k, partner)
            if not extra[k].is_proper_name and not _named_body(m):
                defined = _acronym_inside(m.text) if m.kind != "person" else None
                if defined:  # "the Southern Liberation Army (SLA) rebel group"
                    acronyms[defined] = k
                    self.defined.add(defined)
                continue
            key = normalize_name(_strip_article(m.name or m.text))
            if key in names and _compatible(seen[names[key]].mention.kind, m.kind):
                self.sets.union(k, names[key])
            names.setdefault(key, k)
            target = acronyms.get(acronym) if acronym else None
            if target is not None:  # a defined acronym, whatever the NER took it for
                if acronym in self.defined:
                    self._defer_to_definition(k)
                self.sets.union(k, target)
                m.kind = seen[target].mention.kind
            elif m.kind == "person":
                self._link_person(k, key, surnames)
            if m.kind != "person":
                for short in initials(m.name or m.text):
                    acronyms.setdefault(short, k)
                defined = self._acronym_after(m.end)
                if defined:
                    spelled = self._spelled_by(k, defined)
                    acronyms[defined] = k if spelled is None else spelled
                    self.defined.add(defined)
        # An acronym used before its definition ("TPLF" then "the Tigray People's Liberation Front (TPLF)")
        for k, info in enumerate(seen):
            text = _strip_article(info.mention.text).replace(".", "")
            if extra[k].is_proper_name and info.mention.kind != "person" and is_acronym(text) and text in acronyms:
                if text in self.defined:
                    self._defer_to_definition(k)
                self.sets.union(k, acronyms[text])

    def _defer_to_definition(self, k: int) -> None:
        """An acronym the report defines stands for what it defines it as: the table's reading of
        the letters alone ("NSC": the US council) gives way to the definition's."""
        m = self.seen[k].mention
        if m.evidence in ("table", "fuzzy"):
            m.code, m.sector, m.evidence = None, None, "coreference"
            self.extra[k].rank = RANK_NONE

    def _link_group_words(self) -> None:
        """A group known by a proper word in its name ("Yemen's Houthi rebels") is named again by
        that word in the plural ("the Houthis"), and its people are titled with it ("Houthi leader
        X", "a Houthi official"): the same group, and members of it."""
        groups: dict[str, int] = {}
        plurals: list[int] = []
        for k, info in enumerate(self.seen):
            m = info.mention
            if m.kind == "state":
                continue
            word = _strip_article(m.text)
            if m.code is None and word == info.head.text and word[:1].isupper() and word.endswith("s"):
                plurals.append(k)
            elif m.kind != "person":
                for tok in _group_words((t for t in info.head.lefts if t.dep_ in MODIFIER_DEPS), info):
                    groups.setdefault(_singular(tok.text), k)
                if self.extra[k].is_proper_name and m.name and " " not in m.name:
                    groups.setdefault(_singular(m.name), k)  # "the Kestrel group" is named "Kestrel"
        for k in plurals:  # "the Houthis", which the NER may take for a person, before or after "Houthi rebels"
            first = groups.get(_singular(self.seen[k].head.text))
            if first is not None:
                self.sets.union(k, first)
                kind = self.seen[first].mention.kind
                self.seen[k].mention.kind = "organization" if kind == "group" else kind  # a name: an organisation's
        named = {normalize_name(_strip_article(info.mention.text)) for k, info in enumerate(self.seen)
                 if self.extra[k].is_proper_name and info.mention.kind != "person"}
        for k, info in enumerate(self.seen):
            m = info.mention
            affiliation = self.extra[k].affiliation
            if m.kind != "person" or m.code is not None:
                continue
            if affiliation != Affiliation():
                if affiliation.name and _singular(affiliation.name) in groups and affiliation.index is None \
                        and affiliation.name.upper() not in self.acronyms and affiliation.name not in named:
                    # "Kestrel leader X" where the report writes "Kestrel rebels": that group
                    self.extra[k].affiliation = Affiliation(index=groups[_singular(affiliation.name)])
                continue  # a body already known ("FRS leader X" names the FRS itself)
            span = info.head.doc.char_span(m.start, m.end, alignment_mode="expand") or ()
            before = [t for t in span if t.i < info.head.i]
            titled = [t.i for t in before if t.lower_ in {w for title in info.titles for w in title.split()}]
            if titled:  # "Senior Kestrel leader Ali al-Kestrel": the words before the title are no part of the name
                words = _group_words((t for t in before if t.i < titled[0]), info, own_name=False)
            else:
                words = _group_words(before, info)
            body = next((groups[_singular(t.text)] for t in words if _singular(t.text) in groups), None)
            if body is not None:
                self.extra[k].affiliation = Affiliation(index=body)

    def _two_names(self, first: int, second: int) -> bool:
        """ "X, alongside his counterpart, Y": two different proper names are two people, whatever
        the parser hangs one on."""
        a, b = self.seen[first].mention, self.seen[second].mention
        return (self.extra[first].is_proper_name and self.extra[second].is_proper_name
                and normalize_name(a.name or a.text) != normalize_name(b.name or b.text))

    def _set_beside(self, title: int, name: int) -> bool:
        """ "the President of Gabon, Paul Mbeki,": a person's name right after a title alone, set off
        by a comma, is an apposition even where the parser coordinated it."""
        first, second = self.seen[title].mention, self.seen[name].mention
        return (first.kind == second.kind == "person" and not self.extra[title].is_proper_name
                and self.extra[name].is_proper_name and self.text[first.end:second.start].strip() == ",")

    def _link_person(self, k: int, key: str, surnames: dict[str, list[int]]) -> None:
        words = key.split()
        if len(words) > 1:
            surnames.setdefault(words[-1], []).append(k)
            return
        word = words[0] if words else ""
        if word in surnames:
            self.sets.union(k, surnames[word][0])
            return
        if len(word) >= MIN_FUZZY_LENGTH:  # "Makati" for Mikati
            close = [s for s in surnames if s[:1] == word[:1] and fuzz.ratio(s, word) >= FUZZY_SURNAME_CUTOFF]
            if len(close) == 1:
                self.sets.union(k, surnames[close[0]][0])

    def _spelled_by(self, k: int, acronym: str) -> Optional[int]:
        """The mention an acronym after mention k spells: k itself, or, for "the United Nations
        Assistance Mission in Chad (UNAMIC)", which the NER cuts at "in", the mention before it
        (the longer name, not the place it ends with); None when neither."""
        m = self.seen[k].mention
        if acronym in initials(_strip_article(m.name or m.text)):
            return k
        if k == 0:
            return None
        before = self.seen[k - 1].mention
        joint = _strip_article(self.text[before.start:m.end])
        link = self.text[before.end:m.start].strip().lower()
        return k - 1 if (not link or link in SMALL_WORDS) and acronym in initials(joint) else None

    def _acronym_after(self, end: int) -> Optional[str]:
        """ "the Southern Liberation Army (SLA)", "... Front [FRS]": the acronym in brackets
        right after a name."""
        tail = self.text[end:end + 14].lstrip(" ")
        closing = {"(": ")", "[": "]"}.get(tail[:1])
        if closing is None:
            return None
        inside = tail[1:].split(closing, 1)
        if len(inside) < 2:
            return None
        candidate = inside[0].replace(".", "")
        return candidate if is_acronym(candidate) else None

    def _members(self) -> dict[int, list[int]]:
        members: dict[int, list[int]] = {}
        for k in range(len(self.seen)):
            members.setdefault(self.sets.find(k), []).append(k)
        return members

    # --- identity ---------------------------------------------------------------------------
    def _share(self, group: list[int]) -> None:
        """Every mention of a set without evidence of its own takes the set's best code and sector."""
        if len(group) < 2:
            return
        ranked = sorted(group, key=lambda k: (-self.extra[k].rank, k))
        code_from = next((k for k in ranked if self.seen[k].mention.code), None)
        sector_from = next((k for k in ranked if self.seen[k].mention.sector and self.seen[k].mention.kind != "state"), None)
        name = self._fullest_name(group)
        role = next((self.seen[k].mention.role for k in ranked if self.seen[k].mention.role), None)
        for k in group:
            m, rank = self.seen[k].mention, self.extra[k].rank
            if code_from is not None and (m.code is None or rank < self.extra[code_from].rank and rank < RANK_TEXT):
                m.code = self.seen[code_from].mention.code
                if m.evidence in ("unknown", "coreference"):
                    # a name takes the evidence that explains it ("Ghana's Foreign Minister X": the
                    # text); a pronoun or a bare descriptor is coreference
                    source = self.seen[code_from].mention.evidence
                    m.evidence = source if self.extra[k].is_proper_name and source in NAMING_EVIDENCE \
                        else "coreference"
            if sector_from is not None and m.kind != "state" and (
                    m.sector is None or rank < self.extra[sector_from].rank and rank < RANK_TEXT):
                m.sector = self.seen[sector_from].mention.sector
            if name and m.kind == "person":
                m.name = name
            if m.role is None and role is not None and m.kind == "person":
                m.role = role

    def _fullest_name(self, group: list[int]) -> Optional[str]:
        names = [self.seen[k].mention.name for k in group
                 if self.extra[k].is_proper_name and self.seen[k].mention.kind == "person" and self.seen[k].mention.name]
        return max(names, key=lambda n: (len(n.split()), len(n))) if names else None

    def _affiliate(self, members: dict[int, list[int]]) -> None:
        by_name: dict[str, int] = {}
        for k, info in enumerate(self.seen):
            m = info.mention
            if m.kind != "person" and self.extra[k].is_proper_name:
                for key in {normalize_name(_strip_article(m.text)), normalize_name(m.name or "")} - {""}:
                    by_name.setdefault(key, k)
                    by_name.setdefault(key[:-1] if key.endswith("s") else key + "s", k)  # "Houthi" rebels
        for acronym, k in self.acronyms.items():
            by_name.setdefault(acronym.lower(), k)
        by_head = {info.head.i: k for k, info in enumerate(self.seen)}
        for k, info in enumerate(self.seen):
            affiliation = self.extra[k].affiliation
            body = affiliation.index if affiliation.index is not None else (
                by_head.get(affiliation.head) if affiliation.head is not None else by_name.get(affiliation.name or ""))
            if body is None or body == k:
                continue
            b, m = self.seen[body].mention, info.mention
            if affiliation.stated and m.code is not None and b.code in (None, m.code):
                continue  # a role beside a name already placed, in the same country: nothing new
            for j in members[self.sets.find(k)]:
                self.extra[j].affiliated = True
            changed = False
            stated = affiliation.stated and self.extra[k].rank < RANK_TEXT and b.code != m.code
            if b.code and (m.code is None or stated):
                m.code, changed = b.code, True
            # a body set beside a name places the person; a non-state one does not tell their
            # office ("the speaker of parliament, X, the head of a movement")
            if m.sector is None and b.sector and m.kind == "person" and (
                    not affiliation.stated or b.sector in STATE_SECTORS) or not affiliation.stated and (
                    b.sector in NON_STATE_BODY_SECTORS and m.sector in GENERIC_ROLE_SECTORS and m.kind != "state"
                    or b.sector and m.kind != "state" and _titled_generically(m.role)):
                # "the army of X": X is military; "representatives from the government": GOV
                m.sector, changed = b.sector, True
            if b.sector is None and m.sector == "REB" and b.kind in ("organization", "group") and not m.proper:
                b.sector = "REB"  # "Houthi rebels", "TPLF fighters": a group known by its fighters is armed
                self._share(members[self.sets.find(body)])
            if changed:
                self.extra[k].rank = max(self.extra[k].rank, RANK_TEXT if stated else RANK_AFFILIATION)
                if m.evidence in ("unknown", "coreference") or stated:
                    m.evidence = "affiliation"
                self._share(members[self.sets.find(k)])

    def _fill_from_context(self, members: dict[int, list[int]]) -> None:
        # both from what the report itself says, before context fills anything in
        main, scene = self.main_country(), self._scene_country()
        headline = headline_end(self.seen[0].head.doc.text) if self.seen else 0
        for k, info in enumerate(self.seen):
            m = info.mention
            if m.code is None and self._local_body(k):
                # "the Northern Command Council" that no table knows: a body of where the report is
                m.code, m.evidence = scene or main, "context"
                if m.code:
                    self.extra[k].rank = max(self.extra[k].rank, RANK_CONTEXT)
                    self._share(members[self.sets.find(k)])
                continue
            if m.code is not None or m.kind == "state" or m.sector not in CONTEXT_SECTORS:
                continue
            if self.extra[k].affiliated:
                continue  # a body's member is from where the body is, not from what was named last
            of_pair = next((j for j in members[self.sets.find(k)] if self.extra[j].of_pair), None)
            if of_pair is not None:
                # "officials from both sides" (and "their" for them): of the country the two last
                # named share, if they do
                code = self._pair_country(of_pair)
                if code:
                    m.code, m.evidence = code, "context"
                    self.extra[k].rank = max(self.extra[k].rank, RANK_CONTEXT)
                    self._share(members[self.sets.find(k)])
                continue
            if info.head_phrase.split(" ")[-1] in FOREIGN_ROLES:
                continue  # an envoy or a mediator comes from elsewhere
            code = self._body_named_before(k) or self._paired_state(k)
            named_group = self.extra[k].is_proper_name and m.sector == "REB" and m.kind != "person"
            if code is None and m.sector in PEOPLE_SECTORS and (not self.extra[k].is_proper_name or named_group):
                # "the rebels", "the opposition", "residents", "civilians", "the Arakan Army": of
                # the country where the report's places are (mediators are named often, their
                # towns are not; where talks are held is no scene)
                code = scene or main
            elif code is None and m.sector in PERSON_CONTEXT_SECTORS and (
                    m.kind == "person" and self.extra[k].is_proper_name or _definite(info.head) or m.kind == "group"
                    or _headline_noun(info.head, headline)
                    or _bare_plural(info.head) or _one_of(info.head)):
                # "the army", "the president", "President X", "soldiers": the state named last
                # nearby, else the main one; "spokesman X" (a title any body has) the main one
                named = m.kind == "person" and self.extra[k].is_proper_name
                if named and not _generic(m.role):
                    # "Parliament Speaker X": an office holder of where the report's places are
                    code = self._nearby_state(k, skip_places=True) or main
                else:  # "the army": the state named last; "spokesman X" (any body has one): the main one
                    code = (None if named else self._nearby_state(k)) or main
            if code:
                m.code = code
                m.evidence = "context"
                self.extra[k].rank = max(self.extra[k].rank, RANK_CONTEXT)
                self._share(members[self.sets.find(k)])

    def _body_named_before(self, k: int) -> Optional[str]:
        """ "Ministry spokeswoman X", "Army spokesman Y": a title's one modifier with no country
        refers back to the body of that word last named ("Ghana's foreign ministry")."""
        m = self.seen[k].mention
        words = _strip_article(m.text).lower().split()
        role = (m.role or "").split()
        if not role or role[0] not in words:
            return None
        modifiers = words[:words.index(role[0])]
        if len(modifiers) != 1:
            return None
        return next((other.mention.code for other in reversed(self.seen[:k])
                     if other.mention.code and other.mention.kind in ("organization", "group")
                     and other.mention.text.lower().split()[-1] == modifiers[0]), None)

    def _local_body(self, k: int) -> bool:
        """An organisation's name no table knows and nothing in the text places, built on a word for a
        body ("council", "alliance", "front")."""
        m = self.seen[k].mention
        words = normalize_name(_strip_article(m.name or m.text)).split()
        return (m.kind == "organization" and m.sector is None and m.evidence == "unknown"
                and self.extra[k].is_proper_name and len(words) > 1 and words[-1].rstrip("s") in BODY_NAME_WORDS)

    def _scene_country(self) -> Optional[str]:
        """The country most of the report's places are in, when one clearly leads; where the
        parties meet counts only when its state is a party too (an envoy in Beirut, not talks
        hosted in Havana)."""
        scene = Counter(self.scene)
        parties = self._state_parties()
        for code in set(parties.values()):
            scene[code] += VENUE_WEIGHT * self.venues[code]
        self._drop_mediators(scene, parties)
        ranked = scene.most_common(2)
        if not ranked or len(ranked) > 1 and ranked[0][1] == ranked[1][1]:
            return None
        return ranked[0][0]

    def main_country(self) -> Optional[str]:
        """The country the report is about: the one it names most as a state, a state office or
        a place where things happen (mediators are named often, but not their towns); the first
        named on a tie."""
        counts: Counter[str] = Counter(self.scene)
        for code, n in self.venues.items():
            counts[code] += VENUE_WEIGHT * n
        first: dict[str, int] = {code: len(self.seen) for code in counts}
        parties = self._state_parties()
        for k, code in parties.items():
            counts[code] += 1
            first.setdefault(code, k)
        self._drop_mediators(counts, parties)
        if not counts:
            return None
        return max(counts, key=lambda c: (counts[c], -first[c]))

    def _drop_mediators(self, counts: Counter, parties: dict[int, str]) -> None:
        """A mediator's state is not what the report is about, nor where it happens (unless no
        other country is named)."""
        mediating = {parties[k] for k in self.mediators if k in parties}
        if set(counts) - mediating:
            for code in mediating:
                counts.pop(code, None)

    def _state_parties(self) -> dict[int, str]:
        """Mentions of states and state bodies the report itself identifies, by index: their codes."""
        return {k: info.mention.code for k, info in enumerate(self.seen)
                if info.mention.code and self.is_country(info.mention.code)
                and (info.mention.kind == "state" or info.mention.sector in STATE_SECTORS)
                and self.extra[k].rank >= RANK_FUZZY and not is_landmark(info.head)}

    def _paired_state(self, k: int) -> Optional[str]:
        """A state party coordinated with this mention: "the Ugandan army and the rebels",
        "Mozambique and the insurgents", "between the government and the ELN"."""
        if self.seen[k].mention.kind == "person":
            return None  # two people named together are often of two sides
        head = self.seen[k].head
        partners = [c for c in head.children if c.dep_ == "conj"]
        if head.dep_ == "conj":
            partners.append(head.head)
            partners += [c for c in head.head.children if c.dep_ == "conj" and c.i != head.i]
        for info in self.seen:
            m = info.mention
            if info.head in partners and m.code and self.is_country(m.code) and m.kind != "person" \
                    and (m.kind == "state" or m.sector in STATE_SECTORS):
                return m.code
        return None

    def _foreign_role(self, j: int) -> bool:
        """Whether mention j, or another mention of the same actor, is titled envoy, mediator..."""
        root = self.sets.find(j)
        return any(_role_words(info) & FOREIGN_ROLES for i, info in enumerate(self.seen) if self.sets.find(i) == root)

    def _pair_country(self, k: int) -> Optional[str]:
        """The country of the two parties named together last before mention k ("the Ethiopian
        government and regional forces": ETH), none when they are of two countries."""
        for j in range(k - 1, 0, -1):
            head = self.seen[j].head
            if head.dep_ != "conj":
                continue
            first = next((i for i in range(j - 1, -1, -1) if self.seen[i].head.i == head.head.i), None)
            if first is None:
                continue
            # a party with no country beside a state is of that state ("the government and the rebels")
            codes = {self.seen[first].mention.code, self.seen[j].mention.code} - {None}
            return codes.pop() if len(codes) == 1 else None
        return None

    def _nearby_state(self, k: int, skip_places: bool = False) -> Optional[str]:
        """The state (or state body) named last before this mention, in its sentence or the few
        before; for a named office holder, not a state named as the place where something happens
        (people killed or hurt there are of it; a president is not of where talks are held)."""
        sent_starts = sorted({info.sent for info in self.seen})
        position = sent_starts.index(self.seen[k].sent)
        window = sent_starts[max(0, position - MAX_SENTENCES_BACK)]
        for j in range(k - 1, -1, -1):
            info = self.seen[j]
            if info.sent < window:
                return None
            m = info.mention
            if m.code and self.is_country(m.code) and (m.kind == "state" or m.sector in STATE_SECTORS) \
                    and info.head.dep_ not in MODIFIER_DEPS and not self._foreign_role(j) \
                    and j not in self.mediators and not (skip_places and _where(info)) and not is_landmark(info.head):
                # not an envoy or a mediator (from elsewhere; "a deal brokered by Niger"), not
                # "Israeli" in "Israeli jets", not the place where something happens ("the talks in Venezuela")
                return m.code
        return None


DIRECTION_PREPS = words("prepositions", "direction")


def is_landmark(place: Token) -> bool:
    """A place named as where a thing leads, "the highway to X": neither where something happens
    (unlike "a visit to X", whose noun is an act) nor a party."""
    prep = place.head
    return place.dep_ == "pobj" and prep.lower_ in DIRECTION_PREPS and prep.head.pos_ == "NOUN" \
        and default_lexicon().noun(prep.head.lemma_.lower()) is None


def _where(info: MentionInfo) -> bool:
    """A state named as the place where something happens: "talks in X", "fighting inside X"."""
    head = info.head
    return info.mention.kind == "state" and head.dep_ == "pobj" and head.head.lower_ in PLACE_PREPS


def _run_of(short: list[str], words: list[str]) -> bool:
    """Whether `short` is a run of consecutive words of `words`."""
    n = len(short)
    return any(words[i:i + n] == short for i in range(len(words) - n + 1))


def _acronym_inside(text: str) -> Optional[str]:
    """ "the Southern Liberation Army (SLA) rebel group": an acronym defined inside a mention."""
    found = BRACKETED_ACRONYM.search(text)
    return found.group(1).replace(".", "") if found and is_acronym(found.group(1)) else None


def _role_words(info: MentionInfo) -> set[str]:
    return {phrase.split(" ")[-1] for phrase in (info.head_phrase, *info.titles) if phrase}


def _named_body(m) -> bool:
    """An organisation named like one though read as a descriptor ("the Cabo Delgado Liberation
    Front", "the Revolutionary Front of the South": its head is a role noun): it can be defined by
    an acronym and named again."""
    words = _strip_article(m.text).split()
    return (m.kind != "person" and len(words) > 1 and words[-1][:1].isupper()
            and all(w[:1].isupper() or w.lower() in SMALL_WORDS for w in words))


def _titled_generically(role: Optional[str]) -> bool:
    """A role any body has, said explicitly ("representatives", "a spokesman")."""
    word = role.split(" ")[-1] if role else ""
    return word in GENERIC_TITLES or word.endswith("s") and word[:-1] in GENERIC_TITLES


def _generic(role: Optional[str]) -> bool:
    """A title any organisation has ("head", "spokesman"): it does not place a person in a state."""
    return role is None or role.split(" ")[-1] in GENERIC_TITLES


def _bare_plural(head) -> bool:
    """ "forces", "troops": a plural with no determiner is those of the country in context."""
    return is_plural(head) and not any(c.dep_ == "det" for c in head.lefts)


def _one_of(head) -> bool:
    """ "one official", "a senior official", "an army spokesman": one of a state's, unnamed."""
    return any(c.dep_ in ("det", "nummod") and c.lower_ in ("a", "an", "one") for c in head.lefts)


def _headline_noun(head, headline: int) -> bool:
    """ "Sudan talks stall as army rejects demands": a headline (the text before offset
    `headline`) drops its articles, so a bare noun in it is as definite as "the army"."""
    return head.idx < headline and not any(c.dep_ == "det" for c in head.lefts)


def _definite(head) -> bool:
    """ "the army", "its government", "Ethiopia's prime minister": a determined noun phrase."""
    return any(c.dep_ == "poss" or (c.dep_ == "det" and c.lower_ in ("the", "this", "that")) for c in head.lefts)


def _compatible(a: Optional[str], b: Optional[str]) -> bool:
    """Kinds that can name one actor: a person is only ever a person."""
    return (a == "person") == (b == "person")
