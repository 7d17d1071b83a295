"""The FastAPI app: a documented read-only REST API over a store, and the dashboard that uses it.

`create_app(db)` opens the store read-only. With `allow_ingest=True` and a token it opens the
store for writing and accepts `POST /api/reports`, checking the token on every write. The
OpenAPI description is at /api/openapi.json and browsable at /api/docs.

Every error is JSON, `{"error": {"status": ..., "message": ...}}`, with a message that names the
bad parameter; nothing a client sends should produce a 500.
"""
from __future__ import annotations

import hmac
import re
import threading
from datetime import date
from pathlib import Path
from typing import Any, Optional

from fastapi import Depends, FastAPI, Header, Query, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import FileResponse, JSONResponse
from fastapi.staticfiles import StaticFiles
from starlette.exceptions import HTTPException as StarletteHTTPException

from ..models import EVENT_TYPES, MODALITIES, PLOVER_QUAD, QUAD_LABELS, SOURCE_TYPES, SPEAKER_TYPES, InputError
from ..store.access import SessionQueries, SharedStore
from ..store.db import Store
from ..store.queries import NotFound, event_filter, quote_filter
from . import queries as story_queries

WEB_DIR = Path(__file__).resolve().parent.parent / "web"
MAX_URL_BYTES = 8192           # longer request targets are refused before any work is done
MAX_PER_PAGE = 500
MAX_INGEST_REPORTS = 100
MAX_BODY_BYTES = 8 * 1024 * 1024
DATE_RE = re.compile(r"\d{4}-\d{2}-\d{2}")


class ApiError(Exception):
    def __init__(self, status: int, message: str, parameter: Optional[str] = None):
        super().__init__(message)
        self.status, self.message, self.parameter = status, message, parameter


def _error(status: int, message: str, parameter: Optional[str] = None, headers: Optional[dict] = None) -> JSONResponse:
    body: dict[str, Any] = {"status": status, "message": message}
    if parameter:
        body["parameter"] = parameter
    return JSONResponse({"error": body}, status_code=status, headers=headers)


# -- parameter checks ---------------------------------------------------------------------------
def checked_date(value: Optional[str], parameter: str) -> Optional[str]:
    if value is None or value == "":
        return None
    if DATE_RE.fullmatch(value):
        try:
            return date.fromisoformat(value).isoformat()
        except ValueError:
            pass
    raise ApiError(400, f"{parameter}={value[:40]!r} is not a date; use YYYY-MM-DD", parameter)


def checked_choice(value: Optional[str], choices: tuple[str, ...], parameter: str, upper: bool = False) -> Optional[str]:
    if value is None or value == "":
        return None
    normal = value.upper() if upper else value.lower()
    if normal not in choices:
        raise ApiError(400, f"{parameter}={value[:40]!r} is not allowed; use one of {', '.join(choices)}", parameter)
    return normal


def checked_range(since: Optional[str], until: Optional[str]) -> tuple[Optional[str], Optional[str]]:
    since, until = checked_date(since, "since"), checked_date(until, "until")
    if since and until and since > until:
        raise ApiError(400, f"since={since} is after until={until}", "since")
    return since, until


class Paging:
    """`page` (from 1) and `per_page` query parameters, shared by every list endpoint."""

    def __init__(self, page: int = Query(1, ge=1, le=1_000_000, description="Page number, from 1."),
                 per_page: int = Query(50, ge=1, le=MAX_PER_PAGE, description="Items per page.")):
        self.page, self.per_page = page, per_page


TEXT = dict(max_length=200)    # free-text filters: long enough for any name, bounded


# -- the app ------------------------------------------------------------------------------------
def create_app(db: str | Path, allow_ingest: bool = False, token: Optional[str] = None) -> FastAPI:
    if allow_ingest and not token:
        raise ValueError("ingestion over HTTP needs a token (--token or STORYLINE_API_TOKEN)")
    # The server holds the store file only while requests use it (store/access.py), so that an
    # ingest or a command can write between them; each request sees what was committed before it.
    store = SharedStore(lambda: Store(db, read_only=not allow_ingest), str(db))
    with store.session():
        pass   # a missing or unreadable store fails here, at start, not at the first request
    reader = SessionQueries(store)
    write_lock = threading.Lock()

    app = FastAPI(title="storyline", version="1",
                  description="Events, quotes, actors and stories extracted from news reports on conflicts "
                              "and negotiations. Read-only unless the server runs with --allow-ingest.",
                  docs_url="/api/docs", redoc_url=None, openapi_url="/api/openapi.json")
    app.state.store = store
    _install_error_handlers(app)

    @app.middleware("http")
    async def refuse_long_urls(request: Request, call_next):
        if len(request.url.query) + len(request.url.path) > MAX_URL_BYTES:
            return _error(414, f"request URL longer than {MAX_URL_BYTES} bytes")
        return await call_next(request)

    # -- reports -------------------------------------------------------------------------------
    @app.get("/api/reports", tags=["reports"], summary="List reports")
    def list_reports(q: Optional[str] = Query(None, description="Text in title or body.", **TEXT),
                     outlet: Optional[str] = Query(None, **TEXT), since: Optional[str] = None,
                     until: Optional[str] = None, paging: Paging = Depends()):
        since, until = checked_range(since, until)
        return reader.reports(q, outlet, since, until, paging.page, paging.per_page).to_dict()

    @app.get("/api/reports/{report_id}", tags=["reports"], summary="One report: text and extracted record")
    def get_report(report_id: str):
        return reader.report(report_id)

    @app.post("/api/reports", tags=["reports"], status_code=201,
              summary="Analyse and store reports (only with --allow-ingest; needs the token)")
    def post_reports(body: Any = Depends(_json_body), authorization: Optional[str] = Header(None),
                     x_storyline_token: Optional[str] = Header(None)):
        _check_token(allow_ingest, token, authorization, x_storyline_token)
        reports = _reports_from_body(body)
        with write_lock:
            outcome = _ingest(store, reports)
        return outcome

    # -- events and quotes ---------------------------------------------------------------------
    @app.get("/api/events", tags=["events"], summary="List events with filters")
    def list_events(story: Optional[int] = Query(None, description="Story id."),
                    actor: Optional[str] = Query(None, description="The acting party: country code, or part of its name.", **TEXT),
                    type: Optional[str] = Query(None, description="PLOVER event type, e.g. ASSAULT."),
                    since: Optional[str] = Query(None, description="YYYY-MM-DD"),
                    until: Optional[str] = Query(None, description="YYYY-MM-DD"),
                    modality: Optional[str] = Query(None, description="asserted|negated|future|hypothetical"),
                    source_type: Optional[str] = Query(None, description="person|anonymous|organization|document|outlet"),
                    report: Optional[str] = Query(None, **TEXT), paging: Paging = Depends()):
        since, until = checked_range(since, until)
        if story is not None:
            reader.story_summary(story)     # an unknown story is a 404, not an empty list
        where = event_filter(story=story, actor=actor, event_type=checked_choice(type, EVENT_TYPES, "type", upper=True),
                             since=since, until=until, modality=checked_choice(modality, MODALITIES, "modality"),
                             source_type=checked_choice(source_type, SOURCE_TYPES, "source_type"), report_id=report)
        return reader.events(where, paging.page, paging.per_page).to_dict()

    @app.get("/api/quotes", tags=["quotes"], summary="List quotes")
    def list_quotes(speaker: Optional[str] = Query(None, **TEXT), q: Optional[str] = Query(None, **TEXT),
                    speaker_type: Optional[str] = None, report: Optional[str] = Query(None, **TEXT),
                    paging: Paging = Depends()):
        where = quote_filter(speaker=speaker, q=q, report_id=report,
                             speaker_type=checked_choice(speaker_type, SPEAKER_TYPES, "speaker_type"))
        return reader.quotes(where, paging.page, paging.per_page).to_dict()

    # -- actors --------------------------------------------------------------------------------
    @app.get("/api/actors", tags=["actors"], summary="List resolved actors by mentions")
    def list_actors(q: Optional[str] = Query(None, **TEXT), paging: Paging = Depends()):
        return reader.actors(q, paging.page, paging.per_page).to_dict()

    @app.get("/api/actors/{name}", tags=["actors"],
             summary="One actor: whom it acts on, who acts on it, its quotes over time")
    def get_actor(name: str):
        return reader.actor(name)

    # -- stories -------------------------------------------------------------------------------
    @app.get("/api/stories", tags=["stories"], summary="List stories, most recent first")
    def list_stories(q: Optional[str] = Query(None, **TEXT), paging: Paging = Depends()):
        return reader.stories(q, paging.page, paging.per_page).to_dict()

    @app.get("/api/stories/{story_id}", tags=["stories"], summary="One story and its reports")
    def get_story(story_id: int):
        return reader.story(story_id)

    @app.get("/api/stories/{story_id}/timeline", tags=["stories"],
             summary="A story's events in date order, with sources, corroboration and dispute flag")
    def get_timeline(story_id: int, since: Optional[str] = None, until: Optional[str] = None,
                     type: Optional[str] = None, paging: Paging = Depends()):
        since, until = checked_range(since, until)
        return story_queries.timeline(reader, story_id, since, until, checked_choice(type, EVENT_TYPES, "type", upper=True),
                               paging.page, paging.per_page).to_dict()

    @app.get("/api/disputes", tags=["stories"],
             summary="Conflicting claims (denials, opposite stances, different numbers), side by side")
    def list_disputes(story: Optional[int] = Query(None, description="Only this story's disputes."),
                      paging: Paging = Depends()):
        """Without `story`, the disputes of one page of stories (most recent first)."""
        return story_queries.disputes(reader, story, paging.page, paging.per_page).to_dict()

    # -- search and dashboard ------------------------------------------------------------------
    @app.get("/api/search", tags=["search"], summary="Search reports, quotes and actors")
    def search(q: str = Query(..., min_length=2, max_length=200), limit: int = Query(10, ge=1, le=100)):
        return reader.search(q, limit)

    @app.get("/api/event-types", tags=["meta"], summary="PLOVER event types with their quad code and its label")
    def event_types():
        return [{"type": event, "quad": quad, "quad_label": QUAD_LABELS[quad]} for event, quad in PLOVER_QUAD.items()]

    @app.get("/api/health", tags=["meta"], summary="Store size and whether ingestion is open")
    def health():
        return {**reader.counts(), "ingest": allow_ingest}

    app.mount("/static", StaticFiles(directory=WEB_DIR / "static"), name="static")

    @app.get("/", include_in_schema=False)
    def dashboard():
        return FileResponse(WEB_DIR / "index.html")

    return app


async def _json_body(request: Request) -> Any:
    declared = request.headers.get("content-length", "0")
    if not declared.isdigit() or int(declared) > MAX_BODY_BYTES:
        raise ApiError(413, f"request body over {MAX_BODY_BYTES // (1024 * 1024)} MB; send fewer reports per request")
    try:
        return await request.json()
    except ValueError:
        raise ApiError(400, "request body is not JSON; send a report object or a list of them") from None


def _check_token(allow_ingest: bool, token: Optional[str], authorization: Optional[str],
                 header_token: Optional[str]) -> None:
    if not allow_ingest:
        raise ApiError(403, "ingestion is disabled; start the server with --allow-ingest and a token")
    given = header_token or (authorization[7:] if authorization and authorization.lower().startswith("bearer ") else None)
    if not given:
        raise ApiError(401, "missing token: send 'Authorization: Bearer <token>'")
    if not hmac.compare_digest(given.encode(), token.encode()):
        raise ApiError(403, "wrong token")


def _reports_from_body(body: Any) -> list:
    from ..ingest.readers import report_from_object

    items = body if isinstance(body, list) else [body]
    if not items or len(items) > MAX_INGEST_REPORTS:
        raise ApiError(400, f"send 1 to {MAX_INGEST_REPORTS} reports per request")
    try:
        return [report_from_object(obj, f"report {i}") for i, obj in enumerate(items)]
    except InputError as exc:
        raise ApiError(400, str(exc)) from None


def _ingest(store: SharedStore, reports: list) -> dict:
    """Analyse the reports with the pipeline (the spaCy model loads on first use), then store them
    with their story assignment in one transaction."""
    from ..runner import run
    from ..stories import assign_reports

    records, errors = [], []
    for outcome in run(reports):
        (errors if isinstance(outcome, InputError) else records).append(outcome)
    with store.session() as opened, opened.transaction():
        result = opened.save(records)
        assign_reports(opened, result.stored)
    return {"stored": result.stored, "duplicates": [{"id": i, "reason": why} for i, why in result.duplicates],
            "errors": [str(e) for e in errors]}


def _install_error_handlers(app: FastAPI) -> None:
    @app.exception_handler(ApiError)
    async def api_error(_: Request, exc: ApiError):
        return _error(exc.status, exc.message, exc.parameter)

    @app.exception_handler(NotFound)
    async def not_found(_: Request, exc: NotFound):
        return _error(404, str(exc))

    @app.exception_handler(RequestValidationError)
    async def bad_parameter(_: Request, exc: RequestValidationError):
        first = exc.errors()[0]
        where = ".".join(str(p) for p in first.get("loc", ())[1:]) or "request"
        return _error(422, f"{where}: {first.get('msg', 'invalid value')}", where)

    @app.exception_handler(StarletteHTTPException)
    async def http_error(_: Request, exc: StarletteHTTPException):
        return _error(exc.status_code, str(exc.detail), headers=getattr(exc, "headers", None))

    @app.exception_handler(Exception)
    async def unexpected(_: Request, exc: Exception):
        return _error(500, f"internal error ({type(exc).__name__}); see the server log")
