"""hard-word: word frequency + compound splitting; once per letter for term, hard-word and acronym."""

from __future__ import annotations

import pytest

import lixcheck
from lixcheck.nlp import frequency, pipeline
from lixcheck.nlp.compounds import Splitter

CFG = {"rules": {"plugins": False}}


def _found(text: str, rule: str = "hard-word") -> list:
    return [f for f in lixcheck.check(text, config=CFG).findings if f.rule == rule]


def test_frequency_list_is_danish_and_graded():
    assert frequency.zipf("og") > 7 > frequency.zipf("kommune") > frequency.zipf("hjemmel") >= frequency.FLOOR
    assert frequency.zipf("meroffentlighed") == 0.0
    assert len(frequency.table()) > 25_000


@pytest.fixture(scope="module")
def splitter():
    return Splitter(frequency.zipf, pipeline.lemma_table().get)


@pytest.mark.parametrize(("word", "words"), [
    ("skolebus", ("skole", "bus")),
    ("boligstøtte", ("bolig", "støtte")),
    ("tandlægeregningen", ("tandlæge", "regningen")),  # an inflected head
    ("øjenlæge", ("øjen", "læge")),  # a modifier counts by its lemma (øje)
])
def test_compounds_split_into_known_parts(splitter, word, words):
    assert splitter.split(word).words == words


def test_linking_elements_and_a_lost_e():
    words = {"arbejde": 5.0, "marked": 4.5, "børn": 5.0, "have": 5.5, "skol": 4.6, "skole": 5.0, "bus": 4.6}
    fake = Splitter(lambda w: words.get(w, 0.0), lambda w: w if w in words else None)
    assert fake.split("arbejdsmarked").words == ("arbejde", "marked")  # arbejd(e)|s|marked
    assert fake.split("børnehave").words == ("børn", "have")  # børn|e|have
    assert fake.split("skolebus").words == ("skole", "bus")  # no linking element on a tie
    assert fake.split("arbejdsbus") is not None and fake.split("arbejdxbus") is None


def test_a_word_in_the_list_is_one_part_and_a_non_word_part_is_no_part(splitter):
    assert splitter.split("kommune").parts == ("kommune",)
    assert splitter.split("meroffentlighed") is None  # "mer" is common in subtitles, but no Danish word


@pytest.mark.parametrize(("text", "word", "reason"), [
    ("Vi har modtaget dit partshøringsindlæg.", "partshøringsindlæg", "ordet „partshøring“"),
    ("Vi sender dig en bevillingsskrivelse.", "bevillingsskrivelse", "ordet „skrivelse“"),  # an officialese head
    ("Kommunen går ind for meroffentlighed.", "meroffentlighed", "som mange ikke kender"),
    ("Vi dækker dine udgifter til befordring.", "befordring", "som mange ikke kender"),
    ("Du skal betale senest 21 dage efter pålæggelsen.", "pålæggelsen", "som mange ikke kender"),  # abstract, inflected
    ("Vi har ændret ejendomsskatteberegningsgrundlaget.", "ejendomsskatteberegningsgrundlaget", "skatte + beregning"),
    ("Se bilag om partshørings-indlæg.", "partshørings", "fagord"),  # a hyphenated word, piece by piece
    ("Søgsmålsfristen er seks måneder.", "Søgsmålsfristen", "ordet „søgsmål“"),  # built on a legal term
])
def test_hard_words_are_found_with_their_reason(text, word, reason):
    (f,) = _found(text)
    assert f.text == word and reason in f.message and f.category == "jargon" and f.severity == "suggestion"


@pytest.mark.parametrize("text", [
    "Dit barn kan køre med skolebussen, og du får boligstøtte.",  # compounds of common words
    "Du kan få boligstøtte via netbank og genberegne den.",  # prefix gen-, short common part
    "Hold fast i gelænderet.",  # rare, concrete, known to the dictionary
    "Skolemælkstaksten stiger.",  # a compound of dictionary words, concrete head
    "Kontoret hedder boligstøttekontoret.",  # three common parts
    "Vi ser på ud-formningen af haven.",  # a common word with a hyphen
    "Vi giver meroffentlighed (vi viser flere papirer, end loven kræver).",
    "Vi giver meroffentlighed, det vil sige, at du ser flere papirer.",
    "Vi giver meroffentlighed, dvs. flere papirer.",
    "Meroffentlighed betyder, at du ser flere papirer. Vi giver meroffentlighed.",
    "Vi viser dig flere papirer, end loven kræver (meroffentlighed).",
    "Kontakt Kirsten Møllegaardsholm i dag.",  # a name
    "Ryesgade 10 er lukket.",  # a name no dictionary knows, at a sentence start
    "Hej [[Meroffentlighedsfelt]] og {meroffentlighedsfelt}.",  # merge fields
    "Skriv til post@meroffentlighed.dk eller www.meroffentlighed.dk.",
    "MEROFFENTLIGHED",
])
def test_not_hard(text):
    assert _found(text) == []


def test_signature_lines_are_read_but_names_there_are_not_hard_words():
    text = "Kære Ida\n\nVi har fået din ansøgning.\n\nMed venlig hilsen\n\nIda Kjærsgaardsen\nVisitator\n"
    assert [f.text for f in _found(text)] == []


def test_a_word_that_the_term_rule_reports_is_not_a_hard_word():
    findings = lixcheck.check("Du kan få aktindsigt i sagen.", config=CFG).findings
    assert [f.rule for f in findings if f.text == "aktindsigt"] == ["term"]


def test_once_per_letter_with_the_number_of_uses():
    text = ("Du har søgt om aktindsigt. Aktindsigten omfatter alle papirer. Vi giver dig aktindsigt, og du får "
            "befordring. Befordringen sker hos BPA, og BPA svarer. Du kan få aktindsigt senere.")
    report = lixcheck.check(text, config=CFG)
    by_rule = {}
    for f in report.findings:
        by_rule.setdefault(f.rule, []).append(f)
    (term,) = by_rule["term"]
    assert (term.offset, term.occurrences) == (text.index("aktindsigt"), 4) and "4 gange" in term.message
    (hard,) = by_rule["hard-word"]
    assert (hard.text, hard.occurrences) == ("befordring", 2)
    (acronym,) = by_rule["acronym"]
    assert (acronym.text, acronym.occurrences) == ("BPA", 2)
    assert report.to_dict()["findings"][0]["occurrences"] >= 1
    assert all(f.occurrences == 1 for f in report.findings if f.rule not in ("term", "hard-word", "acronym"))


def test_explained_once_is_explained_everywhere():
    text = "Du kan få befordring (vi betaler din kørsel). Befordringen begynder i maj."
    assert _found(text) == []


def test_a_huge_run_of_letters_is_no_word_and_costs_little():
    """A 1,000,000-letter 'word' (pasted garbage) is not judged: judging looked up every suffix and kept each one in
    the lemma table's answer cache, gigabytes for one request."""
    import resource

    before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    report = lixcheck.check("x" * 1_000_000)
    assert not [f for f in report.findings if f.rule == "hard-word"]
    assert resource.getrusage(resource.RUSAGE_SELF).ru_maxrss - before < 500_000  # kB: well under 0.5 GB more
