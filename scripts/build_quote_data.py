"""Build storyline/data/quote_countries.tsv from the Phoenix country dictionary in ../shared.

The quotes component reads the nationality of an unnamed source ("two Lebanese official
sources", "a senior US official") from this table: one lower-case country name or demonym per
line with its ISO-3166 alpha-3 code. Only the country headwords and their "+" synonyms are kept
(not the people listed under each country), and only names of at most three words.

    python scripts/build_quote_data.py [/work/shared]
"""
from __future__ import annotations

import re
import sys
from pathlib import Path

COUNTRY_HEAD = re.compile(r"^([A-Z][A-Z_.'\-]*?)_?\s+\[([A-Z]{3})\]\s*(#.*)?$")
SYNONYM = re.compile(r"^\+([A-Z][A-Z_.'\-]*?)_?\s*(#.*)?$")
MAX_WORDS = 3
OUT = Path(__file__).resolve().parents[1] / "storyline" / "data" / "quote_countries.tsv"


def country_names(lines: list[str]) -> dict[str, str]:
    names: dict[str, str] = {}
    code = None
    for line in lines:
        head = COUNTRY_HEAD.match(line)
        if head:
            code = head.group(2)
            _add(names, head.group(1), code)
            continue
        synonym = SYNONYM.match(line) if code else None
        if synonym:
            _add(names, synonym.group(1), code)
        elif line.strip() and not line.startswith("#"):
            code = None  # the synonyms block of a country ends at its first non-synonym line
    return names


def _add(names: dict[str, str], raw: str, code: str) -> None:
    name = raw.replace("_", " ").strip().lower()
    if name and len(name.split()) <= MAX_WORDS:
        names.setdefault(name, code)


def main(shared: str = "/work/shared") -> None:
    src = Path(shared) / "data" / "phoenix" / "Phoenix.Countries.actors.txt"
    names = country_names(src.read_text(encoding="utf-8", errors="replace").splitlines())
    OUT.parent.mkdir(parents=True, exist_ok=True)
    OUT.write_text("".join(f"{n}\t{c}\n" for n, c in sorted(names.items())), encoding="utf-8")
    print(f"{len(names)} names -> {OUT}")


if __name__ == "__main__":
    main(*sys.argv[1:])
