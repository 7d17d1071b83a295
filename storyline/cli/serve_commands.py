"""`storyline serve`: the REST API and the web dashboard over a store.

cli/main.py adds it with `serve_commands.register(app)`.
"""
from __future__ import annotations

from typing import Optional

import typer

from .common import DB_OPTION

TOKEN_ENV = "STORYLINE_API_TOKEN"


def serve(
    db: str = DB_OPTION,
    host: str = typer.Option("127.0.0.1", "--host", help="Interface to listen on."),
    port: int = typer.Option(8000, "--port", min=1, max=65535),
    allow_ingest: bool = typer.Option(False, "--allow-ingest", help="Accept POST /api/reports (needs a token)."),
    token: Optional[str] = typer.Option(None, "--token", envvar=TOKEN_ENV, show_envvar=True,
                                        help="Token clients must send to write (Authorization: Bearer TOKEN)."),
) -> None:
    """Serve the REST API (docs at /api/docs) and the dashboard (at /)."""
    try:
        from ..api.app import create_app
        from ..api.server import make_server
    except ImportError as exc:  # FastAPI and uvicorn come with storyline: the install is broken
        typer.echo(f"storyline serve: cannot load the web server ({exc}); reinstall storyline "
                   f"(pip install storyline, or pip install -e . in a checkout)", err=True)
        raise typer.Exit(1) from None

    if allow_ingest and not token:
        raise typer.BadParameter(f"--allow-ingest needs --token or the {TOKEN_ENV} environment variable")
    from ..store.db import store_exists
    if not allow_ingest and not store_exists(db):
        raise typer.BadParameter(f"{db}: no such database (run `storyline ingest` first)", param_hint="--db")
    try:
        app = create_app(db, allow_ingest=allow_ingest, token=token)
    except (FileNotFoundError, RuntimeError) as exc:
        raise typer.BadParameter(str(exc), param_hint="--db") from None
    mode = "read-write (ingest open)" if allow_ingest else "read-only"
    typer.echo(f"storyline: {db} {mode}; dashboard at http://{host}:{port}/ , API docs at http://{host}:{port}/api/docs",
               err=True)
    make_server(app, host, port).run()


def register(app: typer.Typer) -> None:
    app.command("serve")(serve)
