"""Places named inside actors' names and modifiers: "Tigray forces", "Tigrayan fighters", "the
Rakhine State government", "the Tigray People's Liberation Front".

The actor table knows countries, their demonyms and capitals; a report on a conflict it has never
seen names its parties after regions and towns. Those are looked up in the gazetteer (cities and
the ISO 3166-2 first-level subdivisions of every country, see places/gazetteer.py), also through
their demonym ("Tigrayan" -> Tigray) and a close spelling of a region ("Tigray" for ISO's
"Tigrai"). A country found this way says where a party is from, and that it is not that state's
own institution.
"""
from __future__ import annotations

from functools import lru_cache
from typing import Optional

from rapidfuzz import process
from rapidfuzz.distance import Levenshtein

from ..lexicon import words
from ..nlp.parse import english_words
from ..places.gazetteer import Gazetteer, default_gazetteer, normalize

# Endings that turn a place into its people's adjective: Tigray-an, Rakhine-se, Darfur-i (the
# longest first, so that a stem is cut at the fullest ending).
DEMONYM_ENDINGS = tuple(sorted(words("place_words", "demonym_ending"), key=lambda e: (-len(e), e)))
MIN_FUZZY_LENGTH = 6
MIN_REGION_WORD = 4
# Generic words of geography: "Upper River", "Western Highlands" name no one place.
FEATURE_WORDS = {"river", "rivers", "highlands", "lowlands", "islands", "island", "coast", "lakes", "lake",
                 "mountains", "plateau", "valley", "delta", "plains", "hills"}
COMPASS_WORDS = words("place_words", "compass")
LONG_NAME = 9   # letters from which a name may differ by two
PLACE_KINDS = ("region", "city", "state")
# A city is evidence of a party's country only when the name is a big city's own (no alternate
# names: "Hamas" is one for Hamm in Germany).
MIN_CITY = 100000


class PlaceCodes:
    def __init__(self, gazetteer: Optional[Gazetteer] = None):
        self.gazetteer = gazetteer or default_gazetteer()
        self._regions: Optional[list[str]] = None
        self._region_words: Optional[dict[str, str]] = None

    @lru_cache(maxsize=8192)
    def unambiguous_code(self, text: str) -> Optional[str]:
        """The country of a place name every gazetteer reading of which lies in one country."""
        codes = {e.code for e in self.gazetteer.entries(normalize(text))}
        return codes.pop() if len(codes) == 1 else None

    @lru_cache(maxsize=8192)
    def region_code(self, text: str) -> Optional[str]:
        """Country code of a region or city named by `text` (or by its demonym), else None."""
        key = normalize(text)
        if not key or not key[0].isalpha() or key in FEATURE_WORDS or key in COMPASS_WORDS:
            return None  # "the Valley Front", "Northern Command": a word of geography is no place
        entries = [e for e in self.gazetteer.entries(key) if e.kind in PLACE_KINDS
                   and self.gazetteer.is_main_name(key, e) and (e.kind != "city" or e.population >= MIN_CITY)]
        if entries:
            return max(entries, key=lambda e: e.prior).code
        # a people's adjective names a region ("Tigrayan"), not a town ("Arakan" is not Arak)
        stems = [key[:-len(e)] for e in DEMONYM_ENDINGS if key.endswith(e) and len(key) - len(e) >= 5]
        for stem in stems:
            regions = [e for e in self.gazetteer.entries(stem) if e.kind == "region"]
            if regions:
                return regions[0].code
        return next(filter(None, map(self._close_region, [key] + stems)), None) or self._region_word(key)

    def _region_word(self, key: str) -> Optional[str]:
        """A word several regions of one country, and no other's, are named with: "Darfur"."""
        if self._region_words is None:
            words: dict[str, set[str]] = {}
            names: dict[str, int] = {}
            for name in self.gazetteer.main_keys_of_kind("region"):
                parts = name.replace("-", " ").split()
                rest = [w for w in parts if w not in COMPASS_WORDS]
                if len(parts) > 1 and len(rest) == 1:  # "north darfur", "sud-kivu"
                    word = rest[0]
                    if len(word) >= MIN_REGION_WORD and word not in FEATURE_WORDS:
                        words.setdefault(word, set()).update(e.code for e in self.gazetteer.entries(name)
                                                             if e.kind == "region")
                        names[word] = names.get(word, 0) + 1
            # named, beside a compass word, in several regions of one country: "North Darfur"...
            self._region_words = {w: codes.pop() for w, codes in words.items() if len(codes) == 1 and names[w] > 1}
        return self._region_words.get(key)

    @lru_cache(maxsize=8192)
    def capital_code(self, text: str) -> Optional[str]:
        """The country whose capital `text` names by its main name ("Bamako" -> MLI), else None."""
        key = normalize(text)
        codes = {e.code for e in self.gazetteer.entries(key)
                 if self.gazetteer.is_main_name(key, e) and self.gazetteer.is_capital(e)}
        return codes.pop() if len(codes) == 1 else None

    def _close_region(self, key: str) -> Optional[str]:
        """A region spelt a little differently ("Tigray" / "Tigrai", "Amhara" / "Amara"): same first
        two letters, one letter changed, added or dropped (two in a long name) - a transliteration,
        not another word ("Ambazonia" is no "Amazonas"); an English word only by the letters
        transliterations vary (an h, y for i, a doubled letter)."""
        if len(key) < MIN_FUZZY_LENGTH or " " in key:
            return None
        if self._regions is None:
            self._regions = self.gazetteer.main_keys_of_kind("region")
        candidates = [r for r in self._regions if r[:2] == key[:2] and abs(len(r) - len(key)) <= 1]
        edits = 1 if len(key) < LONG_NAME else 2
        best = process.extractOne(key, candidates, scorer=Levenshtein.distance, score_cutoff=edits)
        if best is None or key in english_words() and _transliterated(key) != _transliterated(best[0]):
            return None  # "Savanna" is a word, not "Savanne" spelt otherwise (but "Amhara" is "Amara")
        entries = [e for e in self.gazetteer.entries(best[0]) if e.kind == "region"]
        return entries[0].code if entries else None


def _transliterated(name: str) -> str:
    """A name with the letters its transliterations vary in made alike: no h, i for y, no doubled
    letters ("Amhara" and "Amara", "Oromiya" and "Oromia")."""
    folded = name.replace("h", "").replace("y", "i")
    return "".join(c for n, c in enumerate(folded) if n == 0 or c != folded[n - 1])


@lru_cache(maxsize=1)
def default_place_codes() -> PlaceCodes:
    return PlaceCodes()
