"""The actor and agent tables: who a name is, and what role a descriptor noun names.

Files (storyline/data/, see SOURCES.md):
  actors.tsv              built by scripts/build_actor_table.py from the Phoenix dictionaries
  actors_supplement.tsv   hand-written: current (2024) figures and bodies; its aliases win
  agents.tsv              built: descriptor phrases ("foreign minister", "troops") -> sector
  agents_supplement.tsv   hand-written agents; win over agents.tsv

Actor rows: name, kind, roles, aliases, titles.
  roles   ";"-separated "CODE/SECTOR/START/END" (ISO dates; empty START/END = open; a role with
          neither is the default used when no dated role covers the report date)
  aliases "|"-separated normalized names; "~x" marks a demonym of a state, "@x" a place in it
  titles  "|"-separated titles the entity holds ("prime minister"), for coreference of
          "the prime minister" and for "the Lebanese prime minister" -> the holder
Agent rows: phrase, code, sector, kind.
"""
from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date
from functools import cached_property, lru_cache
from pathlib import Path
from typing import Optional

from ..lexicon import words
from .names import normalize_name

DATA_DIR = Path(__file__).resolve().parent.parent / "data"

@dataclass(frozen=True)
class Role:
    code: Optional[str]
    sector: Optional[str]
    start: Optional[date] = None
    end: Optional[date] = None

    @property
    def dated(self) -> bool:
        return self.start is not None or self.end is not None

    def covers(self, day: date) -> bool:
        return (self.start is None or self.start <= day) and (self.end is None or day <= self.end)


@dataclass
class Entity:
    name: str
    kind: str                      # person | organization | state
    roles: list[Role]
    titles: tuple[str, ...] = ()
    aliases: list[str] = field(default_factory=list)

    def role_at(self, day: Optional[date]) -> Optional[Role]:
        """The role held at `day`: a dated role covering it, else the default (undated) role.

        Without a date, the default role, else the most recent dated one."""
        dated = [r for r in self.roles if r.dated]
        default = next((r for r in self.roles if not r.dated), None)
        if day is not None:
            covering = [r for r in dated if r.covers(day)]
            if covering:  # the narrowest range is the most specific statement
                return min(covering, key=lambda r: ((r.end or date.max) - (r.start or date.min)))
        if default is not None:
            return default
        return max(dated, key=lambda r: r.end or date.max, default=None)

    def has_dated_role_at(self, day: Optional[date]) -> bool:
        return day is not None and any(r.dated and r.covers(day) for r in self.roles)


def parse_roles(field_text: str) -> list[Role]:
    roles = []
    for part in filter(None, field_text.split(";")):
        code, sector, start, end = (part.split("/") + ["", "", "", ""])[:4]
        roles.append(Role(code or None, sector or None,
                          date.fromisoformat(start) if start else None,
                          date.fromisoformat(end) if end else None))
    return roles


def _parse_title(text: str) -> tuple[str, Optional[date], Optional[date]]:
    """ "foreign minister@2024-11-07/" -> ("foreign minister", 2024-11-07, None)."""
    title, _, period = text.partition("@")
    start, _, end = period.partition("/")
    return (title, date.fromisoformat(start) if start else None, date.fromisoformat(end) if end else None)


def format_roles(roles: list[Role]) -> str:
    return ";".join(f"{r.code or ''}/{r.sector or ''}/{r.start or ''}/{r.end or ''}" for r in roles)


@dataclass(frozen=True)
class Agent:
    code: Optional[str]            # NGO / IGO for organisation-type agents, else None
    sector: Optional[str]
    kind: str                      # person | organization


class ActorTable:
    """Alias, surname, title and demonym indexes over the actor rows; built once per process."""

    def __init__(self, paths: list[Path]):
        self.entities: list[Entity] = []
        self.by_alias: dict[str, int] = {}
        self.demonyms: dict[str, str] = {}        # "lebanese" -> "LBN"
        self.places: dict[str, str] = {}          # "beirut" -> "LBN"
        self.state_of_code: dict[str, int] = {}   # "LBN" -> the state entity
        # (code, title) -> holders, each with the period (a Role without sector) it was held
        self.by_title: dict[tuple[str, str], list[tuple[int, Role]]] = defaultdict(list)
        self.by_surname: dict[str, list[int]] = defaultdict(list)
        # fuzzy candidates: aliases of people with dated roles (and their periods), by (initial,
        # number of words)
        self.by_initial: dict[tuple[str, int], list[tuple[str, list[tuple[date, date]]]]] = defaultdict(list)
        self._active: dict[tuple[str, int, Optional[date]], list[str]] = {}
        for path in paths:  # later files override earlier aliases
            self._load(path)
        self._index_persons()

    def _load(self, path: Path) -> None:
        for line in path.read_text(encoding="utf-8").splitlines():
            if not line.strip() or line.startswith("#"):
                continue
            name, kind, roles, aliases, titles = (line.split("\t") + [""] * 5)[:5]
            idx = len(self.entities)
            dated_titles = [_parse_title(t) for t in filter(None, titles.split("|"))]
            entity = Entity(name, kind, parse_roles(roles), tuple(dict.fromkeys(t[0] for t in dated_titles)))
            for title, start, end in dated_titles:
                for code in {r.code for r in entity.roles if r.code}:
                    self.by_title[(code, title)].append((idx, Role(code, None, start, end)))
            self.entities.append(entity)
            default = next((r for r in entity.roles if not r.dated), None)
            if kind == "state" and default is not None and default.code:
                self.state_of_code[default.code] = idx
            elif kind == "state" and entity.roles and entity.roles[-1].end is None and entity.roles[-1].code:
                # a state since a date (Ukraine since 1991, Eritrea since 1993): its current code,
                # unless a row that always had the code names the state ("Germany", not "Leipzig")
                default = entity.roles[-1]
                self.state_of_code.setdefault(default.code, idx)
            for alias in filter(None, [normalize_name(name)] + aliases.split("|")):
                self._add_alias(idx, entity, alias, default)

    def _add_alias(self, idx: int, entity: Entity, alias: str, default: Optional[Role]) -> None:
        if "'" in alias:  # hand-written aliases keep their apostrophes; the key drops them
            alias = alias[0] * (alias[0] in "~@") + normalize_name(alias.lstrip("~@"))
        if alias[0] in "~@":
            code = default.code if default else None
            if code:
                (self.demonyms if alias[0] == "~" else self.places)[alias[1:]] = code
                self.by_alias.pop(alias[1:], None)  # a later file says it is no name of its own
            return
        entity.aliases.append(alias)
        self.by_alias[alias] = idx

    def _index_persons(self) -> None:
        for alias, idx in self.by_alias.items():
            entity = self.entities[idx]
            if entity.kind != "person":
                continue
            words = alias.split()
            if len(words) > 1 and self.entities[idx].name and normalize_name(entity.name) == alias:
                self.by_surname[words[-1]].append(idx)
            periods = [(r.start or date.min, r.end or date.max) for r in entity.roles if r.dated]
            if periods:
                self.by_initial[(alias[:1], len(words))].append((alias, periods))

    def fuzzy_candidates(self, initial: str, words: int, day: Optional[date]) -> list[str]:
        """Aliases (with this initial and number of words) of people holding a dated role at `day`."""
        key = (initial, words, day)
        if key not in self._active:
            self._active[key] = [alias for alias, periods in self.by_initial.get((initial, words), ())
                                 if day is not None and any(lo <= day <= hi for lo, hi in periods)]
        return self._active[key]

    def lookup(self, text: str) -> Optional[int]:
        return self.by_alias.get(normalize_name(text))

    @cached_property
    def shortened_formal_names(self) -> dict[str, frozenset[str]]:
        """States whose formal name news shortens to a word that names another state in the
        table ("Democratic Republic of the Congo" -> "Congo", the table's Republic of the Congo):
        that word -> their codes."""
        state_forms = words("source_nouns", "state_form")
        found: dict[str, set[str]] = defaultdict(set)
        for code, idx in self.state_of_code.items():
            name = normalize_name(self.entities[idx].name).split()
            owner = self.by_alias.get(name[-1])
            if owner not in (None, idx) and self.entities[owner].kind == "state" and state_forms & set(name):
                found[name[-1]].add(code)
        return {word: frozenset(codes) for word, codes in found.items()}

    def holder_of(self, code: str, title: str, day: Optional[date]) -> Optional[int]:
        """Who holds `title` in country `code` at `day` (from the supplement's dated titles)."""
        if day is None:
            return None
        holders = [idx for idx, period in self.by_title.get((code, title), ()) if period.covers(day)
                   and (period.dated or self.entities[idx].has_dated_role_at(day))]
        return holders[0] if len(holders) == 1 else None

    def country_code(self, text: str) -> Optional[str]:
        """Country code of a state name, demonym or place name ("Israel", "Israeli", "Beirut")."""
        key = normalize_name(text)
        idx = self.by_alias.get(key)
        if idx is not None and self.entities[idx].kind == "state":
            role = self.entities[idx].role_at(None)
            return role.code if role else None
        return self.demonyms.get(key) or self.demonyms.get(key.rstrip("s")) or self.places.get(key)

    def state_name(self, code: str) -> Optional[str]:
        idx = self.state_of_code.get(code)
        return self.entities[idx].name if idx is not None else None


class AgentTable:
    """Descriptor phrases ("official", "foreign minister", "ground forces") -> code, sector, kind."""

    def __init__(self, paths: list[Path]):
        self.phrases: dict[str, Agent] = {}
        for path in paths:
            for line in path.read_text(encoding="utf-8").splitlines():
                if not line.strip() or line.startswith("#"):
                    continue
                phrase, code, sector, kind = (line.split("\t") + [""] * 4)[:4]
                self.phrases[phrase] = Agent(code or None, sector or None, kind or "person")
        self.head_words = {p.split()[-1] for p in self.phrases}  # quick rejection of other nouns
        # every phrase's final words ("minister", "foreign minister"): a phrase grown leftwards
        # from a head noun can only become an agent while it is one of these
        self.phrase_ends = {" ".join(words[k:]) for words in map(str.split, self.phrases)
                            for k in range(len(words))}


    def get(self, phrase: str) -> Optional[Agent]:
        return self.phrases.get(phrase)


@lru_cache(maxsize=4)
def load_tables(data_dir: Path = DATA_DIR) -> tuple[ActorTable, AgentTable]:
    """The actor and agent tables, loaded once per process and shared by every component."""
    actors = ActorTable([data_dir / "actors.tsv", data_dir / "actors_supplement.tsv"])
    agents = AgentTable([data_dir / "agents.tsv", data_dir / "agents_supplement.tsv"])
    return actors, agents
