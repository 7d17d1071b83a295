"""Selective parsing (nlp/selective.py, nlp/token_rules.py) against the model run whole: the same
annotations, token for token, on reports written for these tests."""
import pytest
from spacy.attrs import LEMMA, MORPH, POS, TAG
from typer.testing import CliRunner

from storyline.cli.main import app
from storyline.models import Report
from storyline.nlp.parse import Parser, load_model, split_chunks
from storyline.nlp.selective import WindowedRecogniser
from storyline.nlp.token_rules import TableAttributeRuler, TableLemmatizer
from storyline.pipeline import Pipeline

# Invented reports: names, numbers, dates and words far from any of them; contractions and
# colloquial forms that the model's multi-word attribute rules handle ("gonna", "ain't").
REPORTS = [
    "Marovian Envoy Ilse Tarnow Arrives In Kessa For Truce Talks\n\n"
    "KESSA (Wire) - Ilse Tarnow, the special envoy of the Marovian government, arrived in Kessa on "
    "Thursday to restart talks with the Free Valdic Movement, two officials said.\n\n"
    "The movement's chief negotiator, Pavo Deresh, told reporters that his delegation ain't gonna sign "
    "anything that leaves 3,000 fighters without an amnesty. \"We're not gonna be rushed,\" he said.\n\n"
    "Talks broke down in early March after a shelling near the old mill killed 14 people. Since then "
    "the two sides have traded accusations almost every week, and nobody in the villages along the "
    "river expects much from another round of meetings held far away from where people live.",
    "Fighting resumed overnight along the northern ridge, where the army said it had repelled an "
    "attack. A spokesman for the Valdic Defence Forces, Colonel Anja Brix, said 40 rebels were "
    "captured. The movement denied it.\n\nResidents said the shelling had stopped by morning.",
]


@pytest.fixture(scope="module")
def model_docs():
    """Each paragraph of the reports through the model's components before the attribute rules."""
    nlp = load_model()
    docs = [nlp.make_doc(chunk) for text in REPORTS for chunk in split_chunks(text)]
    for name in ("tok2vec", "tagger", "parser"):
        docs = list(nlp.get_pipe(name).pipe(docs))
    return docs


def test_table_attribute_rules_and_lemmas_equal_the_models_components(model_docs):
    nlp = load_model()
    ruler, lemmatizer = nlp.get_pipe("attribute_ruler"), nlp.get_pipe("lemmatizer")
    table_ruler, table_lemmatizer = TableAttributeRuler(ruler), TableLemmatizer(lemmatizer)
    assert table_ruler.supports and table_ruler.multi_index  # the model has multi-word rules
    for doc in model_docs:
        theirs, ours = lemmatizer(ruler(doc.copy())), table_lemmatizer(table_ruler(doc.copy()))
        columns = [POS, TAG, MORPH, LEMMA]
        assert (theirs.to_array(columns) == ours.to_array(columns)).all(), doc.text
    gonna = [t for doc in model_docs for t in table_lemmatizer(table_ruler(doc.copy())) if t.lower_ == "gon"]
    assert gonna and {t.lemma_ for t in gonna} == {"go"}


def test_windows_skip_lower_case_stretches_and_find_the_same_names(model_docs):
    nlp = load_model()
    recogniser = WindowedRecogniser(nlp)
    docs = [doc.copy() for doc in model_docs]
    recogniser(docs)
    whole = list(nlp.get_pipe("ner").pipe([doc.copy() for doc in model_docs]))
    assert recogniser.tokens_read < recogniser.tokens_seen  # the river sentence has no name near it
    names = {"PERSON", "ORG", "GPE", "NORP", "LOC", "FAC", "DATE", "TIME"}
    for ours, theirs in zip(docs, whole):
        assert [(e.start, e.end, e.label_) for e in ours.ents if e.label_ in names] == \
               [(e.start, e.end, e.label_) for e in theirs.ents if e.label_ in names]


def test_a_paragraph_with_no_name_gets_no_entity_and_keeps_its_offsets():
    parser = Parser(selective=True)
    text = "nothing here is named.\n\nthe talks went on and on, officials said."
    doc = parser.parse(text)
    assert doc.text == text and not doc.ents
    assert all(t.ent_iob_ == "O" for t in doc)


def test_selective_and_full_parse_give_the_same_records():
    reports = [Report(id=f"s{n}", text=text, published="2025-03-20") for n, text in enumerate(REPORTS)]
    selective = [r.to_dict() for r in Pipeline().process(reports)]
    full = [r.to_dict() for r in Pipeline(overrides={"parse.selective": False}).process(reports)]
    assert selective == full
    assert all(r["events"] and r["actors"] for r in selective)


def test_full_parse_switch_on_the_command_line(tmp_path, examples_dir):
    runner = CliRunner()
    outputs = []
    for extra in ([], ["--full-parse"]):
        out = tmp_path / f"out{len(extra)}.jsonl"
        result = runner.invoke(app, ["extract", str(examples_dir), "--published", "2024-11-19", "-o", str(out), *extra])
        assert result.exit_code == 0, result.output
        outputs.append(out.read_text(encoding="utf-8"))
    assert outputs[0] == outputs[1] and outputs[0].count("\n") == 4


@pytest.mark.parametrize("overrides", [{"parse.selective": "no"}, {"parse.ner_context": -1}, {"parse.windows": 3}])
def test_bad_parse_settings_are_refused_with_their_names(overrides):
    with pytest.raises(ValueError, match=r"\[parse\] takes selective"):
        Pipeline(overrides=overrides)
