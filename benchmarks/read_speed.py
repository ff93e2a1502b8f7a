"""Reading speed of the file readers: documents per second for .docx, MeMo (text and PDF inside) and PDF.

    python benchmarks/read_speed.py            # ~400-word letters, 3 s per format
    python benchmarks/read_speed.py --seconds 10 --json

Only the reader is timed (bytes → Document: unzip/parse, safety checks, layout, block segmentation), not the
language analysis. The letters are synthetic and built here with python-docx and reportlab (test extras); each
format also gets an annotated-.docx round (read + check + annotate) for the writer's cost.
"""

from __future__ import annotations

import argparse
import base64
import io
import json
import platform
import sys
import time

PARAGRAPHS = [
    "Vi har modtaget din ansøgning om boligstøtte den 3. april 2025. Du får 1.200 kr. om måneden fra den 1. maj "
    "2025. Pengene kommer på din NemKonto den første hverdag i måneden.",
    "Vi har lagt vægt på, at din husleje er 6.500 kr. om måneden, og at du bor alene. Din indtægt er under "
    "grænsen for boligstøtte, så du har ret til støtte efter lov om individuel boligstøtte § 14, stk. 1.",
    "Du skal give os besked, hvis din husleje, din indtægt eller antallet af personer i boligen ændrer sig. "
    "Det kan du gøre på borger.dk eller ved at ringe til os på 87 65 43 21 mandag til fredag kl. 9-15.",
    "Hvis du ikke giver os besked, kan du komme til at betale penge tilbage. Det gælder også, hvis ændringen "
    "kun varer kort tid. Vi kontrollerer oplysningerne med Skattestyrelsen hvert år.",
    "Du kan klage over afgørelsen inden fire uger. Skriv til os, så ser vi på sagen igen. Hvis vi ikke giver "
    "dig ret, sender vi klagen videre til Ankestyrelsen, som træffer den endelige afgørelse.",
]


def build_docx() -> bytes:
    import docx

    d = docx.Document()
    d.sections[0].header.paragraphs[0].text = "Eksempel Kommune, Borgerservice"
    for line in ("Jens Jensen", "Vejen 1", "9999 Eksempelby"):
        d.add_paragraph(line)
    d.add_heading("Afgørelse om boligstøtte", 1)
    for text in PARAGRAPHS * 2:
        d.add_paragraph(text)
    table = d.add_table(rows=3, cols=2)
    for i, (a, b) in enumerate([("Ydelse", "Beløb"), ("Boligstøtte", "1.200 kr."), ("Fra", "1. maj 2025")]):
        table.cell(i, 0).text, table.cell(i, 1).text = a, b
    d.add_paragraph("Du skal sende lønsedler.", style="List Bullet")
    for line in ("Venlig hilsen", "Mette Sørensen", "Sagsbehandler"):
        d.add_paragraph(line)
    buf = io.BytesIO()
    d.save(buf)
    return buf.getvalue()


def build_pdf() -> bytes:
    from reportlab.lib.pagesizes import A4
    from reportlab.pdfgen import canvas

    buf = io.BytesIO()
    c = canvas.Canvas(buf, pagesize=A4)
    y = 800
    for text in PARAGRAPHS * 2:
        words, line = text.split(), ""
        for word in words:
            if len(line) + len(word) > 90:
                c.drawString(72, y, line)
                y -= 14
                line = ""
            line = f"{line} {word}".strip()
        c.drawString(72, y, line)
        y -= 30
        if y < 100:
            c.showPage()
            y = 800
    c.showPage()
    c.save()
    return buf.getvalue()


def build_memo(mime: str, payload: bytes, name: str) -> bytes:
    content = base64.encodebytes(payload).decode("ascii")
    return f"""<?xml version="1.0" encoding="UTF-8"?>
<memo:Message xmlns:memo="https://DigitalPost.dk/MeMo-1" memoVersion="1.2"><memo:MessageHeader>
<memo:messageType>DIGITALPOST</memo:messageType><memo:label>Afgørelse om boligstøtte</memo:label>
<memo:notification>Du har fået post fra Eksempel Kommune.</memo:notification>
<memo:Sender><memo:senderID>11223344</memo:senderID><memo:idType>CVR</memo:idType>
<memo:label>Eksempel Kommune</memo:label>
</memo:Sender><memo:Recipient><memo:recipientID>0101010000</memo:recipientID><memo:idType>CPR</memo:idType></memo:Recipient>
</memo:MessageHeader><memo:MessageBody><memo:MainDocument><memo:File><memo:encodingFormat>{mime}</memo:encodingFormat>
<memo:filename>{name}</memo:filename><memo:language>da</memo:language><memo:content>{content}</memo:content>
</memo:File></memo:MainDocument></memo:MessageBody></memo:Message>""".encode()


def rate(fn, seconds: float) -> tuple[float, float, int]:
    """(documents per wall-clock second, documents per CPU second of this process, runs). CPU time is the steadier
    number on a shared machine; wall time is what one worker delivers there."""
    fn()  # warm up (imports, first-use caches)
    n = 0
    t0, c0 = time.perf_counter(), time.process_time()
    while True:
        fn()
        n += 1
        elapsed = time.perf_counter() - t0
        if elapsed >= seconds:
            return n / elapsed, n / max(time.process_time() - c0, 1e-9), n


def main(argv: list[str] | None = None) -> dict:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--seconds", type=float, default=3.0, help="time per format")
    ap.add_argument("--json", action="store_true", help="print the numbers as JSON")
    args = ap.parse_args(argv)

    import lixcheck
    from lixcheck.config import Config
    from lixcheck.readers import read_bytes

    cfg = Config()
    docx_bytes = build_docx()
    pdf_bytes = build_pdf()
    text = "\n\n".join(["Afgørelse om boligstøtte", *PARAGRAPHS * 2, "Venlig hilsen\nMette Sørensen"])
    inputs = {
        "docx": docx_bytes,
        "memo (text/plain)": build_memo("text/plain", text.encode("utf-8"), "brev.txt"),
        "memo (pdf)": build_memo("application/pdf", pdf_bytes, "brev.pdf"),
        "pdf": pdf_bytes,
    }
    words = len(read_bytes(docx_bytes, cfg).text.split())
    results = {}

    def row(per_s: float, per_cpu_s: float, n: int, size: int) -> dict:
        return {"docs_per_s": round(per_s, 1), "docs_per_cpu_s": round(per_cpu_s, 1),
                "ms_cpu_per_doc": round(1000 / per_cpu_s, 2), "runs": n, "bytes": size}

    for name, data in inputs.items():
        results[name] = row(*rate(lambda data=data: read_bytes(data, cfg), args.seconds), len(data))
    lixcheck.check("Vi har modtaget din ansøgning.")  # load the pipeline before timing
    results["annotate docx (read+check+write)"] = row(*rate(lambda: lixcheck.annotate(docx_bytes), args.seconds),
                                                      len(docx_bytes))
    info = {"python": platform.python_version(), "machine": platform.machine(), "words_per_letter": words}
    if args.json:
        print(json.dumps({"results": results, "info": info}, indent=2))
    else:
        print(f"Reading speed, one process, ~{words}-word letters ({info['python']}, {info['machine']})")
        print(f"{'format':36} {'docs/s':>9} {'docs/cpu-s':>11} {'cpu ms/doc':>11} {'bytes':>9}")
        for name, r in results.items():
            print(f"{name:36} {r['docs_per_s']:9.1f} {r['docs_per_cpu_s']:11.1f} {r['ms_cpu_per_doc']:11.2f} "
                  f"{r['bytes']:9d}")
    return {"results": results, "info": info}


if __name__ == "__main__":
    main(sys.argv[1:])
    sys.exit(0)
