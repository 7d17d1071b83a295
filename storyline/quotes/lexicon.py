"""Word lists of the quotes component, read from the lexicons (storyline.lexicon):
source_nouns.tsv (role, document, outlet and body nouns, rank words, sector modifiers) and
reporting_verbs.tsv. Country names and demonyms come from the actor table
(storyline.actors.table), shared with the actors component.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache
from typing import Optional

from ..lexicon import column, words


@dataclass(frozen=True)
class Lexicon:
    roles: dict[str, Optional[str]] = field(default_factory=dict)          # noun -> sector
    unnamed_roles: frozenset[str] = frozenset()                            # unnamed even with "the"
    sector_modifiers: dict[str, str] = field(default_factory=dict)
    ranks: frozenset[str] = frozenset()
    documents: frozenset[str] = frozenset()
    outlets: dict[str, Optional[str]] = field(default_factory=dict)        # common noun -> sector
    orgs: dict[str, Optional[str]] = field(default_factory=dict)
    verbs: frozenset[str] = frozenset()
    thing_cues: frozenset[str] = frozenset()                               # "the figures show"
    stance_verbs: frozenset[str] = frozenset()                             # "expressed [hope] that"
    stance_nouns: frozenset[str] = frozenset()


@lru_cache(maxsize=1)
def load_lexicon() -> Lexicon:
    sectors = column("source_nouns", "sector")

    def with_sectors(list_name: str) -> dict[str, Optional[str]]:
        return {word: sectors.get(word) for word in words("source_nouns", list_name)}

    return Lexicon(
        roles=with_sectors("role"),
        unnamed_roles=words("source_nouns", "unnamed_with_the"),
        sector_modifiers={word: sectors[word] for word in words("source_nouns", "sector_modifier")},
        ranks=words("source_nouns", "rank"),
        documents=words("source_nouns", "document"),
        outlets=with_sectors("outlet"),
        orgs=with_sectors("org"),
        verbs=words("reporting_verbs", "reporting") | words("reporting_verbs", "naming"),
        thing_cues=words("reporting_verbs", "thing_subject"),
        stance_verbs=words("reporting_verbs", "stance_verb"),
        stance_nouns=words("reporting_verbs", "stance_noun"),
    )
