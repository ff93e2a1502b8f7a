"""Letter checks (sender clarity, letter kind and decision requirements, template hygiene), directly and through
lixcheck.check(). The rule examples in rules/da/letter.yml are run by tests/test_rules_examples.py."""

from __future__ import annotations

import json
import re

import pytest

import lixcheck
from lixcheck.analysis import analyzer
from lixcheck.checks import decision, letter_kind, sender, template
from lixcheck.checks.template import find_cpr, mask_cpr
from lixcheck.config import Config
from lixcheck.letter import authorities, organisations
from lixcheck.letter import data as gazetteer
from lixcheck.letter.view import Letter
from lixcheck.readers.text import read_text

GOOD = """Vejle Kommune
Borgerservice, Ydelser
Skolegade 1, 7100 Vejle

Afgørelse om hjælp til tandbehandling

Kære Anna Holm

Du får afslag på hjælp til tandbehandling, fordi din formue er større end 10.000 kr. Det står i lov om aktiv
socialpolitik (§ 82).

Sådan klager du
Du kan klage til os inden 4 uger efter, at du har fået brevet. Skriv til ydelser@vejle.dk.

Med venlig hilsen

Lone Jensen
Sagsbehandler
Tlf. 76 81 00 00
"""

BAD = """Vedr. din sag

Kære {Navn}

Vi har behandlet din ansøgning af [Indsæt dato]. Du får afslag, jf. § 82, stk. 1.

Dit CPR-nr. 010203-1234 er noteret.

Med venlig hilsen
Kommunen
"""


def ids(report) -> set[str]:
    return {f.rule for f in report.findings}


# --- data ---------------------------------------------------------------------------------------------------------

def test_the_register_knows_all_98_municipalities_5_regions_and_the_main_state_senders():
    register = authorities.authorities()
    munis = [a.name for a in register if a.kind == "municipality"]
    assert len(munis) == len(set(munis)) == 98
    assert len([a for a in register if a.kind == "region"]) == 5
    for name in ("Udbetaling Danmark", "Skattestyrelsen", "Familieretshuset", "Ankestyrelsen",
                 "Styrelsen for Arbejdsmarked og Rekruttering", "Statens Serum Institut",
                 "Styrelsen for Patientsikkerhed"):
        org = organisations.match_organisation(f"Brev fra {name}")
        assert org is not None and org.name == name and org.kind == "state"
    for m in munis:  # every municipality is recognised by its own name, also lower-cased
        org = organisations.match_organisation(f"Med venlig hilsen {m.lower()}")
        assert org is not None and org.name == m and org.kind == "municipality"


@pytest.mark.parametrize(("text", "name", "kind"), [
    ("Jobcenter Aarhus", None, None),
    ("Århus Kommune, Borgerservice", "Aarhus Kommune", "municipality"),
    ("Region Nordjylland", "Region Nordjylland", "region"),
    ("UDK", "Udbetaling Danmark", "state"),
    ("Eksempelby Kommune", "Eksempelby Kommune", "municipality"),  # by the shape of the name
    ("Beskæftigelsesministeriet", "Beskæftigelses- og Ligestillingsministeriet", "state"),  # an older name
    ("Du kan klage til kommunen", None, None),
])
def test_match_organisation(text, name, kind):
    org = organisations.match_organisation(text)
    assert (org.name, org.kind) == (name, kind) if name else org is None


def test_gazetteer_merge_extends_lists_and_updates_mappings():
    base = {"generic": ["kommunen"], "acronyms": {"MSB": {"name": "x"}}}
    out = gazetteer.merge(base, {"generic": ["forvaltningen", "kommunen"], "acronyms": {"ABC": {"name": "y"}}})
    assert out["generic"] == ["kommunen", "forvaltningen"]
    assert set(out["acronyms"]) == {"MSB", "ABC"}
    assert base["generic"] == ["kommunen"]  # not changed in place


# --- sender -------------------------------------------------------------------------------------------------------

def test_a_clear_sender_from_letterhead_and_signature():
    info = sender.analyse(Letter(read_text(GOOD)))
    sec = info.section()
    assert sec["organisation"] == "Vejle Kommune"
    assert sec["unit"] == "Borgerservice, Ydelser"
    assert sec["contact"]["phone"] == "76 81 00 00"
    assert sec["contact"]["email"] == "ydelser@vejle.dk"
    assert sec["contact"]["person"] == "Lone Jensen"
    assert sec["clear"] is True and sec["reasons"] == []


def test_kommunen_alone_is_not_a_sender_and_the_reasons_say_why():
    sec = sender.analyse(Letter(read_text(BAD))).section()
    assert sec["organisation"] is None and sec["clear"] is False
    assert any("Kommunen" in r for r in sec["reasons"])
    assert any("kontakter" in r for r in sec["reasons"])


def test_contact_details_of_another_authority_do_not_count():
    text = ("Kære Anna\n\nDu får afslag.\n\nDu kan klage til Ankestyrelsen, tlf. 33 41 12 00, ast@ast.dk.\n\n"
            "Med venlig hilsen\nBorgerservice\nVejle Kommune\n")
    sec = sender.analyse(Letter(read_text(text))).section()
    assert sec["contact"]["phone"] is None and sec["contact"]["email"] is None


def test_report_has_the_sender_and_letter_sections_of_the_contract():
    d = lixcheck.check(GOOD).to_dict()
    assert set(d["sender"]) >= {"organisation", "unit", "contact", "clear", "reasons"}
    assert set(d["sender"]["contact"]) >= {"phone", "email", "person"}
    assert set(d["letter"]) >= {"kind", "is_decision", "klagevejledning", "begrundelse", "legal_basis"}
    assert d["letter"]["kind"] == "decision" and d["letter"]["is_decision"] is True
    assert d["letter"]["klagevejledning"] is True and d["letter"]["begrundelse"] is True
    assert any("82" in ref for ref in d["letter"]["legal_basis"])
    assert d["meta"]["kind"] == "decision" and d["meta"]["kind_detected"] is True
    json.dumps(d)
    assert not ids(lixcheck.check(GOOD)) & {"sender.organisation", "sender.unit", "sender.contact",
                                            "decision.klagevejledning", "decision.begrundelse", "template.title"}


@pytest.mark.parametrize("text, refs", [
    ("Vi har truffet afgørelsen efter § 81 i lov om aktiv socialpolitik.", ["§ 81 i lov om aktiv socialpolitik"]),
    ("Det står i lov om individuel boligstøtte § 47.", ["lov om individuel boligstøtte", "§ 47"]),
    ("Vi bruger § 5 i lov om retssikkerhed og administration på det sociale område, og du kan klage.",
     ["§ 5 i lov om retssikkerhed og administration på det sociale område"]),
    ("Det følger af lov om social service og du kan derfor ikke få hjælp.", ["lov om social service"]),
    ("Efter § 85 i lov om social service til at dække udgiften.", ["§ 85 i lov om social service"]),
    ("Efter § 82 a i aktivloven og § 81a, stk. 2.", ["§ 82 a i aktivloven", "§ 81a, stk. 2"]),
    ("Reglen i § 13 i denne sag.", ["§ 13"]),
])
def test_legal_references_keep_the_whole_name_of_the_law(text, refs):
    # The names were cut after their first word ("lov om aktiv"), and the preposition "i" was read as the letter
    # of a paragraph ("§ 81 i" + "lov om aktiv", shown as "§ 81 i, lov om aktiv").
    assert decision.legal_references(text) == refs


def test_the_legal_basis_keeps_the_precise_reference_of_two():
    # The checklist showed "§ 81; § 81, stk. 1": the bare paragraph says nothing the precise one does not.
    letter = ("Afgørelse om hjælp\n\nKære Anna\n\nDu får ikke hjælp efter § 81. Vi har lagt vægt på, at du har "
              "en formue. Efter § 81, stk. 1, skal du først bruge din formue. Du kan også læse § 8.\n\n"
              "Med venlig hilsen\nAarhus Kommune\nTlf. 89 40 20 00\n")
    assert lixcheck.check(letter).to_dict()["letter"]["legal_basis"] == ["§ 81, stk. 1", "§ 8"]


def test_memo_sender_data_fills_in_what_the_text_does_not_say():
    text = "Du får hjælp til nye briller\n\nKære Jens\n\nVi har bevilget 1.200 kr. til nye briller.\n"
    doc = read_text(text, format="memo", meta={"sender": {
        "label": "Haderslev Kommune", "unit": "Sundhed og Omsorg, Hjælpemidler", "person": "Mette Sørensen",
        "phone": "87654321", "email": "sundhed@haderslev.dk"}})
    report = analyzer(Config()).check(doc)
    d = report.to_dict()
    assert d["sender"]["organisation"] == "Haderslev Kommune"
    assert d["sender"]["unit"] == "Sundhed og Omsorg, Hjælpemidler"
    assert d["sender"]["contact"] == {"phone": "87654321", "email": "sundhed@haderslev.dk",
                                      "person": "Mette Sørensen", "web": None, "address": None}
    assert d["sender"]["clear"] is True and d["sender"]["from_memo"] is True
    assert not any(f.rule.startswith("sender.") for f in report.findings)


def test_memo_sender_label_kommunen_is_not_clear():
    doc = read_text("Kære Jens\n\nVi har modtaget din ansøgning.\n", format="memo",
                    meta={"sender": {"label": "Kommunen"}})
    report = analyzer(Config()).check(doc)
    assert {"sender.organisation", "sender.contact", "sender.we"} <= ids(report)


def test_internal_acronym_as_sender_is_flagged_with_its_plain_name():
    text = "Kære Anna\n\nVi har modtaget din ansøgning.\n\nMed venlig hilsen\nMSB\nAarhus Kommune\nTlf. 89 40 20 00\n"
    report = lixcheck.check(text)
    f = next(f for f in report.findings if f.rule == "sender.acronym")
    assert f.text == "MSB" and f.replacements == ("Sociale Forhold og Beskæftigelse",)
    spelled = text.replace("MSB\n", "Sociale Forhold og Beskæftigelse (MSB)\n")
    assert "sender.acronym" not in ids(lixcheck.check(spelled))


def test_acronym_expansions_come_from_one_list():
    """sender.acronym and the acronym rule give the same expansion: the acronym rule's `known` list is the one list
    (issue 16: "MSB" had two different expansions)."""
    from lixcheck.checks.sender import rules as sender_rules

    internal = set(gazetteer.load("senders")["acronyms"])
    known = sender_rules.expansions(Config())
    assert internal and internal <= set(known)  # every internal acronym has its expansion there
    text = "Kære Anna\n\nVi har modtaget din ansøgning.\n\nMed venlig hilsen\nSUF\nKøbenhavns Kommune\n"
    found = [f for f in lixcheck.check(text).findings if f.text == "SUF"]
    # one finding per place: sender.acronym keeps it, the acronym rule (same expansion) is named in `also`
    assert [(f.rule, f.also, f.replacements) for f in found] == [
        ("sender.acronym", ("acronym",), ("Sundheds- og Omsorgsforvaltningen",))]
    alone = lixcheck.check(text, config={"rules": {"disable": ["sender.acronym"]}}).findings
    assert [f.replacements for f in alone if f.text == "SUF"] == [("Sundheds- og Omsorgsforvaltningen",)]


def test_acronym_list_is_extendable_by_a_rule_extension(tmp_path):
    (tmp_path / "eksempelby.yml").write_text(
        "rules:\n  - extend: sender.acronym\n    params:\n      acronyms:\n        TMU: Teknik, Miljø og Udvikling\n",
        encoding="utf-8")
    text = "Kære Anna\n\nVi har modtaget din ansøgning.\n\nMed venlig hilsen\nTMU\nVejle Kommune\nTlf. 76 81 00 00\n"
    assert "sender.acronym" not in ids(lixcheck.check(text))
    report = lixcheck.check(text, config={"rules": {"paths": [str(tmp_path)]}})
    assert [f.replacements for f in report.findings if f.rule == "sender.acronym"] == [("Teknik, Miljø og Udvikling",)]


def test_pasted_paragraph_gets_no_sender_findings_but_a_whole_letter_does():
    para = "Vi har modtaget din ansøgning om boligstøtte. Du hører fra os inden 4 uger."
    assert not any(r.startswith("sender.") or r == "template.title" for r in ids(lixcheck.check(para)))
    letter_text = f"Kære Anna\n\n{para}\n\nMed venlig hilsen\nLone\n"
    assert {"sender.organisation", "sender.contact", "sender.we", "template.title"} <= ids(lixcheck.check(letter_text))


# --- letter kind and decisions ------------------------------------------------------------------------------------

@pytest.mark.parametrize(("text", "kind"), [
    ("Afgørelse om boligstøtte\n\nDu får afslag på boligstøtte, fordi din indkomst er for høj.", "decision"),
    ("Vi overvejer at stoppe din kontanthjælp\n\nInden vi træffer afgørelse, vil vi gerne høre din mening.",
     "partshoering"),
    ("Påmindelse\n\nVi har endnu ikke modtaget dine lønsedler. Send dem senest den 1. maj.", "reminder"),
    ("Indkaldelse til samtale\n\nDu skal til samtale i jobcentret tirsdag den 3. marts kl. 10.00.", "invitation"),
    ("Vi mangler oplysninger\n\nVi mangler dokumentation for din husleje. Send den til os.", "request"),
    ("Nyt om affald\n\nFra 1. juni henter vi pap hver anden uge.", "information"),
])
def test_detect_kind(text, kind):
    assert letter_kind.detect_kind(Letter(read_text(text))) == kind


def test_given_kind_wins_and_danish_names_are_normalised():
    r = lixcheck.check("Nyt om affald\n\nFra 1. juni henter vi pap hver anden uge.", kind="afgørelse")
    assert r.meta["kind"] == "decision" and r.meta["kind_detected"] is False
    assert r.to_dict()["letter"]["is_decision"] is True
    assert {"decision.klagevejledning", "decision.begrundelse", "decision.legal-basis"} <= ids(r)


def test_incomplete_klagevejledning_says_what_is_missing():
    text = ("Afgørelse om hjælp til briller\n\nDu får afslag, fordi din formue er for stor. Det står i § 82 i "
            "lov om aktiv socialpolitik.\n\nDu kan klage over afgørelsen.\n")
    f = next(f for f in lixcheck.check(text).findings if f.rule == "decision.klagevejledning")
    assert "hvem modtageren skal klage til, hvordan modtageren klager" in f.message
    assert "og hvornår klagen senest skal være sendt" in f.message
    assert f.text.startswith("Du kan klage")


def test_board_and_deadline_without_the_way_to_complain_is_incomplete():
    """FVL § 25: the appeal body and the way to complain (a deadline alone is not the way); a pointer to a
    klagevejledning elsewhere is no way either, a court route is one."""
    head = "Afgørelse om hjælp til briller\n\nDu får afslag, fordi din formue er for stor.\n\n"
    def parts(klage):
        r = lixcheck.check(head + klage + "\n")
        return r.to_dict()["letter"], [f for f in r.findings if f.rule == "decision.klagevejledning"]

    letter, found = parts("Du kan klage til Ankestyrelsen inden 4 uger.")
    assert letter["klagevejledning_parts"]["where"] and not letter["klagevejledning_parts"]["how"]
    assert letter["klagevejledning"] is False
    assert "hvordan modtageren klager" in found[0].message and "hvornår" not in found[0].message
    letter, found = parts("Du kan klage til Ankestyrelsen inden 4 uger. Læs klagevejledningen på www.aarhus.dk.")
    assert letter["klagevejledning"] is False
    letter, found = parts("Du kan klage til Ankestyrelsen inden 4 uger. Du klager via Klageportalen på borger.dk.")
    assert letter["klagevejledning"] is True and not found
    letter, found = parts("Du kan ikke klage til en anden myndighed. Du kan indbringe afgørelsen for domstolene "
                          "inden 6 måneder.")
    assert letter["klagevejledning"] is True and not found


def test_full_approval_needs_no_klagevejledning_or_begrundelse():
    text = "Du får en rollator\n\nKære Else\n\nDu har søgt om en rollator. Det får du. Vi bringer den ud i uge 14.\n"
    r = lixcheck.check(text)
    assert r.to_dict()["letter"]["outcome"] == "approval"
    assert not ids(r) & {"decision.klagevejledning", "decision.begrundelse", "decision.legal-basis"}


def test_partshoering_without_deadline():
    base = ("Vi overvejer at stoppe dine sygedagpenge\n\nInden vi træffer afgørelse, vil vi gerne høre din mening. "
            "Du kan komme med bemærkninger.")
    assert "decision.partshoering-frist" in ids(lixcheck.check(base))
    for deadline in (" Svar senest den 14. maj.", " Du har 14 dage til at svare.", " Svar inden 8 dage."):
        assert "decision.partshoering-frist" not in ids(lixcheck.check(base + deadline)), deadline


def test_paragraph_references_in_running_text_but_not_in_parentheses_or_a_rules_section():
    text = ("Du får hjælp efter § 81, stk. 1, nr. 2. Du får også hjælp til transport (aktivloven § 82).\n\n"
            "Regler\nAfgørelsen bygger på § 81 og § 82 i lov om aktiv socialpolitik.\n")
    found = [f.text for f in lixcheck.check(text).findings if f.rule == "decision.paragraph-reference"]
    assert found == ["§ 81, stk. 1, nr. 2"]


# --- template hygiene ---------------------------------------------------------------------------------------------

@pytest.mark.parametrize(("text", "valid"), [
    ("010203-1234", True),  # 1 February 1903
    ("290200-4111", True),  # 29 February 2000: 7th digit 4, year ≤ 36 → 2000, a leap year
    ("290201-4111", False),  # 29 February 2001 does not exist
    ("310499-1234", False),  # 31 April
    ("120385 1237", True),  # with a space
    ("123456-7890", False),  # month 34
    ("kontonummer 0102031234", False),  # 10 digits without a CPR cue
    ("CPR 0102031234", True),
    ("sagsnr. 2026-041234", False),
])
def test_find_cpr_needs_a_valid_birth_date(text, valid):
    assert bool(find_cpr(text)) is valid


def test_mask_cpr_is_broad_and_idempotent():
    assert mask_cpr("cpr 010203-1234 og 0102031234 og 120385 1237") == "cpr 010203-XXXX og 010203XXXX og 120385 XXXX"
    assert mask_cpr(mask_cpr("010203-1234")) == "010203-XXXX"
    assert mask_cpr("Ring på 70 10 20 30, beløb 12.500 kr.") == "Ring på 70 10 20 30, beløb 12.500 kr."
    assert mask_cpr("") == ""


def test_cpr_finding_never_shows_the_full_number():
    report = lixcheck.check(BAD)
    f = next(f for f in report.findings if f.rule == "template.cpr")
    # The Report carries the text with CPR numbers masked (same length), so the slice contract still holds.
    assert f.text == "010203-XXXX" == report.text[f.offset:f.offset + f.length]
    assert "010203-1234" not in json.dumps(report.to_dict(), ensure_ascii=False) and "010203-1234" not in report.text
    assert "010203-XXXX" in f.message and "1234" not in f.message
    assert not any("1234" in r for r in f.replacements)
    masked = json.dumps([{**g.to_dict(), "text": mask_cpr(g.text)} for g in report.findings], ensure_ascii=False)
    assert "010203-1234" not in masked


def test_instruction_text_and_fillers():
    text = ("Vi har modtaget din ansøgning den [Indsæt dato]. Du får XX kr. om måneden fra den xx.xx.xxxx.\n\n"
            "Klik her for at angive tekst.\n\n<skriv begrundelse her>\n\nSkriv sagsnummeret i emnefeltet "
            "(skriv det helt ud). Masket CPR: 010203-XXXX.")
    found = [f.text for f in lixcheck.check(text).findings if f.rule == "template.instruction"]
    assert found == ["[Indsæt dato]", "XX", "xx.xx.xxxx", "Klik her for at angive tekst", "<skriv begrundelse her>"]


@pytest.mark.parametrize(("title", "generic"), [
    ("Brev", True), ("Vedr. din sag", True), ("Vedrørende din ansøgning", True), ("Besked fra Borgerservice", True),
    ("Sagsnr. 2026-1234", True), ("Afgørelse", True), ("", True),
    ("Afgørelse om boligstøtte", False), ("Du får boligstøtte fra 1. maj", False),
    ("Om din ansøgning om boligstøtte", False),
])
def test_generic_titles(title, generic):
    assert template.is_generic_title(title) is generic


def test_title_from_metadata_wins_and_an_empty_one_is_flagged():
    body = "Kære Anna\n\nVi har modtaget din ansøgning.\n\nMed venlig hilsen\nBorgerservice, Vejle Kommune\n"
    for title, fires in (("Besked fra kommunen", True), ("", True), ("Vi har fået din ansøgning om pas", False)):
        doc = read_text(body, meta={"title": title})
        assert ("template.title" in ids(analyzer(Config()).check(doc))) is fires, title


# --- configuration ------------------------------------------------------------------------------------------------

def test_letter_rules_can_be_switched_off_by_id_and_by_category():
    assert {"sender.organisation", "template.cpr", "decision.paragraph-reference"} <= ids(lixcheck.check(BAD))
    off = ids(lixcheck.check(BAD, config={"rules": {"disable": ["sender.organisation", "template"]}}))
    assert "sender.organisation" not in off and not any(r.startswith("template.") for r in off)
    assert "sender.contact" in off and "decision.paragraph-reference" in off
    assert "sender" not in lixcheck.check(BAD, config={"rules": {"disable": ["sender"]}}).to_dict()


def test_letter_checks_do_not_write_letter_text_anywhere(tmp_path, monkeypatch, caplog):
    monkeypatch.chdir(tmp_path)
    lixcheck.check(BAD)
    assert list(tmp_path.iterdir()) == []
    assert not re.search(r"010203-?1234", caplog.text)


def test_til_orientering_is_an_information_cue():
    """The cue was written "\\still orientering" (whitespace + "till"), which no letter says."""
    text = "Kære Anna\n\nTil orientering sender vi dig referatet fra mødet.\n\nMed venlig hilsen\nBorgerservice"
    scores = letter_kind.kind_scores(Letter(read_text(text)))
    assert scores["information"] >= 2
