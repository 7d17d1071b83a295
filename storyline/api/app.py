"""The FastAPI app: a documented read-only REST API over a store, and the dashboard that uses it.

`create_app(db)` opens the store read-only. With `allow_ingest=True` and a token it opens the
store for writing and accepts `POST /api/reports`, checking the token on every write. The
OpenAPI description is at /api/openapi.json and browsable at /api/docs.

Every error is JSON, `{"error": {"status": ..., "message": ..., "parameter": ...}}` (ErrorResponse),
with a message that names the bad parameter; nothing a client sends should produce a 500. The
schema says what the server checks: each parameter's format and choices, each status code a route
can answer, and the body of a write; `tests/test_api_contract.py` holds the two to each other.
"""
from __future__ import annotations

import hmac
import json
import re
import threading
from datetime import date
from pathlib import Path
from typing import Any, Optional

from fastapi import Depends, FastAPI, Path as PathParam, Query, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import FileResponse, JSONResponse
from fastapi.security import APIKeyHeader, HTTPAuthorizationCredentials, HTTPBearer
from fastapi.staticfiles import StaticFiles
from pydantic import BaseModel, ConfigDict, Field, TypeAdapter, ValidationError, field_validator
from starlette.exceptions import HTTPException as StarletteHTTPException
from starlette.routing import Match

from ..ingest.readers import FIRST_PUBLICATION_YEAR, LAST_PUBLICATION_YEAR, MAX_REPORT_CHARS, usable_report
from ..models import EVENT_TYPES, MODALITIES, PLOVER_QUAD, QUAD_LABELS, SOURCE_TYPES, SPEAKER_TYPES, InputError, Report
from ..store.access import SessionQueries, SharedStore
from ..store.db import Store
from ..store.queries import NotFound, event_filter, quote_filter
from . import queries as story_queries

WEB_DIR = Path(__file__).resolve().parent.parent / "web"
MAX_URL_BYTES = 8192           # longer request targets are refused before any work is done
MAX_PER_PAGE = 500
MAX_INGEST_REPORTS = 100
MAX_BODY_BYTES = 8 * 1024 * 1024
MAX_ID = 2**31 - 1               # story ids are the store's INTEGERs
DATE_RE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")   # ASCII digits only, as `format: date` says


class ErrorDetail(BaseModel):
    status: int = Field(description="The HTTP status code again.")
    message: str = Field(description="What is wrong, naming the parameter or field.")
    parameter: Optional[str] = Field(None, description="The bad parameter or body field, where there is one.")


class ErrorResponse(BaseModel):
    """The body of every error response."""
    error: ErrorDetail


ERROR_MEANINGS = {
    400: "A parameter's value or the request body cannot be used; `parameter` names it.",
    401: "No token: send `Authorization: Bearer <token>` or `X-Storyline-Token`.",
    403: "Ingestion is disabled on this server, or the token is wrong.",
    404: "No such story, report or actor.",
    413: f"Request body over {MAX_BODY_BYTES // (1024 * 1024)} MB.",
    414: f"Request URL longer than {MAX_URL_BYTES} bytes.",
    422: "A parameter of the wrong type or out of range; `parameter` names it.",
}


def errors(*statuses: int) -> dict[int | str, dict[str, Any]]:
    """The OpenAPI `responses` entries of these error statuses."""
    return {status: {"model": ErrorResponse, "description": ERROR_MEANINGS[status]} for status in statuses}


class ApiError(Exception):
    def __init__(self, status: int, message: str, parameter: Optional[str] = None, headers: Optional[dict] = None):
        super().__init__(message)
        self.status, self.message, self.parameter, self.headers = status, message, parameter, headers


def _error(status: int, message: str, parameter: Optional[str] = None, headers: Optional[dict] = None) -> JSONResponse:
    body = ErrorResponse(error=ErrorDetail(status=status, message=message, parameter=parameter))
    return JSONResponse(body.model_dump(exclude_none=True), status_code=status, headers=headers)


# -- parameter checks ---------------------------------------------------------------------------
def iso_date(value: str) -> Optional[str]:
    """`value` if it is a real date written YYYY-MM-DD, else None."""
    if DATE_RE.fullmatch(value):
        try:
            return date.fromisoformat(value).isoformat()
        except ValueError:
            pass
    return None


def checked_date(value: Optional[str], parameter: str) -> Optional[str]:
    if value is None or value == "":
        return None
    if checked := iso_date(value):
        return checked
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
STORY_ID = dict(ge=1, le=MAX_ID)


def _or_blank(described: dict[str, Any]):
    """A query parameter's schema: a string as `described`, or blank (a form's empty field), which
    the checks read as no filter."""
    def rewrite(schema: dict[str, Any]) -> None:
        schema.pop("type", None)
        schema["anyOf"] = [{"type": "string", **described}, {"type": "string", "maxLength": 0}]
    return rewrite


def date_query(description: str) -> Any:
    """A YYYY-MM-DD parameter, checked by `checked_date`."""
    return Query(None, description=f"{description} (YYYY-MM-DD).", json_schema_extra=_or_blank({"format": "date"}))


def choice_query(choices: tuple[str, ...], description: str) -> Any:
    """One of `choices`, in any case, checked by `checked_choice`."""
    return Query(None, description=f"{description} (any case).", json_schema_extra=_or_blank({"enum": list(choices)}))


def links(status: int, **targets: tuple[str, str, str]) -> dict[str, Any]:
    """OpenAPI links from a route's `status` answer: name=(path of a GET, its parameter, where in the
    answer's body the value is), so that a client (or schemathesis) can follow real ids."""
    return {"responses": {str(status): {"links": {
        name: {"operationRef": "#/paths/" + path.replace("~", "~0").replace("/", "~1") + "/get",
               "parameters": {parameter: f"$response.body#{pointer}"}}
        for name, (path, parameter, pointer) in targets.items()}}}}


# -- the body of a write ------------------------------------------------------------------------
# The readers' years of publication (whole centuries) as a pattern the schema can state.
PUBLICATION_DAY = (rf"^({'|'.join(str(c) for c in range(FIRST_PUBLICATION_YEAR // 100, LAST_PUBLICATION_YEAR // 100 + 1))})"
                   r"\d\d-\d\d-\d\d$")


class ReportIn(BaseModel):
    """One report, with the fields of a line of a JSONL input file; further fields are kept with
    the record as they are."""
    model_config = ConfigDict(extra="allow")

    id: str = Field(min_length=1, description="Unique id; a string (a number or an object is refused).")
    # The CLI's checks of a text (`usable_report`) run after the types are checked; the schema
    # states them: at most MAX_REPORT_CHARS, not blank, no NUL characters.
    text: str = Field(description="The report's text.",
                      json_schema_extra={"maxLength": MAX_REPORT_CHARS, "pattern": r"^[^\x00]*[^\s\x00][^\x00]*$"})
    published: Optional[str] = Field(None, description=f"Publication date, YYYY-MM-DD, in the years "
                                                       f"{FIRST_PUBLICATION_YEAR}-{LAST_PUBLICATION_YEAR}.",
                                     json_schema_extra={"format": "date", "pattern": PUBLICATION_DAY})
    url: Optional[str] = None
    outlet: Optional[str] = None
    title: Optional[str] = None

    @field_validator("published")
    @classmethod
    def _is_a_date(cls, value: Optional[str]) -> Optional[str]:
        if value is not None and iso_date(value) is None:
            raise ValueError("not a date; use YYYY-MM-DD")
        return value


REPORT_SCHEMA = ReportIn.model_json_schema()
REPORTS_BODY = {"anyOf": [REPORT_SCHEMA, {"type": "array", "items": REPORT_SCHEMA,
                                           "minItems": 1, "maxItems": MAX_INGEST_REPORTS}]}
_REPORT_LIST = TypeAdapter(list[ReportIn])
BEARER = HTTPBearer(auto_error=False, description="The server's token (--token), as `Authorization: Bearer <token>`.")
TOKEN_HEADER = APIKeyHeader(name="X-Storyline-Token", auto_error=False, description="The server's token (--token).")


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
                  docs_url="/api/docs", redoc_url=None, openapi_url="/api/openapi.json",
                  responses=errors(414))
    app.state.store = store
    _install_error_handlers(app)

    @app.middleware("http")
    async def refuse_long_urls(request: Request, call_next):
        if len(request.url.query) + len(request.url.path) > MAX_URL_BYTES:
            return _error(414, f"request URL longer than {MAX_URL_BYTES} bytes")
        return await call_next(request)

    # -- reports -------------------------------------------------------------------------------
    @app.get("/api/reports", tags=["reports"], summary="List reports", responses=errors(400, 422),
             openapi_extra=links(200, report=("/api/reports/{report_id}", "report_id", "/items/0/id")))
    def list_reports(q: Optional[str] = Query(None, description="Text in title or body.", **TEXT),
                     outlet: Optional[str] = Query(None, **TEXT),
                     since: Optional[str] = date_query("Published on or after; not after `until`"),
                     until: Optional[str] = date_query("Published on or before"), paging: Paging = Depends()):
        since, until = checked_range(since, until)
        return reader.reports(q, outlet, since, until, paging.page, paging.per_page).to_dict()

    @app.get("/api/reports/{report_id}", tags=["reports"], summary="One report: text and extracted record",
             responses=errors(404, 422))
    def get_report(report_id: str):
        return reader.report(report_id)

    def require_token(bearer: Optional[HTTPAuthorizationCredentials] = Depends(BEARER),
                      header_token: Optional[str] = Depends(TOKEN_HEADER)) -> None:
        _check_token(allow_ingest, token, header_token or (bearer.credentials if bearer else None))

    # The token is checked before the body is read. The body is read by _json_body, not by FastAPI,
    # so that its size is checked while reading and a bad report is a 400 naming the field.
    @app.post("/api/reports", tags=["reports"], status_code=201, responses=errors(400, 401, 403, 413),
              summary="Analyse and store reports (only with --allow-ingest; needs the token)",
              openapi_extra={"requestBody": {"required": True, "content": {"application/json": {"schema": REPORTS_BODY}}},
                             **links(201, report=("/api/reports/{report_id}", "report_id", "/stored/0"))})
    def post_reports(_: None = Depends(require_token), body: Any = Depends(_json_body)):
        reports = _reports_from_body(body)
        with write_lock:
            outcome = _ingest(store, reports)
        return outcome

    # -- events and quotes ---------------------------------------------------------------------
    @app.get("/api/events", tags=["events"], summary="List events with filters", responses=errors(400, 404, 422))
    def list_events(story: Optional[int] = Query(None, description="Story id.", **STORY_ID),
                    actor: Optional[str] = Query(None, description="The acting party: country code, or part of its name.", **TEXT),
                    type: Optional[str] = choice_query(EVENT_TYPES, "PLOVER event type"),
                    since: Optional[str] = date_query("Events on or after; not after `until`"),
                    until: Optional[str] = date_query("Events on or before"),
                    modality: Optional[str] = choice_query(MODALITIES, "How the report states the event"),
                    source_type: Optional[str] = choice_query(SOURCE_TYPES, "Whom the report attributes it to"),
                    report: Optional[str] = Query(None, **TEXT), paging: Paging = Depends()):
        since, until = checked_range(since, until)
        if story is not None:
            reader.story_summary(story)     # an unknown story is a 404, not an empty list
        where = event_filter(story=story, actor=actor, event_type=checked_choice(type, EVENT_TYPES, "type", upper=True),
                             since=since, until=until, modality=checked_choice(modality, MODALITIES, "modality"),
                             source_type=checked_choice(source_type, SOURCE_TYPES, "source_type"), report_id=report)
        return reader.events(where, paging.page, paging.per_page).to_dict()

    @app.get("/api/quotes", tags=["quotes"], summary="List quotes", responses=errors(400, 422))
    def list_quotes(speaker: Optional[str] = Query(None, **TEXT), q: Optional[str] = Query(None, **TEXT),
                    speaker_type: Optional[str] = choice_query(SPEAKER_TYPES, "Kind of speaker"),
                    report: Optional[str] = Query(None, **TEXT), paging: Paging = Depends()):
        where = quote_filter(speaker=speaker, q=q, report_id=report,
                             speaker_type=checked_choice(speaker_type, SPEAKER_TYPES, "speaker_type"))
        return reader.quotes(where, paging.page, paging.per_page).to_dict()

    # -- actors --------------------------------------------------------------------------------
    @app.get("/api/actors", tags=["actors"], summary="List resolved actors by mentions", responses=errors(422),
             openapi_extra=links(200, actor=("/api/actors/{name}", "name", "/items/0/name")))
    def list_actors(q: Optional[str] = Query(None, **TEXT), paging: Paging = Depends()):
        return reader.actors(q, paging.page, paging.per_page).to_dict()

    @app.get("/api/actors/{name}", tags=["actors"], responses=errors(404, 422),
             summary="One actor: whom it acts on, who acts on it, its quotes over time")
    def get_actor(name: str):
        return reader.actor(name)

    # -- stories -------------------------------------------------------------------------------
    @app.get("/api/stories", tags=["stories"], summary="List stories, most recent first", responses=errors(422),
             openapi_extra=links(200, story=("/api/stories/{story_id}", "story_id", "/items/0/id"),
                                 timeline=("/api/stories/{story_id}/timeline", "story_id", "/items/0/id")))
    def list_stories(q: Optional[str] = Query(None, **TEXT), paging: Paging = Depends()):
        return reader.stories(q, paging.page, paging.per_page).to_dict()

    @app.get("/api/stories/{story_id}", tags=["stories"], summary="One story and its reports",
             responses=errors(404, 422))
    def get_story(story_id: int = PathParam(**STORY_ID)):
        return reader.story(story_id)

    @app.get("/api/stories/{story_id}/timeline", tags=["stories"], responses=errors(400, 404, 422),
             summary="A story's events in date order, with sources, corroboration and dispute flag")
    def get_timeline(story_id: int = PathParam(**STORY_ID), since: Optional[str] = date_query("Events on or after; not after `until`"),
                     until: Optional[str] = date_query("Events on or before"),
                     type: Optional[str] = choice_query(EVENT_TYPES, "PLOVER event type"), paging: Paging = Depends()):
        since, until = checked_range(since, until)
        return story_queries.timeline(reader, story_id, since, until, checked_choice(type, EVENT_TYPES, "type", upper=True),
                               paging.page, paging.per_page).to_dict()

    @app.get("/api/disputes", tags=["stories"], responses=errors(404, 422),
             summary="Conflicting claims (denials, opposite stances, different numbers), side by side")
    def list_disputes(story: Optional[int] = Query(None, description="Only this story's disputes.", **STORY_ID),
                      paging: Paging = Depends()):
        """Without `story`, the disputes of one page of stories (most recent first)."""
        return story_queries.disputes(reader, story, paging.page, paging.per_page).to_dict()

    # -- search and dashboard ------------------------------------------------------------------
    @app.get("/api/search", tags=["search"], summary="Search reports, quotes and actors", responses=errors(422))
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
    """The request body as JSON, read no further than MAX_BODY_BYTES (a declared length or not)."""
    declared = request.headers.get("content-length", "0")
    too_big = ApiError(413, f"request body over {MAX_BODY_BYTES // (1024 * 1024)} MB; send fewer reports per request")
    if not declared.isdigit() or int(declared) > MAX_BODY_BYTES:
        raise too_big
    raw = bytearray()
    async for chunk in request.stream():
        raw += chunk
        if len(raw) > MAX_BODY_BYTES:
            raise too_big
    try:
        return json.loads(raw)
    except ValueError:   # also bytes that are not UTF-8
        raise ApiError(400, "request body is not JSON; send a report object or a list of them") from None


def _check_token(allow_ingest: bool, token: Optional[str], given: Optional[str]) -> None:
    if not allow_ingest:
        raise ApiError(403, "ingestion is disabled; start the server with --allow-ingest and a token")
    if not given:
        raise ApiError(401, "missing token: send 'Authorization: Bearer <token>'", headers={"WWW-Authenticate": "Bearer"})
    if not hmac.compare_digest(given.encode(), token.encode()):
        raise ApiError(403, "wrong token")


def _reports_from_body(body: Any) -> list[Report]:
    """The reports of a request body, each checked as REPORTS_BODY describes and then as the CLI
    checks a report (`usable_report`); a 400 naming the report and field otherwise."""
    items = body if isinstance(body, list) else [body]
    if not items or len(items) > MAX_INGEST_REPORTS:
        raise ApiError(400, f"send 1 to {MAX_INGEST_REPORTS} reports per request")
    try:
        checked = _REPORT_LIST.validate_python(items)
    except ValidationError as exc:
        first = exc.errors()[0]
        index, *field = first["loc"]
        if not field:
            raise ApiError(400, f"report {index}: expected a JSON object with id and text") from None
        name = ".".join(str(part) for part in field)
        why = first["ctx"]["error"] if first["type"] == "value_error" else first["msg"]   # ours, unprefixed
        raise ApiError(400, f"report {index}: {name}: {why}", name) from None
    try:
        return [usable_report(report.model_dump(), f"report {i}") for i, report in enumerate(checked)]
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
        return _error(exc.status, exc.message, exc.parameter, exc.headers)

    @app.exception_handler(NotFound)
    async def not_found(_: Request, exc: NotFound):
        return _error(404, str(exc))

    @app.exception_handler(RequestValidationError)
    async def bad_parameter(_: Request, exc: RequestValidationError):
        first = exc.errors()[0]
        where = ".".join(str(p) for p in first.get("loc", ())[1:]) or "request"
        return _error(422, f"{where}: {first.get('msg', 'invalid value')}", where)

    @app.exception_handler(StarletteHTTPException)
    async def http_error(request: Request, exc: StarletteHTTPException):
        headers = getattr(exc, "headers", None)
        if exc.status_code == 405 and (methods := _allowed_methods(request)):
            headers = {**(headers or {}), "Allow": ", ".join(methods)}
        return _error(exc.status_code, str(exc.detail), headers=headers)

    @app.exception_handler(Exception)
    async def unexpected(_: Request, exc: Exception):
        return _error(500, f"internal error ({type(exc).__name__}); see the server log")


def _allowed_methods(request: Request) -> list[str]:
    """Every method some route takes at this path: Starlette's 405 names only the first route's
    (GET /api/reports hides POST)."""
    methods: set[str] = set()
    for route in request.app.router.routes:
        if route.matches(request.scope)[0] is not Match.NONE:
            methods |= getattr(route, "methods", None) or set()
    return sorted(methods)
