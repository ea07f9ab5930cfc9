"""The `quote` processor inside real stanza Pipelines built here, with no model file anywhere.

A Pipeline needs a resources.json to start; the one written here names English and no model. The
tokenizer runs pretokenized (it then loads no model), so `tokenize,quote` runs on any machine.
"""
from __future__ import annotations

import os

import pytest

stanza = pytest.importorskip("stanza")
from stanza.pipeline.core import PipelineRequirementsException  # noqa: E402
from stanza.pipeline.registry import NAME_TO_PROCESSOR_CLASS, PIPELINE_NAMES  # noqa: E402
from stanza.utils.conll import CoNLL  # noqa: E402

import quotes  # noqa: E402
import quotes.stanza_processor  # noqa: E402,F401  (registers `quote`)
from quotes.model import Entity, Quote  # noqa: E402

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)


@pytest.fixture
def models_dir(tmp_path):
    (tmp_path / "resources.json").write_text('{"en": {"lang_name": "English"}}', encoding="utf-8")
    return str(tmp_path)


def pipeline(models_dir, **kw):
    return stanza.Pipeline("en", dir=models_dir, processors="tokenize,quote", tokenize_pretokenized=True,
                           download_method=None, logging_level="WARN", **kw)


def test_quote_is_registered_as_the_last_processor():
    assert NAME_TO_PROCESSOR_CLASS["quote"] is quotes.stanza_processor.QuoteProcessor
    assert PIPELINE_NAMES.index("quote") > PIPELINE_NAMES.index("ner")


def test_pretokenized_text_gets_quotes_and_entities(models_dir):
    nlp = pipeline(models_dir)
    doc = nlp([["“", "We", "will", "win", ",", "”", "Anna", "Smith", "said", "."],
               ["“", "Nobody", "doubts", "it", ".", "”"],
               ["The", "ministry", "said", "the", "plan", "would", "cost", "more", "."]])
    assert doc.text.startswith("“ We will win , ”")
    got = [(q.kind, q.text, q.speaker and q.speaker.text, q.cue and q.cue.text) for q in doc.quotes]
    assert got == [("direct", "We will win ,", "Anna Smith", "said"),
                   ("direct", "Nobody doubts it .", "Anna Smith", None),
                   ("indirect", "the plan would cost more", "The ministry", "said")]
    assert all(isinstance(q, Quote) and doc.text[q.start:q.end] == q.text for q in doc.quotes)
    assert all(isinstance(e, Entity) for e in doc.quote_entities)
    smith = next(e for e in doc.quote_entities if e.name == "Anna Smith")
    assert doc.quotes[0].entity == doc.quotes[1].entity == smith.id and smith.type == "PERSON"
    assert doc.quote_warnings == ()


def test_a_parsed_document_runs_through_the_pipeline(models_dir):
    """A Document parsed elsewhere (here: a CoNLL-U file) goes through `tokenize,quote` untouched and
    gets the same quotes as the stanza engine gives it."""
    name = "15_militia_statements"
    with open(os.path.join(ROOT, "fixtures", name + ".txt"), encoding="utf-8") as fh:
        text = fh.read()
    doc = CoNLL.conll2doc(input_file=os.path.join(HERE, "data", "conllu", name + ".conllu"))
    doc.text = text
    doc = pipeline(models_dir)(doc)
    assert doc.text == text
    expected = quotes.Extractor()(doc)
    assert doc.quotes == expected.quotes and len(doc.quotes) >= 16
    hargrove = [q for q in doc.quotes if q.speaker is not None and q.speaker.text == "Daniel Hargrove"]
    assert len(hargrove) == 2


def test_bulk_processing(models_dir):
    nlp = pipeline(models_dir)
    docs = nlp.bulk_process([[["“", "Yes", ",", "”", "he", "said", "."]], [["No", "quotes", "here", "."]]])
    assert [len(d.quotes) for d in docs] == [1, 0]


def test_knowledge_base_option(models_dir, tmp_path):
    kb = tmp_path / "kb.tsv"
    kb.write_text("Q1\tAnna Smith\t\tPERSON\n", encoding="utf-8")
    doc = pipeline(models_dir, quote_kb=str(kb))([["“", "We", "agree", ",", "”", "Anna", "Smith", "said", "."]])
    assert [(e.name, e.kb_id) for e in doc.quote_entities] == [("Anna Smith", "Q1")]


def test_the_processor_needs_a_tokenizer(models_dir):
    with pytest.raises(PipelineRequirementsException):
        stanza.Pipeline("en", dir=models_dir, processors="quote", download_method=None, logging_level="WARN")


def test_with_real_models_when_installed():
    from quotes import models
    where = os.environ.get("STANZA_RESOURCES_DIR", "")
    if not where or not models.language_status("en", where)["ready"]:
        pytest.skip("stanza English models not found in STANZA_RESOURCES_DIR")
    nlp = stanza.Pipeline("en", dir=where, processors="tokenize,ner,quote", download_method=None,
                          logging_level="WARN")
    doc = nlp("“We will not take sides,” Transport Minister Anna de Vries said on Monday.")
    assert [(q.text, q.speaker.text) for q in doc.quotes] == [("We will not take sides,", "Anna de Vries")]
