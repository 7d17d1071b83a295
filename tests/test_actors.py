"""The actors component on short news-style texts written for these tests (real spaCy model)."""
import pytest

from storyline.models import Report
from storyline.pipeline import Pipeline


@pytest.fixture(scope="module")
def pipeline():
    return Pipeline({"components": ["actors"]})


def annotate(pipeline, text, published="2024-11-18"):
    return pipeline.annotate(Report(id="t", text=text, published=published))


def find(rdoc, text):
    return next(m for m in rdoc.actors if m.text == text)


def test_offsets_exact_and_ordered(pipeline):
    rdoc = annotate(pipeline, "Israeli troops shelled two villages on Monday, and Hezbollah fired rockets "
                              "at Haifa, a Lebanese security official said.")
    assert rdoc.actors
    for m in rdoc.actors:
        assert rdoc.text[m.start:m.end] == m.text
    starts = [m.start for m in rdoc.actors]
    assert starts == sorted(starts)
    assert all(a.end <= b.start for a, b in zip(rdoc.actors, rdoc.actors[1:]))


def test_misspelled_prime_minister_resolves(pipeline):
    rdoc = annotate(pipeline, "Lebanese Prime Minister Najib Makati told reporters in Beirut that the truce "
                              "plan was acceptable. Makati later met the army commander.")
    first = find(rdoc, "Lebanese Prime Minister Najib Makati")
    assert (first.name, first.code, first.sector) == ("Najib Mikati", "LBN", "GOV")
    again = [m for m in rdoc.actors if m.text == "Makati"][0]
    assert again.name == "Najib Mikati"


def test_descriptors_resolve_to_country_and_sector(pipeline):
    rdoc = annotate(pipeline, "A senior US official said Israeli ground forces would pull back, while "
                              "Lebanese authorities asked protesters to leave the square.")
    assert (find(rdoc, "A senior US official").code, find(rdoc, "A senior US official").sector) == ("USA", "GOV")
    assert (find(rdoc, "Israeli ground forces").code, find(rdoc, "Israeli ground forces").sector) == ("ISR", "MIL")
    assert (find(rdoc, "Lebanese authorities").code, find(rdoc, "Lebanese authorities").sector) == ("LBN", "GOV")
    assert find(rdoc, "protesters").sector == "CVL"


def test_role_depends_on_report_date(pipeline):
    text = "Netanyahu said the talks with the Palestinians would resume next week."
    in_office = find(annotate(pipeline, text, "2024-11-18"), "Netanyahu")
    out_of_office = find(annotate(pipeline, text, "2022-03-01"), "Netanyahu")
    assert (in_office.code, in_office.sector) == ("ISR", "GOV")
    assert (out_of_office.code, out_of_office.sector) == ("ISR", "OPP")


def test_pronoun_corefers_with_last_person(pipeline):
    rdoc = annotate(pipeline, "US envoy Amos Hochstein arrived in Beirut on Tuesday. He met the parliament "
                              "speaker for two hours.")
    he = find(rdoc, "He")
    assert he.name == "Amos Hochstein" and he.method == "coref"
    assert rdoc.actors[he.antecedent].name == "Amos Hochstein"


def test_title_corefers_with_named_holder(pipeline):
    rdoc = annotate(pipeline, "Nabih Berri received the ceasefire draft on Thursday. The speaker said "
                              "Hezbollah had no objections.")
    speaker = find(rdoc, "The speaker")
    assert speaker.name == "Nabih Berri" and (speaker.code, speaker.sector) == ("LBN", "LEG")


def test_unknown_person_kept_with_null_code(pipeline):
    rdoc = annotate(pipeline, "Farouk Zaydani, a shopkeeper, said he had not slept for three nights.")
    unknown = find(rdoc, "Farouk Zaydani")
    assert unknown.code is None and unknown.kind == "person"


def test_city_as_actor_is_government(pipeline):
    rdoc = annotate(pipeline, "Beirut responded positively to the proposal, officials said.")
    beirut = find(rdoc, "Beirut")
    assert (beirut.code, beirut.sector) == ("LBN", "GOV")
