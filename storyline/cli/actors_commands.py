"""Commands for the actor registry: `actors` (list, search), `actors set`, `actors export`,
`actors import`, and `reanalyse` (registered on the main app)."""
from __future__ import annotations

import sys
from dataclasses import asdict
from pathlib import Path
from typing import Optional

import typer

from .common import DB_OPTION, check_choice, check_date, err, open_store
from ..store.registry import TSV_COLUMNS
from .output import FORMATS, print_rows


actors_app = typer.Typer(add_completion=False, rich_markup_mode=None, invoke_without_command=True, no_args_is_help=False,
                         help="The actor registry: who the store's reports say each named actor is.")


@actors_app.callback()
def actors(
    ctx: typer.Context,
    db: str = DB_OPTION,
    query: Optional[str] = typer.Option(None, "--q", help="Only names (or aliases) containing this."),
    fmt: str = typer.Option("table", "--format", help="table|jsonl|csv"),
) -> None:
    """List or search the registry: learned entries with their evidence, imports and corrections."""
    if ctx.invoked_subcommand is not None:
        return
    fmt = check_choice(fmt, FORMATS, "--format")
    with open_store(db) as store:
        entries = store.registry.entries(name=query)
    rows = [{**asdict(e), "aliases": " | ".join(e.aliases), "report_ids": list(e.report_ids)} for e in entries]
    print_rows(rows, fmt, list(TSV_COLUMNS), title="actor registry")


@actors_app.command("set")
def set_actor(
    name: str = typer.Argument(..., help="The actor's name as reports write it (\"Samuel Okudzeto Ablakwa\")."),
    db: str = DB_OPTION,
    code: Optional[str] = typer.Option(None, "--code", help="ISO 3166 alpha-3 country, or IGO/UNO/EUR/NGO/MNC."),
    sector: Optional[str] = typer.Option(None, "--sector", help="PLOVER sector: GOV, MIL, REB, ..."),
    kind: Optional[str] = typer.Option(None, "--kind", help="person|organization|state|group"),
    role: Optional[str] = typer.Option(None, "--role", help="Title or role (\"foreign minister\")."),
    since: Optional[str] = typer.Option(None, "--since", help="Applies from this date (YYYY-MM-DD)."),
    until: Optional[str] = typer.Option(None, "--until", help="Applies until this date (YYYY-MM-DD)."),
) -> None:
    """Record a correction: it wins over everything learned, once reports are re-analysed
    (`storyline reanalyse` or `ingest --replace`)."""
    from ..actors.registry import check_identity

    code, sector = (code.upper() if code else None), (sector.upper() if sector else None)
    try:
        check_identity(code, sector, kind)
    except ValueError as exc:
        raise typer.BadParameter(str(exc)) from None
    since, until = check_date(since, "--since"), check_date(until, "--until")
    if since and until and since > until:
        raise typer.BadParameter(f"--since {since} is after --until {until}")
    with open_store(db, write=True) as store:
        store.registry.correct(name, code, sector, kind, role, since, until)
    err.print(f"recorded: {name} -> {code or '-'} {sector or '-'}"
              f"{f' ({role})' if role else ''}; run `storyline reanalyse --db {db}` to apply it to stored reports")


@actors_app.command("export")
def export_registry(
    db: str = DB_OPTION,
    output: Optional[Path] = typer.Option(None, "-o", "--output", help="TSV file (stdout if omitted)."),
) -> None:
    """Write the registry (learned, imported, corrections) as TSV, to share with a team."""
    with open_store(db) as store:
        text = store.registry.export_tsv()
    if output:
        output.write_text(text, encoding="utf-8")
        err.print(f"wrote {output}")
    else:
        sys.stdout.write(text)


@actors_app.command("import")
def import_registry(
    tsv: Path = typer.Argument(..., help="A file written by `storyline actors export`."),
    db: str = DB_OPTION,
) -> None:
    """Add another store's registry to this one (its corrections stay corrections)."""
    from ..actors.registry import check_identity
    from ..models import RegistryEntry
    from ..store.registry import read_tsv

    try:
        text = tsv.read_text(encoding="utf-8")
        entries = []
        for line, row in read_tsv(text, str(tsv)):
            try:
                check_identity(row["code"] or None, row["sector"] or None, row["kind"] or None)
                for column in ("first_seen", "last_seen"):
                    check_date(row[column] or None, column)
                reports = int(row["reports"] or 0)
            except (ValueError, typer.BadParameter) as exc:
                raise ValueError(f"{tsv}:{line}: {exc}") from None
            entries.append(RegistryEntry(row["name"], row["kind"] or None, row["code"] or None, row["sector"] or None,
                                         row["role"] or None, row["first_seen"] or None, row["last_seen"] or None,
                                         reports, tuple(filter(None, row["aliases"].split("|"))),
                                         "correction" if row["source"] == "correction" else "imported"))
    except (OSError, UnicodeDecodeError, ValueError) as exc:
        err.print(f"[red]error[/red] {exc}")
        raise typer.Exit(2)
    with open_store(db, write=True) as store:
        count = store.registry.import_entries(entries)
    err.print(f"imported {count} registry entr{'y' if count == 1 else 'ies'} into {db}")


def register(app: typer.Typer) -> None:
    app.add_typer(actors_app, name="actors")
