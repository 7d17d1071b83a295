"""REST API tests: a store built by the real pipeline and stories layer from two short reports.

The two reports cover one story: both say mediators met in Doha (corroborated), one reports an
air strike and the other has Israel deny it (disputed).
"""
from __future__ import annotations

import asyncio
import json
import socket
import urllib.error
import urllib.request

import pytest
from fastapi.testclient import TestClient

from storyline.api.app import MAX_INGEST_REPORTS, MAX_URL_BYTES, create_app
from storyline.api.server import serving
from storyline.ingest.readers import MAX_REPORT_CHARS, report_from_object
from storyline.models import EVENT_TYPES, MODALITIES
from storyline.runner import run
from storyline.store.db import Store
from storyline.stories import assign_reports

TOKEN = "s3cret-test-token"

REPORTS = [
    {"id": "gaza-talks-1", "outlet": "harbour-times", "published": "2024-10-07", "url": "https://example.net/a",
     "title": "Qatari mediators host new round of truce talks",
     "text": "Qatari mediators host new round of truce talks\n\n"
             "Qatari mediators met Hamas negotiators in Doha on Sunday to discuss a new ceasefire proposal, "
             "two officials briefed on the talks said.\n\n"
             "Israeli aircraft struck Khan Younis on Saturday, killing at least 12 people, the Gaza health ministry said.\n\n"
             "\"We are ready to work on any serious offer,\" Hamas official Basem Naim told reporters."},
    {"id": "gaza-talks-2", "outlet": "desert-ledger", "published": "2024-10-08",
     "title": "Israel denies strike on Khan Younis shelter",
     "text": "Israel denies strike on Khan Younis shelter\n\n"
             "Israel said on Monday that its aircraft did not strike Khan Younis on Saturday, "
             "contradicting local officials.\n\n"
             "Qatari mediators met Hamas negotiators in Doha on Sunday, according to a diplomat.\n\n"
             "Egypt urged both sides to accept the ceasefire proposal."},
]

NEW_REPORT = {"id": "beirut-envoy", "published": "2024-10-09", "outlet": "harbour-times",
              "text": "A French envoy arrived in Beirut on Wednesday and met Lebanese Prime Minister Najib Mikati, "
                      "officials said."}


def build_store(path, reports) -> None:
    records = list(run([report_from_object(r, f"test report {i}") for i, r in enumerate(reports)]))
    with Store(path) as store:
        stored = store.save(records).stored
        assign_reports(store, stored)


@pytest.fixture(scope="module")
def client(tmp_path_factory, pipeline):
    db = tmp_path_factory.mktemp("api") / "store.duckdb"
    build_store(db, REPORTS)
    app = create_app(db)
    with TestClient(app) as c:
        yield c
    app.state.store.close()


@pytest.fixture(scope="module")
def writable(tmp_path_factory, pipeline):
    db = tmp_path_factory.mktemp("api-write") / "store.duckdb"
    build_store(db, REPORTS[:1])
    app = create_app(db, allow_ingest=True, token=TOKEN)
    with TestClient(app) as c:
        yield c
    app.state.store.close()


def items(response) -> list[dict]:
    assert response.status_code == 200, response.text
    return response.json()["items"]


def story_id(client) -> int:
    stories = items(client.get("/api/stories"))
    assert len(stories) == 1, "both reports belong to one story"
    return stories[0]["id"]


# -- reads --------------------------------------------------------------------------------------
def test_health_counts_the_store(client):
    body = client.get("/api/health").json()
    assert body["reports"] == 2 and body["events"] > 0 and body["stories"] == 1 and body["ingest"] is False


def test_event_types_give_each_plover_type_its_quad(client):
    from storyline.models import PLOVER_QUAD, QUAD_LABELS

    body = client.get("/api/event-types").json()
    assert {t["type"]: t["quad"] for t in body} == PLOVER_QUAD
    assert {t["type"]: t["quad_label"] for t in body}["SANCTION"] == QUAD_LABELS[3] == "verbal conflict"


def test_reports_are_paginated(client):
    first = client.get("/api/reports", params={"per_page": 1}).json()
    second = client.get("/api/reports", params={"per_page": 1, "page": 2}).json()
    assert first["total"] == 2 and first["pages"] == 2
    assert {first["items"][0]["id"], second["items"][0]["id"]} == {"gaza-talks-1", "gaza-talks-2"}
    assert items(client.get("/api/reports", params={"page": 3, "per_page": 1})) == []


def test_report_has_text_record_and_story(client):
    report = client.get("/api/reports/gaza-talks-1").json()
    assert report["text"].startswith("Qatari mediators host")
    assert report["story"]["id"] == story_id(client)
    for event in report["events"]:
        assert event["event_text"] in report["text"][event["start"]:event["end"]]


def test_event_filters(client):
    assault = items(client.get("/api/events", params={"type": "assault"}))
    assert assault and {e["event"] for e in assault} == {"ASSAULT"}
    negated = items(client.get("/api/events", params={"modality": "negated"}))
    assert negated and all(e["report_id"] == "gaza-talks-2" for e in negated)
    egypt = items(client.get("/api/events", params={"actor": "EGY"}))
    assert [e["event"] for e in egypt] == ["REQUEST"]
    in_story = client.get("/api/events", params={"story": story_id(client), "per_page": 500}).json()
    assert in_story["total"] == client.get("/api/events").json()["total"]
    # the strike is dated Saturday 5 October; the Sunday meeting the 6th
    on_saturday = items(client.get("/api/events", params={"since": "2024-10-05", "until": "2024-10-05"}))
    assert on_saturday and {e["event"] for e in on_saturday} == {"ASSAULT"}
    anonymous = items(client.get("/api/events", params={"source_type": "anonymous"}))
    assert anonymous and all(e["source_type"] == "anonymous" for e in anonymous)


def test_timeline_shows_sources_corroboration_and_disputes(client):
    timeline = items(client.get(f"/api/stories/{story_id(client)}/timeline"))
    dates = [e["date"] for e in timeline if e["date"]]
    assert dates == sorted(dates)
    meeting = next(e for e in timeline if e["event"] == "CONSULT" and e["date"] == "2024-10-06")
    assert {m["report_id"] for m in meeting["mentions"]} == {"gaza-talks-1", "gaza-talks-2"}
    assert meeting["corroboration"] == 2 and not meeting["disputed"]
    strike = next(e for e in timeline if e["event"] == "ASSAULT" and e["date"] == "2024-10-05")
    assert strike["disputed"] and "denial" in strike["disputes"]
    assert strike["status"] == "reported -> denied"
    texts = {r["id"]: client.get(f"/api/reports/{r['id']}").json()["text"] for r in REPORTS}
    for m in strike["mentions"]:
        assert m["event_text"] in texts[m["report_id"]][m["start"]:m["end"]]


def test_timeline_date_zoom_and_type(client):
    sid = story_id(client)
    zoomed = items(client.get(f"/api/stories/{sid}/timeline", params={"since": "2024-10-06", "until": "2024-10-06"}))
    assert zoomed and all(e["date"] == "2024-10-06" for e in zoomed)
    assaults = items(client.get(f"/api/stories/{sid}/timeline", params={"type": "assault"}))
    assert assaults and {e["event"] for e in assaults} == {"ASSAULT"}


def test_disputes_put_the_claims_side_by_side(client):
    disputes = items(client.get("/api/disputes", params={"story": story_id(client)}))
    denial = next(d for d in disputes if d["kind"] == "denial")
    assert denial["about"].startswith("ASSAULT")
    sides = {side["claim"]: {m["report_id"] for m in side["mentions"]} for side in denial["sides"]}
    assert sides == {"reported": {"gaza-talks-1"}, "denied": {"gaza-talks-2"}}
    assert items(client.get("/api/disputes")) == disputes   # the only story


def test_actor_page_data(client):
    actors = items(client.get("/api/actors", params={"q": "hamas"}))
    assert any(a["name"] == "Basem Naim" or "Hamas" in a["name"] for a in actors)
    israel = client.get("/api/actors/Israel").json()
    assert any(p["event"] == "ASSAULT" for p in israel["acts_on"])
    mediators = client.get("/api/actors/Hamas negotiators").json()
    assert any(p["event"] == "CONSULT" for p in mediators["acted_on_by"])
    naim = client.get("/api/actors/Basem Naim").json()
    assert [q["quote"] for q in naim["quotes"]] == ["We are ready to work on any serious offer"]
    # the registry's evidence: who the report says he is, when and where
    (evidence,) = naim["evidence"]
    assert (evidence["code"], evidence["sector"], evidence["source"]) == ("PSE", "REB", "learned")
    assert evidence["report_ids"] == ["gaza-talks-1"] and evidence["first_seen"] == "2024-10-07"


def test_quotes_and_search(client):
    quotes = items(client.get("/api/quotes", params={"speaker": "naim"}))
    assert len(quotes) == 1 and quotes[0]["report_id"] == "gaza-talks-1"
    found = client.get("/api/search", params={"q": "doha"}).json()
    assert {r["id"] for r in found["reports"]} == {"gaza-talks-1", "gaza-talks-2"}
    assert any("doha" in r["snippet"].lower() for r in found["reports"])
    assert client.get("/api/search", params={"q": "serious offer"}).json()["quotes"][0]["speaker"] == "Basem Naim"


def test_openapi_documents_every_endpoint(client):
    paths = client.get("/api/openapi.json").json()["paths"]
    for path in ("/api/reports", "/api/events", "/api/quotes", "/api/actors", "/api/stories",
                 "/api/stories/{story_id}/timeline", "/api/disputes", "/api/search"):
        assert path in paths
    assert "page" in {p["name"] for p in paths["/api/events"]["get"]["parameters"]}


def test_dashboard_is_served_without_external_resources(client):
    page = client.get("/")
    assert page.status_code == 200 and "/static/app.js" in page.text
    for asset in ("/static/app.js", "/static/style.css"):
        body = client.get(asset).text
        assert "http://" not in body.replace("http://www.w3.org/2000/svg", "") and "https://" not in body


# -- bad parameters -----------------------------------------------------------------------------
@pytest.mark.parametrize("url, status, parameter", [
    ("/api/stories/9999", 404, None),
    ("/api/stories/9999/timeline", 404, None),
    ("/api/events?story=9999", 404, None),
    ("/api/stories/abc", 422, "story_id"),
    ("/api/reports/no-such-report", 404, None),
    ("/api/actors/Nobody%20At%20All", 404, None),
    ("/api/events?since=2024-02-30", 400, "since"),
    ("/api/events?until=yesterday", 400, "until"),
    ("/api/events?since=2024-10-09&until=2024-10-01", 400, "since"),
    ("/api/events?type=BOMBING", 400, "type"),
    ("/api/events?modality=maybe", 400, "modality"),
    ("/api/events?source_type=rumour", 400, "source_type"),
    ("/api/events?page=-1", 422, "page"),
    ("/api/events?page=0", 422, "page"),
    ("/api/events?per_page=100000", 422, "per_page"),
    ("/api/events?page=two", 422, "page"),
    ("/api/search?q=a", 422, "q"),
    ("/api/search", 422, "q"),
    ("/api/no-such-endpoint", 404, None),
])
def test_bad_parameters_give_json_errors(client, url, status, parameter):
    response = client.get(url)
    assert response.status_code == status, response.text
    error = response.json()["error"]
    assert error["status"] == status and error["message"]
    if parameter:
        assert error["parameter"] == parameter and parameter in error["message"]


def asgi_get(app, path: str, query: bytes) -> tuple[int, dict]:
    """GET straight through the ASGI app: httpx refuses to send URLs this long."""
    sent: list[dict] = []

    async def receive():
        return {"type": "http.request", "body": b"", "more_body": False}

    async def send(message):
        sent.append(message)

    scope = {"type": "http", "http_version": "1.1", "method": "GET", "scheme": "http", "path": path,
             "raw_path": path.encode(), "query_string": query, "root_path": "", "headers": [(b"host", b"test")],
             "server": ("test", 80), "client": ("127.0.0.1", 9)}
    asyncio.run(app(scope, receive, send))
    body = b"".join(m.get("body", b"") for m in sent if m["type"] == "http.response.body")
    return sent[0]["status"], json.loads(body)


def test_huge_query_string_is_refused(client):
    status, body = asgi_get(client.app, "/api/reports", b"q=" + b"x" * (10 * 1024 * 1024))
    assert status == 414
    assert "longer than" in body["error"]["message"]


def send_raw(url: str, request: bytes) -> bytes:
    """What the server at `url` answers to `request`, sent as is on a new connection."""
    host, port = url.removeprefix("http://").rsplit(":", 1)
    with socket.create_connection((host, int(port)), timeout=10) as s:
        try:
            s.sendall(request)
        except (ConnectionResetError, BrokenPipeError):
            pass  # the server answers and hangs up before reading it all
        data = b""
        while chunk := s.recv(65536):
            data += chunk
    return data


def test_real_server_answers_refuses_oversized_requests_and_stops(client):
    with serving(client.app) as url:
        with urllib.request.urlopen(url + "/api/health") as response:
            assert json.load(response)["reports"] == 2
        # over the app's URL limit, under the HTTP layer's: the app's JSON error
        with pytest.raises(urllib.error.HTTPError) as refused:
            urllib.request.urlopen(url + "/api/reports?q=" + "x" * MAX_URL_BYTES)
        assert refused.value.code == 414 and "longer than" in json.load(refused.value)["error"]["message"]
        # a 10 MB request line: refused by the HTTP layer before the app reads it
        answer = send_raw(url, b"GET /api/reports?q=" + b"x" * (10 * 1024 * 1024) + b" HTTP/1.1\r\nHost: t\r\n\r\n")
        assert answer.startswith(b"HTTP/1.1 400 ")
        with urllib.request.urlopen(url + "/api/health") as response:  # and goes on serving
            assert response.status == 200
    with pytest.raises(OSError):  # stopped: nothing listens on the port any more
        send_raw(url, b"GET /api/health HTTP/1.1\r\nHost: t\r\n\r\n")


# -- writes -------------------------------------------------------------------------------------
def test_read_only_server_refuses_writes(client):
    response = client.post("/api/reports", json=NEW_REPORT, headers={"Authorization": f"Bearer {TOKEN}"})
    assert response.status_code == 403 and "disabled" in response.json()["error"]["message"]


@pytest.mark.parametrize("headers, status", [
    ({}, 401),
    ({"Authorization": "Bearer wrong"}, 403),
    ({"Authorization": "Basic " + TOKEN}, 401),
    ({"X-Storyline-Token": TOKEN + "x"}, 403),
])
def test_writes_without_the_token_are_refused(writable, headers, status):
    response = writable.post("/api/reports", json=NEW_REPORT, headers=headers)
    assert response.status_code == status
    assert writable.get("/api/health").json()["reports"] == 1


def test_ingest_with_token_stores_and_groups(writable):
    auth = {"Authorization": f"Bearer {TOKEN}"}
    bad = writable.post("/api/reports", json={"id": "x"}, headers=auth)
    assert bad.status_code == 400 and "text" in bad.json()["error"]["message"]
    not_json = writable.post("/api/reports", content=b"id=x", headers=auth)
    assert not_json.status_code == 400 and "not JSON" in not_json.json()["error"]["message"]
    too_big = writable.post("/api/reports", content=b"[" + b" " * (9 * 1024 * 1024) + b"]", headers=auth)
    assert too_big.status_code == 413
    response = writable.post("/api/reports", json=[NEW_REPORT], headers=auth)
    assert response.status_code == 201, response.text
    assert response.json()["stored"] == ["beirut-envoy"]
    report = writable.get("/api/reports/beirut-envoy").json()
    assert report["story"] is not None and report["events"]
    again = writable.post("/api/reports", json=NEW_REPORT, headers=auth).json()
    assert again["stored"] == [] and again["duplicates"][0]["id"] == "beirut-envoy"


def test_ingest_needs_a_token_to_start():
    with pytest.raises(ValueError, match="token"):
        create_app("unused.duckdb", allow_ingest=True, token=None)


@pytest.mark.parametrize("body, field, words", [
    ({"id": {"nested": 1}, "text": NEW_REPORT["text"]}, "id", "string"),
    ({"id": 17, "text": NEW_REPORT["text"]}, "id", "string"),
    ({"id": "x", "text": ["not", "a", "string"]}, "text", "string"),
    ({"id": "x", "text": NEW_REPORT["text"], "published": "2024-10-09T08:00:00Z"}, "published", "YYYY-MM-DD"),
    ({"id": "x", "text": NEW_REPORT["text"], "title": 3}, "title", "string"),
    ([NEW_REPORT, {"id": "y"}], "text", "report 1"),
])
def test_writes_check_types_and_name_the_field(writable, body, field, words):
    response = writable.post("/api/reports", json=body, headers={"Authorization": f"Bearer {TOKEN}"})
    assert response.status_code == 400, response.text
    error = response.json()["error"]
    assert error["parameter"] == field and field in error["message"] and words in error["message"]


@pytest.mark.parametrize("text, words", [
    ("x" * (MAX_REPORT_CHARS + 1), f"limit {MAX_REPORT_CHARS:,}"),
    (" \n\t ", "empty report text"),
    ("a\x00b", "NUL"),
])
def test_writes_apply_the_cli_checks_of_a_text(writable, text, words):
    response = writable.post("/api/reports", json={"id": "checked", "text": text},
                             headers={"X-Storyline-Token": TOKEN})
    assert response.status_code == 400 and words in response.json()["error"]["message"]


def test_far_dates_are_answered_not_overflowed(writable):
    for url in ("/api/events?since=9999-12-31", "/api/reports?until=9999-12-31", "/api/events?since=0001-01-01",
                "/api/stories/1/timeline?since=9999-12-31&until=9999-12-31"):
        assert writable.get(url).status_code == 200, url
    text = "Israel struck Gaza on Monday; the envoys will meet next week and again next year."
    far = {"id": "far-future", "published": "9999-12-31", "text": text}
    response = writable.post("/api/reports", json=far, headers={"Authorization": f"Bearer {TOKEN}"})
    assert response.status_code == 400   # the readers' rule for a publication day, as on the command line
    assert "published 9999-12-31 is outside the years 1800-2199" in response.json()["error"]["message"]
    last = {"id": "last-year-taken", "published": "2199-12-31", "text": text}
    response = writable.post("/api/reports", json=last, headers={"Authorization": f"Bearer {TOKEN}"})
    assert response.status_code == 201 and response.json()["stored"] == ["last-year-taken"], response.text
    assert writable.get("/api/reports/last-year-taken").json()["story"] is not None


def test_openapi_states_formats_choices_statuses_and_the_body(client):
    spec = client.get("/api/openapi.json").json()
    events = {p["name"]: p["schema"] for p in spec["paths"]["/api/events"]["get"]["parameters"]}
    assert events["type"]["anyOf"][0]["enum"] == list(EVENT_TYPES)
    assert events["modality"]["anyOf"][0]["enum"] == list(MODALITIES)
    assert events["since"]["anyOf"][0]["format"] == "date"
    error = {"$ref": "#/components/schemas/ErrorResponse"}
    post = spec["paths"]["/api/reports"]["post"]
    assert {"400", "401", "403", "413", "414"} <= set(post["responses"])
    assert post["responses"]["401"]["content"]["application/json"]["schema"] == error
    assert {"404", "422"} <= set(spec["paths"]["/api/stories/{story_id}"]["get"]["responses"])
    one, many = post["requestBody"]["content"]["application/json"]["schema"]["anyOf"]
    assert one["properties"]["text"]["maxLength"] == MAX_REPORT_CHARS and one["required"] == ["id", "text"]
    assert many["maxItems"] == MAX_INGEST_REPORTS


def test_wrong_method_names_every_method_of_the_path(client):
    response = client.request("DELETE", "/api/reports")
    assert response.status_code == 405 and response.headers["allow"] == "GET, POST"
    assert response.json()["error"]["status"] == 405


def test_a_missing_token_is_asked_for(writable):
    response = writable.post("/api/reports", json=NEW_REPORT)
    assert response.status_code == 401 and response.headers["www-authenticate"] == "Bearer"
