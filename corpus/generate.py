"""Synthetic year of Danish public letters: template-based, with merge fields, at any volume. No real personal data.

    python corpus/generate.py --count 20500 --seed 1 --format jsonl --out /tmp/day      # one JSONL file
    python corpus/generate.py --count 500 --format txt --out /tmp/letters               # .txt files + index.jsonl
    python corpus/generate.py --count 500 --format memo --out /tmp/memo                 # MeMo XML + index.jsonl

Volumes follow a Zipf-like law over templates (rank r has weight 1/r^1.1: a few templates dominate, as in a real
municipality's output). Each letter fills its template's merge fields (name, address, dates, amounts, case number,
sometimes a CPR number) and varies in optional paragraphs. Mass-mailed information letters carry a ``sent`` count
(recipients of the identical letter); personal letters have ``sent`` 1. Dates spread over one calendar year.
The output is deterministic for a given --seed and --count. Names and CPR numbers are invented.
"""

from __future__ import annotations

import argparse
import base64
import datetime as dt
import json
import os
import random
import uuid
from collections.abc import Iterator
from pathlib import Path
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


def _fields(rng: random.Random, sent_on: dt.date, unit: str) -> dict[str, str]:
    code, town = rng.choice(TOWNS)
    worker = f"{rng.choice(FIRST)} {rng.choice(LAST)}"
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
    }


def generate(count: int, seed: int = 1) -> Iterator[dict]:
    """``count`` letters as dicts: id, text, kind, template, sender, unit, title, sent, date (deterministic)."""
    rng = random.Random(seed)
    weights = zipf_weights(len(TEMPLATES))
    order = list(range(len(TEMPLATES)))
    random.Random(seed ^ 0x5EED).shuffle(order)  # which template is most common depends on the seed
    for i in range(count):
        tid, skey, kind, title, paragraphs = TEMPLATES[order[rng.choices(range(len(TEMPLATES)), weights)[0]]]
        org, unit = SENDERS[skey]
        sent_on = _date(rng)
        fields = _fields(rng, sent_on, f"{org}\n{unit}")
        kept = []
        for p in paragraphs:
            if p.startswith("?"):
                if rng.random() < 0.5:
                    continue
                p = p[1:]
            kept.append(p.format(**fields))
        mass = tid in MASS_MAILED
        yield {
            "id": f"{YEAR}-{i + 1:08d}",
            "text": "\n\n".join(kept) + "\n",
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
    <memo:messageCode>{e(letter["template"])}</memo:messageCode>
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


def write(out: Path, count: int, seed: int, fmt: str) -> Path:
    """Write the letters; returns the JSONL file to give ``lixcheck batch`` (the letters, or an index of files)."""
    out.mkdir(parents=True, exist_ok=True)
    target = out / ("letters.jsonl" if fmt == "jsonl" else "index.jsonl")
    tmp = target.with_suffix(".jsonl.tmp")
    with open(tmp, "w", encoding="utf-8") as index:
        for n, letter in enumerate(generate(count, seed)):
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
    ap.add_argument("--out", type=Path, required=True, help="output folder")
    args = ap.parse_args(argv)
    print(write(args.out, args.count, args.seed, args.format))


if __name__ == "__main__":
    main()
