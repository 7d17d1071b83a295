"""The lexicons: the word tables of storyline/data/lexicons and the PLOVER trigger lexicon.

Word tables (`words`, `column`): one TSV per topic (pronouns, reporting verbs, modality markers,
prepositions, source nouns, place words), one row per word naming every list the word is in, so
that no word list is written twice and two lists share a word only where its row says so.  Every
module that needs a word list reads it here.

The trigger lexicon (`Lexicon`): lemma (and verb+particle / verb+object) -> event type, mode,
strength.  Built by scripts/build_event_lexicon.py from the CAMEO verb dictionary and a curated
layer; see storyline/data/SOURCES.md.  Look-ups are plain dictionary hits on lemmas. The events
stage reads it for triggers; the actors stage for the nouns that name acts and documents
("Washington's proposal": a city that owns an act is acting).
"""
from __future__ import annotations

import json
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Optional

LEXICON_PATH = Path(__file__).resolve().parent / "data" / "event_lexicon.json"
IRREGULAR_FORMS_PATH = Path(__file__).resolve().parent / "data" / "irregular_forms.tsv"
WORD_TABLE_DIR = Path(__file__).resolve().parent / "data" / "lexicons"


@dataclass(frozen=True)
class WordTable:
    """One lexicon file: its lists (name -> words) and its further columns (name -> word -> value)."""
    lists: dict[str, frozenset[str]]
    columns: dict[str, dict[str, str]]


@lru_cache(maxsize=None)
def word_table(name: str) -> WordTable:
    """storyline/data/lexicons/<name>.tsv: '#' comment lines, a header (word, lists, ...), then
    one row per word with its comma-separated list names and the values of the other columns."""
    lines = [line for line in (WORD_TABLE_DIR / f"{name}.tsv").read_text(encoding="utf-8").splitlines()
             if line.strip() and not line.startswith("#")]
    header = lines[0].split("\t")
    lists: dict[str, set[str]] = {}
    columns: dict[str, dict[str, str]] = {column: {} for column in header[2:]}
    for line in lines[1:]:
        word, memberships, *values = line.split("\t")
        for list_name in memberships.split(","):
            lists.setdefault(list_name, set()).add(word)
        for column, value in zip(header[2:], values):
            if value:
                columns[column][word] = value
    return WordTable({k: frozenset(v) for k, v in lists.items()}, columns)


@lru_cache(maxsize=None)
def irregular_forms() -> dict[str, str]:
    """Irregular English verb and noun forms -> base form ("struck" -> strike), built from the
    English model's lemmatizer by scripts/build_irregular_forms.py."""
    lines = IRREGULAR_FORMS_PATH.read_text(encoding="utf-8").splitlines()
    return dict(line.split("\t") for line in lines[1:] if line and not line.startswith("#") and line != "form\tbase")


def words(table: str, *lists: str) -> frozenset[str]:
    """The words of one or more lists of a table (their union); an unknown list is an error."""
    found = word_table(table).lists
    missing = [name for name in lists if name not in found]
    if missing:
        raise KeyError(f"no list {', '.join(missing)} in lexicon {table}")
    return frozenset().union(*(found[name] for name in lists))


def column(table: str, name: str) -> dict[str, str]:
    """word -> value of a further column of a table (words without a value are left out)."""
    return word_table(table).columns[name]



# Participles that make a name before them someone's backer, not a party of its own:
# "the Iran-backed rebels" (the actors stage gives the rebels no Iranian nationality; the
# events stage codes Iran's backing and keeps Iran out of the rebels' acts).
BACKER_WORDS = frozenset({"backed", "supported", "sponsored", "funded", "armed", "trained", "allied", "aligned",
                          "financed"})

_CURATED_STRENGTH = 0.9  # strength of the curated layer (scripts/build_event_lexicon.py)


@dataclass(frozen=True)
class Entry:
    event: str
    mode: Optional[str]
    strength: float


class Lexicon:
    def __init__(self, path: Path = LEXICON_PATH):
        data = {name: _in_both_spellings(table) for name, table in
                json.loads(path.read_text(encoding="utf-8")).items() if name != "source"}
        self.verbs = _entries(data["verbs"])
        self.phrasal_verbs = _entries(data["phrasal_verbs"])
        self.verb_objects = _entries(data["verb_objects"])
        self.nouns = _entries(data["nouns"])
        self.adjectives = _entries(data["adjectives"])
        # CAMEO 01x verb+object patterns: public statements ("declined comment", "denied the charges").
        self.statements = frozenset(data["statements"])
        self.light_verbs = frozenset(data["light_verbs"])
        self.document_nouns = frozenset(data["document_nouns"])
        self.breach_verbs = frozenset(data["breach_verbs"])  # "violated the truce": an attack on its terms
        # Every lemma a trigger can be headed by; the words the trigger finder and its special
        # cases ("be"/"expect" for presence, "right" for a claimed right to use force, a third
        # party's part in talks, a verb of naming with a word of blame) look at.
        self.head_words = frozenset(
            [*self.verbs, *self.adjectives, *self.light_verbs, "be", "expect", "right",
             *words("third_party", "role_noun", "role_participle"), *words("reporting_verbs", "naming")]
            + [key.split()[0] for key in (*self.phrasal_verbs, *self.verb_objects)]
            + [key.split()[-1] for key in self.nouns])
        self._head_hashes: dict[int, "numpy.ndarray"] = {}

    def candidate_tokens(self, doc) -> frozenset[int]:
        """Indices of the tokens a trigger can start from (their lemma is a head word) and of the
        verbs governing "right" ("reserves the right to respond"): one array pass per document,
        so the trigger finder never builds a Token it will not use."""
        import numpy
        from spacy.attrs import HEAD, LEMMA

        key = id(doc.vocab.strings)
        if key not in self._head_hashes:  # lemmas keep their case on proper nouns ("Talks")
            words = {form for w in self.head_words for form in (w, w.capitalize(), w.upper())}
            # sorted once, for a binary search per document (numpy.isin sorts the table every call)
            self._head_hashes[key] = numpy.unique(numpy.array([doc.vocab.strings.add(w) for w in words],
                                                              dtype="uint64"))
        if not len(doc):
            return frozenset()
        lemma_head = doc.to_array([LEMMA, HEAD]).astype("int64")
        hit = sorted_member(lemma_head[:, 0].astype("uint64"), self._head_hashes[key])
        indices = numpy.flatnonzero(hit)
        right = doc.vocab.strings["right"]
        rights = numpy.flatnonzero(lemma_head[:, 0].astype("uint64") == numpy.uint64(right))
        governors = rights + lemma_head[rights, 1]  # HEAD is stored relative to the token
        return frozenset(indices.tolist()) | frozenset(governors.tolist())

    def verb(self, lemma: str, particles: tuple[str, ...] = (), objects: tuple[str, ...] = (),
             complements: tuple[str, ...] = ()) -> Optional[Entry]:
        """The strongest entry for a verb; on equal strength the most specific (verb+object, verb+particle).

        Strength first, so that a broad CAMEO pattern never overrides a curated entry.
        """
        prefixes = (lemma, *(f"{lemma} {p}" for p in particles))
        candidates = [self.verb_objects.get(f"{prefix} +{obj}") for obj in objects for prefix in prefixes]
        # Infinitive complements ("voted to approve", "declined to comment") match only curated
        # patterns: CAMEO's object patterns name nouns ("expect VISIT"), not infinitives.
        candidates += [e for e in (self.verb_objects.get(f"{lemma} +{c}") for c in complements)
                       if e is not None and e.strength >= _CURATED_STRENGTH]
        if not any(candidates) and any(f"{lemma} +{obj}" in self.statements for obj in (*objects, *complements)):
            return None
        candidates += [self.phrasal_verbs.get(f"{lemma} {p}") for p in particles]
        candidates.append(self.verbs.get(lemma))
        found = [c for c in candidates if c is not None]
        return max(found, key=lambda c: c.strength) if found else None

    def noun(self, lemma: str, modifiers: tuple[str, ...] = ()) -> Optional[Entry]:
        """Entry for a noun, preferring a compound with one of its modifiers ("air strike", "rocket fire")."""
        for modifier in modifiers:
            entry = self.nouns.get(f"{modifier} {lemma}")
            if entry:
                return entry
        return self.nouns.get(lemma)


def sorted_member(values, sorted_ids):
    """values in sorted_ids (numpy arrays), elementwise: a binary search, with no re-sorting of
    a big table per call as numpy.isin does."""
    import numpy

    at = numpy.minimum(numpy.searchsorted(sorted_ids, values), len(sorted_ids) - 1)
    return sorted_ids[at] == values


def _in_both_spellings(table):
    """A lexicon table (patterns -> [event, mode, strength], or a list of words) with each pattern
    also in British spelling ("vote in +favour" beside "vote in +favor"); where the table has a
    pattern in both spellings, the stronger entry serves both."""
    british = column("spelling", "british")

    def variant(key: str) -> str:
        return " ".join(("+" if w.startswith("+") else "") + british.get(w.lstrip("+"), w.lstrip("+"))
                        for w in key.split(" "))
    if not isinstance(table, dict):
        return sorted({*table, *map(variant, table)})
    both = dict(table)
    for key, entry in table.items():
        other = variant(key)
        if other != key and (other not in both or both[other][2] < entry[2]):
            both[other] = entry
    return both


def _entries(table: dict) -> dict[str, Entry]:
    return {key: Entry(event, mode, strength) for key, (event, mode, strength) in table.items()}


@lru_cache(maxsize=1)
def default_lexicon() -> Lexicon:
    return Lexicon()
