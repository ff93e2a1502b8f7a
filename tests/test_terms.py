"""The `term` rule's legal, administrative and social-benefit terms (rules/da/terms-legal.yml, terms-social.yml):
sourced, plain, found in their inflected forms, not where the letter explains them, and never on everyday words."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import yaml

import lixcheck

ROOT = Path(__file__).resolve().parent.parent
LEGAL = ROOT / "rules" / "da" / "terms-legal.yml"
SOCIAL = ROOT / "rules" / "da" / "terms-social.yml"
CFG = {"rules": {"plugins": False}}


def _found(text: str, rule: str = "term") -> list:
    return [f for f in lixcheck.check(text, config=CFG).findings if f.rule == rule]


def _entries(paths=(LEGAL,)) -> list[dict]:
    return [entry for path in paths for item in yaml.safe_load(path.read_text(encoding="utf-8"))["rules"]
            if item.get("id", item.get("extend")) == "term" for entry in item.get("swap", [])]


@pytest.mark.parametrize(("path", "some_tags"), [
    (LEGAL, {"DOM", "FOB", "PL", "RSL", "GST", "AST", "GDPR"}),
    (SOCIAL, {"AKL", "SEL", "BST", "FAM", "KOM"}),
], ids=lambda p: getattr(p, "name", ""))
def test_every_entry_names_a_source_that_the_file_lists(path, some_tags):
    text = path.read_text(encoding="utf-8")
    tags = set(re.findall(r"^#   ([A-Z]{2,5}) ", text, re.MULTILINE))
    assert some_tags <= tags
    for entry in _entries((path,)):
        assert set(entry["source"].replace(" ", "").split(",")) <= tags, entry


def test_no_term_is_listed_twice_nor_replaced_by_the_jargon_rule():
    seen: set[str] = set()
    for path in sorted((ROOT / "rules" / "da").glob("*.yml")):
        for item in yaml.safe_load(path.read_text(encoding="utf-8"))["rules"]:
            if item.get("id", item.get("extend")) not in ("term", "jargon"):
                continue
            for entry in item.get("swap", []):
                for phrase in entry["phrase"] if isinstance(entry["phrase"], list) else [entry["phrase"]]:
                    assert phrase.lower() not in seen, (path.name, phrase)
                    seen.add(phrase.lower())


@pytest.mark.parametrize("entry", _entries(sorted((ROOT / "rules" / "da").glob("terms*.yml"))),
                         ids=lambda e: str(e["phrase"]))
def test_explanations_are_plain_danish(entry):
    """An entry's message passes lixcheck's own officialese and passive rules (quoted words are what to replace)."""
    if "message" not in entry:
        return
    message = re.sub(r"„[^“]*“", "X", entry["message"])
    own = {"jargon", "passive", "passive.blive", "vague-actor", "formal-address"}
    bad = [(f.rule, f.text) for f in lixcheck.check(message, config=CFG).findings if f.rule in own]
    assert not bad, (entry["phrase"], bad)


@pytest.mark.parametrize(("text", "word", "advice"), [
    ("Du skal efterkomme påbuddet inden den 1. maj.", "påbuddet", "krav fra myndigheden"),
    ("Vi har givet dispensation fra lokalplanen.", "dispensation", "som reglerne ellers ikke tillader"),
    ("Du har fået medhold i din klage.", "medhold", "får ret"),
    ("Klagen kan indgives af de klageberettigede.", "klageberettigede", "ret til at klage"),
    ("Ejendommen ligger i landzone.", "landzone", "uden for byerne"),
    ("Det er også muligt at anlægge søgsmål ved en domstol.", "søgsmål", "retssag"),
    ("Din handlekommune er flyttet.", "handlekommune", "give dig hjælpen"),
    ("Ankestyrelsen stadfæster kommunens afgørelse.", "stadfæster", "enig i"),
    ("Vi har hørt de registrerede om sagen.", "de registrerede", "oplysningerne handler om"),
    ("Der er tale om en omkonstituering af stående udvalg.", "stående udvalg", "faste udvalg"),
    ("Huset ligger på matr. nr. 12a, Ejby By.", "matr. nr.", "register over grunde"),
    # social-benefit terms (terms-social.yml), in the forms letters use
    ("Du har tjent mere end fribeløbet.", "fribeløbet", "må tjene ved siden af"),
    ("Boligstøtten efterreguleres hvert år.", "efterreguleres", "regner støtten ud igen"),
    ("Din hjælp er nedsat efter 225-timers-reglen.", "225-timers-reglen", "225 timer"),
    ("Du er ramt af kontanthjælpsloftet.", "kontanthjælpsloftet", "grænse for"),
    ("Du kan søge om beboerindskudslån.", "beboerindskudslån", "lån fra kommunen"),
    ("Vi tilbyder dig efterværnet.", "efterværnet", "18 til 22 år"),
    ("Normalbidraget stiger den 1. januar.", "Normalbidraget", "hver måned"),
    ("Du er bopælsforælder.", "bopælsforælder", "barnet bor hos"),
    ("Vi har lavet en naboorientering.", "naboorientering", "naboerne"),
    # the words of the klagevejledning of planning and environment decisions, and building, debt, health, work
    ("Nævnet kan kun tage stilling til retlige spørgsmål.", "retlige spørgsmål", "følger loven"),
    ("Du kan ikke klage over kommunens skøn.", "skøn", "lader os vælge"),
    ("Du kan klage, hvis kompetence-/procedureregler ikke er overholdt.", "kompetence-/procedureregler",
     "hvem der må afgøre sagen"),
    ("Vil du gå videre, skal sag anlægges inden 6 måneder.", "sag anlægges", "starte en retssag"),
    ("Carporten må ikke ligge foran vejbyggelinjen.", "vejbyggelinjen", "ikke må bygge foran"),
    ("Arealet er fredskovspligtigt.", "fredskovspligtigt", "blive ved med at være skov"),
    ("Vi har regnet din betalingsevne ud.", "betalingsevne", "faste udgifter"),
    ("I hæfter solidarisk for gælden.", "hæfter solidarisk", "hele gælden"),
    ("Du får ambulant behandling.", "ambulant", "går hjem samme dag"),
    ("Du kan få løn under pasning af nærtstående.", "nærtstående", "dine nærmeste"),
])
def test_legal_terms_are_found_with_a_ready_explanation(text, word, advice):
    (f,) = _found(text)
    assert f.text == word and advice in f.message and f.category == "jargon"


@pytest.mark.parametrize("text", [
    "Du kan få dispensation (lov til at gøre noget, som reglerne ellers ikke tillader).",
    "Du kan få dispensation, det vil sige lov til at bygge højere. Dispensationen gælder i tre år.",
    "Dispensation betyder, at du må gøre noget, som reglerne ellers ikke tillader. Du får dispensation.",
    "Du får ret i klagen (medhold).",
])
def test_a_term_the_letter_explains_is_not_flagged(text):
    assert _found(text) == []


def test_a_definite_subject_is_no_definition():
    """"Påbuddet er sendt" starts with the term, but does not explain it (only the base form defines)."""
    assert [f.text for f in _found("Påbuddet er sendt til dig.")] == ["Påbuddet"]


@pytest.mark.parametrize("text", [
    "Vi har truffet afgørelse om din ansøgning, og du kan klage inden fristen.",
    "Kære Ida\n\nDu får erstatning for skaden, og kommunen betaler dommen.",
    "Reglerne om anbringelse af skilte står i loven.",
    "Vi har bevilget hjælp til dig, og du får en ydelse hver måned.",
    "Du kan genoptage arbejdet, når du er rask.",
    "Vi sender et varsel, før vi lukker for vandet, og du får hjælp til merudgifter.",
    "Du har et vejledende beløb til rådighed, og du kan låne et hjælpemiddel.",
])
def test_everyday_words_are_no_terms(text):
    assert _found(text) == []

