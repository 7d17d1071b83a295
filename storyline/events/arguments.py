"""Actor and recipient of a trigger, read off the dependency parse and resolved to actor mentions.

Actor: the subject (the "by" agent of a passive or of a participle: "a deal brokered by Egypt"),
the controller of an infinitive ("X agreed to withdraw" -> X; "urged Hamas to agree" -> Hamas), the
noun a relative pronoun stands for, or for a nominal trigger its possessor / nationality adjective /
compound inside its phrase ("Israeli airstrikes" -> Israel; not a dateline or a date). A conjoined
passive clause keeps its own subject; "forces of the Lebanese army" act for the army.
Recipient: the dative, direct object or a with/to/on/against pobj, else the party named in the
object's own phrase ("approved a truce with X"); a place in a recipient slot stands for its
country.  Coordinated arguments ("Hochstein and McGurk") are expanded so that each conjunct gives
its own event.  The pairs a report names ("X and Y", "the X-Y talks") give the other side of a
conflict (`counterpart`) and the parties a ceasefire or a deal binds (`named_pair`), never two
third parties ("mediated by X and Y", "the guarantors, X and Y"); a pair named with its country
("Sudan's warring parties") is that country's own, and in a report that names no pair, a truce's
parties are those of the country it is about (`home_party`).
"""
from __future__ import annotations

import re
from collections import Counter
from typing import Callable, Optional

from spacy.tokens import Token

from ..actors.table import load_tables
from ..lexicon import BACKER_WORDS, default_lexicon, words
from ..models import ORGANIZATION_CODES, ActorMention, EventArgument, ReportDoc, conflict_side
from ..actors.coref import PAIR_COUNTED_NOUNS, is_pair_reference
from .modality import saying_joined_to_content
from .triggers import THIRD_PARTY_NOUNS, THIRD_PARTY_PARTICIPLES, THIRD_PARTY_PREPS

_SUBJECT_DEPS = ("nsubj", "csubj")
_RELATIVE_TAGS = {"WDT", "WP", "WP$"}
_RECIPIENT_PREPS = words("prepositions", "recipient")
_CONTROLLER_PREPS = words("prepositions", "controller")
_GERUND_CONTROLLER_PREPS = words("prepositions", "gerund_controller")
# Parties named inside an object's phrase, and how deep to look ("a proposal for a truce to X").
_OBJECT_PARTY_PREPS = words("prepositions", "object_party")
_OBJECT_DEPTH = 2
_NOMINAL_ACTOR_DEPS = ("poss", "compound", "amod", "nmod")
_ENTITY_TYPES = {"PERSON", "ORG", "GPE", "NORP"}
_HYPHENS = {"-", "–"}
_PLACE_ENTITY_TYPES = ("GPE", "LOC", "FAC")
_NON_ACTOR_ENTITY_TYPES = {"DATE", "TIME", "CARDINAL", "ORDINAL", "QUANTITY", "MONEY", "PERCENT"}
# Who leads, hosts or mediates an act is its actor: "talks mediated by Egypt".
_LEADING_VERBS = {"lead", "host", "mediate", "broker", "chair", "organize", "organise", "facilitate", "sponsor",
                  "convene", "conduct", "hold", "launch", "carry"}
_PERSONAL_PRONOUNS = words("pronouns", "person", "group", "organization", "first_person")
_REPORTING_VERBS = words("reporting_verbs", "reporting")
# How a reported clause hangs from its reporting verb ("confirmed extending the truce").
_REPORTED_DEPS = ("xcomp", "dobj", "pcomp")


def _child(token: Token, *deps: str) -> Optional[Token]:
    return next((c for c in token.children if c.dep_ in deps), None)


def _pobj_of(token: Token, *preps: str) -> Optional[Token]:
    for prep in token.children:
        if prep.dep_ in ("prep", "agent", "dative") and prep.lower_ in preps:
            obj = _child(prep, "pobj")
            if obj is not None:
                return obj
    return None


def headline_parties(token: Token) -> list[Token]:
    """ "Ghana, Togo Agree to Reopen Border": a headline coordinates its subjects with a comma, which
    the parser reads as a modifier of the last one; the names before it are parties too."""
    sent = token.sent
    if token.pos_ not in ("PROPN", "NOUN") or token.dep_ not in ("nsubj", "nsubjpass") or not _is_headline(sent):
        return []
    # the parser may also hang the first name on the second as a modifier ("[Armenia], Azerbaijan agree")
    parties = [c for c in token.lefts if c.dep_ in ("nmod", "compound", "npadvmod") and c.pos_ == "PROPN"
               and token.doc[c.right_edge.i + 1].text == ","]
    i = token.left_edge.i
    while i - 2 >= sent.start and token.doc[i - 1].text == "," and token.doc[i - 2].pos_ == "PROPN":
        name = token.doc[i - 2]
        if name.head.i not in (token.i, token.head.i) and name.head.head.i not in (token.i, token.head.i):
            break
        parties.insert(0, name)
        i = name.left_edge.i
    # "Sudan, South Sudan agree ...": or the second name as an apposition of the first, or a second
    # subject of the same verb ("Malawi, Zambian Rebels Sign ...")
    parties += [c for c in token.children if c.dep_ == "appos" and c.pos_ == "PROPN" and c.i > token.i
                and token.doc[c.left_edge.i - 1].text == ","]
    chain = token
    for other in sorted((c for c in token.head.children if c.dep_ == token.dep_ and c.i > token.i), key=lambda c: c.i):
        if not _comma_joined(chain, other):
            break
        parties.append(other)
        chain = other
    return parties


def _comma_joined(first: Token, second: Token) -> bool:
    """Two phrases with nothing but a comma between them."""
    between = first.doc[first.right_edge.i + 1:second.left_edge.i]
    return first.i < second.i and len(between) == 1 and between[0].text == ","


def _is_headline(sent) -> bool:
    text = sent.text.strip()
    return bool(text) and "\n" not in text and text[-1] not in ".?!:;\"”'’)"


def conjuncts(token: Token) -> list[Token]:
    """The token and the tokens coordinated with it ("X, Y and Z")."""
    out, stack = [], [token]
    while stack:
        t = stack.pop()
        out.append(t)
        stack.extend(c for c in t.children if c.dep_ == "conj" and c.pos_ in ("NOUN", "PROPN", "PRON"))
    return sorted(out, key=lambda t: t.i)


def hyphen_partner(token: Token) -> Optional[Token]:
    """ "the Israel-Hezbollah ceasefire": for Hezbollah, the proper noun joined to it by a hyphen."""
    return next((c for c in token.lefts if c.dep_ == "compound" and c.pos_ == "PROPN"
                 and c.i + 2 == token.i and c.nbor().text in _HYPHENS), None)


def antecedent_of_relative(token: Token) -> Token:
    """'Qatari negotiators, who ...' -> negotiators."""
    if token.tag_ in _RELATIVE_TAGS and token.head.dep_ in ("relcl", "acl"):
        return token.head.head
    return token


def subject_of(verb: Token, depth: int = 0) -> Optional[Token]:
    """Subject of a verb, climbing to the controller for infinitives, conjuncts and participles."""
    subjects = [c for c in verb.children if c.dep_ in _SUBJECT_DEPS]
    # "Lusaka, Mar 3: The two sides signed ...": of two subjects the parser found, the one next
    # to the verb is its subject (the other a dateline or a heading)
    subj = max((c for c in subjects if c.i < verb.i), key=lambda c: c.i, default=subjects[0] if subjects else None)
    while subj is not None:  # "Malawi, Zambian Rebels Sign Peace Deal": subjects joined by a comma are one
        joined = next((c for c in subjects if _comma_joined(c, subj)), None)
        if joined is None:
            break
        subj = joined
    if subj is not None:
        return antecedent_of_relative(past_dateline(subj))
    agent = _pobj_of(verb, "by")
    if agent is not None and (_child(verb, "nsubjpass", "auxpass", "agent") is not None
                              or verb.tag_ == "VBN" and verb.dep_ in ("acl", "advcl")):
        # "a deal brokered by the US", "talks resumed, mediated by Qatar", "shelling by the army"
        return agent
    if depth > 4 or verb.dep_ in ("conj", "advcl") and _child(verb, "nsubjpass") is not None:
        # a conjoined or adverbial passive clause of its own ("..., and the army will be deployed";
        # "X told reporters, a day after the accord was initialled"): not its governor's subject's act
        return None
    paired = _second_controller(verb)
    if paired is not None:
        return antecedent_of_relative(paired)
    first_saying = saying_joined_to_content(verb)
    if first_saying is not None:
        return subject_of(first_saying, depth + 1)  # the speaker says both
    head = verb.head
    if verb.dep_ == "xcomp":  # object control ("urged Hamas to agree") before subject control
        obj = _child(head, "dobj", "nsubjpass")  # "Hezbollah is expected to pull back": the passive subject
        if obj is None:  # "called on both sides to accept" (not "agreed on Tuesday to withdraw")
            obj = _pobj_of(head, *_CONTROLLER_PREPS)
            obj = obj if obj is not None and (_has_actor_part(obj) or is_pair_reference(obj)) else None
        return antecedent_of_relative(obj) if obj is not None else subject_of(head, depth + 1)
    if verb.dep_ == "advcl" and _child(verb, "aux") is not None and head.tag_ == "VBG" \
            and _child(head, *_SUBJECT_DEPS) is None and _child(head.head, "dobj") is not None:
        # "requires Israeli forces, operating in the south, to withdraw": the parser hangs the
        # infinitive on the participle; the controller is still the object of "requires".
        return antecedent_of_relative(_child(head.head, "dobj"))
    content = gerund_content(head) if verb.dep_ == "advcl" and verb.tag_ == "VBG" else None
    if content is not None and content.i < verb.i:
        # "accused X of shelling the villages, killing 14": the parser hangs the participle on the
        # accusation; it tells more of the act alleged, whose subject is X
        return subject_of(content, depth + 1)
    # A reported clause never takes the reporter as its subject ("an agreement was reached, an
    # official said"); a conjoined or adverbial one shares its governor's.
    if (verb.dep_ in ("conj", "advcl") or (verb.dep_ == "acomp" and verb.pos_ == "ADJ")) \
            and head.pos_ in ("VERB", "AUX"):  # not "remain displaced": a participle's subject is its patient
        return subject_of(head, depth + 1)
    controlled = gerund_controller(verb)
    if controlled is not None:
        return antecedent_of_relative(controlled)
    if verb.dep_ == "pcomp" and head.head.pos_ in ("VERB", "AUX"):  # "after rejecting X"
        return subject_of(head.head, depth + 1)
    if verb.dep_ in ("acl", "relcl") and head.pos_ in ("NOUN", "PROPN"):
        # "the envoy called on all sides ...", read by the parser as a noun phrase with no verb:
        # a past tense hanging from the root noun is the sentence's own verb
        main_verb = verb.tag_ == "VBD" and head.dep_ in ("ROOT", "conj", "appos")
        return head if verb.tag_ == "VBG" or main_verb or is_headline_infinitive(verb) else None
    return None


def gerund_controller(gerund: Token) -> Optional[Token]:
    """The object of the verb a gerund completes through a preposition, who does the gerund's
    act: "accused [X] of shelling", "blamed [X] for breaking the truce" (not "after rejecting")."""
    prep = gerund.head
    if gerund.dep_ != "pcomp" or prep.lower_ not in _GERUND_CONTROLLER_PREPS:
        return None
    if prep.head.dep_ == "dobj" and prep.head.head.pos_ == "VERB":
        return prep.head  # the parser hangs the phrase on the object: "accused [the guards of shooting]"
    return _child(prep.head, "dobj") if prep.head.pos_ == "VERB" else None


def gerund_content(verb: Token) -> Optional[Token]:
    """The gerund that completes a verb with an object through a preposition ("accused X of shelling")."""
    holders = [verb, *(c for c in verb.children if c.dep_ == "dobj")]
    return next((g for h in holders for p in h.children if p.dep_ == "prep" and p.lower_ in _GERUND_CONTROLLER_PREPS
                 for g in p.children if g.dep_ == "pcomp" and gerund_controller(g) is not None), None)


def _second_controller(verb: Token) -> Optional[Token]:
    """"requires X to withdraw and Y to deploy": the parser joins Y to the first infinitive's clause
    (to its last noun or to its verb) and hangs "to deploy" there; Y, right before the second
    "to" and joined by "and", controls the second infinitive."""
    to = _child(verb, "aux")
    if to is None or to.lower_ != "to" or to.i == 0 or verb.dep_ not in ("advcl", "xcomp", "conj"):
        return None
    noun = verb.doc[to.i - 1]
    first = verb.head
    joined = noun.dep_ == "conj" and noun.pos_ in ("NOUN", "PROPN") \
        and any(c.dep_ == "cc" and c.lower_ == "and" and c.i < noun.left_edge.i for c in noun.head.children)
    first_to = _child(first, "aux")
    if not joined or first_to is None or first_to.lower_ != "to" or not (first.left_edge.i <= noun.head.i <= first.right_edge.i):
        return None
    return noun


def past_dateline(subject: Token) -> Token:
    """ "LIMA (Reuters) - Peru's president Ana Quispe turned down ...", "NIAMEY - Chad's government
    and the rebels exchanged ...": the parser takes the dateline for the subject and hangs the
    real one from it in apposition."""
    if not (is_dateline(subject) and subject.i == subject.sent.start):
        return subject
    named = [c for c in subject.children if c.dep_ == "appos" and not c.is_upper
             and (_has_actor_part(c) or c.pos_ == "NOUN" and c.text[:1].isalpha())]
    return named[-1] if named else subject


def is_dateline(token: Token) -> bool:
    return token.is_upper and len(token) > 3 and token.is_alpha


def is_headline_infinitive(verb: Token) -> bool:
    """ "Sudan and rebels to resume talks": a headline's plan, its subject the noun it
    hangs from at the root of a clause with no finite verb."""
    head = verb.head
    # "Chad and rebels to resume talks, mediator Qatar says": the plan is what the headline reports
    reported = head.dep_ in ("advcl", "ccomp") and head.head.dep_ == "ROOT" and _is_headline(verb.sent)
    return (verb.dep_ in ("acl", "relcl") and (head.dep_ == "ROOT" or reported) and head.pos_ in ("NOUN", "PROPN")
            and any(c.dep_ == "aux" and c.lower_ == "to" for c in verb.children))


def nominal_actor(noun: Token) -> Optional[Token]:
    """'Israel's withdrawal', 'Israeli airstrikes', 'Hezbollah rocket fire', 'strikes by Israel',
    'the negotiations, led by the African Union', 'talks hosted by Qatar', 'the consent of the parties'."""
    agent = _pobj_of(noun, "by")
    if agent is not None:
        return agent
    between = _pobj_of(noun, "between")
    if between is not None:
        return between  # "talks between X and Y, mediated by Z": the talks are theirs, the mediation Z's
    for participle in noun.children:
        if participle.dep_ == "acl" and participle.tag_ == "VBN":
            # "talks hosted by Qatar"; "an accord struck between the junta and its rivals"
            agent = _pobj_of(participle, "by") if participle.lemma_.lower() in _LEADING_VERBS \
                else _pobj_of(participle, "between")
            if agent is not None:
                return agent
    for child in noun.lefts:
        if child.dep_ in _NOMINAL_ACTOR_DEPS and _looks_like_actor(child) and _in_phrase(child, noun) \
                and not _backer(child):
            return child
    group = _pobj_of(noun, "of")
    if group is not None and is_pair_reference(group):
        return group  # "the consent of the parties", "the approval of both sides": theirs
    between = _pobj_of(noun, "between")
    return between


def _backer(token: Token) -> bool:
    """ "UN" in "the UN-backed truce": who backs the act, not who does it."""
    doc = token.doc
    return token.i + 2 < len(doc) and doc[token.i + 1].text in _HYPHENS and doc[token.i + 2].lower_ in BACKER_WORDS


def mediated_parties(participle: Token) -> Optional[Token]:
    """ "talks between X and Y, mediated by Z": the parties of the talks a mediation participle
    hangs from (or whose clause it modifies) are who the mediator acts with."""
    head = participle.head
    nouns = [head] if participle.dep_ == "acl" else \
        [c for c in head.children if c.dep_ in ("nsubj", "nsubjpass")] if participle.dep_ == "advcl" else []
    return next((b for b in (_pobj_of(n, "between") for n in nouns) if b is not None), None)


def _in_phrase(modifier: Token, noun: Token) -> bool:
    """Whether a left modifier is inside the noun's phrase: no determiner before it and no
    punctuation but hyphens after it (not the dateline in "BEIRUT (Reuters) - A ceasefire")."""
    if any(c.dep_ == "det" and c.i > modifier.i for c in noun.lefts):
        return False
    return all(t.pos_ != "PUNCT" or t.tag_ == "HYPH" for t in noun.doc[modifier.i + 1:noun.i])


def group_of(noun: Token) -> Optional[Token]:
    """'the withdrawal of Israeli troops' -> troops (the group the noun is about)."""
    return _pobj_of(noun, "of")


def recipients_of(trigger_token: Token, actor: Optional[Token],
                  is_party: Optional[Callable[[Token], bool]] = None, moves_object: bool = False) -> Optional[Token]:
    """First recipient candidate: dative, object, then a with/to/on/against... pobj; `is_party`
    tells whether a noun phrase names someone (by default: by its form). With `moves_object`, the
    object is what the actor moves ("withdrew its troops", "recruited soldiers"), not a recipient."""
    is_party = is_party or _has_actor_part
    obj = _child(trigger_token, "dobj")
    if moves_object and obj is not None and obj.ent_type_ not in _PLACE_ENTITY_TYPES:
        obj = None  # "patrol southern Lebanon" still names where
    # "Berri, whom he praised": the relative pronoun stands for its antecedent
    candidates = [_child(trigger_token, "dative", "iobj"), antecedent_of_relative(obj) if obj is not None else None]
    if trigger_token.pos_ in ("NOUN", "PROPN") and actor is not None and actor.head.lower_ == "between":
        partners = [c for c in actor.children if c.dep_ == "conj"]
        candidates.insert(0, partners[0] if partners else None)
    candidates.append(_pobj_of(trigger_token, *_RECIPIENT_PREPS))
    candidates.append(_child(trigger_token, "nsubjpass"))
    if candidates[1] is not None:
        candidates.append(_party_in_object(candidates[1], actor, is_party))
    for cand in candidates:
        if cand is not None and (actor is None or cand.i != actor.i) and is_party(cand):
            return cand
    return None


def _party_in_object(obj: Token, actor: Optional[Token], is_party: Callable[[Token], bool]) -> Optional[Token]:
    """The party named in the object's own phrase: "approved a deal with Hezbollah", "presented a
    proposal for a truce to the speaker", "proposed a truce between X and Y" (the one not acting)."""
    frontier = [obj]
    for _ in range(_OBJECT_DEPTH):
        deeper = []
        for node in frontier:
            for prep in node.children:
                pobj = _child(prep, "pobj") if prep.dep_ == "prep" else None
                if pobj is None:
                    continue
                if prep.lower_ == "between":
                    sides = [t for t in conjuncts(pobj) if actor is None or t.i != actor.i]
                    if sides and is_party(sides[0]):
                        return sides[0]
                elif prep.lower_ in _OBJECT_PARTY_PREPS and is_party(pobj):
                    return pobj
                deeper.append(pobj)
        frontier = deeper
    return None


def side_of(party) -> Optional[tuple[str, bool]]:
    """The side of a conflict an actor mention or argument stands on (models.conflict_side)."""
    return conflict_side(party.code, party.sector)


def _looks_like_actor(token: Token) -> bool:
    if token.ent_type_ in _NON_ACTOR_ENTITY_TYPES or not token.text[:1].isalnum():
        return False  # "the October 7 attack"; "-A" where a dateline's dash is glued to "A"
    return token.ent_type_ in _ENTITY_TYPES or token.pos_ == "PROPN" or token.lower_ in _PERSONAL_PRONOUNS


def _has_actor_part(token: Token) -> bool:
    if _looks_like_actor(token) or any(_looks_like_actor(c) for c in token.lefts if c.dep_ in _NOMINAL_ACTOR_DEPS):
        return True
    group = _pobj_of(token, "of")
    return group is not None and _looks_like_actor(group)


_FIRST_PERSON = words("pronouns", "first_person")
_PAIR_LOOKBACK = 120  # tokens, a few sentences
# Modifiers and phrases through which a pair names its own country ("Sudan's warring parties",
# "the two Libyan delegations", "the warring sides in Chad").
_COUNTRY_MODIFIER_DEPS = ("amod", "nmod", "poss", "compound")
_COUNTRY_PREPS = words("prepositions", "pair_country")
# A third party's part in talks (third_party.tsv): who mediates, hosts or guarantees them, or
# lends them its help, is no side of them.
_ROLE_TITLES = words("third_party", "role_title")
_ROLE_VERBS = words("third_party", "role_verb")
_ROLE_PREPS = words("prepositions", "role_holder")
# Sectors of a conflict's sides: who may stand for a report's own parties (`home_party`).
_SIDE_SECTORS = {None, "GOV", "MIL", "REB"}
_NAME_WORDS = 3  # a speaker's name before a headline's colon


def _mediating(word: Token) -> bool:
    """ "mediated", "hosted", "guaranteed", "mediation": a word of a third party's part."""
    lemma = word.lemma_.lower()
    if lemma in _ROLE_VERBS:
        return True
    lexicon = default_lexicon()
    entry = lexicon.noun(lemma) if word.pos_ in ("NOUN", "PROPN") else lexicon.verb(lemma)
    return entry is not None and entry.mode == "third-party"


def plays_third_party(token: Token) -> bool:
    """Whether a name, with those coordinated with it, stands as the third party of talks or a deal
    ("mediated by X and Y", "with support from X and Y", "the guarantors, X and Y", "X and Y, which
    act as hosts", "X and Y hosted the talks"): two such names are no pair of sides."""
    first = token
    while first.dep_ in ("conj", "appos") and first.head.i != first.i:
        first = first.head
        if first.lemma_.lower() in _ROLE_TITLES:
            return True
    titled = [c for c in first.children if c.dep_ in ("compound", "amod", "appos")]
    titled += [g for c in first.children if c.dep_ == "relcl" for p in c.children if p.dep_ == "prep"
               for g in p.children if g.dep_ == "pobj"]  # "which act as guarantors"
    if any(t.lemma_.lower() in _ROLE_TITLES for t in (first, *titled)):
        return True
    if first.dep_ == "pobj":
        prep, governor = first.head, first.head.head
        if prep.dep_ == "agent":  # "supported by X and Y", not "X and Y attended the talks"
            return governor.lemma_.lower() in THIRD_PARTY_PARTICIPLES or _mediating(governor)
        return prep.lower_ in _ROLE_PREPS and (governor.lemma_.lower() in THIRD_PARTY_NOUNS or _mediating(governor))
    return first.dep_ == "nsubj" and _mediating(first.head)


def hosted_by_third_party(talks: Token, verb: Token) -> bool:
    """Whether the meeting named by `talks` (and `verb`, the verb carrying it) is said to be
    hosted, mediated or helped by someone: "talks hosted by X", "Qatari-mediated talks", "held
    talks under the auspices of X", "met with the help of X", "X mediated the talks", "a mediator
    in the talks", "arrived to mediate"."""
    governor = talks.head.head if talks.dep_ == "pobj" else talks.head if talks.dep_ in ("dobj", "nsubjpass") else talks
    if governor.i != talks.i and (_mediating(governor) or governor.lemma_.lower() in _ROLE_TITLES):
        return True
    for head in (talks, verb):
        for word in head.children:
            if word.dep_ in ("amod", "acl", "relcl", "compound", "xcomp", "advcl") and _mediating(word):
                return True
            if word.dep_ == "prep" and word.lower_ in THIRD_PARTY_PREPS and any(
                    g.dep_ == "pobj" and (g.lemma_.lower() in THIRD_PARTY_NOUNS or _mediating(g)) for g in word.children):
                return True
    return False


def nationalities(noun: Token) -> list[Token]:
    """ "the Chadian and Malian envoys": nationality adjectives coordinated on a plural noun, each
    naming a country of its own (else none)."""
    if noun.tag_ not in ("NNS", "NNPS"):
        return []
    demonyms = load_tables()[0].demonyms
    for first in (c for c in noun.children if c.dep_ in ("amod", "nmod", "compound")):
        group = [first] + [c for c in first.children if c.dep_ == "conj"]
        codes = {demonyms.get(t.lower_) for t in group}
        if len(group) > 1 and None not in codes and len(codes) == len(group):
            return group
    return []


def place_argument(place) -> EventArgument:
    """A place standing for its country: no party's name, only the country's code."""
    return EventArgument(place.text, place.start, place.end, None, place.code, None)


def _most_frequent(pairs: list[tuple[int, ActorMention, ActorMention]]) -> tuple[ActorMention, ActorMention]:
    """The pair of codes named most often (the first named wins a tie), as its first naming."""
    counts: dict[tuple[str, str], int] = {}
    for _, a, b in pairs:
        counts[(a.code, b.code)] = counts.get((a.code, b.code), 0) + 1
    top = max(counts, key=counts.get)
    _, a, b = next(pair for pair in pairs if (pair[1].code, pair[2].code) == top)
    return a, b


class ArgumentResolver:
    """Maps argument tokens to actor mentions of the ReportDoc (with a fallback for unresolved names)."""

    def __init__(self, rdoc: ReportDoc):
        self.rdoc = rdoc
        self._pair_cache: Optional[list[tuple[int, ActorMention, ActorMention]]] = None
        self.place_names = {p.text.lower() for p in rdoc.places}

    def expand(self, token: Token) -> list[Token]:
        """The tokens an argument stands for: its conjuncts, or for "both sides" the pair named before."""
        if is_pair_reference(token):
            pair = self.named_pair(token)
            country = self.own_country(token)
            # "Sudan's warring parties": a pair of another country named before is not theirs
            if pair and all(country in (None, m and m.code) for m in map(self.mention, pair)):
                return pair
        found = conjuncts(token)
        if len(found) == 1:
            found = sorted(headline_parties(token) + found, key=lambda t: t.i)
        if len(found) == 1 and len(nationalities(token)) > 1:
            return nationalities(token)  # "the Chadian and Malian envoys": one of each country
        group = _pobj_of(token, "of", "from") if len(found) == 1 else None
        if group is not None and token.pos_ == "NOUN":
            # "the security chiefs of both countries", "the chiefs of the two countries' services":
            # one per side of the pair named before
            pair_word = next((t for t in (group, *(c for c in group.children if c.dep_ == "poss"))
                              if is_pair_reference(t)), None)
            pair = self.expand(pair_word) if pair_word is not None else []
            if len(pair) == 2 and pair_word not in pair:
                return pair
            # "the presidents of Chad and Niger", "officials from Bolivia and Peru": one per country
            return found + conjuncts(group)[1:]
        return found

    def own_country(self, token: Token) -> Optional[str]:
        """The country a pair names as its own, by a modifier or a phrase ("Sudan's warring
        parties", "the two Libyan delegations", "the warring sides in Chad"), if any."""
        parts = [c for c in token.children if c.dep_ in _COUNTRY_MODIFIER_DEPS]
        parts += [c for c in token.rights if c.dep_ == "prep" and c.lower_ in _COUNTRY_PREPS]
        for part in parts:
            start, end = part.left_edge.idx, part.right_edge.idx + len(part.right_edge)
            states = [m.code for m in self.rdoc.actors_in(start, end)
                      if m.code and m.sector is None and m.code not in ORGANIZATION_CODES]
            places = [p.code for p in self.rdoc.places_in(start, end) if p.code]
            if states or places:
                return (states or places)[0]
        return None

    def named_pair(self, token: Token) -> list[Token]:
        """The latest "X and Y" of two actors, in this sentence or a few before (for a headline, the
        first one after), else the pair the report names most, else the latest pair named before
        (a civil war's two sides share one country, which the most-named pair leaves out)."""
        doc = token.doc
        before = reversed(doc[max(0, token.i - _PAIR_LOOKBACK):token.i])
        # a headline's parties are those its lead names: the report's first sentence looks ahead
        after = doc[token.i + 1:token.i + _PAIR_LOOKBACK] if token.sent.start == 0 else []
        pair = self._latest_pair((*before, *after))
        if pair:
            return pair
        if token.lemma_.lower() in PAIR_COUNTED_NOUNS and not self._pairs():
            # "the two nations", "the two rivals" in a report that never names them together: the
            # two countries it names most ("Iran reopens its embassy in Riyadh"), as first named
            return self._main_countries(doc)
        return self._main_pair(doc) or self._latest_pair(reversed(doc[:max(0, token.i - _PAIR_LOOKBACK)]))

    def _latest_pair(self, tokens) -> list[Token]:
        """The first "X and Y" of two actors among `tokens` (in the order given), not mediators."""
        for other in tokens:
            if other.dep_ != "conj" or other.pos_ not in ("PROPN", "NOUN") or other.head.pos_ not in ("PROPN", "NOUN"):
                continue
            if plays_third_party(other):
                continue
            first, second = self.mention(other.head), self.mention(other)
            # two parties of one country count too: a government and its insurgents
            if first and second and first.start != second.start and (first.code or second.code):
                return [other.head, other]
        return []

    def home_party(self) -> Optional[EventArgument]:
        """Parties of a truce or talks in a report that never names two sides together: those of
        the country the report is about, as its first naming as a state, else as a side of its
        conflict (a government, an army, rebels), never as a bystander or a reporter."""
        main = self.rdoc.main_country
        own = [m for m in self.rdoc.actors if main and m.code == main
               and (m.kind == "state" or m.sector in _SIDE_SECTORS)]
        first = min(own, key=lambda m: (m.kind != "state", m.start), default=None)
        return first.as_argument() if first is not None else None

    def _main_pair(self, doc) -> list[Token]:
        """The pair the report names most often, as the tokens of its latest naming."""
        if not self._pairs():
            return []
        a, b = _most_frequent(self._pairs())
        tokens = [doc.char_span(m.start, m.end, alignment_mode="expand") for m in (a, b)]
        return [span.root for span in tokens if span is not None]

    def _main_countries(self, doc) -> list[Token]:
        coded = [m for m in self.rdoc.actors if m.code and m.code not in ORGANIZATION_CODES]
        ranked = Counter(m.code for m in coded).most_common(3)
        if len(ranked) < 2 or len(ranked) == 3 and ranked[2][1] == ranked[1][1]:
            return []  # no two countries stand out
        # each country by its first naming, the state itself where the report names it as such
        firsts = [min((m for m in coded if m.code == code), key=lambda m: (m.sector is not None, m.start))
                  for code, _ in ranked[:2]]
        spans = [doc.char_span(m.start, m.end, alignment_mode="expand") for m in sorted(firsts, key=lambda m: m.start)]
        return [span.root for span in spans if span is not None]

    def counterpart(self, token: Token, actor: EventArgument) -> Optional[EventArgument]:
        """The other side of a pair the actor is named in ("Israel and Hezbollah", "the Ethiopia-TPLF
        talks"): the latest such pair before the token (or in its sentence), else the report's most
        frequent one.  Conflicts and truces have two sides; an attack with no target named hits the other."""
        if not actor.code:
            return None
        sides = [(i, a, b) for i, a, b in self._pairs() if side_of(actor) in (side_of(a), side_of(b))]
        if not sides:
            return None
        end = token.sent.end
        near = [(i, a, b) for i, a, b in sides if token.i - _PAIR_LOOKBACK <= i < end]
        if near:
            _, a, b = max(near, key=lambda pair: (pair[0] < token.i, pair[0] if pair[0] < token.i else -pair[0]))
        else:
            a, b = _most_frequent(sides)
        other = b if side_of(a) == side_of(actor) else a
        return other.as_argument()

    def announced_deal_parties(self, token: Token, predicate: Token, actors: list) -> list[Token]:
        """ "Malaysia's prime minister announced the truce", "the envoy confirmed extending it": one
        who reports a deal and is no side of any pair the report names is its messenger, not its
        party; the deal is the pair's (as named last, else most often).  Empty if not so."""
        # the verb reporting a clause with no subject of its own ("confirmed extending the truce");
        # not one whose clause names who acts ("said we may sign a deal")
        reported = predicate.dep_ in _REPORTED_DEPS and _child(predicate, *_SUBJECT_DEPS) is None
        verbs = [predicate] + ([predicate.head] if reported else [])
        if not any(v.lemma_.lower() in _REPORTING_VERBS for v in verbs):
            return []
        if not actors or any(a is None or not a.code or self.counterpart(token, a) is not None for a in actors):
            return []
        pair = self.named_pair(token)
        codes = {m.code for m in map(self.mention, pair) if m is not None}
        if len(pair) != 2 or codes & {a.code for a in actors}:
            return []
        return pair

    def _pairs(self) -> list[tuple[int, ActorMention, ActorMention]]:
        """Every 'X and Y' / 'X-Y' of two actor mentions of distinct sides (countries, or a state and
        a group of one country: "Chad's army and the rebels"), by token position."""
        if self._pair_cache is None:
            self._pair_cache = []
            for tok in self.rdoc.doc:
                if tok.dep_ == "conj" and tok.pos_ in ("PROPN", "NOUN") and tok.head.pos_ in ("PROPN", "NOUN"):
                    first = tok.head
                elif tok.dep_ == "compound" and tok.pos_ == "PROPN" and tok.i + 1 < len(tok.doc) \
                        and tok.nbor(1).text in _HYPHENS:
                    first, tok = tok, tok.head  # "Ethiopia-TPLF": Ethiopia is a compound of TPLF
                else:
                    continue
                if plays_third_party(first):
                    continue
                a, b = self.mention(first), self.mention(tok)
                if a and b and a.code and b.code and side_of(a) != side_of(b):
                    pair = (a, b) if a.start < b.start else (b, a)
                    self._pair_cache.append((first.i, *pair))
        return self._pair_cache

    def speaker_argument(self, token: Token) -> Optional[EventArgument]:
        """'we will not agree' inside a quote: the first person is the quote's speaker."""
        if token.lower_ not in _FIRST_PERSON:
            return None
        quote = self.rdoc.quote_containing(token.idx, token.idx + len(token))
        if quote is None:
            speaker = self.headline_speaker(token)
            return EventArgument(token.text, token.idx, token.idx + len(token), speaker.name, speaker.code,
                                 speaker.sector) if speaker is not None and speaker.code else None
        code, sector = quote.speaker_code, quote.speaker_sector
        if not code and quote.speaker_start is not None:  # the speaker's own actor mention may know
            speaker = self.rdoc.actor_covering(quote.speaker_start, quote.speaker_end)
            code, sector = (speaker.code, speaker.sector) if speaker is not None else (None, None)
        if not (code or sector):
            return None
        return EventArgument(token.text, token.idx, token.idx + len(token), quote.speaker, code, sector)

    def headline_speaker(self, token: Token) -> Optional[ActorMention]:
        """ "Aliyev: We have reached a deal": a headline's words after a short name and a colon are
        that person's, named in full in the report (the person whose name ends on it)."""
        sent = token.sent
        colon = next((t for t in sent if t.text == ":" and t.i < token.i), None)
        if colon is None or not _is_headline(sent) or not 0 < colon.i - sent.start <= _NAME_WORDS:
            return None
        name = sent.doc[sent.start:colon.i]
        if not all(t.text[:1].isupper() and t.is_alpha for t in name):  # the tagger often takes it for a noun
            return None
        last = name[-1].lower_
        return next((m for m in self.rdoc.actors if m.kind == "person" and m.code and m.name
                     and m.name.lower().split()[-1] == last), None)

    def nationality_argument(self, token: Token) -> Optional[EventArgument]:
        """One of "the Chadian and Malian envoys" (see `nationalities`): the group's part of that
        country, of the group's sector."""
        adjective = token
        while adjective.dep_ == "conj" and adjective.head.i != adjective.i:
            adjective = adjective.head
        if token.i not in {t.i for t in nationalities(adjective.head)}:
            return None
        group = self.mention(adjective.head)
        end = token.idx + len(token)
        return EventArgument(token.text, token.idx, end, None, load_tables()[0].demonyms[token.lower_],
                             group.sector if group is not None else None)

    def place_inside(self, token: Token, mention: Optional[ActorMention]) -> Optional[EventArgument]:
        """A country named inside a wider actor mention, as the state it names."""
        if mention is None or token.ent_type_ not in ("GPE", "NORP") or mention.end - mention.start <= len(token.text):
            return None
        place = next((p for p in self.rdoc.places_in(token.idx, token.idx + len(token)) if p.code), None)
        if place is None:
            return None
        return EventArgument(token.text, token.idx, token.idx + len(token), place.name, place.code, None)

    def is_party(self, token: Token) -> bool:
        """Whether a noun phrase names someone: by its form, or as an actor mention of the report
        ("a truce with the miners' militia")."""
        return _has_actor_part(token) or is_pair_reference(token) \
            or self.rdoc.actor_covering(token.idx, token.idx + len(token)) is not None

    def target(self, token: Token) -> Optional[EventArgument]:
        """Argument for a recipient: as `argument`, but a place no actor mention covers stands for
        its country ("shelled Kampala" hits Uganda)."""
        found = self.argument(token)
        if found is not None and found.code:
            return found
        place = self._place_at(token)
        if place is not None:
            return place_argument(place)
        within = _pobj_of(token, "of")  # "the Dahiyeh district of southern Beirut": a part of a known place
        place = self._place_at(within) if found is not None and within is not None else None
        if place is not None:
            return EventArgument(found.text, found.start, found.end, found.name, place.code, None)
        return found

    def is_town(self, token: Token) -> bool:
        """A place name that names a town, not a state: a capital standing for its government is
        one too ("Doha" for Qatar's), a state's own name is not ("Iran")."""
        if not any(p.start <= token.idx < p.end for p in self.rdoc.places):
            return False
        mention = self.mention(token)
        return mention is None or (mention.name or "").lower() != token.text.lower()

    def _place_at(self, token: Token):
        """The coded place a token is part of, when no actor mention covers it."""
        place = next((p for p in self.rdoc.places if p.start <= token.idx < p.end and p.code), None)
        if place is None or self.rdoc.actor_covering(token.idx, token.idx + len(token)) is not None:
            return None
        return place

    def mention(self, token: Token) -> Optional[ActorMention]:
        hit = self.rdoc.actor_covering(token.idx, token.idx + len(token))
        if hit is not None:
            return hit
        start = token.left_edge.idx
        inside = [m for m in self.rdoc.actors_in(start, token.idx + len(token)) if not self._sponsor(m)]
        if inside:
            return max(inside, key=lambda m: m.end)
        group = _pobj_of(token, "of", "from")  # "members of the war cabinet", "envoys from Lebanon"
        return self.mention(group) if group is not None else None

    def _sponsor(self, mention: ActorMention) -> bool:
        """ "Iran" in "the Iran-backed Huthis": the backer named in a modifier, not the noun's party."""
        tail = re.match(r"[-–]\s?(\w+)", self.rdoc.text[mention.end:mention.end + 20])
        return tail is not None and tail.group(1).lower() in BACKER_WORDS

    def argument(self, token: Optional[Token]) -> Optional[EventArgument]:
        """Argument for a token: its actor mention, else the bare noun phrase when it names someone."""
        if token is None:
            return None
        nationality = self.nationality_argument(token)
        if nationality is not None:
            return nationality
        mention = self.mention(token)
        place = self.place_inside(token, mention)
        if place is not None:  # "Rwanda" in "the Rwanda-backed rebels": the state, not the rebels
            return place
        if mention is not None and mention.code:
            return mention.as_argument()
        group = _pobj_of(token, "of")  # "additional forces of the Lebanese army": the army's
        if mention is not None and group is not None:
            owner = self.mention(group)
            if owner is not None and owner.code:
                return owner.as_argument()
        speaker = self.speaker_argument(token)
        if speaker is not None:
            return speaker
        if mention is not None:
            return mention.as_argument()
        pair = is_pair_reference(token)
        if not _has_actor_part(token) and not pair:
            return None
        if token.ent_type_ in ("GPE", "LOC", "FAC") or token.lower_ in self.place_names:
            # "the Geneva talks", "the Pretoria agreement", "[the Geneva Conference]LAW" (a place
            # the report names): where, not who (states are mentions)
            return None
        if is_dateline(token):
            return None  # a dateline ("SANAA, Yemen (AP) --"), not a party
        start = min((c.left_edge.idx for c in token.lefts if c.dep_ != "det"), default=token.idx)
        end = token.idx + len(token)
        # "the warring sides", when the report never names the pair: the parties of the country
        # they are named with, else of the report's own
        country = (self.own_country(token) or self.rdoc.main_country) if pair else None
        return EventArgument(self.rdoc.text[start:end], start, end, None, country, None)

