"""A story's events across reports: one occurrence told by two outlets is one story event, two
positions one party states on one day are two; reports that give one truce two starting times or
call it permanent and temporary are in dispute. Reports written for this test, run through the
real pipeline."""
import pytest

from storyline.models import Report
from storyline.stories import assign_reports, views
from storyline.store.db import Store

REPORTS = [
    Report(id="sd-1", published="2025-03-02", outlet="one.example",
           text=("Saudi Arabia proposes three-day truce in Sudan to open aid corridors\n\n"
                 "Saudi Foreign Minister Faisal bin Farhan proposed a three-day truce between Sudan's army and the "
                 "Rapid Support Forces on Sunday to let aid convoys reach El Fasher. He also said that negotiations "
                 "should resume in Jeddah within two weeks of the truce, in an effort to negotiate a permanent ceasefire.")),
    Report(id="sd-2", published="2025-03-03", outlet="two.example",
           text=("Riyadh offers Sudan truce plan\n\n"
                 "Saudi Arabia on Sunday proposed a three-day truce in Sudan to let aid convoys reach El Fasher, "
                 "the foreign ministry of the kingdom said.")),
    Report(id="sd-3", published="2025-03-04", outlet="three.example",
           text=("The three-day truce in Sudan will begin at 6 a.m. local time (0400 GMT) on Thursday, "
                 "Saudi mediators said. The mediators said the deal was a permanent ceasefire.")),
    Report(id="sd-4", published="2025-03-04", outlet="four.example",
           text=("The truce between Sudan's army and the Rapid Support Forces will begin on Thursday at 6 p.m., "
                 "mediators said. An army officer described it as a temporary truce.")),
]


@pytest.fixture(scope="module")
def stored(pipeline, tmp_path_factory):
    records = list(pipeline.process(REPORTS))
    with Store(tmp_path_factory.mktemp("linking") / "s.duckdb") as store:
        store.save(records)
        assign_reports(store, [r.id for r in records])
        yield store, records


@pytest.fixture(scope="module")
def linked(stored):
    store, records = stored

    def story_event(report_id: str, trigger: str, actor: str) -> int:
        record = next(r for r in records if r.id == report_id)
        idx = next(i for i, e in enumerate(record.events)
                   if e.event_text == trigger and e.actor and e.actor.name == actor)
        return store.stories.story_event_of(report_id, idx)
    return story_event


def test_one_proposal_told_by_two_outlets_is_one_story_event(linked):
    # the minister's proposal, the kingdom's proposal in the other report, and the headline
    proposal = linked("sd-1", "proposed", "Faisal bin Farhan")
    assert proposal is not None
    assert linked("sd-2", "proposed", "Saudi Arabia") == proposal
    assert linked("sd-1", "proposes", "Saudi Arabia") == proposal


def test_a_second_position_of_the_same_party_that_day_stays_apart(linked):
    assert linked("sd-1", "said", "Faisal bin Farhan") != linked("sd-1", "proposed", "Faisal bin Farhan")


def _dispute_sides(store, kind: str) -> dict[str, list[tuple[str, str]]]:
    """The one dispute of this kind in the truce story: claim -> (report, words) of each mention."""
    [dispute] = [d for d in views.disputes(store.stories, store.stories.story_of()["sd-3"]) if d["kind"] == kind]
    return {s["claim"]: [(m["report_id"], m["text"]) for m in s["mentions"]] for s in dispute["sides"]}


def test_two_times_of_day_for_the_start_of_one_truce_are_a_date_dispute(stored):
    # the time in GMT restates the local one: not a third claim
    assert _dispute_sides(stored[0], "date") == {"06:00": [("sd-3", "6 a.m.")], "18:00": [("sd-4", "6 p.m.")]}


def test_a_permanent_and_a_temporary_truce_are_a_term_dispute_but_an_aim_is_no_claim(stored):
    # sd-1's "to negotiate a permanent ceasefire" is what is sought, not what the deal is
    assert _dispute_sides(stored[0], "term") == {"lasting": [("sd-3", "permanent ceasefire")],
                                                 "passing": [("sd-4", "temporary truce")]}


def test_the_parties_of_one_deal_named_together_are_one_story_event(pipeline, tmp_path):
    reports = [Report(id="sm-1", published="2025-04-07", outlet="one.example",
                      text=("Chadian President Mahamat Deby and rebel leader Timan Erdimi accepted Niger's truce "
                            "proposal on Sunday, mediators said.")),
               Report(id="sm-2", published="2025-04-07", outlet="two.example",
                      text="Rebel leader Timan Erdimi accepted the Nigerien truce plan on Sunday, a rebel spokesman said.")]
    records = list(pipeline.process(reports))
    agreements = [i for i, e in enumerate(records[0].events) if e.event == "AGREE"]
    assert len(agreements) == 2   # one record per party
    with Store(tmp_path / "s.duckdb") as store:
        store.save(records)
        assign_reports(store, [r.id for r in records])
        told = {store.stories.story_event_of("sm-1", i) for i in agreements}
        assert len(told) == 1 and None not in told
