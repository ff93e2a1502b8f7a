"""Who sent a letter, weighed from every place the letter names an authority (checks/sender/analysis.py): sender
lines, the domains of e-mail and web addresses (the register in data/authorities.yml), the body; and which contact
details are the sender's. The letters are written for these tests in the layout of Danish public letters."""

from __future__ import annotations

import pytest

import lixcheck
from lixcheck.checks import sender
from lixcheck.letter.view import Letter
from lixcheck.readers.text import read_text


def section(text: str) -> dict:
    return sender.analyse(Letter(read_text(text))).section()


WINDOW_AND_LETTERHEAD = """Odder Kommune
Rådhusgade 3
8300 Odder

Statsforvaltningen
Storetorv
6200 Aabenraa
Sagsbehandler: Lise Dalgaard
J.nr. 2015-123

Henvendelse om valgvideoer

Statsforvaltningen har vurderet sagen og finder ikke, at Odder Kommune har handlet i strid med loven.
"""


def test_the_block_with_the_case_handler_is_the_sender_not_the_window_address():
    sec = section(WINDOW_AND_LETTERHEAD)
    assert sec["organisation"] == "Statsforvaltningen" and sec["organisation_kind"] == "state"
    # the address of the block with the case handler and the journal number is a reply address
    assert sec["contact"]["address"] == "Storetorv"
    assert sec["clear"] is True  # a state authority with its own contact details is its own unit
    sources = {e["source"] for e in sec["organisation_evidence"]}
    assert {"header", "body"} <= sources


def test_a_name_after_a_preposition_on_a_letterhead_line_is_not_the_sender():
    text = ("TILSYNET MED KOMMUNERNE I REGION SYDDANMARK\nSTATSFORVALTNINGEN SYDDANMARK\nSTORETORV\nAABENRAA\n"
            "JOURNAL NR.: 2010-189\n\nKære borgmester\n\nVi kan imødekomme anmodningen.\n")
    sec = section(text)
    assert sec["organisation"] == "Statsforvaltningen"  # its regional name is an alias of the register's entry
    assert sec["contact"]["address"] == "STORETORV"


def test_the_domain_of_a_letterhead_e_mail_names_the_sender():
    text = ("Besvarelse af spørgsmål nr. 3\n\nHermed sendes besvarelse af spørgsmål nr. 3 fra udvalget.\n\n"
            "Dato: 13. april 2023\nKontor: Stats- og Menneskeretskontoret\nSagsbeh: Sofie Lind\n\n"
            "Slotsholmsgade 10\n1216 København K.\nT +45 7226 8400\nwww.justitsministeriet.dk\njm@jm.dk\n")
    sec = section(text)
    assert sec["organisation"] == "Justitsministeriet"
    assert sec["unit"] == "Stats- og Menneskeretskontoret"  # the unit after its label
    assert sec["contact"]["email"] == "jm@jm.dk" and sec["contact"]["phone"] == "+45 7226 8400"
    assert [e["source"] for e in sec["organisation_evidence"]] == ["domain", "domain"]


@pytest.mark.parametrize(("sentence", "organisation"), [
    ("Yderligere oplysninger kan fås ved henvendelse til Center for Plan og Miljø på e-mail pom@hvidovre.dk.",
     "Hvidovre Kommune"),
    ("Har du spørgsmål, kan du skrive til teknik@rudersdal.dk.", "Rudersdal Kommune"),
    # a way to complain names where to complain, not who wrote
    ("Klagen skal sendes til Ankestyrelsen på ast@ast.dk.", None),
    # an address the letter only mentions, with no invitation to use it
    ("Planen ligger på www.aarhus.dk sammen med de andre planer.", None),
])
def test_an_address_the_reader_is_asked_to_contact_names_the_sender(sentence, organisation):
    text = f"Dispensation til oprensning\n\nDer er givet dispensation til oprensningen.\n\n{sentence}\n"
    assert section(text)["organisation"] == organisation


@pytest.mark.parametrize(("text", "organisation"), [
    ("Orientering om folkeregistrering\n\nHermed fremsender Justitsministeriet et orienteringsbrev om emnet.\n",
     "Justitsministeriet"),
    ("Åstedsforretning\n\nI anledning af en ny kommunevej afholder Vejen Kommune åstedsforretning.\n", "Vejen Kommune"),
    ("Nye regler\n\nSkattestyrelsen har ændret reglerne for fradrag.\n", "Skattestyrelsen"),
    # the name after the verb is the object when a subject comes first
    ("Din sag\n\nVi beder Aarhus Kommune om at sende sagen.\n", None),
    # the appeal body acts in the klagevejledning: no sender
    ("Klagevejledning\n\nAnkestyrelsen skal have din klage inden 4 uger.\n", None),
    # a genitive that is not the letter's view is no sender
    ("Kære forældre\n\nMange følger allerede Sundhedsstyrelsens retningslinjer.\n", None),
    # a municipality or region acting in the klagevejledning is the one that decided: complaints go through it
    ("Landzonetilladelse\n\nDu får tilladelse til at bygge et udhus.\n\nKlagevejledning\n\nDu kan klage til "
     "Planklagenævnet. Når du har klaget, vurderer Lolland Kommune, om afgørelsen skal ændres.\n", "Lolland Kommune"),
    ("Råstofplan\n\nPlanen blev påklaget sidste år. Efter en ny høring har Region Sjælland nu vedtaget planen "
     "igen.\n", "Region Sjælland"),
    # a heading that opens with the authority's own document
    ("Ankestyrelsens principafgørelse om boligstøtte – frakendelse\n\nKommunen kunne nedsætte boligstøtten.\n",
     "Ankestyrelsen"),
    ("Vejen Kommunes tilladelse til et nyt skur\n\nDu må bygge skuret.\n", "Vejen Kommune"),
    # (a document of another authority inside a sentence is no sender)
    ("Din klage\n\nVi har læst Aarhus Kommunes afgørelse om hjælp til medicin.\n", None),
    # … but not a board or a state agency there, and not the municipality whose decision was appealed
    ("Din klage\n\nDu har klaget over Aarhus Kommunes afgørelse om hjælp til medicin.\n", None),
])
def test_the_body_names_the_sender_as_the_subject_of_a_sentence(text, organisation):
    assert section(text)["organisation"] == organisation


def test_a_unit_after_the_authority_in_the_genitive():
    text = "Din kørsel\n\nAarhus Kommunes Kørselskontor har modtaget din ansøgning om kørsel til lægen.\n"
    sec = section(text)
    assert sec["organisation"] == "Aarhus Kommune" and sec["unit"] == "Kørselskontor"


def test_a_unit_as_the_subject_of_a_sentence_in_the_first_paragraphs():
    text = ("Kære grundejerforening\n\nHækkene vokser ud over fortovene.\n\n"
            "Park- og Vejcenter kontakter løbende de grundejere, der ikke klipper deres hæk.\n\n"
            "Med venlig hilsen\n\nJens Mose\nCenterchef\n")
    sec = section(text)
    assert sec["unit"] == "Park- og Vejcenter"  # (and not the job title "Centerchef")
    assert sec["organisation"] is None and sec["clear"] is False


def test_the_unit_in_a_signature_follows_the_name_and_the_job_title():
    text = ("Kære formand\n\nVi sender et opslag om rotter. Gå ind på vores hjemmeside: http://www.kk.dk/rotter\n\n"
            "Med venlig hilsen\n\nHenrik Lund\nMiljøkontrollør\nSkadedyr\n")
    sec = section(text)
    assert sec["organisation"] == "Københavns Kommune"  # from the domain of its own web address ("vores")
    assert sec["unit"] == "Skadedyr" and sec["contact"]["person"] == "Henrik Lund"
    assert sec["contact"]["web"] == "http://www.kk.dk/rotter"
    assert sec["clear"] is True


def test_a_postal_address_counts_where_the_letter_asks_to_send_something_there():
    text = ("Påbud om oprydning\n\nMiljøstyrelsen har meddelt påbud om oprydning.\n\nKlagevejledning\n\n"
            "Der kan klages til Miljø- og Fødevareklagenævnet over afgørelsen. Eventuel klage sendes til:\n\n"
            "Miljøstyrelsen\nC. F. Tietgens Boulevard 40\n5220 Odense SØ\n")
    sec = section(text)
    assert sec["organisation"] == "Miljøstyrelsen"
    assert sec["contact"]["address"] == "C. F. Tietgens Boulevard 40" and sec["clear"] is True


def test_a_name_and_an_address_alone_say_where_the_office_is_not_how_to_reach_it():
    text = ("Udlændingestyrelsen\nRyesgade 53, 2100 København Ø\n\nKære Amir\n\nVi giver afslag.\n\n"
            "Med venlig hilsen\nUdlændingestyrelsen\n")
    sec = section(text)
    assert sec["organisation"] == "Udlændingestyrelsen" and sec["contact"]["address"] is None
    assert sec["clear"] is False


@pytest.mark.parametrize("line", [
    "Du kan læse mere på Ankestyrelsens side www.ast.dk, hvis du vil klage.",  # another authority's domain
    "Du kan klage via Klageportalen på www.borger.dk.",  # a shared portal
    "Skriv til ankestyrelsen@ast.dk, hvis du vil klage.",
])
def test_contact_details_on_another_authoritys_domain_or_a_portal_are_not_the_senders(line):
    text = f"Aarhus Kommune\nBorgerservice\n\nKære Anna\n\nDu får afslag. {line}\n\nMed venlig hilsen\nBorgerservice\n"
    sec = section(text)
    assert sec["organisation"] == "Aarhus Kommune"
    assert not any(sec["contact"][k] for k in ("web", "email", "phone", "address"))


def test_writing_through_a_portal_is_a_way_to_reach_the_sender():
    text = "Aarhus Kommune\nBorgerservice\n\nKære Anna\n\nHar du spørgsmål, så skriv til os via borger.dk.\n"
    assert section(text)["contact"]["web"] == "skriv til os via borger.dk"


@pytest.mark.parametrize(("text", "person"), [
    ("Kære Anna\n\nDin sagsbehandler er Lise Dalgaard.\nTelefon: 12 34 56 78\n", "Lise Dalgaard"),
    ("SAGSBEHANDLER: LVOSYD\n\nStatsforvaltningens brev af 8. december\n", None),  # a code, and no line break
    ("Kære Anna\n\nDu kan ringe til os på 12 34 56 78.\n", None),
])
def test_a_contact_person_is_a_name_on_one_line(text, person):
    assert section(text)["contact"]["person"] == person


def test_the_sender_section_through_check_keeps_its_keys_and_adds_the_evidence():
    d = lixcheck.check(WINDOW_AND_LETTERHEAD).to_dict()["sender"]
    assert {"organisation", "organisation_kind", "unit", "contact", "clear", "reasons", "from_memo"} <= set(d)
    assert set(d["contact"]) == {"phone", "email", "person", "web", "address"}
    for e in d["organisation_evidence"]:
        assert set(e) == {"source", "text", "weight"} and len(e["text"]) <= 60


@pytest.mark.parametrize(("line", "unit"), [
    ("Park- og Vejcenter", True),  # a shortened compound with a unit head (the register's unit words)
    ("Kørselskontoret", True),
    ("Center for Børn og Familie", True),
    ("Borgerservice", True),
    ("Anna Hansen", False),
    ("Vi har modtaget din ansøgning", False),
])
def test_a_line_names_a_unit_by_the_unit_words_of_both_data_files(line, unit):
    from lixcheck.letter import organisations

    assert organisations.is_unit(line) is unit


@pytest.mark.parametrize(("sentence", "unit"), [
    ("Yderligere oplysninger kan fås ved henvendelse til Center for Plan og Miljø på pom@hvidovre.dk.",
     "Center for Plan og Miljø"),
    ("Har du spørgsmål, er du velkommen til at kontakte Borgerservice på pom@hvidovre.dk.", "Borgerservice"),
    # where to complain is not the sender's unit, and what the reader did before is no invitation
    ("Klagen kan rettes til Center for Klager på pom@hvidovre.dk.", None),
    ("Du har tidligere rettet henvendelse til Center for Plan og Miljø på pom@hvidovre.dk.", None),
])
def test_the_unit_the_reader_is_asked_to_contact_is_the_senders_unit(sentence, unit):
    text = f"Dispensation til oprensning\n\nDer er givet dispensation til oprensningen.\n\n{sentence}\n"
    sec = section(text)
    assert sec["organisation"] == "Hvidovre Kommune" or unit is None
    assert sec["unit"] == unit


@pytest.mark.parametrize(("title_line", "unit"), [
    ("Teamleder, Ydelsesservice", "Ydelsesservice"),
    ("Socialrådgiver - Center for Børn og Familie", "Center for Børn og Familie"),
    ("Sagsbehandler, cand.jur.", None),  # a degree is no unit
])
def test_a_unit_after_the_job_title_on_one_signature_line(title_line, unit):
    text = (f"Kære Anna\n\nDu får hjælp til brillerne.\n\nMed venlig hilsen\n\nHanne Holm\n{title_line}\n"
            "Frederiksberg Kommune\nTlf. 38 21 21 21\n")
    sec = section(text)
    assert sec["organisation"] == "Frederiksberg Kommune" and sec["unit"] == unit
