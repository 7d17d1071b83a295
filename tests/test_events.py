"""The events component on short news-style sentences, through the real spaCy pipeline."""
from __future__ import annotations

import pytest

from conftest import annotator, events_of


@pytest.fixture(scope="module")
def annotate(pipeline):
    return annotator(pipeline, published="2024-11-21")


def test_compound_actors_give_one_event_each(annotate):
    rdoc = annotate("Egypt and Qatar mediated talks between the two sides in Cairo.")
    actors = sorted(e.actor.text for e in events_of(rdoc, "CONSULT"))
    assert actors == ["Egypt", "Qatar"]
    assert all(e.mode == "third-party" for e in events_of(rdoc, "CONSULT"))


def test_told_x_that_must_is_a_demand_to_each_recipient(annotate):
    rdoc = annotate("On Thursday, Sisi told Blinken and Lammy that Israel must halt its offensive in Rafah.")
    requests = events_of(rdoc, "REQUEST")
    assert sorted(e.recipient.text for e in requests) == ["Blinken", "Lammy"]
    assert {e.actor.text for e in requests} == {"Sisi"}
    assert all(e.event_text == "told" for e in requests)


def test_negated_assault(annotate):
    rdoc = annotate("Hamas did not attack the aid convoy near Khan Younis.")
    assert [e.modality for e in events_of(rdoc, "ASSAULT")] == ["negated"]


def test_refusal_to_agree_is_reject(annotate):
    rdoc = annotate("Hamas will not agree to a temporary truce, its leaders said.")
    rejects = events_of(rdoc, "REJECT")
    assert len(rejects) == 1 and rejects[0].modality == "asserted" and rejects[0].actor.text == "Hamas"
    assert not events_of(rdoc, "AGREE")


def test_future_and_hypothetical(annotate):
    rdoc = annotate("Israeli troops will withdraw from the town next week. Jordan could deploy troops to the border.")
    assert [e.modality for e in events_of(rdoc, "RETREAT")] == ["future"]
    assert [e.modality for e in events_of(rdoc, "MOBILIZE")] == ["hypothetical"]


def test_expected_to_is_future(annotate):
    rdoc = annotate("The French envoy is expected to visit Beirut next week.")
    consult = events_of(rdoc, "CONSULT")
    assert len(consult) == 1 and consult[0].modality == "future" and consult[0].mode == "visit"


def test_proposal_terms_are_hypothetical(annotate):
    rdoc = annotate("The proposal requires Israeli forces to withdraw from southern Lebanon.")
    retreat = events_of(rdoc, "RETREAT")
    assert len(retreat) == 1 and retreat[0].modality == "hypothetical" and retreat[0].mode == "withdraw"
    assert "forces" in retreat[0].actor.text
    assert not events_of(rdoc, "REQUEST")  # a document is not an actor


def test_date_from_weekday(annotate):
    pytest.importorskip("storyline.time.component")
    rdoc = annotate("The envoy met Lebanese Prime Minister Najib Mikati on Tuesday.", published="2024-11-21")
    consult = events_of(rdoc, "CONSULT")
    assert len(consult) == 1 and consult[0].date == "2024-11-19"


def test_nominal_assault_actor_and_location(annotate):
    rdoc = annotate("Israeli airstrikes on southern Beirut killed four people on Sunday.")
    assault = events_of(rdoc, "ASSAULT")
    assert len(assault) == 1
    assert assault[0].mode == "aerial" and assault[0].actor.text == "Israeli"
    pytest.importorskip("storyline.places.component")
    assert assault[0].location is not None and assault[0].location.name == "Beirut"


def test_several_events_in_one_sentence(annotate):
    rdoc = annotate("Hezbollah fired rockets at Haifa, and Israel struck targets in Tyre.")
    actors = sorted(e.actor.text for e in events_of(rdoc, "ASSAULT"))
    assert actors == ["Hezbollah", "Israel"]


def test_opinion_is_not_an_event(annotate):
    rdoc = annotate("Mikati said he was optimistic about the chances of a deal.")
    assert rdoc.events == []
    assert [(q.quote, q.speaker) for q in rdoc.quotes] == [("he was optimistic about the chances of a deal", "Mikati")]


def test_event_offsets_are_report_offsets(annotate):
    text = "Qatar suspended its mediation between Hamas and Israel on Saturday."
    rdoc = annotate(text)
    sanction = events_of(rdoc, "SANCTION")
    assert len(sanction) == 1
    e = sanction[0]
    assert text[e.trigger_start:e.trigger_end] == e.event_text == "suspended"
    assert text[e.start:e.end].startswith("Qatar") and 0 <= e.confidence <= 1


def test_declining_to_comment_is_no_event(annotate):
    rdoc = annotate("The Egyptian foreign ministry declined to comment on the report.")
    assert rdoc.events == []
    assert [(m.text, m.code) for m in rdoc.actors] == [("The Egyptian foreign ministry", "EGY")]


def test_a_denial_is_a_rejection_and_what_it_denies_is_not_told_as_done(annotate):
    # CAMEO 016 (deny responsibility) is a REJECT, as the PLOVER manual suggests and the gold codes it
    rdoc = annotate("Jordan's government denied charges that it had armed the rebels.")
    assert [(e.actor.text, e.actor.code) for e in events_of(rdoc, "REJECT")] == [("Jordan's government", "JOR")]
    assert all(e.modality == "negated" for e in rdoc.events if e.event != "REJECT")
    rdoc = annotate("The rebels denied attacking the army post near Gao.")
    assert [e.actor.text for e in events_of(rdoc, "REJECT")] == ["The rebels"]
    assert all(e.modality == "negated" for e in events_of(rdoc, "ASSAULT"))


def test_giving_supplies_is_aid(annotate):
    rdoc = annotate("Turkey sent medical supplies and tents to the displaced families in Idlib on Monday.")
    aid = events_of(rdoc, "AID")
    assert [e.actor.code for e in aid] == ["TUR"]


def test_lifting_a_ban_is_a_concession(annotate):
    rdoc = annotate("The Egyptian government lifted a travel ban on the opposition leader.")
    assert [e.actor.code for e in events_of(rdoc, "CONCEDE")] == ["EGY"]


def test_hosting_leaders_is_aid_hosting_talks_is_consult(annotate):
    assert events_of(annotate("Turkey has hosted the group's leaders for years."), "AID")
    rdoc = annotate("Qatar hosted talks between the two delegations in Doha.")
    assert events_of(rdoc, "CONSULT") and not events_of(rdoc, "AID")


def test_vote_to_approve_is_agreement(annotate):
    rdoc = annotate("The Israeli cabinet voted to approve the ceasefire agreement on Tuesday.")
    assert [e.actor.code for e in events_of(rdoc, "AGREE")] == ["ISR"]


def test_adjective_predicate_is_an_act(annotate):
    rdoc = annotate("Egypt is committed to the truce agreement, the Egyptian foreign minister said.")
    assert [e.actor.code for e in events_of(rdoc, "AGREE")] == ["EGY"]


def test_readiness_for_a_codable_act_is_that_act(annotate):
    rdoc = annotate("The Lebanese army is ready to deploy 5,000 soldiers in the south.")
    assert events_of(rdoc, "MOBILIZE") and not events_of(rdoc, "AGREE")


def test_nominal_withdrawal_takes_its_actor_from_of(annotate):
    rdoc = annotate("The withdrawal of Israeli troops from southern Lebanon will begin next week.")
    retreat = events_of(rdoc, "RETREAT")
    assert [e.actor.code for e in retreat] == ["ISR"] and retreat[0].modality == "future"


def test_both_sides_are_the_parties_named_before(annotate):
    rdoc = annotate("Fighting between Israel and Hamas continued in Gaza. On Friday both sides exchanged fire near Rafah.")
    codes = sorted(e.actor.code for e in events_of(rdoc, "ASSAULT") if "exchanged" in e.event_text)
    assert codes == ["ISR", "PSE"]


def test_ceasefire_taking_effect_binds_the_named_parties(annotate):
    rdoc = annotate("Qatar brokered an accord between Sudan and Chad. The truce is set to start on Sunday.")
    retreat = [e for e in events_of(rdoc, "RETREAT") if e.mode == "ceasefire"]
    # one act of the pair, as "a truce between Sudan and Chad": the first acts, the second receives
    assert [(e.actor.code, e.recipient.code) for e in retreat] == [("SDN", "TCD")]


def test_hyphenated_parties_act_and_receive(annotate):
    rdoc = annotate("The Israel-Hezbollah ceasefire took effect on Wednesday morning.")
    (ceasefire,) = events_of(rdoc, "RETREAT")
    assert (ceasefire.actor.code, ceasefire.recipient.code) == ("ISR", "LBN")


def test_dateline_is_not_an_actor(annotate):
    rdoc = annotate("KHARTOUM (Reuters) -A truce between Sudan and Chad starts on Wednesday.")
    assert [e.actor.code for e in events_of(rdoc, "RETREAT")] == ["SDN"]


def test_dates_are_not_actors(annotate):
    rdoc = annotate("Hamas fighters seized hostages during the October 7 attack.")
    assert [(e.event, e.actor.text) for e in rdoc.events] == [("ASSAULT", "Hamas fighters")]


def test_conjoined_passive_clause_has_its_own_actor(annotate):
    rdoc = annotate("The accord says Ethiopia will pull its troops out within 90 days, and the Eritrean "
                    "army will be deployed in the north.")
    assert [e.actor.code for e in events_of(rdoc, "MOBILIZE")] == ["ERI"]


def test_part_of_a_force_acts_for_it(annotate):
    rdoc = annotate("Extra units of the Malian army will be deployed near the frontier.")
    assert [e.actor.code for e in events_of(rdoc, "MOBILIZE")] == ["MLI"]


def test_launching_weapons_is_an_assault(annotate):
    rdoc = annotate("Hezbollah launched dozens of rockets at northern Israel on Sunday.")
    (assault,) = events_of(rdoc, "ASSAULT")
    assert (assault.actor.code, assault.mode, assault.recipient.code) == ("LBN", "heavy-weapons", "ISR")


def test_participle_agent_is_the_actor(annotate):
    rdoc = annotate("Both parties accepted a truce plan brokered by Qatar.")
    assert [e.actor.code for e in events_of(rdoc, "CONSULT")] == ["QAT"]


def test_mediated_talks_are_the_mediators_act(annotate):
    rdoc = annotate("The envoy flew to Khartoum to mediate talks between Sudan and Chad.")
    consult = events_of(rdoc, "CONSULT")
    assert consult and {(e.actor.text, e.mode) for e in consult} == {("The envoy", "third-party")}


# --- general forms, on reports about a conflict in neither development set ------------------

def test_deal_reached_by_named_parties_and_in_the_passive(annotate):
    rdoc = annotate("Mozambique and the insurgents reached a deal on Friday. An agreement was reached after "
                    "three days of talks, a senior Rwandan official said.", published="2024-03-11")
    agreements = events_of(rdoc, "AGREE")
    reached = [e for e in agreements if e.event_text == "reached a deal"]
    assert {e.actor.code for e in reached} == {"MOZ"} and len(reached) == 2 and reached[0].date == "2024-03-08"
    passive = [e for e in agreements if "agreement" in e.event_text]
    assert passive and all(e.actor.code == "MOZ" for e in passive)  # the parties named together before
    assert not any(e.actor.text.startswith("a senior") for e in agreements)  # not the one who said it


def test_unnamed_sides_still_act(annotate):
    rdoc = annotate("The two sides agreed to a truce on Sunday.")
    assert [e.actor.text for e in events_of(rdoc, "AGREE")] == ["two sides"]
    assert events_of(rdoc, "RETREAT")  # what they agreed to is an event of its own


def test_failing_to_agree_is_negated(annotate):
    rdoc = annotate("Sudan's warring parties failed to reach an agreement in Jeddah on Tuesday.")
    (agree,) = events_of(rdoc, "AGREE")
    assert agree.modality == "negated"


def test_backers_and_brokers_named_in_participles(annotate):
    rdoc = annotate("The Rwanda-backed M23 rebels welcomed the Qatar-brokered ceasefire.")
    (backing,) = events_of(rdoc, "SUPPORT")[:1]
    assert backing.actor.code == "RWA" and backing.event_text == "backed"
    (brokering,) = [e for e in events_of(rdoc, "CONSULT") if e.event_text == "brokered"]
    assert brokering.actor.code == "QAT" and brokering.mode == "third-party"


def test_title_case_headline_is_parsed_as_a_sentence(annotate):
    rdoc = annotate("Malawi, Zambian Rebels Sign Peace Deal\n\nMalawi's government and the rebels signed "
                    "a peace deal on Saturday after two weeks of talks.", published="2024-03-11")
    headline = [e for e in events_of(rdoc, "AGREE") if e.start < rdoc.text.index("\n")]
    assert headline and headline[0].actor.code == "MWI"


def test_handing_over_weapons_is_disarming(annotate):
    rdoc = annotate("The rebels will hand over their weapons within 90 days, the defence minister said.")
    (disarm,) = events_of(rdoc, "RETREAT")
    assert disarm.mode == "disarm" and disarm.modality == "future"


def test_event_takes_the_day_its_paragraph_set(annotate):
    rdoc = annotate("Fighting resumed near Goma on Monday. Rebel fighters shelled the airport and the army "
                    "deployed reinforcements.", published="2024-03-14")
    assert [e.date for e in events_of(rdoc, "MOBILIZE")] == ["2024-03-11"]


def test_recipient_named_in_the_object_phrase(annotate):
    rdoc = annotate("The Kenyan cabinet approved a truce with the Ugandan army. Mediators proposed a "
                    "ceasefire between the Sudanese army and the RSF.")
    approve = events_of(rdoc, "AGREE")[0]
    assert approve.recipient is not None and approve.recipient.code == "UGA"
    proposal = events_of(rdoc, "REQUEST")[0]
    assert proposal.recipient is not None and proposal.recipient.code == "SDN"


def test_recipient_implied_by_the_place_hit_or_the_other_side(annotate):
    rdoc = annotate("Ethiopia and Eritrea traded accusations on Monday. Eritrean artillery opened fire "
                    "overnight. Ethiopian forces later fired rockets, officials said. Rebels attacked Kampala.")
    hits = events_of(rdoc, "ASSAULT")
    assert [(e.actor.code, e.recipient and e.recipient.code) for e in hits] == [
        ("ERI", "ETH"), ("ETH", "ERI"), ("UGA", "UGA")]
    rdoc = annotate("Ugandan troops fired rockets.")  # no pair, no place: no recipient is guessed
    assert [e.recipient for e in events_of(rdoc, "ASSAULT")] == [None]


def test_an_event_over_a_span_of_days_is_dated_by_its_month(annotate):
    # the delegations of two states meet each other: one event for each side
    rdoc = annotate("The delegations of Chad and Niger met in Niamey from 3 to 5 March.", published="2024-03-08")
    assert [(e.actor.code, e.date) for e in events_of(rdoc, "CONSULT")] == [("TCD", "2024-03"), ("NER", "2024-03")]
    rdoc = annotate("The delegations of Chad and Niger met in Niamey on March 5.", published="2024-03-08")
    assert [e.date for e in events_of(rdoc, "CONSULT")] == ["2024-03-05", "2024-03-05"]


def test_talks_that_begin_are_the_named_pairs_meeting(annotate):
    rdoc = annotate("Sudan and South Sudan agreed last week to discuss the border. The talks began in Juba on Monday.")
    talks = [e for e in events_of(rdoc, "CONSULT") if e.event_text.lower() == "talks"]
    assert [(e.actor.code, e.recipient and e.recipient.code) for e in talks] == [("SDN", "SSD")]


def test_an_invitation_to_talks_is_a_request(annotate):
    rdoc = annotate("The African Union invited Sudan's army and the RSF to peace talks in Addis Ababa.")
    requests = events_of(rdoc, "REQUEST")
    assert requests and requests[0].actor.code == "IGO" and requests[0].mode == "meet"


def test_readiness_to_negotiate_is_agreeing_to_talks(annotate):
    rdoc = annotate("The Sudanese army is ready to negotiate with the RSF, a spokesman said.")
    assert [e.actor.code for e in events_of(rdoc, "AGREE")] == ["SDN"]
    rdoc = annotate("The Sudanese army is ready to withdraw from the city, a spokesman said.")
    assert not events_of(rdoc, "AGREE") and events_of(rdoc, "RETREAT")


def test_a_ceasefire_announced_or_extended_is_its_parties_agreement(annotate):
    rdoc = annotate("The Zambian government and the Barotse Liberation Front announced a ceasefire on Sunday.")
    assert [(e.actor.code, e.actor.sector) for e in events_of(rdoc, "AGREE")] == [("ZMB", "GOV"), ("ZMB", "REB")]
    assert events_of(rdoc, "RETREAT") == []
    rdoc = annotate("The Bolivian army said the ceasefire took effect at midnight.")
    assert [e.mode for e in events_of(rdoc, "RETREAT")] == ["ceasefire"] and events_of(rdoc, "AGREE") == []


def test_the_subject_behind_a_dateline_and_a_demand_inside_a_refusal(annotate):
    rdoc = annotate("LIMA (Reuters) - Peruvian President Ana Quispe rejected on Monday a Shining Path demand "
                    "for the release of 200 prisoners.")
    assert [e.actor.text for e in events_of(rdoc, "REJECT")] == ["Peruvian President Ana Quispe"]
    assert [e.actor.text for e in events_of(rdoc, "REQUEST")] == ["Shining Path"]


def test_days_of_talks_and_a_deal_reached_between_two_parties(annotate):
    rdoc = annotate("Officials from Bolivia and Peru held three days of talks in Geneva.")
    assert [(e.actor.code, e.recipient and e.recipient.code) for e in events_of(rdoc, "CONSULT")] == [
        ("BOL", "PER"), ("PER", "BOL")]
    rdoc = annotate("A voting accord reached between the Togolese government and its rivals was signed on Friday.")
    assert [(e.actor.code, e.actor.sector) for e in events_of(rdoc, "AGREE")] == [("TGO", "GOV")]


def test_a_reporting_verb_does_not_swallow_what_it_reports(annotate):
    rdoc = annotate("La Paz claimed that it had agreed a truce with the miners' militia.")
    assert [(e.actor.code, e.recipient.text) for e in events_of(rdoc, "AGREE")] == [("BOL", "the miners' militia")]


def test_sanctions_reduce_relations(annotate):
    rdoc = annotate("The European Union imposed sanctions on Bolivia's mining ministry on Tuesday.")
    assert [(e.mode, e.actor.code, e.recipient.code) for e in events_of(rdoc, "SANCTION")] == [
        ("discontinue", "EUR", "BOL")]


def test_a_meeting_named_as_the_object_of_any_verb_is_its_subjects(annotate):
    rdoc = annotate("Zambian envoy Mary Banda disclosed on Friday night a meeting with the Barotse delegation in Lusaka.")
    assert [(e.actor.code, e.recipient.text) for e in events_of(rdoc, "CONSULT")] == [
        ("ZMB", "the Barotse delegation")]


def test_a_refusal_is_for_the_future_an_act_not_done_stays_negated(annotate):
    rdoc = annotate("Bolivia will not sign the accord, its foreign minister said.")
    assert [e.event for e in rdoc.events if e.event in ("AGREE", "REJECT")] == ["REJECT"]
    rdoc = annotate("Bolivia did not sign the accord on Monday.")
    assert [(e.event, e.modality) for e in events_of(rdoc, "AGREE")] == [("AGREE", "negated")]


# ---- issue 10.6: what the bundled example showed wrong, on invented conflicts ----

def test_an_act_after_which_a_truce_took_effect_is_asserted(annotate):
    rdoc = annotate("A truce between Moldova and the Gagauz militia took effect on Thursday after the Moldovan "
                    "parliament approved the accord by 60 votes to 12 on Wednesday evening.", published="2024-11-22")
    (approval,) = events_of(rdoc, "AGREE")
    assert (approval.actor.code, approval.modality, approval.date) == ("MDA", "asserted", "2024-11-20")
    # the terms a proposal calls for are not in force; an accord's are to come
    rdoc = annotate("The proposal calls for Moldovan troops to withdraw from Comrat.")
    assert [e.modality for e in events_of(rdoc, "RETREAT")] == ["hypothetical"]
    rdoc = annotate("The accord calls for Moldovan troops to withdraw from Comrat.")
    assert [e.modality for e in events_of(rdoc, "RETREAT")] == ["future"]


def test_a_truce_named_without_its_parties_is_one_act_of_the_report_pair(annotate):
    rdoc = annotate("Truce holds along the Moldova-Gagauzia line\n\nA truce between Moldova and the Gagauz "
                    "militia took effect on Thursday.", published="2024-11-22")
    truces = [e for e in events_of(rdoc, "RETREAT") if e.mode == "ceasefire"]
    assert len(truces) == 2  # the headline's and the lead's, each once, the first party acting
    assert all(e.actor.code == "MDA" and e.recipient is not None and "Gagauz" in e.recipient.text for e in truces)


def test_a_clause_of_its_own_does_not_take_the_reporters_subject(annotate):
    rdoc = annotate("The Bolivian minister spoke to reporters in La Paz, a day after the accord was signed in "
                    "Lima by Peru and Chile.")
    signers = sorted(e.actor.code for e in events_of(rdoc, "AGREE"))
    assert signers == ["CHL", "PER"]


def test_called_on_both_sides_to_accept_is_one_request_to_them(annotate):
    rdoc = annotate("Fighting between Moldova and the Gagauz militia went on. The African Union called on both "
                    "sides to show restraint and to accept a mediated settlement.")
    requests = events_of(rdoc, "REQUEST")
    assert {e.actor.code for e in requests} == {"IGO"}
    assert {e.recipient.text for e in requests} == {"Moldova", "the Gagauz militia"}  # the pair named before
    assert not events_of(rdoc, "AGREE")


def test_a_threat_is_against_whom_the_threatened_act_targets(annotate):
    rdoc = annotate("Chad's defence minister warned on Monday that Chad would strike the Sahel Front "
                    "if the group attacked border posts.")
    (threat,) = events_of(rdoc, "THREATEN")
    assert threat.actor.code == "TCD" and threat.recipient.text == "the Sahel Front"


def test_a_conditional_act_is_hypothetical_even_with_will(annotate):
    rdoc = annotate('"If the militia moves on Comrat, we will attack," the Moldovan minister said.')
    assert [e.modality for e in events_of(rdoc, "ASSAULT")] == ["hypothetical"]


def test_forces_moved_are_no_recipient_but_a_place_struck_is(annotate):
    rdoc = annotate("Chad will withdraw its troops from Niger. The Chadian army has begun recruiting "
                    "additional soldiers.")
    (retreat,) = events_of(rdoc, "RETREAT")
    assert retreat.recipient is not None and retreat.recipient.code == "NER"
    (mobilize,) = events_of(rdoc, "MOBILIZE")
    assert mobilize.actor.code == "TCD" and mobilize.recipient is None
    rdoc = annotate("Chadian airstrikes hit the Hay Salam district of Khartoum.")
    (strike,) = events_of(rdoc, "ASSAULT")
    assert (strike.mode, strike.recipient.text, strike.recipient.code) == ("aerial", "Hay Salam district", "SDN")


def test_the_means_gives_the_mode_and_whom_names_the_recipient(annotate):
    rdoc = annotate("The Malian army said it had killed a rebel commander in a drone strike near Kidal.")
    assert [e.mode for e in events_of(rdoc, "ASSAULT")] == ["drone"]
    rdoc = annotate("Chad's foreign minister met Mahamat Zene, whom he praised for his patience.")
    (praise,) = events_of(rdoc, "SUPPORT")
    assert praise.recipient is not None and praise.recipient.text == "Mahamat Zene"


def test_what_had_been_done_takes_no_date_from_the_paragraph(annotate):
    rdoc = annotate("Chad's envoy arrived in Niamey on Monday. The official said the rebels had accepted most "
                    "of the text but rejected the clause on disarmament.", published="2024-11-22")
    assert [e.date for e in rdoc.events if e.event in ("AGREE", "REJECT")] == [None, None]
    assert [e.date for e in events_of(rdoc, "CONSULT")] == ["2024-11-18"]


def test_a_source_asking_for_anonymity_is_no_request(annotate):
    rdoc = annotate("Peru accused Bolivia of moving troops to the border, a Peruvian official who requested "
                    "anonymity said. Another official, who asked not to be named, said Lima had recalled its envoy.")
    assert events_of(rdoc, "REQUEST") == []
    (accusation,) = events_of(rdoc, "ACCUSE")
    assert (accusation.actor.code, accusation.recipient.code) == ("PER", "BOL")


def test_a_press_conference_is_no_meeting_a_joint_one_is(annotate):
    rdoc = annotate("Peru's foreign minister told a news conference in Lima that the talks would resume.")
    assert [e.event_text for e in events_of(rdoc, "CONSULT")] == []
    rdoc = annotate("Peru's foreign minister and his Bolivian counterpart held a joint press conference in La Paz.")
    assert events_of(rdoc, "CONSULT")


def test_a_participle_after_the_verb_is_a_second_act(annotate):
    rdoc = annotate("Kenya condemned the attack on Tuesday, blaming the Shabaab militants.")
    accusations = events_of(rdoc, "ACCUSE")
    assert [e.event_text for e in accusations] == ["condemned", "blaming"]
    assert accusations[1].actor.code == "KEN" and accusations[1].recipient.text == "the Shabaab militants"


def test_the_by_agent_of_a_participle_or_gerund_is_the_actor(annotate):
    rdoc = annotate("Peace talks between Sudan's army and the RSF resumed in Jeddah on Saturday, mediated by "
                    "Saudi Arabia and the United States.")
    mediation = [e for e in events_of(rdoc, "CONSULT") if e.event_text == "mediated"]
    assert {e.actor.code for e in mediation} == {"SAU", "USA"}
    assert all(e.recipient is None or e.recipient.code not in ("SAU", "USA") for e in mediation)
    rdoc = annotate("Shelling by the Sudanese army killed 12 people in Omdurman on Sunday.")
    (shelling,) = events_of(rdoc, "ASSAULT")
    assert (shelling.actor.code, shelling.mode) == ("SDN", "heavy-weapons")


@pytest.mark.parametrize("text, event, pair", [
    # a headline coordinates its parties with a comma
    ("Ghana, Togo agree to reopen border\nACCRA (AP) - The two countries said the crossing would open next week.",
     "AGREE", ("GHA", "TGO")),
    # ... also where the parser hangs the first name on the second
    ("Armenia, Azerbaijan agree on first stretch of border after Almaty talks\nALMATY - The two ministers met.",
     "AGREE", ("ARM", "AZE")),
    # people "of both countries" act for each side of the pair named before
    ("Kyrgyzstan and Tajikistan agreed on Sunday to halt the fighting. The security chiefs of both countries met "
     "in Batken on Monday.", "CONSULT", ("KGZ", "TJK")),
])
def test_two_sides_named_together_act_with_each_other(annotate, text, event, pair):
    found = events_of(annotate(text), event)
    assert sorted((e.actor.code, e.recipient.code) for e in found) == [pair, pair[::-1]]


def test_plover_verbs_of_disapproval_refusal_and_yielding(annotate):
    rdoc = annotate("Chad's president castigated the rebels on Monday.")
    assert [e.mode for e in events_of(rdoc, "ACCUSE")] == ["disapprove"]
    rdoc = annotate("Niger turned down the offer on Monday.")
    assert [e.event_text for e in events_of(rdoc, "REJECT")] == ["turned down"]
    rdoc = annotate("The junta backed down on Friday after the protests.")
    assert events_of(rdoc, "CONCEDE") and not events_of(rdoc, "SUPPORT")


def test_a_reported_headline_plan_is_its_subjects_future_act(annotate):
    rdoc = annotate("Chad and rebels to resume talks in Doha, mediator Qatar says\nNDJAMENA - The talks were "
                    "suspended in May.")
    talks = [e for e in events_of(rdoc, "CONSULT") if e.event_text == "resume talks"]
    assert sorted(e.actor.text for e in talks) == ["Chad", "rebels"]
    assert {e.modality for e in talks} == {"future"}


def test_mediated_talks_between_two_parties_are_theirs(annotate):
    rdoc = annotate("Talks between Chad and the rebels, mediated by Qatar, resumed in Doha on Monday.")
    consult = events_of(rdoc, "CONSULT")
    talks = [e for e in consult if e.event_text == "Talks"]
    assert [(e.actor.text, e.recipient.text) for e in talks] == [("Chad", "the rebels")]
    mediation = [e for e in consult if e.event_text == "mediated"]
    assert sorted(e.recipient.text for e in mediation) == ["Chad", "the rebels"]
    assert {e.actor.code for e in mediation} == {"QAT"}


def test_a_dateline_before_the_subject_is_not_the_actor(annotate):
    rdoc = annotate("Accra, Feb 12: Ghana signed a border deal with Togo on Saturday.")
    (signing,) = [e for e in events_of(rdoc, "AGREE") if e.event_text == "signed"]
    assert (signing.actor.code, signing.recipient.code) == ("GHA", "TGO")


def test_a_third_party_announcing_a_truce_is_not_its_party(annotate):
    rdoc = annotate("The Thai army and Cambodian troops fought for weeks along the frontier. Malaysia's prime "
                    "minister announced the ceasefire on Monday. A UN envoy confirmed extending the truce.")
    deals = [e for e in events_of(rdoc, "AGREE") if e.event_text in ("announced the ceasefire", "extending the truce")]
    assert len(deals) == 2
    assert {(e.actor.code, e.recipient.code) for e in deals} == {("THA", "KHM")}


def test_a_party_announcing_a_truce_keeps_it(annotate):
    rdoc = annotate("The Thai army and Cambodian troops fought for weeks along the frontier. Thailand's "
                    "prime minister announced the ceasefire on Monday.")
    (deal,) = [e for e in events_of(rdoc, "AGREE") if e.event_text == "announced the ceasefire"]
    assert deal.actor.code == "THA"


def test_a_reported_deal_whose_clause_names_its_signer_is_the_signers(annotate):
    rdoc = annotate("Armenia and Azerbaijan held talks in Abu Dhabi. \"We may sign a deal soon,\" the "
                    "American envoy said.")
    (signing,) = [e for e in events_of(rdoc, "AGREE") if e.event_text == "sign"]
    assert signing.actor.code == "USA"


def test_a_truce_between_the_two_sides_is_the_pairs(annotate):
    rdoc = annotate("Armenia and Azerbaijan signed a peace accord in Washington on Friday. The foreign "
                    "minister of Kazakhstan told reporters the talks produced a truce agreement between "
                    "the two sides.")
    (deal,) = [e for e in events_of(rdoc, "AGREE") if e.event_text == "agreement"]
    assert deal.actor.code == "ARM" and deal.recipient is None


def test_the_two_nations_never_named_together_are_the_two_countries_named_most(annotate):
    rdoc = annotate("Azerbaijan reopens embassy in Armenia\n\nAzerbaijan has reopened its embassy in Yerevan, the "
                    "Armenian capital, the foreign ministry in Baku said. In March, the two nations agreed to "
                    "restore relations. Armenia's prime minister welcomed the move.")
    agreed = [e for e in events_of(rdoc, "AGREE") if e.event_text == "agreed"]
    assert sorted(e.actor.code for e in agreed) == ["ARM", "AZE"]


def test_first_person_words_after_a_name_and_colon_in_a_headline_are_that_persons(annotate):
    rdoc = annotate("Aliyev: We reached an agreement yesterday and I signed it today\n\nAt the meeting in "
                    "Brussels, Azerbaijani President Ilham Aliyev told reporters that nothing had been signed.")
    deals = [e for e in events_of(rdoc, "AGREE") if e.event_text in ("reached an agreement", "signed")]
    assert [(e.actor.text, e.actor.code) for e in deals] == [("We", "AZE"), ("I", "AZE")]


def test_a_backer_named_before_a_truce_is_not_its_party(annotate):
    rdoc = annotate("Thailand and Cambodia agreed to talks. The two armies could not extend the "
                    "UN-backed truce, the envoy said.")
    extend = [e for e in rdoc.events if e.event_text.startswith("extend")]
    assert extend and "UNO" not in {e.actor.code for e in extend}


def test_the_agreement_of_the_parties_is_theirs(annotate):
    rdoc = annotate("Thailand and Cambodia held talks in Kuala Lumpur. The UN chief praised the agreement of "
                    "both parties on a new round.")
    agreements = [e for e in events_of(rdoc, "AGREE") if e.event_text == "agreement"]
    assert agreements and agreements[0].actor.code == "THA"


def test_mediators_named_together_are_no_pair_of_sides(annotate):
    rdoc = annotate("Gabon and Cameroon have fought over the river islands since June. The talks in Accra are "
                    "mediated by Ghana and Senegal. On Friday both sides signed a truce.")
    signed = [e for e in events_of(rdoc, "AGREE") if e.event_text == "signed"]
    assert {e.actor.code for e in signed} == {"GAB", "CMR"}


def test_guarantors_named_in_apposition_are_no_pair_of_sides(annotate):
    rdoc = annotate("Rebels of the Kivu Front have clashed with Congolese troops since May. The guarantors, "
                    "Norway and Cuba, called for calm on Sunday. Both parties agreed to a truce on Monday.")
    assert {e.actor.code for e in events_of(rdoc, "AGREE")} == {"COD"}


def test_a_pair_named_with_its_country_is_not_the_pair_named_before(annotate):
    rdoc = annotate("Chad and Niger signed a trade deal on Monday. In Khartoum, the two Sudanese delegations "
                    "signed a truce on Friday. Warring sides in the conflict in Sudan's Darfur opened talks in Doha.")
    truce = [e for e in events_of(rdoc, "AGREE") if e.trigger_start > rdoc.text.index("Khartoum")]
    assert truce and {e.actor.code for e in truce} == {"SDN"}
    assert {e.actor.code for e in events_of(rdoc, "CONSULT")} == {"SDN"}


def test_coordinated_nationalities_give_one_party_each(annotate):
    rdoc = annotate("Senior Ghanaian and Togolese officials met in Lome on Monday.")
    assert sorted((e.actor.code, e.recipient.code) for e in events_of(rdoc, "CONSULT")) == \
        [("GHA", "TGO"), ("TGO", "GHA")]


def test_a_truce_in_a_report_naming_no_pair_is_of_its_country(annotate):
    rdoc = annotate("Gunmen attacked a police post in northern Mozambique on Monday, officials said. The army "
                    "said it had repelled the attack near Pemba. A truce took effect on Friday.")
    assert [e.actor.code for e in events_of(rdoc, "RETREAT")] == ["MOZ"]


@pytest.mark.parametrize("text, mode", [
    # PLOVER CONSULT modes by who hosts the meeting
    ("Kenya's foreign minister held talks with Ugandan officials in Geneva on Monday.", "third-party"),
    ("Kenya's foreign minister held talks with Ugandan officials in Kampala on Monday.", "visit"),
    ("Ghanaian and Togolese envoys held talks hosted by Norway on Monday.", "third-party"),
    ("The Ugandan army held talks with the rebels under the auspices of the African Union.", "third-party"),
    ("Zambia has for months played a role as a mediator in the talks between the army and the rebels.", "third-party"),
    ("The Malawian speaker, now mediating in these negotiations with the rebels, met the envoy.", "third-party"),
    # a person's meeting with no place of its own is where the report last placed them
    ("Norwegian envoy Kari Lund arrived in Kampala on Monday. She later held talks with Ugandan officials.", "visit"),
])
def test_consult_mode_follows_who_hosts(annotate, text, mode):
    talks = [e for e in events_of(annotate(text), "CONSULT") if e.event_text in ("held talks", "talks", "negotiations")]
    assert talks and {e.mode for e in talks} == {mode}


def test_arriving_to_mediate_is_a_third_party_meeting(annotate):
    rdoc = annotate("The Kenyan envoy arrived in Juba to mediate talks between the army and the rebels.")
    # one act: the visit is the mediation's occasion
    consults = events_of(rdoc, "CONSULT")
    assert consults and {e.mode for e in consults} == {"third-party"} and {e.event_text for e in consults} == {"mediate"}


@pytest.mark.parametrize("text, trigger, modality", [
    # a deal's terms are to come; a proposal's are not in force
    ("The truce agreement requires Kessan troops to withdraw from the valley within 30 days.", "withdraw", "future"),
    ("The proposal requires Kessan troops to withdraw from the valley within 30 days.", "withdraw", "hypothetical"),
    # a clause in the past tells its own time, whatever the main clause's
    ("A truce will take effect on Friday after both sides accepted a plan brokered by Ghana.", "accepted", "asserted"),
    # what a document meets is not what it says; an act in a time phrase is presupposed
    ("The plan coincides with renewed talks in Accra between the army and the rebels.", "talks", "asserted"),
    ("Following a Kenyan request, Uganda is now considering expelling the rebel leaders.", "request", "asserted"),
    # what is agreed to is to come
    ("Chad and Niger agreed on Tuesday to withdraw their troops from the border town.", "withdraw", "future"),
    ("Chad and Niger agreed to a ceasefire starting on Friday.", "ceasefire", "future"),
    # what is arranged to happen
    ("The Kessan government is also to free about 40 rebel prisoners in the coming weeks.", "free", "future"),
    # what is called for in an infinitive the parser hangs as a clause of its own
    ("The draft reaffirms the old border accord, regulates patrols and calls for the Ostran troop withdrawal to "
     "be completed by the end of the year.", "withdrawal", "hypothetical"),
])
def test_modality_of_terms_past_clauses_and_time_phrases(annotate, text, trigger, modality):
    found = [e.modality for e in annotate(text).events if e.event_text == trigger]
    assert found and set(found) == {modality}


@pytest.mark.parametrize("text", [
    "The African Union council will meet on Friday at Ghana's request.",
    "An urgent meeting of the AU council will take place in Accra on Friday at Ghana's request.",
])
def test_a_request_named_as_the_occasion_of_a_meeting_asks_for_the_meeting(annotate, text):
    requests = events_of(annotate(text), "REQUEST")
    assert [(e.actor.code, e.mode) for e in requests] == [("GHA", "meet")]


@pytest.mark.parametrize("sentence, actor, recipient", [
    ("Norway said it would stop mediating between the government and the rebels.", "Norway", None),
    ("Kenya has halted its mediation between Ethiopia and the TPLF, officials said.", "Kenya", None),
    ("Mozambique stopped the talks with the insurgents on Friday.", "Mozambique", "the insurgents"),
])
def test_ending_ones_talks_or_mediation_is_a_withdrawal(annotate, sentence, actor, recipient):
    rdoc = annotate(sentence)
    [withdrawal] = events_of(rdoc, "SANCTION")
    assert (withdrawal.mode, withdrawal.actor.name) == ("withdraw", actor)
    assert (withdrawal.recipient.text if withdrawal.recipient else None) == recipient
    # the verb that ends them is no act of its own, and the talks ended are not held
    assert not events_of(rdoc, "RETREAT") and not events_of(rdoc, "CONSULT")


def test_talks_that_end_by_themselves_are_no_withdrawal(annotate):
    assert not events_of(annotate("The talks in Maputo ended on Friday without a deal, officials said."), "SANCTION")


def test_second_infinitive_takes_the_party_named_before_it(annotate):
    # the parser joins the second party to the first clause; each term still has its own actor
    rdoc = annotate("The deal requires Chadian troops to withdraw from the oasis and the Nigerien army to deploy "
                    "along the frontier, diplomats said.")
    assert [e.actor.text for e in events_of(rdoc, "RETREAT")] == ["Chadian troops"]
    assert [e.actor.text for e in events_of(rdoc, "MOBILIZE")] == ["the Nigerien army"]
    rdoc = annotate("The accord obliges the rebels to disarm and the government to release prisoners.")
    assert sorted(e.actor.text for e in events_of(rdoc, "RETREAT")) == ["the government", "the rebels"]


def test_an_event_noun_takes_the_modality_its_verb_marks(annotate):
    rdoc = annotate("Talks between Chad and Niger are scheduled for Saturday.")
    assert {e.modality for e in events_of(rdoc, "CONSULT")} == {"future"}
    rdoc = annotate("No formal talks between Chad and Niger have taken place since March.")
    assert {e.modality for e in events_of(rdoc, "CONSULT")} == {"negated"}


def test_who_judges_or_handles_a_deal_is_not_its_party(annotate):
    rdoc = annotate("The front's leader, Rosa Quiroga, called the deal a betrayal of the valley's farmers.")
    assert not events_of(rdoc, "AGREE")
    rdoc = annotate("Chad's foreign minister signed the deal in Niamey on Monday.")
    assert [e.actor.text for e in events_of(rdoc, "AGREE")] == ["Chad's foreign minister"]


def test_a_second_saying_joined_to_what_the_first_said_is_the_speakers(annotate):
    rdoc = annotate("A senior Malian army officer said the army had not been consulted and warned that any "
                    "attack on its positions would be met with force.")
    (threat,) = events_of(rdoc, "THREATEN")
    assert threat.actor.text == "A senior Malian army officer" and threat.modality == "asserted"


def test_a_threat_takes_its_mode_from_what_it_threatens(annotate):
    rdoc = annotate("The African Union threatened to suspend aid if the patrols continued.")
    assert [e.mode for e in events_of(rdoc, "THREATEN")] == ["relations"]
    rdoc = annotate("Chad threatened to expel the French ambassador.")
    assert [e.mode for e in events_of(rdoc, "THREATEN")] == ["expel"]


def test_a_tensed_conjunct_does_not_share_the_first_verbs_negation(annotate):
    rdoc = annotate("The rebels said they had not fired a shot and accused the army of inventing the attack.")
    assert [e.modality for e in events_of(rdoc, "ASSAULT")] == ["negated"]
    assert [e.modality for e in events_of(rdoc, "ACCUSE")] == ["asserted"]
    rdoc = annotate("The militia did not attack or kill anyone in the town.")
    assert {e.modality for e in events_of(rdoc, "ASSAULT")} == {"negated"}


def test_the_subject_behind_a_dateline_with_a_date(annotate):
    rdoc = annotate("BAMAKO, Oct 2 - Mali's government and the Azawad Liberation Front exchanged 60 prisoners "
                    "on Tuesday under a deal brokered by Algeria, officials said.")
    assert sorted(e.actor.text for e in events_of(rdoc, "RETREAT")) == ["Mali's government", "the Azawad Liberation Front"]


def test_recalled_envoys_phone_calls_and_a_state_the_tagger_missed(annotate):
    rdoc = annotate("Suriname had expelled Guyana's charge d'affaires on Saturday and recalled its own envoy "
                    "from Georgetown.")
    assert sorted(e.mode for e in events_of(rdoc, "SANCTION")) == ["expel", "withdraw"]
    assert {e.actor.code for e in events_of(rdoc, "SANCTION")} == {"SUR"}
    rdoc = annotate("The presidents of Guyana and Suriname spoke by phone on Monday.")
    calls = events_of(rdoc, "CONSULT")
    assert {e.mode for e in calls} == {"phone"} and {e.actor.code for e in calls} == {"GUY", "SUR"}


def test_an_envoy_due_in_a_capital_the_recogniser_missed_is_a_visit_to_come(annotate):
    rdoc = annotate("The US envoy is due in Niamey on Monday.")
    (visit,) = events_of(rdoc, "CONSULT")
    assert (visit.mode, visit.modality, visit.recipient.code) == ("visit", "future", "NER")


def test_a_date_after_a_verb_is_no_particle_of_it(annotate):
    rdoc = annotate("The Malian premier on Friday called the accord a grave error.")
    assert not events_of(rdoc, "REQUEST")
    rdoc = annotate("Chad called on the rebels on Monday to lay down their arms.")
    assert [e.recipient.text for e in events_of(rdoc, "REQUEST")] == ["the rebels"]


def test_refusing_to_meet_or_mediate_is_a_rejection(annotate):
    rdoc = annotate("The rebels will not meet the government envoy, their spokesman said.")
    assert [(e.actor.text, e.mode) for e in events_of(rdoc, "REJECT")] == [("The rebels", "meet")]
    assert not events_of(rdoc, "CONSULT")
    rdoc = annotate("The rebels did not meet the envoy on Monday.")
    assert [e.modality for e in events_of(rdoc, "CONSULT")] == ["negated"]


def test_naming_something_with_a_word_of_blame_is_disapproval(annotate):
    rdoc = annotate("Bolivia's defence minister called the border accord a grave mistake.")
    (blame,) = events_of(rdoc, "ACCUSE")
    assert (blame.mode, blame.actor.text, blame.event_text) == ("disapprove", "Bolivia's defence minister", "called")
    rdoc = annotate("A Paraguayan senator described the agreement as a disaster for the Chaco.")
    assert [e.actor.text for e in events_of(rdoc, "ACCUSE")] == ["A Paraguayan senator"]
    # a neutral or a glad name is no disapproval
    assert not events_of(annotate("The minister called the accord a first step."), "ACCUSE")
    assert not events_of(annotate("The senator described the agreement as a relief for farmers."), "ACCUSE")


def test_saying_a_party_broke_an_agreement_accuses_it(annotate):
    rdoc = annotate("The Gabonese navy said Cameroonian trawlers had violated the fishing truce.")
    (allegation,) = events_of(rdoc, "ACCUSE")
    assert (allegation.mode, allegation.actor.text, allegation.recipient.code) == ("allege", "The Gabonese navy", "CMR")
    (breach,) = events_of(rdoc, "ASSAULT")  # the breach stays an act of its own, told by the navy
    assert breach.actor.code == "CMR" and breach.source is not None
    # the accused denying it does not undo the allegation
    rdoc = annotate("A Gabonese navy spokesman said Cameroonian trawlers had violated the truce, a charge "
                    "Yaounde denied.")
    assert [e.actor.text for e in events_of(rdoc, "ACCUSE")] == ["A Gabonese navy spokesman"]
    # a breach only supposed, or denied by who is said to have done it, accuses no one
    assert not events_of(annotate("Gabon said it would respond if the trawlers violated the truce."), "ACCUSE")
    assert not events_of(annotate("Cameroon said its trawlers had not violated the truce."), "ACCUSE")


def test_a_vow_to_keep_the_peace_is_a_promise_and_a_vow_to_strike_a_threat(annotate):
    rdoc = annotate("Both governments vowed not to send troops into the disputed valley.")
    assert [e.event for e in rdoc.events if e.event in ("AGREE", "THREATEN")] == ["AGREE"]
    rdoc = annotate("The rebels vowed to respect the truce in Abeche.")
    assert events_of(rdoc, "AGREE") and not events_of(rdoc, "THREATEN")
    rdoc = annotate("The militia vowed to attack the garrison in Abeche.")
    assert events_of(rdoc, "THREATEN") and not events_of(rdoc, "AGREE")


def test_retaliating_is_striking_back_and_warning_of_it_a_threat(annotate):
    rdoc = annotate("Niger has retaliated against the rebels' drone attacks on Agadez.")
    assert [e.actor.text for e in events_of(rdoc, "ASSAULT") if e.event_text == "retaliated"] == ["Niger"]
    assert not events_of(rdoc, "THREATEN")
    rdoc = annotate("The rebels warned that they would retaliate against any strike on Agadez.")
    assert [e.actor.text for e in events_of(rdoc, "THREATEN")] == ["The rebels"]


def test_leading_a_delegation_or_observing_talks_is_taking_part_in_them(annotate):
    rdoc = annotate("Colonel Ahmat Kosso led the rebels' delegation in Doha.")
    assert [e.actor.text for e in events_of(rdoc, "CONSULT")] == ["Colonel Ahmat Kosso"]
    rdoc = annotate("Diplomats from Norway will observe the talks in Abeche.")
    assert {e.mode for e in events_of(rdoc, "CONSULT")} == {"third-party"}


def test_captives_released_in_the_passive_are_the_released_not_the_releasers(annotate):
    # with no releaser named there is no party to code the release for (never the captives)
    rdoc = annotate("The rebels said 150 detainees had been released under the swap.")
    assert not [e for e in events_of(rdoc, "RETREAT") if e.actor is not None and "detainees" in e.actor.text]
    rdoc = annotate("Forty soldiers were freed by the rebels on Tuesday.")
    assert [e.actor.text for e in events_of(rdoc, "RETREAT")] == ["the rebels"]


def test_a_states_protest_is_a_diplomatic_disapproval_and_closing_a_border_a_restriction(annotate):
    rdoc = annotate("Guyana's foreign ministry summoned Suriname's ambassador on Monday over the river clash.")
    assert [(e.event, e.mode) for e in rdoc.events] == [("ACCUSE", "disapprove")]
    rdoc = annotate("Suriname's foreign ministry protested the arrest of its fishermen.")
    assert [(e.event, e.mode) for e in rdoc.events if e.event_text == "protested"] == [("ACCUSE", "disapprove")]
    rdoc = annotate("Hundreds of farmers protested in Paramaribo on Sunday.")
    assert [e.event for e in rdoc.events if e.event_text == "protested"] == ["PROTEST"]
    rdoc = annotate("Brazil closed its border crossing at Pacaraima on Tuesday.")
    assert [(e.event, e.mode) for e in rdoc.events] == [("COERCE", "restrict")]


def test_a_meeting_that_is_the_purpose_of_a_visit_is_the_visit(annotate):
    rdoc = annotate("The Nigerien envoy landed in Ndjamena on Monday to take part in the talks.")
    assert [e.event_text for e in events_of(rdoc, "CONSULT")] == ["landed"]
    # the meeting named as the visit's purpose is kept, with whom it is held
    rdoc = annotate("The Nigerien envoy flew to Ndjamena on Monday to meet President Deby.")
    assert [(e.event_text, e.recipient.text) for e in events_of(rdoc, "CONSULT")] == [("meet", "President Deby")]


def test_a_deal_or_truce_named_as_a_subject_is_no_agreement(annotate):
    rdoc = annotate("Mediators in Niamey reported little movement on a truce deal between Chad and the rebels.")
    assert not events_of(rdoc, "AGREE")
    rdoc = annotate("Niger sent the speaker a document regarding a truce between Chad and the rebels.")
    assert not events_of(rdoc, "AGREE") and not events_of(rdoc, "RETREAT")
    # agreeing on one is still the agreement and the truce agreed to
    rdoc = annotate("Chad and the rebels agreed on a truce on Monday.")
    assert events_of(rdoc, "AGREE")


def test_a_proposal_examined_or_received_is_a_text_not_a_new_proposal(annotate):
    rdoc = annotate("The rebel leader said he had examined the Nigerien proposal for a truce.")
    assert not events_of(rdoc, "REQUEST")
    # presenting one is proposing
    rdoc = annotate("Niger presented a proposal for a truce to the rebel leader on Monday.")
    assert [e.actor.text for e in events_of(rdoc, "REQUEST")] == ["Niger"]


def test_both_sides_of_a_civil_war_named_long_before_are_still_the_pair(annotate):
    filler = " ".join(["Aid agencies said the road to the camps was closed and food prices had doubled."] * 10)
    rdoc = annotate("Talks between Chad's army and the Kestrel Front stalled on Tuesday. " + filler +
                    " The UN envoy urged both sides to agree to a truce.")
    assert sorted(e.recipient.text for e in events_of(rdoc, "REQUEST")) == ["Chad's army", "the Kestrel Front"]


def test_what_an_actor_strives_for_is_an_aim_not_an_act(annotate):
    rdoc = annotate("Togo's president is pursuing a truce between the herders and the army.")
    assert not events_of(rdoc, "RETREAT") and not events_of(rdoc, "AGREE")
    rdoc = annotate("Efforts to free the kidnapped engineers have stalled, Benin's foreign minister said.")
    assert not events_of(rdoc, "RETREAT")
    rdoc = annotate("Ghana sent two envoys to Lome to broker a deal between the herders and the army.")
    assert not events_of(rdoc, "AGREE")
    # a success told as done is the act; a proposal's aim is one of its terms
    rdoc = annotate("Ghana secured the release of the kidnapped engineers on Friday.")
    assert [e.actor.text for e in events_of(rdoc, "RETREAT")] == ["Ghana"]
    rdoc = annotate("Benin put forward a plan aimed at freeing the engineers held by the militia.")
    assert [e.modality for e in events_of(rdoc, "RETREAT")] == ["hypothetical"]
    rdoc = annotate("Qatari mediators managed to secure the release of the engineers held by the militia.")
    assert [e.modality for e in events_of(rdoc, "RETREAT")] == ["asserted"]


def test_a_verb_joined_to_one_of_the_same_act_tells_it_again(annotate):
    rdoc = annotate("Benin's army will mobilize and deploy along the river next week.")
    assert len(events_of(rdoc, "MOBILIZE")) == 1
    # each verb with its own matter, or its own auxiliary, is an act of its own
    rdoc = annotate("The rebels shelled the depot on Monday and will shell the bridge next.")
    assert len(events_of(rdoc, "ASSAULT")) == 2


def test_handing_over_a_reply_is_no_proposal_and_meeting_a_commitment_no_meeting(annotate):
    rdoc = annotate("The junta in Niamey submitted its response to the Algerian plan on Sunday.")
    assert not events_of(rdoc, "REQUEST")
    rdoc = annotate("The junta in Niamey submitted a plan for a transition on Sunday.")
    assert [e.actor.text for e in events_of(rdoc, "REQUEST")] == ["The junta in Niamey"]
    # meeting an obligation is fulfilling it
    rdoc = annotate("The junta in Niamey says it has met the conditions of the Algerian plan.")
    assert not events_of(rdoc, "CONSULT")


def test_talks_pursued_are_held(annotate):
    rdoc = annotate("Benin is pursuing talks with the militia in Parakou this week.")
    assert [e.actor.text for e in events_of(rdoc, "CONSULT")] == ["Benin"]


def test_relief_from_sanctions_is_easing_them(annotate):
    rdoc = annotate("Washington could offer relief from sanctions if Caracas frees the prisoners.")
    assert [(e.event, e.mode) for e in rdoc.events if e.event_text == "offer relief"] == [("RETREAT", "ease")]


def test_a_negative_subject_negates_the_act(annotate):
    rdoc = annotate("Neither side will shell the river towns, the Malian army said.")
    assert [e.modality for e in events_of(rdoc, "ASSAULT")] == ["negated"]
    rdoc = annotate("\"Not a single shell was fired by our soldiers,\" a Malian army spokesman said.")
    assert [e.modality for e in events_of(rdoc, "ASSAULT")] == ["negated"]


def test_a_warning_that_holds_no_act_is_a_forecast(annotate):
    rdoc = annotate("Mali's junta warned on Sunday that the truce could still collapse.")
    assert not events_of(rdoc, "THREATEN")
    rdoc = annotate("Mali's junta warned on Sunday that it would shell the rebel camps.")
    assert [e.actor.code for e in events_of(rdoc, "THREATEN")] == ["MLI"]


def test_a_deal_broken_is_no_new_agreement(annotate):
    rdoc = annotate("Mali's junta said on Sunday that the rebels would be punished if they violated the agreement.")
    assert not events_of(rdoc, "AGREE")


def test_a_state_and_a_group_of_one_country_are_each_others_other_side(annotate):
    rdoc = annotate("Togo's army and the Kara Liberation Front fought near Sokode for a month. "
                    "On Thursday the army shelled villages north of the town.")
    shelling = [e for e in events_of(rdoc, "ASSAULT") if e.event_text == "shelled"]
    assert [e.recipient.text for e in shelling] == ["the Kara Liberation Front"]


def test_talks_named_after_a_town_are_held_there_not_by_it(annotate):
    rdoc = annotate("Chad's army and the Kestrel Front resumed talks on Monday. An envoy back from the Doha "
                    "talks expects a deal by June.")
    assert not [e for e in events_of(rdoc, "CONSULT") if e.actor is not None and e.actor.text == "Doha"]


def test_people_blocking_a_road_obstruct_it_and_police_blocking_one_restrict_movement(annotate):
    rdoc = annotate("Bolivian farmers blocked the highway to Oruro on Saturday. Police blocked a bridge near La Paz "
                    "on Sunday.")
    assert [(e.event, e.mode) for e in rdoc.events] == [("PROTEST", "obstruct"), ("COERCE", "restrict")]


def test_a_deal_a_relative_clause_says_two_sides_struck_is_their_agreement(annotate):
    """The parser labels some relative clauses `acl`; the clause's verb acts on the noun it
    hangs on, and the clause tells its own act beside the one that handles the deal."""
    rdoc = annotate("Beninese ministers on Friday endorsed the accord that the government and the herders' "
                    "union struck in Parakou on Wednesday.")
    agreements = events_of(rdoc, "AGREE")
    assert [e.actor.text for e in agreements][:1] == ["Beninese ministers"]
    assert {e.actor.text for e in agreements[1:]} == {"the government", "the herders' union"}
    assert not events_of(rdoc, "ASSAULT")


@pytest.mark.parametrize("text, event_type, mode", [
    ("Gabon's senate voted on Friday in favour of the border accord with Equatorial Guinea.", "AGREE", None),
    ("The Gabonese army mobilised two brigades along the border on Friday.", "MOBILIZE", "troops"),
    ("Equatorial Guinea's government said it would honour the truce with Gabon.", "AGREE", None),
])
def test_british_spellings_code_as_american_ones(annotate, text, event_type, mode):
    assert [(e.event, e.mode) for e in events_of(annotate(text), event_type)][:1] == [(event_type, mode)]


def test_leaving_the_positions_one_holds_is_a_withdrawal(annotate):
    rdoc = annotate("Under the plan, Gabonese troops would leave several villages near the river and the "
                    "militia would quit its bases in the hills.")
    assert [(e.actor.text, e.mode) for e in events_of(rdoc, "RETREAT")] == [
        ("Gabonese troops", "withdraw"), ("the militia", "withdraw")]


def test_an_act_alleged_by_an_accusation_is_the_accused_partys_with_the_accuser_as_source(annotate):
    rdoc = annotate("Chadian officials accused Nigerien forces of shelling two villages near the border on "
                    "Sunday, killing at least 14 civilians.")
    [accusation] = events_of(rdoc, "ACCUSE")
    assert (accusation.actor.text, accusation.recipient.text) == ("Chadian officials", "Nigerien forces")
    assaults = events_of(rdoc, "ASSAULT")
    assert [e.event_text for e in assaults] == ["shelling", "killing"]
    assert {(e.actor.text, e.source.text, e.source.type) for e in assaults} == {
        ("Nigerien forces", "Chadian officials", "anonymous")}


def test_who_brokers_a_deal_is_not_its_party(annotate):
    rdoc = annotate("Angola's president, who brokered the accord, is expected to visit Kinshasa next week.")
    assert not events_of(rdoc, "AGREE")
    assert [e.mode for e in events_of(rdoc, "CONSULT")][:1] == ["third-party"]
    rdoc = annotate("Angola brokered a deal between Chad and Niger on Tuesday.")
    assert [(e.actor.text, e.recipient.text) for e in events_of(rdoc, "AGREE")] == [("Chad", "Niger")]


def test_a_second_saying_reports_its_own_content_not_the_first_demands(annotate):
    rdoc = annotate("\"Niger must withdraw every soldier,\" Mahamat said, adding that N'Djamena would not release "
                    "captured Nigerien fighters until the withdrawal was complete.")
    assert [e.event for e in rdoc.events if e.event_text == "said"] == ["REQUEST"]
    [refusal] = [e for e in rdoc.events if e.event_text == "release"]
    assert (refusal.event, refusal.actor.code) == ("REJECT", "TCD")


def test_an_act_denied_is_told_negated_on_no_day_of_its_own(annotate):
    rdoc = annotate("Rwanda's foreign ministry said on Tuesday, denying that its troops had fired on the villages.")
    [denied] = [e for e in rdoc.events if e.event_text == "fired"]
    assert (denied.event, denied.modality, denied.actor.code, denied.date) == ("ASSAULT", "negated", "RWA", None)


def test_captives_freed_in_a_headline_are_not_their_own_releasers(annotate):
    rdoc = annotate("Guyana says Surinamese crew freed after boat incident\n\nGuyana released the crew on Tuesday.")
    assert [(e.actor.code, e.event_text) for e in events_of(rdoc, "RETREAT")] == [("GUY", "released")]
