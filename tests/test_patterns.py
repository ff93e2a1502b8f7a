"""Rule type `pattern` (engine/patterns.py): the rule file's Matcher patterns, found as spaCy's Matcher finds them."""

from __future__ import annotations

from pathlib import Path

from spacy.matcher import Matcher

from lixcheck.engine.base import RuleInfo
from lixcheck.engine.patterns import PatternRules, _plain_first
from lixcheck.nlp import pipeline

LETTERS = sorted((Path(__file__).parent.parent / "corpus").rglob("*.txt"))

# A set predicate on the first token (written as one pattern per value), on a later token (left alone), with other
# attributes beside it, with an operator (left alone) -- each matched exactly as spaCy's Matcher matches the pattern.
PATTERNS = [
    [{"ORTH": {"IN": ["De", "Dem", "Deres"]}, "IS_SENT_START": False}],
    [{"ORTH": "De", "IS_SENT_START": True}, {"LOWER": {"IN": ["bedes", "anmodes", "henvises"]}}],
    [{"LOWER": {"IN": ["du", "vi", "i"]}, "ORTH": {"IN": ["Du", "du", "Vi"]}}, {"LOWER": {"IN": ["kan", "skal"]}}],
    [{"LOWER": {"IN": ["af", "til"]}, "OP": "?"}, {"LOWER": "ansøgning"}],
]


def test_first_token_sets_become_plain_values():
    assert _plain_first(PATTERNS[0]) == [[{"ORTH": v, "IS_SENT_START": False}] for v in ("De", "Dem", "Deres")]
    assert _plain_first(PATTERNS[1]) == [PATTERNS[1]]  # (a set on a later token stays)
    assert len(_plain_first(PATTERNS[2])) == 9  # (both sets of the first token: every pair)
    assert _plain_first(PATTERNS[3]) == [PATTERNS[3]]  # (an operator: as written)


def test_same_matches_as_the_matcher():
    nlp, _ = pipeline.load("blank")
    rules = PatternRules(nlp)
    plain = Matcher(nlp.vocab)
    for i, pattern in enumerate(PATTERNS):
        rules.add(RuleInfo(id=f"p{i}", category="jargon", severity="suggestion", message="{match}"), [pattern], "test")
        plain.add(f"p{i}", [pattern])
    fixed = PatternRules(nlp)  # (no operator: the Matcher runs on the tokens from each start word)
    for i, pattern in enumerate(PATTERNS[:3]):
        fixed.add(RuleInfo(id=f"p{i}", category="jargon", severity="suggestion", message="{match}"), [pattern], "")
    assert (rules.max_length, fixed.max_length) == (None, 2)
    found = set()
    for path in LETTERS:
        doc = nlp(path.read_text(encoding="utf-8"))
        expected = sorted(plain(doc))
        assert sorted(rules.matches(doc)) == expected, path.name
        assert sorted(fixed.matches(doc)) == [m for m in expected if m[0] != nlp.vocab.strings["p3"]], path.name
        found.update(nlp.vocab.strings[key] for key, _, _ in expected)
    assert found >= {"p0", "p1", "p2", "p3"}  # (the letters hold matches of each)
