"""Stories: grouping, event linking, corroboration, disputes, timeline, diff and manual assignment,
on short reports written for these tests and run through the real pipeline once."""
from datetime import date

import pytest
import typer
from typer.testing import CliRunner

from storyline.cli.stories_commands import register
from storyline.models import Report
from storyline.stories import assign_manually, assign_reports
from storyline.stories import views
from storyline.store.db import Store

REPORTS = [
    dict(id="t-plan", outlet="wire-one.com", published="2024-11-18",
         title="US envoy heads to Beirut as truce talks advance",
         text=("US envoy Amos Hochstein is expected to visit Beirut on Tuesday, two Lebanese officials said, "
               "in a sign of progress in the talks between Israel and Hezbollah.\n\n"
               "The US proposal provides for a 60-day truce in which Israeli troops would withdraw from "
               "southern Lebanon, the officials said.\n\n"
               "Hezbollah accepted the US proposal, a Lebanese official said on Monday. "
               "Najib Mikati, Lebanon's prime minister, said the government had responded positively to the draft.")),
    dict(id="t-meet-a", outlet="daily-beirut.com", published="2024-11-19",
         title="Hochstein meets Berri in Beirut",
         text=("US envoy Amos Hochstein arrived in Beirut on Tuesday and met Lebanese Parliament Speaker Nabih Berri "
               "to discuss the ceasefire proposal for Lebanon.\n\n"
               "“There is a real opportunity here to end the war,” Hochstein told reporters after the meeting. "
               "Berri, an ally of Hezbollah, said the talks with the envoy were positive.")),
    dict(id="t-meet-b", outlet="levant-news.com", published="2024-11-19",
         title="US envoy holds talks with Lebanese speaker",
         text=("Amos Hochstein, the US envoy, met Nabih Berri, the speaker of Lebanon's parliament, in Beirut on Tuesday "
               "as Washington pushes for a truce between Israel and Hezbollah.\n\n"
               "“There is a real opportunity here to end the war,” Hochstein said after the talks. "
               "Lebanese officials said Hezbollah had reviewed the draft and sent its comments to Berri.\n\n"
               "Israeli Prime Minister Benjamin Netanyahu demands freedom of action in Lebanon after any deal.")),
    dict(id="t-meet-b-copy", outlet="regional-portal.net", published="2024-11-19",
         title="US envoy holds talks with Lebanese speaker",
         text=("Amos Hochstein, the US envoy, met Nabih Berri, the speaker of Lebanon's parliament, in Beirut on Tuesday "
               "as Washington pushes for a truce between Israel and Hezbollah.\n\n"
               "“There is a real opportunity here to end the war,” Hochstein said after the talks. "
               "Lebanese officials said Hezbollah had reviewed the draft and sent its comments to Berri.\n\n"
               "Israeli Prime Minister Benjamin Netanyahu demands freedom of action in Lebanon after any deal.\n\n"
               "This article was republished from Levant News.")),
    dict(id="t-dispute", outlet="gulf-daily.com", published="2024-11-20",
         title="Hezbollah rejects US plan, Israeli official says",
         text=("Hezbollah rejected the US plan for a truce in Lebanon, an Israeli official said on Wednesday, "
               "contradicting reports from Beirut.\n\n"
               "According to the official, the plan starts with a 21-day truce along the border between Israel "
               "and Lebanon, not a longer pause.\n\n"
               "US envoy Amos Hochstein met Lebanese Prime Minister Najib Mikati in Beirut on Wednesday.")),
    dict(id="t-sudan-1", outlet="africa-wire.com", published="2024-11-18",
         title="Sudan's army and RSF resume talks in Jeddah",
         text=("Delegations from Sudan's army and the Rapid Support Forces resumed indirect talks in Jeddah on Monday, "
               "Saudi mediators said.\n\n"
               "Saudi Arabia and the United States are sponsoring the negotiations on humanitarian access in Darfur "
               "and Khartoum, where fighting has displaced millions of Sudanese.")),
    dict(id="t-sudan-2", outlet="khartoum-post.com", published="2024-11-19",
         title="RSF delegation walks out of Jeddah talks",
         text=("The Rapid Support Forces delegation left the Jeddah talks with Sudan's army on Tuesday, Saudi mediators "
               "said, dealing a blow to efforts to open aid routes to Darfur.\n\n"
               "The army accused the Rapid Support Forces of attacking civilians in Khartoum and Darfur.")),
]


@pytest.fixture(scope="module")
def store(pipeline, tmp_path_factory):
    path = tmp_path_factory.mktemp("stories") / "stories.duckdb"
    records = list(pipeline.process(Report(**r) for r in REPORTS))
    with Store(path) as s:
        s.save(records)
        assign_reports(s, [r.id for r in records])
        yield s


def _story_of(store, report_id):
    return store.stories.story_of()[report_id]


def _lebanon(store):
    return _story_of(store, "t-plan")


def test_reports_are_grouped_into_two_stories(store):
    lebanon = {_story_of(store, r) for r in ("t-plan", "t-meet-a", "t-meet-b", "t-meet-b-copy", "t-dispute")}
    sudan = {_story_of(store, r) for r in ("t-sudan-1", "t-sudan-2")}
    assert len(lebanon) == 1 and len(sudan) == 1 and lebanon != sudan
    labels = {row["id"]: row["label"] for row in views.list_stories(store.stories)}
    lebanon_label, sudan_label = labels[lebanon.pop()], labels[_story_of(store, "t-sudan-1")]
    assert any(name in lebanon_label.lower() for name in ("hezbollah", "hochstein", "beirut", "berri", "lebanon"))
    assert any(name in sudan_label.lower() for name in ("jeddah", "darfur", "khartoum", "sudan", "rapid"))
    assert views.find_story(store.stories, sudan_label.split(" · ")[0]) == sudan.pop()
    # the two sides of one country (a state's army and the rebels fighting it), not the mediators
    assert "Rapid Support Forces" in sudan_label and "army" in sudan_label and "Saudi" not in sudan_label


def test_wire_copy_is_detected(store):
    assert store.stories.copy_roots(["t-meet-b-copy", "t-meet-a"]) == {"t-meet-b-copy": "t-meet-b", "t-meet-a": "t-meet-a"}


def _meeting(store):
    rows = [r for r in views.timeline(store.stories, _lebanon(store))
            if r["event"] == "CONSULT" and r["actor"] == "Amos Hochstein" and r["date"] == date(2024, 11, 19)]
    assert len(rows) == 1, rows
    return rows[0]


def test_same_meeting_linked_across_outlets_and_copy_counted_once(store):
    meeting = _meeting(store)
    assert {"daily-beirut.com", "levant-news.com", "regional-portal.net"} <= set(meeting["outlets"])
    assert meeting["independent"] == meeting["reports"] - 1   # the republished copy adds no corroboration


def test_planned_visit_links_to_its_realisation(store):
    assert _meeting(store)["status"].startswith("planned -> reported")
    mikati = [r for r in views.timeline(store.stories, _lebanon(store)) if r["recipient"] == "Najib Mikati"]
    assert mikati and mikati[0]["date"] == date(2024, 11, 20)   # a later, different meeting stays apart


def test_claim_corroboration_counts_copy_once(store):
    claim = next(c for c in views.claims(store.stories, _lebanon(store)) if "real opportunity" in c["text"])
    assert claim["reports"] == 3 and claim["independent"] == 2 and claim["speaker"] == "Amos Hochstein"


def test_disputes_numbers_and_stances(store):
    found = views.disputes(store.stories, _lebanon(store))
    truce = next(d for d in found if d["kind"] == "number" and d["about"] == "truce")
    assert {s["claim"] for s in truce["sides"]} == {"60 days", "21 days"}
    stance = next(d for d in found if d["kind"] == "stance" and d["about"].startswith("Hezbollah"))
    sides = {s["claim"]: s for s in stance["sides"]}
    assert set(sides) == {"AGREE", "REJECT"}
    assert "gulf-daily.com" in sides["REJECT"]["outlets"] and "wire-one.com" in sides["AGREE"]["outlets"]
    assert not [d for d in views.disputes(store.stories, _story_of(store, "t-sudan-1")) if d["kind"] == "number"]


def test_every_side_of_a_dispute_opens_in_its_reports(store):
    """The story contract: each side has mentions with the claim as its report states it."""
    found = views.disputes(store.stories, _lebanon(store))
    assert found
    for dispute in found:
        for side in dispute["sides"]:
            assert side["mentions"], (dispute["about"], side["claim"])
            for m in side["mentions"]:
                assert m["text"] and store.stories.report_text(m["report_id"])[m["start"]:m["end"]] == m["text"]
    truce = next(d for d in found if d["kind"] == "number" and d["about"] == "truce")
    texts = {s["claim"]: [m["text"] for m in s["mentions"]] for s in truce["sides"]}
    assert any("60" in t for t in texts["60 days"]) and any("21" in t for t in texts["21 days"])


def test_timeline_is_in_date_order(store):
    days = [r["date"] for r in views.timeline(store.stories, _lebanon(store)) if r["date"]]
    assert days == sorted(days) and days
    since = views.timeline(store.stories, _lebanon(store), since=date(2024, 11, 20))
    assert any(r["date"] for r in since) and len(since) < len(views.timeline(store.stories, _lebanon(store)))
    assert all(r["date"] is None or r["date"] >= date(2024, 11, 20) for r in since)


def test_diff_since_a_date(store):
    changes = views.diff(store.stories, _lebanon(store), date(2024, 11, 20))
    assert changes["new_reports"] == ["t-dispute"]
    assert any(e["recipient"] == "Najib Mikati" for e in changes["new_events"])
    assert not any(e["actor"] == "Amos Hochstein" and e["date"] == date(2024, 11, 19) for e in changes["new_events"])
    assert {d["kind"] for d in changes["disputes"]} >= {"number", "stance"}


def test_manual_assignment_moves_report_and_its_events(store):
    lebanon, sudan = _lebanon(store), _story_of(store, "t-sudan-2")
    assign_manually(store, "t-sudan-2", lebanon)
    try:
        assert _story_of(store, "t-sudan-2") == lebanon
        assert store.stories.is_manual("t-sudan-2")
        n_events = len(store.events(report_id="t-sudan-2"))
        moved = {store.stories.story_of_event("t-sudan-2", idx) for idx in range(n_events)}
        assert n_events and moved == {lebanon}
        assign_reports(store, ["t-sudan-2"])          # later updates keep the analyst's decision
        assert _story_of(store, "t-sudan-2") == lebanon
    finally:
        assign_manually(store, "t-sudan-2", sudan)
    assert _story_of(store, "t-sudan-2") == sudan
    assert store.stories.assigned_count() == len(store.stories.story_of())   # the kept count follows moves


def test_cli_commands(store):
    app = typer.Typer()
    register(app)
    runner = CliRunner()
    db = store.path
    lebanon = next(s for s in views.list_stories(store.stories) if s["id"] == _lebanon(store))
    by_label = lebanon["label"].split(" · ")[0]
    listed = runner.invoke(app, ["stories", "--db", db, "--format", "jsonl"])
    assert listed.exit_code == 0 and lebanon["label"] in listed.output
    markdown = runner.invoke(app, ["timeline", by_label, "--db", db, "--format", "markdown"])
    assert markdown.exit_code == 0 and "| date | event |" in markdown.output and "Amos Hochstein" in markdown.output
    page = runner.invoke(app, ["timeline", by_label, "--since", "2024-11-20", "--db", db, "--format", "html"])
    assert page.exit_code == 0 and "<table" in page.output and "2024-11-19" not in page.output
    lines = runner.invoke(app, ["timeline", str(_lebanon(store)), "--db", db, "--format", "jsonl"]).output.splitlines()
    assert len(lines) == len(views.timeline(store.stories, _lebanon(store)))
    changed = runner.invoke(app, ["diff", by_label, "--since", "2024-11-20", "--db", db])
    assert changed.exit_code == 0 and '"t-dispute"' in changed.output
    assert '"21 days"' in runner.invoke(app, ["disputes", by_label, "--db", db]).output
    assert runner.invoke(app, ["assign", "no-such-report", by_label, "--db", db]).exit_code == 2
    assert runner.invoke(app, ["timeline", "no such story", "--db", db]).exit_code == 2


def test_replace_takes_report_out_of_its_story_then_assign_again(store, pipeline):
    story = _story_of(store, "t-dispute")
    again = pipeline(Report(**next(r for r in REPORTS if r["id"] == "t-dispute")))
    assert store.save([again], replace=True).stored == ["t-dispute"]
    assert "t-dispute" not in store.stories.story_of()
    assert "t-dispute" in store.stories.unassigned()
    assert store.stories.assigned_count() == len(store.stories.story_of())
    assert not any(d["kind"] == "stance" for d in views.disputes(store.stories, story))
    assign_reports(store, ["t-dispute"])
    assert _story_of(store, "t-dispute") == _lebanon(store)
    assert any(d["kind"] == "stance" for d in views.disputes(store.stories, _lebanon(store)))
    assert store.stories.assigned_count() == len(store.stories.story_of())


def test_figures_that_followed_one_another_are_changes_not_disputes():
    from storyline.stories.disputes import number_disputes

    texts = {"a": "a 30-day pause", "b": "a 45-day pause", "c": "the 30-day pause became a 45-day pause",
             "d": "a 30-day pause"}

    def said(report_id, value, day, start=2):
        return {"kind": "number", "thing": "truce", "value": value, "report_id": report_id, "start": start, "end": start + 6,
                "outlet": report_id, "published": date(2025, 3, day), "copy_root": report_id, "source": None}

    weeks_apart = [said("a", "30 days", 1), said("b", "45 days", 20)]
    assert number_disputes(weeks_apart, texts) == []
    one_report_gives_both = [said("c", "30 days", 20, 4), said("c", "45 days", 20, 26), said("b", "45 days", 20)]
    assert number_disputes(one_report_gives_both, texts) == []
    same_days = [said("d", "30 days", 19), said("b", "45 days", 20)]
    [dispute] = number_disputes(same_days, texts)
    assert {s["claim"]: [m["report_id"] for m in s["mentions"]] for s in dispute["sides"]} == \
        {"30 days": ["d"], "45 days": ["b"]}


def test_only_the_party_concerned_denies():
    from storyline.stories.disputes import denials

    texts = {"r1": "Army jets struck the depot.", "r2": "The rebels did not lose the depot, a rebel spokesman said.",
             "r3": "The strike did not end the siege, an analyst said."}
    event = {"id": 7, "event": "ASSAULT", "actor_name": "army", "actor_code": "XXX", "recipient_name": "rebels"}

    def mention(report_id, modality, source, source_type=None, source_code=None):
        return {"report_id": report_id, "start_char": 0, "end_char": len(texts[report_id]), "modality": modality,
                "source_text": source, "source_type": source_type, "source_code": source_code,
                "outlet": report_id, "published": date(2025, 5, 2), "copy_root": report_id}

    reported = mention("r1", "asserted", None)
    assert denials([event], {7: [reported, mention("r3", "negated", "an analyst", "anonymous", "XXX")]}, [], texts) == []
    [denial] = denials([event], {7: [reported, mention("r2", "negated", "a rebel spokesman")]}, [], texts)
    assert {s["claim"]: [m["text"] for m in s["mentions"]] for s in denial["sides"]} == \
        {"reported": [texts["r1"]], "denied": [texts["r2"]]}


def test_a_partys_short_negated_quote_denies_what_others_report():
    from storyline.stories.disputes import denials

    texts = {"r1": "Gabon ordered the rebels to leave Libreville within a week.",
             "r2": "\u201cNobody ordered us to leave Libreville,\u201d a rebel commander said.",
             "r3": "\u201cThe army never stops its patrols near Libreville,\u201d a rebel commander said.",
             "r4": "\u201cNobody ordered us to leave Libreville,\u201d a shopkeeper said."}
    event = {"id": 3, "event": "COERCE", "actor_name": "Gabon", "actor_code": "GAB", "recipient_name": "the rebels"}
    reported = {"report_id": "r1", "start_char": 0, "end_char": len(texts["r1"]), "modality": "asserted",
                "source_text": None, "outlet": "r1", "published": date(2025, 5, 2), "copy_root": "r1"}

    def quote(report_id, speaker):
        start = texts[report_id].index("\u201c") + 1
        end = texts[report_id].index(",\u201d")
        return {"report_id": report_id, "idx": 0, "start_char": start, "end_char": end,
                "quote": texts[report_id][start:end], "source_text": speaker, "source_type": "person",
                "outlet": report_id, "published": date(2025, 5, 3), "copy_root": report_id}

    [denial] = denials([event], {3: [reported]}, [quote("r2", "a rebel commander")], texts)
    assert {s["claim"]: [m["text"] for m in s["mentions"]] for s in denial["sides"]} == \
        {"reported": [texts["r1"]], "denied": ["Nobody ordered us to leave Libreville"]}
    # a party's negative about something else, and a bystander's words, deny nothing
    assert denials([event], {3: [reported]}, [quote("r3", "a rebel commander"), quote("r4", "a shopkeeper")], texts) == []


def test_one_report_accepting_one_thing_and_rejecting_another_is_no_dispute():
    from storyline.stories.disputes import stance_disputes

    texts = {"r1": "The movement accepted the draft but rejected its annex.", "r2": "The movement rejected the draft."}
    events = [{"id": 1, "event": "AGREE", "actor_name": "the movement", "actor_code": "XXX", "recipient_name": None,
               "recipient_code": None},
              {"id": 2, "event": "REJECT", "actor_name": "the movement", "actor_code": "XXX", "recipient_name": None,
               "recipient_code": None}]

    def mention(report_id, start, end, trigger):
        return {"report_id": report_id, "start_char": start, "end_char": end, "modality": "asserted",
                "event_text": trigger, "source_text": None, "outlet": report_id, "published": date(2025, 6, 1),
                "copy_root": report_id}

    one_report = {1: [mention("r1", 0, 35, "accepted")], 2: [mention("r1", 36, 55, "rejected")]}
    assert stance_disputes(events, one_report, texts) == []
    two_reports = {1: [mention("r1", 0, 35, "accepted")], 2: [mention("r2", 0, 32, "rejected")]}
    [dispute] = stance_disputes(events, two_reports, texts)
    assert {s["claim"]: s["mentions"][0]["text"] for s in dispute["sides"]} == \
        {"AGREE": texts["r1"][0:35], "REJECT": texts["r2"]}


def test_counts_disagree_only_when_their_ranges_do_not_meet():
    from storyline.stories.disputes import _counts, number_disputes

    texts = {"a": "The raid left 312 people dead, officials said.", "b": "The raid caused 350 deaths.",
             "c": "Gunmen killed about 320 people in the raid.", "d": "The rebels took 12 hostages; 9 were freed."}
    reports = [{"id": k, "text": t, "outlet": k, "published": date(2025, 3, 1), "copy_root": k} for k, t in texts.items()]
    found = [q for r in reports for q in _counts(r, {}, [])]
    assert {(q["report_id"], q["thing"], q["value"]) for q in found} >= {
        ("a", "deaths", "312"), ("b", "deaths", "350"), ("c", "deaths", "about 320"), ("d", "hostages", "12")}
    [dispute] = number_disputes(found, texts)
    # "about 320" meets both 312 and 350: only the two exact figures stand against each other
    assert dispute["about"] == "deaths" and {s["claim"] for s in dispute["sides"]} == {"312", "350"}


def test_tolls_of_one_past_day_disagree_whenever_reported():
    from storyline.stories.disputes import _counts, number_disputes

    texts = {"a": "The raid on 3 March 2025 killed 312 people.", "b": "Weeks later: the 3 March raid killed 350 people.",
             "c": "The toll of the fighting rose to 350 people killed."}
    published = {"a": date(2025, 3, 20), "b": date(2025, 4, 20), "c": date(2025, 4, 20)}
    stated = {"a": [(12, 24, "2025-03-03")], "b": [(17, 24, "2025-03-03")], "c": []}
    reports = [{"id": k, "text": t, "outlet": k, "published": published[k], "copy_root": k} for k, t in texts.items()]
    found = [q for r in reports for q in _counts(r, {}, stated[r["id"]])]
    assert {q["report_id"]: q["occasion"] for q in found} == {"a": "2025-03-03", "b": "2025-03-03", "c": None}
    [dispute] = number_disputes(found, texts)
    assert {s["claim"]: [m["report_id"] for m in s["mentions"]] for s in dispute["sides"]} == \
        {"312": ["a"], "350": ["b", "c"]}
    # without the day, figures a month apart are a toll that grew, not a dispute
    assert number_disputes([{**q, "occasion": None} for q in found], texts) == []


def test_outputs_follow_the_story_contract(store, pipeline):
    """../shared/spec/story-output.md: stories with every report id once, timeline mentions that
    name each event record once by its index and clause span, disputes with a mention per side."""
    import json

    app = typer.Typer()
    register(app)
    runner = CliRunner()
    records = {r.id: r for r in pipeline.process(Report(**r) for r in REPORTS)}
    listed = [json.loads(line) for line in runner.invoke(app, ["stories", "--db", store.path, "--format", "jsonl"])
              .output.splitlines()]
    assert all({"id", "label", "first_date", "last_date", "report_ids"} <= set(s) for s in listed)
    every = [r for s in listed for r in s["report_ids"]]
    assert sorted(every) == sorted(records)   # each stored report in exactly one story

    for story in listed:
        result = runner.invoke(app, ["timeline", str(story["id"]), "--db", store.path, "--format", "jsonl"])
        rows = [json.loads(line) for line in result.output.splitlines()]
        seen = []
        for row in rows:
            assert {"story_event", "date", "event", "actor", "recipient", "place", "status", "reports",
                    "independent", "mentions"} <= set(row)
            assert row["reports"] == len({m["report_id"] for m in row["mentions"]})
            for m in row["mentions"]:
                assert {"report_id", "event_index", "start", "end", "modality", "source"} <= set(m)
                event = records[m["report_id"]].events[m["event_index"]]
                assert (event.start, event.end, event.modality) == (m["start"], m["end"], m["modality"])
                seen.append((m["report_id"], m["event_index"]))
        expected = [(rid, i) for rid in story["report_ids"] for i in range(len(records[rid].events))]
        assert sorted(seen) == sorted(expected)   # every event record in exactly one story event

        out = json.loads(runner.invoke(app, ["disputes", str(story["id"]), "--db", store.path]).output)
        assert out["story"] == story["id"]
        for dispute in out["disputes"]:
            assert dispute["kind"] in ("date", "number", "stance", "term", "denial", "other") and dispute["about"]
            for side in dispute["sides"]:
                assert side["claim"] and side["mentions"]
                for m in side["mentions"]:
                    text = records[m["report_id"]].text
                    assert {"report_id", "start", "end", "text", "source"} <= set(m) and text[m["start"]:m["end"]] == m["text"]


def test_one_past_act_put_in_two_months_is_a_date_dispute():
    from storyline.stories.disputes import date_disputes

    texts = {"r1": "Zambia opened a border crossing last month.", "r2": "Zambia opened a border crossing in June.",
             "r3": "Zambia opened a border crossing in May.", "r4": "Zambian jets struck a camp in May.",
             "r5": "Zambian jets struck a camp in June."}
    events = [{"id": 1, "event": "COOPERATE", "actor_key": "zambia", "actor_code": "ZMB"},
              {"id": 2, "event": "COOPERATE", "actor_key": "zambia", "actor_code": "ZMB"},
              {"id": 3, "event": "ASSAULT", "actor_key": "zambian jets", "actor_code": "ZMB"}]

    def mention(report_id, trigger, when, published):
        return {"report_id": report_id, "start_char": 0, "end_char": len(texts[report_id]), "modality": "asserted",
                "event_text": trigger, "actor_name": "Zambia", "date": when, "source_text": None,
                "outlet": report_id, "published": published, "copy_root": report_id}

    mentions = {1: [mention("r1", "opened a border crossing", "2025-05", date(2025, 6, 30)),
                    mention("r3", "opened a border crossing", "2025-05", date(2025, 7, 20))],
                2: [mention("r2", "opened a border crossing", "2025-06", date(2025, 7, 20))],
                3: [mention("r4", "struck", "2025-05", date(2025, 7, 20)),
                    mention("r5", "struck", "2025-06", date(2025, 7, 20))]}
    [dispute] = date_disputes(events, mentions, texts)
    assert dispute["kind"] == "date"
    assert {s["claim"]: sorted(m["report_id"] for m in s["mentions"]) for s in dispute["sides"]} == \
        {"2025-05": ["r1", "r3"], "2025-06": ["r2"]}
    # an act of this week is news still being told, not a settled date
    mentions[2][0]["published"] = date(2025, 6, 2)
    mentions[2][0]["date"] = "2025-06-01"
    assert date_disputes(events, mentions, texts) == []


def test_two_outlets_giving_one_deal_two_days_dispute_the_day_not_whose_government_it_was(pipeline, tmp_path):
    reports = [
        dict(id="bj-a", outlet="coast-wire.com", published="2025-03-14",
             text=("Benin and river militia agree truce\n\nCOTONOU, March 14 - Benin's government and the Mono "
                   "River Militia agreed on Thursday to a two-week truce after talks mediated by Togo, ending weeks "
                   "of raids on border villages.")),
        dict(id="bj-b", outlet="delta-post.com", published="2025-03-15",
             text=("Truce on the Mono river\n\nThe Beninese government signed a truce with the Mono River Militia "
                   "on Friday, officials said, after three days of talks in Cotonou brokered by Togo.")),
    ]
    _, found = _one_story(pipeline, tmp_path, reports)
    days = [d for d in found if d["kind"] == "date"]
    assert [sorted(side["claim"] for side in d["sides"]) for d in days] == [["2025-03-13", "2025-03-14"]]
    assert not [d for d in found if "government" in d["about"]]


def _one_story(pipeline, tmp_path, reports: list[dict]) -> tuple[dict, list[dict]]:
    """The one story the reports make in a fresh store, and its disputes."""
    with Store(tmp_path / "story.duckdb") as store:
        store.save(list(pipeline.process(Report(**r) for r in reports)))
        assign_reports(store, [r["id"] for r in reports])
        [story] = views.list_stories(store.stories)
        return story, views.disputes(store.stories, story["id"])


def test_a_state_side_is_labelled_by_the_state_its_offices_speak_for(pipeline, tmp_path):
    reports = [
        dict(id="g-1", outlet="coast-wire.com", published="2026-05-04", title="Gabon cabinet approves river truce",
             text=("Gabon's cabinet on Monday approved the truce that the government and the Ogooue Liberation "
                   "Front signed in Libreville on Saturday.\n\n"
                   "Gabon's cabinet also approved the release of 30 prisoners held since 2024.")),
        dict(id="g-2", outlet="equator-post.com", published="2026-05-05", title="Gabon ratifies Ogooue truce",
             text=("Gabon's cabinet ratified the truce with the Ogooue Liberation Front on Monday, officials said.\n\n"
                   "Gabon and the Ogooue Liberation Front signed the truce on Saturday after talks in Libreville.")),
    ]
    story, _ = _one_story(pipeline, tmp_path, reports)
    assert story["label"].rsplit(" ", 1)[0] in ("Gabon-Ogooue Liberation Front", "Ogooue Liberation Front-Gabon")


def test_a_state_denying_what_its_forces_are_said_to_have_done_is_a_denial(pipeline, tmp_path):
    reports = [
        dict(id="s-1", outlet="lagoon-wire.com", published="2026-08-04",
             text=("Ghana accuses Togo over Volta shooting\n\nGhana's foreign ministry on Monday accused Togolese "
                   "border guards of shooting at a Ghanaian fishing boat on the Volta near Kpando on Sunday.")),
        dict(id="s-2", outlet="coast-daily.com", published="2026-08-05",
             text=("Togo denies Volta shooting\n\nTogo's interior ministry said on Tuesday that no Ghanaian fisherman "
                   "was hurt near Kpando, denying that its border guards had shot at the boat on the Volta.")),
    ]
    _, found = _one_story(pipeline, tmp_path, reports)
    [denial] = [d for d in found if d["kind"] == "denial"]
    assert {side["claim"] for side in denial["sides"]} == {"reported", "denied"}
    denied = next(side for side in denial["sides"] if side["claim"] == "denied")
    assert [m["report_id"] for m in denied["mentions"]] == ["s-2"]


def test_a_denial_of_a_charge_is_no_stance_on_a_deal():
    from storyline.stories.disputes import stance_disputes

    texts = {"r1": "Chad agreed to pull its troops out of the oasis.", "r2": "Chad denied that its troops had fired."}
    events = [{"id": 1, "event": "AGREE", "actor_name": "Chad", "actor_code": "TCD", "recipient_name": None,
               "recipient_code": None},
              {"id": 2, "event": "REJECT", "actor_name": "Chad", "actor_code": "TCD", "recipient_name": None,
               "recipient_code": None}]

    def mention(report_id, trigger):
        return {"report_id": report_id, "start_char": 0, "end_char": len(texts[report_id]), "modality": "asserted",
                "event_text": trigger, "source_text": None, "outlet": report_id, "published": date(2025, 5, 2),
                "copy_root": report_id}

    assert stance_disputes(events, {1: [mention("r1", "agreed")], 2: [mention("r2", "denied")]}, texts) == []
    [stance] = stance_disputes(events, {1: [mention("r1", "agreed")], 2: [mention("r2", "rejected")]}, texts)
    assert stance["kind"] == "stance"
