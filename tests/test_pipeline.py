"""The trained-pipeline switch: a saved Danish spaCy pipeline is used when named, and our sentences still hold."""

from __future__ import annotations

import pytest
import spacy

import lixcheck
from lixcheck import ConfigError

TEXT = (
    "Afgørelse\n\n"
    "Dit CPR-nr. 010203-1234 skal oplyses. Mødet er den 3. Vi ses kl. 10.00 på rådhuset, jf. § 82 a, stk. 2. "
    "Du får 1.250 kr. pr. 1. februar osv. Tag dit pas med.\n\n"
    "Med venlig hilsen\nJens Hansen\n"
)


@pytest.fixture(scope="module")
def saved_pipeline(tmp_path_factory):
    """A small Danish pipeline: spacy.blank("da") + an initialised rule-based sentencizer, meta name "lixtest"."""
    path = tmp_path_factory.mktemp("da_lixtest")
    nlp = spacy.blank("da")
    nlp.add_pipe("sentencizer")
    nlp.initialize()
    nlp.meta["name"] = "lixtest"
    nlp.meta["version"] = "0.0.1"
    nlp.to_disk(path)
    return path


def test_saved_pipeline_is_used_and_reported(saved_pipeline):
    report = lixcheck.check(TEXT, config={"model": str(saved_pipeline)})
    info = report.meta["pipeline"]
    assert info["name"] == "da_lixtest"
    assert info["trained"] is True
    assert info["version"] == "0.0.1"
    assert "sentencizer" in info["components"]
    assert info["components"][0] == "lixcheck_sentences"


def test_blank_model_is_reported():
    info = lixcheck.check(TEXT, config={"model": "blank"}).meta["pipeline"]
    assert info["name"] == "blank-da"
    assert info["trained"] is False


def test_our_sentence_boundaries_hold_with_the_trained_pipeline(saved_pipeline):
    blank = lixcheck.check(TEXT, config={"model": "blank"})
    trained = lixcheck.check(TEXT, config={"model": str(saved_pipeline)})
    spans = [(s.offset, s.length, s.counted) for s in trained.sentences]
    assert spans == [(s.offset, s.length, s.counted) for s in blank.sentences]
    assert trained.lix == blank.lix
    got = [TEXT[s.offset : s.offset + s.length] for s in trained.sentences if s.counted]  # offsets index the input
    assert got == ["Dit CPR-nr. 010203-1234 skal oplyses.", "Mødet er den 3.",
                   "Vi ses kl. 10.00 på rådhuset, jf. § 82 a, stk. 2.", "Du får 1.250 kr. pr. 1. februar osv.",
                   "Tag dit pas med."]


def test_the_spacy_doc_of_the_trained_pipeline_has_our_sentences(saved_pipeline):
    """spaCy's own sentencizer would split after "CPR-nr." and "den 3." wrongly or not at all; ours wins."""
    from lixcheck.analysis import analyzer
    from lixcheck.config import from_dict
    from lixcheck.readers.text import read_text

    engine = analyzer(from_dict({"model": str(saved_pipeline)}))
    document = read_text(TEXT)
    doc, measured = engine.prepare(document)
    for _name, proc in engine.nlp.pipeline:
        doc = proc(doc)
    assert [s.text.strip() for s in doc.sents] == [document.text[s.start : s.end] for s in measured[0]]


def test_check_many_with_the_trained_pipeline(saved_pipeline):
    reports = list(lixcheck.check_many([TEXT, TEXT], config={"model": str(saved_pipeline)}))
    assert [r.meta["pipeline"]["name"] for r in reports] == ["da_lixtest", "da_lixtest"]
    assert reports[0].lix == lixcheck.check(TEXT, config={"model": "blank"}).lix


def test_bad_model_path_is_a_config_error(tmp_path):
    with pytest.raises(ConfigError):
        lixcheck.check(TEXT, config={"model": str(tmp_path / "findes-ikke")})
    empty = tmp_path / "tom"
    empty.mkdir()
    with pytest.raises(ConfigError):
        lixcheck.check(TEXT, config={"model": str(empty)})


def test_non_danish_pipeline_is_a_config_error(tmp_path):
    nlp = spacy.blank("en")
    nlp.to_disk(tmp_path / "en_pipe")
    with pytest.raises(ConfigError, match="not Danish"):
        lixcheck.check(TEXT, config={"model": str(tmp_path / "en_pipe")})


def test_sentence_tokens_are_the_docs_sentence_starts():
    """pipeline.sentence_tokens (kept by the sentence component for the rules) says what SENT_START says."""
    import numpy
    from spacy.attrs import SENT_START

    from lixcheck.nlp.pipeline import _COLUMNS_KEY, load, sentence_tokens

    nlp, _ = load("blank")
    for text in ["Kære Anna\n\nVi har modtaget din ansøgning. Den behandles nu!\n\nMed venlig hilsen\nJens",
                 "Et. To. Tre", "  Hej.", "x"]:
        doc = nlp(text)
        expected = numpy.flatnonzero(doc.to_array(SENT_START) == 1).tolist()
        assert sentence_tokens(doc) == expected
        doc.user_data[_COLUMNS_KEY].clear()  # without the component's list: read from the Doc
        assert sentence_tokens(doc) == expected
