"""Events in general forms that do not depend on the story: a third party's part in talks, and
meetings named in a prepositional phrase. Short reports written for these tests."""
from __future__ import annotations

import pytest

from conftest import annotator, events_of


@pytest.fixture(scope="module")
def annotate(pipeline):
    return annotator(pipeline, published="2024-05-06")


def _third_parties(rdoc) -> list[str]:
    """Who plays the third party: the actors of the events its part names ("the auspices of X",
    "the mediation of X"). The parties' own talks are third-party meetings too (PLOVER: hosted by a
    third party), and are carried by a verb ("resumed talks")."""
    return sorted(e.actor.text for e in events_of(rdoc, "CONSULT")
                  if e.mode == "third-party" and len(e.event_text.split()) == 1)


def test_signing_in_the_presence_of_a_third_party(annotate):
    rdoc = annotate("Armenia and Azerbaijan signed a border accord in Tbilisi on Monday in the presence of "
                    "Georgian Prime Minister Irakli Kobakhidze.")
    assert _third_parties(rdoc) == ["Georgian Prime Minister Irakli Kobakhidze"]
    assert len(events_of(rdoc, "AGREE")) == 2


def test_talks_under_the_auspices_of_a_body(annotate):
    rdoc = annotate("Sudan's army and the Rapid Support Forces resumed negotiations under the auspices of "
                    "the African Union.")
    assert _third_parties(rdoc) == ["the African Union"]


def test_mediation_of_names_the_mediator_not_the_parties(annotate):
    rdoc = annotate("The junta and the rebel alliance reached a truce through the mediation of Thailand.")
    assert _third_parties(rdoc) == ["Thailand"]


def test_witnessed_by_a_third_party(annotate):
    rdoc = annotate("The peace accord between Eritrea and Djibouti, witnessed by Saudi King Salman, was signed "
                    "in Jeddah.")
    assert set(_third_parties(rdoc)) == {"Saudi King Salman"}


def test_support_outside_talks_stays_support(annotate):
    rdoc = annotate("Turkey gave strong support to the rebels in the north.")
    assert [e.actor.text for e in events_of(rdoc, "SUPPORT")] == ["Turkey"]
    assert not events_of(rdoc, "CONSULT")


def test_talks_with_someone_in_a_phrase_belong_to_the_subject(annotate):
    rdoc = annotate("Ecuador's president flew to Lima on Sunday for talks with Peruvian President Dina Boluarte.")
    consults = [e for e in events_of(rdoc, "CONSULT") if e.event_text == "talks"]
    assert [(e.actor.text, e.recipient.text) for e in consults] == \
        [("Ecuador's president", "Peruvian President Dina Boluarte")]


def test_settling_through_negotiations_is_the_subjects_consultation(annotate):
    rdoc = annotate("Armenia and Azerbaijan agreed to settle the dispute through negotiations.")
    consults = [e for e in events_of(rdoc, "CONSULT") if e.event_text == "negotiations"]
    assert sorted(e.actor.text for e in consults) == ["Armenia", "Azerbaijan"]


def test_passive_takes_its_subject_as_the_object_of_the_pattern(annotate):
    rdoc = annotate("Sanctions on the Belarusian state airline were lifted by the European Union on Friday.")
    assert [(e.event, e.mode, e.actor.text) for e in events_of(rdoc, "RETREAT")] == \
        [("RETREAT", "ease", "the European Union")]


def test_adopted_agreement_is_its_parties_agreement(annotate):
    rdoc = annotate("A border agreement was adopted by Ecuador and Peru in Quito on Monday.")
    assert sorted(e.actor.text for e in events_of(rdoc, "AGREE")) == ["Ecuador", "Peru"]


def test_deal_in_a_relative_clause_belongs_to_its_subject(annotate):
    rdoc = annotate("The accord that Ecuador and Peru reached last year has held.")
    assert sorted(e.actor.text for e in events_of(rdoc, "AGREE")) == ["Ecuador", "Peru"]


def test_participle_with_an_agent_names_the_actor_of_its_noun(annotate):
    rdoc = annotate("New sanctions imposed by Canada on the Nicaraguan government took effect on Monday.")
    assert [e.actor.text for e in events_of(rdoc, "SANCTION")] == ["Canada"]


def test_restoring_ties_is_support(annotate):
    # a curated pattern: no second coded party needed, as a broad CAMEO pattern would
    rdoc = annotate("The rebels restored ties with the ruling party.")
    assert [(e.actor.text, e.recipient.text) for e in events_of(rdoc, "SUPPORT")] == [("The rebels", "the ruling party")]


def test_a_battle_between_two_sides_is_an_assault(annotate):
    rdoc = annotate("Police said the battle between Ecuadorian troops and the gang lasted hours.")
    assert [(e.event_text, e.actor.text, e.recipient.text) for e in events_of(rdoc, "ASSAULT")] == \
        [("battle", "Ecuadorian troops", "the gang")]


def test_a_ceasefire_named_as_two_parties_own_is_their_pact(annotate):
    rdoc = annotate("The ceasefire between Chad and Sudan surprised the rebels.")
    assert [(e.actor.text, e.recipient.text) for e in events_of(rdoc, "AGREE")] == [("Chad", "Sudan")]
    assert not events_of(rdoc, "RETREAT")


def test_a_ceasefire_taking_effect_stays_a_retreat(annotate):
    rdoc = annotate("The ceasefire between Chad and Sudan took effect on Monday.")
    assert [e.mode for e in events_of(rdoc, "RETREAT")] == ["ceasefire"]
    assert not events_of(rdoc, "AGREE")


def test_talks_involving_parties_are_theirs(annotate):
    rdoc = annotate("Talks involving Chad's foreign minister and Sudanese army officers resumed in Nairobi on Monday.")
    assert sorted(e.actor.text for e in events_of(rdoc, "CONSULT")) == \
        ["Chad's foreign minister", "Sudanese army officers"]


def test_diplomatic_efforts_are_consultations_of_who_leads_them(annotate):
    rdoc = annotate("Kenya and Uganda have led diplomatic efforts to end the war in Sudan.")
    assert sorted(e.actor.text for e in events_of(rdoc, "CONSULT")) == ["Kenya", "Uganda"]


def test_who_releases_captives_is_who_holds_them(annotate):
    rdoc = annotate("Forty soldiers held by the rebels were freed on Monday. "
                    "The release of 40 villagers held by the rebels began on Tuesday.")
    assert [e.actor.text for e in events_of(rdoc, "RETREAT")] == ["the rebels", "the rebels"]


def test_the_mediator_not_the_parties_of_a_mediation(annotate):
    rdoc = annotate("Chad and Sudan resumed talks in Nairobi under Kenyan mediation. "
                    "The mediation by Kenya between Chad and Sudan resumed on Monday.")
    assert [e.actor.text for e in events_of(rdoc, "CONSULT") if e.event_text == "mediation"] == ["Kenyan", "Kenya"]
    assert {e.mode for e in events_of(rdoc, "CONSULT")} == {"third-party"}


@pytest.mark.parametrize("text", [
    "Armenia and Azerbaijan fought for a week. The truce is in effect, the Armenian defence ministry said.",
    "Armenia and Azerbaijan fought for a week. Both sides confirmed the start of the truce on Monday.",
    "Armenia and Azerbaijan fought for a week. On Monday the extension of the ceasefire entered into force.",
    "Armenia and Azerbaijan fought for a week. Villagers returned home after a truce which came into effect on Monday.",
])
def test_a_truce_standing_or_starting_is_kept_by_its_pair(annotate, text):
    retreats = [e for e in events_of(annotate(text), "RETREAT") if e.mode == "ceasefire"]
    assert [(e.actor.text, e.recipient.text) for e in retreats] == [("Armenia", "Azerbaijan")]


def test_what_a_truce_would_end_is_not_its_taking_effect(annotate):
    rdoc = annotate("Armenia and Azerbaijan fought for a week. Villagers fled before a truce that would end the war. "
                    "Villagers returned home after a truce that came into effect on Monday.")
    assert [e.event_text for e in events_of(rdoc, "RETREAT")] == ["truce"]
    assert events_of(rdoc, "RETREAT")[0].start > rdoc.text.index("returned")


def test_an_act_in_a_time_phrase_is_its_own_not_the_content(annotate):
    rdoc = annotate("Chad's president thanked Kenya after a meeting with the Kenyan foreign minister in Nairobi. "
                    "Chad's president met the Sudanese envoy on Monday. "
                    "During the meeting, Chad's president thanked Sudan for its help. "
                    "The rebels capitulated after a bombing campaign.")
    consults = events_of(rdoc, "CONSULT")
    assert [(e.actor.text, e.event_text) for e in consults if e.trigger_start < rdoc.text.index(" met ")] == \
        [("Chad's president", "meeting")]
    assert not [e for e in consults if e.trigger_start > rdoc.text.index("During")]
    assert not [e for e in events_of(rdoc, "ASSAULT") if e.actor is not None and e.actor.text == "The rebels"]


def test_one_actor_travelling_for_talks_with_another_party_does_two_acts(annotate):
    rdoc = annotate("Armenia's foreign minister travelled to Switzerland on Monday for talks with Azerbaijan's "
                    "foreign minister. Armenia and Azerbaijan fought for a week. Armenian strikes killed 12 soldiers.")
    assert sorted(e.event_text for e in events_of(rdoc, "CONSULT")) == ["talks", "travelled"]
    assert len([e for e in events_of(rdoc, "ASSAULT") if e.trigger_start > rdoc.text.index("week")]) == 1


def test_a_pact_reached_with_no_party_named_is_still_told(annotate):
    rdoc = annotate("The envoy said an agreement was reached in Geneva on Monday.")
    agreements = events_of(rdoc, "AGREE")
    assert [(e.actor, e.event_text) for e in agreements] == [(None, "agreement was reached")]


def test_talks_told_in_a_time_phrase_are_the_pairs(annotate):
    rdoc = annotate("Armenia and Azerbaijan published a joint statement. The statement was released after four days of talks "
                    "in Geneva. The statement was printed after the talks.")
    assert [(e.actor.text, e.recipient.text, e.event_text) for e in events_of(rdoc, "CONSULT")] == \
        [("Armenia", "Azerbaijan", "talks")]


def test_a_stance_after_a_copula_is_its_subjects(annotate):
    rdoc = annotate("Armenia and Azerbaijan insist they are committed to the border accord.")
    assert [e.actor.text for e in events_of(rdoc, "AGREE")] == ["they"]
