"""The actor registry's tables: what the store has learned about named actors, what was imported
from another store, and users' corrections.

Learned entries are not a table of their own: they are read from the `actors` table of the stored
reports (named people and organisations whose identity the report's own words gave: a title, a
nationality, the body they belong to), grouped by name and identity, so that replacing or
removing a report changes the registry with it. Two reports that disagree about a person keep
two entries, each with the period its reports span.

    actor_corrections   name, kind, code, sector, role, since, until, created_at  (win over all)
    actor_imports       name, kind, code, sector, role, first_seen, last_seen, reports, aliases
"""
from __future__ import annotations

import csv
import io
from typing import Iterable, Optional, Sequence

from ..models import RegistryEntry

SCHEMA = """
CREATE TABLE IF NOT EXISTS actor_corrections (
    name VARCHAR, kind VARCHAR, code VARCHAR, sector VARCHAR, role VARCHAR, since DATE, until DATE,
    created_at TIMESTAMP DEFAULT current_timestamp);
CREATE TABLE IF NOT EXISTS actor_imports (
    name VARCHAR, kind VARCHAR, code VARCHAR, sector VARCHAR, role VARCHAR, first_seen DATE, last_seen DATE,
    reports INTEGER, aliases VARCHAR[]);
"""
# Evidence a report's own words give; what the registry learns from. Identities taken from the
# registry itself, from context or from coreference are not learned again.
LEARNED_EVIDENCE = ("text", "affiliation")

_LEARNED = f"""
SELECT a.name, min(a.kind) AS kind, a.code, a.sector, mode() WITHIN GROUP (ORDER BY a.role) AS role,
       CAST(min(r.published) AS VARCHAR) AS first_seen, CAST(max(r.published) AS VARCHAR) AS last_seen,
       count(DISTINCT a.report_id) AS reports, array_agg(DISTINCT a.text) AS aliases,
       array_agg(DISTINCT a.report_id) AS report_ids
FROM actors a JOIN reports r ON r.id = a.report_id
WHERE a.is_name AND a.kind IN ('person', 'organization') AND a.code IS NOT NULL AND a.name IS NOT NULL
  AND a.evidence IN ({", ".join(f"'{e}'" for e in LEARNED_EVIDENCE)})
GROUP BY a.name, a.code, a.sector
"""
TSV_COLUMNS = ("source", "name", "kind", "code", "sector", "role", "first_seen", "last_seen", "reports", "aliases")


class RegistryTables:
    def __init__(self, con):
        self.con = con

    def readable(self) -> bool:
        """Whether this store has the registry's tables and columns (a read-only store written
        before schema version 2 has neither, and is not migrated)."""
        columns = {r[0] for r in self.con.execute(
            "SELECT column_name FROM information_schema.columns WHERE table_name = 'actors'").fetchall()}
        tables = {r[0] for r in self.con.execute("SELECT table_name FROM information_schema.tables").fetchall()}
        return "evidence" in columns and {"actor_corrections", "actor_imports"} <= tables

    def entries(self, name: Optional[str] = None) -> list[RegistryEntry]:
        """Every entry (learned, imported, corrections); `name` keeps those whose name or an
        alias contains it (case-insensitive)."""
        entries = [RegistryEntry(n, k, c, s, role, first, last, reports, tuple(aliases), "learned", tuple(ids))
                   for n, k, c, s, role, first, last, reports, aliases, ids in self.con.execute(_LEARNED).fetchall()]
        entries += [RegistryEntry(n, k, c, s, role, _text(first), _text(last), reports or 0, tuple(aliases or ()),
                                  "imported")
                    for n, k, c, s, role, first, last, reports, aliases in self.con.execute(
                        "SELECT name, kind, code, sector, role, first_seen, last_seen, reports, aliases "
                        "FROM actor_imports").fetchall()]
        entries += [RegistryEntry(n, k, c, s, role, _text(since), _text(until), 0, (), "correction")
                    for n, k, c, s, role, since, until in self.con.execute(
                        "SELECT name, kind, code, sector, role, since, until FROM actor_corrections "
                        "ORDER BY created_at").fetchall()]
        if name:
            needle = name.lower()
            entries = [e for e in entries if needle in e.name.lower() or any(needle in a.lower() for a in e.aliases)]
        return sorted(entries, key=lambda e: (e.name.lower(), e.source != "correction", -e.reports))

    def correct(self, name: str, code: Optional[str], sector: Optional[str], kind: Optional[str] = None,
                role: Optional[str] = None, since: Optional[str] = None, until: Optional[str] = None) -> None:
        self.con.execute("INSERT INTO actor_corrections (name, kind, code, sector, role, since, until) "
                         "VALUES (?, ?, ?, ?, ?, ?, ?)", [name, kind, code, sector, role, since, until])

    def export_tsv(self) -> str:
        out = io.StringIO()
        writer = csv.writer(out, delimiter="\t", lineterminator="\n")
        writer.writerow(TSV_COLUMNS)
        for e in self.entries():
            writer.writerow([e.source, e.name, e.kind or "", e.code or "", e.sector or "", e.role or "",
                             e.first_seen or "", e.last_seen or "", e.reports, "|".join(e.aliases)])
        return out.getvalue()

    def import_entries(self, entries: Sequence[RegistryEntry]) -> int:
        """Add entries read from another store's export, in one transaction: corrections stay
        corrections, anything else counts as imported evidence."""
        self.con.execute("BEGIN TRANSACTION")
        try:
            for e in entries:
                if e.is_correction:
                    self.correct(e.name, e.code, e.sector, e.kind, e.role, e.first_seen, e.last_seen)
                else:
                    self.con.execute("INSERT INTO actor_imports VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                                     [e.name, e.kind, e.code, e.sector, e.role, e.first_seen, e.last_seen,
                                      e.reports, list(e.aliases)])
            self.con.execute("COMMIT")
        except BaseException:
            self.con.execute("ROLLBACK")
            raise
        return len(entries)


def read_tsv(text: str, origin: str) -> Iterable[tuple[int, dict]]:
    """Rows of a registry TSV (the export's columns) with their line numbers."""
    reader = csv.reader(io.StringIO(text), delimiter="\t")
    header = next(reader, None)
    if header is None or tuple(header[:len(TSV_COLUMNS)]) != TSV_COLUMNS:
        raise ValueError(f"{origin}:1: not a registry export (expected the columns {', '.join(TSV_COLUMNS)})")
    for line, row in enumerate(reader, start=2):
        if not any(row):
            continue
        if len(row) < len(TSV_COLUMNS):
            raise ValueError(f"{origin}:{line}: {len(row)} columns, expected {len(TSV_COLUMNS)}")
        yield line, dict(zip(TSV_COLUMNS, row))


def _text(value) -> Optional[str]:
    return str(value) if value is not None else None
