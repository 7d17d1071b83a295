"""The offline gazetteer: place names -> candidate places, and the choice among candidates.

Loaded once from storyline/data/places_gazetteer.tsv (GeoNames countries, US states and cities,
built by scripts/build_places_gazetteer.py) and storyline/data/places_supplement.tsv (regions
GeoNames cities lack, such as the Gaza Strip or southern Lebanon, and English aliases).

Start-up is kept cheap: the built file already holds each place's lookup keys (normalized, main
name first), so loading only splits off the key column and indexes row numbers; a row becomes a
GazetteerEntry the first time a lookup returns it.
"""
from __future__ import annotations

import math
from collections import Counter
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Optional

from ..actors.names import normalize_name

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
    row: int             # position in the gazetteer (one entry per row)
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
    """Lookup key of a name: the actor table's name key ("U.S." -> "us", "al-Balah" -> "al balah")
    without a leading article."""
    key = normalize_name(name)
    return key[4:] if key.startswith("the ") else key


class Gazetteer:
    """Name -> entries index, built once per process."""

    def __init__(self, gazetteer_file: Path = GAZETTEER_FILE, supplement_file: Path = SUPPLEMENT_FILE):
        self._rows: list[str] = []           # raw TSV rows, parsed on first lookup
        self._main_keys: list[str] = []      # per row: the key of its main (GeoNames) name
        self._index: dict[str, list[int]] = {}
        # (key, row) of hand-made aliases: they count as main names (an alternate name alone is
        # weaker evidence: "Hamas" is one for Hamm)
        self._curated: set[tuple[str, int]] = set()
        self._entries: dict[int, GazetteerEntry] = {}
        self._by_key: dict[str, list[GazetteerEntry]] = {}
        self._capitals: Optional[dict[str, tuple]] = None   # country code -> its capital's coordinates
        self._load_built(gazetteer_file)
        self._load_supplement(supplement_file)

    def _load_built(self, path: Path) -> None:
        """Rows of the built gazetteer: kind, name, iso3, lat, lon, population, keys ("|", main first)."""
        index = self._index  # the hot loop of start-up: no method calls per key
        for line in path.read_text(encoding="utf-8").splitlines():
            if not line or line.startswith("#"):
                continue
            row = len(self._rows)
            keys = line[line.rindex("\t") + 1:].split("|")   # unique per row (the build drops repeats)
            self._rows.append(line)
            self._main_keys.append(keys[0])
            for key in keys:
                rows = index.get(key)
                if rows is None:
                    index[key] = [row]
                else:
                    rows.append(row)

    def _load_supplement(self, path: Path) -> None:
        """Hand-made rows: kind, name, iso3, lat, lon, population, aliases (as written in text)."""
        for line in path.read_text(encoding="utf-8").splitlines():
            if not line or line.startswith("#"):
                continue
            kind, name, code, _, _, _, aliases = line.split("\t")
            if kind == "alias":
                row = self._row_named(name, code)
                if row is None:
                    raise ValueError(f"{path.name}: alias row for unknown place {name!r} ({code})")
            else:
                row = self._add_row(line, normalize(name))
            for key in map(normalize, filter(None, aliases.split("|"))):
                self._index_key(key, row)
                self._curated.add((key, row))

    def _add_row(self, line: str, main_key: str) -> int:
        self._rows.append(line)
        self._main_keys.append(main_key)
        self._index_key(main_key, len(self._rows) - 1)
        return len(self._rows) - 1

    def _index_key(self, key: str, row: int) -> None:
        rows = self._index.setdefault(key, [])
        if row not in rows:
            rows.append(row)

    def _row_named(self, name: str, code: str) -> Optional[int]:
        """The first (most prominent) row with this exact name and country."""
        return next((row for row in self._index.get(normalize(name), ())
                     if (self.entry(row).name, self.entry(row).code) == (name, code)), None)

    def entry(self, row: int) -> GazetteerEntry:
        entry = self._entries.get(row)
        if entry is None:
            kind, name, code, lat, lon, population = self._rows[row].split("\t", 6)[:6]
            entry = GazetteerEntry(row, kind, name, code, float(lat) if lat else None,
                                   float(lon) if lon else None, int(population or 0))
            self._entries[row] = entry
        return entry

    def entries(self, key: str) -> list[GazetteerEntry]:
        """The places a normalized key may name (empty if none)."""
        found = self._by_key.get(key)
        if found is None:
            rows = self._index.get(key)
            if not rows:
                return []
            found = self._by_key[key] = [self.entry(row) for row in rows]
        return found

    def lookup(self, name: str) -> list[GazetteerEntry]:
        return self.entries(normalize(name))

    def is_main_name(self, key: str, entry: GazetteerEntry) -> bool:
        """Whether `key` is a main name of the place: its GeoNames name or a hand-made alias."""
        return key == self._main_keys[entry.row] or (key, entry.row) in self._curated

    def is_capital(self, entry: GazetteerEntry) -> bool:
        """Whether a city is its country's capital (a country's row holds its capital's coordinates)."""
        if self._capitals is None:
            self._capitals = {}
            for row, line in enumerate(self._rows):
                if line.startswith("country\t"):
                    country = self.entry(row)
                    self._capitals[country.code] = (country.lat, country.lon)
        return entry.kind == "city" and self._capitals.get(entry.code) == (entry.lat, entry.lon)

    def main_keys_of_kind(self, kind: str) -> list[str]:
        """The main-name keys of every place of one kind ("region": the ISO 3166-2 subdivisions)."""
        return [key for row, key in enumerate(self._main_keys) if self._rows[row].startswith(kind + "\t")]

    def best(self, key: str, entries: list[GazetteerEntry], context: Counter) -> GazetteerEntry:
        """The most likely reading of a name, given the countries the report mentions."""
        def score(entry: GazetteerEntry) -> float:
            return (entry.prior + CONTEXT_BONUS * (entry.code in context)
                    + PRIMARY_NAME_BONUS * self.is_main_name(key, entry))
        return max(entries, key=score)


@lru_cache(maxsize=1)
def default_gazetteer() -> Gazetteer:
    """The gazetteer, loaded once per process and shared by the components that read it."""
    return Gazetteer()
