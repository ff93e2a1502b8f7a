"""Speed-ups in lixcheck.nlp.pipeline must not change a single token or lemma."""

from __future__ import annotations

from pathlib import Path

import pytest
import spacy
from hypothesis import given, settings
from hypothesis import strategies as st
from spacy.attrs import IDX, IS_ALPHA, IS_PUNCT, IS_SPACE, LEMMA, LENGTH, LIKE_NUM, LOWER, NORM, ORTH, SHAPE, SPACY

from lixcheck.nlp import pipeline

ROOT = Path(__file__).resolve().parent.parent
ATTRS = [ORTH, NORM, LOWER, SHAPE, SPACY, IDX, LENGTH, IS_ALPHA, IS_PUNCT, IS_SPACE, LIKE_NUM]


@pytest.fixture(scope="module")
def ours():
    return pipeline.load("blank")[0]


@pytest.fixture(scope="module")
def reference():
    """The pipeline as it was built before the speed-ups: every special case kept, lemmas token by token."""
    nlp = spacy.blank("da")
    pipeline._add_special_cases(nlp)
    pipeline._keep_long_chunks(nlp)
    return nlp


def _reference_lemmas(doc) -> list[str]:
    table = pipeline.lemma_table()
    out = []
    for token in doc:
        lemma = table.get(token.text)
        if lemma is None:
            low = token.text.lower()
            lemma = table.get(low, low)
        out.append(lemma)
    return out


def _same(ours, reference, text: str) -> None:
    a, b = ours.make_doc(text), reference.make_doc(text)
    assert a.to_array(ATTRS).tolist() == b.to_array(ATTRS).tolist()
    pipeline._teach_tokenizer_cache(a)  # its words now come from the tokenizer's cache
    assert ours.make_doc(text).to_array(ATTRS).tolist() == b.to_array(ATTRS).tolist()
    doc = pipeline.lixcheck_lemmas(ours.make_doc(text))
    assert [t.lemma_ for t in doc] == _reference_lemmas(b)
    assert doc.to_array(LEMMA).tolist() == [ours.vocab.strings[x] for x in _reference_lemmas(b)]


def test_the_tokenizer_learns_words(ours):
    doc = ours.make_doc("Vi sender 12.500 kr. til dig, jf. brevet (bilag 1). Afgørelsesbrev")
    pipeline._teach_tokenizer_cache(doc)
    seen = pipeline._teachers[id(ours.vocab)][2]
    assert {hash(w) for w in doc.text.split()} <= seen
    assert all(isinstance(h, int) for h in seen)  # hashes, never the words


def test_whitespace_special_cases_are_dropped(ours):
    assert not {"\n", "\t", " "} & set(ours.tokenizer.rules)
    assert "\xa0" in ours.tokenizer.rules  # it sets NORM: kept


def test_the_blank_pipeline_has_the_special_cases_and_token_match_of_the_reference(ours, reference):
    """The blank pipeline's tokenizer is built with lixcheck's settings in its language defaults (one load of the
    special cases); a trained pipeline's tokenizer gets them afterwards. Both end with the same rules."""
    expected = {k: v for k, v in reference.tokenizer.rules.items() if k not in ("\n", "\t", " ")}
    assert ours.tokenizer.rules == expected
    assert {"jf.", "Jf.", "JF."} <= set(ours.tokenizer.rules)
    long = "=" * pipeline.LONG_CHUNK
    assert [t.text for t in ours.make_doc(long)] == [t.text for t in reference.make_doc(long)] == [long]
    assert ours.lang == "da"


def test_same_tokens_and_lemmas_on_the_corpus(ours, reference):
    for path in sorted((ROOT / "corpus").glob("*/*.txt")):
        _same(ours, reference, path.read_text(encoding="utf-8"))


PIECES = ["Afgørelse", "kr.", "Tlf.", "1.", " ", "  ", "\n", "\n\n", "\t", "\xa0", " \n ", "bl.a.", "(jf.", "§",
          "ansøgning", "Du", "får", "12.500", ",", ".", "\r\n", "\u2028", "xD", ":)", "-", "Aarhus", "AFGØRELSE"]


@settings(max_examples=200, deadline=None)
@given(st.lists(st.sampled_from(PIECES), max_size=30))
def test_same_tokens_and_lemmas_on_made_up_texts(ours, reference, parts):
    text = "".join(parts)
    _same(ours, reference, text)
    _same(ours, reference, text)  # the second time from the tokenizer's cache
