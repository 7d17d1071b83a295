"""The pipeline machinery: paragraph parsing that keeps offsets, the spaCy components declared in
the config, and one failing report among others."""
import logging

import pytest
from spacy.language import Language
from spacy.util import ConfigValidationError

import storyline.pipeline
from storyline.models import InputError, Report, ReportDoc
from storyline.nlp.parse import MAX_CHUNK_CHARS, load_model, split_chunks
from storyline.pipeline import Pipeline, pipeline_config
from storyline.runner import run

STAGES = ["actors", "timexes", "places", "quotes", "events"]
BREAKS = "this sentence breaks the test component"


@Language.factory("test_failing_component")
def make_failing_component(nlp: Language, name: str):
    def fail_on_marker(doc):
        if BREAKS in doc.text:
            raise RuntimeError("the test component broke")
        return doc
    return fail_on_marker


@pytest.fixture(scope="module")
def failing_pipeline():
    """The default pipeline with a component that fails on one sentence, after places."""
    config = pipeline_config()
    config["components"]["failing"] = {"factory": "test_failing_component"}
    config["nlp"]["pipeline"].insert(3, "failing")
    return Pipeline(config)


def report(n: int, text: str = "Qatar hosted the envoys on Monday.") -> Report:
    return Report(id=f"r{n}", text=text, published="2024-11-20", origin=f"input.jsonl:{n}")


@pytest.mark.parametrize("text", ["", "   ", "One line.", "Title\n\nFirst para.\nSecond para.\n\n\n  Third.  \n",
                                  "word " * (MAX_CHUNK_CHARS // 2)])
def test_chunks_reassemble_the_text(text):
    chunks = split_chunks(text)
    assert "".join(chunks) == text
    assert bool(chunks) == bool(text)
    assert all(len(c) <= MAX_CHUNK_CHARS for c in chunks)


def test_parsed_report_offsets_are_report_offsets(pipeline):
    text = "Talks resume\n\nQatar hosted the envoys on Monday.\n\n\nHamas said it would reply."
    rdoc = pipeline.annotate(Report(id="p", text=text, published="2024-11-20"))
    assert rdoc.doc.text == text
    assert rdoc.doc._.storyline_report.id == "p"
    assert [s.text.strip() for s in rdoc.doc.sents][:2] == ["Talks resume", "Qatar hosted the envoys on Monday."]


@pytest.mark.parametrize("dateline", ["MAPUTO, April 9 - ", "Maputo (Wire) - ", "Lusaka, Mar 3: ", "Caracas, Venezuela — ",
                                      "TETE, Mozambique, April 9 - ", "Tete, Mozambique, Apr 9 - "])
def test_a_dateline_is_no_part_of_the_first_sentence(pipeline, dateline):
    rdoc = pipeline.annotate(Report(id="d", text=dateline + "The Malian government and the rebels met in Algiers.",
                                    published="2025-04-09"))
    assert [s.text.strip() for s in rdoc.doc.sents][-1] == "The Malian government and the rebels met in Algiers."
    rdoc = pipeline.annotate(Report(id="d", text="Israel - the army said it had withdrawn.", published="2025-04-09"))
    assert len(list(rdoc.doc.sents)) == 1


def test_the_config_declares_the_stages_in_order(pipeline):
    assert pipeline.nlp.pipe_names == STAGES
    assert [pipeline.nlp.get_pipe_meta(name).factory for name in STAGES] == [f"storyline_{s}" for s in STAGES]
    analysis = pipeline.nlp.analyze_pipes()
    assert not any(analysis["problems"].values())
    summary = analysis["summary"]
    assert summary["actors"]["assigns"] == ["doc._.storyline_actors", "doc._.storyline_main_country"]
    assert summary["places"]["requires"] == ["doc._.storyline_actors"]
    assert set(summary["events"]["requires"]) == {"doc._.storyline_actors", "doc._.storyline_main_country",
                                                  "doc._.storyline_timexes", "doc._.storyline_places",
                                                  "doc._.storyline_quotes"}


def test_annotations_live_on_the_doc(pipeline):
    rdoc = pipeline.annotate(report(1))
    doc = rdoc.doc
    assert [t.text for t in doc._.storyline_timexes] == ["Monday"]
    assert doc._.storyline_events == ReportDoc(doc).events == rdoc.events
    assert doc._.storyline_main_country == rdoc.main_country


def test_an_order_that_leaves_a_requirement_unmet_is_logged(caplog):
    with caplog.at_level(logging.WARNING, logger="storyline.pipeline"):
        Pipeline(overrides={"nlp.pipeline": ["places", "actors"]})
    assert "'places' requires doc._.storyline_actors" in caplog.text


def test_settings_are_checked_when_the_pipeline_is_built():
    with pytest.raises(ConfigValidationError, match="min_confidence"):
        Pipeline(overrides={"components.events.min_confidence": "high"})
    with pytest.raises(ConfigValidationError, match="unexpected argument: 'min_confidences'"):
        Pipeline(overrides={"components.events.min_confidences": 0.5})
    with pytest.raises(ValueError, match="min_confidence must be between 0 and 1"):
        Pipeline(overrides={"components.events.min_confidence": 2.0})
    with pytest.raises(ValueError, match="Can't find component 'event'"):
        Pipeline(overrides={"nlp.pipeline": ["actors", "event"]})


def test_settings_and_components_change_through_the_config(pipeline):
    # events of two confidences: mediations with named recipients, an attack whose recipient is implied
    text = "Egypt and Qatar mediated talks between Israel and Hamas in Cairo. Hamas may attack a convoy."
    events = pipeline.annotate(report(1, text)).events
    confidences = sorted(e.confidence for e in events)
    assert len(set(confidences)) > 1
    strict = Pipeline(overrides={"components.events.min_confidence": confidences[-1]})
    assert [e.confidence for e in strict.annotate(report(1, text)).events] == \
        [e.confidence for e in events if e.confidence >= confidences[-1]]
    without_events = Pipeline(overrides={"nlp.pipeline": STAGES[:-1]})
    rdoc = without_events.annotate(report(1, text))
    assert rdoc.events == [] and rdoc.quotes == pipeline.annotate(report(1, text)).quotes


def test_the_model_loads_once_per_process(pipeline):
    Pipeline(overrides={"nlp.pipeline": ["timexes"]})
    assert load_model.cache_info().misses == 1


def test_a_failing_component_fails_its_report_alone(failing_pipeline, caplog):
    reports = [report(1), report(2, f"Hamas said {BREAKS}."), report(3)]
    with caplog.at_level(logging.ERROR, logger="storyline.pipeline"):
        outcomes = list(failing_pipeline.analyse(reports))
    assert [type(o) for o in outcomes] == [ReportDoc, InputError, ReportDoc]
    assert [o.report.id for o in (outcomes[0], outcomes[2])] == ["r1", "r3"]
    assert outcomes[2].events and outcomes[2].timexes
    message = str(outcomes[1])
    assert message.startswith("input.jsonl:2: analysis failed (RuntimeError: the test component broke)")
    assert "traceback is in the log (storyline.pipeline)" in message
    [logged] = caplog.records
    assert logged.exc_info is not None
    assert "Traceback" in caplog.text and "in fail_on_marker" in caplog.text


def test_a_report_the_parser_fails_on_fails_alone(pipeline, monkeypatch):
    own = Pipeline()
    parse_many = own.parser.parse_many

    def parse_failing(reports):
        if any(BREAKS in r.text for r in reports):
            raise RuntimeError("the parser broke")
        return parse_many(reports)
    monkeypatch.setattr(own.parser, "parse_many", parse_failing)
    outcomes = list(own.analyse([report(1), report(2, BREAKS), report(3)]))
    assert [type(o) for o in outcomes] == [ReportDoc, InputError, ReportDoc]
    assert "analysis failed (RuntimeError: the parser broke)" in str(outcomes[1])


def test_reports_come_out_in_order_across_parse_chunks(pipeline, monkeypatch):
    monkeypatch.setattr(storyline.pipeline, "PARSE_CHUNK_REPORTS", 2)
    texts = [f"Talks resumed in Doha on day {n}." for n in range(7)]
    rdocs = list(pipeline.annotate_many(report(n, text) for n, text in enumerate(texts)))
    assert [r.text for r in rdocs] == texts


def test_the_runner_keeps_input_errors_and_failures_in_place(failing_pipeline, monkeypatch):
    monkeypatch.setattr(storyline.pipeline, "_DEFAULT_PIPELINE", failing_pipeline)
    unusable = InputError("input.jsonl:2: empty report text")
    items = [report(1), unusable, report(3, BREAKS), report(4), InputError("input.jsonl:5: bad date")]
    outcomes = list(run(items))
    assert outcomes[1] is unusable and outcomes[4] is items[4]
    assert "analysis failed" in str(outcomes[2])
    assert [o.id for o in (outcomes[0], outcomes[3])] == ["r1", "r4"]


def test_annotate_many_raises_the_failure_with_its_cause(failing_pipeline):
    with pytest.raises(InputError, match="analysis failed") as failure:
        list(failing_pipeline.annotate_many([report(1, BREAKS)]))
    assert isinstance(failure.value.__cause__, RuntimeError)


def test_a_verb_ending_in_a_silent_e_keeps_it(pipeline):
    rdoc = pipeline.annotate(Report(id="e", text="Niger hoped to meet the envoys, who hopped between capitals. "
                                                 "Talks are slated for May.", published="2025-04-09"))
    lemmas = {t.text: t.lemma_ for t in rdoc.doc if t.pos_ == "VERB"}
    assert (lemmas["hoped"], lemmas["hopped"], lemmas["slated"]) == ("hope", "hop", "slate")


CUT_EXCERPT = ("Guyana and Suriname agree to reopen border crossing\n\n"
               "Guyana and Suriname agreed on Monday to reopen the Corentyne river crossing. "
               "Surinamese police arrested two smugglers near the ferry on Sunday, a police spokesman "
               "said.\n\nThe Surinamese foreign minister said on Tuesday that her government would not "
               "sign the customs annex unless Guyana withdr")


@pytest.mark.parametrize("ending, cut", [("", True), ("...", True), ("aws its patrol boats.", False),
                                         ("aws its patrol boats.\n\nFirst Published: 4 May 2025", False),
                                         ("aws its patrol boats:\n- Guyana keeps the ferry schedule", False)])
def test_a_sentence_cut_off_at_the_end_of_an_excerpt_states_nothing(pipeline, ending, cut):
    """The last sentence of a text that stops inside it may have lost its negation, object or
    condition: no event or quote is read from it; a whole text, a credit line or a list item ends
    a text whole."""
    text = CUT_EXCERPT + ending
    rdoc = pipeline.annotate(Report(id="cut", text=text, published="2025-05-06"))
    last = text.index("The Surinamese foreign minister")
    assert [e.event for e in rdoc.events if e.trigger_start < last][:2] == ["AGREE", "AGREE"]
    assert any(e.event == "COERCE" for e in rdoc.events)
    late_events = [e.event for e in rdoc.events if e.trigger_start >= last]
    late_quotes = [q.quote for q in rdoc.quotes if q.start >= last]
    assert (late_events == [] and late_quotes == []) is cut
    assert any(q.quote.startswith("Surinamese police arrested") for q in rdoc.quotes)


def test_a_headline_alone_is_no_cut_off_sentence(pipeline):
    rdoc = pipeline.annotate(Report(id="h", text="Guyana and Suriname agree to reopen border crossing",
                                    published="2025-05-06"))
    assert [e.event for e in rdoc.events] == ["AGREE", "AGREE"]
