"""Word lists of the quotes component, loaded once from storyline/data/quote_lexicon.tsv.

The file (hand-written) holds role nouns, document / outlet / organization nouns, news outlet
names, rank words and reporting verbs. Country names and demonyms come from the actor table
(storyline.actors.table), shared with the actors component.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Optional

DATA_DIR = Path(__file__).resolve().parents[1] / "data"


@dataclass(frozen=True)
class Lexicon:
    roles: dict[str, Optional[str]] = field(default_factory=dict)          # noun -> sector
    sector_modifiers: dict[str, str] = field(default_factory=dict)
    ranks: frozenset[str] = frozenset()
    documents: frozenset[str] = frozenset()
    outlets: dict[str, Optional[str]] = field(default_factory=dict)        # common noun -> sector
    orgs: dict[str, Optional[str]] = field(default_factory=dict)
    verbs: frozenset[str] = frozenset()


@lru_cache(maxsize=1)
def load_lexicon(data_dir: Path = DATA_DIR) -> Lexicon:
    by_kind: dict[str, dict[str, Optional[str]]] = {}
    for line in (data_dir / "quote_lexicon.tsv").read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        kind, word, *rest = line.split("\t")
        by_kind.setdefault(kind, {})[word.lower()] = (rest[0] or None) if rest else None
    return Lexicon(
        roles=by_kind.get("role", {}),
        sector_modifiers={k: v for k, v in by_kind.get("sector_modifier", {}).items() if v},
        ranks=frozenset(by_kind.get("rank", {})),
        documents=frozenset(by_kind.get("document", {})),
        outlets=by_kind.get("outlet", {}),
        orgs=by_kind.get("org", {}),
        verbs=frozenset(by_kind.get("verb", {})),
    )
