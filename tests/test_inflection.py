"""Inflected replacements: the forms (lixcheck/nlp/inflection.py), the fit in the sentence (engine/suggest.py) and what
check() offers. The gold set of whole sentences is tests/test_suggestions.py."""

from __future__ import annotations

import pytest

import lixcheck
from lixcheck.nlp import inflection
from lixcheck.nlp.inflection import Form
from lixcheck.nlp.pipeline import lemma_table

CONFIG = {"rules": {"plugins": False}}


@pytest.mark.parametrize(("word", "lemma", "form"), [
    ("fremsendt", "fremsende", Form("verb", "part")),
    ("fremsendes", "fremsende", Form("verb", "pass")),
    ("fremsender", "fremsende", Form("verb", "pres")),
    ("vurderede", "vurdere", Form("verb", "past")),
    ("fremsend", "fremsende", Form("verb", "imp")),
    ("foretog", "foretage", Form("verb", "past")),  # a compound of a strong verb
    ("foretaget", "foretage", Form("verb", "part")),
    ("erholdt", "erholde", Form("verb", "part")),  # a verb the lemma table does not know
    ("skrivelsen", "skrivelse", Form("noun", "sg_def")),
    ("skrivelserne", "skrivelse", Form("noun", "pl_def")),
    ("anmodningens", "anmodning", Form("noun", "sg_def", True)),
    ("fornødne", "fornøden", Form("adj", "pl")),
])
def test_the_form_is_read_from_the_ending(word, lemma, form):
    assert form in inflection.forms_of(word, lemma)


@pytest.mark.parametrize(("word", "form", "expected"), [
    ("sende", Form("verb", "part"), "sendt"),  # weak -te/-t, known from the table
    ("vurdere", Form("verb", "part"), "vurderet"),  # weak -ede/-et
    ("lave", Form("verb", "part"), "lavet"),  # the table reads "lavet" as "lav"; the past "lavede" tells the class
    ("sende", Form("verb", "imp"), "send"),
    ("stoppe", Form("verb", "imp"), "stop"),
    ("få", Form("verb", "past"), "fik"),  # irregular (data/inflection.yml)
    ("sige", Form("verb", "part"), "sagt"),
    ("fortælle", Form("verb", "past"), "fortalte"),  # compound of "tælle"
    ("kunne", Form("verb", "pres"), "kan"),
    ("brev", Form("noun", "sg_def"), "brevet"),
    ("spørgsmål", Form("noun", "pl"), "spørgsmål"),  # unchanged plural: the table knows "spørgsmålene"
    ("kontrol", Form("noun", "sg_def"), "kontrollen"),
    ("nødvendig", Form("adj", "neut"), "nødvendigt"),
])
def test_a_replacement_is_put_in_the_form(word, form, expected):
    assert inflection.inflect(word, form) == expected


def test_what_cannot_be_derived_is_none():
    assert inflection.inflect("få", Form("verb", "pass")) is None  # "fås" means "can be bought"
    assert inflection.inflect("ønske", Form("noun", "sg_def")) is None  # "ønsket" or "ønsken": gender unknown
    assert inflection.inflect("hjælp", Form("noun", "pl")) is None  # no plural
    assert inflection.verb_forms("rose")["past"] == "roste"  # a regular verb, not "ro|se"
    assert inflection.irregular("ønske") is None  # not "øn|ske"
    assert inflection.gender("brev") == "n" and inflection.gender("skrivelse") == "c"


def test_irregular_verbs_are_danish_words_the_table_agrees_with():
    """Every form in data/inflection.yml is a word the lemma table knows (a typo is not), and where the table leads
    it to one of the listed verbs, it is this verb (it may read a form as another word: "tog" is a train)."""
    table = lemma_table()
    known = set(table) | set(table.values())
    verbs = inflection.data().verbs
    for verb, forms in verbs.items():
        for name, form in forms.items():
            if form is None:
                continue
            assert form in known, (verb, name, form)
            assert table.get(form) not in set(verbs) - {verb}, (verb, name, form, table.get(form))


def first_fix(text: str) -> tuple[str, list]:
    report = lixcheck.check(text, config=CONFIG)
    out = text
    for f in sorted((f for f in report.findings if f.replacements), key=lambda f: -f.offset):
        out = out[:f.offset] + f.replacements[0] + out[f.offset + f.length:]
    return out, report.findings


@pytest.mark.parametrize(("text", "after"), [
    # the three sentences from the issue
    ("Der er ikke fremsendt dokumentation.", "Der er ikke sendt dokumentation."),
    ("Der er foretaget en vurdering af, om du har ret til hjælp.", "Der er vurderet, om du har ret til hjælp."),
    ("Dokumentationen bedes fremsendt.", "Dokumentationen bedes sendt."),
    ("Vi har foretaget en vurdering af din sag.", "Vi har vurderet din sag."),
    ("Fremsend venligst lønsedlerne.", "Send venligst lønsedlerne."),
    ("Skrivelsen er modtaget.", "Brevet er modtaget."),
    ("Vi har modtaget Deres skrivelse af 3. maj.", "Vi har modtaget dit brev fra 3. maj."),  # polite capital dropped
    ("Du har ikke de fornødne papirer.", "Du har ikke de nødvendige papirer."),
    ("Kontakt venligst undertegnede.", "Kontakt venligst mig."),  # object form
    ("Ovennævnte oplysninger er forkerte.", "Disse oplysninger er forkerte."),  # "denne" agrees with the noun
    ("Nærværende brev er sendt til dig.", "Dette brev er sendt til dig."),
    ("Vi anmodede om aktindsigt.", "Vi bad om aktindsigt."),
])
def test_check_offers_the_replacement_in_the_right_form(text, after):
    assert first_fix(text)[0] == after


@pytest.mark.parametrize(("text", "rule", "named"), [
    # light verb + noun in a passive with an object: "Der er vurderet din sag" is not Danish
    ("Der er foretaget en vurdering af din sag.", "jargon", "vurderet"),
    ("Vi har modtaget din skrivelse.", "jargon", "brev"),  # "din brev"
    ("Du skal tilbagebetale beløbet.", "jargon", "betale tilbage"),  # the particle follows the object
    ("Afgørelsen kan påklages.", "jargon", "klage over"),  # "kan klages over"
    ("Der vil blive indhentet oplysninger fra din læge.", "jargon", "få oplysninger"),  # "få" has no passive
    ("Du anmodes om at sende lønsedler.", "jargon", "bede om"),  # "bedes om" is officialese itself
])
def test_no_replacement_where_none_fits_but_the_finding_stays(text, rule, named):
    after, findings = first_fix(text)
    assert after == text
    found = [f for f in findings if f.rule == rule]
    assert found and not found[0].replacements
    assert named in found[0].message and "Tilpas sætningen" in found[0].message or "vi har" in found[0].message


def test_a_refused_light_verb_rewrite_explains_with_an_example():
    _after, findings = first_fix("Der er foretaget en vurdering af din sag.")
    message = next(f.message for f in findings if f.rule == "jargon")
    assert "vi vurderer" in message and "vi har vurderet" in message
