"""Document and Block: what every reader produces and every check consumes.

Invariant: ``document.text[block.start:block.end]`` is the block's text; blocks are in text order and do not overlap.
Readers separate blocks by a blank line ("\\n\\n") so the text alone also shows the structure.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field

# Block kinds. LIX is measured on running text only: see RUNNING_TEXT.
HEADING = "heading"
PARAGRAPH = "paragraph"
LIST_ITEM = "list_item"
LINES = "lines"  # address, signature or contact block: short lines without sentence punctuation
TABLE_CELL = "table_cell"
TITLE = "title"  # a message title (MeMo label) or document title
RUNNING_TEXT = frozenset({PARAGRAPH, LIST_ITEM, TABLE_CELL})


@dataclass(slots=True)
class Block:
    kind: str
    start: int
    end: int
    source: str = ""  # where it comes from, in Danish: "afsnit 3", "tabel 2, række 3, celle 1", "sidehoved"
    meta: dict = field(default_factory=dict)  # reader-specific: docx paragraph/run map, pdf page, style name …


@dataclass(slots=True)
class Document:
    text: str
    blocks: list[Block]
    format: str = "text"  # text | html | docx | memo | pdf
    meta: dict = field(default_factory=dict)  # title, sender, notification, filename … (never letter text in logs)


def line_columns(text: str, starts: Iterable[int]) -> Iterator[tuple[int, int]]:
    """(line, column) of each offset in ``text``, both from 1. Lines are counted in C from the offset before
    (offsets mostly come in text order), not from a list of every line start made in Python."""
    line, counted = 1, 0
    for start in starts:
        if start < counted:  # (not in text order after all: count from the start)
            line, counted = 1, 0
        line += text.count("\n", counted, start)
        counted = start
        yield line, start - text.rfind("\n", 0, start)
