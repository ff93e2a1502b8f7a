"""The parts of a letter that the letter checks look at: letterhead, title, salutation, signature, footer, sections.

Works on lixcheck.document.Document alone (blocks and text), so it runs the same for text, HTML, .docx, MeMo and PDF.
Letterhead = the blocks before the first running-text block; signature = from the closing phrase ("Med venlig hilsen")
to the next running-text block; footer = non-running blocks at the very end; .docx page headers/footers count too.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from functools import cache, lru_cache
from typing import NamedTuple

from ..document import HEADING, LINES, RUNNING_TEXT, TITLE, Document
from ..model import fast_constructor
from ..search.names import trie
from ..search.prefilter import fold
from . import data
from .organisations import looks_like_sender

_STREET = r"[A-ZÆØÅ][\wæøåé'.-]*(?: [A-ZÆØÅa-zæøå][\wæøåé'.-]*){0,3} \d{1,4}\s?[A-Za-z]?"
_FLOOR = r"(?:,? ?(?:\d{1,2}\.? ?(?:sal|th|tv|mf)\.?|st\.?|th\.?|tv\.?))*"
_TOWN = r"\d{4} [A-ZÆØÅ][\wæøå.-]*(?: [A-ZÆØÅa-zæøå][\wæøå.-]*){0,3}"
ADDRESS_LINE = re.compile(
    rf"^(?:{_STREET}{_FLOOR}(?:,? {_TOWN})?|{_TOWN}|(?:postboks|p\.o\. box) \d+(?:,? {_TOWN})?|\d{{4}} Statsservice)"
    r"\s*[.,]?$", re.IGNORECASE)
ACRONYM_LINE = re.compile(r"^[A-ZÆØÅ]{2,6}\.?$")
_DIGIT = re.compile(r"\d")  # every date and every address line has one (each alternative of ADDRESS_LINE)
NON_RUNNING = frozenset({HEADING, LINES, TITLE})


@dataclass(frozen=True)
class _Cues:
    """The cue patterns of data/anatomy.yml, compiled once."""

    salutation: re.Pattern  # .match(text): a text that starts with a salutation
    salutation_at: re.Pattern  # .match(text, start, end): the same for text[start:end] (on a block, in place)
    date_line: re.Pattern
    reference_line: re.Pattern
    info_line: re.Pattern
    street_line: re.Pattern
    street_hint: re.Pattern  # .search(fold(line)): a street suffix anywhere (street_line cannot match without one)
    street_hint_ic: re.Pattern  # the same on a line that fold() cannot read


@cache
def _cues() -> _Cues:
    cues = data.load("anatomy")
    salutation = rf"\s*(?:{data.alternation(tuple(cues['salutations']))})\b"
    months = "|".join(cues["months"])
    return _Cues(
        salutation=data.compiled("^" + salutation, re.IGNORECASE),
        salutation_at=data.compiled(salutation, re.IGNORECASE),
        date_line=data.compiled(
            rf"^(?:dato\s*:?\s*)?(?:[A-ZÆØÅ][\wæøå.-]+(?: [A-ZÆØÅ][\wæøå.-]+)?,?\s+)?(?:den\s+)?"
            rf"(?:\d{{1,2}}\.\s*(?:{months})\s*\d{{2,4}}|\d{{1,2}}[./-]\d{{1,2}}[./-]\d{{2,4}})\s*$", re.IGNORECASE),
        reference_line=data.compiled(rf"^(?:{'|'.join(cues['reference_lines'])})\b\.?", re.IGNORECASE),
        info_line=data.compiled(rf"^(?:{'|'.join(cues['info_lines'])})(?:\b|(?<=\W))", re.IGNORECASE),
        street_line=data.compiled(
            rf"^(?:[\wæøåé'.-]+ ){{0,3}}[\wæøåé'.-]*(?:{data.alternation(tuple(cues['street_suffixes']))})"
            r"(?: \d{1,4}\s?[A-Za-z]?)?\s*,?$", re.IGNORECASE),
        # (a trie of the lower-cased suffixes, case-sensitive on the folded line: the case-insensitive alternation
        # tried all 30 suffixes at every character, some 57,000 instructions on a 17-character line; this is a tenth)
        street_hint=data.compiled(trie(tuple({s.lower() for s in cues["street_suffixes"]})), 0),
        street_hint_ic=data.compiled(data.alternation(tuple(cues["street_suffixes"])), re.IGNORECASE),
    )


def is_salutation(text: str) -> bool:
    """A text that starts with a salutation: "Kære Anna"."""
    return _cues().salutation.match(text) is not None


def is_date_line(line: str) -> bool:
    """"Aarhus, den 3. marts 2025", "Dato: 03.03.2025"."""
    return _cues().date_line.match(line) is not None


def is_reference_line(line: str) -> bool:
    """"Sagsnr. 24-123", "J.nr. 5", "CPR-nr.", "Side 2"."""
    return _cues().reference_line.match(line) is not None


def is_address_line(line: str) -> bool:
    """"Rådhuspladsen 2, 8000 Aarhus C", "Postboks 12"."""
    # (the digit test first: most lines tested have none, and the case-insensitive match costs ten times as much)
    return _DIGIT.search(line) is not None and ADDRESS_LINE.match(line) is not None


def is_street_line(line: str) -> bool:
    """A street name, maybe without its number ("Rådhustorvet", "ST. BLICHERS VEJ 6"): by how Danish street names
    end (data/anatomy.yml, ``street_suffixes``)."""
    cues = _cues()
    folded = fold(line)  # (lower-cased exactly as re.IGNORECASE compares, or None)
    hint = cues.street_hint.search(folded) if folded is not None else cues.street_hint_ic.search(line)
    return hint is not None and cues.street_line.match(line) is not None


def is_postal_line(line: str) -> bool:
    """A line of a postal address: street and number, postcode and town, a post box, or a street name alone."""
    return is_address_line(line) or is_street_line(line)


def is_info_line(line: str) -> bool:
    """A line of a letter's information block: "Sagsbehandler: Anna Hansen", "Journal nr.: 24-12", "Kontor: …"."""
    return _cues().info_line.match(line) is not None


class Line(NamedTuple):
    """A sender line (immutable; a named tuple: made several times per letter, 2.5x cheaper than a frozen dataclass)."""
    start: int
    end: int
    text: str
    block: int
    zone: str  # "header" | "signature" | "footer" | "page" (a .docx page header/footer)


_line = Line._make  # Line from a tuple: tuple.__new__ without the Python-level __new__ of a named tuple


def block_lines(document: Document, index: int) -> list[tuple[int, int]]:
    """(start, end) of every non-blank line of a block, stripped."""
    b = document.blocks[index]
    out = []
    pos = b.start
    for raw in document.text[b.start:b.end].split("\n"):
        s = pos + len(raw) - len(raw.lstrip())
        e = pos + len(raw.rstrip())
        if e > s:
            out.append((s, e))
        pos += len(raw) + 1
    return out


def is_running(document: Document, index: int) -> bool:
    """Running text: a paragraph, list item or table cell — but not a block of several short lines without any
    sentence end (a letterhead with one long contact line can come out of a reader as a paragraph)."""
    b = document.blocks[index]
    if b.kind not in RUNNING_TEXT:
        return False
    text = document.text
    if text.find("\n", b.start, b.end) == -1:
        return True  # one line (most paragraphs): no need to split it
    lines = [ln for ln in (raw.strip() for raw in text[b.start:b.end].split("\n")) if ln]  # as block_lines()
    if len(lines) < 2:
        return True
    # ("1216 København K." ends with the abbreviation's period: an address line is no sentence)
    return any(ln.rstrip("\"'”»)]").endswith((".", "!", "?", "…", ":")) and not is_address_line(ln) for ln in lines)


def first_running(document: Document) -> int:
    text, salutation = document.text, _cues().salutation_at.match
    for i, b in enumerate(document.blocks):
        if is_running(document, i) and not salutation(text, b.start, b.end):
            return i
    return len(document.blocks)


def salutation_block(document: Document, head_end: int) -> int | None:
    """Index of the salutation ("Kære Anna") before the body (``head_end``: first_running()), or None."""
    text, salutation = document.text, _cues().salutation_at.match
    for i in range(min(head_end, len(document.blocks)) - 1, -1, -1):
        b = document.blocks[i]
        if salutation(text, b.start, b.end):
            return i
    return None


def block_text(document: Document, index: int) -> str:
    b = document.blocks[index]
    return document.text[b.start:b.end]


@cache
def closing_re() -> re.Pattern:
    """The closing-phrase regex (built once: the data is read once per process)."""
    words = tuple(data.load("senders")["closings"])
    return data.compiled(rf"^[ \t]*(?:{data.alternation(words)})\b[ ,!.]*", re.IGNORECASE | re.MULTILINE)


@cache
def _closing_after_break() -> re.Pattern:
    """closing_re() after a line break instead of at a line start (^ in MULTILINE mode is tried at every character;
    a literal first character is skipped to: half the time). The phrases as a trie, not an alternation: only where
    a match starts counts (_closing_starts), and a trie tries a few first letters after each line break, not all ten
    phrases."""
    words = tuple(data.load("senders")["closings"])
    return data.compiled(rf"\n[ \t]*{trie(words)}\b[ ,!.]*", re.IGNORECASE)


def _closing_starts(text: str):
    """m.start() of each m in closing_re().finditer(text): a match holds no line break (the closing phrases are data:
    tests/test_sender_search.py checks them), so after the first line each match follows a line break."""
    first = closing_re().match(text)
    if first:
        yield 0
    for m in _closing_after_break().finditer(text, first.end() if first else 0):
        yield m.start() + 1


def closing_position(document: Document) -> int | None:
    """Offset of the last closing line ("Med venlig hilsen"), or None."""
    last = None
    text = document.text
    for start in _closing_starts(text):
        # A closing is a short line, not "Hilsen fra …" inside a sentence.
        line_end = text.find("\n", start)
        line = text[start: line_end if line_end != -1 else len(text)]
        if len(line.split()) <= 6:
            last = start
    return last


@lru_cache(maxsize=1024)
def _page_source(source: str) -> bool:
    """Is a block from a page header or footer? By its source label ("sidehoved", "afsnit 3" …: a few labels recur
    in every letter, so the answer is kept per label)."""
    src = source.lower()
    return "sidehoved" in src or "sidefod" in src or "header" in src or "footer" in src


def sender_lines(document: Document, title: int | None, closing: int | None, head_end: int) -> list[Line]:
    """The lines where a letter says who sent it: letterhead, signature, footer and page headers/footers.
    ``title``: title_block(); ``closing``: closing_position(); ``head_end``: first_running()."""
    blocks = document.blocks
    n = len(blocks)
    zone_of: dict[int, str] = {}
    text = document.text
    salutation = _cues().salutation_at.match
    for i in range(head_end):
        b = blocks[i]
        if i != title and not salutation(text, b.start, b.end):
            zone_of[i] = "header"
    j = n
    while j > 0 and (blocks[j - 1].kind in NON_RUNNING or not is_running(document, j - 1)):
        j -= 1  # (a block of address and contact lines may come out of a reader as a paragraph)
    for i in range(max(j, head_end), n):
        zone_of.setdefault(i, "footer")
    labels = "\n".join([b.source for b in blocks]).lower()
    if "sidehoved" in labels or "sidefod" in labels or "header" in labels or "footer" in labels:
        # (most letters have no page header or footer: one test of all labels, not one per block)
        for i, b in enumerate(blocks):
            if _page_source(b.source):
                zone_of[i] = "page"
    lines: list[Line] = []
    sig_blocks: set[int] = set()
    if closing is not None:
        start_block = next((i for i, b in enumerate(blocks) if b.start <= closing < b.end), None)
        if start_block is not None:
            sig_blocks.add(start_block)
            for i in range(start_block + 1, n):
                if is_running(document, i) and not _short_lines_paragraph(document, i):
                    break
                sig_blocks.add(i)
    for i in sorted(set(zone_of) | sig_blocks):
        if i in sig_blocks:
            zone = "signature"
            before = closing if closing is not None else -1  # the paragraph lines before "Med venlig hilsen"
        else:
            zone = zone_of[i]
            before = -1
        b = blocks[i]
        pos = b.start
        for raw in text[pos:b.end].split("\n"):  # (block_lines(), written out)
            stripped = raw.strip()
            if stripped:
                s = pos + len(raw) - len(raw.lstrip())
                e = s + len(stripped)
                if e > before:
                    lines.append(_line((s, e, stripped, i, zone)))
            pos += len(raw) + 1
    return lines


def _short_lines_paragraph(document: Document, index: int) -> bool:
    """A block a reader would call a signature line even if it ends with a period ("Tlf. 87 65 43 21.")."""
    spans = block_lines(document, index)
    return all(len(document.text[s:e].split()) <= 6 for s, e in spans) and len(spans) <= 8


@dataclass(frozen=True, slots=True)
class Title:
    text: str
    start: int  # offsets into the text; -1 when the title comes from metadata only
    end: int
    source: str  # "meta" | "heading"


def find_title(document: Document, block: int | None) -> Title | None:
    """The letter's title: MeMo/document title from metadata, else the first real heading before the body
    (``block``: title_block())."""
    meta_title = document.meta.get("title")
    if isinstance(meta_title, str):
        stripped = meta_title.strip()
        if stripped:
            pos = document.text.find(stripped)
            if pos != -1:
                return Title(stripped, pos, pos + len(stripped), "meta")
        return Title(stripped, -1, -1, "meta")
    i = block
    if i is None:
        return None
    b = document.blocks[i]
    raw = document.text[b.start:b.end]
    text = raw.strip()
    start = b.start + len(raw) - len(raw.lstrip())
    return Title(text, start, start + len(text), "heading")


def title_block(document: Document, limit: int, names: Callable[[int, int], list] | None = None) -> int | None:
    """Index of the block that is the letter's title: the first heading before the body (``limit``: first_running())
    that is not letterhead, date, reference, address or salutation — or a one-line paragraph without end punctuation
    right before the salutation (a long title that the reader did not take for a heading). ``names``: by_name of a
    span of the text (Letter.names_in), where the caller has it."""
    blocks = document.blocks
    for i in range(min(limit + 1, len(blocks))):
        b = blocks[i]
        if b.kind not in (HEADING, TITLE):
            if i != limit:
                continue
            text = block_text(document, i).strip()
            nxt = block_text(document, i + 1) if i + 1 < len(blocks) else ""
            if not ("\n" not in text and text[-1:] not in ".!?:;," and is_salutation(nxt)):
                continue
        else:
            text = block_text(document, i).strip()
        if not text or is_salutation(text) or is_reference_line(text):
            continue
        digit = _DIGIT.search(text) is not None  # every date and every address line has a digit
        if digit and (is_date_line(text) or is_address_line(text)):
            continue
        if names is not None:
            raw = document.text[b.start:b.end]
            first = b.start + len(raw) - len(raw.lstrip())
            found = names(first, first + len(text))
        else:
            found = None
        if looks_like_sender(text, found) or ACRONYM_LINE.match(text):
            continue
        return i
    return None


@dataclass(frozen=True, slots=True)
class Section:
    heading: str
    start: int  # heading start
    end: int  # end of the section's last block
    first_block: int  # first block after the heading
    last_block: int


_section = fast_constructor(Section)  # Section(heading, start, end, first_block, last_block): the generated __init__
# sets each frozen field through object.__setattr__ (the letter checks ask for the sections up to twice per letter)


def sections(document: Document) -> list[Section]:
    """Heading-led sections of the body: each runs from a heading to the block before the next heading."""
    out = []
    blocks, text = document.blocks, document.text
    heads = [i for i, b in enumerate(blocks) if b.kind == HEADING]
    heads.append(len(blocks))
    for k in range(len(heads) - 1):
        h = heads[k]
        b = blocks[h]
        last = max(h, heads[k + 1] - 1)
        out.append(_section(text[b.start:b.end].strip(), b.start, blocks[last].end, h + 1, last))
    return out


def lead_text(document: Document, paragraphs: int = 2) -> tuple[int, int]:
    """(start, end) of the title and the first ``paragraphs`` running-text blocks: where the main message belongs."""
    start = document.blocks[0].start if document.blocks else 0
    end = start
    seen = 0
    text, salutation = document.text, _cues().salutation_at.match
    for i, b in enumerate(document.blocks):
        end = b.end
        if is_running(document, i) and not salutation(text, b.start, b.end):
            seen += 1
            if seen >= paragraphs:
                break
    return start, end


def looks_like_letter(document: Document, closing: int | None) -> bool:
    """A whole letter rather than a pasted paragraph: it has a salutation, a closing (``closing``:
    closing_position()), letterhead/signature lines or MeMo sender data. Sender and missing-title findings are only
    given for whole letters."""
    if document.meta.get("sender") or document.format == "memo":
        return True
    if closing is not None:
        return True
    text = document.text
    for b in document.blocks:
        if b.kind == LINES or _cues().salutation_at.match(text, b.start, b.end):
            return True
    return False
