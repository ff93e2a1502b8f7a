"""Synthetic year of Danish public letters: template-based, with merge fields, at any volume. No real personal data.

    python corpus/generate.py --count 20500 --seed 1 --format jsonl --out /tmp/day      # one JSONL file
    python corpus/generate.py --count 500 --format txt --out /tmp/letters               # .txt files + index.jsonl
    python corpus/generate.py --count 500 --format memo --out /tmp/memo                 # MeMo XML + index.jsonl
    python corpus/generate.py --count 20000 --free 0.1 --out /tmp/mix                   # 10 % written by hand

Templates: 16 written out below, and about 200 more assembled from shared and template-specific blocks (see
"The generated catalogue"): the templates of one administration share their opening, klagevejledning, contact
block and closing, and differ in their own paragraphs, some of them optional. Volumes follow a Zipf-like law over
all templates (rank r has weight 1/r^1.1: a few templates dominate, as in a real municipality's output). Each letter
fills its template's merge fields (names, address, dates, amounts, case number, e-mail, sometimes a CPR number) and
varies in optional paragraphs. With ``--free``, a share of the letters are written by hand: random sentences from
many templates, belonging to none (``template`` null). Mass-mailed information letters carry a ``sent`` count
(recipients of the identical letter); personal letters have ``sent`` 1. Dates spread over one calendar year.
The output is deterministic for a given --seed, --count and --free. Names and CPR numbers are invented.
"""

from __future__ import annotations

import argparse
import base64
import datetime as dt
import json
import os
import random
import re
import uuid
from collections.abc import Iterator
from pathlib import Path
from typing import NamedTuple
from xml.sax.saxutils import escape

FIRST = ["Anne", "Jens", "Mette", "Peter", "Hanne", "Lars", "Susanne", "Michael", "Kirsten", "Søren", "Lone",
         "Henrik", "Maria", "Thomas", "Camilla", "Mads", "Sofie", "Ahmed", "Fatima", "Bo", "Ida", "Emil", "Aya"]
LAST = ["Jensen", "Nielsen", "Hansen", "Pedersen", "Andersen", "Christensen", "Larsen", "Sørensen", "Rasmussen",
        "Jørgensen", "Petersen", "Madsen", "Kristensen", "Olsen", "Thomsen", "Poulsen", "Yilmaz", "Holm", "Østergaard"]
STREETS = ["Søndergade", "Vestergade", "Skovvej", "Bakkevej", "Ringgaden", "Åboulevarden", "Møllevej", "Kirkevej",
           "Strandvejen", "Engtoften"]
TOWNS = [("8000", "Aarhus C"), ("8200", "Aarhus N"), ("8210", "Aarhus V"), ("8260", "Viby J"), ("8270", "Højbjerg"),
         ("8381", "Tilst"), ("8520", "Lystrup")]

# Shared paragraphs: template text that recurs across many letters (what the batch cache exploits).
KLAGE = ("Du kan klage over afgørelsen. Hvis du vil klage, skal du gøre det inden fire uger fra den dag, du har "
         "fået dette brev. Du sender klagen til os, og vi ser på sagen igen. Hvis vi fastholder afgørelsen, sender "
         "vi din klage videre til Ankestyrelsen. Du kan klage skriftligt via borger.dk eller ved at ringe til os.")
KLAGE_OLD = ("Afgørelsen kan i henhold til retssikkerhedslovens § 60 påklages til Ankestyrelsen. Klagen skal "
             "indgives til kommunen inden 4 uger efter modtagelsen af nærværende afgørelse, hvorefter kommunen "
             "genvurderer sagen.")
KONTAKT = ("Har du spørgsmål, er du velkommen til at ringe til {sagsbehandler} på telefon {telefon} mandag til "
           "torsdag kl. 9-15. Husk at oplyse dit sagsnummer {sagsnr}.")
KONTAKT_OLD = ("Såfremt De måtte have spørgsmål vedrørende ovenstående, bedes De rette henvendelse til undertegnede "
               "på telefon {telefon} med angivelse af journalnummer {sagsnr}.")
HILSEN = "Med venlig hilsen\n\n{sagsbehandler}\n{enhed}"
PERSONDATA = ("Vi behandler oplysninger om dig efter databeskyttelsesforordningen. Du kan læse mere om dine "
              "rettigheder og om, hvordan vi behandler dine oplysninger, på kommunens hjemmeside.")
AKTINDSIGT = ("Du har ret til at se de oplysninger, vi har brugt i sagen. Det kaldes aktindsigt. Skriv til os, "
              "hvis du ønsker aktindsigt.")

SENDERS = {
    "ydelse": ("Aarhus Kommune", "Borgerservice, Ydelser"),
    "job": ("Aarhus Kommune", "Jobcenter Aarhus"),
    "plads": ("Aarhus Kommune", "Pladsanvisningen"),
    "bolig": ("Aarhus Kommune", "Boligstøtte og Pension"),
    "byg": ("Aarhus Kommune", "Byggeri og Miljø"),
    "sundhed": ("Aarhus Kommune", "Sundhed og Omsorg, Visitationen"),
    "skole": ("Aarhus Kommune", "Børn og Unge, Skoleafdelingen"),
    "affald": ("Aarhus Kommune", "Kredsløb, Affald"),
}

# (template id, sender key, kind, title, paragraphs). "?" before a paragraph makes it optional (present in ~half).
TEMPLATES: list[tuple[str, str, str, str, list[str]]] = [
    ("ydelse-bevilling", "ydelse", "decision", "Du får hjælp til enkeltudgifter", [
        "Kære {navn}",
        "Du har søgt om hjælp til {udgift}. Vi har nu behandlet din ansøgning af {dato_ans}.",
        "Du får {beløb} kr. Vi udbetaler pengene til din NemKonto den {dato_udb}.",
        "Vi har givet dig hjælpen, fordi udgiften er rimelig og nødvendig, og fordi du ikke selv har penge til "
        "den. Vi har lagt vægt på dit budget og dine oplysninger om din økonomi.",
        "Afgørelsen er truffet efter lov om aktiv socialpolitik § 81.",
        KLAGE, "?" + PERSONDATA, KONTAKT, HILSEN]),
    ("ydelse-afslag", "ydelse", "decision", "Afslag på hjælp til enkeltudgifter", [
        "Kære {navn}",
        "Undertegnede skal hermed meddele, at Deres ansøgning om hjælp til {udgift} af {dato_ans} er blevet "
        "behandlet. Det er besluttet, at ansøgningen afslås.",
        "Afslaget er begrundet i, at De efter kommunens vurdering har mulighed for selv at afholde udgiften, jf. "
        "lov om aktiv socialpolitik § 81, stk. 1. Der er ved vurderingen lagt vægt på de af Dem fremsendte "
        "oplysninger om Deres økonomiske forhold.",
        KLAGE_OLD, "?" + AKTINDSIGT, KONTAKT_OLD, HILSEN]),
    ("plads-tilbud", "plads", "decision", "Tilbud om plads i dagtilbud", [
        "Kære {navn}",
        "Vi kan tilbyde jeres barn en plads i {institution} fra den {dato_start}.",
        "I skal svare os senest den {frist}. Hvis vi ikke hører fra jer, går pladsen til et andet barn.",
        "?Pladsen koster {beløb} kr. om måneden. I kan søge om økonomisk friplads på kommunens hjemmeside.",
        "Vi har givet jer pladsen efter reglerne om pladsanvisning i dagtilbudsloven § 23.",
        KLAGE, KONTAKT, HILSEN]),
    ("bolig-regulering", "bolig", "decision", "Din boligstøtte ændres", [
        "Kære {navn}",
        "Din boligstøtte bliver ændret fra den {dato_start}, fordi din indkomst er steget.",
        "Du får nu {beløb} kr. om måneden i boligstøtte.",
        "?Vi har brugt oplysninger fra indkomstregistret. Hvis oplysningerne er forkerte, skal du give os besked.",
        "Afgørelsen er truffet efter lov om individuel boligstøtte § 22.",
        "?" + KLAGE, KONTAKT, HILSEN]),
    ("job-indkaldelse", "job", "information", "Indkaldelse til samtale", [
        "Kære {navn}",
        "Du er indkaldt til en samtale i Jobcenter Aarhus den {dato_møde} kl. {tid}.",
        "Samtalen foregår på {mødested}. Tag dit sygesikringsbevis med.",
        "Hvis du ikke kommer til samtalen, kan det få betydning for din hjælp. Det står i lov om aktiv "
        "socialpolitik § 13.",
        "?Du kan tage en bisidder med til samtalen.",
        KONTAKT, HILSEN]),
    ("job-sanktion", "job", "decision", "Vi trækker i din hjælp", [
        "Kære {navn}",
        "Der er foretaget en vurdering af, om De har haft en rimelig grund til udeblivelse fra samtalen den "
        "{dato_møde}. Det er vurderingen, at der ikke foreligger en rimelig grund.",
        "Der vil på denne baggrund blive foretaget fradrag i Deres hjælp med {beløb} kr.",
        "Afgørelsen er truffet i medfør af lov om aktiv socialpolitik § 36.",
        "CPR-nr.: {cpr}",
        KLAGE_OLD, KONTAKT_OLD, HILSEN]),
    ("byg-tilladelse", "byg", "decision", "Byggetilladelse til {byggeri}", [
        "Kære {navn}",
        "Du får tilladelse til at bygge {byggeri} på {adresse}.",
        "Du skal give os besked, når byggeriet er færdigt. Du må ikke tage byggeriet i brug, før vi har givet dig "
        "en ibrugtagningstilladelse.",
        "?Vi har hørt dine naboer, og de havde ingen bemærkninger.",
        "Tilladelsen er givet efter byggeloven § 16.",
        KLAGE, "?" + PERSONDATA, KONTAKT, HILSEN]),
    ("byg-partshoering", "byg", "partshøring", "Partshøring om {byggeri}", [
        "Kære {navn}",
        "Din nabo har søgt om tilladelse til at bygge {byggeri}. Før vi træffer en afgørelse, vil vi gerne høre, "
        "hvad du mener.",
        "Du kan sende dine bemærkninger til os senest den {frist}.",
        "Vi sender dig en kopi af afgørelsen, når den er truffet.",
        KONTAKT, HILSEN]),
    ("sundhed-visitation", "sundhed", "decision", "Afgørelse om hjemmehjælp", [
        "Kære {navn}",
        "Du får hjælp til rengøring hver anden uge fra den {dato_start}.",
        "Vi har besøgt dig den {dato_ans} og talt med dig om, hvad du selv kan. Vi har vurderet, at du har brug "
        "for hjælp til den tunge rengøring.",
        "Afgørelsen er truffet efter serviceloven § 83.",
        KLAGE, "?" + AKTINDSIGT, KONTAKT, HILSEN]),
    ("skole-indskrivning", "skole", "information", "Indskrivning til skole", [
        "Kære {navn}",
        "Jeres barn skal begynde i skole i august. I skal indskrive barnet senest den {frist} på borger.dk.",
        "Barnet hører til {institution}. I kan også søge om plads på en anden skole.",
        "?Har jeres barn brug for særlig støtte, så fortæl det til skolen, når I indskriver barnet.",
        KONTAKT, HILSEN]),
    ("affald-info", "affald", "information", "Ny tømningsplan for dit affald", [
        "Kære husstand",
        "Fra den {dato_start} ændres tømningsdagen for dit restaffald og madaffald.",
        "Du kan se din nye tømningsplan på kredslob.dk. Husk at stille affaldsbeholderen ud senest kl. 6 om "
        "morgenen.",
        "Har du spørgsmål, kan du ringe til Kredsløb på telefon 77 88 10 10.",
        HILSEN]),
    ("bolig-info", "bolig", "information", "Husk at oplyse ændringer", [
        "Kære {navn}",
        "Du modtager boligstøtte. Det er vigtigt, at du fortæller os, hvis der sker ændringer i din husstand "
        "eller din indkomst.",
        "Hvis du ikke giver besked, kan du komme til at betale penge tilbage.",
        PERSONDATA, KONTAKT, HILSEN]),
    ("ydelse-partshoering", "ydelse", "partshøring", "Partshøring om tilbagebetaling", [
        "Kære {navn}",
        "Vi overvejer at kræve {beløb} kr. betalt tilbage, fordi du har fået for meget i hjælp i perioden til "
        "den {dato_ans}.",
        "Inden vi træffer en afgørelse, har du mulighed for at komme med dine bemærkninger. Du skal sende dem "
        "senest den {frist}.",
        "?Vi har brugt oplysninger fra eIndkomst om din løn.",
        KONTAKT, HILSEN]),
    ("sundhed-hjaelpemiddel", "sundhed", "decision", "Afslag på hjælpemiddel", [
        "Kære {navn}",
        "Det meddeles hermed, at Deres ansøgning om {udgift} ikke kan imødekommes.",
        "Der er ved afgørelsen lagt vægt på, at hjælpemidlet ikke i væsentlig grad kan afhjælpe de varige følger "
        "af Deres nedsatte funktionsevne, jf. serviceloven § 112.",
        KONTAKT_OLD, HILSEN]),
    ("skole-kørsel", "skole", "decision", "Du får gratis skolekørsel", [
        "Kære {navn}",
        "Jeres barn får gratis kørsel til og fra skole fra den {dato_start}, fordi skolevejen er længere end "
        "afstandskravet i folkeskoleloven § 26.",
        "Kørslen bliver planlagt af Midttrafik. I får besked om tider inden skolestart.",
        KLAGE, KONTAKT, HILSEN]),
    ("ydelse-kvittering", "ydelse", "information", "Vi har modtaget din ansøgning", [
        "Kære {navn}",
        "Vi har modtaget din ansøgning om {udgift} den {dato_ans}. Du får svar inden for fire uger.",
        "?Vi skriver til dig, hvis vi mangler oplysninger.",
        KONTAKT, HILSEN]),
]

MASS_MAILED = {"affald-info", "bolig-info"}
UDGIFTER = ["tandbehandling", "briller", "flytning", "depositum", "medicin", "en ny komfur", "en kørestol"]
INSTITUTIONER = ["Børnehuset Solsikken", "Vuggestuen Myretuen", "Skjoldhøjskolen", "Ellevangskolen",
                 "Børnehaven Tusindfryd"]
BYGGERI = ["en carport", "et udhus", "en tilbygning", "et drivhus", "en garage"]
MOEDESTEDER = ["Værkmestergade 15, 8000 Aarhus C", "Gudrunsvej 8, 8220 Brabrand", "Søren Frichs Vej 36, 8230 Åbyhøj"]
YEAR = 2025
MONTH_WEIGHTS = [9, 8, 9, 8, 8, 7, 4, 8, 10, 9, 9, 7]  # fewer letters in July


# -- The generated catalogue: ~200 more templates assembled from shared and template-specific blocks -------------
#
# A real year mixes a few thousand templates, and the templates of one administration share whole blocks: the same
# opening, klagevejledning and contact block, and the same closing. Here each administration ("house") has its own
# shared blocks, and each template adds specific paragraphs: for a topic (a benefit, a service, a permit) and a letter
# type (approval, refusal, hearing, meeting …), every paragraph slot of the type comes in two or three wordings (the
# templates were written by different people), some slots are left out, some are optional per letter ("?"). Two
# templates of one house therefore share a third to half of their text, and two letters of one template differ in
# optional paragraphs and merge values: the hard case for finding templates. The catalogue is fixed (it does not
# depend on --seed); --seed picks the volumes and the letters.


class House(NamedTuple):
    organisation: str
    unit: str
    appeal_to: str | None  # who hears appeals (None: the administration itself only)
    weeks: str  # appeal deadline
    old_style: bool  # officialese klagevejledning and contact block
    hours: str
    openings: tuple[str, str]
    reasons: tuple[str, ...]  # why we said yes / changed something
    refusals: tuple[str, ...]  # why we said no
    weights: tuple[str, ...]  # what we gave weight to
    sources: tuple[str, ...]  # where information came from
    meetings: tuple[str, ...]  # what a meeting is about
    types: tuple[str, ...]  # letter types this house sends
    topics: tuple[tuple[str, str], ...]  # (topic, legal basis)


HOUSES: dict[str, House] = {
    "ydelse": House(
        "Aarhus Kommune", "Borgerservice, Ydelser", "Ankestyrelsen", "fire uger", False, "mandag til torsdag kl. 9-15",
        ("Vi skriver til dig fra Borgerservice om din sag om økonomisk hjælp.",
         "Du får dette brev, fordi du har en sag om økonomisk hjælp hos os."),
        ("udgiften er rimelig og nødvendig, og du ikke selv har penge til den",
         "din økonomi ikke giver plads til udgiften lige nu",
         "du har fået en udgift, som du ikke kunne forudse"),
        ("du selv har mulighed for at betale udgiften", "udgiften ikke er nødvendig efter reglerne",
         "du har penge på din konto, som kan dække udgiften"),
        ("dit budget og dine oplysninger om din økonomi", "de kontoudtog, du har sendt os",
         "oplysningerne fra din tandlæge"),
        ("eIndkomst", "Udbetaling Danmark", "din bank"),
        ("din økonomi og dit budget", "hvordan du kan få styr på dine regninger", "dine muligheder for at spare op"),
        ("bevilling", "afslag", "partshoering", "kvittering", "tilbagebetaling", "rykker"),
        (("hjælp til tandbehandling", "lov om aktiv socialpolitik § 82 a"),
         ("hjælp til briller", "lov om aktiv socialpolitik § 81"),
         ("hjælp til flytning", "lov om aktiv socialpolitik § 85"),
         ("et lån til depositum", "lov om aktiv socialpolitik § 81"),
         ("hjælp til medicin", "lov om aktiv socialpolitik § 82"),
         ("hjælp til begravelse", "sundhedsloven § 160"),
         ("særlig støtte til husleje", "lov om aktiv socialpolitik § 34"),
         ("hjælp til børns fritidsaktiviteter", "lov om aktiv socialpolitik § 83"))),
    "job": House(
        "Aarhus Kommune", "Jobcenter Aarhus", "Ankestyrelsen", "fire uger", True, "mandag til fredag kl. 8-14",
        ("Du får dette brev fra Jobcenter Aarhus, fordi du er tilmeldt hos os.",
         "Jobcenter Aarhus skriver til dig om dit forløb hos os."),
        ("du har en sag om ledighed hos os og står til rådighed for arbejdsmarkedet",
         "vi vurderer, at forløbet kan hjælpe dig tættere på et job",
         "din læge og din rådgiver er enige om, at forløbet passer til dig"),
        ("De ikke står til rådighed for arbejdsmarkedet", "De ikke opfylder betingelserne i loven",
         "De har haft indtægter, som overstiger grænsen"),
        ("din jobplan og dine ønsker", "lægens vurdering af dit helbred", "dine erfaringer fra tidligere job"),
        ("arbejdsløshedskassen", "din læge", "Styrelsen for Arbejdsmarked og Rekruttering"),
        ("din jobplan", "dine muligheder for uddannelse", "hvordan du kommer i job"),
        ("bevilling", "afslag", "moede", "partshoering", "ophoer", "rykker"),
        (("kontanthjælp", "lov om aktiv socialpolitik § 11"),
         ("uddannelseshjælp", "lov om aktiv socialpolitik § 23"),
         ("et ressourceforløb", "lov om en aktiv beskæftigelsesindsats § 68 a"),
         ("et jobafklaringsforløb", "lov om en aktiv beskæftigelsesindsats § 68 c"),
         ("fleksjob", "lov om en aktiv beskæftigelsesindsats § 70"),
         ("ansættelse med løntilskud", "lov om en aktiv beskæftigelsesindsats § 51"),
         ("virksomhedspraktik", "lov om en aktiv beskæftigelsesindsats § 42"),
         ("en mentor", "lov om en aktiv beskæftigelsesindsats § 78"))),
    "plads": House(
        "Aarhus Kommune", "Pladsanvisningen", "Ankestyrelsen", "fire uger", False, "mandag til fredag kl. 10-14",
        ("Pladsanvisningen skriver til jer om jeres barns pasning.",
         "Vi skriver til jer fra Pladsanvisningen i Aarhus Kommune."),
        ("jeres barn står først på ventelisten", "jeres husstandsindkomst er under grænsen",
         "jeres barn har søskende i samme dagtilbud"),
        ("jeres husstandsindkomst er over grænsen", "der ikke er ledige pladser i det ønskede område",
         "ansøgningen er kommet for sent"),
        ("jeres ønsker og barnets alder", "jeres indkomst for sidste år", "afstanden fra jeres hjem"),
        ("Skattestyrelsen", "Folkeregistret", "dagtilbuddets leder"),
        ("jeres barns trivsel", "barnets start i dagtilbud", "jeres ønsker til pasning"),
        ("bevilling", "afslag", "kvittering", "aendring", "orientering", "ophoer"),
        (("en plads i vuggestue", "dagtilbudsloven § 23"),
         ("en plads i børnehave", "dagtilbudsloven § 23"),
         ("en plads i dagpleje", "dagtilbudsloven § 21"),
         ("en plads i SFO", "folkeskoleloven § 3, stk. 7"),
         ("en plads i fritidsklub", "dagtilbudsloven § 65"),
         ("økonomisk friplads", "dagtilbudsloven § 43"),
         ("søskendetilskud", "dagtilbudsloven § 43, stk. 1, nr. 3"),
         ("tilskud til privat pasning", "dagtilbudsloven § 80"))),
    "bolig": House(
        "Aarhus Kommune", "Boligstøtte og Pension", "Ankestyrelsen", "fire uger", False, "mandag til fredag kl. 9-13",
        ("Vi skriver til dig fra Boligstøtte og Pension.",
         "Du får dette brev, fordi du modtager ydelser fra Boligstøtte og Pension."),
        ("din indkomst er ændret", "din husleje er steget", "der er flyttet en person ind hos dig"),
        ("din indkomst er for høj", "boligen ikke er godkendt til helårsbeboelse",
         "du ikke har folkeregisteradresse i boligen"),
        ("oplysningerne i indkomstregistret", "din lejekontrakt", "din formue"),
        ("indkomstregistret", "din udlejer", "Folkeregistret"),
        ("din pension og dine muligheder", "din økonomi efter ændringen", "dine ønsker til bolig"),
        ("bevilling", "afslag", "aendring", "tilbagebetaling", "orientering", "partshoering"),
        (("boligydelse", "lov om individuel boligstøtte § 14"),
         ("boligsikring", "lov om individuel boligstøtte § 20"),
         ("folkepension", "lov om social pension § 12"),
         ("førtidspension", "lov om social pension § 16"),
         ("personligt tillæg", "lov om social pension § 14"),
         ("varmetillæg", "lov om social pension § 17"),
         ("helbredstillæg", "lov om social pension § 14 a"),
         ("lån til betaling af ejendomsskat", "lov om lån til betaling af ejendomsskatter § 1"))),
    "byg": House(
        "Aarhus Kommune", "Byggeri og Miljø", "Planklagenævnet", "fire uger", True, "mandag til torsdag kl. 10-12",
        ("Byggeri og Miljø har behandlet en sag om din ejendom.",
         "Vi skriver til dig om byggeri på din grund."),
        ("byggeriet overholder reglerne i bygningsreglementet", "naboerne ikke har haft bemærkninger",
         "projektet passer ind i området"),
        ("byggeriet ikke overholder lokalplanen", "byggeriet er for tæt på skel",
         "bebyggelsesprocenten bliver for høj"),
        ("tegningerne og beskrivelsen af projektet", "naboernes bemærkninger", "lokalplanen for området"),
        ("BBR", "din nabo", "den statiske dokumentation"),
        ("dit projekt og tegningerne", "hvad lokalplanen tillader", "hvordan byggeriet kan tilpasses"),
        ("bevilling", "afslag", "partshoering", "kvittering", "rykker", "moede"),
        (("tilladelse til en carport", "bygningsreglementet § 5"),
         ("tilladelse til en tilbygning", "byggeloven § 16"),
         ("tilladelse til et udhus", "bygningsreglementet § 6"),
         ("tilladelse til nedrivning", "byggeloven § 16 a"),
         ("tilladelse til ændret anvendelse", "planloven § 35"),
         ("dispensation fra lokalplanen", "planloven § 19"),
         ("tilladelse til solceller på taget", "bygningsreglementet § 7"),
         ("tilladelse til et jordvarmeanlæg", "jordvarmebekendtgørelsen § 4"))),
    "sundhed": House(
        "Aarhus Kommune", "Sundhed og Omsorg, Visitationen", "Ankestyrelsen", "fire uger", False,
        "alle hverdage kl. 8-12",
        ("Visitationen i Sundhed og Omsorg skriver til dig om din hjælp.",
         "Vi har set på din sag om hjælp i hjemmet."),
        ("du har brug for hjælp til de opgaver, du ikke selv kan klare", "dit helbred er blevet dårligere",
         "hjælpen kan gøre det lettere for dig at klare dig selv"),
        ("du selv kan klare opgaven", "hjælpemidlet ikke i væsentlig grad kan afhjælpe dine varige følger",
         "du kan få hjælpen et andet sted"),
        ("det, vi så ved besøget i dit hjem", "din læges oplysninger", "hvad du selv kan"),
        ("din læge", "hjemmeplejen", "din terapeut"),
        ("hvad du selv kan, og hvad du har brug for hjælp til", "din hverdag og dit helbred",
         "hvordan vi kan hjælpe dig"),
        ("bevilling", "afslag", "moede", "aendring", "ophoer", "kvittering"),
        (("praktisk hjælp i hjemmet", "serviceloven § 83"),
         ("personlig pleje", "serviceloven § 83"),
         ("madservice", "serviceloven § 83"),
         ("et nødkald", "serviceloven § 112"),
         ("en rollator", "serviceloven § 112"),
         ("en kørestol", "serviceloven § 112"),
         ("en boligændring", "serviceloven § 116"),
         ("genoptræning", "serviceloven § 86"))),
    "skole": House(
        "Aarhus Kommune", "Børn og Unge, Skoleafdelingen", "Klagenævnet for Specialundervisning", "fire uger", False,
        "mandag til torsdag kl. 9-14",
        ("Skoleafdelingen i Børn og Unge skriver til jer om jeres barns skolegang.",
         "Vi skriver til jer om {barn} og skolen."),
        ("skolevejen er længere end afstandskravet", "skolen kan give jeres barn den støtte, barnet har brug for",
         "der er plads på klassetrinnet"),
        ("der ikke er plads på klassetrinnet", "skolevejen ikke er trafikfarlig",
         "barnet kan få støtten på sin nuværende skole"),
        ("skolens beskrivelse af barnet", "PPR's vurdering", "jeres ønsker"),
        ("skolen", "Pædagogisk Psykologisk Rådgivning", "sundhedsplejen"),
        ("hvordan {barn} trives", "barnets skoledag og lektier", "den støtte, barnet får"),
        ("bevilling", "afslag", "moede", "kvittering", "orientering", "partshoering"),
        (("gratis skolekørsel", "folkeskoleloven § 26"),
         ("skoleskift", "folkeskoleloven § 36"),
         ("specialundervisning", "folkeskoleloven § 3, stk. 2"),
         ("en plads i modtagerklasse", "folkeskoleloven § 5, stk. 7"),
         ("fritagelse fra undervisning", "folkeskoleloven § 6"),
         ("ekstra undervisning i dansk", "folkeskoleloven § 5"),
         ("skoleudsættelse", "folkeskoleloven § 34"),
         ("kommunal tandpleje", "sundhedsloven § 127"))),
    "affald": House(
        "Aarhus Kommune", "Kredsløb, Affald", None, "fire uger", False, "hverdage kl. 8-15",
        ("Kredsløb skriver til dig om affald fra din adresse.",
         "Du får dette brev fra Kredsløb, fordi du er grundejer."),
        ("der er ændret i ruterne", "din ejendom er skiftet til en ny ordning", "du har bestilt ændringen"),
        ("beholderen står for langt fra vejen", "ejendommen ikke er tilmeldt ordningen",
         "bestillingen kom for sent"),
        ("oplysningerne om din ejendom", "skraldebilens registrering", "din bestilling"),
        ("BBR", "skraldemanden", "din grundejerforening"),
        ("sortering af affald", "placering af beholderne", "adgangsvejen til beholderne"),
        ("orientering", "bevilling", "afslag", "rykker", "aendring"),
        (("tømning af restaffald", "affaldsbekendtgørelsen § 19"),
         ("afhentning af storskrald", "affaldsbekendtgørelsen § 48"),
         ("afhentning af haveaffald", "affaldsbekendtgørelsen § 52"),
         ("indsamling af farligt affald", "affaldsbekendtgørelsen § 40"),
         ("en ekstra beholder", "kommunens affaldsregulativ § 9"),
         ("tømning af septiktank", "kommunens regulativ for tømning af bundfældningstanke § 4"),
         ("gebyr for affald", "affaldsbekendtgørelsen § 79"),
         ("en beholder til glas og metal", "affaldsbekendtgørelsen § 67"))),
    "handicap": House(
        "Aarhus Kommune", "Socialforvaltningen, Handicap", "Ankestyrelsen", "fire uger", True,
        "mandag til onsdag kl. 9-12",
        ("Socialforvaltningen skriver til dig om din sag om støtte.",
         "Vi har behandlet din sag i Handicapcentret."),
        ("din funktionsevne er varigt nedsat", "støtten er nødvendig for, at du kan klare hverdagen",
         "dine merudgifter er over grænsen"),
        ("Deres funktionsevne ikke er varigt nedsat", "merudgifterne er under minimumsgrænsen",
         "behovet kan dækkes af andre ydelser"),
        ("lægens erklæring", "din beskrivelse af hverdagen", "udtalelsen fra din støttekontaktperson"),
        ("din læge", "dit bosted", "Udbetaling Danmark"),
        ("din hverdag og dine behov", "hvordan støtten skal tilrettelægges", "dine mål for det næste år"),
        ("bevilling", "afslag", "partshoering", "moede", "aendring", "ophoer"),
        (("dækning af merudgifter", "serviceloven § 100"),
         ("tabt arbejdsfortjeneste", "serviceloven § 42"),
         ("ledsagelse", "serviceloven § 97"),
         ("støtte til køb af bil", "serviceloven § 114"),
         ("aflastning", "serviceloven § 84"),
         ("socialpædagogisk støtte", "serviceloven § 85"),
         ("et botilbud", "serviceloven § 108"),
         ("specialtandpleje", "sundhedsloven § 133"))),
    "opkraevning": House(
        "Aarhus Kommune", "Borgerservice, Opkrævning", None, "fire uger", True, "mandag til fredag kl. 9-14",
        ("Opkrævningen i Borgerservice skriver til dig om et beløb, du skylder.",
         "Vi skriver til dig om din gæld til Aarhus Kommune."),
        ("du har bedt om det, og din økonomi kan bære det", "du har betalt til tiden de sidste måneder",
         "vi har fået nye oplysninger om din indkomst"),
        ("De ikke har overholdt den tidligere aftale", "beløbet er for stort til en afdragsordning",
         "gælden allerede er sendt til inddrivelse"),
        ("dit budget", "dine tidligere betalinger", "størrelsen af gælden"),
        ("Gældsstyrelsen", "din bank", "eIndkomst"),
        ("hvordan du kan betale din gæld", "en afdragsordning", "dit budget"),
        ("rykker", "bevilling", "afslag", "orientering", "tilbagebetaling"),
        (("en afdragsordning", "opkrævningsloven § 8"),
         ("rykkergebyr", "opkrævningsloven § 6"),
         ("modregning i din udbetaling", "opkrævningsloven § 7"),
         ("betaling af ejendomsskat", "ejendomsskatteloven § 25"),
         ("renter af for sen betaling", "renteloven § 3"),
         ("betaling for daginstitution", "dagtilbudsloven § 31"))),
    "natur": House(
        "Aarhus Kommune", "Teknik og Miljø, Natur og Vand", "Miljø- og Fødevareklagenævnet", "fire uger", True,
        "mandag til torsdag kl. 9-15",
        ("Natur og Vand i Teknik og Miljø skriver til dig om din ejendom.",
         "Vi har behandlet en sag om miljø på din adresse."),
        ("anlægget lever op til kravene", "der ikke er risiko for forurening", "projektet ikke skader naturen"),
        ("der er risiko for forurening af grundvandet", "området er beskyttet natur",
         "anlægget ikke lever op til kravene"),
        ("rapporten fra kloakmesteren", "vores besigtigelse", "hensynet til grundvandet"),
        ("din kloakmester", "Miljøstyrelsen", "BBR"),
        ("tilsynet på din ejendom", "kravene til dit anlæg", "tidsplanen for arbejdet"),
        ("bevilling", "afslag", "partshoering", "rykker", "orientering"),
        (("tilladelse til udledning af spildevand", "miljøbeskyttelsesloven § 28"),
         ("sløjfning af olietank", "olietankbekendtgørelsen § 19"),
         ("tilladelse til nedsivning", "spildevandsbekendtgørelsen § 28"),
         ("påbud om separatkloakering", "miljøbeskyttelsesloven § 30"),
         ("dispensation til at fælde træer", "naturbeskyttelsesloven § 65"),
         ("rottebekæmpelse", "rottebekendtgørelsen § 5"))),
    "aeldre": House(
        "Aarhus Kommune", "Sundhed og Omsorg, Boliger", "Ankestyrelsen", "fire uger", False,
        "mandag til fredag kl. 9-12",
        ("Sundhed og Omsorg skriver til dig om din boligsag.",
         "Du får dette brev, fordi du har søgt om en bolig eller et ophold hos os."),
        ("du ikke længere kan klare dig i dit nuværende hjem", "du har brug for hjælp hele døgnet",
         "dine pårørende har brug for aflastning"),
        ("du kan klare dig i dit hjem med hjælp", "der ikke er ledige boliger lige nu",
         "behovet kan dækkes med hjemmehjælp"),
        ("vores samtale med dig og dine pårørende", "hjemmeplejens beskrivelse", "din læges vurdering"),
        ("hjemmeplejen", "din læge", "dine pårørende"),
        ("dine ønsker til bolig", "flytningen", "hverdagen i plejeboligen"),
        ("bevilling", "afslag", "kvittering", "moede", "orientering"),
        (("en plejebolig", "almenboligloven § 54"),
         ("en ældrebolig", "almenboligloven § 54"),
         ("et aflastningsophold", "serviceloven § 84"),
         ("en plads i dagcenter", "serviceloven § 79"),
         ("et klippekort til hjemmehjælp", "serviceloven § 83 a"),
         ("hjælp til indkøb", "serviceloven § 83"))),
}

# What each topic is about: two sentences that every template of the topic carries, its own text that the other
# templates of the house do not have.
ABOUT: dict[str, str] = {
    "hjælp til tandbehandling":
        "Hjælpen dækker den del af tandlægens regning, som du selv skal betale. Tandlægen skal sende os et "
        "overslag, før behandlingen begynder.",
    "hjælp til briller":
        "Hjælpen gælder briller, som en optiker eller øjenlæge har målt dig til. Vi betaler for almindelige "
        "glas og et enkelt stel.",
    "hjælp til flytning":
        "Hjælpen dækker leje af flyttebil eller et flyttefirma. Flytningen skal give dig en bolig, der passer "
        "bedre til din økonomi eller dit helbred.",
    "et lån til depositum":
        "Lånet bruger du til at betale depositum til din nye udlejer. Lånet er rentefrit, og du betaler det "
        "tilbage i små rater hver måned.",
    "hjælp til medicin":
        "Hjælpen dækker den del af prisen på din medicin, som regionen ikke betaler. Apoteket sender regningen "
        "direkte til os.",
    "hjælp til begravelse":
        "Begravelseshjælpen er et tilskud til udgifterne ved en begravelse eller bisættelse. Beløbet afhænger "
        "af afdødes formue.",
    "særlig støtte til husleje":
        "Støtten er til dig, der har høje boligudgifter i forhold til din indtægt. Den bliver udbetalt sammen "
        "med din hjælp hver måned.",
    "hjælp til børns fritidsaktiviteter":
        "Hjælpen betaler kontingent og udstyr, så dit barn kan gå til sport, musik eller spejder. Foreningen "
        "skal bekræfte, at barnet er meldt ind.",
    "kontanthjælp":
        "Kontanthjælp er en ydelse til dig, der ikke kan forsørge dig selv. Du skal stå til rådighed og søge "
        "job, mens du får hjælpen.",
    "uddannelseshjælp":
        "Uddannelseshjælp er til dig under 30 år, som ikke har en uddannelse. Målet er, at du begynder på en "
        "uddannelse hurtigst muligt.",
    "et ressourceforløb":
        "Et ressourceforløb varer mellem et og fem år og skal hjælpe dig, der har svært ved at få fodfæste på "
        "arbejdsmarkedet. Dit rehabiliteringsteam laver en plan sammen med dig.",
    "et jobafklaringsforløb":
        "Et jobafklaringsforløb er til dig, der er syg og ikke længere kan få sygedagpenge. I forløbet får du "
        "hjælp til at komme tilbage til arbejde.",
    "fleksjob":
        "Et fleksjob er et job på særlige vilkår til dig, der har varigt nedsat arbejdsevne. Din arbejdsgiver "
        "betaler for de timer, du arbejder, og kommunen giver et tilskud.",
    "ansættelse med løntilskud":
        "Med løntilskud bliver du ansat i en virksomhed, som får et tilskud til din løn. Ansættelsen varer som "
        "regel op til et halvt år.",
    "virksomhedspraktik":
        "I en virksomhedspraktik prøver du et arbejde af uden løn, mens du beholder din ydelse. Praktikken "
        "varer normalt fire uger.",
    "en mentor":
        "En mentor er en person, der støtter dig i hverdagen, så du kan klare et job eller en uddannelse. "
        "Mentoren kan være en kollega eller en fra jobcentret.",
    "en plads i vuggestue":
        "Vuggestuen er for børn fra seks måneder til knap tre år. Barnet skal starte senest den dato, der står "
        "i tilbuddet.",
    "en plads i børnehave":
        "Børnehaven er for børn fra tre år til skolestart. Barnet flytter automatisk fra vuggestue til "
        "børnehave, når det fylder tre år.",
    "en plads i dagpleje":
        "I dagplejen bliver jeres barn passet i et privat hjem sammen med tre eller fire andre børn. "
        "Dagplejeren har en gæstedagpleje, når hun har fri.",
    "en plads i SFO":
        "SFO er et fritidstilbud før og efter skoletid på barnets skole. Pladsen følger skoleåret og skal "
        "opsiges med en måneds varsel.",
    "en plads i fritidsklub":
        "Fritidsklubben er for børn fra fjerde klasse. Klubben har åbent efter skoletid og i nogle af ferierne.",
    "økonomisk friplads":
        "En økonomisk friplads betyder, at I betaler mindre for pasningen eller slet ikke betaler. Tilskuddet "
        "afhænger af husstandens samlede indkomst.",
    "søskendetilskud":
        "Søskendetilskud giver rabat på pasningen, når I har mere end ét barn i et dagtilbud. I betaler fuld "
        "pris for den dyreste plads og halv pris for de andre.",
    "tilskud til privat pasning":
        "Tilskuddet gør det muligt at vælge en privat passer til jeres barn. Passeren skal være godkendt af "
        "kommunen, før tilskuddet bliver udbetalt.",
    "boligydelse":
        "Boligydelse er et tilskud til huslejen for folkepensionister. Ydelsen bliver beregnet ud fra huslejen,"
        " boligens størrelse og husstandens indkomst.",
    "boligsikring":
        "Boligsikring er et tilskud til huslejen for lejere, der ikke er pensionister. Der er et loft over, "
        "hvor meget I kan få.",
    "folkepension":
        "Folkepensionen består af et grundbeløb og et pensionstillæg. Pensionstillægget afhænger af din "
        "indkomst og af, om du bor alene.",
    "førtidspension":
        "Førtidspension er til dig, der ikke kan arbejde, heller ikke i et fleksjob. Pensionen bliver udbetalt "
        "den sidste hverdag i måneden.",
    "personligt tillæg":
        "Et personligt tillæg kan hjælpe pensionister, der har en nødvendig udgift, som de ikke selv kan "
        "betale. Tillægget bliver givet én gang.",
    "varmetillæg":
        "Varmetillægget hjælper pensionister med at betale for varme. Tillægget bliver beregnet ud fra dine "
        "faktiske varmeudgifter.",
    "helbredstillæg":
        "Helbredstillæg dækker en del af din egenbetaling til medicin, tandlæge og fysioterapi. Du skal have en"
        " lav formue for at få det.",
    "lån til betaling af ejendomsskat":
        "Lånet betyder, at du ikke selv skal betale ejendomsskatten nu. Lånet bliver tinglyst i din ejendom og "
        "skal betales, når ejendommen sælges.",
    "tilladelse til en carport":
        "En carport må højst være 50 kvadratmeter og 2,5 meter høj ved skel. Den skal være åben i mindst to "
        "sider.",
    "tilladelse til en tilbygning":
        "En tilbygning skal leve op til kravene om energi og brand i bygningsreglementet. Du skal sende "
        "tegninger og en beregning af varmetabet.",
    "tilladelse til et udhus":
        "Et udhus må ikke bruges til beboelse. Det skal placeres mindst 2,5 meter fra skel, hvis det er højere "
        "end 2,5 meter.",
    "tilladelse til nedrivning":
        "Før du river bygningen ned, skal du kortlægge farlige stoffer som asbest og PCB. Affaldet skal "
        "anmeldes til kommunen.",
    "tilladelse til ændret anvendelse":
        "Ændret anvendelse betyder, at bygningen skal bruges til noget andet end i dag, fx fra butik til bolig."
        " Det kan kræve nye brandkrav og flere parkeringspladser.",
    "dispensation fra lokalplanen":
        "En dispensation betyder, at du får lov til at bygge anderledes, end lokalplanen siger. Vi kan kun give"
        " dispensation, hvis det ikke strider mod planens formål.",
    "tilladelse til solceller på taget":
        "Solcellerne skal ligge plant med taget og må ikke blænde naboerne. I et bevaringsværdigt område "
        "stiller vi krav til farven.",
    "tilladelse til et jordvarmeanlæg":
        "Jordvarmeslangerne skal ligge mindst 50 meter fra en drikkevandsboring. Anlægget skal udføres af en "
        "certificeret installatør.",
    "praktisk hjælp i hjemmet":
        "Praktisk hjælp er fx rengøring, tøjvask og indkøb. Hjælpen bliver givet af hjemmeplejen eller en "
        "privat leverandør, som du selv vælger.",
    "personlig pleje":
        "Personlig pleje er hjælp til bad, påklædning og toiletbesøg. Hjælperne kommer på faste tidspunkter, "
        "som du aftaler med dem.",
    "madservice":
        "Med madservice får du leveret varm eller kølet mad til døren. Du betaler selv for maden, men ikke for "
        "udbringningen.",
    "et nødkald":
        "Nødkaldet er et armbånd, du kan trykke på, hvis du falder eller bliver syg. Kaldet går direkte til "
        "hjemmeplejen døgnet rundt.",
    "en rollator":
        "Rollatoren er et udlån, som du skal aflevere igen, når du ikke længere har brug for den. "
        "Hjælpemiddeldepotet bringer den ud til dig.",
    "en kørestol":
        "Kørestolen bliver tilpasset til dig af en terapeut. Du får den som udlån, og vi sørger for "
        "reparationer.",
    "en boligændring":
        "En boligændring kan være at fjerne dørtrin, sætte gelændere op eller ombygge badeværelset. Vi betaler,"
        " hvis ændringen er nødvendig for, at du kan blive boende.",
    "genoptræning":
        "Genoptræningen foregår på et af kommunens træningscentre to gange om ugen. Forløbet varer normalt otte"
        " uger.",
    "gratis skolekørsel":
        "Skolekørsel betyder, at barnet får et buskort eller bliver kørt i taxa. Ordningen gælder kun til "
        "distriktsskolen.",
    "skoleskift":
        "Et skoleskift betyder, at barnet begynder på en ny skole efter en kort overgang. Den nye skole "
        "indkalder jer til en samtale før starten.",
    "specialundervisning":
        "Specialundervisning er undervisning, der er tilrettelagt til børn med særlige behov. Den kan foregå i "
        "en almindelig klasse eller i et specialtilbud.",
    "en plads i modtagerklasse":
        "En modtagerklasse er for børn, der ikke taler dansk endnu. Barnet går i modtagerklassen i op til to "
        "år.",
    "fritagelse fra undervisning":
        "Ved fritagelse skal barnet ikke deltage i et eller flere fag i en periode. Skolelederen skal godkende,"
        " hvordan barnet i stedet bruger tiden.",
    "ekstra undervisning i dansk":
        "Dansk som andetsprog er ekstra undervisning for tosprogede børn. Timerne ligger i forlængelse af den "
        "almindelige skoledag.",
    "skoleudsættelse":
        "Skoleudsættelse betyder, at barnet begynder i skole et år senere. Barnet bliver i børnehaven det "
        "ekstra år.",
    "kommunal tandpleje":
        "Den kommunale tandpleje er gratis for alle børn og unge under 18 år. Klinikken indkalder barnet til "
        "undersøgelse en gang om året.",
    "tømning af restaffald":
        "Restaffald er det affald, der er tilbage, når du har sorteret. Beholderen bliver tømt hver anden uge.",
    "afhentning af storskrald":
        "Storskrald er fx møbler, madrasser og cykler. Du skal bestille afhentningen senest tre dage før.",
    "afhentning af haveaffald":
        "Haveaffald er grene, blade og afklip fra hækken. Grenene skal være bundtet og højst en meter lange.",
    "indsamling af farligt affald":
        "Farligt affald er fx maling, batterier og sprøjtemidler. Du stiller det i den røde boks på låget af "
        "din beholder.",
    "en ekstra beholder":
        "En ekstra beholder koster et fast beløb om året. Den bliver tømt samme dag som din almindelige "
        "beholder.",
    "tømning af septiktank":
        "Septiktanken bliver tømt en gang om året af en vognmand, vi har aftale med. Dækslet skal være synligt "
        "og let at løfte.",
    "gebyr for affald":
        "Affaldsgebyret dækker indsamling og behandling af affaldet. Gebyret står på din ejendomsskattebillet.",
    "en beholder til glas og metal":
        "Beholderen til glas og metal er en ny beholder med to rum. Glas og metal bliver genanvendt i Danmark.",
    "dækning af merudgifter":
        "Merudgifter er de ekstra udgifter, du har på grund af din funktionsnedsættelse, fx særlig kost eller "
        "transport. Udgifterne skal være over 6.000 kr. om året.",
    "tabt arbejdsfortjeneste":
        "Tabt arbejdsfortjeneste er til forældre, der passer et barn med betydelig funktionsnedsættelse hjemme."
        " Vi dækker den løn, du mister.",
    "ledsagelse":
        "Ledsagelse er 15 timer om måneden, hvor en ledsager går med dig til aktiviteter, du selv vælger. Du "
        "betaler selv ledsagerens udgifter til fx billetter.",
    "støtte til køb af bil":
        "Støtten er et rentefrit lån til en bil, som du skal bruge for at kunne arbejde eller klare din "
        "hverdag. Lånet bliver nedskrevet over otte år.",
    "aflastning":
        "Aflastning betyder, at din pårørende får fri, mens du bor et andet sted i en kort periode. Opholdet "
        "kan vare fra et døgn til et par uger.",
    "socialpædagogisk støtte":
        "En bostøtte kommer hjem til dig og hjælper med fx økonomi, indkøb og aftaler. Støtten skal gøre dig "
        "mere selvhjulpen.",
    "et botilbud":
        "Et botilbud er en bolig, hvor der er personale, som kan hjælpe dig. Du betaler husleje og for kost og "
        "el.",
    "specialtandpleje":
        "Specialtandpleje er til dig, der ikke kan bruge den almindelige tandpleje på grund af handicap eller "
        "sygdom. Behandlingen foregår på en særlig klinik.",
    "en afdragsordning":
        "Med en afdragsordning betaler du din gæld af med et fast beløb hver måned. Ordningen stopper, hvis du "
        "ikke betaler til tiden.",
    "rykkergebyr":
        "Rykkergebyret er 100 kr. for hver rykker, vi sender. Du kan undgå gebyret ved at betale til tiden.",
    "modregning i din udbetaling":
        "Modregning betyder, at vi trækker beløbet fra en udbetaling, du skal have fra kommunen. Du får besked,"
        " før vi modregner.",
    "betaling af ejendomsskat":
        "Ejendomsskatten bliver opkrævet i to rater, i januar og juli. Du kan også betale hele beløbet på én "
        "gang.",
    "renter af for sen betaling":
        "Når du betaler for sent, skal du betale renter fra forfaldsdagen. Renten er den officielle udlånsrente"
        " plus otte procent.",
    "betaling for daginstitution":
        "Betalingen for daginstitutionen opkræves forud hver måned. Der betales ikke for juli måned.",
    "tilladelse til udledning af spildevand":
        "Tilladelsen fastsætter, hvor meget og hvad du må lede ud. Vi fører tilsyn med, at kravene bliver "
        "overholdt.",
    "sløjfning af olietank":
        "Når olietanken sløjfes, skal den tømmes og fjernes, eller fyldes med sand. Du skal sende os en "
        "erklæring fra den, der har gjort arbejdet.",
    "tilladelse til nedsivning":
        "Ved nedsivning bliver regnvand eller renset spildevand ledt ned i jorden på din grund. Der skal være "
        "mindst 25 meter til nærmeste brønd.",
    "påbud om separatkloakering":
        "Separatkloakering betyder, at regnvand og spildevand skal løbe i hver sin ledning. Arbejdet skal "
        "udføres af en autoriseret kloakmester.",
    "dispensation til at fælde træer":
        "Træerne står i et område, hvor naturen er beskyttet. Du skal plante nye træer af samme art, hvis du "
        "får lov at fælde.",
    "rottebekæmpelse":
        "Rottebekæmpelsen er gratis for dig. En skadedyrsbekæmper kommer ud inden for fem hverdage og sætter "
        "fælder op.",
    "en plejebolig":
        "En plejebolig er en bolig med personale hele døgnet. Du betaler husleje, el og varme og for den "
        "service, du vælger.",
    "en ældrebolig":
        "En ældrebolig er indrettet, så du kan bo der, selv om du får sværere ved at gå. Der er ikke personale "
        "i boligen.",
    "et aflastningsophold":
        "Et aflastningsophold foregår på et plejehjem i en kortere periode. Du betaler for kost og vask under "
        "opholdet.",
    "en plads i dagcenter":
        "På dagcentret kan du være sammen med andre og få træning en eller flere dage om ugen. Vi kører dig til"
        " og fra dagcentret.",
    "et klippekort til hjemmehjælp":
        "Klippekortet giver dig en halv times ekstra hjælp hver uge, som du selv bestemmer, hvad skal bruges "
        "til. Ubrugte klip kan gemmes i tre måneder.",
    "hjælp til indkøb":
        "Hjælpen betyder, at en indkøbsordning bringer dine varer ud en gang om ugen. Du bestiller varerne over"
        " telefonen.",
}

# Letter types: kind, title, and paragraph slots; each slot lists wordings ("?" = an optional paragraph per letter).
# <topic>, <law>, <reason> … are filled once per template; {navn}, {dato_ans} … are merge fields filled per letter.
TYPES: dict[str, tuple[str, str, list[list[str]]]] = {
    "bevilling": ("decision", "Du får <topic>", [
        ["Du har søgt om <topic>. Vi har nu behandlet din ansøgning af {dato_ans}.",
         "Vi har behandlet din ansøgning om <topic>, som vi fik den {dato_ans}.",
         "Tak for din ansøgning om <topic> af {dato_ans}. Vi har nu set på den."],
        ["Du får <topic> fra den {dato_start}.", "Vi kan bevilge dig <topic> fra den {dato_start}.",
         "Svaret er ja: Du får <topic>. Det gælder fra den {dato_start}."],
        ["?Vi udbetaler {beløb} kr. til din NemKonto den {dato_udb}.",
         "?Du får {beløb} kr., som vi sætter ind på din NemKonto den {dato_udb}."],
        ["Vi har givet dig <topic>, fordi <reason>.", "Du får <topic>, fordi <reason>.",
         "Vi har sagt ja, fordi <reason>."],
        ["Vi har lagt vægt på <weight>.", "I vores vurdering har vi især set på <weight>."],
        ["Afgørelsen er truffet efter <law>.", "Vi har truffet afgørelsen efter reglerne i <law>."],
        ["?Du skal give os besked, hvis dine forhold ændrer sig.",
         "?Husk at fortælle os det, hvis din situation ændrer sig."]]),
    "afslag": ("decision", "Afslag på <topic>", [
        ["Undertegnede skal hermed meddele, at Deres ansøgning om <topic> af {dato_ans} er blevet behandlet.",
         "Vi har behandlet din ansøgning om <topic> af {dato_ans}.",
         "Det meddeles hermed, at Deres ansøgning om <topic> af {dato_ans} nu er færdigbehandlet."],
        ["Det er besluttet, at ansøgningen afslås.", "Du kan desværre ikke få <topic>.",
         "Ansøgningen om <topic> kan ikke imødekommes."],
        ["Afslaget er begrundet i, at <refusal>.", "Vi siger nej, fordi <refusal>.",
         "Begrundelsen for afslaget er, at <refusal>."],
        ["Der er ved vurderingen lagt vægt på <weight>.", "Vi har lagt vægt på <weight>."],
        ["Afgørelsen er truffet i medfør af <law>.", "Afgørelsen er truffet efter <law>."],
        ["?Såfremt Deres forhold ændres, kan De indgive en ny ansøgning.",
         "?Hvis din situation ændrer sig, kan du søge igen."]]),
    "partshoering": ("partshøring", "Partshøring om <topic>", [
        ["Vi er ved at behandle din sag om <topic>. Før vi træffer en afgørelse, vil vi gerne høre, hvad du mener.",
         "Inden vi træffer afgørelse i din sag om <topic>, har du ret til at udtale dig.",
         "Vi skriver til dig, fordi vi snart skal træffe en afgørelse om <topic>."],
        ["Vi overvejer at give dig afslag, fordi <refusal>.", "Vi forventer at sige nej, fordi <refusal>.",
         "Det er vores foreløbige vurdering, at <refusal>."],
        ["?Vi har brugt oplysninger fra <source>.", "?Vi har fået oplysninger fra <source>, som du kan se i bilaget."],
        ["Du kan sende dine bemærkninger til os senest den {frist}.", "Vi skal have dit svar senest den {frist}.",
         "Eventuelle bemærkninger bedes fremsendt senest den {frist}."],
        ["Hvis vi ikke hører fra dig, træffer vi afgørelsen ud fra de oplysninger, vi har.",
         "Hører vi ikke fra dig inden fristen, går vi videre med sagen."]]),
    "moede": ("information", "Invitation til møde om <topic>", [
        ["Vi vil gerne holde et møde med dig om <topic>.", "Du er indkaldt til en samtale om <topic>.",
         "Vi inviterer dig til et møde, hvor vi skal tale om <topic>."],
        ["Mødet er den {dato_møde} kl. {tid} på {mødested}.",
         "Vi ses den {dato_møde} kl. {tid}. Mødet foregår på {mødested}."],
        ["På mødet taler vi om <meeting>.", "Vi vil bruge mødet til at tale om <meeting>."],
        ["?Du er velkommen til at tage en bisidder med.",
         "?Du må gerne tage en pårørende eller en anden bisidder med."],
        ["Hvis du ikke kan komme, skal du give os besked senest dagen før.",
         "Kan du ikke komme, så ring til os hurtigst muligt."]]),
    "kvittering": ("information", "Vi har modtaget din ansøgning om <topic>", [
        ["Vi har modtaget din ansøgning om <topic> den {dato_ans}.",
         "Tak for din ansøgning om <topic>. Vi fik den den {dato_ans}."],
        ["Du kan forvente svar inden for <weeks> uger.",
         "Vi regner med at have en afgørelse klar inden for <weeks> uger.",
         "Sagsbehandlingstiden er i øjeblikket cirka <weeks> uger."],
        ["Vi går i gang med at se på <weight>.", "Når vi behandler din ansøgning, ser vi blandt andet på <weight>."],
        ["?Vi skriver til dig, hvis vi mangler oplysninger.", "?Hvis vi mangler noget fra dig, kontakter vi dig."],
        ["?Du kan følge din sag på borger.dk.", "?Du kan se status på din sag på borger.dk under Mit overblik."]]),
    "aendring": ("decision", "Ændring af <topic>", [
        ["Vi har ændret din sag om <topic> fra den {dato_start}.",
         "Fra den {dato_start} bliver din sag om <topic> ændret."],
        ["Ændringen sker, fordi <reason>.", "Vi har lavet ændringen, fordi <reason>."],
        ["Du får nu {beløb} kr. om måneden.", "Det nye beløb er {beløb} kr. om måneden.",
         "Din egenbetaling bliver {beløb} kr. om måneden."],
        ["?Vi har brugt oplysninger fra <source>.", "?Oplysningerne kommer fra <source>."],
        ["Afgørelsen er truffet efter <law>.", "Ændringen sker efter reglerne i <law>."]]),
    "ophoer": ("decision", "<topic> stopper", [
        ["Din sag om <topic> stopper den {dato_start}.", "Vi stopper <topic> fra den {dato_start}."],
        ["Det sker, fordi <refusal>.", "Vi stopper, fordi <refusal>."],
        ["Vi har lagt vægt på <weight>.", "Der er ved afgørelsen lagt vægt på <weight>."],
        ["?Du skal ikke gøre noget.", "?Du skal ikke selv gøre noget for at stoppe."],
        ["Afgørelsen er truffet efter <law>.", "Afgørelsen er truffet i henhold til <law>."]]),
    "rykker": ("information", "Vi mangler oplysninger om <topic>", [
        ["Vi har tidligere skrevet til dig om <topic>.", "Vi skrev til dig den {dato_ans} om <topic>."],
        ["Vi mangler stadig oplysninger fra dig, før vi kan behandle sagen.",
         "Vi har endnu ikke fået de oplysninger, vi bad om."],
        ["Du skal sende oplysningerne senest den {frist}.", "Send os oplysningerne senest den {frist}.",
         "Oplysningerne bedes fremsendt senest den {frist}."],
        ["Hvis vi ikke får dem, kan vi ikke behandle din sag om <topic>.",
         "Uden oplysningerne må vi afslutte sagen."],
        ["?Du kan sende oplysningerne via Digital Post.", "?Det er nemmest at sende oplysningerne via borger.dk."]]),
    "tilbagebetaling": ("decision", "Du skal betale <topic> tilbage", [
        ["Du har fået for meget udbetalt i din sag om <topic>.",
         "Vi har opdaget, at du har fået mere, end du havde ret til, i din sag om <topic>."],
        ["Du skal betale {beløb} kr. tilbage.", "Beløbet, du skal betale tilbage, er {beløb} kr."],
        ["Det skyldes, at <reason>.", "Grunden er, at <reason>."],
        ["Du skal betale senest den {frist}.", "Beløbet skal være betalt senest den {frist}."],
        ["?Du kan søge om at betale beløbet af over en periode.", "?Ring til os, hvis du vil lave en afdragsordning."],
        ["Afgørelsen er truffet efter <law>.", "Kravet er rejst efter <law>."]]),
    "orientering": ("information", "Nyt om <topic>", [
        ["Vi vil gerne fortælle dig om nogle ændringer i <topic>.", "Der sker ændringer i <topic> i år."],
        ["Ændringerne gælder fra den {dato_start}.", "Fra den {dato_start} gælder nye regler."],
        ["Baggrunden er, at <reason>.", "Vi ændrer, fordi <reason>."],
        ["?Du kan læse mere på aarhus.dk.", "?På aarhus.dk kan du læse mere om ændringerne."],
        ["Du skal ikke gøre noget.", "Du behøver ikke at svare på dette brev."]]),
}

DIGITAL_SVAR = "Du kan svare på dette brev i Digital Post. Skriv dit sagsnummer, når du skriver til os."
WEEKS = ("fire", "seks", "otte")


def _appeal(h: House) -> str:
    if h.old_style:
        to = f"til {h.appeal_to}" if h.appeal_to else "til kommunen"
        return (f"Afgørelsen kan påklages {to}. Klagen skal indgives skriftligt til kommunen inden {h.weeks} efter "
                f"modtagelsen af nærværende afgørelse, hvorefter kommunen genvurderer sagen.")
    text = (f"Du kan klage over afgørelsen. Hvis du vil klage, skal du gøre det inden {h.weeks} fra den dag, du "
            "har fået dette brev. Du sender klagen til os, og vi ser på sagen igen.")
    if h.appeal_to:
        text += f" Hvis vi fastholder afgørelsen, sender vi din klage videre til {h.appeal_to}."
    return text


def _contact(h: House) -> str:
    if h.old_style:
        return (f"Såfremt De måtte have spørgsmål vedrørende ovenstående, bedes De rette henvendelse til "
                f"undertegnede på telefon {{telefon}} {h.hours} med angivelse af journalnummer {{sagsnr}}.")
    return (f"Har du spørgsmål, er du velkommen til at ringe til {{sagsbehandler}} på telefon {{telefon}} {h.hours}. "
            f"Du kan også skrive til {{mail}}. Husk at oplyse dit sagsnummer {{sagsnr}}.")


def _catalogue() -> list[tuple[str, str, str, str, list[str]]]:
    """The generated templates, in a fixed order (a fixed seed: the catalogue is the same for every --seed)."""
    rng = random.Random(20_250_101)
    out = []
    for hkey, h in HOUSES.items():
        appeal, contact = _appeal(h), _contact(h)
        for t, (topic, law) in enumerate(h.topics):
            types = rng.sample(h.types, 3 if t % 3 == 0 else 2)
            for ltype in types:
                kind, title, slots = TYPES[ltype]
                fill = {"<topic>": topic, "<law>": law, "<reason>": rng.choice(h.reasons),
                        "<refusal>": rng.choice(h.refusals), "<weight>": rng.choice(h.weights),
                        "<source>": rng.choice(h.sources), "<meeting>": rng.choice(h.meetings),
                        "<weeks>": rng.choice(WEEKS)}

                def filled(s: str, fill=fill) -> str:
                    for k, v in fill.items():
                        s = s.replace(k, v)
                    return s

                mass = ltype == "orientering"
                paragraphs = ["Kære husstand" if mass and hkey == "affald" else "Kære {navn}"]
                if rng.random() < 0.8:  # the house opening, in one of two wordings
                    paragraphs.append(rng.choice(h.openings))
                joinable = False  # may the next obligatory sentence join the paragraph before it?
                for i, wordings in enumerate(slots):
                    if i > 0 and rng.random() < 0.15:  # the writer left this slot out (never the first)
                        continue
                    s = filled(rng.choice(wordings))
                    if joinable and not s.startswith("?") and rng.random() < 0.3:
                        paragraphs[-1] += " " + s
                    else:
                        paragraphs.append(s)
                    joinable = not s.startswith("?")
                    if i == 0:
                        paragraphs.append(ABOUT[topic])
                if kind == "decision" and rng.random() < 0.9:  # one decision template in ten forgets it
                    paragraphs.append(appeal)
                if rng.random() < 0.3:
                    paragraphs.append("?" + PERSONDATA)
                if kind == "decision" and rng.random() < 0.2:
                    paragraphs.append("?" + AKTINDSIGT)
                if rng.random() < 0.25:
                    paragraphs.append("?" + DIGITAL_SVAR)
                paragraphs += [contact, HILSEN]
                slug = re.sub(r"[^a-z0-9]+", "-", topic.lower().replace("æ", "ae").replace("ø", "oe")
                              .replace("å", "aa")).strip("-")
                out.append((f"{hkey}-{ltype}-{slug}", hkey, kind, filled(title), paragraphs))
                if mass:
                    MASS_MAILED.add(out[-1][0])
    return out


def zipf_weights(n: int, s: float = 1.1) -> list[float]:
    return [1 / (r ** s) for r in range(1, n + 1)]


def _date(rng: random.Random) -> dt.date:
    month = rng.choices(range(1, 13), MONTH_WEIGHTS)[0]
    return dt.date(YEAR, month, rng.randint(1, 28))


def _fmt(d: dt.date) -> str:
    months = ["januar", "februar", "marts", "april", "maj", "juni", "juli", "august", "september", "oktober",
              "november", "december"]
    return f"{d.day}. {months[d.month - 1]} {d.year}"


def _cpr(rng: random.Random) -> str:
    d = dt.date(1940, 1, 1) + dt.timedelta(days=rng.randint(0, 365 * 65))
    return f"{d:%d%m%y}-{rng.randint(0, 9999):04d}"


_ASCII = str.maketrans({"æ": "ae", "ø": "oe", "å": "aa"})


def _fields(rng: random.Random, sent_on: dt.date, unit: str) -> dict[str, str]:
    code, town = rng.choice(TOWNS)
    first, last = rng.choice(FIRST), rng.choice(LAST)
    worker = f"{first} {last}"
    mail = f"{first}.{last}@aarhus.dk".lower().translate(_ASCII)
    return {
        "navn": f"{rng.choice(FIRST)} {rng.choice(LAST)}",
        "adresse": f"{rng.choice(STREETS)} {rng.randint(1, 180)}, {code} {town}",
        "dato_ans": _fmt(sent_on - dt.timedelta(days=rng.randint(5, 60))),
        "dato_udb": _fmt(sent_on + dt.timedelta(days=rng.randint(2, 10))),
        "dato_start": _fmt(sent_on + dt.timedelta(days=rng.randint(14, 90))),
        "dato_møde": _fmt(sent_on + dt.timedelta(days=rng.randint(3, 20))),
        "frist": _fmt(sent_on + dt.timedelta(days=rng.randint(10, 30))),
        "tid": f"{rng.randint(8, 14)}.{rng.choice(['00', '15', '30', '45'])}",
        "beløb": f"{rng.randint(3, 250) * 100:,}".replace(",", "."),
        "sagsnr": f"{YEAR}-{rng.randint(100000, 999999)}",
        "cpr": _cpr(rng),
        "telefon": f"89 40 {rng.randint(10, 99)} {rng.randint(10, 99)}",
        "sagsbehandler": worker,
        "enhed": unit,
        "udgift": rng.choice(UDGIFTER),
        "institution": rng.choice(INSTITUTIONER),
        "byggeri": rng.choice(BYGGERI),
        "mødested": rng.choice(MOEDESTEDER),
        "barn": f"{rng.choice(FIRST)} {rng.choice(LAST)}",
        "mail": mail,
    }


SENDERS.update({k: (h.organisation, h.unit) for k, h in HOUSES.items() if k not in SENDERS})
ALL_TEMPLATES = TEMPLATES + _catalogue()
_SENTENCE_END = re.compile(r"(?<=[.!?])\s+(?=[A-ZÆØÅ])")


def _sentence_pool() -> list[str]:
    """Every sentence of every template (merge fields unfilled), for free-written letters."""
    seen: dict[str, None] = {}
    for _tid, _skey, _kind, _title, paragraphs in ALL_TEMPLATES:
        for p in paragraphs[1:]:
            if p in (HILSEN, "?" + HILSEN):
                continue
            for s in _SENTENCE_END.split(p.lstrip("?")):
                seen.setdefault(s, None)
    return list(seen)


SENTENCES = _sentence_pool()


def _free_letter(rng: random.Random, fields: dict[str, str]) -> str:
    """A letter written by hand: 2-4 paragraphs of sentences drawn from all templates (so it shares phrases with many
    templates, and its whole with none)."""
    paragraphs = ["Kære {navn}"]
    for _ in range(rng.randint(2, 4)):
        paragraphs.append(" ".join(rng.sample(SENTENCES, rng.randint(1, 3))))
    paragraphs.append(HILSEN)
    return "\n\n".join(p.format(**fields) for p in paragraphs) + "\n"


def generate(count: int, seed: int = 1, free: float = 0.0) -> Iterator[dict]:
    """``count`` letters as dicts: id, text, kind, template, sender, unit, title, sent, date (deterministic).

    ``free``: the share of letters written by hand, from no template (``template`` is None)."""
    rng = random.Random(seed)
    weights = zipf_weights(len(ALL_TEMPLATES))
    order = list(range(len(ALL_TEMPLATES)))
    random.Random(seed ^ 0x5EED).shuffle(order)  # which template is most common depends on the seed
    skeys = sorted(SENDERS)
    for i in range(count):
        is_free = free > 0 and rng.random() < free
        if is_free:
            skey = rng.choice(skeys)
            tid, kind, title = None, "information", "Brev fra " + SENDERS[skey][1]
        else:
            tid, skey, kind, title, paragraphs = ALL_TEMPLATES[order[rng.choices(range(len(ALL_TEMPLATES)),
                                                                                  weights)[0]]]
        org, unit = SENDERS[skey]
        sent_on = _date(rng)
        fields = _fields(rng, sent_on, f"{org}\n{unit}")
        if is_free:
            text = _free_letter(rng, fields)
        else:
            kept = []
            for p in paragraphs:
                if p.startswith("?"):
                    if rng.random() < 0.5:
                        continue
                    p = p[1:]
                kept.append(p.format(**fields))
            text = "\n\n".join(kept) + "\n"
        mass = tid in MASS_MAILED
        yield {
            "id": f"{YEAR}-{i + 1:08d}",
            "text": text,
            "kind": kind,
            "template": tid,
            "sender": f"{org}, {unit}",
            "unit": unit,
            "organisation": org,
            "title": title.format(**fields),
            "sent": rng.randint(200, 5000) if mass else 1,
            "date": sent_on.isoformat(),
            "uuid": str(uuid.UUID(int=rng.getrandbits(128), version=4)),
            "cpr": fields["cpr"],
        }


def memo_xml(letter: dict) -> str:
    """A MeMo 1.2 message (https://DigitalPost.dk/MeMo-1) with the letter as a text/plain main document."""
    content = base64.b64encode(letter["text"].encode("utf-8")).decode("ascii")
    e = escape
    return f"""<?xml version="1.0" encoding="UTF-8"?>
<memo:Message xmlns:memo="https://DigitalPost.dk/MeMo-1" xmlns:grd="https://data.gov.dk/model/core/" memoVersion="1.2">
  <memo:MessageHeader>
    <memo:messageType>DIGITALPOST</memo:messageType>
    <memo:messageUUID>{letter["uuid"]}</memo:messageUUID>
    <memo:messageID>{e(letter["id"])}</memo:messageID>
    <memo:messageCode>{e(letter["template"] or "")}</memo:messageCode>
    <memo:label>{e(letter["title"])}</memo:label>
    <memo:mandatory>false</memo:mandatory>
    <memo:legalNotification>false</memo:legalNotification>
    <memo:Sender>
      <memo:senderID>55133018</memo:senderID>
      <memo:idType>CVR</memo:idType>
      <memo:label>{e(letter["organisation"])}</memo:label>
      <memo:AttentionData>
        <memo:ContentResponsible><memo:label>{e(letter["unit"])}</memo:label></memo:ContentResponsible>
      </memo:AttentionData>
    </memo:Sender>
    <memo:Recipient>
      <memo:recipientID>{letter["cpr"].replace("-", "")}</memo:recipientID>
      <memo:idType>CPR</memo:idType>
    </memo:Recipient>
  </memo:MessageHeader>
  <memo:MessageBody>
    <memo:createdDateTime>{letter["date"]}T09:00:00Z</memo:createdDateTime>
    <memo:MainDocument>
      <memo:label>{e(letter["title"])}</memo:label>
      <memo:File>
        <memo:encodingFormat>text/plain</memo:encodingFormat>
        <memo:filename>brev.txt</memo:filename>
        <memo:language>da</memo:language>
        <memo:content>{content}</memo:content>
      </memo:File>
    </memo:MainDocument>
  </memo:MessageBody>
</memo:Message>
"""


INDEX_FIELDS = ("id", "kind", "template", "sender", "sent", "date")


def write(out: Path, count: int, seed: int, fmt: str, free: float = 0.0) -> Path:
    """Write the letters; returns the JSONL file to give ``lixcheck batch`` (the letters, or an index of files)."""
    out.mkdir(parents=True, exist_ok=True)
    target = out / ("letters.jsonl" if fmt == "jsonl" else "index.jsonl")
    tmp = target.with_suffix(".jsonl.tmp")
    with open(tmp, "w", encoding="utf-8") as index:
        for n, letter in enumerate(generate(count, seed, free)):
            meta = {k: letter[k] for k in INDEX_FIELDS}
            if fmt == "jsonl":
                meta["text"] = letter["text"]
            else:
                folder = out / "letters" / f"{n // 1000:04d}"
                folder.mkdir(parents=True, exist_ok=True)
                name = f"{letter['id']}.{'txt' if fmt == 'txt' else 'xml'}"
                body = letter["text"] if fmt == "txt" else memo_xml(letter)
                (folder / name).write_text(body, encoding="utf-8")
                meta["path"] = f"letters/{n // 1000:04d}/{name}"
            index.write(json.dumps(meta, ensure_ascii=False) + "\n")
    os.replace(tmp, target)
    return target


def main(argv: list[str] | None = None) -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--count", type=int, default=1000, help="number of letters")
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--format", choices=("jsonl", "txt", "memo"), default="jsonl")
    ap.add_argument("--free", type=float, default=0.0,
                    help="share of letters written by hand, from no template (template null), e.g. 0.1")
    ap.add_argument("--out", type=Path, required=True, help="output folder")
    args = ap.parse_args(argv)
    if not 0 <= args.free <= 1:
        ap.error("--free must be between 0 and 1")
    print(write(args.out, args.count, args.seed, args.format, args.free))


if __name__ == "__main__":
    main()
