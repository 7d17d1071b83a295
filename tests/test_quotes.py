"""Tests of the quotes component on short news-style texts, through the real pipeline."""
import pytest

from storyline.models import Report
from storyline.pipeline import Pipeline


@pytest.fixture(scope="module")
def pipeline():
    return Pipeline(overrides={"nlp.pipeline": ["actors", "quotes"]})


@pytest.fixture(scope="module")
def quotes_alone():
    return Pipeline(overrides={"nlp.pipeline": ["quotes"]})


@pytest.fixture(scope="module")
def annotate(pipeline):
    def run(text):
        rdoc = pipeline.annotate(Report(id="t", text=text, published="2024-11-20"))
        for q in rdoc.quotes:
            assert text[q.start:q.end] == q.quote
        return rdoc.quotes
    return run


def by_text(quotes, fragment):
    found = [q for q in quotes if fragment in q.quote]
    assert found, f"no quote with {fragment!r} in {[q.quote for q in quotes]}"
    return found[0]


def test_curly_quote_with_named_speaker_after(annotate):
    quotes = annotate("“We are close to an agreement on the border,” envoy Daniel Weiss said on Monday.")
    q = by_text(quotes, "We are close")
    assert (q.kind, q.quote, q.speaker_type) == ("direct", "We are close to an agreement on the border", "person")
    assert q.speaker == "Daniel Weiss"


def test_straight_quotes_and_guillemets(annotate):
    quotes = annotate('Minister Claire Dubois said: "The talks will resume in Cairo next week."\n\n'
                      "Le ministre a ajouté: « nous restons prêts à négocier » hier.")
    assert by_text(quotes, "The talks will resume").kind == "direct"
    assert by_text(quotes, "nous restons prêts").quote == "nous restons prêts à négocier"


def test_apostrophes_do_not_end_single_quotes(annotate):
    quotes = annotate("The commander called the plan ‘Israel’s last chance for a deal’ on Friday.")
    assert by_text(quotes, "last chance").quote == "Israel’s last chance for a deal"


def test_scare_quotes_are_skipped(annotate):
    quotes = annotate("Officials described the response as “positive” and the atmosphere as “very good”. "
                      "“We expect a reply within days,” one of them said.")
    assert [q.quote for q in quotes if q.kind == "direct"] == ["We expect a reply within days"]


def test_interrupted_quote_has_one_speaker(annotate):
    text = "“The army will stay in the south,” Mark Olsen said, “until the militias withdraw from the border.”"
    quotes = annotate(text)
    first, second = by_text(quotes, "The army will stay"), by_text(quotes, "until the militias")
    assert first.speaker == second.speaker == "Mark Olsen"


def test_multi_paragraph_quote_and_pronoun_speaker(annotate):
    text = ("Foreign Minister Hassan Karimi spoke to reporters in Beirut on Tuesday.\n\n"
            "“We have accepted the main points of the proposal. We still have questions about the monitoring.\n\n"
            "“We will send our answers to the envoy before the weekend,” he said.")
    quotes = annotate(text)
    first, second = by_text(quotes, "accepted the main points"), by_text(quotes, "send our answers")
    assert first.speaker == second.speaker == "Hassan Karimi"
    assert "\n" not in first.quote


def test_unbalanced_mark_does_not_swallow_the_report(annotate):
    text = ("The mayor said “the shelling has not stopped since dawn and the shelters are full\n\n"
            "Rescue teams reached the village on Sunday, the civil defence said.")
    quotes = annotate(text)
    cut = by_text(quotes, "the shelling has not stopped")
    assert cut.end <= text.index("\n")
    assert by_text(quotes, "Rescue teams reached").kind == "indirect"


def test_indirect_said_that_and_told_outlet(annotate):
    quotes = annotate("Lebanese Prime Minister Omar Haddad told Al Jazeera that his government would deploy the army.")
    q = by_text(quotes, "his government would deploy")
    assert q.quote == "his government would deploy the army"
    assert q.kind == "indirect" and q.speaker_type == "person"
    assert "Al Jazeera" not in (q.speaker_text or "")


def test_inverted_said_with_anonymous_count_and_nationality(annotate):
    quotes = annotate("The truce would last sixty days, two Lebanese official sources said.")
    q = by_text(quotes, "The truce would last")
    assert q.quote == "The truce would last sixty days"
    assert (q.speaker_type, q.speaker_code, q.speaker_sector, q.speaker_count) == ("anonymous", "LBN", "GOV", 2)


@pytest.mark.parametrize("speaker, code", [("A Cairo-based Western diplomat", "EGY"),
                                           ("Two Qatari mediators", "QAT"), ("One U.S. official", "USA")])
def test_quotes_alone_read_the_country_off_modifiers(quotes_alone, speaker, code):
    # without the actors component's mentions, the country comes from the shared actor table
    rdoc = quotes_alone.annotate(Report(id="t", text=f"{speaker} said the talks would resume on Thursday.",
                                        published="2024-11-20"))
    assert rdoc.actors == []
    q = by_text(rdoc.quotes, "the talks would resume")
    assert (q.speaker_type, q.speaker_code) == ("anonymous", code)


def test_according_to_and_source_linking(annotate):
    text = ("A senior US official told reporters that the draft had been sent to Beirut.\n\n"
            "According to the official, the militia had accepted the main terms.\n\n"
            "The source also said the army would deploy within two weeks.")
    quotes = annotate(text)
    first = by_text(quotes, "the draft had been sent")
    assert (first.speaker_type, first.speaker_code, first.speaker_rank) == ("anonymous", "USA", "senior")
    second, third = by_text(quotes, "the militia had accepted"), by_text(quotes, "the army would deploy")
    assert second.quote == "the militia had accepted the main terms"
    first_index = quotes.index(first)
    assert second.same_source_as == third.same_source_as == first_index
    assert second.speaker == third.speaker == "A senior US official"


def test_familiar_with_sources_are_anonymous(annotate):
    quotes = annotate("A diplomat familiar with the discussions said the gaps had narrowed in recent days.")
    q = by_text(quotes, "the gaps had narrowed")
    assert q.speaker_type == "anonymous" and q.speaker == "A diplomat familiar with the discussions"


def test_outlet_document_and_organization_speakers(annotate):
    quotes = annotate("The Star newspaper reported that the convoy had crossed the border at night.\n\n"
                      "“The security of our citizens comes first,” the statement said.\n\n"
                      "The defence ministry said the strikes had hit weapons depots.")
    assert by_text(quotes, "the convoy had crossed").speaker_type == "outlet"
    assert by_text(quotes, "The security of our citizens").speaker_type == "document"
    assert by_text(quotes, "the strikes had hit").speaker_type == "organization"


def test_apposition_is_not_the_speaker_name(annotate):
    quotes = annotate("Hugh Barrow, a surgeon at the city hospital, said the wounded kept arriving all night.")
    q = by_text(quotes, "the wounded kept arriving")
    assert q.speaker == "Hugh Barrow" and q.speaker_text == "Hugh Barrow"


def test_quote_without_speaker_is_unknown(annotate):
    quotes = annotate("The streets were empty after the sirens.\n\n“Nobody knows what will happen tomorrow.”")
    assert by_text(quotes, "Nobody knows").speaker_type == "unknown"


def test_indirect_with_embedded_direct_quote_lists_both(annotate):
    quotes = annotate("Envoy Sara Lind said that “there is a real chance for a ceasefire” in the coming days.")
    assert {q.kind for q in quotes if "real chance" in q.quote} == {"direct", "indirect"}


def test_nested_quotes_and_no_quotes(annotate):
    quotes = annotate("“They told us ‘leave the village now’ and then the strikes began,” a resident said.")
    q = by_text(quotes, "They told us")
    assert "‘leave the village now’" in q.quote and q.speaker_type == "anonymous"
    assert annotate("Heavy rain fell over the southern hills for a third day.") == []


def test_very_long_quote_is_whole(annotate):
    body = " ".join(["the talks continue and the parties meet again"] * 560)   # ~5,000 words
    text = f"“{body}.” the negotiator said.\n\nMarks everywhere: \" “ ” ‘ ’ « » ' \" “."
    quotes = annotate(text)
    longest = max(quotes, key=lambda q: q.end - q.start)
    assert longest.quote == body


def test_a_content_of_two_conjoined_clauses_is_one_quote(annotate):
    quotes = annotate("The Kenyan minister said he was ready to sign the accord and would respond firmly "
                      "to any breach by the rebels.")
    assert [q.quote for q in quotes] == ["he was ready to sign the accord and would respond firmly to any "
                                         "breach by the rebels"]


def test_a_second_reporting_verb_with_its_own_content_starts_a_second_quote(annotate):
    quotes = annotate("The Kenyan minister said the talks had ended and warned that the rebels would pay.")
    assert by_text(quotes, "the talks had ended").quote == "the talks had ended"


def test_clarify_reports(annotate):
    quote = by_text(annotate("Ruto clarified that if the rebels break the truce, Kenya may respond."), "Kenya may respond")
    assert quote.speaker == "Ruto"


def test_a_charge_denied_is_not_the_deniers_words(annotate):
    quotes = annotate("The talks were brokered by Brazilian President Marcos Lins, who invited both delegations "
                      "after clashes last week left three soldiers dead. Bolivia accused Paraguayan troops of "
                      "opening fire first, a charge Asuncion denied.")
    assert not [q for q in quotes if "opening fire" in q.quote]
    # the charge parsed as a second subject of the denial is no speaker either
    quotes = annotate("A Djiboutian military spokesman said Eritrean units had violated an earlier ceasefire "
                      "last week, a charge Asmara denied.")
    assert [q.speaker for q in quotes] == ["A Djiboutian military spokesman"]


def test_what_was_said_starts_after_the_dateline(annotate):
    quotes = annotate("BAMAKO, May 2 - Mali released 14 Guinean fishermen on Wednesday, the interior ministry "
                      "said in a statement.")
    assert [q.quote for q in quotes] == ["Mali released 14 Guinean fishermen on Wednesday"]


def test_words_a_speaker_calls_something_are_the_speakers(annotate):
    quotes = annotate("Guinea's foreign minister, Awa Camara, thanked President Ali Toure for what she called "
                      "\"a gesture of good faith\". The rebels called for a ceasefire.")
    assert [(q.quote, q.speaker) for q in quotes] == [("a gesture of good faith", "Awa Camara")]


def test_a_saying_the_parser_hangs_on_its_subject_is_the_subjects(annotate):
    quotes = annotate("Mali rebels deny attack on army post\n\nGAO, May 12 - Azawad rebels denied on Thursday that "
                      "they had attacked an army post near Kidal, two days after a prisoner exchange.")
    assert [(q.quote[:41], q.speaker) for q in quotes] == [("they had attacked an army post near Kidal", "Azawad rebels")]


def test_a_speaker_the_parser_hung_on_the_clause_before_is_the_phrase_before_the_verb(annotate):
    quotes = annotate("The army rejected a list of demands that the rebel commander described as non-negotiable, "
                      "two diplomats briefed on the talks said.")
    assert [(q.speaker, q.speaker_type) for q in quotes] == [("two diplomats briefed on the talks", "anonymous")]



@pytest.mark.parametrize("headline, speaker, kind", [
    ("AU: Chad and the rebels accept a three-day truce", "African Union", "organization"),
    ("Gaza: Israeli strikes kill 20 in Rafah", None, None),
    ("Analysis: why the truce failed", None, None),
])
def test_a_headline_opening_with_who_says_it_is_their_quote(annotate, headline, speaker, kind):
    quotes = annotate(headline + "\n\nThe truce was agreed in Jeddah on Friday, mediators said.")
    said = [q for q in quotes if q.start < len(headline)]
    assert [(q.quote, q.speaker, q.speaker_type, q.kind) for q in said] == (
        [(headline.split(": ", 1)[1], speaker, kind, "indirect")] if speaker else [])


def test_a_stance_expressed_about_a_clause_reports_the_clause(annotate):
    quotes = annotate("The Ghanaian envoy expressed hope that both sides will agree on the plan.")
    assert [(q.quote, q.speaker_text, q.kind) for q in quotes] == [
        ("both sides will agree on the plan", "The Ghanaian envoy", "indirect")]
    assert annotate("The Ghanaian envoy expressed his support for the plan.") == []
