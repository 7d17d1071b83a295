"""Linking's tests on hand-made event records (fictional reports): what keeps two records of one
story apart, and what lets them be one occurrence. Each record is built as the store gives it."""
from datetime import date

from storyline.stories import linking as L


def record(report_id: str, idx: int, event: str, clause: str, actor: str, code: str, published: date,
           modality: str = "asserted", sector=None, recipient=None, recipient_code=None, day=None,
           recipient_sector=None, mode=None) -> dict:
    return L.prepared({"report_id": report_id, "idx": idx, "event": event, "mode": mode, "clause": clause,
                       "actor_name": actor,
                       "actor_code": code, "actor_sector": sector, "recipient_name": recipient,
                       "recipient_code": recipient_code, "recipient_sector": recipient_sector,
                       "modality": modality, "date": day,
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


def test_a_meeting_told_from_either_side_is_one_meeting():
    day = date(2031, 6, 9)
    one = record("vr-3", 0, "CONSULT", "Envoy Tarel Voss met Prime Minister Ana Kell in Ostra on Monday",
                 "Tarel Voss", "MRV", day, sector="GOV", recipient="Ana Kell", recipient_code="OST")
    other = record("vr-4", 2, "CONSULT", "Ana Kell held a meeting with the envoy Tarel Voss in Ostra",
                   "Ana Kell", "OST", day, sector="GOV", recipient="Tarel Voss", recipient_code="MRV")
    assert failed(other, one) is None
    # a meeting of one of them with someone else is not
    third = record("vr-4", 3, "CONSULT", "Ana Kell held a meeting with the trade minister in Ostra",
                   "Ana Kell", "OST", day, sector="GOV", recipient="Piet Brann", recipient_code="LUV")
    assert failed(third, one) == "actor differs"


def test_an_act_worded_with_synonyms_is_one_occurrence():
    day = date(2031, 7, 1)
    submitted = record("vr-5", 0, "REQUEST", "Marvenia submitted a draft truce to Ostra",
                       "Marvenia", "MRV", day, recipient="Ostra", recipient_code="OST")
    presented = record("vr-6", 1, "REQUEST", "Marvenia presented its written ceasefire to Ostra",
                       "Marvenia", "MRV", day, recipient="Ostra", recipient_code="OST")
    assert failed(presented, submitted) is None
    offered = record("vr-6", 2, "REQUEST", "Marvenia offered Ostra a truce plan", "Marvenia", "MRV", day,
                     recipient="Ostra", recipient_code="OST")
    proposal = record("vr-5", 3, "REQUEST", "Marvenia presented a proposal to Ostra", "Marvenia", "MRV", day,
                      recipient="Ostra", recipient_code="OST")
    assert failed(offered, proposal) is None


def test_a_proposal_placed_where_it_was_made_or_where_it_applies_is_one_proposal():
    day = date(2031, 8, 4)
    made = dict(record("vr-7", 0, "REQUEST", "Marvenia proposed a five-day truce at a summit", "Marvenia", "MRV", day),
                location_name="Port Selm", location_code="MRV")
    applies = dict(record("vr-8", 0, "REQUEST", "Marvenia proposed a five-day truce in the Ostra valley",
                          "Marvenia", "MRV", day), location_name="Ostra valley", location_code="OST")
    assert failed(applies, made) is None
    # two meetings in two places are two meetings
    met = dict(made, event="CONSULT")
    met_elsewhere = dict(applies, event="CONSULT")
    assert failed(met_elsewhere, met) == "place differs"


def test_the_day_of_a_plan_told_ahead_may_be_a_day_off_but_two_done_meetings_may_not():
    start = record("vr-9", 0, "RETREAT", "the truce between Marvenia and Ostra will take effect at dawn on Friday",
                   "Marvenia", "MRV", date(2031, 9, 3), modality="future", day="2031-09-05",
                   recipient="Ostra", recipient_code="OST")
    tomorrow = record("vr-10", 0, "RETREAT", "the truce between Marvenia and Ostra takes effect at dawn tomorrow",
                      "Marvenia", "MRV", date(2031, 9, 5), modality="future", day="2031-09-06",
                      recipient="Ostra", recipient_code="OST")
    assert failed(tomorrow, start) is None
    met = record("vr-11", 0, "CONSULT", "Tarel Voss met Ana Kell in Ostra", "Tarel Voss", "MRV",
                 date(2031, 9, 5), day="2031-09-05", recipient="Ana Kell", recipient_code="OST")
    met_next_day = record("vr-12", 0, "CONSULT", "Tarel Voss met Ana Kell in Ostra", "Tarel Voss", "MRV",
                          date(2031, 9, 6), day="2031-09-06", recipient="Ana Kell", recipient_code="OST")
    assert failed(met_next_day, met) == "time"


def test_a_record_naming_no_one_joins_the_occurrence_whose_words_it_repeats():
    day = date(2031, 10, 2)
    named = record("vr-13", 0, "RETREAT", "Marvenian forces said the shelling across the Ostra river will stop at dawn",
                   "Marvenian forces", "MRV", day, modality="future", sector="MIL")
    unnamed = record("vr-14", 3, "RETREAT", "the shelling across the Ostra river will stop at dawn, the envoy said",
                     None, None, day, modality="future")
    assert failed(unnamed, named) is None
    # but an occurrence known without its party takes no one else's records
    assert failed(named, unnamed) == "no actor"


class _Tables:
    """A story's tables as link_events reads and writes them, for records of one new story."""

    def __init__(self, records):
        self.records, self.mentions, self.merged = records, {}, {}

    def events_to_link(self, report_ids):
        return [dict(r) for r in self.records if r["report_id"] in report_ids]

    def next_id(self, table):
        return 1

    def story_event_mentions_to_link(self, story_id):
        return {}

    def story_events(self, story_id):
        return []

    def save_links(self, report_ids, created, dated, mentions, merged=None):
        self.mentions = {(report, idx): story_event for story_event, report, idx, _ in mentions}
        self.merged = merged or {}


def test_a_record_stating_a_meeting_and_the_plan_handed_over_in_it_makes_them_one():
    day, monday = date(2031, 11, 4), "2031-11-03"
    met = record("vr-15", 0, "CONSULT", "envoy Tarel Voss met speaker Ana Kell in Ostra on Monday",
                 "Tarel Voss", "MRV", day, sector="GOV", recipient="Ana Kell", recipient_code="OST", day=monday)
    handed = record("vr-16", 0, "REQUEST", "the Marvenian envoy handed a written truce plan to Ana Kell on Monday",
                    "the Marvenian envoy", "MRV", day, sector="GOV", recipient="Ana Kell", recipient_code="OST",
                    day=monday)
    both = record("vr-17", 0, "REQUEST", "Tarel Voss met Ana Kell in Ostra on Monday and handed her a written truce plan",
                  "Tarel Voss", "MRV", day, sector="GOV", recipient="Ana Kell", recipient_code="OST", day=monday)
    tables = _Tables([met, handed, both])
    L.link_events(tables, ["vr-15", "vr-16", "vr-17"])
    assert len({tables.mentions[(r, 0)] for r in ("vr-15", "vr-16", "vr-17")}) == 1


def test_two_bodies_of_one_kind_named_as_acting_in_one_occurrence_are_a_dispute():
    from datetime import date as day
    from storyline.stories.disputes import actor_disputes

    texts = {"vr-20": "The Marvenian defence council approved the truce.",
             "vr-21": "Marvenia's war council approved the truce.",
             "vr-22": "The Marvenian council approved the truce on Monday."}

    def mention(report_id, actor):
        return {"report_id": report_id, "idx": 0, "modality": "asserted", "actor_name": actor, "start_char": 0,
                "end_char": len(texts[report_id]), "published": day(2031, 12, 1), "outlet": report_id,
                "copy_root": report_id, "source_text": None}
    mentions = {1: [mention("vr-20", "the Marvenian defence council"), mention("vr-21", "Marvenia's war council"),
                    mention("vr-22", "The Marvenian council")]}
    [dispute] = actor_disputes([{"id": 1, "event": "AGREE", "actor_name": "the Marvenian defence council"}],
                               mentions, texts)
    # "the Marvenian council" names the country every mention shares: no claim
    assert {s["claim"]: [m["report_id"] for m in s["mentions"]] for s in dispute["sides"]} == \
        {"defence council": ["vr-20"], "war council": ["vr-21"]}


def test_a_state_and_its_forces_are_one_party_but_not_its_rebels():
    day = date(2031, 9, 2)
    state = record("vr-20", 0, "RETREAT", "Ostra will withdraw from the river towns within 30 days",
                   "Ostra", "OST", day, modality="future", sector="GOV")
    forces = record("vr-21", 1, "RETREAT", "Ostran troops will withdraw from the river towns",
                    "Ostran troops", "OST", day, modality="future", sector="MIL")
    assert failed(forces, state) is None
    rebels = record("vr-22", 2, "RETREAT", "Ostran rebels will withdraw from the river towns",
                    "Ostran rebels", "OST", day, modality="future", sector="REB")
    assert failed(rebels, state) == "actor differs"


def test_a_month_stated_covers_its_days():
    assert L.stated_days("2031-02") == (date(2031, 2, 1), date(2031, 2, 28))
    assert L.stated_days("2031-12") == (date(2031, 12, 1), date(2031, 12, 31))
    assert L.stated_days("2031-02-14") == (date(2031, 2, 14), date(2031, 2, 14))
    assert L.stated_days("2031") is None and L.stated_days(None) is None


def test_the_same_two_sides_agreeing_in_other_words_strike_one_deal():
    day = date(2031, 9, 2)
    deal = record("vr-20", 0, "AGREE", "Marvenia and Ostra agreed to a truce along the river",
                  "Marvenia", "MRV", day, recipient="Ostra", recipient_code="OST")
    accepted = record("vr-21", 3, "AGREE", "the Ostran and Marvenian governments have accepted the plan of the "
                      "regional bloc", None, "OST", day, sector="GOV", recipient="Marvenia", recipient_code="MRV")
    assert failed(accepted, deal) is None
    # two sides meeting again in other words may be another meeting; one side with a third is another deal
    met = record("vr-20", 1, "CONSULT", "Marvenia and Ostra met at the border post", "Marvenia", "MRV", day,
                 recipient="Ostra", recipient_code="OST")
    talks = record("vr-21", 4, "CONSULT", "Ostran delegates held talks with the Marvenians over fishing quotas",
                   "Ostra", "OST", day, recipient="Marvenia", recipient_code="MRV")
    assert failed(talks, met) == "wording below threshold"
    third = record("vr-21", 5, "AGREE", "Ostra agreed with Luvia on grazing rights", "Ostra", "OST", day,
                   recipient="Luvia", recipient_code="LUV")
    assert failed(third, deal) is not None


def test_a_state_and_a_group_of_one_country_strike_one_deal_a_day_apart_in_two_reports():
    thursday, friday = date(2031, 3, 13), date(2031, 3, 14)
    one = record("vr-20", 0, "AGREE", "Ostra and the Hill Front agreed on Thursday to a truce", "Ostra", "OST",
                 friday, recipient="the Hill Front", recipient_code="OST", recipient_sector="REB", day="2031-03-13")
    other = record("vr-21", 1, "AGREE", "the Ostran government signed a deal with the Front on Friday",
                   "the Ostran government", "OST", friday, sector="GOV", recipient="the Front",
                   recipient_code="OST", recipient_sector="REB", day="2031-03-14")
    assert failed(other, one) is None
    # two of the state's own bodies are no two sides
    cabinet = record("vr-22", 2, "AGREE", "the cabinet approved the plan of the ministry on Friday", "the cabinet",
                     "OST", friday, sector="GOV", recipient="the ministry", recipient_code="OST",
                     recipient_sector="GOV", day="2031-03-14")
    assert failed(cabinet, one) is not None


def test_one_sides_approval_of_a_deal_is_not_the_two_sides_striking_it():
    day = date(2031, 4, 8)
    deal = record("vr-30", 0, "AGREE", "Marvenia and Ostra agreed to a ceasefire deal on the border",
                  "Marvenia", "MRV", day, recipient="Ostra", recipient_code="OST")
    approved = record("vr-31", 2, "AGREE", "Marvenia's national council approved the ceasefire agreement with Ostra",
                      "National Council", "MRV", day, sector="GOV", recipient="Ostra", recipient_code="OST")
    assert failed(approved, deal) == "approval and agreement"
    assert failed(deal, approved) == "approval and agreement"
    # the council voting for the deal, told by another outlet, is its approval
    voted = record("vr-32", 1, "AGREE", "the National Council, which must ratify every treaty, voted in favour "
                   "of the accord by 31 votes to 9", "National Council", "MRV", day, sector="GOV")
    assert failed(approved, voted) is None


def test_a_term_of_a_deal_retold_in_other_words_is_one_term():
    monday, friday = date(2031, 10, 6), date(2031, 10, 10)
    deploy = record("vr-40", 3, "MOBILIZE", "the Ostran army will deploy along the river under the plan",
                    "the Ostran army", "OST", monday, modality="future", sector="MIL")
    bolster = record("vr-41", 5, "MOBILIZE", "Ostra's military would bolster its presence in the lowlands",
                     "Ostra's military", "OST", friday, modality="hypothetical", sector="MIL")
    assert failed(bolster, deploy) is None
    # an act done, or a plan given its own day, is told apart by its words
    done = dict(bolster, modality="asserted")
    assert failed(done, deploy) == "wording below threshold"
    dated = record("vr-41", 6, "MOBILIZE", "Ostra's military would bolster its presence in the lowlands on Friday",
                   "Ostra's military", "OST", friday, modality="future", sector="MIL", day="2031-10-10")
    assert failed(dated, deploy) == "wording below threshold"


def test_two_terms_of_one_party_and_type_but_of_two_modes_are_two_terms():
    day = date(2031, 10, 6)
    release = record("vr-42", 1, "RETREAT", "the Ostran government would release 40 detained fighters",
                     "the Ostran government", "OST", day, modality="hypothetical", sector="GOV", mode="release")
    withdraw = record("vr-43", 2, "RETREAT", "Ostran troops would leave several villages near the river",
                      "Ostran troops", "OST", day, modality="hypothetical", sector="MIL", mode="withdraw")
    assert failed(withdraw, release) == "wording below threshold"
