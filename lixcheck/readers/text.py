"""Plain text → Document: paragraphs by blank lines, with headings, list items and address/signature lines."""

from __future__ import annotations

import re
from functools import cache

from ..document import HEADING, LINES, LIST_ITEM, PARAGRAPH, Block, Document
from ..nlp.language import danish

_BLANK = re.compile(r"\n[ \t\f\v]*\n\s*")
_NUMBERED = re.compile(r"^\s*(?:\(?\d{1,2}[.)]|\(?[a-zæøå][)])\s+\S")
_SENTENCE_END = ".!?…"
HEADING_MAX_WORDS = 12
LINES_MAX_WORDS = 8


def normalise_newlines(text: str) -> str:
    return text.replace("\r\n", "\n").replace("\r", "\n")


@cache
def _list_line() -> re.Pattern:
    """A line that starts a list item: a marker from nlp/data/da.yml then more text, or "1." / "2)" / "a)"."""
    markers = "|".join(re.escape(m) for m in sorted(danish().list_markers, key=len, reverse=True))
    return re.compile(r"\s*(?:(?:" + markers + r")\s|" + _NUMBERED.pattern[len("^\\s*"):] + ")")


def is_list_line(line: str) -> bool:
    return _list_line().match(line) is not None


_ENDS = tuple(_SENTENCE_END)
_NOT_HEADING_ENDS = tuple(_SENTENCE_END + ":;,")


def _ends_sentence(line: str) -> bool:
    return line.rstrip().rstrip("\"'”»)]").endswith(_ENDS)


def _is_heading_line(line: str) -> bool:
    s = line.strip()
    return (bool(s) and not s.endswith(_NOT_HEADING_ENDS)
            and len(s.split(None, HEADING_MAX_WORDS)) <= HEADING_MAX_WORDS)  # maxsplit: no need to split it all


def classify_lines(lines: list[str]) -> str:
    """The block kind of a paragraph that is not a list."""
    if len(lines) == 1:
        s = lines[0].strip()
        if s.endswith(","):  # "Kære Jens," — a salutation, not a sentence
            return LINES
        return HEADING if _is_heading_line(s) else PARAGRAPH
    for ln in lines:  # (a loop, not all() over a generator: this runs for every paragraph of several lines)
        if len(ln.split(None, LINES_MAX_WORDS)) > LINES_MAX_WORDS or _ends_sentence(ln):
            return PARAGRAPH
    return LINES


def segment_paragraph(text: str, start: int, end: int, source: str, blocks: list[Block]) -> None:
    """Split one blank-line-delimited paragraph text[start:end] into blocks (appended to ``blocks``)."""
    if text.find("\n", start, end) == -1:  # one line (the common case): a list item, or classified as a whole
        line = text[start:end]
        stripped = line.strip()
        if stripped:
            s = start + len(line) - len(line.lstrip())
            if _list_line().match(stripped):
                kind = LIST_ITEM
            elif stripped.endswith(","):  # classify_lines([stripped]), inlined: "Kære Jens," is a salutation
                kind = LINES
            elif (stripped.endswith(_NOT_HEADING_ENDS)  # _is_heading_line(stripped), inlined (the line is stripped)
                  or len(stripped.split(None, HEADING_MAX_WORDS)) > HEADING_MAX_WORDS):
                kind = PARAGRAPH
            else:
                kind = HEADING
            blocks.append(Block(kind, s, s + len(stripped), source))
        return
    # Line spans inside the paragraph (trimmed), their text, and which of them start a list item.
    spans = []
    lines = []
    pos = start
    for line in text[start:end].split("\n"):
        stripped = line.strip()
        if stripped:
            s = pos + len(line) - len(line.lstrip())
            spans.append((s, s + len(stripped)))
            lines.append(stripped)
        pos += len(line) + 1
    if not spans:
        return
    list_line = _list_line().match
    starts_item = [list_line(ln) is not None for ln in lines]
    kind = None  # classify_lines(lines), once computed

    # A short first line without end punctuation, followed by more text, is a heading ("Klagevejledning\nDu kan …").
    if len(spans) > 1 and not starts_item[0] and _is_heading_line(lines[0]) and lines[1][:1].isupper():
        kind = classify_lines(lines)
        if kind != LINES:
            blocks.append(Block(HEADING, spans[0][0], spans[0][1], source))
            spans, lines, starts_item, kind = spans[1:], lines[1:], starts_item[1:], None

    # List items start at a marker line; continuation lines belong to the item before them.
    if any(starts_item):
        group: list[tuple[int, int]] = []
        group_is_item = False

        def flush():
            if group:
                kind = LIST_ITEM if group_is_item else classify_lines([text[s:e] for s, e in group])
                blocks.append(Block(kind, group[0][0], group[-1][1], source))

        for (s, e), ln, item in zip(spans, lines, starts_item, strict=True):
            if item:
                flush()
                group, group_is_item = [(s, e)], True
            elif group_is_item and not ln[:1].isupper():
                group.append((s, e))
            elif group_is_item:
                flush()
                group, group_is_item = [(s, e)], False
            else:
                group.append((s, e))
        flush()
        return

    blocks.append(Block(kind or classify_lines(lines), spans[0][0], spans[-1][1], source))


def segment(text: str) -> list[Block]:
    """Blocks of a plain text, in order; offsets index ``text`` itself."""
    blocks: list[Block] = []
    pos = 0
    n = 0
    for m in _BLANK.finditer(text):
        if m.start() > pos:
            n += 1
            segment_paragraph(text, pos, m.start(), f"afsnit {n}", blocks)
        pos = m.end()
    if pos < len(text):
        n += 1
        segment_paragraph(text, pos, len(text), f"afsnit {n}", blocks)
    return blocks  # (every block spans trimmed, non-empty lines: none is empty)


def read_text(text: str, *, format: str = "text", meta: dict | None = None) -> Document:
    text = normalise_newlines(text)
    return Document(text=text, blocks=segment(text), format=format, meta=dict(meta or {}))



def read_bytes(data: bytes, config=None) -> Document:
    from .decode import check_text, decode_bytes

    return read_text(check_text(decode_bytes(data)))
