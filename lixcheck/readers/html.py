"""HTML → Document with lxml: headings, paragraphs, list items and table cells become blocks.

Scripts, styles and the head are dropped; <br> becomes a line break inside a block. The parser never touches the
network and does not resolve entities from outside the file.
"""

from __future__ import annotations

import re

import lxml.html
from lxml import etree

from ..document import HEADING, LIST_ITEM, PARAGRAPH, TABLE_CELL, Block, Document
from ..errors import InputError
from .decode import check_text, decode_bytes
from .text import classify_lines, normalise_newlines, segment_paragraph

_DOCTYPE_SUBSET = re.compile(r"<!DOCTYPE[^>\[]*\[.*?\]\s*>", re.IGNORECASE | re.DOTALL)
_HEADINGS = {"h1", "h2", "h3", "h4", "h5", "h6"}
_BLOCKS = _HEADINGS | {"p", "div", "li", "td", "th", "blockquote", "pre", "address", "section", "article", "header",
                       "footer", "main", "ul", "ol", "table", "tr", "dd", "dt", "body", "caption", "figcaption"}
_DROP = {"script", "style", "head", "noscript", "template", "iframe", "object", "svg"}
# The text is already decoded (readers/decode.py); the parser reads it back as UTF-8 whatever <meta charset> says.
_PARSER = lxml.html.HTMLParser(encoding="utf-8", no_network=True, remove_comments=True, remove_pis=True)


class _Builder:
    def __init__(self):
        self.parts: list[str] = []
        self.pos = 0
        self.blocks: list[Block] = []
        self.counters = {"p": 0, "h": 0, "li": 0, "table": 0}
        self.table_pos: list[list[int]] = []  # per open table: [row, cell]

    def add(self, text: str, kind: str, source: str) -> None:
        text = normalise_newlines(text)
        lines = [" ".join(ln.split()) for ln in text.split("\n")]
        text = "\n".join(ln for ln in lines if ln)
        if not text:
            return
        if self.parts:
            self.parts.append("\n\n")
            self.pos += 2
        start = self.pos
        self.parts.append(text)
        self.pos += len(text)
        if kind == PARAGRAPH:
            inner: list[Block] = []
            segment_paragraph(text, 0, len(text), source, inner)
            self.blocks.extend(Block(x.kind, x.start + start, x.end + start, source) for x in inner)
        elif kind == TABLE_CELL:
            cell_kind = TABLE_CELL if classify_lines(text.split("\n")) == PARAGRAPH else "lines"
            self.blocks.append(Block(cell_kind, start, self.pos, source))
        else:
            self.blocks.append(Block(kind, start, self.pos, source))


def _inline_text(el, out: list[str]) -> None:
    """Text of an element, stopping at nested block elements (they become their own blocks)."""
    if el.text:
        out.append(el.text)
    for child in el:
        tag = child.tag if isinstance(child.tag, str) else ""
        if tag == "br":
            out.append("\n")
        elif tag in _BLOCKS or tag in _DROP or not tag:
            pass
        else:
            _inline_text(child, out)
        if child.tail:
            out.append(child.tail)


def _walk(el, b: _Builder, cell: str | None = None) -> None:
    """Blocks of ``el`` and its descendants. ``cell`` is the source of the table cell we are inside, if any:
    paragraphs, lists and headings inside a cell keep their kind but say which cell they sit in."""
    tag = el.tag if isinstance(el.tag, str) else ""
    if tag in _DROP or not tag:
        return
    if tag == "table":
        b.counters["table"] += 1
        b.table_pos.append([0, 0])
    elif tag == "tr" and b.table_pos:
        b.table_pos[-1] = [b.table_pos[-1][0] + 1, 0]
    if tag in ("td", "th") and b.table_pos:
        b.table_pos[-1][1] += 1
        row, col = b.table_pos[-1]
        cell = f"tabel {b.counters['table']}, række {row}, celle {col}"
    buf: list[str] = []
    _inline_text(el, buf)
    own = "".join(buf)
    if own.strip():
        if tag in _HEADINGS:
            b.counters["h"] += 1
            b.add(own, HEADING, cell or f"overskrift {b.counters['h']}")
        elif tag == "li":
            b.counters["li"] += 1
            b.add(own, LIST_ITEM, cell or f"punkt {b.counters['li']}")
        elif tag in ("td", "th") and cell:
            b.add(own, TABLE_CELL, cell)
        else:
            b.counters["p"] += 1
            b.add(own, PARAGRAPH, cell or f"afsnit {b.counters['p']}")
    for child in el:
        ctag = child.tag if isinstance(child.tag, str) else ""
        if ctag in _BLOCKS:
            _walk(child, b, None if ctag == "table" else cell)
        elif ctag and ctag not in _DROP:
            # Inline elements were read above, but they may hold block elements (a <span> around a <p>).
            for sub in child.iter(*_BLOCKS):
                if sub is not child:
                    _walk(sub, b, cell)
                    break
    if tag == "table" and b.table_pos:
        b.table_pos.pop()


def read_html(html: str, *, format: str = "html") -> Document:
    # A DOCTYPE with an internal subset ("<!DOCTYPE html [<!ENTITY …>]>") is not HTML; the HTML parser would leave
    # its "]>" as text. Entities are never expanded from it (nor from anywhere outside the file).
    html = _DOCTYPE_SUBSET.sub("", html, count=1)
    try:
        root = lxml.html.document_fromstring(html.encode("utf-8"), parser=_PARSER)
    except (etree.ParserError, ValueError) as e:
        raise InputError(f"HTML cannot be parsed: {e}", code="malformed",
                         message_da="HTML-filen kan ikke læses.") from None
    title_el = root.find(".//title")
    b = _Builder()
    body = root.find("body")
    _walk(body if body is not None else root, b)
    meta = {}
    if title_el is not None and title_el.text and title_el.text.strip():
        meta["title"] = " ".join(title_el.text.split())
    return Document(text="".join(b.parts), blocks=b.blocks, format=format, meta=meta)


def read_bytes(data: bytes, config=None) -> Document:
    return read_html(check_text(decode_bytes(data)))
