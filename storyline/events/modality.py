"""Modality of an event (asserted / negated / future / hypothetical) from the parse around its clause.

Walking up from the event's predicate through the clauses that embed it (infinitives, complements,
conjuncts), the nearest marker decides: a negation ("not", "never", "no ceasefire"), a modal
("would", "could" -> hypothetical; "will" -> future), a future governor ("is expected / set /
scheduled / going to", "plans to"; what is agreed to), a hypothetical governor ("proposes", "requires", "is likely
to") or a conditional ("if").  A document noun as subject ("the proposal requires Israeli forces
to withdraw") marks what it governs as terms not in force: hypothetical; the document of a deal
("the agreement requires ...") marks them as to come: future.  The walk stops at the
complement of a reporting verb: "said (that) X will ..." takes X's own markers.
"""
from __future__ import annotations

from typing import Optional

from spacy.tokens import Token

from ..lexicon import words
from ..models import MODALITIES

ASSERTED, NEGATED, FUTURE, HYPOTHETICAL = MODALITIES

# The markers are described in storyline/data/lexicons/modality.tsv.
_FUTURE_AUX = words("modality", "future_aux")
_HYPOTHETICAL_AUX = words("modality", "hypothetical_aux")
_REFUSAL_AUX = words("modality", "refusal_aux")
_FUTURE_GOVERNORS = words("modality", "future_governor")
_AGREEMENT_GOVERNORS = words("modality", "agreement_governor")
_HYPOTHETICAL_GOVERNORS = words("modality", "hypothetical_governor")
_FAILURE_GOVERNORS = words("modality", "failure_governor")
_DENIAL_GOVERNORS = words("modality", "denial_governor")
_HYPOTHETICAL_MODIFIERS = words("modality", "hypothetical_modifier")
_FUTURE_MODIFIERS = words("modality", "future_modifier")
_CONDITIONAL_MARKS = words("modality", "conditional_mark")
_NEGATIVE_SUBJECTS = words("modality", "negative_subject")
_AGREED_DOCUMENTS = words("modality", "agreed_document")
_TIME_PREPOSITIONS = words("prepositions", "time_phrase")
_REPORTING_VERBS = words("reporting_verbs", "reporting")
_FINITE_TAGS = {"VBD", "VBZ", "VBP"}
_CLIMB_DEPS = {"xcomp", "conj", "advcl", "acl", "pcomp", "prep", "pobj", "dobj", "nsubj", "nsubjpass", "ccomp"}


def _level_marker(verb: Token, document_nouns: frozenset, came_from: Optional[Token]) -> Optional[str]:
    """The modality marked on one clause head, if any (`came_from`: the child the walk came up through)."""
    children = list(verb.children)
    from_dep = came_from.dep_ if came_from is not None else None
    if from_dep == "conj" and came_from.tag_ in _FINITE_TAGS:
        return None  # "had not fired a shot and accused the army": a tensed conjunct has its own (not "did not attack or kill")
    if any(c.dep_ == "neg" or (c.dep_ == "det" and c.lower_ == "no") for c in children):
        return NEGATED
    if any(c.dep_ in ("nsubj", "nsubjpass") and (c.lower_ in _NEGATIVE_SUBJECTS or any(
            d.dep_ == "neg" or d.dep_ in ("det", "preconj") and d.lower_ in _NEGATIVE_SUBJECTS for d in c.children))
           for c in children):
        return NEGATED  # "neither side will shell the other", "nobody fired", "not a single shot was fired"
    auxes = {c.lower_ for c in children if c.dep_ in ("aux", "auxpass")}
    if auxes & _HYPOTHETICAL_AUX:
        return HYPOTHETICAL
    if verb.dep_ == "advcl" and _is_conditional(verb):
        return HYPOTHETICAL
    if verb.pos_ in ("VERB", "AUX") and any(c.dep_ == "advcl" and _is_conditional(c) for c in children):
        return HYPOTHETICAL  # "if they rearm, we will attack": the act hangs on the condition
    if auxes & _FUTURE_AUX:
        return FUTURE
    if verb.pos_ in ("NOUN", "PROPN"):  # "a potential ceasefire", "the planned withdrawal"
        modifiers = {c.lemma_.lower() for c in children if c.dep_ == "amod"}
        if modifiers & _HYPOTHETICAL_MODIFIERS:
            return HYPOTHETICAL
        if modifiers & _FUTURE_MODIFIERS:
            return FUTURE
    if from_dep is None:
        return None  # the predicate itself: its own lemma is not a governor of itself
    lemma = verb.lemma_.lower()
    if lemma in _FAILURE_GOVERNORS and from_dep == "xcomp":
        return NEGATED
    if lemma in _FUTURE_GOVERNORS and from_dep in ("xcomp", "nsubj", "nsubjpass"):
        return FUTURE
    if lemma in _AGREEMENT_GOVERNORS and from_dep in ("xcomp", "prep"):
        return FUTURE  # "agreed to withdraw", "agreed to a ceasefire": what is agreed is to come
    if lemma == "be" and from_dep == "xcomp" and is_infinitive(came_from):
        return FUTURE  # "the government is to free 40 prisoners": what is arranged to happen
    subject = next((c for c in children if c.dep_ in ("nsubj", "nsubjpass")), None)
    # what a document says ("requires X to withdraw", "includes a withdrawal"), not what it meets
    # ("the proposal coincides with talks in Doha")
    terms = subject is not None and subject.lemma_.lower() in document_nouns and from_dep != "nsubj" \
        and not _own_clause(came_from) and (from_dep in ("xcomp", "ccomp", "dobj") or lemma in _HYPOTHETICAL_GOVERNORS)
    if terms and _is_agreed(subject):
        return FUTURE  # "the agreement requires troops to withdraw": what a deal sets out is to come
    if lemma in _HYPOTHETICAL_GOVERNORS and (from_dep in ("xcomp", "ccomp", "dobj", "prep", "pobj")
                                             or from_dep == "advcl" and is_infinitive(came_from)):
        return HYPOTHETICAL  # "calls for X to be replaced": the parser hangs the infinitive as a clause
    return HYPOTHETICAL if terms else None


def _is_agreed(document: Token) -> bool:
    """A deal's document, not a proposal's: "the agreement", not "the proposal" nor "a draft deal"."""
    modifiers = {form for c in document.children if c.dep_ in ("amod", "compound") for form in (c.lower_, c.lemma_.lower())}
    return document.lemma_.lower() in _AGREED_DOCUMENTS and not modifiers & _HYPOTHETICAL_MODIFIERS


def _is_conditional(clause: Token) -> bool:
    return any(c.dep_ == "mark" and c.lower_ in _CONDITIONAL_MARKS for c in clause.children)


def _own_clause(clause: Token) -> bool:
    """A finite adverbial clause with a subject of its own ("took effect after the cabinet approved
    it") states its own act; it is none of the document's terms ("calls for X to withdraw" is)."""
    return clause.dep_ == "advcl" and not is_infinitive(clause) \
        and any(c.dep_ in ("nsubj", "nsubjpass") for c in clause.children)


def modality_of(predicate: Token, document_nouns: frozenset, max_levels: int = 6) -> str:
    token, came_from = predicate, None
    for _ in range(max_levels):
        marker = _level_marker(token, document_nouns, came_from)
        if marker is not None:
            return marker
        if token.dep_ not in _CLIMB_DEPS or token.head.i == token.i:
            break
        first_saying = saying_joined_to_content(token)
        if first_saying is not None:
            came_from, token = token, first_saying
            continue
        if token.dep_ in ("ccomp", "xcomp", "dobj") and is_denial(token.head):
            return NEGATED  # "denied that it had armed them", "denied attacking", "denied charges that ..."
        if token.dep_ == "ccomp" and token.head.lemma_.lower() in _REPORTING_VERBS:
            break  # reported content keeps its own modality
        if token.dep_ == "pobj" and token.head.lower_ in _TIME_PREPOSITIONS:
            break  # "during repeated rounds of talks, ...", "following a US request, ...": presupposed
        if token.dep_ in ("advcl", "relcl") and _past(token):
            break  # "will take effect after both sides accepted it": a clause in the past tells its own time
        came_from, token = token, token.head
    return ASSERTED


def is_denial(verb: Token) -> bool:
    return verb.lemma_.lower() in _DENIAL_GOVERNORS


def denied(predicate: Token, max_levels: int = 6) -> bool:
    """An act told as the content of a denial ("denied that its troops had fired")."""
    token = predicate
    for _ in range(max_levels):
        if token.dep_ in ("ccomp", "xcomp", "dobj") and is_denial(token.head):
            return True
        if token.head.i == token.i:
            return False
        token = token.head
    return False


def saying_joined_to_content(verb: Token) -> Optional[Token]:
    """ "said the army had not been consulted and warned that ...": the parser hangs the second
    saying on what the first one said; the first saying, which both belong to."""
    head = verb.head
    if verb.dep_ == "conj" and verb.lemma_.lower() in _REPORTING_VERBS and head.dep_ == "ccomp" \
            and head.head.lemma_.lower() in _REPORTING_VERBS and not any(c.dep_ in ("nsubj", "nsubjpass") for c in verb.children):
        return head.head
    return None


def _past(verb: Token) -> bool:
    """A finite verb in the past: "accepted", "had accepted"."""
    return verb.tag_ == "VBD" or verb.tag_ == "VBN" and any(
        c.dep_ == "aux" and c.lemma_.lower() == "have" for c in verb.children)


def is_infinitive(token: Token) -> bool:
    return any(c.dep_ == "aux" and c.lower_ == "to" for c in token.children)


def is_refusal(predicate: Token) -> bool:
    """A negated act refused for the future ("will not agree", "would not suspend its attacks"); not
    one reported as not done ("did not sign", "has not yet confirmed", "failed to extend")."""
    verb = predicate.head if predicate.dep_ == "xcomp" and predicate.head.pos_ in ("VERB", "AUX") else predicate
    return any(c.dep_ == "aux" and c.lower_ in _REFUSAL_AUX for c in verb.children)
