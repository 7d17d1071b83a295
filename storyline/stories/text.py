"""Text features of stored reports: topic terms for story grouping and MinHash for near-duplicates.

No NLP model here: the stories layer reads the store only. Topic terms are the proper names of
the text (capitalised words that are not sentence-initial) plus the resolved actor names from the
actors table. Common words are left out: "ceasefire", "talks", "proposal" are shared by every
negotiation, the names (Hezbollah, Berri, Litani vs Hamas, Sisi, Doha) tell stories apart.
"""
from __future__ import annotations

import functools
import math
import re
import zlib
from collections import Counter
from typing import Iterable

import numpy as np
import snowballstemmer

from ..lexicon import irregular_forms, word_table

WORD_RE = re.compile(r"[A-Za-z][A-Za-z'’]+")   # hyphens split: Israel-Hezbollah is two names
SENTENCE_START_RE = re.compile(r"(?:^|[.!?\"“”]\s+|\n\s*)([A-Z][A-Za-z'’\-]+)")
STOPWORDS = frozenset("""
a about above after again against all also am an and any are as at be because been before being below
between both but by can could did do does doing down during each few for from further had has have
having he her here hers him his how i if in into is it its itself just me more most my no nor not now
of off on once only or other our out over own same she should so some such than that the their them
then there these they this those through to too under until up very was we were what when where which
while who whom why will with would you your said says say told tells according also would could
new one two three four five six seven eight nine ten first last year years week weeks day days month
months monday tuesday wednesday thursday friday saturday sunday january february march april may june
july august september october november december yesterday today tomorrow morning evening night
mr mrs ms news report reports reported reporting read advertisement updated published photo file
image images getty reuters afp ap cnn press click subscribe newsletter more min us per via since
""".split())
NAME_WEIGHT = 2.0            # each mention of a name in the text
ACTOR_WEIGHT = 1.0           # a resolved actor name mostly restates a name of the text: a confirmation
MAX_TERMS = 40               # terms kept per report vector
SINGLETON_FACTOR = 0.2       # a term no other report has (a byline) cannot match yet: keep it small


def _normal(word: str) -> str:
    return word.lower().replace("’", "'").removesuffix("'s")


# Resolved names ("Najib Mikati" for "Makati"); descriptors ("a diplomatic source") are not topics.
ACTOR_NAME_RE = re.compile(r"^(?!(?:The|A|An)\b)[A-Z][\w'’.-]*(?: (?:[A-Z][\w'’.-]*|al|bin|el|de|of)){0,4}$")
MARKUP_RE = re.compile(r"<[^>]*>|https?://\S+")


def topic_terms(text: str, actor_names: Iterable[str] = ()) -> Counter:
    """Weighted raw term counts of a report: proper names of the text and resolved actor names."""
    text = MARKUP_RE.sub(" ", text)   # scraped texts keep links and tags
    starts = {m.start(1) for m in SENTENCE_START_RE.finditer(text)}
    counts: Counter = Counter()
    for m in WORD_RE.finditer(text):
        word = _normal(m.group())
        if len(word) < 3 or word in STOPWORDS:
            continue
        if m.group()[0].isupper() and m.start() not in starts:
            counts[word] += NAME_WEIGHT
    for name in actor_names:
        if name and ACTOR_NAME_RE.match(name):
            counts["@" + name.lower()] += ACTOR_WEIGHT
    return counts


def shared_norm(vector: dict[str, float], df: dict[str, int]) -> float:
    """Length of the part of a vector other reports can share: a name no other report has
    (a byline, a photographer) cannot match anything and should not dilute the similarity."""
    return math.sqrt(sum(w * w for t, w in vector.items() if df.get(t, 0) > 1)) or 1.0


def weigh(counts: Counter, df: dict[str, int], n_docs: int) -> dict[str, float]:
    """Unit-length tf-idf vector over the MAX_TERMS heaviest terms (sublinear tf, smoothed idf)."""
    scored = {t: (1 + math.log(c)) * (math.log((n_docs + 1) / (df.get(t, 0) + 1)) + 1)
              * (SINGLETON_FACTOR if df.get(t, 0) <= 1 else 1.0)
              for t, c in counts.items()}
    top = dict(sorted(scored.items(), key=lambda kv: -kv[1])[:MAX_TERMS])
    norm = math.sqrt(sum(w * w for w in top.values())) or 1.0
    return {t: w / norm for t, w in top.items()}


# -- near-duplicate texts: MinHash over word 5-gram shingles, banded for LSH look-ups ------------
SHINGLE = 5
N_HASHES = 64
BANDS = 16                   # 16 bands x 4 rows: pairs with Jaccard >= ~0.5 collide in some band
ROWS = N_HASHES // BANDS
_PRIME = (1 << 61) - 1
_rng = np.random.default_rng(20241119)  # fixed seed: signatures must be comparable across runs
_A = _rng.integers(1, _PRIME, N_HASHES, dtype=np.uint64)
_B = _rng.integers(0, _PRIME, N_HASHES, dtype=np.uint64)
SHINGLE_WORD_RE = re.compile(r"\w+")


def shingles(text: str) -> set[int]:
    words = SHINGLE_WORD_RE.findall(text.lower())
    return {zlib.crc32(" ".join(words[i:i + SHINGLE]).encode()) for i in range(max(len(words) - SHINGLE + 1, 1))}


def minhash(shingle_set: set[int]) -> np.ndarray:
    h = np.fromiter(shingle_set, dtype=np.uint64, count=len(shingle_set))
    # universal hashing as in datasketch: full-width multipliers, wrapping at 2**64 on purpose (small
    # multipliers would keep the order of the crc values, and every permutation would pick the same minimum)
    with np.errstate(over="ignore"):
        return ((np.outer(_A, h) + _B[:, None]) % np.uint64(_PRIME)).min(axis=1)


def band_buckets(signature: np.ndarray) -> list[tuple[int, int]]:
    """(band, bucket) keys: two texts sharing any key are near-duplicate candidates."""
    return [(b, zlib.crc32(signature[b * ROWS:(b + 1) * ROWS].tobytes()) + (b << 32)) for b in range(BANDS)]


def resemblance(a: set[int], b: set[int]) -> float:
    """Jaccard of shingle sets, or containment when one text is an excerpt of the other."""
    if not a or not b:
        return 0.0
    inter = len(a & b)
    return max(inter / len(a | b), inter / min(len(a), len(b)) * 0.9)


def content_words(text: str) -> frozenset[str]:
    """Content words of a short text (a quote), for comparing claims."""
    return frozenset(w for w in (_normal(m.group()) for m in WORD_RE.finditer(text))
                     if len(w) >= 3 and w not in STOPWORDS)


CLAUSE_WORD_RE = re.compile(r"[0-9]+(?:-[A-Za-z]+)+|[A-Za-z0-9]+(?:['’][A-Za-z]+)?(?:-[a-z0-9]+)*")
_stemmer = snowballstemmer.stemmer("english")


def clause_terms(text: str) -> frozenset[str]:
    """Stemmed content words and numbers of an event's clause, for telling whether two reports
    state the same occurrence: "proposes"/"proposal", "hostages"/"hostage" meet; a lower-case
    compound is one word ("cease-fire" ~ "ceasefire", "60-Day"), a compound of names is two
    ("Israel-Hezbollah"); irregular forms take their base ("struck" ~ "strike")."""
    words = []
    for m in CLAUSE_WORD_RE.finditer(MARKUP_RE.sub(" ", text)):
        head, *rest = m.group().split("-")
        words += [head + "".join(rest).lower()] if rest else [head]
    forms = irregular_forms()
    kept = [forms.get(w, w) for w in map(_normal, words)]
    found = stems(w for w in kept if w not in STOPWORDS and (len(w) >= 3 or w.isdigit()))
    return frozenset(_same_act().get(w, w) for w in found)


@functools.cache
def _same_act() -> dict[str, str]:
    """Stem -> the stem it is compared as (lexicons/act_words.tsv: "submitted" ~ "presented")."""
    same_as = word_table("act_words").columns["same_as"]
    return {_stemmer.stemWord(word): _stemmer.stemWord(base) for word, base in same_as.items()}


def stems(words: Iterable[str]) -> frozenset[str]:
    return frozenset(_stemmer.stemWords([w.lower() for w in words]))


def overlap(a: frozenset, b: frozenset) -> float:
    return len(a & b) / min(len(a), len(b)) if a and b else 0.0
