"""Finding event triggers in a sentence from the dependency parse and the lexicon.

A trigger is a verb ("Israel struck ..."), a verb with particle/preposition/object ("pulled back",
"called for", "took control"), or a noun: on its own ("Israeli airstrikes on Beirut") or carried
by a light verb ("held talks", "carried out strikes"), in which case the verb gives the clause.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Optional

from spacy.tokens import Span, Token

from ..lexicon import Entry, Lexicon, words

_PARTICLE_DEPS = {"prt", "prep", "agent"}
_ADVERB_PARTICLES = {"back", "out", "off", "away", "down"}  # "pull back" parsed as an adverb
_OBJECT_DEPS = {"dobj", "oprd", "attr"}
_NOUN_POS = {"NOUN", "PROPN"}
# A noun in a time phrase is another event, not the light verb's: "made it clear following the rejection".
_TIME_PREPS = words("prepositions", "time_phrase")
# "sent a document regarding a truce": the truce is a subject, not the light verb's act.
_TOPIC_PREPS = words("prepositions", "topic_anywhere")
_QUANTITY_NOUNS = {"thousand", "hundred", "dozen", "score", "number", "barrage", "salvo", "volley", "wave",
                   "series", "string", "hail", "hour", "day", "week", "month", "year"}  # "four days of talks"
# spaCy's small model sometimes tags a sentence-initial or headline verb as a noun or adjective;
# these parts of speech are tried against the verb table when they head a clause.
_CLAUSE_DEPS = {"ROOT", "ccomp", "xcomp", "advcl", "conj", "relcl", "acl", "pcomp"}
# Dependencies that start a clause of their own (a conjunct only when it is a verb).
_CLAUSE_HEAD_DEPS = (_CLAUSE_DEPS - {"conj"}) | {"parataxis", "csubj"}
_MAX_CLAUSE_CLIMB = 6


def clause_head(token: Token) -> Token:
    """The verb heading the clause a token is in (a conjoined verb heads its own clause)."""
    for _ in range(_MAX_CLAUSE_CLIMB):
        if token.dep_ in _CLAUSE_HEAD_DEPS or token.dep_ == "conj" and token.pos_ in ("VERB", "AUX"):
            return token
        token = token.head
    return token


@dataclass
class Trigger:
    token: Token                    # the verb or noun that names the event
    entry: Entry
    support: Optional[Token] = None  # light verb carrying a nominal trigger ("held talks")
    particle: Optional[Token] = None

    @property
    def nominal(self) -> bool:
        return self.token.pos_ in _NOUN_POS

    @property
    def adjectival(self) -> bool:
        return self.token.pos_ == "ADJ" and self.token.dep_ == "acomp"

    @property
    def predicate(self) -> Token:
        """The token heading the clause that states the event."""
        if self.support is not None:
            return self.support
        if self.nominal and self.token.dep_ in ("nsubj", "nsubjpass") and self.token.head.pos_ in ("VERB", "AUX"):
            return self.token.head
        return self.token

    @property
    def words(self) -> list[Token]:
        words = [t for t in (self.support, self.token, self.particle) if t is not None]
        return sorted(words, key=lambda t: t.i)


def verb_trigger(token: Token, lexicon: Lexicon) -> Optional[Trigger]:
    particles = [c for c in token.children if (c.dep_ in _PARTICLE_DEPS and not _time_phrase(c))
                 or (c.dep_ == "advmod" and c.lower_ in _ADVERB_PARTICLES)]
    nouns = [_counted(_antecedent(c)) for c in token.children if c.dep_ in _OBJECT_DEPS]
    # What a passive or a participle is done to is its object: "the sanctions were lifted", "the
    # accord adopted on Monday", "sanctions imposed by the EU" (after a light verb the noun is the
    # event itself: "talks held in Doha", "hostages held in tunnels").
    nouns += [_counted(c) for c in token.children if c.dep_ == "nsubjpass"]
    if token.dep_ == "acl" and token.tag_ == "VBN" and token.head.pos_ in _NOUN_POS \
            and token.lemma_.lower() not in lexicon.light_verbs:
        nouns.append(_counted(token.head))
    gap = gap_object(token)
    if gap is not None:
        nouns.append(_counted(gap))
    nouns += [g for p in particles for g in p.children if g.dep_ == "pobj"]
    objects = [form for noun in nouns for form in _noun_forms(noun)]
    # An infinitive complement completes some patterns: "voted to approve", "declined to comment".
    complements = tuple(c.lemma_.lower() for c in token.children if c.dep_ == "xcomp")
    entry = lexicon.verb(token.lemma_.lower(), tuple(p.lemma_.lower() for p in particles), tuple(objects), complements)
    if entry is None:
        return None
    particle = next((p for p in particles if p.dep_ == "prt"), None)
    return Trigger(token, entry, particle=particle)


def _time_phrase(prep: Token) -> bool:
    """ "on Monday", "in March": a preposition that dates the act is no particle of the verb ("called
    on Monday" is no "call on")."""
    return any(c.dep_ == "pobj" and c.ent_type_ in ("DATE", "TIME") for c in prep.children)


_RELATIVE_PRONOUNS = words("pronouns", "relative")  # by form: the parser tags "that" as IN as often as WDT


def _antecedent(noun: Token) -> Token:
    """What a relative pronoun stands for: "the deal that both sides reached" -> deal (the
    parser labels some relative clauses `acl`)."""
    if noun.lower_ in _RELATIVE_PRONOUNS and noun.head.dep_ in ("relcl", "acl"):
        return noun.head.head
    return noun


def _noun_forms(noun: Token) -> list[str]:
    """A noun's lemma, and its plain singular where the lemmatizer reads a plural as another
    word's ("bases" -> basis; the positions left are bases)."""
    lemma, word = noun.lemma_.lower(), noun.lower_
    if word.endswith("s") and not word.endswith("ss") and word[:-1] != lemma and lemma != word:
        return [lemma, word[:-1]]
    return [lemma]


def gap_object(verb: Token) -> Optional[Token]:
    """The noun a relative clause with a subject and no object of its own acts on: "the accord
    (that) both sides struck" (the parser reads some such "that" as a conjunction)."""
    if verb.dep_ not in ("relcl", "acl") or verb.head.pos_ not in _NOUN_POS:
        return None
    subject = next((c for c in verb.children if c.dep_ == "nsubj"), None)
    if subject is None or subject.lower_ in _RELATIVE_PRONOUNS or any(c.dep_ in _OBJECT_DEPS for c in verb.children):
        return None  # "talks, which began in May": the noun is the clause's subject
    return verb.head


def _counted(noun: Token) -> Token:
    """What a quantity counts: "thousands of rockets" -> rockets, "a barrage of missiles" -> missiles."""
    if noun.lemma_.lower() not in _QUANTITY_NOUNS and not noun.like_num:
        return noun
    return next((g for p in noun.children if p.dep_ == "prep" and p.lower_ == "of"
                 for g in p.children if g.dep_ == "pobj"), noun)


def quantity_head(noun: Token) -> Optional[Token]:
    """The quantity a noun is counted by: "a series of airstrikes" -> series (it carries the date)."""
    if noun.dep_ == "pobj" and noun.head.lower_ == "of" and noun.head.head.lemma_.lower() in _QUANTITY_NOUNS:
        return noun.head.head
    return None


# "a news conference", "a press briefing": a speaker's statement to the press, not a meeting.
_PRESS_WORDS = words("source_nouns", "press_event")


def _joint(noun: Token, modifiers: tuple[str, ...]) -> bool:
    """ "a joint news conference", "a press conference with the visiting minister": two parties meet."""
    return "joint" in modifiers or any(c.dep_ == "prep" and c.lower_ == "with" for c in noun.children) \
        or noun.head.lemma_.lower() in ("hold", "give") and any(c.dep_ == "conj" for c in
                                                                  (s for s in noun.head.children if s.dep_ == "nsubj"))


def noun_entry(token: Token, lexicon: Lexicon) -> Optional[Entry]:
    modifiers = tuple(c.lemma_.lower() for c in token.lefts if c.dep_ in ("compound", "amod", "nmod"))
    if any(m in _PRESS_WORDS for m in modifiers) and not _joint(token, modifiers):
        return None
    # "relief from sanctions" is "sanction relief", "strikes from the air" "air strikes" (the parser
    # often hangs the phrase on the verb: "provide relief from sanctions")
    after = [p for p in token.rights] + [p for p in token.head.children if token.dep_ == "dobj"
                                         and p.i == token.right_edge.i + 1]
    modifiers += tuple(g.lemma_.lower() for p in after if p.dep_ == "prep" and p.lower_ == "from"
                       for g in p.children if g.dep_ == "pobj")
    return lexicon.noun(token.lemma_.lower(), modifiers)


def supported_noun(verb: Token, lexicon: Lexicon) -> Optional[Trigger]:
    """'held talks', 'carried out strikes', 'announced a proposal': the object noun is the event."""
    if verb.lemma_.lower() not in lexicon.light_verbs:
        return None
    candidates = [_counted(_antecedent(c)) for c in verb.children if c.dep_ in ("dobj", "nsubjpass")]
    gap = gap_object(verb)
    if gap is not None:
        candidates.append(_counted(gap))
    if verb.dep_ == "acl" and verb.tag_ == "VBN" and any(c.dep_ == "agent" for c in verb.children):
        candidates.append(verb.head)  # "sanctions imposed by the EU": the agent's sanctions
    candidates += [g for p in verb.children if p.dep_ in ("prt", "prep") and p.lower_ not in _TIME_PREPS
                   and p.lower_ not in _TOPIC_PREPS for g in p.children if g.dep_ == "pobj"]
    for noun in candidates:
        entry = noun_entry(noun, lexicon)
        if entry is not None and entry.event == "AGREE" and verb.lemma_.lower() in _PROPOSING_VERBS:
            entry = _PROPOSAL  # "presented a draft agreement": a proposal, not an agreement yet
        elif entry is not None and entry.mode == "ceasefire" and verb.lemma_.lower() in _PACT_VERBS:
            entry = Entry("AGREE", None, entry.strength)  # "announced a truce": its parties agreed to it
        if entry is not None:
            return Trigger(noun, entry, support=verb)
    return None


# Handing over a text: an agreement it names is proposed, not agreed.
_PROPOSING_VERBS = {"present", "submit", "offer", "send", "relay", "deliver", "put", "unveil", "table", "draft"}
_PROPOSAL = Entry("REQUEST", "yield", 0.9)
# Making, announcing or prolonging a ceasefire is its parties' agreement to it (PLOVER: the
# declaration of a ceasefire is verbal; only observing it, or its taking effect, is the RETREAT).
_PACT_VERBS = {"announce", "declare", "reach", "extend", "renew", "make", "strike"}

_FORCE_VERBS = {"act", "respond", "strike", "retaliate", "attack", "defend", "use", "enforce", "hit"}
_THREAT = Entry("THREATEN", "violence", 0.8)


def _force_right_entry(noun: Token) -> Optional[Entry]:
    """'Israel's right to act / respond / strike': claiming a right to use force is a threat."""
    if noun.lemma_.lower() != "right":
        return None
    return _THREAT if any(c.dep_ in ("acl", "relcl", "xcomp") and c.lemma_.lower() in _FORCE_VERBS
                          for c in noun.children) else None


def force_right(verb: Token) -> Optional[Trigger]:
    """'reiterated / reserves Israel's right to act against any threat': the noun is the trigger."""
    noun = next((c for c in verb.children if c.dep_ == "dobj" and _force_right_entry(c)), None)
    return Trigger(noun, _THREAT, support=verb) if noun is not None else None


# "Hochstein is expected in Beirut", "Burns was in Cairo on Thursday": an actor being (or being due)
# in a place is a visit. The component keeps it only when the place lies in another country.
PRESENCE = Entry("CONSULT", "visit", 0.7)
_PRESENCE_LEMMAS = {"be", "expect"}
_DUE_WORDS = {"due"}
_PLACE_ENTS = {"GPE", "LOC", "FAC"}


def presence_trigger(token: Token) -> Optional[Trigger]:
    if token.lemma_.lower() not in _PRESENCE_LEMMAS or token.dep_ not in _CLAUSE_DEPS:
        return None
    if not any(c.dep_ in ("nsubj", "nsubjpass") for c in token.children):
        return None
    # "is due in Beirut": the place hangs from the adjective
    holders = [token, *(c for c in token.children if c.dep_ == "acomp" and c.lemma_.lower() in _DUE_WORDS)]
    in_place = any(c.dep_ == "prep" and c.lower_ in ("in", "to") and
                   any(g.dep_ == "pobj" and _is_place(g) for g in c.children)
                   for holder in holders for c in holder.children)
    return Trigger(token, PRESENCE) if in_place else None


def _is_place(token: Token) -> bool:
    """A place by the entity recogniser or by the places stage ("[Niamey]PERSON" is in the gazetteer)."""
    if token.ent_type_ in _PLACE_ENTS:
        return True
    places = token.doc._.storyline_places or []
    return any(p.start <= token.idx < p.end for p in places)


def is_due(token: Token) -> bool:
    """ "is expected in Beirut", "is due in Cairo": a presence still to come."""
    return token.lemma_.lower() == "expect" or any(c.dep_ == "acomp" and c.lemma_.lower() in _DUE_WORDS
                                                   for c in token.children)


# A third party's part in talks or a signing: "held talks with the support of X", "signed in the
# presence of X", "the accord, witnessed by X" (PLOVER CONSULT, mode third-party).
THIRD_PARTY = Entry("CONSULT", "third-party", 0.9)
THIRD_PARTY_NOUNS = words("third_party", "role_noun")
THIRD_PARTY_PARTICIPLES = words("third_party", "role_participle")
THIRD_PARTY_PREPS = words("prepositions", "third_party")
_MEETING_TYPES = {"CONSULT", "AGREE"}


def _names_meeting(token: Token, lexicon: Lexicon) -> bool:
    entry = noun_entry(token, lexicon) if token.pos_ in _NOUN_POS else lexicon.verbs.get(token.lemma_.lower())
    return entry is not None and (entry.event in _MEETING_TYPES or entry.mode == "ceasefire")  # a truce is a deal


def _about_meeting(token: Token, lexicon: Lexicon) -> bool:
    """Whether a token names talks or a deal, or is the verb of a clause about them ("held talks",
    "the accord was signed", "the talks took place")."""
    return _names_meeting(token, lexicon) or token.pos_ in ("VERB", "AUX") and any(
        c.dep_ in ("dobj", "nsubj", "nsubjpass") and c.pos_ in _NOUN_POS and _names_meeting(c, lexicon)
        for c in token.children)


def third_party_trigger(token: Token, lexicon: Lexicon) -> Optional[Trigger]:
    lemma = token.lemma_.lower()
    if token.pos_ in _NOUN_POS and lemma in THIRD_PARTY_NOUNS and token.dep_ == "pobj" \
            and token.head.lower_ in THIRD_PARTY_PREPS:
        talks = token.head.head
    elif token.tag_ == "VBN" and lemma in THIRD_PARTY_PARTICIPLES and any(c.dep_ == "agent" for c in token.children):
        talks = token.head if token.dep_ in ("acl", "advcl") else token  # "talks, supported by X" / "talks were supported by X"
    else:
        return None
    # the phrase may hang from a place or a day of the talks ("signed in Oslo on Monday in the presence of X")
    about = _about_meeting(talks, lexicon) or _about_meeting(clause_head(talks), lexicon)
    return Trigger(token, THIRD_PARTY) if about else None


# Naming something with a word of blame is disapproving of it (PLOVER ACCUSE): "called the deal a
# mistake", "described the truce as a disaster", "branded the talks a farce".
DISAPPROVAL = Entry("ACCUSE", "disapprove", 0.9)
_NAMING_VERBS = words("reporting_verbs", "naming")
_BLAME_WORDS = words("valence", "negative")
_EVALUATION_DEPS = {"amod", "compound", "advmod", "acomp"}


def prep_objects(verb: Token, preps) -> list[Token]:
    """Objects of these prepositions, hanging from the verb or (as the parser often attaches
    them) from its object: "killed him in a drone strike", "described [the agreement as a disaster]"."""
    holders = [verb, *(c for c in verb.children if c.dep_ == "dobj")]
    return [g for h in holders for p in h.children if p.dep_ == "prep" and p.lower_ in preps
            for g in p.children if g.dep_ == "pobj"]


def evaluation_trigger(token: Token) -> Optional[Trigger]:
    if token.lemma_.lower() not in _NAMING_VERBS:
        return None
    named_as = [c for c in token.children if c.dep_ == "oprd"] + prep_objects(token, ("as",))
    words_of_it = [w for n in named_as for w in (n, *(c for c in n.children if c.dep_ in _EVALUATION_DEPS))]
    blames = any(w.lemma_.lower() in _BLAME_WORDS or w.lower_ in _BLAME_WORDS for w in words_of_it)
    return Trigger(token, DISAPPROVAL) if blames else None


def adjective_trigger(token: Token, lexicon: Lexicon) -> Optional[Trigger]:
    """'is committed to', 'was ready to implement': the adjective names the act, its copula the clause."""
    entry = lexicon.adjectives.get(token.lemma_.lower())
    if entry is None or token.dep_ != "acomp" or token.head.pos_ not in ("AUX", "VERB"):
        return None
    return Trigger(token, entry, support=token.head)


# Participles that name an act of the party written before them: backing and mediating.
_SPONSOR_TYPES = {"SUPPORT", "CONSULT"}


def sponsor_trigger(token: Token, lexicon: Lexicon) -> Optional[Trigger]:
    """ "Iran-backed", "China-brokered", "AU-mediated": a past participle joined to a name."""
    if token.tag_ != "VBN" or sponsor_of(token) is None:
        return None
    entry = lexicon.verbs.get(token.lemma_.lower())
    return Trigger(token, entry) if entry is not None and entry.event in _SPONSOR_TYPES else None


def sponsor_of(participle: Token) -> Optional[Token]:
    """The name before "-backed" / "brokered" ("China-brokered", "Chinese brokered")."""
    doc = participle.doc
    i = participle.i - 1
    if i >= 0 and doc[i].text in ("-", "–"):
        i -= 1
    if i < 0 or doc[i].pos_ not in ("PROPN", "ADJ") or not doc[i].text[:1].isupper():
        return None
    return doc[i]


def find_triggers(sent: Span, lexicon: Lexicon, candidates: Optional[frozenset[int]] = None) -> list[Trigger]:
    """Triggers in a sentence; `candidates` (Lexicon.candidate_tokens) limits the tokens looked at."""
    doc = sent.doc
    tokens = [doc[i] for i in range(sent.start, sent.end) if candidates is None or i in candidates]
    triggers: list[Trigger] = []
    carried: set[int] = set()
    adjectives: list[Trigger] = []
    for token in tokens:
        if token.dep_ == "amod":
            # "the US-proposed ceasefire" is a modifier, not a clause; but who backs or brokers
            # something is named in it: "Iran-backed Hezbollah", "the China-brokered ceasefire"
            trigger = sponsor_trigger(token, lexicon)
            if trigger is not None:
                triggers.append(trigger)
                carried.add(token.i)
            continue
        if token.pos_ == "ADJ" and token.dep_ == "acomp":
            trigger = adjective_trigger(token, lexicon)
            if trigger is not None:
                adjectives.append(trigger)
            continue
        if token.pos_ == "VERB" or (token.pos_ in ("NOUN", "ADJ") and token.dep_ == "ROOT"):
            trigger = third_party_trigger(token, lexicon) or evaluation_trigger(token) or supported_noun(token, lexicon) \
                or verb_trigger(token, lexicon) or force_right(token) or presence_trigger(token)
        else:
            trigger = presence_trigger(token) if token.pos_ == "AUX" else None
        if trigger is not None:
            triggers.append(trigger)
            carried.add(trigger.token.i)
    for token in tokens:
        if token.pos_ in _NOUN_POS and token.i not in carried and token.dep_ not in ("compound", "nmod"):
            if any(t.token.i == token.i for t in triggers):
                continue
            trigger = third_party_trigger(token, lexicon)
            entry = noun_entry(token, lexicon) or _force_right_entry(token)
            if trigger is not None or entry is not None:
                triggers.append(trigger or Trigger(token, entry))
    # "ready to have troops deployed": a readiness for a codable act is that act, not an agreement
    # ("committed to the truce agreement" stays an agreement); readiness to meet or negotiate is
    # agreeing to talks (PLOVER codes intent to meet as AGREE).
    triggers += [a for a in adjectives
                 if not any(a.token.left_edge.i <= t.token.i <= a.token.right_edge.i and not t.nominal
                            and t.entry.event != "CONSULT" for t in triggers)]
    return sorted(triggers, key=lambda t: t.token.i)
