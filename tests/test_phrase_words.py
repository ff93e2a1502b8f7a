"""The phrases' tokens and lemmas made before run time (lixcheck/engine/phrases.json, engine/phrase_words.py): up to
date with the rules and the pipeline, each equal to a fresh parse, what the matchers need, and never read when made
for other code."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from spacy.matcher import PhraseMatcher

from lixcheck.engine import phrase_words
from lixcheck.engine.base import RuleInfo
from lixcheck.engine.phrases import PhraseRules
from lixcheck.nlp import pipeline

ROOT = Path(__file__).resolve().parent.parent
SHIPPED = json.loads(phrase_words.FILE.read_text(encoding="utf-8"))


def _nlp():
    return pipeline.load("blank")[0]


def test_the_shipped_file_is_up_to_date():
    r = subprocess.run([sys.executable, "scripts/build_phrases.py", "--check"], capture_output=True, text=True,
                       cwd=ROOT)
    assert r.returncode == 0 and "up to date" in r.stdout, r.stdout + r.stderr


def test_it_is_read_here():
    assert SHIPPED["stamp"] == phrase_words.stamp() and len(phrase_words.table()) > 400, (
        "lixcheck/engine/phrases.json was made for other code: run python scripts/build_phrases.py")


def test_every_stored_phrase_equals_a_fresh_parse_and_gives_the_matchers_the_docs_values():
    nlp = _nlp()
    strings = nlp.vocab.strings
    texts = list(SHIPPED["phrases"])
    for text, doc in zip(texts, nlp.pipe(texts, disable=[pipeline.SENTENCE_COMPONENT]), strict=True):
        words, lemmas = SHIPPED["phrases"][text]
        assert (words, lemmas) == ([t.text for t in doc], [t.lemma_ for t in doc]), text
        # what PhraseRules gives the matchers instead of the Doc: the tokens' LOWER and LEMMA hashes
        assert [strings.add(w.lower()) for w in words] == [t.lower for t in doc], text
        assert [strings.add(lemma) for lemma in lemmas] == [t.lemma for t in doc], text


def _rule() -> RuleInfo:
    return RuleInfo(id="jargon", category="jargon", severity="warning", message="Skriv „{replacement}“.",
                    description="", type="substitution", source="", why="", examples={}, origin="test")


def test_phrases_stored_or_parsed_match_alike(monkeypatch):
    """The matchers built from stored phrases find what those built from Docs of the parsed phrases find."""
    nlp = _nlp()
    text = "Vi har fremsendt brevet i henhold til loven, og De bedes venligst fremsende kvitteringen."
    doc = nlp(text)
    phrases = ["fremsende", "i henhold til", "venligst", "De bedes"]

    def found(stored: dict) -> list[tuple[str, int, int]]:
        monkeypatch.setattr(phrase_words, "_table", stored)
        rules = PhraseRules(nlp)
        for p in phrases:
            rules.add(_rule(), p, ["send"])
        rules.compile()
        return sorted((rules.entries[k].phrase, s, e) for m in (rules.lower, rules.lemma) for k, s, e in m(doc))

    stored = {p: SHIPPED["phrases"][p] for p in phrases if p in SHIPPED["phrases"]}
    assert len(stored) >= 2  # (the built-in rules list some of them)
    from_store, parsed = found(stored), found({})
    assert from_store == parsed and {p for p, _, _ in parsed} >= {"fremsende", "i henhold til"}

    # and a matcher given Docs finds the same
    lemma = PhraseMatcher(nlp.vocab, attr="LEMMA")
    lemma.add("x", [nlp("fremsende")])
    assert {(s, e) for _, s, e in lemma(doc)} == {(s, e) for p, s, e in parsed if p == "fremsende"} == {(2, 3),
                                                                                                       (13, 14)}


def test_a_file_made_for_other_code_is_not_read(monkeypatch, tmp_path):
    other = tmp_path / "phrases.json"
    other.write_text(json.dumps({"stamp": "other code", "phrases": {"fremsende": [["x"], ["y"]]}}), encoding="utf-8")
    monkeypatch.setattr(phrase_words, "FILE", other)
    assert phrase_words._load() == {}
    for text in ("{not json", "[]", '{"stamp": 1}'):
        other.write_text(text, encoding="utf-8")
        assert phrase_words._load() == {}
    monkeypatch.setattr(phrase_words, "FILE", tmp_path / "missing.json")
    assert phrase_words._load() == {}
