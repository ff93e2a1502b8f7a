"""Hostile and awkward inputs, built for real (no fixtures on disk), shared by tests/test_hostile.py,
tests/test_properties.py and the benchmarks.

``CASES`` is the table: one ``Case`` per input with what every front must do with it. ``expect`` is either
``"ok"`` (a Report comes back) or an InputError code; ``status`` is the web API's HTTP status for it. Builders are
cached: the big ones (50 MB text, zip bombs) are built once per process.
"""

from __future__ import annotations

import base64
import functools
import io
import zipfile
from dataclasses import dataclass
from pathlib import Path

from docx_build import as_docm, letter
from pdf_build import encrypted_pdf, letter_pdf, scanned_pdf

MEMO_NS = "https://DigitalPost.dk/MeMo-1"
LETTER = ("Kære Søren Østergaard\n\n"
          "Vi har modtaget din ansøgning om boligstøtte. Du får svar inden fire uger, fordi vi skal se på din "
          "økonomi. Hvis du har spørgsmål, er du velkommen til at ringe til os på telefon 89 40 12 34.\n\n"
          "Med venlig hilsen\nBorgerservice, Aarhus Kommune\n")
MB = 1_000_000


def memo(body_files: str, *, doctype: str = "", label: str = "Afgørelse om boligstøtte") -> bytes:
    """A MeMo 1.2 message with the given MessageBody content (File elements inside a MainDocument)."""
    return (f'<?xml version="1.0" encoding="UTF-8"?>\n{doctype}'
            f'<memo:Message xmlns:memo="{MEMO_NS}" memoVersion="1.2"><memo:MessageHeader>'
            f"<memo:messageType>DIGITALPOST</memo:messageType><memo:label>{label}</memo:label>"
            f"<memo:Sender><memo:label>Aarhus Kommune</memo:label></memo:Sender></memo:MessageHeader>"
            f"<memo:MessageBody><memo:MainDocument><memo:label>{label}</memo:label>{body_files}"
            f"</memo:MainDocument></memo:MessageBody></memo:Message>").encode()


def memo_file(content: str, mime: str = "text/plain", filename: str = "brev.txt") -> str:
    return (f"<memo:File><memo:encodingFormat>{mime}</memo:encodingFormat><memo:filename>{filename}</memo:filename>"
            f"<memo:content>{content}</memo:content></memo:File>")


def memo_letter(text: str = LETTER) -> bytes:
    return memo(memo_file(base64.b64encode(text.encode("utf-8")).decode("ascii")))


LAUGHS_DTD = ("<!DOCTYPE lolz [\n <!ENTITY lol \"lol\">\n"
              + "".join(f" <!ENTITY lol{i} \"{('&lol' + (str(i - 1) if i > 1 else '') + ';') * 10}\">\n"
                        for i in range(1, 10))
              + "]>\n")


def billion_laughs() -> bytes:
    return memo(memo_file("&lol9;"), doctype=LAUGHS_DTD, label="&lol9;")


def xxe(target: str = "/etc/passwd") -> bytes:
    return memo(memo_file("&xxe;"), doctype=f'<!DOCTYPE m [<!ENTITY xxe SYSTEM "file://{target}">]>\n',
                label="&xxe;")


def broken_base64() -> bytes:
    """The main document's content is not base64 at all (characters outside the alphabet, wrong padding)."""
    return memo(memo_file("Dette er ikke base64 *** %%% ==="))


def base64_of_garbage() -> bytes:
    """Valid base64 of bytes that are no letter in the declared type (a PDF that is not a PDF)."""
    return memo(memo_file(base64.b64encode(b"%PDF-1.7\n\x00\x01 garbage " * 20).decode(), "application/pdf",
                          "brev.pdf"))


@functools.cache
def big_text(size: int = 50 * MB) -> bytes:
    line = "Vi har modtaget din ansøgning, og vi behandler den hurtigst muligt. ".encode()
    return line * (size // len(line) + 1)


@functools.cache
def zip_bomb(size: int = 250 * MB) -> bytes:
    """A .docx-shaped zip whose document part unpacks to ``size`` bytes (directory tells the truth)."""
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as zf:
        zf.writestr("[Content_Types].xml", b"<Types/>")
        with zf.open("word/document.xml", "w", force_zip64=True) as fh:
            chunk = b"\0" * MB
            for _ in range(size // MB):
                fh.write(chunk)
    return buf.getvalue()


@functools.cache
def text_bomb_docx(paragraphs: int = 400_000) -> bytes:
    """A real, valid .docx whose body unpacks to far more text than any letter (~45 MB of XML, ~25 MB of text),
    while the file itself is small: the size limit must hold for the text inside an archive, not just the file."""
    base = letter()
    para = b"<w:p><w:r><w:t>Vi har modtaget din ans\xc3\xb8gning om st\xc3\xb8tte.</w:t></w:r></w:p>"
    with zipfile.ZipFile(io.BytesIO(base)) as zf:
        members = {i.filename: zf.read(i) for i in zf.infolist()}
    doc = members["word/document.xml"]
    cut = doc.rfind(b"<w:sectPr")
    members["word/document.xml"] = doc[:cut] + para * paragraphs + doc[cut:]
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as zf:
        for name, payload in members.items():
            zf.writestr(name, payload)
    return out.getvalue()


def encrypted_docx() -> bytes:
    from msoffcrypto.format.ooxml import OOXMLFile

    out = io.BytesIO()
    OOXMLFile(io.BytesIO(letter())).encrypt("hemmelig", out)
    return out.getvalue()


def corrupt_zip() -> bytes:
    data = letter()
    return data[: len(data) // 2]  # cut in the middle: no central directory


def binary() -> bytes:
    return b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 64


def nul_bytes() -> bytes:
    raw = LETTER.encode("utf-8")
    return raw[:40] + b"\0\0\0" + raw[40:]


def long_word(chars: int = 100_000) -> bytes:
    return ("Kære borger\n\n" + "a" * chars + ".\n").encode("utf-8")


def long_line(words: int = 10_000) -> bytes:
    """One line, no sentence end: ~10,000 words in a single paragraph and sentence."""
    return " ".join(["ansøgningen", "er", "behandlet", "af", "forvaltningen"] * (words // 5)).encode("utf-8")


@dataclass(frozen=True)
class Case:
    name: str
    build: object  # () -> bytes
    filename: str
    expect: str  # "ok" or the InputError code
    status: int = 200  # web API status
    bounded: bool = False  # measure time and peak memory in a subprocess
    needs: str = ""  # an optional module the builder needs

    def data(self) -> bytes:
        return self.build()


CASES: list[Case] = [
    Case("empty", lambda: b"", "tom.txt", "empty", 422),
    Case("whitespace", lambda: b" \n\t\r\n   \n\n\x0b ", "blank.txt", "empty", 422),
    Case("text-50mb", big_text, "stor.txt", "too_large", 413, bounded=True),
    Case("text-1.2m-chars", lambda: ("ord " * 300_000).encode(), "lang.txt", "too_large", 413, bounded=True),
    Case("binary", binary, "billede.txt", "binary", 422),
    Case("cp1252", lambda: LETTER.encode("cp1252"), "brev.txt", "ok"),
    Case("utf16-bom", lambda: LETTER.encode("utf-16"), "brev.txt", "ok"),
    Case("utf16-le-no-bom", lambda: LETTER.encode("utf-16-le"), "brev.txt", "ok"),
    Case("utf16-be-no-bom", lambda: LETTER.encode("utf-16-be"), "brev.txt", "ok"),
    Case("nul-bytes", nul_bytes, "brev.txt", "binary", 422),
    Case("docm", lambda: as_docm(letter()), "brev.docm", "ok"),
    Case("encrypted-docx", encrypted_docx, "hemmelig.docx", "encrypted", 422, needs="msoffcrypto"),
    Case("corrupt-zip", corrupt_zip, "skadet.docx", "malformed", 422),
    Case("zip-bomb", zip_bomb, "bombe.docx", "zip_bomb", 422, bounded=True),
    Case("docx-text-bomb", text_bomb_docx, "lang.docx", "too_large", 413, bounded=True),
    Case("billion-laughs", billion_laughs, "latter.xml", "unsafe_xml", 422, bounded=True),
    Case("xxe", xxe, "xxe.xml", "unsafe_xml", 422),
    Case("memo-broken-base64", broken_base64, "brudt.xml", "malformed", 422),
    Case("memo-base64-garbage", base64_of_garbage, "affald.xml", "malformed", 422),
    Case("memo-ok", memo_letter, "besked.xml", "ok"),
    Case("scanned-pdf", scanned_pdf, "scannet.pdf", "no_text", 422),
    Case("encrypted-pdf", lambda: encrypted_pdf(letter_pdf()), "hemmelig.pdf", "encrypted", 422),
    Case("long-word", long_word, "ord.txt", "ok", bounded=True),
    Case("long-line", long_line, "linje.txt", "ok", bounded=True),
    Case("symbol-run", lambda: ("Kære borger\n\n" + "=(§«😀" * 20_000 + "\n").encode(), "streg.txt", "ok",
         bounded=True),
]
# Characters whose long runs once took quadratic time (spaCy's affix stripping, backtracking regexes).
RUN_CHARS = "=§([«{<_'\")%&€$+!?:;*#…–😀©°® a-s"


def write_all(folder: Path, cases=None) -> dict[str, Path]:
    """Write every case's bytes to ``folder`` (one file per case, named by case); returns name -> path."""
    folder.mkdir(parents=True, exist_ok=True)
    out = {}
    for case in cases or CASES:
        path = folder / f"{case.name}-{case.filename}"
        path.write_bytes(case.data())
        out[case.name] = path
    return out
