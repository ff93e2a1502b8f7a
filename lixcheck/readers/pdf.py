"""PDF → Document with pypdfium2 (PDFium): text per page in PDFium's reading order, blocks per paragraph.

Paragraphs are found from line geometry: PDFium gives the text line by line; a line that starts further below the
previous one than the page's usual line distance (or that jumps up, to a new column or region) starts a new
paragraph. A word hyphenated at a line end is joined (PDFium marks that hyphen U+FFFE and removes the line break;
the mark is dropped) while a real hyphen such as "social- og" is kept. Block source is "side N"; ``Block.meta["page"]``.

An image-only (scanned) PDF has no text layer and is refused with code ``"no_text"``; a password-protected one with
code ``"encrypted"``. PDFium is not thread-safe, so all calls hold one lock.
"""

from __future__ import annotations

import re
import threading

from ..document import Block, Document
from ..errors import InputError
from .text import segment_paragraph

_LOCK = threading.Lock()
_NEWLINE = re.compile(r"\r\n|\r|\n")
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")
SOFT_HYPHEN_MARK = "\x02"  # a hyphen mark some PDFs carry at line ends (PDFium itself uses U+FFFE)
PARAGRAPH_GAP = 1.45  # × the page's usual line distance
MAX_PAGES = 2_000


def no_text_error() -> InputError:
    return InputError(
        "the PDF has no text layer (a scanned or image-only PDF); run OCR or export the letter as a text PDF",
        code="no_text",
        message_da="PDF-filen har ingen tekst, kun billeder (den er måske scannet). Gem brevet som PDF direkte fra "
                   "Word eller sagssystemet, så teksten kommer med.",
    )


def _encrypted_error() -> InputError:
    return InputError(
        "the PDF is encrypted (password protected)",
        code="encrypted",
        message_da="PDF-filen er beskyttet med adgangskode. Gem den uden adgangskode, og prøv igen.",
    )


def _malformed(e: Exception) -> InputError:
    return InputError(f"the PDF cannot be read: {e}", code="malformed",
                      message_da="PDF-filen er beskadiget og kan ikke læses.")


def _page_lines(textpage) -> list[tuple[str, float, float]]:
    """(line text, top, height) for each non-empty line, in PDFium's order."""
    n = textpage.count_chars()
    if n <= 0:
        return []
    text = textpage.get_text_range(0, n)
    geometry = len(text) == n  # characters outside the BMP would shift indexes: then no geometry
    out = []
    pos = 0
    for m in [*_NEWLINE.finditer(text), None]:
        end = m.start() if m else len(text)
        line = text[pos:end]
        if line.strip():
            first = pos + len(line) - len(line.lstrip())
            top = height = 0.0
            if geometry:
                left, bottom, right, top = textpage.get_charbox(first, loose=True)
                height = max(top - bottom, 0.0)
            out.append((line, top, height))
        pos = m.end() if m else len(text)
    return out


def _paragraphs(lines: list[tuple[str, float, float]]) -> list[list[str]]:
    if not lines:
        return []
    dists = [a[1] - b[1] for a, b in zip(lines, lines[1:], strict=False) if a[1] - b[1] > 0.3 * max(a[2], 1.0)]
    # the usual line distance: the lower quartile (paragraph gaps are the larger distances)
    usual = sorted(dists)[len(dists) // 4] if dists else None
    paras: list[list[str]] = [[lines[0][0]]]
    for (_, top_a, h_a), (line, top_b, h_b) in zip(lines, lines[1:], strict=False):
        d = top_a - top_b
        h = max(h_a, h_b, 1.0)
        if usual is None:
            new = False
        elif d < -0.5 * h:  # jumped up: another column or region
            new = True
        else:
            new = d > PARAGRAPH_GAP * usual and d > 1.2 * h
        if new:
            paras.append([line])
        else:
            paras[-1].append(line)
    return paras


def _join(lines: list[str]) -> str:
    """Lines of one paragraph joined by newlines; a line ending in PDFium's soft-hyphen mark joins the next."""
    parts: list[str] = []
    glue = False
    for raw in lines:
        soft = raw.rstrip().endswith(SOFT_HYPHEN_MARK)
        ln = _CONTROL.sub("", raw).strip()
        if glue and parts:
            parts[-1] += ln
        else:
            parts.append(ln)
        glue = soft
    return "\n".join(p for p in parts if p)


def read_bytes(data: bytes, config=None) -> Document:
    import pypdfium2 as pdfium

    pages: list[tuple[int, str]] = []
    count = 0
    with _LOCK:
        try:
            pdf = pdfium.PdfDocument(data)
        except pdfium.PdfiumError as e:
            if getattr(e, "err_code", None) == pdfium.raw.FPDF_ERR_PASSWORD:
                raise _encrypted_error() from None
            raise _malformed(e) from None
        try:
            count = len(pdf)
            if count > MAX_PAGES:
                raise InputError(f"the PDF has {count} pages (limit {MAX_PAGES})", code="too_large",
                                 message_da=f"PDF-filen har for mange sider (højst {MAX_PAGES}).")
            for index in range(count):
                page = pdf[index]
                try:
                    textpage = page.get_textpage()
                    try:
                        for para in _paragraphs(_page_lines(textpage)):
                            joined = _join(para)
                            if joined:
                                pages.append((index + 1, joined))
                    finally:
                        textpage.close()
                finally:
                    page.close()
        except pdfium.PdfiumError as e:
            raise _malformed(e) from None
        finally:
            pdf.close()
    if not pages:
        raise no_text_error()

    chunks: list[str] = []
    spans: list[tuple[int, int, int]] = []
    pos = 0
    for page_no, para in pages:
        if chunks:
            chunks.append("\n\n")
            pos += 2
        chunks.append(para)
        spans.append((page_no, pos, pos + len(para)))
        pos += len(para)
    text = "".join(chunks)
    blocks: list[Block] = []
    for page_no, start, end in spans:
        new: list[Block] = []
        segment_paragraph(text, start, end, f"side {page_no}", new)
        for b in new:
            b.meta = {"page": page_no}
        blocks.extend(new)
    return Document(text=text, blocks=blocks, format="pdf", meta={"pages": count})
