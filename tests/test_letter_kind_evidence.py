"""Letter kind from cues with outcome wording, the evidence in the Report's letter section, and what counts as a
klagevejledning and a begrundelse (checks/letter_kind.py, checks/decision.py). The letters are written for these
tests in the wording of Danish decision letters and public notices."""

from __future__ import annotations

import pytest

import lixcheck
from lixcheck.checks import decision, letter_kind
from lixcheck.letter.view import Letter
from lixcheck.readers.text import read_text


def kind(text: str) -> str:
    return letter_kind.detect_kind(Letter(read_text(text)))


def info(text: str, kind: str | None = None) -> decision.LetterInfo:
    return decision.analyse(Letter(read_text(text)), kind)


@pytest.mark.parametrize(("text", "expected"), [
    # fragments of decisions: the outcome and the legal basis, no salutation, no klagevejledning
    ("Tilladelsen gives i henhold til § 20, stk. 2, i lov om råstoffer. Den gælder i et år.\n", "decision"),
    ("Bevillingsskrivelse\n\nBevilget efter paragraf § 52\n\nDet bevilges:\n\nStartdato: 1. maj\n", "decision"),
    ("Landzonetilladelse – opførelse af et skur\n\nKommunen har efter planlovens § 35 meddelt landzonetilladelse til "
     "et skur på 20 m².\n", "decision"),
    ("Påbud om oprydning\n\nMiljøstyrelsen har meddelt påbud til virksomheden om at rydde grunden.\n", "decision"),
    ("Afgørelse i din klagesag\n\nAnkestyrelsen stadfæster kommunens afgørelse om hjælp til briller.\n", "decision"),
    # outcome wording outweighs the cues of an information letter
    ("Tak for din ansøgning\n\nVi har modtaget din ansøgning om boligstøtte. Du har fået bevilget 1.200 kr. om "
     "måneden.\n", "decision"),
    # a draft decision put to the parties
    ("Høring om vandløbsregulering\n\nTilladelsen er i høring i 4 uger. Kommunen agter at meddele tilladelse til at "
     "regulere vandløbet, når høringen er slut.\n", "partshoering"),
    # answers and supervisory statements are information, even where they speak of decisions
    ("Besvarelse af spørgsmål nr. 12\n\nHermed sendes besvarelse af spørgsmål nr. 12 om Ankestyrelsens afgørelser "
     "fra udvalget.\n", "information"),
    ("Henvendelse om kommunens regler\n\nStatsforvaltningen fører tilsyn med kommunerne. Det er vores opfattelse, at "
     "afgørelsen var lovlig.\n", "information"),
    ("Fældning af træer\n\nDu skal søge om tilladelse til at fælde træer i fredskov. Læs mere på kommunens side.\n",
     "information"),
    # a receipt that speaks of the decision to come
    ("Kære Anna\n\nVi har modtaget din ansøgning om boligstøtte. Du hører fra os, når vi har truffet en afgørelse.\n\n"
     "Med venlig hilsen\nBorgerservice\n", "information"),
    # a request with the verb first ("skal vi bruge"), and not "har vi" alone
    ("Kære Anna\n\nFor at vi kan behandle din ansøgning, skal vi bruge en kopi af din lejekontrakt. Send den til os "
     "senest den 1. juni.\n\nMed venlig hilsen\nBorgerservice\n", "request"),
    ("Kære Anna\n\nHer har vi en kopi af din ansøgning. Vi vil gerne fortælle dig om de nye regler.\n\n"
     "Med venlig hilsen\nBorgerservice\n", "information"),
    # the weighing that a decision states (FVL § 24), in a summary of a ruling …
    ("Resumé\n\nAnkestyrelsen lagde ved afgørelsen vægt på, at ansøgerne havde et stort behov for hjælp om "
     "natten.\n", "decision"),
    # … but not a weighing to come in a hearing
    ("Partshøring\n\nVi vil lægge vægt på, at du har et stort behov for hjælp. Du kan komme med bemærkninger inden "
     "den 1. maj.\n", "partshoering"),
])
def test_letter_kind(text, expected):
    assert kind(text) == expected


def test_an_outcome_deep_in_a_letter_without_a_legal_rule_does_not_decide_alone():
    text = ("Nyt om affald\n\nVi henter affald hver 14. dag.\n\nDu kan bestille en ekstra container.\n\n"
            "Sidste år har byrådet bevilget penge til nye containere.\n")
    assert kind(text) == "information"


def test_kind_evidence_is_in_the_letter_section_with_short_phrases():
    text = ("Afgørelse om hjælp til tandbehandling\n\nKære Anna\n\nDu får afslag på hjælp til tandbehandling, "
            "fordi din formue er større end 10.000 kr.\n\nDu kan klage til os inden 4 uger. Skriv til "
            "ydelser@vejle.dk.\n")
    section = lixcheck.check(text).to_dict()["letter"]
    evidence = section["kind_evidence"]
    assert section["kind"] == "decision" and evidence
    assert {e["where"] for e in evidence} <= {"title", "lead", "body"}
    assert any(e["kind"] == "decision" and "afslag" in e["cue"] and e["where"] == "lead" for e in evidence)
    weights = [e["weight"] for e in evidence]
    assert weights == sorted(weights, reverse=True)  # what decided first
    for e in evidence:
        assert set(e) == {"kind", "cue", "weight", "where"} and len(e["cue"]) <= 42


@pytest.mark.parametrize(("klage", "present", "parts"), [
    # a board and a deadline without the way to complain (FVL § 25: "fremgangsmåden")
    ("Du kan klage til Ankestyrelsen inden 4 uger efter, at du har fået brevet.", False,
     {"where": True, "deadline": True, "how": False}),
    ("Du kan klage til Ankestyrelsen inden 4 uger efter, at du har fået brevet. Send din klage til os på "
     "jobcenter@aarhus.dk.", True, {"where": True, "deadline": True, "how": True}),
    ("Hvis du vil klage, skal du oprette din klage i Klageportalen på borger.dk.", True, {"how": True}),
    ("Du kan klage over afgørelsen til Udlændingenævnet. Du klager via nyidanmark.dk.", True, {"how": True}),
    ("Eventuel klage indgives senest den 17. november via Klageportalen.", True, {"how": True, "deadline": True}),
    ("Ønsker du at klage, skal du rette henvendelse til Familieretshuset inden 4 uger.", True, {"how": True}),
    # the klagevejledning is somewhere else
    ("Afgørelsen kan påklages til Planklagenævnet inden 4 uger. Klagevejledning findes i afgørelsen.", False,
     {"where": True, "deadline": True, "how": False}),
    ("Planen kan påklages til Miljø- og Fødevareklagenævnet til og med den 10. maj. Læs mere om klagevejledning "
     "via linket nedenfor.", False, {"where": True, "deadline": True}),
    # a deadline only, or a bare "du kan klage"
    ("Klagefrist er 4 uger fra offentliggørelsen på hjemmesiden.", False, {"where": False, "how": False}),
    ("Du kan klage over afgørelsen.", False, {"mentioned": True, "where": False}),
    # no place to complain: the decision is final
    ("Afgørelsen kan ikke påklages til anden administrativ myndighed, jf. § 30.", False,
     {"mentioned": True, "where": False}),
    ("Afgørelsen kan indbringes for Ankestyrelsen inden 4 uger.", False, {"where": True, "deadline": True}),
    ("Afgørelsen kan indbringes for Ankestyrelsen inden 4 uger via Klageportalen.", True,
     {"where": True, "deadline": True, "how": True}),
    # the complaint goes to us first: that is the way
    ("Du kan klage til Ankestyrelsen. Klagen skal være os i hænde senest 4 uger efter, at du har fået brevet.", True,
     {"how": True}),
    ("Du kan klage til Ankestyrelsen inden 4 uger. Kommunen genvurderer afgørelsen, før klagen sendes videre.", True,
     {"how": True}),
    ("Du kan klage til Ankestyrelsen. Vi skal have din klage senest 4 uger efter, at du har fået brevet.", True,
     {"how": True}),
    # Klageportalen as the way in, not as a bystander
    ("Klagefristen er 4 uger. Klageportalen finder du på borger.dk.", True, {"where": True, "how": True}),
    ("En klage har opsættende virkning. Hvis der indkommer klager, giver klageportalen besked.", False,
     {"mentioned": True, "where": False, "how": False}),
])
def test_klagevejledning_says_where_and_how(klage, present, parts):
    text = f"Afgørelse om tilladelse\n\nKommunen har givet tilladelse til et skur efter § 35.\n\n{klage}\n"
    result = info(text)
    section = result.section()
    assert section["klagevejledning"] is present
    for part, value in parts.items():
        assert section["klagevejledning_parts"][part] is value, part


@pytest.mark.parametrize(("body", "reasons"), [
    ("Tilladelsen gives på baggrund af din ansøgning af 3. maj.", False),  # the application is no reason
    ("Tilladelsen gives efter § 20 i lov om råstoffer og er derfor uden indvindingsret.", False),  # a legal consequence
    ("Tilladelsen gælder i et år med mulighed for forlængelse efter en konkret vurdering.", False),
    ("Formålet med påbuddet er at standse udledningen af spildevand til havet.", True),
    ("Du har en formue på 40.000 kr. Vi har derfor givet dig afslag.", True),
    ("Du opfylder ikke betingelserne i § 82, fordi din formue er for stor.", True),
    ("Vi har vurderet, at din bolig er for stor til dig.", True),
    # the assessment as decisions word it (FVL § 24: the main considerations)
    ("Det vurderes, at skuret ikke vil påvirke landskabet.", True),
    ("Projektet vurderes ikke at påvirke naturen i området.", True),
    ("Nævnet finder, at kommunens afgørelse er lovlig.", True),
    ("Styrelsen finder – efter en gennemgang af sagen – at skuret er lovligt.", True),
    ("Hvis du finder fejl i opgørelsen, beder vi dig om at ringe til os.", False),
    ("Tilsynet finder grundlag for at udtale kritik af, at oplysningerne ikke var sikret.", True),
    ("Det er styrelsens opfattelse, at behandlingen ikke var nødvendig.", True),
    ("Vi har lagt særlig vægt på oplysningerne fra din læge.", True),
    ("Der lægges vægt på, at skuret står tæt på de andre bygninger.", True),
    ("Henset til skurets størrelse skæmmer det ikke omgivelserne.", True),
    ("Tilladelsen er givet, da skuret ikke strider mod planlovens formål.", True),
    ("Du finder tilladelsen på vores hjemmeside.", False),
    # no reasons: an offer of or a pointer to one, the permit's conditions, a legal duty named, the project's purpose
    ("Du kan få en skriftlig begrundelse, hvis du beder om det.", False),
    ("Nedenfor følger en begrundelse for afgørelsen.", False),
    ("Begrundelsen for afgørelsen er, at skuret står tæt på gården.", True),
    ("Den vigtigste grund er, at skuret står tæt på gården.", True),
    ("Skuret på grunden er, at regne som et udhus.", False),  # (the plot of land)
    ("Tilladelsen er givet på betingelse af, at skuret opføres i træ.", False),
    ("Du opfylder ikke betingelserne for at få hjælp.", True),
    ("Projektet er ikke omfattet af krav om miljøvurdering efter § 21.", False),
    ("Formålet med terrassen er at give beboerne adgang til åen.", False),
    ("Skuret må stå på grunden i fem år.", False),
    ("Afslaget skyldes, at din indtægt er for høj.", True),
    ("Vi har lagt til grund, at du bor alene.", True),
    ("Vi har givet afslag med den begrundelse, at skuret er for stort.", True),
])
def test_begrundelse_is_a_reason_not_a_bare_rule_or_the_application(body, reasons):
    text = f"Afgørelse om tilladelse\n\n{body}\n\nDu kan klage til Ankestyrelsen inden 4 uger.\n"
    assert info(text, "decision").begrundelse is reasons


def test_reasons_below_a_deadline_line_at_the_top_of_a_notice_count():
    text = ("Påbud\n\nKlagefrist: 1. januar 2015 kl. 16.00\n\nMiljøstyrelsen har meddelt påbud til fabrikken.\n\n"
            "Formålet med påbuddet er at ensarte prøvetagningen.\n\nKlagevejledning\n\nKlagen sendes til os.\n")
    assert info(text).begrundelse is True


@pytest.mark.parametrize(("heading", "reasons"), [
    ("Begrundelse", True), ("Begrundelse for afgørelsen", True), ("Kommunens vurdering", True),
    ("Vurdering", True), ("Hvorfor får du afslag?", True),
    ("Baggrunden for ansøgningen", False),  # the application's background, quoted: no reason of the authority
    ("Vilkår", False),
])
def test_running_text_under_a_reasons_heading_is_a_begrundelse(heading, reasons):
    text = (f"Afgørelse om tilladelse\n\nKommunen giver tilladelse til et skur efter § 35.\n\n{heading}\n\n"
            "Skuret står tæt på gården og skal bruges til redskaber.\n\nKlagevejledning\n\n"
            "Du kan klage til Planklagenævnet via Klageportalen inden 4 uger.\n")
    assert info(text).begrundelse is reasons
