"""Klagevejledning and begrundelse on real wordings (tests/data/legal_wordings_real.yml, benchmarks/
acc_legal_wordings.py): the set's structure, a wrapper letter that adds no cue of its own, floors at the level
reached, and the classes of wording the cues were widened or narrowed for, as rule examples."""

from __future__ import annotations

import sys
from collections import Counter
from pathlib import Path

import pytest

import lixcheck

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "benchmarks"))

import acc_legal_wordings  # noqa: E402


def test_the_set_is_large_enough_with_negatives_well_represented_and_every_item_sourced():
    items = acc_legal_wordings.items()
    labels = Counter(i["label"] for i in items)
    assert set(labels) <= set(acc_legal_wordings.LABELS)
    assert len(items) >= 300
    assert labels["klage-incomplete"] + labels["not-begrundelse"] + labels["neither"] >= 175
    assert all(labels[label] >= 5 for label in acc_legal_wordings.LABELS)
    for item in items:
        assert item["source"].startswith(("http://", "https://")), item
        assert item["text"].strip() == item["text"] and len(item["text"].split()) >= 5, item
    texts = [" ".join(i["text"].split()) for i in items]
    assert len(texts) == len(set(texts)), "a passage occurs twice"


@pytest.mark.parametrize("passage", ["", "Vi har modtaget dine oplysninger den 3. marts."])
def test_the_wrapper_letter_carries_no_klage_or_reason_cue(passage):
    assert acc_legal_wordings.verdicts(passage) == (False, False)


def test_real_wordings_floors():
    r = acc_legal_wordings.evaluate()
    klage, reasons = r["klagevejledning"], r["begrundelse"]
    # Reached on 307 passages (73 of the first round, 124 of the second, 90 of the third and 20 held out after its
    # fixes, each labelled before lixcheck saw it; the third round alone scored klagevejledning P/R 0.85/0.94 and
    # begrundelse 0.65/0.88 before its classes were fixed, the 20 held out 1.00/1.00 and 0.50/1.00 after):
    # klagevejledning 60/61 found (missed: the way in the sentence before the one that mentions complaining), 2 false
    # findings (a complaint to be sent "to the address given in the klagevejledning" of another letter; a law's rule
    # on what a klagevejledning must say); begrundelse 64/64 found, 8 false findings (conditions said not to be met
    # without saying which, a rule about reasons, the reason of a rule ("Det skyldes, at din boligstøtte afhænger af
    # din indkomst"), why letters may still come, a rule with "på grund af", a writing guide under the heading
    # "Begrundelse", two general texts that draw a conclusion with "derfor").
    # The fourth round (63 passages, 370 in all) scored, before its classes were fixed: klagevejledning 62/65 found
    # with 3 false findings, begrundelse 74/74 with 18 false findings, is_decision on the 31 bare passages with a
    # `decision` field TP 2 FP 8 FN 2. After: klagevejledning 64/65 found, 2 false findings; begrundelse 74/74, 10 false
    # findings (the eight above, a general text that concludes with "derfor" about what cannot be assessed, a
    # writing guide's "hvorfor"; a news item's ", da"; a rule "på baggrund af oplysninger"); is_decision TP 4 FP 3
    # FN 0 (general rules with "afslag på", "tilbagebetalt" or "du får flere penge" in a lone paragraph).
    assert klage["fn"] <= 1 and klage["fp"] <= 2, r["wrong"]
    assert reasons["fn"] == 0 and reasons["fp"] <= 10, r["wrong"]
    decision = r["decision"]
    assert decision["items"] >= 31 and decision["fn"] == 0 and decision["fp"] <= 3, r["wrong"]


def _letter(body: str) -> dict:
    text = acc_legal_wordings.WRAPPER.format(passage=body)
    return lixcheck.check(text, kind="decision").to_dict()["letter"]


@pytest.mark.parametrize("body, want", [
    # a complaint form in its own paragraph is the way to complain
    ("Du kan klage til Ankestyrelsen inden 4 uger.\n\nDu udfylder og sender et klageskema.", True),
    ("Du kan klage til Ankestyrelsen inden 4 uger.", False),
])
def test_a_complaint_form_says_how_to_complain(body, want):
    assert _letter(body)["klagevejledning"] is want


@pytest.mark.parametrize("body, want", [
    # a party's argument is no reason of the authority, the authority's own weighing is
    ("Du har i din klage gjort gældende, at afgørelsen er forkert, fordi du ikke blev hørt.", False),
    ("Du har i din klage gjort gældende, at du ikke blev hørt. Vi har lagt vægt på, at du blev hørt den 2. maj.",
     True),
    # a rule put as a condition is not applied to the case
    ("Hvis kommunen vurderer, at du kan arbejde, kan du ikke få pension.", False),
    ("Kommunen vurderer, at du kan arbejde 20 timer om ugen.", True),
    # the conditions of a permit are no reason; not meeting the conditions is
    ("Tilladelsen har nogle betingelser, der skal overholdes.", False),
    ("Du opfylder ikke betingelserne, fordi din formue er over 99.200 kr.", True),
    # the consequence of the outcome is no reason for it
    ("Det betyder, at kommunens afgørelse står ved magt.", False),
])
def test_sentences_that_give_no_reason_of_the_authority(body, want):
    assert _letter(body)["begrundelse"] is want


@pytest.mark.parametrize("body, want", [
    # what a line ending in ":" introduces (an address, a list of ways) belongs to the klagevejledning
    ("Du kan klage over afgørelsen til:\n\nAnkestyrelsen\nPostboks 9080\n1022 København K", True),
    ("Klager sendes via:\n\n- e-Boks, hvor du vælger Nævnenes Hus som modtager\n- brevpost til Nævnenes Hus", True),
    # a postal address, on its own lines or in the sentence, is the way (a letter); the name of the body alone is not
    ("Du kan klage over afgørelsen til:\n\nKonkurrence- og Forbrugerstyrelsen\nCarl Jacobsens Vej 35\n2500 Valby",
     True),
    ("Du kan klage over afgørelsen til Ankestyrelsen, Amaliegade 25, 1256 København K, inden 4 uger.", True),
    ("Du kan klage over afgørelsen til Konkurrence- og Forbrugerstyrelsen inden 4 uger.", False),
    # the authority forwarding a complaint says where it ends up, not how the reader complains
    ("Hvis vi fastholder afgørelsen, sender vi din klage til Ankestyrelsen.", False),
    ("Send din klage til os inden 4 uger. Hvis vi fastholder afgørelsen, sender vi den videre til Ankestyrelsen.",
     True),
    ("Klagen indgives til jobcentret, der genvurderer sagen.", True),
    # "indgives til" names the place, not the way
    ("Din klage skal indgives til Ankestyrelsen senest 4 uger efter, at du har fået afgørelsen.", False),
    ("Klager over afgørelsen skal indgives skriftligt og direkte til Miljø- og Fødevareklagenævnet.", True),
    # a pointer with its verb first says where the guidance is, not how to complain; a way the reader may not use
    # or is exempted from is no way either
    ("Klager over afslag på aktindsigt kan ikke indgives via Klageportalen. Fremgangsmåden vil fremgå af "
     "klagevejledningen i din afgørelse.", False),
    ("Du kan blive fritaget for at bruge Klageportalen, hvis du har et særligt handicap.", False),
    ("Klager over afgørelsen skal indgives via Klageportalen.", True),
    # a court route is the guidance of a final decision only with its time limit
    ("Afgørelsen kan indbringes for domstolene.", False),
    ("Du kan ikke klage over afgørelsen til en anden myndighed. Du kan indbringe den for domstolene inden 6 "
     "måneder.", True),
])
def test_where_and_how_to_complain(body, want):
    assert _letter(body)["klagevejledning"] is want


@pytest.mark.parametrize("body, want", [
    # a few words inside the phrases of the assessment
    ("Vi lagde ved afgørelsen til grund, at du ikke kunne tage bussen.", True),
    ("Kommunen lagde i sin afgørelse bl.a. vægt på, at du bor alene.", True),
    # a causal "da" clause in the present tense before the main clause; a temporal one is no reason
    ("Da bilen ikke er sammenlignelig med bilerne i annoncerne, har vi skønnet prisen.", True),
    ("Da vi modtog din ansøgning, sendte vi den til din læge.", False),
    # … also when a dot inside a name or a number stands in the clause
    ("Da siden www.eksempel.dk ikke er anmeldt til nævnet, kan nævnet ikke behandle klagen.", True),
    ("Da regningen på 12.500 kr ikke er betalt, kan vi ikke udbetale tilskuddet.", True),
    # a duty to give reasons, a calculation still to be made
    ("Afgørelsen skal være begrundet.", False),
    ("Kommunen begrundede afslaget med, at du har en formue på 80.000 kr.", True),
    ("Regionen skal beregne og udbetale godtgørelsen til dig.", False),
    # a party's view; the authority's own view
    ("A mener ikke, at kommunen har begrundet, hvorfor den ændrede ordningen.", False),
    ("I den forbindelse mener vi, at du ikke har ret til hjælp, fordi din formue er for stor.", True),
    ("Du har i din klage henvist til, at du ikke kan tage bussen, idet du har ondt i knæet.", False),
    # a rule of the general kind, possible reasons as examples, a pointer to reasons
    ("Når en skade ikke bliver anerkendt, er det fordi betingelserne ikke er opfyldt.", False),
    ("Grunden til, at vi hjemviser en sag, kan for eksempel være, at der mangler oplysninger.", False),
    ("Det fremgår af afgørelsen, hvad styrelsen har lagt vægt på.", False),
    ("I afgørelsen kan du læse, hvilke oplysninger vurderingen bygger på.", False),
    # a call to explain why: the why follows, or is asked of the reader
    ("I din ansøgning skal du forklare, hvorfor du har brug for hjælpen.", False),
    ("Vi giver dig afslag, fordi du har brug for hjælpen i mindre end 6 måneder.", True),
    # the items after "Resultatet er:" are the outcome; a calculation still to be made is no reason
    ("Resultatet er:\n\n- Udgiften skal medtages ved beregningen af din ydelse.", False),
    ("Det betyder, at sagen sendes tilbage til kommunen til fornyet beregning.", False),
    ("Ved beregningen har vi brugt din indkomst fra 2025.", True),
    ("Vi har lavet en ny beregning af din boligstøtte med din indkomst fra 2025.", True),
    # a reason word inside a condition, or in a list of conditions
    ("Patienten har ret til godtgørelse, hvis én af betingelserne er opfyldt.", False),
    ("Skolen kan kun give fritagelse, når det er begrundet i særlige forhold.", False),
    ("Skolen har ikke givet fritagelse, fordi der ikke er særlige forhold.", True),
    ("Betingelser for at få hjælp:\n\n- Kommunen vurderer, at udgiften er nødvendig.", False),
    # the outcome drawn with "derfor" from a disagreement; from a fact
    ("Vi er ikke enige i kommunens afgørelse. Vi ændrer derfor afgørelsen.", False),
    ("Du har ikke sendt dine lønsedler. Du får derfor afslag.", True),
    # inside the klagevejledning: a decision on a complaint told in the past; what the reader may do
    ("Nævnet afviste klagen. Begrundelsen var, at klagefristen var overskredet.", True),
    ("Du kan klage til os. Klagen skal være modtaget senest 4 uger efter, fordi vi skal nå at se på sagen igen.",
     False),
    # where complaints are to be directed is klagevejledning: its "derfor" gives no reason for the decision
    ("Klager over opkrævningen skal derfor rettes til Gældsstyrelsen.", False),
    # … also with a weak reason word ("derfor") in a sentence told in the past: a board's reasons about standing
    ("Du var ikke selv nævnt i udsendelsen og var derfor ikke klageberettiget. Nævnet afviste derfor klagen.", True),
    ("Du kan klage til os. Du skal derfor sende klagen, så vi har den senest 4 uger efter, at du fik brevet.", False),
    # a sentence that opens with its finite verb is a condition or a question
    ("Vurderer enheden, at betingelserne er opfyldt, vil den bede kommunen om en udtalelse.", False),
    ("Er én af betingelserne ikke overholdt, vil sagen blive afvist.", False),
    ("Enheden vurderer, at betingelserne ikke er opfyldt, fordi du ikke har sendt tegninger.", True),
    # "derfor" in a general conclusion; in a conclusion about the case
    ("Disse muligheder gælder for alle, og der er derfor normalt ikke pligt til at vejlede om dem.", False),
    ("Derfor kan kommunen bede Energistyrelsen om en udtalelse.", False),
    ("Carporten overholder reglerne om afstand til skel, og der er derfor ingen naboer, der skal høres.", True),
    ("Sagen kunne kun afklares ved vidneforklaringer. Nævnet afviste derfor at behandle klagen.", True),
    # the duty to give reasons, the requirements of procedure, "regardless of the reason", an indirect question
    ("En afgørelse skal ikke begrundes, hvis der er fuldt medhold.", False),
    ("Kravet om begrundelse giver en garanti for, at afgørelsen er rigtig.", False),
    ("Dette gælder uanset grunden til den manglende vejledning.", False),
    ("Vi har undersøgt, om du lever op til betingelserne.", False),
    # the background of a decision
    ("Baggrunden er, at vi ikke har administreret reglerne rigtigt.", True),
])
def test_reasons_by_class(body, want):
    assert _letter(body)["begrundelse"] is want


@pytest.mark.parametrize("body, want", [
    # handing in a complaint by post to a named address is a way to complain
    ("Du kan sende klagen med almindelig post til Ankenævnet for Patienterstatningen, Finsensvej 15, 2000 "
     "Frederiksberg.", True),
    # our own self-service solution says where and how
    ("Hvis du vil sende en klage over en afgørelse, skal du benytte vores digitale selvbetjeningsløsning.", True),
    # an authority forwarding a complaint in the Klageportal tells the reader no way to complain
    ("Myndigheden, som har modtaget klagen, videresender den til korrekt førsteinstans i klageportalen.", False),
])
def test_klage_ways_by_class(body, want):
    assert _letter(body)["klagevejledning"] is want


@pytest.mark.parametrize("text, want", [
    # a fragment of a decision: an appeal body's ruling, the answer to a party's argument, an assessment told as done
    ("Udlændingenævnet fastholder Udlændingestyrelsens afgørelse af juli 2019. Ansøgeren kan således ikke få visum, "
     "jf. visumbekendtgørelsens § 8.", True),
    ("Det forhold, at du oplyser, at du var stresset, kan ikke føre til en anden afgørelse, idet det er dit eget "
     "ansvar at betale for varerne.", True),
    ("Vi har samtidig vurderet, at der ikke er oplyst om forhold som nævnt i udlændingelovens § 26.", True),
    # a guide: the process of deciding, the duty to give a klagevejledning, a complaint forwarded by an authority
    ("Det er kommunen, der træffer afgørelse om, du kan få et helbredstillæg.", False),
    ("Der skal ikke gives klagevejledning, hvis afgørelsen giver parten fuldt ud medhold.", False),
    ("Hvis kommunen fastholder sin afgørelse, sender den klagen videre til Ankestyrelsen.", False),
])
def test_decision_fragments_are_decisions_and_guides_are_not(text, want):
    assert lixcheck.check(text).to_dict()["letter"]["is_decision"] is want
