"""Event dates (issue 8): the time expression that governs an act, on invented reports."""
from __future__ import annotations

import pytest

from storyline.evaluate.events import date_error

from conftest import annotator, events_of


@pytest.fixture(scope="module")
def annotate(pipeline):
    return annotator(pipeline, published="2024-03-14")


def test_a_year_dates_an_act_of_that_year(annotate):
    rdoc = annotate("Zambia severed ties with Malawi in 2019 after a dispute over the lake border.")
    assert [e.date for e in events_of(rdoc, "SANCTION")] == ["2019"]


def test_an_act_over_several_years_takes_no_day_from_the_paragraph(annotate):
    rdoc = annotate("Chad and Niger resumed talks in Ndjamena on Tuesday.\n\n"
                    "Cameroon hosted talks between the two governments in 2021 and 2022.")
    hosted = [e for e in events_of(rdoc, "CONSULT") if e.event_text == "hosted"]
    assert hosted and all(e.date is None for e in hosted)


def test_an_act_going_on_for_months_takes_no_day_from_the_paragraph(annotate):
    rdoc = annotate("Chad and Niger signed a truce on Tuesday. The rebels have attacked convoys for months.")
    assert [e.date for e in events_of(rdoc, "AGREE")] and all(e.date == "2024-03-12" for e in events_of(rdoc, "AGREE"))
    assert [e.date for e in events_of(rdoc, "ASSAULT")] == [None]


def test_a_dateline_does_not_date_the_act(annotate):
    rdoc = annotate("LUSAKA, March 13 (Xinhua): Zambia's foreign minister said Tuesday that Malawi has agreed "
                    "to a ceasefire along the lake border.")
    assert [e.date for e in events_of(rdoc, "AGREE")] == ["2024-03-12"]


def test_a_dateline_running_into_the_first_sentence_does_not_date_the_act(annotate):
    rdoc = annotate("Lusaka, March 14 Malawi has proposed a ceasefire along the lake border to Zambia.")
    proposals = events_of(rdoc, "REQUEST")
    assert proposals and all(e.date != "2024-03-14" for e in proposals)
    # further on, a place and a date before a sentence are no dateline
    rdoc = annotate("Malawi made an offer.\nIn Lusaka, March 13 Malawi proposed a ceasefire along the lake border.")
    assert [e.date for e in events_of(rdoc, "REQUEST") if e.event_text == "proposed"] == ["2024-03-13"]


def test_a_future_act_takes_no_earlier_day_of_its_saying(annotate):
    rdoc = annotate("Chad said on Monday that it will withdraw its troops from the border with Niger.")
    withdrawals = events_of(rdoc, "RETREAT")
    assert withdrawals and all(e.modality in ("future", "hypothetical") and e.date is None for e in withdrawals)


def test_a_headline_act_takes_the_day_its_lead_gives(annotate):
    rdoc = annotate("Niger and Chad agree to truce\n\n"
                    "Niger and Chad agreed on Tuesday to a ceasefire along their border, officials said.")
    headline = [e for e in events_of(rdoc, "AGREE") if e.trigger_start < 30]
    assert headline and all(e.date == "2024-03-12" for e in headline)


def test_date_errors_by_kind():
    assert date_error(None, "2024-03-12") == "none, gold day"
    assert date_error("2024-03-13", "2024-03-12") == "off by one day"
    assert date_error("2024-03", "2024-03-12") == "month where gold has a day"
    assert date_error("2024-03-12", None) == "where gold has none"
    assert date_error("2024-03-12", "2024-03-12") is None


def test_a_lead_act_takes_the_day_the_next_paragraph_gives(annotate):
    rdoc = annotate("Malawi and Zambia have agreed to a ceasefire along the lake border.\n\n"
                    "The two governments agreed on Tuesday to stop the shelling, a statement said.")
    agreements = events_of(rdoc, "AGREE")
    assert len(agreements) >= 2 and all(e.date == "2024-03-12" for e in agreements)


def test_talks_that_went_on_for_days_are_dated_by_their_month(annotate):
    rdoc = annotate("Envoys of Malawi and Zambia held four days of talks in Lilongwe from Monday.")
    talks = events_of(rdoc, "CONSULT")
    assert talks and all(e.date == "2024-03" for e in talks)


def test_an_act_told_as_done_takes_no_later_day_of_a_plan(annotate):
    # published Thursday 2024-03-14: "on Saturday" is 2024-03-16, the day of the blockade to come
    rdoc = annotate("The farmers' union rejected the accord and said its members would block the "
                    "highway on Saturday.\n\nThe African Union welcomed the accord.")
    assert [e.date for e in events_of(rdoc, "REJECT")] == [None]
    assert [e.date for e in events_of(rdoc, "SUPPORT")] == [None]
    rdoc = annotate("A second round of talks between Chad and Niger is scheduled for Saturday.")
    assert [e.date for e in events_of(rdoc, "CONSULT")] == ["2024-03-16"]


def test_a_year_that_bounds_a_period_dates_nothing(annotate):
    rdoc = annotate("Rwandan troops have fought alongside Mozambican forces since 2021.")
    assert [(e.event, e.date) for e in rdoc.events] == [("COOPERATE", None)]


def test_an_act_of_last_week_takes_the_weeks_month(annotate):
    # published Thursday 14 March 2024: last week is 4-10 March, all in March
    rdoc = annotate("Last week the Gabonese navy seized two Cameroonian trawlers off Cocobeach.")
    assert [e.date for e in events_of(rdoc, "COERCE") + events_of(rdoc, "ASSAULT")] == ["2024-03"]


def test_a_week_across_two_months_gives_no_month():
    from storyline.models import Timex
    from storyline.time import event_date_value

    def week(value):
        return event_date_value(Timex(text="last week", start=0, end=9, type="date", value=value))
    assert week("2024-W10") == "2024-03"          # 4-10 March
    assert week("2024-W09") is None               # 26 February - 3 March
    assert week("2024-W09-WE") == "2024-03"       # its weekend: 2-3 March
    assert week("2024-W99") is None
