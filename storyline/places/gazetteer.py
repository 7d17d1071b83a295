"""The offline gazetteer: place names -> candidate places, and the choice among candidates.

Loaded once from storyline/data/places_gazetteer.tsv (GeoNames countries, US states and cities,
built by scripts/build_places_gazetteer.py) and storyline/data/places_supplement.tsv (regions
GeoNames cities lack, such as the Gaza Strip or southern Lebanon, and English aliases).
"""
from __future__ import annotations

import math
import unicodedata
from collections import Counter
from dataclasses import dataclass
from pathlib import Path
from typing import Optional

DATA_DIR = Path(__file__).resolve().parents[1] / "data"
GAZETTEER_FILE = DATA_DIR / "places_gazetteer.tsv"
SUPPLEMENT_FILE = DATA_DIR / "places_supplement.tsv"

# Ranking: a name read as a country beats a city of the same name ("Lebanon", not Lebanon, Ohio),
# a US state is the rarer reading of a city name ("Washington");
# a country the report already talks about beats population ("Tripoli" in a report on Lebanon).
KIND_BONUS = {"country": 3.0, "region": 0.0, "city": 0.0, "state": -1.0}
CONTEXT_BONUS = 1.5
PRIMARY_NAME_BONUS = 0.5


@dataclass(frozen=True)
class GazetteerEntry:
    kind: str            # country | state (US) | region | city
    name: str
    code: str            # ISO 3166 alpha-3
    lat: Optional[float]
    lon: Optional[float]
    population: int

    @property
    def prior(self) -> float:
        return math.log10(self.population + 10) + KIND_BONUS.get(self.kind, 0.0)


def normalize(name: str) -> str:
    """Lookup key of a name: ASCII-folded, lower case, no leading article, single spaces."""
    decomposed = unicodedata.normalize("NFKD", name.replace("’", "'"))
    folded = "".join(ch for ch in decomposed if not unicodedata.combining(ch)).lower()
    words = folded.split()
    if words and words[0] == "the":
        words = words[1:]
    return " ".join(words)


class Gazetteer:
    """Name -> entries index, built once per process."""

    def __init__(self, gazetteer_file: Path = GAZETTEER_FILE, supplement_file: Path = SUPPLEMENT_FILE):
        self.index: dict[str, list[GazetteerEntry]] = {}
        # (key, entry) pairs where the key is a main name of the place: its GeoNames name or a
        # hand-made alias (an alternate name alone is weaker evidence: "Hamas" is one for Hamm)
        self.primary: set[tuple[str, GazetteerEntry]] = set()
        # (name, code) -> entry, for the supplement's alias rows (the first, most prominent, wins)
        self._by_name: dict[tuple[str, str], GazetteerEntry] = {}
        self._load(gazetteer_file)
        self._load(supplement_file)

    def _load(self, path: Path) -> None:
        for line in path.read_text(encoding="utf-8").splitlines():
            if not line or line.startswith("#"):
                continue
            kind, name, code, lat, lon, population, aliases = line.split("\t")
            if kind == "alias":
                entry = self._by_name.get((name, code))
                if entry is None:
                    raise ValueError(f"{path.name}: alias row for unknown place {name!r} ({code})")
            else:
                entry = GazetteerEntry(kind, name, code, float(lat) if lat else None,
                                       float(lon) if lon else None, int(population or 0))
                self._by_name.setdefault((name, code), entry)
                self._add(normalize(name), entry)
                self.primary.add((normalize(name), entry))
            curated = path.name == SUPPLEMENT_FILE.name  # hand-made aliases count as main names
            for alias in filter(None, aliases.split("|")):
                self._add(normalize(alias), entry)
                if curated:
                    self.primary.add((normalize(alias), entry))

    def _add(self, key: str, entry: GazetteerEntry) -> None:
        entries = self.index.setdefault(key, [])
        if entry not in entries:
            entries.append(entry)

    def lookup(self, name: str) -> list[GazetteerEntry]:
        return self.index.get(normalize(name), [])

    def best(self, key: str, entries: list[GazetteerEntry], context: Counter) -> GazetteerEntry:
        """The most likely reading of a name, given the countries the report mentions."""
        def score(entry: GazetteerEntry) -> float:
            return (entry.prior + CONTEXT_BONUS * (entry.code in context)
                    + PRIMARY_NAME_BONUS * ((key, entry) in self.primary))
        return max(entries, key=score)
