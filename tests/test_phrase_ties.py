"""Which of one rule's entries gives the finding when several match the same span (engine/phrases.py, _rank): the
one written as the matched words, then one written as their lemmas (its base form), then one that matches only
through its own lemma; among equals the first in the rule files. Never the matchers' order, which follows the hashes
of the entries' labels ("jargon#17"): adding an entry before two others renumbers them and could swap the winner."""

from __future__ import annotations

import pytest

from lixcheck.engine.base import RuleInfo
from lixcheck.engine.phrases import PhraseRules
from lixcheck.nlp import pipeline

NLP = pipeline.load("blank")[0]
RULE = RuleInfo(id="jargon", category="jargon", severity="warning", message="Skriv „{replacement}“.",
                description="", type="substitution", source="", why="", examples={}, origin="test")
# entries that match nothing below, put before the competing ones to renumber them (and so rehash their labels)
PADDING = ["anmode", "samtlige", "afholde", "tilsende", "udlevere", "indgive", "tilvejebringe", "afhænde"]


def _rules(entries: list[tuple[str, str, str]], padding: int) -> PhraseRules:
    rules = PhraseRules(NLP)
    for phrase in PADDING[:padding]:
        rules.add(RULE, phrase, ["x"])
    for phrase, replacement, match in entries:
        rules.add(RULE, phrase, [replacement], match=match)
    rules.compile()
    return rules


def _found(entries: list[tuple[str, str, str]], padding: int, text: str) -> list[tuple[str, tuple[str, ...]]]:
    return [(text[h.start:h.end], h.replacements) for h in _rules(entries, padding).run(NLP(text), {"jargon"})]


@pytest.mark.parametrize("padding", range(len(PADDING) + 1))
@pytest.mark.parametrize("reverse", [False, True])
def test_the_base_form_wins_over_an_entry_that_matches_through_its_lemma(padding, reverse):
    # "vedrørende" (lemma "vedrøre") and "vedrøre" both match "vedrører" by lemma: the verb's own entry wins there,
    # and "vedrørende" keeps its written form
    entries = [("vedrørende", "om", "auto"), ("vedrøre", "angå", "auto")]
    entries = entries[::-1] if reverse else entries
    text = "Sagen vedrører dit barn. Brevet vedrørende sagen."
    assert _found(entries, padding, text) == [("vedrører", ("angår",)), ("vedrørende", ("om",))]


@pytest.mark.parametrize("padding", range(len(PADDING) + 1))
@pytest.mark.parametrize("reverse", [False, True])
def test_among_equals_the_first_entry_wins(padding, reverse):
    # two entries that both match "fremsender" only through their lemma "fremsende": the rule files' order decides
    # (no form of theirs fits a present tense, so the finding names the entry's replacement in its base form)
    entries = [("fremsendes", "sende", "auto"), ("fremsendte", "aflevere", "lemma")]
    entries = entries[::-1] if reverse else entries
    rules = _rules(entries, padding)
    [hit] = rules.run(NLP("Vi fremsender brevet."), {"jargon"})
    assert hit.message.startswith("Skriv „aflevere“" if reverse else "Skriv „sende“")
