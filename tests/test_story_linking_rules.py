"""Linking's tests on hand-made event records (fictional reports): what keeps two records of one
story apart, and what lets them be one occurrence. Each record is built as the store gives it."""
from datetime import date

from storyline.stories import linking as L


def record(report_id: str, idx: int, event: str, clause: str, actor: str, code: str, published: date,
           modality: str = "asserted", sector=None, recipient=None, recipient_code=None, day=None) -> dict:
    return L.prepared({"report_id": report_id, "idx": idx, "event": event, "clause": clause, "actor_name": actor,
                       "actor_code": code, "actor_sector": sector, "recipient_name": recipient,
                       "recipient_code": recipient_code, "modality": modality, "date": day,
                       "location_name": None, "location_code": None, "published": published, "story_id": 1})


def failed(later: dict, *earlier: dict):
    """The test that keeps `later` from the story event the earlier records make."""
    event = L.new_story_event(1, earlier[0])
    for e in earlier[1:]:
        event["mention_terms"].add(e["terms"])
        event["report_modalities"] |= L.new_story_event(1, e)["report_modalities"]
    return L.first_failed_test(later, event, L.TermCounts().weights(later["event"]))[0]


def test_a_done_act_and_a_possible_one_in_one_report_are_two_occurrences():
    day = date(2031, 5, 3)
    done = record("vr-1", 0, "SANCTION", "Norland has suspended its mediation between the two coastal militias",
                  "Norland", "NRL", day)
    possible = record("vr-1", 4, "SANCTION", "Norland could also suspend its mediation with the militias entirely",
                      "Norland", "NRL", day, modality="hypothetical")
    assert failed(possible, done) == "done and possible in one report"
    # another outlet's report of the suspension is the same occurrence
    again = record("vr-2", 1, "SANCTION", "Norland suspended its mediation between the militias", "Norland", "NRL", day)
    assert failed(again, done) is None
