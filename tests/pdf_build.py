"""Real PDF files for the tests, drawn with reportlab: a two-page letter, a scanned (image-only) page and an
encrypted copy made with pypdf."""

from __future__ import annotations

import io

from reportlab.lib.pagesizes import A4
from reportlab.pdfgen import canvas

PAGE_1 = [
    ["Eksempel Kommune", "Borgerservice", "Rådhuspladsen 1"],
    ["Afgørelse om boligstøtte"],
    ["Vi har modtaget din ansøgning om boligstøtte. Du får 1.200 kr. om måneden fra den 1. maj 2025.",
     "Pengene kommer på din NemKonto den første hverdag i måneden, så længe du bor i boligen."],
    ["Du skal give os besked, hvis din husleje eller din indtægt ændrer sig. Det kan du gøre på",
     "borger.dk eller ved at ringe til os."],
]
PAGE_2 = [
    ["Klagevejledning"],
    ["Du kan klage over afgørelsen inden fire uger. Skriv til os, så ser vi på sagen igen. Hvis vi ikke",
     "giver dig ret, sender vi klagen videre til Ankestyrelsen."],
    ["Venlig hilsen", "Mette Sørensen"],
]


def _draw(c, paragraphs, size=11):
    y = 800
    for para in paragraphs:
        for line in para:
            c.setFont("Helvetica", size)
            c.drawString(72, y, line)
            y -= size * 1.25
        y -= size * 1.4  # blank space between paragraphs
    c.showPage()


def letter_pdf(pages=(PAGE_1, PAGE_2)) -> bytes:
    buf = io.BytesIO()
    c = canvas.Canvas(buf, pagesize=A4)
    c.setTitle("Afgørelse")
    for page in pages:
        _draw(c, page)
    c.save()
    return buf.getvalue()


def scanned_pdf() -> bytes:
    """A page that is only a picture of text (no text layer), like a scan."""
    from reportlab.lib.utils import ImageReader

    png = _grey_png(200, 100)
    buf = io.BytesIO()
    c = canvas.Canvas(buf, pagesize=A4)
    c.drawImage(ImageReader(io.BytesIO(png)), 72, 600, width=400, height=200)
    c.rect(72, 400, 300, 100, fill=1)
    c.showPage()
    c.save()
    return buf.getvalue()


def _grey_png(w: int, h: int) -> bytes:
    import struct
    import zlib

    raw = b"".join(b"\x00" + bytes((x * 7 + y * 3) % 256 for x in range(w)) for y in range(h))

    def chunk(kind, payload):
        return struct.pack(">I", len(payload)) + kind + payload + struct.pack(">I", zlib.crc32(kind + payload))

    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", w, h, 8, 0, 0, 0, 0))
            + chunk(b"IDAT", zlib.compress(raw)) + chunk(b"IEND", b""))


def encrypted_pdf(data: bytes, password: str = "hemmelig") -> bytes:
    from pypdf import PdfReader, PdfWriter

    writer = PdfWriter()
    for page in PdfReader(io.BytesIO(data)).pages:
        writer.add_page(page)
    writer.encrypt(user_password=password, owner_password=password + "-ejer", algorithm="AES-128")
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()
