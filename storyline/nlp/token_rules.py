"""The model's attribute rules and lemmatizer, applied by table look-up.

In en_core_web_sm the `attribute_ruler` (tag -> part of speech and morphology, and some word
exceptions) and the rule `lemmatizer` cost about a fifth of the whole model: both make Python
objects for every token of every Doc (a Span per rule match, a Token per lemma). Their outcome
for a token depends on few of its attributes, so it is computed once per distinct combination and
then looked up. The rules, tables and precedence are the model's own, read from its components;
the result is the same annotation, token for token (tests/test_selective.py compares them).

A rule of several tokens ("gon na") still goes through spaCy's Matcher, holding only those
rules. A rule written with a test this module does not read makes `TableAttributeRuler.supports`
false, and the parser then keeps the model's component.
"""
from __future__ import annotations

import re
from typing import Any, Optional

from spacy.attrs import DEP, IS_SPACE, LEMMA, LOWER, MORPH, ORTH, POS, TAG
from spacy.parts_of_speech import VERB
from spacy.matcher import Matcher
from spacy.pipeline import AttributeRuler, Lemmatizer
from spacy.tokens import Doc
from spacy.tokens._retokenize import set_token_attrs

# The token attributes a one-token rule may test, in the order of the look-up key.
_TESTED = ("TAG", "LOWER", "DEP", "IS_SPACE")
_TESTED_IDS = [TAG, LOWER, DEP, IS_SPACE]


class UnsupportedRule(ValueError):
    """A rule tests something the table cannot key on."""


def _value_test(spec: Any):
    """A predicate for one attribute's value from a Matcher token-pattern value."""
    if not isinstance(spec, dict):
        return lambda value: value == spec
    if set(spec) == {"IN"}:
        allowed = set(spec["IN"])
        return lambda value: value in allowed
    if set(spec) == {"NOT_IN"}:
        barred = set(spec["NOT_IN"])
        return lambda value: value not in barred
    if set(spec) == {"REGEX"}:
        pattern = re.compile(spec["REGEX"])
        return lambda value: isinstance(value, str) and pattern.search(value) is not None
    raise UnsupportedRule(f"pattern value {spec!r}")


def _token_test(token_pattern: dict):
    tests = []
    for attr, spec in token_pattern.items():
        if attr not in _TESTED:
            raise UnsupportedRule(f"pattern attribute {attr}")
        tests.append((_TESTED.index(attr), _value_test(spec)))
    return lambda key: all(test(key[position]) for position, test in tests)


class TableAttributeRuler:
    """The model's AttributeRuler, with its one-token rules looked up per (tag, lower, dep, space)."""

    def __init__(self, ruler: AttributeRuler):
        self.vocab = ruler.vocab
        self.attrs = ruler.attrs
        # One-token rules: those that name the word they apply to are found through it, the rest
        # are tested against every new (tag, dep, space).
        self.by_word: dict[str, list[tuple[int, Any]]] = {}
        self.any_word: list[tuple[int, Any]] = []
        self.multi = Matcher(ruler.vocab)
        self.multi_index: dict[int, int] = {}   # rule number -> which token of the match it sets
        self.supports = True
        try:
            for number, rule in enumerate(ruler.patterns):
                for pattern in rule["patterns"]:
                    if len(pattern) == 1 and rule["index"] in (0, -1):
                        self._add_single(number, pattern[0])
                    else:
                        self.multi.add(str(number), [pattern])
                        self.multi_index[number] = rule["index"]
        except UnsupportedRule:
            self.supports = False
        self._rules_of: dict[tuple, tuple[int, ...]] = {}        # (tag, lower, dep, space) -> rules
        self._any_word_rules: dict[tuple, tuple[int, ...]] = {}  # (tag, dep, space) -> rules
        self._merged: dict[tuple[int, ...], dict] = {}

    def _add_single(self, number: int, token_pattern: dict) -> None:
        test = _token_test(token_pattern)
        word = token_pattern.get("LOWER")
        if isinstance(word, str):
            self.by_word.setdefault(word, []).append((number, test))
        elif isinstance(word, dict) and set(word) == {"IN"}:
            for each in word["IN"]:
                self.by_word.setdefault(each, []).append((number, test))
        else:
            self.any_word.append((number, test))

    def _rules(self, key: tuple) -> tuple[int, ...]:
        """The one-token rules matching a token with these attribute ids (strings but IS_SPACE)."""
        rules = self._rules_of.get(key)
        if rules is None:
            strings = self.vocab.strings
            values = (strings[key[0]], strings[key[1]], strings[key[2]], bool(key[3]))
            general = self._any_word_rules.get((key[0], key[2], key[3]))
            if general is None:
                general = self._any_word_rules[(key[0], key[2], key[3])] = tuple(
                    n for n, test in self.any_word if test(values))
            worded = [n for n, test in self.by_word.get(values[1], ()) if test(values)]
            rules = self._rules_of[key] = tuple(sorted({*general, *worded})) if worded else general
        return rules

    def _attrs(self, rules: tuple[int, ...]) -> dict:
        """What rules applied in order leave on a token: a later rule's value wins."""
        merged = self._merged.get(rules)
        if merged is None:
            merged = {}
            for number in rules:
                merged.update(self.attrs[number])
            self._merged[rules] = merged
        return merged

    def __call__(self, doc: Doc) -> Doc:
        extra: dict[int, set[int]] = {}
        if self.multi_index:
            for match_id, start, end in self.multi(doc, allow_missing=True):
                number = int(self.vocab.strings[match_id])
                index = self.multi_index[number]
                extra.setdefault((start if index >= 0 else end) + index, set()).add(number)
        for i, key in enumerate(map(tuple, doc.to_array(_TESTED_IDS).tolist())):
            rules = self._rules(key)
            if i in extra:
                rules = tuple(sorted(set(rules) | extra[i]))
            if rules:
                set_token_attrs(doc[i], self._attrs(rules))
        return doc

    def pipe(self, docs, batch_size: Optional[int] = None):
        for doc in docs:
            yield self(doc)


class TableLemmatizer:
    """The model's rule Lemmatizer with its lemmas looked up per (word, part of speech,
    morphology), the key its own cache uses; a new key asks the lemmatizer."""

    def __init__(self, lemmatizer: Lemmatizer):
        self.lemmatizer = lemmatizer
        self.vocab = lemmatizer.vocab
        self.lemmas: dict[tuple[int, int, int], int] = {}  # key -> the lemma's string id

    def __call__(self, doc: Doc) -> Doc:
        if not len(doc):
            return doc
        overwrite = self.lemmatizer.overwrite
        columns = doc.to_array([ORTH, POS, MORPH, LEMMA])
        lemmas = columns[:, 3].copy()
        for i, (orth, pos, morph, lemma) in enumerate(columns.tolist()):
            if overwrite or lemma == 0:
                key = (orth, pos, morph)
                found = self.lemmas.get(key)
                if found is None:
                    found = self.lemmas[key] = self.vocab.strings.add(self.lemmatizer.lemmatize(doc[i])[0])
                lemmas[i] = found
        doc.from_array([LEMMA], lemmas.reshape(-1, 1))
        return doc

    def pipe(self, docs, batch_size: Optional[int] = None):
        for doc in docs:
            yield self(doc)


_VOWELS = set("aeiou")


class SilentELemmas:
    """The base of a verb that ends in a silent e, where the model's rule lemmatizer gives a
    shorter verb: "hoped", "hopes", "hoping" -> "hop", "slated" -> "slat". Of two rules that both
    give a known verb it keeps the last ("ed" -> "" after "ed" -> "e"); but English doubles the
    consonant of a short verb before an ending ("hopped", "slatting"), so a single consonant after a
    single vowel before it means the base has the e. Applied after the model in both modes."""

    def __init__(self, lemmatizer: Lemmatizer):
        self.verbs = frozenset(lemmatizer.lookups.get_table("lemma_index")["verb"])
        self.strings = lemmatizer.vocab.strings
        self.fixed: dict[tuple[int, int], int] = {}  # (word, lemma) -> the lemma to keep

    def base(self, word: str, lemma: str) -> str:
        n = len(lemma)
        if n < 3 or not word.startswith(lemma) or word[n:n + 1] not in ("e", "i") \
                or lemma[-1] in _VOWELS or lemma[-1] in "wxy" or lemma[-2] not in _VOWELS or lemma[-3] in _VOWELS:
            return lemma
        return lemma + "e" if lemma + "e" in self.verbs else lemma

    def __call__(self, doc: Doc) -> Doc:
        if not len(doc):
            return doc
        columns = doc.to_array([LOWER, LEMMA, POS])
        rows = [i for i, pos in enumerate(columns[:, 2].tolist()) if pos == VERB]
        if not rows:
            return doc
        lemmas = columns[:, 1].copy()
        for i in rows:
            key = (int(columns[i, 0]), int(columns[i, 1]))
            found = self.fixed.get(key)
            if found is None:
                found = self.fixed[key] = self.strings.add(self.base(self.strings[key[0]], self.strings[key[1]]))
            lemmas[i] = found
        doc.from_array([LEMMA], lemmas.reshape(-1, 1))
        return doc
