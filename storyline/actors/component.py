"""The `actors` component: political actors in a report, resolved at the report's date.

Identity is read from the text itself first, because every story brings people, groups and
places no table knows. The modules, in the order a mention meets them:

  mentions.py   candidates on the dependency parse: named entities with their left modifiers
                ("Ghana's Foreign Minister Samuel Okudzeto Ablakwa"), descriptors headed by a role
                noun of the agent table ("a senior US official", "the group's secretary-general"),
                pronouns, names the NER missed; coordinated nationalities and hyphen-joined
                parties give one mention each; credits and datelines are skipped (credits.py).
  evidence.py   what the words around a mention say: a nationality or country (premodifier,
                possessive, of-phrase), the body it belongs to ("ELN leader", "a spokesman for
                the TPLF"), a host ("ambassador to Lebanon"), a place inside an organisation's
                name (placenames.py: "Tigray People's Liberation Front" -> ETH; an international
                organisation's name: "United Nations Mission in X" -> UNO), the body a person
                leads ("X, who leads the party"), a title, "former". An acting capital is its
                state's government ("Kigali rejected ...").
                The place where talks are held is never a party's country; a country that backs a
                group ("Iran-backed") is not the group's.
  identity.py   a name through the user's corrections and the store's registry (registry.py),
                the bundled table (table.py, the prior), a misspelt table name; a descriptor
                through the agent table's sector and the evidence's country. What the text says
                wins over the table; a title any body has ("leader") keeps a rebel group's sector.
  coref.py      pronouns, "the minister", "the group" linked to mentions seen before.
  entities.py   once the report is read: mentions of one actor linked (coreference,
                appositions, surnames and misspelt surnames, acronyms defined in the report, a
                group named again by its word: "Houthi rebels" ... "the Houthis", "Houthi leader X"),
                the most specific evidence shared by all of them, members given their body's
                identity, and offices or armed groups named without a country given the
                report's (a name with no descriptor keeps no code).

Cost: the parse is read once per report as integer arrays (docindex.py), so Python only visits
candidate tokens; lookups are cached per report or per process (bench/components.py).
"""
from __future__ import annotations

from typing import Optional

from spacy.language import Language
from spacy.tokens import Doc

from ..models import ReportDoc
from .registry import ActorRegistry
from .mentions import MentionFinder
from .table import load_tables


@Language.factory("storyline_actors", assigns=["doc._.storyline_actors", "doc._.storyline_main_country"])
def make_actor_resolver(nlp: Language, name: str) -> "ActorResolver":
    return ActorResolver()


class ActorResolver:
    """The actor mentions of a report. `registry` is a store's actor registry (registry.py), to
    resolve names that earlier reports explained: data a store lends a run, not a setting, so the
    pipeline sets it (Pipeline(registry=...)) and it may change between reports."""

    def __init__(self):
        self.actors, self.agents = load_tables()
        self.registry: Optional[ActorRegistry] = None

    def __call__(self, doc: Doc) -> Doc:
        rdoc = ReportDoc(doc)
        rdoc.actors = MentionFinder(rdoc, self.actors, self.agents, self.registry).run()
        return doc
