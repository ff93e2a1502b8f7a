"""Phrase entries with `gap: true` (engine/phrases.py): the verb of "finde anvendelse", "være berettiget til" … may
stand a few words before its rest, as Danish word order puts it ("finder reglerne ikke anvendelse"); the finding
covers verb, gap and rest, and its replacement keeps the gap after the new verb (suggest.py)."""

from __future__ import annotations

import pytest

import lixcheck
from lixcheck.engine.base import RuleInfo
from lixcheck.engine.phrases import PhraseRules
from lixcheck.nlp import pipeline

CONFIG = {"rules": {"plugins": False, "enable": ["jargon"]}}


def _jargon(text: str) -> list[tuple[str, tuple[str, ...]]]:
    return [(f.text, tuple(f.replacements)) for f in lixcheck.check(text, config=CONFIG).findings
            if f.rule == "jargon"]


@pytest.mark.parametrize(("text", "found"), [
    # the inverted subject and adverbs after the finite verb (V2)
    ("Derfor finder reglerne ikke anvendelse.", ("finder reglerne ikke anvendelse", ("gælder reglerne ikke",))),
    ("Finder § 3 ikke anvendelse på din sag?", ("Finder § 3 ikke anvendelse på", ("Gælder § 3 ikke for",))),
    ("Hvornår finder mødet sted?", ("finder mødet sted", ("er mødet", "sker mødet"))),
    ("Derfor gjorde klageren gældende, at brevet kom for sent.",
     ("gjorde klageren gældende", ("hævdede klageren", "påstod klageren"))),
    ("Så er du ikke længere berettiget til hjælp.",
     ("er du ikke længere berettiget til", ("har du ikke længere ret til",))),
    ("Giver sagen anledning til bemærkninger?", ("Giver sagen anledning til", ("Fører sagen til",))),
    ("I år beløber udgiften sig til 5.000 kr.", ("beløber udgiften sig til", ("er udgiften på",))),
    ("Nu ser det således ud.", ("ser det således ud", ("ser det sådan ud",))),
    # an object inside the phrase, and the passive
    ("Vi vil tage din ansøgning under overvejelse.",
     ("tage din ansøgning under overvejelse", ("overveje din ansøgning",))),
    ("Tages sagen under overvejelse?", ("Tages sagen under overvejelse", ("Overvejes sagen",))),
    ("Vi bringer aftalen til ophør.", ("bringer aftalen til ophør", ("stopper aftalen",))),
    # a name ends the gap
    ("Derfor gør Ankestyrelsen gældende, at fristen er overholdt.",
     ("gør Ankestyrelsen gældende", ("hævder Ankestyrelsen", "påstår Ankestyrelsen"))),
])
def test_a_gapped_phrase_is_found_with_a_replacement_that_keeps_the_gap(text, found):
    assert found in _jargon(text)


def test_the_present_that_the_lemma_table_misreads_is_found_from_the_verbs_forms():
    # the lookup table reads "gør" as "gø" (to bark): the inflection's forms of "gøre" find it, gap or none
    assert ("gør gældende", ("hævder", "påstår")) in _jargon("Du gør gældende, at du er syg.")
    assert ("gør brug af", ("bruger",)) in _jargon("Du gør brug af bilen.")


@pytest.mark.parametrize(("text", "found"), [
    ("Du kan finde et andet sted at bo.", []),  # a determiner before the noun: the noun's own
    ("Har du god mulighed for at komme?", []),  # an adjective of the noun
    ("De samme hensyn gør sig gældende her.", []),  # a reflexive changes the verb
    ("Vi finder, at anvendelse af reglerne er rimelig.", []),  # a comma ends the clause
    ("Vi finder det. Anvendelse af reglerne er rimelig.", []),  # another sentence
    ("Finder kommunen i dette tilfælde dog ikke anvendelse for pengene?", []),  # more than four words between
    ("Du har kunnet gøre gældende, at du er syg.", ["gøre gældende"]),  # a verb in the gap: the plain match only
])
def test_no_gapped_match_where_the_words_between_belong_elsewhere(text, found):
    assert [f for f, _ in _jargon(text)] == found


def test_a_verb_chain_is_not_a_gap():
    # "har haft mulighed for at": the participle is the verb; the auxiliary "har" is no gap's start
    assert _jargon("Har du haft mulighed for at klage?") == [("haft mulighed for at", ("kunnet",))]


def test_a_preposition_replacement_is_not_offered_after_an_object_in_the_gap():
    # "Det har en stigning til følge" ≠ "Det fører en stigning til": the message names the verb, no one-click fix
    [(text, replacements)] = _jargon("Det har en stigning i udgifterne til følge.")
    assert text == "har en stigning i udgifterne til følge" and replacements == ()


def test_an_entry_without_gap_matches_only_unbroken():
    # "være i stand til at" has no `gap`: "var ikke i stand til at" is left as it is
    assert _jargon("Du var ikke i stand til at møde op.") == []


NLP = pipeline.load("blank")[0]
RULE = RuleInfo(id="jargon", category="jargon", severity="warning", message="Skriv „{replacement}“.",
                description="", type="substitution", source="", why="", examples={}, origin="test")


def test_gap_is_per_entry_and_off_for_a_disabled_rule():
    rules = PhraseRules(NLP)
    rules.add(RULE, "finde anvendelse", ["gælde"], gap=True)
    rules.add(RULE, "tage udgangspunkt i", ["bygge på"])
    rules.compile()
    doc = NLP("Derfor finder reglerne ikke anvendelse. Derfor tager vi udgangspunkt i loven.")
    assert [doc.text[h.start:h.end] for h in rules.run(doc, {"jargon"})] == ["finder reglerne ikke anvendelse"]
    assert rules.run(doc, {"other"}) == []


def test_a_finding_in_the_gap_keeps_its_place():
    # one finding per place would fold "endvidere" (and its advice) into the gapped match: the gapped match gives way
    assert _jargon("Vi tager endvidere sagen under overvejelse.") == [("endvidere", ("desuden", "også"))]
    assert _jargon("Kommunen tager Deres skrivelse under overvejelse.") == [("skrivelse", ("brev",))]
