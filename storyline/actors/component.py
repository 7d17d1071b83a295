"""The `actors` component: political actors in a report, resolved at the report's date.

Mentions are noun phrases found on the dependency parse:
  * named entities (PERSON, ORG, GPE, NORP): the phrase is the entity's noun-phrase head with its
    left modifiers, so a title and nationality belong to the mention
    ("Lebanese Prime Minister Najib Mikati", "Hamas leader Yahya Sinwar", "the US envoy Amos
    Hochstein") and the mention always covers the head noun; states are the entity span itself;
  * descriptors: noun phrases headed by an agent noun of the agent table ("a senior US official",
    "Israeli ground forces", "the Government of Lebanon" - a right "of/in/with" phrase is part of
    the mention when it names the country);
  * pronouns (he/she/his/her/they/their/its), linked by light coreference (coref.py).
Appositions ("Nabih Berri, the parliament speaker") are separate mentions, the second corefers.
Coordinated nationalities give one mention each ("Israeli and US officials" -> "Israeli" named
"Israeli officials", and "US officials"). Nothing is taken from the report's own credits
(bylines, photo credits, datelines, "X contributed reporting": credits.py).

Descriptors with a twist: an office ("the prime minister's office", "the office of the Israeli
Prime Minister", "the Hamas political office") takes the code and sector of its owner; a
diplomat or mission is of the sending country and "in/to X" names the host ("the US embassy in
Beirut", "US ambassador to Lebanon Lisa Johnson" -> USA GOV); a counterpart never takes the
possessor's country ("his Algerian counterpart" -> DZA GOV); a title the NER took into a name
("[Caretaker PM Najib Mikati]") is split off before the name is looked up.

Resolution (resolve.py): table alias -> surname seen earlier in the report -> fuzzy match on a
small candidate set -> what the modifiers say (country from a demonym / state / known body,
sector from the title or agent noun). A table role whose dates cover the report date wins;
otherwise the title in the text wins over the table's undated default. Cities are actors
("Beirut responded" -> LBN GOV) only when they act: subject, passive agent ("rejected by Beirut") or
owner of an act or document ("Washington's proposal"). Unknown PERSON/ORG names are kept with code
None unless an apposition gives their affiliation ("Jane Doe, a spokeswoman for the U.S. Embassy").
A state institution named without a country ("the army", "the security cabinet", "whose
government") takes it from context: the owner of "whose", else the state or state official named
last in the sentence or the few before, else the state the report names most often. Two parties
joined by a hyphen ("the Israel-Hezbollah ceasefire") are two mentions.

Cost: the parse is read once per report as integer arrays (docindex.py), so Python only visits
candidate tokens; lookups are cached per report (agent phrases, left edges) or per process
(normalized names, fuzzy candidates per date). About 1-2 ms per report (bench/components.py).
"""
from __future__ import annotations

from ..models import ReportDoc
from ..pipeline import register
from .registry import ActorRegistry
from .resolve import MentionFinder
from .table import load_tables


@register("actors")
class ActorResolver:
    """Config: "registry", an ActorRegistry (or RegistryEntry list) of a store, to resolve names
    that earlier reports explained (registry.py)."""

    def __init__(self, config: dict):
        self.actors, self.agents = load_tables()
        registry = config.get("registry")
        self.registry = registry if isinstance(registry, ActorRegistry) or registry is None else ActorRegistry(registry)

    def __call__(self, rdoc: ReportDoc) -> None:
        rdoc.actors = MentionFinder(rdoc, self.actors, self.agents, self.registry).run()
