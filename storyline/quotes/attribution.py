"""Reporting relations read off the dependency parse: who is said to have said what.

An `Attribution` is a cue (a reporting verb such as "said", "told", "noted", or "according
to"), the speaker phrase and, when the cue takes one, the span of the reported content:

- "X said (that) CLAUSE", "X told CNN CLAUSE":  the clausal complement (ccomp) of the verb;
- "CLAUSE, X said":  the same ccomp, which the parser puts before the verb;
- "according to X, CLAUSE" / "CLAUSE, according to X":  the clause the phrase modifies, minus it;
- "..., adding that CLAUSE" / "and noted that CLAUSE":  the subject comes from the governing verb.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Iterator, Optional

import numpy
from spacy.attrs import LOWER, POS
from spacy.strings import get_string_id
from spacy.symbols import AUX, VERB
from spacy.tokens import Doc, Span, Token

from ..lexicon import words
from .lexicon import Lexicon

# Children of a speaker's head that are not part of the naming phrase ("Hugh Hill, a doctor,").
_SPEAKER_CUT_DEPS = {"appos", "relcl", "punct", "advcl", "parataxis"}
_EDGE_PUNCT = set(",.;:—–-()[]") | {"--"}
_OPEN_MARKS = set("“‘«„\"'")
_CLOSE_MARKS = set("”’»\"'")
_SUBJECT_DEPS = ("nsubj", "nsubjpass")
_INHERIT_DEPS = {"conj", "advcl", "xcomp", "ccomp"}  # "..., adding that" takes the governing subject
_MIN_CONTENT_TOKENS = 3
_SOURCE_PREPS = {"according": "to", "per": None}
_SOURCE_PREP_IDS = [get_string_id(w) for w in _SOURCE_PREPS]
_QUESTION_MARKS = {"if", "whether"}
_CITING_VERBS = {"cite", "quote"}
_ADDRESSEE_VERBS = words("reporting_verbs", "addressee")  # their object is the hearer


@dataclass
class Attribution:
    cue: Token                      # reporting verb, or "according"/"per"
    speaker: Optional[Span]         # the phrase naming the speaker
    content: Optional[tuple[int, int]]   # char span of the reported content
    colon: bool = False             # "X said:" introduces what follows

    @property
    def start(self) -> int:
        return self.cue.idx


def find_attributions(doc: Doc, lex: Lexicon) -> list[Attribution]:
    found = [a for i in _cue_candidates(doc) for a in _attributions_at(doc[i], lex)]
    return sorted(found, key=lambda a: a.start)


def _cue_candidates(doc: Doc) -> list[int]:
    """The tokens _attributions_at can take (verbs, auxiliaries, "according", "per"), picked from
    the parse as arrays: building every token and reading its strings cost more than the rest."""
    if not len(doc):
        return []
    lower, pos = doc.to_array([LOWER, POS]).T
    mask = (pos == VERB) | (pos == AUX)
    for prep in _SOURCE_PREP_IDS:
        mask |= lower == prep
    return numpy.flatnonzero(mask).tolist()


def _attributions_at(token: Token, lex: Lexicon) -> Iterator[Attribution]:
    lower = token.lower_
    if lower in _SOURCE_PREPS and token.dep_ == "prep":
        attribution = _source_phrase(token, _SOURCE_PREPS[lower])
        if attribution:
            yield attribution
    elif token.pos_ in ("VERB", "AUX") and token.lemma_.lower() in lex.verbs:
        attribution = _reporting_verb(token, lex)
        if attribution:
            yield attribution
    elif token.pos_ == "VERB" and token.lemma_.lower() in lex.stance_verbs:
        attribution = _stance(token, lex)
        if attribution:
            yield attribution


def _reporting_verb(verb: Token, lex: Lexicon) -> Optional[Attribution]:
    subject = _subject(verb, lex)
    if subject is not None and subject.dep_ == "expl":   # "it was reported that": no speaker
        subject = None
    complement = next((c for c in verb.children if c.dep_ == "ccomp"), None)
    content = _clause_span(complement, verb, lex) if complement is not None else _inverted_content(verb)
    nxt = verb.doc[verb.i + 1] if verb.i + 1 < len(verb.doc) else None
    colon = any(t.text == ":" for t in verb.rights if t.i <= verb.i + 6) or (nxt is not None and nxt.text == ":")
    if subject is None and content is None:
        return None
    return Attribution(verb, speaker_phrase(subject) if subject is not None else None, content, colon)


def _stance(verb: Token, lex: Lexicon) -> Optional[Attribution]:
    """ "expressed hope that both sides will agree", "voiced concern that the talks could fail":
    the clause of the stance noun is what the subject said."""
    noun = next((c for c in verb.children if c.dep_ == "dobj" and c.lemma_.lower() in lex.stance_nouns), None)
    clause = next((c for c in noun.children if c.dep_ in ("ccomp", "acl")
                   and any(m.dep_ == "mark" and m.lower_ == "that" for m in c.children)), None) if noun else None
    subject = _subject(verb, lex)
    if clause is None or subject is None:
        return None
    return Attribution(verb, speaker_phrase(subject), _clause_span(clause, noun, lex), False)


def _subject(verb: Token, lex: Lexicon) -> Optional[Token]:
    """The verb's subject, or that of the verb it hangs from ("..., adding that", "and noted"):
    the nearest reporting verb above it with a subject, else the nearest verb with one."""
    if _own_subject(verb) is not None:
        return _own_subject(verb)
    if verb.dep_ == "acl" and (verb.tag_ == "VBD" or any(c.dep_ == "ccomp" for c in verb.children)):
        # "NDJAMENA - FACT rebels denied that ...": a past tense the parser hangs on its subject as
        # a participle (no participle says a clause)
        return verb.head
    chain = [verb]
    while chain[-1].dep_ in _INHERIT_DEPS | {"pcomp"} and chain[-1].head.i != chain[-1].i and len(chain) < 5:
        chain.append(chain[-1].head)
        if chain[-1].pos_ == "ADP":   # "cited X as saying": hop over "as"
            chain[-1] = chain[-1].head
        quoted = _quoted_object(chain[-1])
        if quoted is not None:
            return quoted
    subjects = [(token, _own_subject(token)) for token in chain]
    for token, subject in subjects[1:]:
        if subject is not None and token.lemma_.lower() in lex.verbs:
            return subject
    return next((subject for _, subject in subjects if subject is not None), None) or _adjacent_subject(verb)


def _adjacent_subject(verb: Token) -> Optional[Token]:
    """ "CLAUSE, two diplomats briefed on the talks said": a subject the parser hung on the clause
    before it is the noun phrase that ends just before the verb, after the clause's last comma."""
    doc = verb.doc
    comma = max((t.i for t in doc[verb.sent.start:verb.i] if t.text == ","), default=None)
    if comma is None or verb.i - comma < 2:
        return None
    return next((t for t in doc[comma + 1:verb.i] if t.pos_ in ("NOUN", "PROPN") and t.right_edge.i == verb.i - 1),
                None)


def _quoted_object(token: Token) -> Optional[Token]:
    """"CNN cited an Israeli source as saying": the one cited is the speaker."""
    if token.lemma_.lower() not in _CITING_VERBS:
        return None
    return next((c for c in token.children if c.dep_ == "dobj"), None)


def _own_subject(token: Token) -> Optional[Token]:
    return next((c for c in token.children if c.dep_ in _SUBJECT_DEPS or c.dep_ == "expl"), None)


def _inverted_content(verb: Token) -> Optional[tuple[int, int]]:
    """"CLAUSE, a Lebanese official told CNN": the parser may hang the reporting verb off the
    clause it reports; the content is then that clause up to the comma before the cue."""
    head = verb.head
    if verb.dep_ not in ("advcl", "parataxis", "conj") or head.i >= verb.i or _own_subject(verb) is None:
        return None
    before = verb.left_edge.i - 1
    if before < 0 or verb.doc[before].text != ",":
        return None
    return _trimmed(verb.doc, head.left_edge.i, before)


def _source_phrase(prep: Token, object_prep: Optional[str]) -> Optional[Attribution]:
    """"according to X" / "per X": the speaker is X, the content the clause the phrase modifies."""
    holder = next((c for c in prep.children if c.lower_ == object_prep), None) if object_prep else prep
    obj = next((c for c in holder.children if c.dep_ == "pobj"), None) if holder is not None else None
    if obj is None or (object_prep is None and obj.ent_type_ not in ("PERSON", "ORG", "GPE", "NORP")):
        return None
    clause = prep.head
    while clause.pos_ not in ("VERB", "AUX") and clause.head.i != clause.i:
        clause = clause.head
    return Attribution(prep, speaker_phrase(obj), _clause_minus(clause, prep))


def speaker_phrase(head: Token) -> Span:
    """The words naming the speaker: the head with its modifiers, without appositions and clauses."""
    doc = head.doc
    left, right = head.left_edge, head
    commas = [t for t in doc[left.i:head.i] if t.text == ","]
    if commas:  # "described as non-negotiable, two diplomats said": words across a comma are not the speaker's
        left = doc[commas[-1].i + 1]
    for child in head.rights:
        if child.dep_ in _SPEAKER_CUT_DEPS:
            break
        right = child.right_edge
    comma = next((t for t in doc[head.i + 1:right.i + 1] if t.text == ","), None)
    if comma is not None:   # "a Lebanese official briefed on the talks, who requested anonymity"
        right = doc[comma.i - 1]
    while right.i > left.i and (right.text in _EDGE_PUNCT or right.dep_ == "cc" or right.is_space):
        right = doc[right.i - 1]
    while left.i < right.i and (left.text in _EDGE_PUNCT or left.text in _OPEN_MARKS):
        left = doc[left.i + 1]
    return doc[left.i:right.i + 1]


def _clause_span(complement: Token, verb: Token, lex: Lexicon) -> Optional[tuple[int, int]]:
    """Char span of a reported clause: its subtree, stopping before a conjoined reporting verb."""
    doc = complement.doc
    start, end = complement.left_edge.i, complement.right_edge.i
    if end < verb.i and any(t.text == ";" for t in doc[end:verb.i]):   # "A did X; B said": not B's words
        return None
    between = [c for c in verb.children if end < c.i < verb.i]
    if end < verb.i and (any(c.dep_ == "dobj" for c in between) or sum(c.dep_ == "nsubj" for c in between) > 1):
        # "A accused B of X, a charge C denied" (the charge parsed as the object, or as a second
        # subject): C denies the charge, the reporter tells A's words
        return None
    if verb.lemma_.lower() not in _ADDRESSEE_VERBS:   # "said both Israel and Hamas ... were informed"
        start = min([start] + [c.left_edge.i for c in verb.children
                               if c.dep_ == "dobj" and verb.i < c.i < complement.i])
    for child in complement.rights:
        # "said A and added that B": B is the next cue's; "said he was ready and would respond
        # firmly": one content, whose second verb reports nothing
        if child.dep_ == "conj" and child.lemma_.lower() in lex.verbs and any(c.dep_ == "ccomp" for c in child.children):
            end = min(end, child.left_edge.i - 1)
    if doc[start].lower_ in _QUESTION_MARKS:   # "would not say if ...": nothing was stated
        return None
    if start > verb.i:   # "X said that CLAUSE": drop the complementiser
        while start <= end and doc[start].dep_ == "mark" and doc[start].head.i == complement.i:
            start += 1
    return _trimmed(doc, start, end)


def _clause_minus(clause: Token, phrase: Token) -> Optional[tuple[int, int]]:
    """The clause's words on the side of an embedded phrase ("according to X") that holds its verb."""
    doc = clause.doc
    lo, hi = clause.left_edge.i, clause.right_edge.i
    p_lo, p_hi = phrase.left_edge.i, phrase.right_edge.i
    if not lo <= p_lo <= hi:
        return None
    start, end = (lo, p_lo - 1) if clause.i < p_lo else (p_hi + 1, hi)
    while start <= end and doc[start].dep_ == "mark" and doc[start].head.i == clause.i:
        start += 1
    return _trimmed(doc, start, end)


def _trimmed(doc: Doc, start: int, end: int) -> Optional[tuple[int, int]]:
    """Token range without edge punctuation or unbalanced marks, as a char span."""
    while start <= end and (doc[start].text in _EDGE_PUNCT or doc[start].dep_ == "cc" or doc[start].is_space):
        start += 1
    while end >= start and (doc[end].text in _EDGE_PUNCT or doc[end].dep_ == "cc" or doc[end].is_space):
        end -= 1
    if end < start:
        return None
    text = doc[start:end + 1].text
    opens = sum(text.count(m) for m in "“‘«")
    if doc[end].text in _CLOSE_MARKS and not opens and doc[end].text != "\"":
        end -= 1
        while end >= start and (doc[end].text in _EDGE_PUNCT or doc[end].is_space):
            end -= 1
    if doc[start].text in _OPEN_MARKS and not any(doc[i].text in _CLOSE_MARKS for i in range(start + 1, end + 1)):
        start += 1
    if end - start + 1 < _MIN_CONTENT_TOKENS:
        return None
    return (doc[start].idx, doc[end].idx + len(doc[end]))
