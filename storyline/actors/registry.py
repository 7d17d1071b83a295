"""The actor registry as the actors stage reads it: what a store has learned about named actors.

A report introduces a person once ("Ghana's Foreign Minister Samuel Okudzeto Ablakwa"); the next
report may just say "Ablakwa said". The store keeps what its reports said about each named actor
(store/registry.py builds the entries: name, aliases, code, sector, role, first and last seen, how
many reports support it) and users' corrections. The mention finder asks this index for a name
that the report itself does not explain:

  * a correction covering the report's date wins over everything, the report's own words included;
  * else a learned entry whose dates cover the report's date (a role a person held then), the
    best supported first; else the entry seen nearest in time (a weaker guess);
  * a one-word name ("Ablakwa") matches a person's surname only when one person in the registry
    has it (whatever label the NER gave it).

The index is built once per ingest run and can take new entries as batches are stored.
"""
from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date
from typing import Iterable, Optional

from ..models import RegistryEntry
from .names import normalize_name


@dataclass(frozen=True)
class RegistryMatch:
    entry: RegistryEntry
    covers_date: bool          # the entry was seen (or applies) around the report's date


def _day(value: Optional[str]) -> Optional[date]:
    return date.fromisoformat(value) if value else None


class ActorRegistry:
    def __init__(self, entries: Iterable[RegistryEntry] = ()):
        self.by_name: dict[str, list[RegistryEntry]] = {}
        self.by_surname: dict[str, list[RegistryEntry]] = {}
        self.add(entries)

    def replace(self, entries: Iterable[RegistryEntry]) -> None:
        """Start again from these entries (a store's registry after a batch was stored)."""
        self.by_name.clear()
        self.by_surname.clear()
        self.add(entries)

    def __len__(self) -> int:
        return sum(len(v) for v in self.by_name.values())

    def add(self, entries: Iterable[RegistryEntry]) -> None:
        for entry in entries:
            keys = {normalize_name(entry.name)} | {normalize_name(a) for a in entry.aliases}
            for key in filter(None, keys):
                self.by_name.setdefault(key, []).append(entry)
            words = normalize_name(entry.name).split()
            if entry.kind == "person" and len(words) > 1:
                self.by_surname.setdefault(words[-1], []).append(entry)

    def _known_by_surname(self, full_name: str) -> list[RegistryEntry]:
        """A full name ("Kari Lund") for a person the registry knows only by the surname reports
        gave ("President Lund"): that entry, when no other person of the surname is known."""
        surname = full_name.split()[-1]
        entries = [e for e in self.by_name.get(surname, ()) if e.kind == "person" and normalize_name(e.name) == surname]
        others = {normalize_name(e.name) for e in self.by_surname.get(surname, ())} - {full_name}
        return entries if entries and not others else []

    def find(self, text: str, day: Optional[date], person: bool) -> Optional[RegistryMatch]:
        """The registry's identity for a name as written, at the report's date."""
        key = normalize_name(text)
        candidates = self.by_name.get(key, [])
        if not candidates and " " not in key:  # the NER may take a surname for an organisation
            by_surname = self.by_surname.get(key, [])
            if len({normalize_name(e.name) for e in by_surname}) == 1:
                candidates = by_surname
        elif not candidates and person:
            candidates = self._known_by_surname(key)
        # every entry about the actor(s) so named, corrections included, whatever alias matched
        names = {normalize_name(e.name) for e in candidates}
        candidates = [e for name in names for e in self.by_name.get(name, ()) if normalize_name(e.name) == name]
        if person:
            candidates = [e for e in candidates if e.kind in ("person", None)]
        elif " " in key and any(e.kind != "person" for e in candidates):
            # an organisation of that name before a person of it; the NER may take a full name
            # for an organisation too ("[Gustavo Petro]ORG became president")
            candidates = [e for e in candidates if e.kind != "person"]
        if not candidates:
            return None
        corrections = [e for e in candidates if e.is_correction and _covers(e, day, slack=0)]
        if corrections:
            return RegistryMatch(max(corrections, key=lambda e: _day(e.first_seen) or date.min), True)
        learned = [e for e in candidates if not e.is_correction]
        if not learned:
            return None
        covering = [e for e in learned if _covers(e, day)]
        if covering:  # seen on that very period first, then the best supported, then one with a sector
            best = max(covering, key=lambda e: (_distance(e, day) == 0, e.reports, e.sector is not None,
                                                e.last_seen or ""))
            if best.sector is None:  # "Yemen's Houthis" said where; "the Houthi rebels" said what
                sector = next((e.sector for e in covering if e.code == best.code and e.sector), None)
                best = replace(best, sector=sector) if sector else best
            return RegistryMatch(best, True)
        return RegistryMatch(min(learned, key=lambda e: (_distance(e, day), -e.reports)), False)


# A learned entry stands for the period its reports span, and a while around it: a role is
# usually held for months or years beyond the reports that happen to mention it.
SLACK_DAYS = 180


def _covers(entry: RegistryEntry, day: Optional[date], slack: int = SLACK_DAYS) -> bool:
    if day is None:
        return True
    first, last = _day(entry.first_seen), _day(entry.last_seen)
    return ((first is None or (day - first).days >= -slack)
            and (last is None or (day - last).days <= slack))


def _distance(entry: RegistryEntry, day: Optional[date]) -> int:
    if day is None:
        return 0
    first, last = _day(entry.first_seen), _day(entry.last_seen)
    if first is not None and day < first:
        return (first - day).days
    if last is not None and day > last:
        return (day - last).days
    return 0


def check_identity(code: Optional[str], sector: Optional[str], kind: Optional[str] = None) -> None:
    """Refuse a correction whose code, sector or kind storyline does not know, naming what is allowed."""
    from ..models import ACTOR_KINDS, ORGANIZATION_CODES, SECTORS
    from .table import load_tables

    if code is not None:
        known = set(load_tables()[0].state_of_code) | set(ORGANIZATION_CODES)
        if code not in known:
            raise ValueError(f"unknown code {code!r}: use an ISO 3166 alpha-3 country code (GHA, ETH, ...) "
                             f"or one of {', '.join(ORGANIZATION_CODES)}")
    if sector is not None and sector not in SECTORS:
        raise ValueError(f"unknown sector {sector!r}: use one of {', '.join(SECTORS)}")
    if kind is not None and kind not in ACTOR_KINDS:
        raise ValueError(f"unknown kind {kind!r}: use one of {', '.join(ACTOR_KINDS)}")
    if code is None and sector is None:
        raise ValueError("a correction needs --code or --sector")
