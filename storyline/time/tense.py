"""Which way a time expression points, read from the verb that governs it in the dependency parse.

"Hochstein met Berri on Thursday" points to the past, "Hochstein will travel on Monday", "is
expected in Beirut on Tuesday", "plans to visit on Friday" to the future.  Expressions with no
tensed verb above them (headlines, captions) get None and the caller's default applies.
"""
from __future__ import annotations

from typing import Optional

from spacy.tokens import Doc, Token

from ..lexicon import words

# Verbs that only point ahead with an infinitive ("is set to", "is going to", "hopes to") ...
_FUTURE_WITH_INFINITIVE = words("modality", "ahead_with_infinitive")
# ... and the future governors that do so whatever their own tense ("expected on Tuesday",
# "planned for Saturday", "is due Monday"): the events stage's future markers.
_FUTURE_LEMMAS = words("modality", "future_governor") - _FUTURE_WITH_INFINITIVE
_MODALS = words("modality", "modal")
_PERFECT = frozenset({"have", "has", "had", "'ve", "'d"})
_PRESENT_BE = frozenset({"is", "are", "am", "'s", "'re"})
_PAST_AUX = frozenset({"was", "were", "did"})
_MAX_CLIMB = 8
# Verbs whose infinitive happened when they did ("managed to meet on Monday").
_IMPLICATIVE = words("modality", "implicative")


def governing_verb(token: Token) -> Optional[Token]:
    """The nearest verb (or predicate adjective such as "due") above the token."""
    t = token
    for _ in range(_MAX_CLIMB):
        if t.pos_ in ("VERB", "AUX") or (t.pos_ == "ADJ" and t.dep_ in ("acomp", "ROOT") and t.lemma_ in _FUTURE_LEMMAS):
            return t
        if t.head is t:
            return None
        t = t.head
    return None


def verb_direction(verb: Token, depth: int = 0) -> Optional[str]:
    """"future", "past" or None for the clause of `verb`."""
    aux = [c.lower_ for c in verb.children if c.dep_ in ("aux", "auxpass")]
    perfect = any(a in _PERFECT for a in aux)
    if any(a in _MODALS for a in aux) and not perfect:
        return "future"
    if verb.lemma_ in _FUTURE_LEMMAS or (verb.lemma_ in _FUTURE_WITH_INFINITIVE and _has_infinitive(verb)):
        return "future"
    if verb.lemma_ == "be" and any(c.dep_ == "acomp" and c.lemma_ in _FUTURE_LEMMAS for c in verb.children):
        return "future"  # "is due in Israel on Thursday"
    if verb.tag_ == "VB" and "to" in aux:
        # "plans to travel on Monday", "is to resume on Tuesday": the governing verb decides;
        # an infinitive under a noun ("an agreement to buy it in January") looks ahead.
        head = verb.head
        if head is verb or head.pos_ not in ("VERB", "AUX", "ADJ") or depth >= 2:
            return "future"
        if head.lemma_ == "be" and head.tag_ in ("VBZ", "VBP"):
            return "future"
        governing = verb_direction(head, depth + 1)
        if governing == "past" and head.lemma_ not in _IMPLICATIVE:
            return None  # "invited them to convene on February 18": after the inviting, before or after today
        return governing
    if verb.tag_ == "VBD" or perfect or any(a in _PAST_AUX for a in aux):
        return "past"
    if verb.tag_ == "VBG" and any(a in _PRESENT_BE for a in aux):
        return "future"  # the present progressive with a date is a plan ("is travelling on Monday")
    return None  # the simple present is a caption or headline as often as a schedule


def _has_infinitive(verb: Token) -> bool:
    return any(c.dep_ == "xcomp" and c.tag_ == "VB" for c in verb.children)


def direction_at(doc: Doc, start: int, end: int) -> Optional[str]:
    """Direction of the expression at [start, end) of the document text."""
    span = doc.char_span(start, end, alignment_mode="expand")
    if span is None or not len(span):
        return None
    verb = governing_verb(span.root)
    return verb_direction(verb) if verb is not None else None
