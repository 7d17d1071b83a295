"""Who a speaker phrase refers to: a named person or body, an outlet, a document, or an unnamed source.

The actors component's resolved mentions come first (canonical names, codes, sectors, and its
coreference for pronouns). When it has nothing for a phrase, the parse decides: named entities,
the phrase's head noun looked up in the quote lexicon, and for "he"/"she" the nearest person
named as a subject before it. Unnamed human sources ("two Lebanese official sources") are typed
"anonymous" with their count, rank, country code and sector read off the modifiers of the head.
"""
from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, replace
from typing import Optional

from spacy.tokens import Span, Token

from ..actors.coref import PERSON_PRONOUNS
from ..actors.table import ActorTable
from ..models import ActorMention, ReportDoc
from .lexicon import Lexicon

_TITLES = {"mr", "mr.", "mrs", "mrs.", "ms", "ms.", "dr", "dr.", "sir"}
_NUMBER_WORDS = {"one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
                 "eight": 8, "nine": 9, "ten": 10, "a": 1, "an": 1, "another": 1, "single": 1}
_DEFINITE = {"the", "this", "that", "these", "those"}
_INDEFINITE = {"a", "an", "another", "some", "several", "multiple", "many", "various", "other"}
_ORG_ENTS = ("ORG", "GPE", "NORP", "FAC")
_PRONOUN_REACH = 2000   # chars back to look for the person a pronoun refers to


@dataclass
class Speaker:
    text: str
    start: int
    end: int
    name: Optional[str]
    type: str                        # person | anonymous | organization | document | outlet | unknown
    code: Optional[str] = None
    sector: Optional[str] = None
    rank: Optional[str] = None
    count: Optional[int] = None
    role: Optional[str] = None       # head noun of an unnamed source ("official"), for linking mentions
    definite: bool = False           # "the official": may refer back to an earlier source


class SpeakerResolver:
    """Resolves speaker phrases of one report; built per report by `for_report`."""

    def __init__(self, lex: Lexicon, actors: ActorTable, rdoc: ReportDoc):
        self.lex = lex
        self.actors = actors
        self.rdoc = rdoc
        self._rank = re.compile(r"\b(" + "|".join(sorted(map(re.escape, lex.ranks), key=len, reverse=True)) + r")\b")
        self._ents = list(rdoc.doc.ents)  # Doc.ents and Span.ents rebuild the list on every call
        self._full_names = self._person_names(self._ents)
        subjects = sorted((e.start_char, e) for e in self._ents
                          if e.label_ == "PERSON" and e.root.dep_ in ("nsubj", "nsubjpass"))
        self._subject_starts = [s for s, _ in subjects]
        self._subject_ents = [e for _, e in subjects]

    def _ents_in(self, phrase: Span) -> list[Span]:
        return [e for e in self._ents if phrase.start <= e.start and e.end <= phrase.end]

    @staticmethod
    def _person_names(ents: list[Span]) -> dict[str, str]:
        """Surname -> the longest name the report gives that person ("Hochstein" -> "Amos Hochstein")."""
        names: dict[str, str] = {}
        for ent in ents:
            if ent.label_ != "PERSON":
                continue
            words = [t.text for t in ent if t.lower_ not in _TITLES and not t.is_punct]
            if not words:
                continue
            key = words[-1].lower()
            if len(words) > len(names.get(key, "").split()):
                names[key] = " ".join(words)
        return names

    def canonical_person(self, text: str) -> str:
        words = [w for w in text.split() if w.lower() not in _TITLES]
        return self._full_names.get(words[-1].lower(), " ".join(words)) if words else text

    # --- resolution -------------------------------------------------------------------------

    def resolve(self, phrase: Span) -> Speaker:
        head = phrase.root
        if head.pos_ == "PRON":
            return self._pronoun(phrase, head)
        role_head, definite = self._role_head(head)
        actor = self._actor_for(phrase, role_head)
        named = role_head.pos_ == "PROPN" or any(e.label_ == "PERSON" for e in self._ents_in(phrase))
        if not named and role_head.lower_ in self.lex.roles and role_head.pos_ != "PROPN":
            if self._is_unnamed_source(role_head, definite):
                return self._anonymous(phrase, role_head, definite, actor)
        if actor is not None and actor.name:
            return self._from_actor(phrase, actor)
        return self._from_parse(phrase, role_head)

    def _pronoun(self, phrase: Span, head: Token) -> Speaker:
        base = Speaker(phrase.text, phrase.start_char, phrase.end_char, None, "unknown")
        actor = self.rdoc.actor_covering(head.idx, head.idx + len(head))
        if actor is not None and actor.name:
            return self._from_actor(phrase, actor)
        if head.lower_ in PERSON_PRONOUNS:
            person = self._last_person_subject(head.idx)
            if person is not None:
                return replace(base, name=self.canonical_person(person.text), type="person")
        return base

    def _last_person_subject(self, offset: int) -> Optional[Span]:
        i = bisect.bisect_left(self._subject_starts, offset) - 1
        if i >= 0 and offset - self._subject_starts[i] <= _PRONOUN_REACH:
            return self._subject_ents[i]
        return None

    def _role_head(self, head: Token) -> tuple[Token, bool]:
        """The noun naming the speaker's role and whether the phrase is definite."""
        if head.lower_ == "one":   # "one of the sources": the source is one of those named before
            of = next((c for c in head.children if c.dep_ == "prep" and c.lower_ == "of"), None)
            obj = next((c for c in of.children if c.dep_ == "pobj"), None) if of is not None else None
            if obj is not None:
                return obj, True
        det = next((c for c in head.children if c.dep_ in ("det", "poss")), None)
        return head, det is not None and (det.dep_ == "poss" or det.lower_ in _DEFINITE)

    def _is_unnamed_source(self, role_head: Token, definite: bool) -> bool:
        """"a minister" is a source; "the minister" is a specific person the actors resolve."""
        return not definite or role_head.tag_ in ("NNS", "NNPS") or role_head.lemma_.lower() in self.lex.unnamed_roles

    def _actor_for(self, phrase: Span, head: Token) -> Optional[ActorMention]:
        covering = self.rdoc.actor_covering(head.idx, head.idx + len(head))
        if covering is not None:
            return covering
        if head.lower_ in self.lex.orgs or head.lower_ in self.lex.documents or head.lower_ in self.lex.outlets:
            return None   # "the prime minister's office": the body speaks, not the person named in it
        inside = [a for a in self.rdoc.actors_in(phrase.start_char, phrase.end_char) if a.name]
        return max(inside, key=lambda a: a.end - a.start) if inside else None

    def _from_actor(self, phrase: Span, actor: ActorMention) -> Speaker:
        kind = "person" if actor.kind == "person" else "organization"
        if self._is_outlet(phrase, phrase.root):
            kind = "outlet"
        return Speaker(phrase.text, phrase.start_char, phrase.end_char, actor.name, kind, actor.code, actor.sector)

    def _from_parse(self, phrase: Span, head: Token) -> Speaker:
        base = Speaker(phrase.text, phrase.start_char, phrase.end_char, phrase.text, "unknown")
        ent = self._entity(phrase, head)
        lower = head.lower_
        if self._is_outlet(phrase, head):
            return replace(base, type="outlet", sector="JRN")
        if ent is not None and ent.label_ == "PERSON":
            return replace(base, name=self.canonical_person(ent.text), type="person")
        if (lower in self.lex.documents or head.lemma_.lower() in self.lex.documents) and head.pos_ == "NOUN":
            return replace(base, type="document")
        if ent is not None or lower in self.lex.orgs:
            code = self._country_code(phrase, head)
            return replace(base, type="organization", code=code, sector=self.lex.orgs.get(lower))
        if head.pos_ == "PROPN":   # a name the tagger gave no entity type: most often a person
            return replace(base, name=self.canonical_person(phrase.text), type="person")
        if lower in self.lex.roles:   # "the prime minister": a person the text does not name here
            return replace(base, type="person", code=self._country_code(phrase, head),
                           sector=self.lex.roles[lower])
        return base

    def _entity(self, phrase: Span, head: Token) -> Optional[Span]:
        """The named entity the phrase's head belongs to ("Samuel Okonjo" in "Ghana's PM Samuel Okonjo")."""
        ents = self._ents_in(phrase)
        covering = next((e for e in ents if e.start <= head.i < e.end), None)
        if covering is None and head.pos_ == "NOUN":   # "Kenyan ambassador Grace Achieng" parsed with "ambassador" as head
            return next((e for e in ents if e.label_ == "PERSON"), None)
        return covering

    def speaks(self, speaker: Speaker, phrase: Span, cue: Token) -> bool:
        """Whether a subject can be a source: "the negotiations indicate" or "Hochstein's trip
        suggests" are not; any subject of "said" or "warned" is."""
        if cue.lemma_.lower() not in self.lex.thing_cues:
            return True
        return speaker.type != "unknown" or phrase.root.pos_ != "NOUN"

    def _is_outlet(self, phrase: Span, head: Token) -> bool:
        """A news organisation: one the actors stage knows as media ("Reuters", "Lebanon's Al
        Jadeed TV"), or a phrase headed by a press noun ("the newspaper", "state television")."""
        actor = self.rdoc.actor_covering(head.idx, head.idx + len(head))
        if actor is not None and actor.sector == "JRN" and actor.kind == "organization":
            return True
        return head.lower_ in self.lex.outlets and head.pos_ in ("NOUN", "PROPN")

    # --- unnamed sources ----------------------------------------------------------------------

    def _anonymous(self, phrase: Span, role: Token, definite: bool, actor: Optional[ActorMention]) -> Speaker:
        modifiers = [t for t in phrase if t.i != role.i]
        sector = next((self.lex.sector_modifiers[t.lower_] for t in modifiers
                       if t.lower_ in self.lex.sector_modifiers and t.head.i == role.i), None)
        rank = self._rank.search(phrase.text.lower())
        return Speaker(
            phrase.text, phrase.start_char, phrase.end_char, phrase.text, "anonymous",
            code=self._country_code(phrase, role) or (actor.code if actor else None),
            sector=sector or (actor.sector if actor and actor.sector else None) or self.lex.roles.get(role.lower_),
            rank=rank.group(1) if rank else None,
            count=self._count(phrase, role),
            role=role.lemma_.lower(),
            definite=definite,
        )

    def _count(self, phrase: Span, role: Token) -> Optional[int]:
        if phrase.root.lower_ == "one":
            return 1
        for child in role.children:
            if child.dep_ in ("nummod", "det"):
                if child.like_num and child.text.isdigit():
                    return int(child.text)
                if child.lower_ in _NUMBER_WORDS:
                    return _NUMBER_WORDS[child.lower_]
        return None if role.tag_ in ("NNS", "NNPS") else 1

    def _country_code(self, phrase: Span, head: Token) -> Optional[str]:
        """Country of a phrase from its modifiers ("Lebanese", "US", "Israel's")."""
        for token in phrase:
            if token.i == head.i:
                continue
            actor = self.rdoc.actor_covering(token.idx, token.idx + len(token))
            if actor is not None and actor.code:
                return actor.code
            code = self.actors.country_code(token.text)
            if code and (token.pos_ in ("PROPN", "ADJ") or token.ent_type_ in ("GPE", "NORP")):
                return code
        return None
