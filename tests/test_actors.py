"""The actors component on short news-style texts written for these tests (real spaCy model)."""
import pytest

from storyline.actors import coref
from storyline.models import ActorMention, Report
from storyline.pipeline import Pipeline


@pytest.fixture(scope="module")
def pipeline():
    return Pipeline(overrides={"nlp.pipeline": ["actors"]})


def annotate(pipeline, text, published="2024-11-18"):
    return pipeline.annotate(Report(id="t", text=text, published=published))


def find(rdoc, text):
    return next(m for m in rdoc.actors if m.text == text)


def test_offsets_exact_and_ordered(pipeline):
    rdoc = annotate(pipeline, "Israeli troops shelled two villages on Monday, and Hezbollah fired rockets "
                              "at Haifa, a Lebanese security official said.")
    assert [m.text for m in rdoc.actors] == ["Israeli troops", "Hezbollah", "a Lebanese security official"]
    for m in rdoc.actors:
        assert rdoc.text[m.start:m.end] == m.text
    assert all(a.end <= b.start for a, b in zip(rdoc.actors, rdoc.actors[1:]))


def test_misspelled_surname_joins_the_person_named_in_full(pipeline):
    rdoc = annotate(pipeline, "Ghanaian Foreign Minister Samuel Okudzeto Ablakwa told reporters in Accra that "
                              "the border plan was acceptable. Ablakwah later met the army commander.")
    again = find(rdoc, "Ablakwah")
    assert (again.name, again.code, again.sector) == ("Samuel Okudzeto Ablakwa", "GHA", "GOV")


def test_descriptors_resolve_to_country_and_sector(pipeline):
    rdoc = annotate(pipeline, "A senior US official said Israeli ground forces would pull back, while "
                              "Lebanese authorities asked protesters to leave the square.")
    assert (find(rdoc, "A senior US official").code, find(rdoc, "A senior US official").sector) == ("USA", "GOV")
    assert (find(rdoc, "Israeli ground forces").code, find(rdoc, "Israeli ground forces").sector) == ("ISR", "MIL")
    assert (find(rdoc, "Lebanese authorities").code, find(rdoc, "Lebanese authorities").sector) == ("LBN", "GOV")
    assert find(rdoc, "protesters").sector == "CVL"


def test_later_mentions_inherit_what_the_report_says_first(pipeline):
    rdoc = annotate(pipeline, "Ghana's Foreign Minister Samuel Okudzeto Ablakwa met his Ivorian counterpart Leon "
                              "Kacou Adom in Accra. Ablakwa told reporters the meeting was productive.")
    ablakwa = find(rdoc, "Ablakwa")
    assert (ablakwa.name, ablakwa.code, ablakwa.sector) == ("Samuel Okudzeto Ablakwa", "GHA", "GOV")
    assert find(rdoc, "his Ivorian counterpart").code == "CIV"


def test_pronoun_corefers_with_last_person(pipeline):
    rdoc = annotate(pipeline, "Kenyan envoy Wanjiru Kamau arrived in Juba on Tuesday. She met the vice "
                              "president for two hours.")
    she = find(rdoc, "She")
    assert she.name == "Wanjiru Kamau" and she.evidence == "coreference" and she.code == "KEN"
    assert rdoc.actors[she.antecedent].name == "Wanjiru Kamau"


def test_title_corefers_with_named_holder(pipeline):
    rdoc = annotate(pipeline, "Malawian Parliament Speaker Catherine Gotani Hara received the draft on Thursday. "
                              "The speaker said the committee had no objections.")
    speaker = find(rdoc, "The speaker")
    assert speaker.name == "Catherine Gotani Hara" and (speaker.code, speaker.sector) == ("MWI", "LEG")


def test_group_member_takes_the_group_identity(pipeline):
    rdoc = annotate(pipeline, "The Polisario Front accused Morocco of violating the truce. The group's "
                              "secretary-general, Brahim Ghali, said the movement would resume attacks.")
    front = find(rdoc, "The Polisario Front")
    ghali = find(rdoc, "Brahim Ghali")
    assert front.sector == "REB" and ghali.sector == "REB" and ghali.code == front.code
    assert find(rdoc, "The group's secretary-general").name == "Brahim Ghali"
    # the possessive pronoun's title, which the parser splits at its hyphen, is the same title
    rdoc = annotate(pipeline, "The Kestrel Front accused Chad of violating the truce. Its secretary-general, "
                              "Idriss Kaba, said the movement would resume attacks.")
    kaba = find(rdoc, "Idriss Kaba")
    assert (kaba.code, kaba.sector) == ("TCD", "REB") and find(rdoc, "Its secretary-general").name == "Idriss Kaba"


def test_a_group_named_by_its_head_word_is_the_body_of_that_name(pipeline):
    # a town the NER takes for an organisation, named where a place stands, is neither an actor
    # nor the body "the front" refers to
    rdoc = annotate(pipeline, "The Valley Farmers Front, a movement on the Bolivian side of the river, said its "
                              "members would block the highway to Villamontes. The front's leader, Ana Quiroga, "
                              "called the accord a betrayal.")
    assert "Villamontes" not in [m.text for m in rdoc.actors]
    leader = find(rdoc, "The front's leader")
    assert (leader.name, leader.code, leader.sector) == ("Ana Quiroga", "BOL", "REB")


def test_a_bare_group_noun_refers_to_the_body_whose_name_it_ends(pipeline):
    rdoc = annotate(pipeline, "The Chaco Farmers Front and the Guarani People's Alliance met on Monday. The "
                              "alliance said it would join the talks, and the front said it would not.")
    alliance, front = rdoc.actors[1], rdoc.actors[0]
    assert "Alliance" in alliance.name and "Front" in front.name
    assert find(rdoc, "The alliance").name == alliance.name
    assert find(rdoc, "the front").name == front.name


def test_an_officer_takes_the_country_written_before_it(pipeline):
    rdoc = annotate(pipeline, "A senior Bolivian officer said the border was calm. An officer in the town said so too.")
    officer = find(rdoc, "A senior Bolivian officer")
    assert (officer.kind, officer.code) == ("person", "BOL")
    assert "An officer" not in [m.text for m in rdoc.actors]  # no country, no body: no actor


def test_people_from_both_sides_are_of_the_country_both_share(pipeline):
    rdoc = annotate(pipeline, "Paraguay and Bolivia agreed to resume talks in Brasilia, officials from both countries said.")
    assert find(rdoc, "officials").code is None  # of two countries, and not of the host
    rdoc = annotate(pipeline, "The Malian government and the rebels agreed to stop fighting. Negotiators from both "
                              "sides met in Algiers.")
    assert find(rdoc, "Negotiators").code == "MLI"


def test_forces_from_a_region_are_of_its_country_not_its_army(pipeline):
    rdoc = annotate(pipeline, "Militias from Tigray clashed with federal troops near the border on Sunday.")
    forces = next(m for m in rdoc.actors if m.text.startswith("Militias"))
    assert (forces.code, forces.sector) == ("ETH", "REB")


def test_a_mediator_named_last_does_not_place_the_parties_people(pipeline):
    rdoc = annotate(pipeline, "Chad's government and the rebels exchanged 120 prisoners under a deal brokered by "
                              "Niger. The rebels freed 40 soldiers captured near Faya in July.")
    assert find(rdoc, "40 soldiers").code == "TCD"


def test_a_compass_word_and_a_demonym_name_a_country_or_none(pipeline):
    rdoc = annotate(pipeline, "South Sudanese troops crossed the border. Peru said on Monday that the South "
                              "American country's army would leave the border area.")
    assert find(rdoc, "South Sudanese troops").code == "SSD"
    assert find(rdoc, "the South American country's army").code == "PER"


def test_it_stands_for_a_party_whose_stance_it_states(pipeline):
    rdoc = annotate(pipeline, "Senegal, which borders both countries, said it was ready to host the talks. "
                              "Ghana said it is unclear whether the talks will resume.")
    assert [(m.text, m.code) for m in rdoc.actors if m.text == "it"] == [("it", "SEN")]


def test_a_nationality_and_a_known_group_before_one_noun_are_two_sides(pipeline):
    rdoc = annotate(pipeline, "Israeli and Hamas negotiators are due in Doha on Monday.")
    assert [(m.text, m.code, m.sector) for m in rdoc.actors][:2] == [
        ("Israeli", "ISR", "GOV"), ("Hamas negotiators", "PSE", "REB")]


def test_a_settlement_reached_is_no_actor(pipeline):
    rdoc = annotate(pipeline, "The African Union urged the two governments to reach a lasting settlement.")
    assert "a lasting settlement" not in [m.text for m in rdoc.actors]


def test_acronym_and_region_give_a_new_group_its_identity(pipeline):
    rdoc = annotate(pipeline, "The Cabo Delgado Liberation Front (CDLF) said its fighters had withdrawn. "
                              "CDLF spokesman Amade Issa said Zambezian forces would hold their positions.")
    spokesman = find(rdoc, "CDLF spokesman Amade Issa")
    assert (spokesman.code, spokesman.sector) == ("MOZ", "REB")
    assert (find(rdoc, "Zambezian forces").code, find(rdoc, "Zambezian forces").sector) == ("MOZ", "REB")


def test_place_of_talks_is_not_a_party_country(pipeline):
    rdoc = annotate(pipeline, "Kenyan President William Ruto hosted talks between the Ugandan army and the rebels "
                              "in Nairobi.")
    rebels = next(m for m in rdoc.actors if m.text.startswith("the rebels"))
    assert rebels.code == "UGA" and rebels.sector == "REB"
    rdoc = annotate(pipeline, "Mozambique and the insurgents reached a deal on Friday.")
    assert find(rdoc, "the insurgents").code == "MOZ"


def test_a_town_the_recogniser_takes_for_a_person_is_a_place_where_a_place_stands(pipeline):
    rdoc = annotate(pipeline, "Senegal's government and the rebels signed a truce in Bissau on Wednesday. "
                              "Officials from Bissau said the talks went well.")
    assert "Bissau" not in [m.text for m in rdoc.actors]
    assert find(rdoc, "Officials from Bissau").code == "GNB"


def test_named_stranger_without_descriptor_stays_unknown(pipeline):
    rdoc = annotate(pipeline, "Talks opened in Nairobi on Monday. Tendai Moyo said nothing had been agreed.")
    assert [(m.text, m.kind, m.code) for m in rdoc.actors] == [("Tendai Moyo", "person", None)]


def test_unknown_person_kept_with_null_code(pipeline):
    rdoc = annotate(pipeline, "Farouk Zaydani, a shopkeeper, said he had not slept for three nights.")
    unknown = find(rdoc, "Farouk Zaydani")
    assert unknown.code is None and unknown.kind == "person"


def test_city_as_actor_is_government(pipeline):
    rdoc = annotate(pipeline, "Beirut responded positively to the proposal, officials said.")
    beirut = find(rdoc, "Beirut")
    assert (beirut.code, beirut.sector) == ("LBN", "GOV")
    rdoc = annotate(pipeline, "Cameroon walked out of the talks, accusing Libreville of arresting its nationals. "
                              "Gabonese jets later bombed Yaounde.")
    assert (find(rdoc, "Libreville").code, find(rdoc, "Libreville").sector) == ("GAB", "GOV")
    assert "Yaounde" not in [m.text for m in rdoc.actors]  # a city struck is a place


def test_photo_credits_and_bylines_are_not_actors(pipeline):
    rdoc = annotate(pipeline, "Smoke rises over the southern suburbs of Beirut after an Israeli strike on Monday. "
                              "- Karim Haddad/Reuters\n\n"
                              "Malian Foreign Minister Ibrahim Toure met the French envoy in Bamako on Tuesday.\n\n"
                              "(Reporting by Maria Lindqvist; Editing by Paul Okafor)\n\n"
                              "CNN's Daniel Weber and Sara Quinn contributed reporting.")
    names = {m.text for m in rdoc.actors}
    for credited in ("Karim Haddad", "Reuters", "Maria Lindqvist", "Paul Okafor", "CNN", "Daniel Weber", "Sara Quinn"):
        assert not any(credited in n for n in names), credited
    assert "Malian Foreign Minister Ibrahim Toure" in names


def test_its_does_not_refer_to_a_news_outlet(pipeline):
    rdoc = annotate(pipeline, "Hezbollah rejected the draft, Al Jazeera reported, adding that its fighters "
                              "would stay south of the river.")
    its = find(rdoc, "its fighters")
    assert (its.code, its.sector) == ("LBN", "REB")


def test_offices_belong_to_their_owner(pipeline):
    rdoc = annotate(pipeline, "Armenian Prime Minister Nikol Pashinyan met the cabinet on Sunday. The prime "
                              "minister's office said the vote would be held later. The office of the Armenian "
                              "Prime Minister did not comment. A spokesman for the Hamas political office in "
                              "Doha rejected the plan.")
    for text in ("The prime minister's office", "The office of the Armenian Prime Minister"):
        assert (find(rdoc, text).code, find(rdoc, text).sector) == ("ARM", "GOV"), text
    hamas_office = find(rdoc, "the Hamas political office")
    assert (hamas_office.code, hamas_office.sector) == ("PSE", "REB")


def test_diplomats_are_of_the_sending_country(pipeline):
    rdoc = annotate(pipeline, "Staff at the French embassy in Nairobi were told to stay home. Kenyan ambassador "
                              "to Uganda Grace Achieng handed the proposal to the speaker.")
    embassy = find(rdoc, "the French embassy in Nairobi")
    assert (embassy.code, embassy.sector) == ("FRA", "GOV")
    achieng = next(m for m in rdoc.actors if m.text.endswith("Grace Achieng"))
    assert (achieng.code, achieng.sector) == ("KEN", "GOV")


def test_coordinated_nationalities_give_one_mention_each(pipeline):
    rdoc = annotate(pipeline, "Israeli and US officials said the truce plan was nearly ready.")
    by_name = {m.name: m for m in rdoc.actors}
    assert (by_name["Israeli officials"].code, by_name["Israeli officials"].sector) == ("ISR", "GOV")
    assert (by_name["US officials"].code, by_name["US officials"].sector) == ("USA", "GOV")


def test_counterpart_takes_its_own_nationality(pipeline):
    rdoc = annotate(pipeline, "Kenyan President William Ruto received his visiting Ugandan "
                              "counterpart in Nairobi on Sunday.")
    counterpart = find(rdoc, "his visiting Ugandan counterpart")
    assert (counterpart.code, counterpart.sector) == ("UGA", "GOV")


def test_title_inside_a_name_entity(pipeline):
    rdoc = annotate(pipeline, "Lebanon's Caretaker PM Najib Mikati told reporters the troops could move south soon.")
    mikati = next(m for m in rdoc.actors if "Mikati" in m.text)
    assert (mikati.name, mikati.code, mikati.sector, mikati.kind) == ("Najib Mikati", "LBN", "GOV", "person")


def test_institution_without_country_takes_it_from_context(pipeline):
    rdoc = annotate(pipeline, "Israeli jets hit targets in Gaza overnight. The military said the raids "
                              "were aimed at militants.")
    assert find(rdoc, "The military").code == "ISR"
    # Named before any state: the state the report names most often.
    rdoc = annotate(pipeline, "The security cabinet met on Tuesday evening. Israel has said the deal with "
                              "Lebanon protects Israel's north.")
    cabinet = find(rdoc, "The security cabinet")
    assert (cabinet.code, cabinet.sector) == ("ISR", "GOV")
    rdoc = annotate(pipeline, "Sisi, whose government has led the mediation, met the envoy in Cairo.")
    assert find(rdoc, "whose government").code == "EGY"


def test_city_acts_as_possessor_of_an_act_or_passive_agent(pipeline):
    rdoc = annotate(pipeline, "The envoy handed over Washington's written proposal, which was later "
                              "rejected by Beirut.")
    washington, beirut = find(rdoc, "Washington"), find(rdoc, "Beirut")
    assert (washington.code, washington.sector) == ("USA", "GOV")
    assert (beirut.code, beirut.sector) == ("LBN", "GOV")
    rdoc = annotate(pipeline, "Israeli jets struck Beirut's southern suburbs overnight.")
    assert [m.code for m in rdoc.actors] == ["ISR"]  # who struck; the city is only where


def test_it_refers_to_an_acting_body_only(pipeline):
    rdoc = annotate(pipeline, "Israel's military said it struck weapons depots in southern Lebanon.")
    it = find(rdoc, "it")
    assert (it.code, it.sector) == ("ISR", "MIL")
    rdoc = annotate(pipeline, "Hezbollah fired rockets at Haifa. It remains unclear whether anyone was hurt.")
    assert [m.text for m in rdoc.actors] == ["Hezbollah"]


def test_unknown_name_takes_affiliation_of_its_apposition(pipeline):
    rdoc = annotate(pipeline, "Dana Karimova, an adviser to the U.S. Embassy in Kampala, expects the border "
                              "dialogue to go on.")
    assert find(rdoc, "Dana Karimova").code == "USA"


def test_hyphenated_parties_are_two_mentions(pipeline):
    rdoc = annotate(pipeline, "The Ethiopia-Eritrea truce holds from Friday noon, Putin says.")
    assert {(m.text, m.code) for m in rdoc.actors} >= {("Ethiopia", "ETH"), ("Eritrea", "ERI")}


def test_title_case_datelines_are_not_actors(pipeline):
    for dateline in ("Lusaka, Mar 3: ", "Doha, Qatar (Reuters) - ", "LILONGWE - "):
        rdoc = annotate(pipeline, dateline + "The Malawian delegation signed the accord at a ceremony.")
        assert [(m.text, m.code) for m in rdoc.actors] == [("The Malawian delegation", "MWI")], dateline


def test_modifiers_and_name_heads_give_the_sector(pipeline):
    rdoc = annotate(pipeline, "A Sudanese government source said Chad's Sahel News had misreported the talks. "
                              "Then-president Idriss Deby had hosted an earlier round.")
    source = find(rdoc, "A Sudanese government source")
    assert (source.code, source.sector) == ("SDN", "GOV")
    outlet = next(m for m in rdoc.actors if "Sahel News" in m.text)
    assert (outlet.code, outlet.sector) == ("TCD", "JRN")
    deby = next(m for m in rdoc.actors if "Deby" in m.text)
    assert deby.sector == "ELI"


def test_capital_that_acts_is_its_government_and_a_state_behind_a_capitalised_word(pipeline):
    rdoc = annotate(pipeline, "Rwanda was accused of arming the rebels. Kigali rejected the accusation on Monday. "
                              "Neighbouring Burundi condemned the raid.")
    kigali = find(rdoc, "Kigali")
    assert (kigali.code, kigali.sector) == ("RWA", "GOV")
    assert next(m for m in rdoc.actors if m.text.endswith("Burundi")).code == "BDI"
    rdoc = annotate(pipeline, "Burundian shells fell on Kigali overnight.")
    assert [m.code for m in rdoc.actors] == ["BDI"]  # the city is where they fell, not who fired
    # a capital joined to one that acts acts with it
    rdoc = annotate(pipeline, "Kigali and Bujumbura agreed on Monday to reopen the border.")
    assert [(m.text, m.code) for m in rdoc.actors] == [("Kigali", "RWA"), ("Bujumbura", "BDI")]


def test_where_talks_are_held_weighs_less_than_where_fighting_is(pipeline):
    rdoc = annotate(pipeline, "Talks on the border war resumed in Nairobi on Monday. Kenyan officials said the "
                              "rebels had attacked Kampala and Entebbe. The rebels denied it.")
    rebels = [m for m in rdoc.actors if m.text.lower() == "the rebels"]
    assert rebels and {m.code for m in rebels} == {"UGA"}


def test_titles_set_beside_names_and_bodies_named_after_organisations(pipeline):
    rdoc = annotate(pipeline, "The mediator invited the President of Gabon, Paul Mbeki, and the Prime Minister "
                              "of Chad, Idris Nkosi, to the talks. The United Nations Mission in Sudan welcomed it.")
    assert (find(rdoc, "Paul Mbeki").code, find(rdoc, "Idris Nkosi").code) == ("GAB", "TCD")
    mission = next(m for m in rdoc.actors if "United Nations Mission" in m.text)
    assert mission.code == "UNO"


def test_a_group_named_by_a_word_keeps_it_for_its_people(pipeline):
    rdoc = annotate(pipeline, "Sudan's Darfuri Zaghawa fighters said on Sunday they would stop attacks. The "
                              "Zaghawas, who have fought the army for years, said the pause would hold. Senior "
                              "Zaghawa commander Musa Idris said the group would respond to any attack by Chad.")
    again = next(m for m in rdoc.actors if m.text.endswith("Zaghawas"))
    commander = next(m for m in rdoc.actors if m.text.endswith("Musa Idris"))
    assert (again.code, commander.code) == ("SDN", "SDN")
    assert commander.sector == "REB"


def test_region_words_and_leaders_of_bodies(pipeline):
    rdoc = annotate(pipeline, "The letter was sent to Tesfaye Alemu, who leads the Amhara Liberation Front. "
                              "A Darfur Resistance Movement spokesman denied it.")
    assert find(rdoc, "the Amhara Liberation Front").code == "ETH"
    assert find(rdoc, "Tesfaye Alemu").code == "ETH"
    assert next(m for m in rdoc.actors if "Darfur" in m.text).code == "SDN"


def test_names_the_ner_missed_or_mislabelled(pipeline):
    rdoc = annotate(pipeline, "Chad's government met the Sudanese Revolutionary Front (SRF) in Doha. The "
                              "SRF said it would return. Chief government negotiator Ousmane Tandia Diallo said the "
                              "Three Kingdoms Alliance had not been invited.")
    assert find(rdoc, "The SRF").code == "SDN"
    diallo = next(m for m in rdoc.actors if m.text.endswith("Diallo"))
    assert (diallo.kind, diallo.sector) == ("person", "GOV")
    assert find(rdoc, "the Three Kingdoms Alliance").kind == "organization"


def test_people_from_a_body_or_a_state_named_formally(pipeline):
    rdoc = annotate(pipeline, "Peace talks opened in Lome on Monday. Representatives from the Malian government "
                              "attended. Officials from the Kingdom of Morocco joined them on Tuesday.")
    representatives = find(rdoc, "Representatives")
    assert (representatives.code, representatives.sector) == ("MLI", "GOV")
    assert next(m for m in rdoc.actors if m.text.startswith("Officials")).code == "MAR"


def test_office_holders_of_international_bodies_are_people(pipeline):
    rdoc = annotate(pipeline, "UN Secretary-General Kofi Annan urged restraint. Annan said talks must resume.",
                    published="2004-05-01")
    assert {m.kind for m in rdoc.actors if "Annan" in m.text} == {"person"}


def test_a_member_of_a_body_takes_the_place_context_gives_the_body(pipeline):
    rdoc = annotate(pipeline, "Fighting raged near Lashio in Shan State. \"We will keep fighting,\" said Mai Aung "
                              "Kyaw of the Palaung Liberation Army.")
    member = find(rdoc, "Mai Aung Kyaw")
    assert (member.code, member.sector) == ("MMR", "REB")


def test_a_defined_acronym_names_the_body_its_members_belong_to(pipeline):
    rdoc = annotate(pipeline, "Paraguay's government and the Revolutionary Front of the South [FRS] guerrilla "
                              "group on Monday resumed peace talks in Havana. FRS leader Marco Duarte said the "
                              "group wanted a truce. Officials issued arrest warrants for FRS negotiators. The "
                              "Paraguayan delegation and the FRS delegation met again on Tuesday.")
    for text in ("FRS leader Marco Duarte", "FRS negotiators", "the FRS delegation"):
        assert (find(rdoc, text).code, find(rdoc, text).sector) == ("PRY", "REB"), text
    assert find(rdoc, "The Paraguayan delegation").sector == "GOV"


def test_a_mediator_is_not_the_country_the_report_is_about(pipeline):
    rdoc = annotate(pipeline, "Laos's junta and the Free Valley Alliance announced a truce on Friday after talks "
                              "mediated by Norway. Norway hosted the meeting in Oslo. Norway said it would keep "
                              "helping. Norway has long mediated in the region. A truce is now in place, junta "
                              "spokesperson Sone Vilay told reporters. Army spokesman Vel Karo "
                              "said troops would stay in their positions.")
    assert rdoc.main_country == "LAO"
    assert find(rdoc, "junta spokesperson Sone Vilay").code == "LAO"
    assert find(rdoc, "Army spokesman Vel Karo").code == "LAO"


def test_a_title_case_dateline_is_no_party(pipeline):
    rdoc = annotate(pipeline, "Vientiane, Laos — The Laotian government and the rebels were set to reopen "
                              "negotiations on Monday.\n\nThe talks in Vientiane come after a long pause.")
    assert [m.text for m in rdoc.actors] == ["The Laotian government", "the rebels"]


def test_a_named_army_that_names_no_state_is_an_armed_group_of_the_scene(pipeline):
    rdoc = annotate(pipeline, "Fighting raged in the hills of northern Laos on Monday. The Phou Bia Army said it "
                              "had captured two villages near Xam Neua. The Lao People's Army and the Kenya Defence "
                              "Forces were not involved.")
    assert (find(rdoc, "The Phou Bia Army").code, find(rdoc, "The Phou Bia Army").sector) == ("LAO", "REB")
    assert find(rdoc, "the Kenya Defence Forces").sector == "MIL"



def test_unnamed_officials_forces_press_and_clerics_are_of_the_country_in_context(pipeline):
    rdoc = annotate(pipeline, "Malawi's army clashed with rebels near Mzuzu on Monday. Forces fired on a convoy, "
                              "one official said. State media said a local cleric had been detained, and drug "
                              "traffickers had fled.")
    found = {text: (find(rdoc, text).code, find(rdoc, text).sector)
             for text in ("Forces", "one official", "State media", "a local cleric", "drug traffickers")}
    assert found == {"Forces": ("MWI", "MIL"), "one official": ("MWI", "GOV"), "State media": ("MWI", "JRN"),
                     "a local cleric": ("MWI", "REL"), "drug traffickers": ("MWI", "CRM")}


def test_they_and_its_agree_in_number_with_what_they_stand_for(pipeline):
    def infos(doc, heads: dict[str, str]):
        found = []
        for tok in doc:
            if tok.text in heads:
                mention = ActorMention(tok.text, tok.idx, tok.idx + len(tok), tok.text, None, None, heads[tok.text])
                found.append(coref.MentionInfo(mention, tok, tok.sent.start))
        return found

    # "they" after "The administration met the rebels": the rebels, named in the plural
    doc = annotate(pipeline, "The administration met the rebels on Monday. They wanted a truce.").doc
    seen = infos(doc, {"administration": "organization", "rebels": "group"})
    they = doc[-4]
    assert seen[coref.pronoun_antecedent("they", they.sent.start, 0, seen)].mention.text == "rebels"
    # "its" may be a group named in the singular, not the state named after it
    doc = annotate(pipeline, "The group rejected an offer from Zambia. It said its fighters would stay.").doc
    seen = infos(doc, {"group": "group", "Zambia": "state"})
    its = next(t for t in doc if t.lower_ == "its")
    assert seen[coref.pronoun_antecedent("its", its.sent.start, 0, seen)].mention.text == "group"


def test_acronym_after_a_name_cut_at_its_place_stands_for_the_whole_name(pipeline):
    # the NER ends the name at "in"; the acronym spells the whole of it, not the country
    rdoc = annotate(pipeline, "The United Nations Assistance Mission in Chad (UNAMIC) said the talks would go on. "
                              "UNAMIC proposed a new round in March.")
    acronyms = [m for m in rdoc.actors if m.text == "UNAMIC"]
    assert len(acronyms) == 2 and all(m.code == "UNO" for m in acronyms)
    assert find(rdoc, "Chad").code == "TCD"


def test_spokesperson_for_a_person_is_of_that_persons_side(pipeline):
    rdoc = annotate(pipeline, "Helen Mwangi, a spokeswoman for UN head Antonio Guterres, hailed the truce between "
                              "Chad and the rebels. Peter Lindqvist, special representative of the United Nations "
                              "Secretary-General, said both sides had signed.")
    assert (find(rdoc, "Helen Mwangi").code, find(rdoc, "Helen Mwangi").sector) == ("UNO", "GOV")
    assert (find(rdoc, "Peter Lindqvist").code, find(rdoc, "Peter Lindqvist").sector) == ("UNO", "GOV")


def test_wire_dateline_before_a_colon_is_no_part_of_the_name(pipeline):
    rdoc = annotate(pipeline, "NDJAMENA, Mar 02 (Xinhua): Peter Lindqvist, interim special representative of the "
                              "United Nations Secretary-General to Chad, said Tuesday that the commission had agreed.")
    person = next(m for m in rdoc.actors if m.name == "Peter Lindqvist" and m.text.endswith("Lindqvist"))
    assert person.text == "Peter Lindqvist"
    # "to Chad" is where the representative is sent, not who sends him
    assert (person.code, person.sector) == ("UNO", "GOV")


def test_group_named_before_a_group_noun_takes_the_possessor_country(pipeline):
    # "Chad's Kestrel group": the group noun heads the mention, so the possessive is read; the
    # group is named again by its word ("The Kestrel group") and in the plural ("The Kestrels")
    rdoc = annotate(pipeline, "The government of Chad and Chad's Kestrel group agreed on Monday to a truce. "
                              "The Kestrel group said it would withdraw its fighters from the northern hills. "
                              "The Kestrels have fought the army since 2019.")
    group = find(rdoc, "Chad's Kestrel group")
    assert (group.code, group.sector, group.kind) == ("TCD", "REB", "organization")
    assert (find(rdoc, "The Kestrel group").code, find(rdoc, "The Kestrels").code) == ("TCD", "TCD")
    assert find(rdoc, "The Kestrels").sector == "REB"


def test_group_plural_named_before_its_group_word(pipeline):
    # the plural comes first, the group word after: still the same group
    rdoc = annotate(pipeline, "The Sarnis rejected the proposal on Monday.\n\nNiger's Sarni movement said on "
                              "Tuesday that a Sarni spokesman would travel to the capital.")
    movement = find(rdoc, "Niger's Sarni movement")
    assert (movement.code, movement.sector) == ("NER", "REB")
    plural = next(m for m in rdoc.actors if m.text.endswith("Sarnis"))
    assert (plural.code, plural.sector) == ("NER", "REB")
    assert (find(rdoc, "a Sarni spokesman").code, find(rdoc, "a Sarni spokesman").sector) == ("NER", "REB")


def test_a_sponsor_or_side_taken_is_not_the_group_country(pipeline):
    # "pro-Iranian", "Iranian-backed": a country the group sides with, not its own; the backer is
    # a mention of its own (the sponsor of a SUPPORT act)
    rdoc = annotate(pipeline, "The pro-Iranian Kestrel movement of Chad rejected the plan.")
    assert find(rdoc, "The pro-Iranian Kestrel movement of Chad").code == "TCD"
    rdoc = annotate(pipeline, "Fighters of the Iranian-backed Kestrel group attacked a base in Chad.")
    assert find(rdoc, "Iranian").code == "IRN"
    assert find(rdoc, "the Iranian-backed Kestrel group").code != "IRN"


def test_group_word_before_a_title_places_a_member(pipeline):
    # "Senior Kestrel leader X": the word before the title is the group's, not his name
    rdoc = annotate(pipeline, "Chad's Kestrel rebels seized the town. Senior Kestrel leader Ali Moussa Brahim "
                              "said the fighters would stay.")
    leader = find(rdoc, "Senior Kestrel leader Ali Moussa Brahim")
    assert (leader.code, leader.sector) == ("TCD", "REB")


def test_a_named_office_holder_is_not_of_where_talks_are_held(pipeline):
    rdoc = annotate(pipeline, "Mali's government and the rebels resumed talks on Monday. The talks in Algeria are "
                              "the third round since President Amadou Sangare reopened negotiations.")
    president = find(rdoc, "President Amadou Sangare")
    assert (president.code, president.sector) == ("MLI", "GOV")


def test_an_alliance_of_armed_groups_is_armed_and_named_again_shorter(pipeline):
    rdoc = annotate(pipeline, "Fighting raged near Kidal in northern Mali. The army and the Four Sisterhood "
                              "Alliance of ethnic armed groups agreed to a truce on Friday. The Sisterhood Alliance "
                              "said its fighters would hold their positions. The Sisterhood later accused the "
                              "army of shelling.")
    alliance = find(rdoc, "the Four Sisterhood Alliance")
    assert (alliance.code, alliance.sector) == ("MLI", "REB")
    for text in ("The Sisterhood Alliance", "The Sisterhood"):
        assert (find(rdoc, text).code, find(rdoc, text).sector) == ("MLI", "REB"), text


def test_a_person_the_table_files_as_an_organisation_is_a_person_with_the_text_title(pipeline):
    # the bundled table files some people as organisations with a stale role; the NER and the
    # title written next to the name say who they are at the report's date
    rdoc = annotate(pipeline, "Syria's trade minister, Riad Seif, met Lebanese officials in Beirut on Monday. "
                              "Seif said the border crossings would reopen.")
    seif = find(rdoc, "Riad Seif")
    assert (seif.kind, seif.code, seif.sector) == ("person", "SYR", "GOV")
    assert (find(rdoc, "Seif").name, find(rdoc, "Seif").sector) == ("Riad Seif", "GOV")


def test_an_administration_named_after_a_person_is_that_person_government(pipeline):
    rdoc = annotate(pipeline, "Iran rejected the plan on Monday. US President Lars Olafsson spoke on Monday. "
                              "Iran said the Olafsson administration had lied.")
    administration = find(rdoc, "the Olafsson administration")
    assert (administration.code, administration.sector) == ("USA", "GOV")


def test_a_hyphen_joined_nationality_before_a_title_is_the_person_country(pipeline):
    # "Iran-backed", "Israel-Hezbollah" are not the nationality of what follows; "US-president X" is
    rdoc = annotate(pipeline, "Cuba hosted the talks. The deal was dropped by then US-president Lars Olafsson in 2019.")
    president = find(rdoc, "US-president Lars Olafsson")
    assert (president.code, president.sector) == ("USA", "ELI")


def test_a_sentence_opening_on_its_goes_on_about_the_sentence_before(pipeline):
    rdoc = annotate(pipeline, "Mali's government said on Monday that the army would withdraw from Kidal. "
                              "The role of Niger, which has not joined the talks, remains unclear, analysts say. "
                              "Its troops have fought on the side of the rebels.")
    troops = find(rdoc, "Its troops")
    assert (troops.code, troops.sector) == ("NER", "MIL")


def test_a_group_a_foreign_state_backs_is_armed_and_of_the_scene(pipeline):
    rdoc = annotate(pipeline, "Fighting raged near Kidal in Mali. The army has fought against the Iran-backed "
                              "Kestrels since 2015, after the rebels captured the town. The Kestrels rejected the truce.")
    assert find(rdoc, "Iran").code == "IRN"
    for text in ("the Iran-backed Kestrels", "The Kestrels"):
        assert (find(rdoc, text).code, find(rdoc, text).sector) == ("MLI", "REB"), text


def test_the_rebels_are_the_armed_group_the_report_names_not_a_headline_word(pipeline):
    rdoc = annotate(pipeline, "Rebels reject talks\n\nThe Sudanese army and the Rapid Support Forces clashed "
                              "again in Khartoum. The United States urged the two sides to return to talks. "
                              "Washington's envoy said the rebels had refused.")
    rebels = find(rdoc, "the rebels")
    assert (rebels.code, rebels.sector) == ("SDN", "REB")


def test_they_in_a_clause_of_a_verb_continues_its_subject(pipeline):
    rdoc = annotate(pipeline, "Qatar brokered a ceasefire between the Rapid Support Forces and the Sudanese army. "
                              "A US envoy said the RSF contacted the mediators late on Sunday, signalling "
                              "\"they are ready for a pause in the shelling.\"")
    they = find(rdoc, "they")
    assert they.name == find(rdoc, "the RSF").name


def test_the_government_of_a_named_president_is_that_presidents(pipeline):
    rdoc = annotate(pipeline, "The U.S. government urged both countries to talk. The government of President "
                              "Ilham Aliyev has demanded that Armenia withdraw its troops.")
    government = find(rdoc, "The government")
    assert (government.code, government.sector) == ("AZE", "GOV")


def test_the_minister_is_the_last_person_whose_title_it_shortens(pipeline):
    rdoc = annotate(pipeline, "Qatar has brokered a ceasefire between the Rapid Support Forces and the Sudanese "
                              "army, Qatari Foreign Minister Mohammed Al-Khulaifi said on Tuesday. The British "
                              "Foreign Secretary praised the deal.\nThe minister also thanked both parties.")
    minister = find(rdoc, "The minister")
    assert (minister.code, minister.sector) == ("QAT", "GOV")


def test_a_role_set_beside_a_name_gives_the_body_it_belongs_to(pipeline):
    rdoc = annotate(pipeline, "Gustavo Reyes, head of the Ecuadorian delegation, signed the memorandum. "
                              "Ali Hassan, head of protocol at the Saudi interior ministry, looked on.")
    assert find(rdoc, "Gustavo Reyes").code == "ECU"
    # the text says whose he is: a namesake in the actor table does not outweigh it
    assert find(rdoc, "Ali Hassan").code == "SAU"


@pytest.mark.parametrize("text, mention, code", [
    # a body no table knows, named in a report on one country, is that country's
    ("Sudan's army and the Kestrel Front of armed groups announced a truce on Friday after months of fighting "
     "around El Fasher. The Northern Command Council later accused the Front of violations.",
     "The Northern Command Council", "SDN"),
    # "the ministry" is the one named before, not of a state the report names later
    ("Kazakhstan and Uzbekistan agreed on Sunday to reopen the crossing, the Kazakh foreign ministry said. "
     "Officials met in Shymkent, the ministry said. Turkey, which trades with both countries, welcomed the step.",
     "the ministry", "KAZ"),
    # "Ambazonia" is three letters off Brazil's "Amazonas": another word, not its spelling (a
    # transliteration is one or two off: "Tigray" for "Tigrai")
    ("Cameroon released 40 separatists in exchange for 12 soldiers held by the Ambazonia Defence Forces, "
     "officials said.", "the Ambazonia Defence Forces", "CMR"),
    # an English word one letter off a region's name is that word, not the region spelt oddly
    ("Togo's army and the Savanna Herders Militia agreed to a truce on Thursday after clashes near Kara.",
     "the Savanna Herders Militia", "TGO"),
    # where a delegation is sent is a venue, not the conflict's scene
    ("Cameroon released 40 detained separatists on Tuesday. The movement said it would send a delegation to "
     "Geneva next month.", "The movement", "CMR"),
])
def test_a_body_with_no_country_of_its_own_takes_the_one_the_report_gives_it(pipeline, text, mention, code):
    assert find(annotate(pipeline, text), mention).code == code



def test_the_group_is_the_armed_group_named_before_and_a_group_of_people_is_no_rebel(pipeline):
    rdoc = annotate(pipeline, "The Rapid Support Forces seized El Fasher in October. The US would halt its sanctions "
                              "if the group ended its raids on villages.")
    group = find(rdoc, "the group")
    assert (group.code, group.sector) == ("SDN", "REB")
    assert [m.code for m in rdoc.actors if m.text == "its"][-1] == "SDN"
    rdoc = annotate(pipeline, "A group of journalists visited Kassala on Monday.")
    assert all(m.sector != "REB" for m in rdoc.actors)


def test_a_pair_joined_by_a_hyphen_inside_a_name_with_its_noun_gives_one_mention_each(pipeline):
    # the NER takes "the Israel-Hezbollah war" for one organisation: the two parties are before the noun
    rdoc = pipeline.annotate(Report(id="h", text="There is still no end in sight to the Israel-Hezbollah war, residents say.",
                                    published="2024-11-21"))
    assert [(m.text, m.code) for m in rdoc.actors][:2] == [("Israel", "ISR"), ("Hezbollah", "LBN")]


def test_a_states_demonym_the_phoenix_synonyms_miss_names_it(pipeline):
    rdoc = annotate(pipeline, "Swedish mediators met Burkinabe officials and a Slovene minister in Geneva.")
    assert [(m.text, m.code) for m in rdoc.actors] == [
        ("Swedish mediators", "SWE"), ("Burkinabe officials", "BFA"), ("a Slovene minister", "SVN")]


def test_the_groups_leader_belongs_to_the_armed_group_named_not_to_the_last_body_word(pipeline):
    rdoc = annotate(pipeline, "The Danakil Liberation Front rejected the accord and vowed to keep attacking army "
                              "posts. The group's leader, Hamid Osman, called the truce a trap.")
    leader = find(rdoc, "The group's leader")
    assert leader.sector == "REB" and leader.name == "Hamid Osman"
    assert leader.code == find(rdoc, "The Danakil Liberation Front").code


def test_states_independent_since_a_date_are_states():
    from storyline.actors.table import load_tables
    actors, _ = load_tables()
    for code, name in [("UKR", "Ukraine"), ("KGZ", "Kyrgyzstan"), ("ERI", "Eritrea"), ("IRQ", "Iraq"), ("DEU", "Germany")]:
        assert actors.state_name(code) == name and code in actors.state_of_code
    assert [actors.country_code(w) for w in ("Tajik", "Uzbek", "Kazakhstani", "Ukrainian")] == ["TJK", "UZB", "KAZ", "UKR"]


def test_two_nationalities_before_one_noun_are_two_sides_whatever_the_parse(pipeline):
    rdoc = annotate(pipeline, "Tajik and Kyrgyz security chiefs met on Monday.")
    assert [(m.code, m.sector) for m in rdoc.actors] == [("TJK", "GOV"), ("KGZ", "GOV")]
    # a nationality the entity recogniser took for a person's name
    rdoc = annotate(pipeline, "Tajik and Kyrgyz security chiefs sign troop pullback deal\n\nThe deal was signed.")
    assert [m.code for m in rdoc.actors if m.text in ("Tajik", "Kyrgyz security chiefs")] == ["TJK", "KGZ"]


def test_a_role_of_an_armed_group_or_the_opposition_is_not_the_states(pipeline):
    rdoc = annotate(pipeline, "A senior separatist commander said the army had shelled Kumba. Militia leaders and "
                              "opposition leaders met in Buea.")
    assert [m.sector for m in rdoc.actors if m.text in ("A senior separatist commander", "Militia leaders",
                                                        "opposition leaders")] == ["REB", "REB", "OPP"]


def test_a_mention_does_not_reach_back_across_a_comma(pipeline):
    rdoc = annotate(pipeline, "The army rejected demands that the RSF described as non-negotiable, two diplomats "
                              "briefed on the talks said.")
    assert "two diplomats" in [m.text for m in rdoc.actors]


def test_a_bare_noun_in_a_headline_is_as_definite_as_with_its_article(pipeline):
    rdoc = annotate(pipeline, "Chad talks stall as army rejects rebel demands\n\nNDJAMENA - Talks between Chad's "
                              "army and the rebels stalled on Tuesday.")
    assert find(rdoc, "army").code == "TCD"


def test_workers_unions_and_churches_are_of_the_report_s_country(pipeline):
    rdoc = annotate(pipeline, "Bolivia's mining minister met the leaders of the Oruro miners' union on Monday. "
                              "The union demands a halt to the sale, and the miners said they would keep "
                              "the road closed. The church offered to mediate.")
    assert (find(rdoc, "The union").code, find(rdoc, "The union").sector) == ("BOL", "LAB")
    assert find(rdoc, "the miners").code == "BOL"
    assert find(rdoc, "The church").sector == "REL"


def test_a_place_a_road_leads_to_is_no_party_nor_the_scene(pipeline):
    rdoc = annotate(pipeline, "Bolivian miners have blocked the main road to Chile since May. The government "
                              "said on Monday that talks with the union would continue.")
    assert find(rdoc, "The government").code != "CHL" and find(rdoc, "the union").code != "CHL"


def test_a_short_name_is_no_misspelling_of_a_longer_one(pipeline):
    rdoc = annotate(pipeline, "Togo's army and the militia clashed in the northern Kara region, mediators from "
                              "Ghana said on Friday.")
    assert not [m for m in rdoc.actors if "Kara" in m.text and m.code == "AFG"]


def test_a_body_every_state_has_is_not_the_table_s_state_and_a_defined_acronym_follows_its_definition(pipeline):
    rdoc = annotate(pipeline, "MANILA, May 4 - The Philippines summoned the Chinese ambassador on Tuesday. "
                              "\"This is a provocation,\" said Ana Ramos, spokeswoman of the National Security "
                              "Council (NSC). The NSC said patrols would continue.")
    council, acronym = find(rdoc, "the National Security Council"), find(rdoc, "The NSC")
    assert council.code == "PHL" and acronym.code == council.code and acronym.name == council.name


def test_a_hyphenated_given_name_is_one_name(pipeline):
    rdoc = annotate(pipeline, "Kazakhstan's President Kassym-Jomart Tokayev said he was ready to host another round.")
    person = find(rdoc, "Kazakhstan's President Kassym-Jomart Tokayev")
    assert (person.name, person.code, person.sector) == ("Kassym-Jomart Tokayev", "KAZ", "GOV")


def test_committees_and_units_are_bodies_of_whom_the_text_names(pipeline):
    rdoc = annotate(pipeline, "The Chadian ceasefire committee met in N'Djamena on Monday. The plan requires rebel "
                              "units to leave their camps in the east.")
    committee = find(rdoc, "The Chadian ceasefire committee")
    assert (committee.code, committee.kind) == ("TCD", "organization")
    assert find(rdoc, "rebel units").sector == "REB"


def test_a_capital_named_as_a_party_to_talks_stands_for_its_government(pipeline):
    rdoc = annotate(pipeline, "The talks between Belgrade and Pristina resumed in Brussels on Monday.")
    assert [(m.text, m.code, m.sector) for m in rdoc.actors] == [("Belgrade", "SRB", "GOV"), ("Pristina", "XKX", "GOV")]


def test_a_titles_body_word_refers_back_to_the_body_last_named(pipeline):
    rdoc = annotate(pipeline, "Ghana's foreign ministry on Monday accused Togolese border guards of detaining nine "
                              "fishermen. Ministry spokeswoman Ama Mensah demanded that Lome release them.")
    assert find(rdoc, "Ministry spokeswoman Ama Mensah").code == "GHA"


def test_a_state_name_news_also_gives_a_formal_namesake_follows_the_report(pipeline):
    """The table's "Congo" is the Republic of the Congo; news shortens the Democratic Republic of
    the Congo to the same word."""
    rdoc = annotate(pipeline, "Congo and Rwanda agreed on Tuesday to pull back their troops from the border. "
                              "Congolese officials in Kinshasa said the talks went well.")
    assert [m.code for m in rdoc.actors if m.text == "Congo"] == ["COD"]
    rdoc = annotate(pipeline, "Congo and Gabon signed a fishing deal in Brazzaville on Tuesday.")
    assert [m.code for m in rdoc.actors if m.text == "Congo"] == ["COG"]
