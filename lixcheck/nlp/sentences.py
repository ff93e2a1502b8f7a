"""The Danish sentence splitter: works on whitespace tokens inside blocks, before and without spaCy.

A sentence never crosses a block. Inside running text a token ending in . ! ? … ends a sentence unless it is an
abbreviation, an ordinal or number before a lower-case word ("1. januar", "kl. 10.30"), a §-reference or an initial.
Heading and address/signature blocks are one "sentence" per line and are not counted in LIX.

Order of the decisions for a token ending in a period (first match wins):
1. listed abbreviation that never ends a sentence (nlp/data/da.yml ``never_end``: jf., stk., nr., ca., kl. …);
2. listed abbreviation that ends one only before a capital letter (``may_end``: osv., kr., m.m., dec. …);
3. number, ordinal, date, amount ("3.", "1.1.2025.", "12.500,50."): ends before a capital letter that is not a month;
4. initials ("J.", "H.C."): never; a single lower-case letter ("§ 15 b. Du") ends before a capital letter;
5. other dotted tokens (unlisted abbreviations, e-mail and web addresses): end before a capital letter;
6. any other word: ends unless the next word starts with a lower-case letter (Danish sentences start with a capital
   or a digit, so a period before a lower-case word marks an unlisted abbreviation such as "4-cyl. og").
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ..document import HEADING, LINES, LIST_ITEM, TITLE, Block
from ..model import fast_constructor
from .language import danish

_TOKEN = re.compile(r"\S+")
_TRAILING = "\"'”’»)]}"
_LEADING = "\"'“‘«([{"
_NUMERIC = re.compile(r"^[\d.,:/\-–]+$")
_INITIALS = re.compile(r"^(?:[A-ZÆØÅÄÖÜ]\.)+[A-ZÆØÅÄÖÜ]$")  # "H.C" (the final period already stripped)
_PER_LINE = frozenset({HEADING, LINES, TITLE})
# The end of a token that may end a sentence: . ! ? … : ; then closing quotes/brackets; group 1 is the next token
# ("" at the block's end), read by the same match in C rather than by a search of its own per candidate.
_END_TAIL = re.compile(r"[.!?…:;][\"'”’»)\]}]*(?!\S)(?=\s*(\S*))")
# The same for a block whose only possible ends are periods (most blocks; always when colons do not end sentences):
# a literal first character is found by a fast scan in C, a character set is tested character by character.
_PERIOD_TAIL = re.compile(r"\.[\"'”’»)\]}]*(?!\S)(?=\s*(\S*))")
_ITEM_NUMBER = re.compile(r"\(?(?:\d{1,2}[.)]|[a-zæøå]\))(?!\S)")  # "1." "2)" "(a)" "b)" opening a list item


@dataclass(frozen=True, slots=True)
class Sentence:
    start: int
    end: int
    block: int
    counted: bool  # part of running text (counted in LIX)


_make = fast_constructor(Sentence)  # Sentence(start, end, block, counted), a third faster (many per letter)


def _ends_here(token: str, nxt: str | None, colon_ends: bool) -> bool:
    core = token.rstrip(_TRAILING)
    if not core:
        return False
    last = core[-1]
    if last != ".":
        if last in "!?…":
            return nxt is None or not nxt.lstrip(_LEADING)[:1].islower()
        return colon_ends and last in ":;"
    if nxt is None:
        return True
    # (the period first: it is the common case; the next word's case only as far as a rule below needs it)
    nxt_core = nxt.lstrip(_LEADING)
    first = nxt_core[:1]
    if core.endswith(".."):  # "..." as an ellipsis
        return not first.islower()
    stem = core[:-1].lstrip(_LEADING)
    low = stem.lower()
    lang = danish()
    if low in lang.never_end:
        return False
    if low in lang.may_end:
        return first.isupper()
    if len(stem) > 1 and stem.isalpha():  # the common case, an ordinary word (rule 6 below)
        return not first.islower()
    if not stem:
        return True
    if _NUMERIC.match(stem):  # ordinal, date or amount: "den 3. Vi", "1. januar", "stk. 2. Du"
        return first.isupper() and nxt_core.lower() not in lang.months
    if len(stem) == 1 and stem.isalpha():
        return stem.islower() and first.isupper()  # "J. Hansen" is an initial; "§ 15 b. Du" ends
    if _INITIALS.match(stem):  # "H.C. Andersen"
        return False
    if "." in stem:  # unknown dotted abbreviation, e-mail or web address
        return first.isupper()
    return not first.islower()  # "4-cyl. og": an unlisted abbreviation


def split_block(text: str, block: Block, index: int, *, colon_ends: bool = False) -> list[Sentence]:
    if block.kind in _PER_LINE:
        out = []
        pos = block.start
        for line in text[block.start : block.end].split("\n"):
            s = pos + len(line) - len(line.lstrip())
            e = pos + len(line.rstrip())
            if e > s:
                out.append(_make(s, e, index, False))
            pos += len(line) + 1
        return out
    return [_make(s, e, index, True) for s, e in _running_spans(text, block, colon_ends)]


def count_sentences(text: str, block: Block, *, colon_ends: bool = False) -> int:
    """len(split_block(...)) without building the sentences (lixcheck.lix's fast path)."""
    if block.kind in _PER_LINE:
        return len(split_block(text, block, 0))
    return len(_running_spans(text, block, colon_ends))


def _running_spans(text: str, block: Block, colon_ends: bool) -> list[tuple[int, int]]:
    """(start, end) of the sentences of a running-text block."""
    # Only tokens ending in . ! ? … : ; (before closing quotes/brackets) can end a sentence: visit just those.
    bs, be = block.start, block.end
    if bs < be and not text[bs].isspace():  # (readers trim blocks: the first token starts the block)
        start = bs
    else:
        first = _TOKEN.search(text, bs, be)
        if first is None:
            return []
        start = first.start()
    out = []
    item_start = start if block.kind == LIST_ITEM and _ITEM_NUMBER.match(text, start, be) else -1  # "1.": no end
    isspace = str.isspace
    find = text.find
    tails = (_END_TAIL if colon_ends or find("?", start, be) >= 0 or find("!", start, be) >= 0
             or find("…", start, be) >= 0 else _PERIOD_TAIL)
    for m in tails.finditer(text, start, be):
        nxt = m.group(1)
        if not nxt:  # the block's end ends its last sentence, punctuated or not
            break
        k = m.start()
        if k > bs and not isspace(text[k - 1]):  # back to the start of the token: after the last whitespace
            k -= len(text[bs:k].rsplit(None, 1)[-1])  # (in C: a loop back one character at a time cost 5x more)
        if k == item_start:
            continue
        e = m.end()
        if _ends_here(text[k:e], nxt, colon_ends):
            out.append((start, e))
            start = m.start(1)
    last = text[be - 1]
    out.append((start, be if not last.isspace() else bs + len(text[bs:be].rstrip())))  # readers trim blocks
    return out


def split(text: str, blocks: list[Block], *, colon_ends: bool = False) -> list[Sentence]:
    out: list[Sentence] = []
    for i, b in enumerate(blocks):
        out.extend(split_block(text, b, i, colon_ends=colon_ends))
    return out
