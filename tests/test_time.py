"""The `timexes` component on short news-style texts with a fixed report date (Wednesday 2024-11-20)."""
import pytest

from storyline.models import Report
from storyline.pipeline import Pipeline
from storyline.time import is_event_date

PUBLISHED = "2024-11-20"


@pytest.fixture(scope="module")
def timex_pipeline():
    return Pipeline(overrides={"nlp.pipeline": ["timexes"]})


def timexes(pipeline, text, published=PUBLISHED):
    rdoc = pipeline.annotate(Report(id="t", text=text, published=published))
    return rdoc, {t.text: (t.type, t.value) for t in rdoc.timexes}


def test_weekday_in_past_reporting_is_the_last_one(timex_pipeline):
    _, found = timexes(timex_pipeline, "The French envoy met Lebanon's parliament speaker in Beirut on Monday, "
                                       "officials said.")
    assert found["Monday"] == ("date", "2024-11-18")


@pytest.mark.parametrize("sentence, weekday, value", [
    ("The American mediator is expected in Beirut on Friday, according to two Lebanese sources.", "Friday", "2024-11-22"),
    ("The envoy will travel to Cairo on Monday to brief Egyptian officials.", "Monday", "2024-11-25"),
    ("Qatar plans to host a new round of talks on Tuesday, a diplomat said.", "Tuesday", "2024-11-26"),
])
def test_weekday_in_future_statements_is_the_next_one(timex_pipeline, sentence, weekday, value):
    _, found = timexes(timex_pipeline, sentence)
    assert found[weekday] == ("date", value)


def test_a_date_after_an_invitation_or_in_a_caption_is_the_nearest_one(timex_pipeline):
    # an infinitive under a past verb happens after it, before or after the report's day
    _, found = timexes(timex_pipeline, "The African Union invited the two delegations to meet again in Lusaka "
                                       "on December 2.")
    assert found["December 2"] == ("date", "2024-12-02")
    _, found = timexes(timex_pipeline, "The talks come ahead of a donors' conference in December.")
    assert found["December"] == ("date", "2024-12")
    _, found = timexes(timex_pipeline, "The mediator managed to meet both leaders on November 2.")
    assert found["November 2"] == ("date", "2024-11-02")


def test_months_and_parts_of_months(timex_pipeline):
    _, found = timexes(timex_pipeline,
                       "Israeli ground forces have operated in southern Lebanon since late September. "
                       "The mediator told reporters earlier this month that the draft was nearly final, "
                       "and last month he said a truce was within reach.")
    assert found["late September"] == ("date", "2024-09")
    assert found["earlier this month"] == ("date", "2024-11")
    assert found["last month"] == ("date", "2024-10")


def test_the_night_before_leans_on_the_date_mentioned(timex_pipeline):
    _, found = timexes(timex_pipeline, "The security cabinet approved the plan on Sunday evening. "
                                       "Ministers had received the final draft the night before.")
    assert found["Sunday evening"] == ("date", "2024-11-17")
    assert found["the night before"] == ("date", "2024-11-16")


def test_durations_weeks_and_vague_references(timex_pipeline):
    _, found = timexes(timex_pipeline,
                       "The proposal calls for a 60-day truce and a six-week pause in air raids. "
                       "Last week the militants fired rockets, and two weeks ago the army shelled the border. "
                       "Talks have stalled in recent days, but both sides now hope for a deal in the coming days "
                       "after nearly 14 months of fighting.")
    assert found["60-day"] == ("duration", "P60D")
    assert found["six-week"] == ("duration", "P6W")
    assert found["Last week"] == ("date", "2024-W46")
    assert found["two weeks ago"] == ("date", "2024-W45")
    assert found["recent days"] == ("date", "PAST_REF")
    assert found["now"] == ("date", "PRESENT_REF")
    assert found["the coming days"] == ("date", "FUTURE_REF")
    assert found["nearly 14 months"] == ("duration", "P14M")


def test_clock_time_takes_the_day_of_its_sentence(timex_pipeline):
    _, found = timexes(timex_pipeline, "The truce will begin at 4 a.m. on Thursday, the statement said.")
    assert found["4 a.m."] == ("time", "2024-11-21T04:00")
    assert found["Thursday"] == ("date", "2024-11-21")


def test_without_report_date_relative_values_stay_unresolved(timex_pipeline):
    _, found = timexes(timex_pipeline, "The speaker received the envoy on Monday. They first met on "
                                       "October 21, 2024, in Beirut, after the war of 2006 had ended.", published=None)
    assert found["Monday"] == ("date", None)
    assert found["October 21, 2024"] == ("date", "2024-10-21")
    assert found["2006"] == ("date", "2006")


def test_ages_numbers_and_tallies_are_not_time(timex_pipeline):
    _, found = timexes(timex_pipeline, "A 65-year-old farmer was wounded near the border on Monday. The council "
                                       "voted 14-1 to renew Resolution 1701, and 300 troops were sent south.")
    assert found == {"Monday": ("date", "2024-11-18")}


def test_offsets_are_exact_and_in_order(timex_pipeline):
    text = ("BEIRUT — The US envoy arrived on Tuesday night and will meet the prime minister on Thursday. "
            "A year-long war has displaced residents since October 2023.")
    rdoc, found = timexes(timex_pipeline, text)
    assert [t.text for t in rdoc.timexes] == ["Tuesday night", "Thursday", "year-long", "October 2023"]
    for t in rdoc.timexes:
        assert text[t.start:t.end] == t.text
    assert all(a.end <= b.start for a, b in zip(rdoc.timexes, rdoc.timexes[1:]))
    assert found["October 2023"] == ("date", "2023-10")


def test_only_days_and_months_can_date_an_event(timex_pipeline):
    text = "Hezbollah answered on Sunday, in late September, this week, in 2006 and in recent days."
    rdoc, _ = timexes(timex_pipeline, text)
    dating = {t.text: is_event_date(t) for t in rdoc.timexes}
    # this week lies in one month (the event takes the month); a year or "recent days" dates nothing
    assert dating == {"Sunday": True, "late September": True, "this week": True, "2006": False,
                      "recent days": False}


def test_a_day_written_in_full_once_gives_its_year_to_its_short_form(timex_pipeline):
    text = ("The siege of Goma began on March 3, 2023, when rebels cut the road to the lake. Out of 90 aid "
            "workers trapped during the March 3 assault, 40 remain in the town. Talks will resume on March 3.")
    rdoc, _ = timexes(timex_pipeline, text, published="2024-02-20")
    values = [t.value for t in rdoc.timexes if t.text.startswith("March 3")]
    # ... unless the tense points the other way
    assert values == ["2023-03-03", "2023-03-03", "2024-03-03"]
    # without the full form, the short one is the nearest March 3 in its direction
    _, found = timexes(timex_pipeline, "Talks will resume on March 3.", published="2024-02-20")
    assert found["March 3"] == ("date", "2024-03-03")
