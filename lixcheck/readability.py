"""LIX over counts: pure functions, no spaCy.

Counting convention (docs/lix.md): a word is a whitespace token with at least one letter or digit after stripping
surrounding punctuation, so "bl.a.", "e-Boks" and "12.500" are one word each and a lone "§" or "–" is none; a list
item's number ("1.", "a)") is a marker, not a word. A long word has more than 6 *letters* (digits, hyphens and periods
do not count), so numbers are words but never long.
"""

from __future__ import annotations

import re

from .document import LIST_ITEM, RUNNING_TEXT, Document
from .model import REASON_TOO_FEW_WORDS, Lix, band_for, fast_constructor
from .nlp.sentences import count_sentences

_NOT_LETTER = re.compile(r"[\W\d_]+")
_ALNUM = re.compile(r"[^\W_]")  # a letter or digit: a token without one ("§", "–", "•") is no word
# A list item's number or letter ("1.", "2)", "(a)", "b)"): a marker like "-" or "•", not a word.
_ITEM_NUMBER = re.compile(r"\s*(?:\(?\d{1,2}[.)]|\(?[a-zæøå]\))(?!\S)")
LONG_WORD_LETTERS = 6  # a long word has MORE than this many letters
DEFAULT_MIN_WORDS = 10

REASON_NO_SENTENCES = "no sentences"


def _byte_table(keep) -> tuple[bytes, bytes]:
    """bytes.translate's (table, delete) for Latin-1 text: whitespace becomes b" ", the characters ``keep`` accepts
    become b"a", the rest is deleted."""
    table, delete = bytearray(range(256)), bytearray()
    for i in range(256):
        c = chr(i)
        if c.isspace():
            table[i] = 32
        elif keep(c):
            table[i] = 97
        else:
            delete.append(i)
    return bytes(table), bytes(delete)


# A Latin-1 sentence (nearly all of them) is counted in C: as bytes, with the characters that are neither whitespace
# nor a word's (letter or digit) resp. a long word's (letter) characters deleted and those made b"a", a word is one
# b" a" (its first letter or digit after a blank) and a long word one b" aaaaaaa" (more than 6 letters in a row).
_WORD_BYTES = _byte_table(lambda c: _ALNUM.match(c) is not None)
_LETTER_BYTES = _byte_table(lambda c: _NOT_LETTER.match(c) is None)
_LONG_WORD_BYTES = b" " + b"a" * (LONG_WORD_LETTERS + 1)


def count_words(text: str, start: int = 0, end: int | None = None, *, list_item: bool = False) -> tuple[int, int]:
    """(words, long_words) in text[start:end]. With list_item, a leading item number ("1.", "a)") is not a word."""
    end = len(text) if end is None else end
    if list_item:
        m = _ITEM_NUMBER.match(text, start, end)
        if m:
            start = m.end()
    try:
        b = b" " + text[start:end].encode("latin-1")
    except UnicodeEncodeError:  # ("–", "•", curly quotes: a few sentences in a hundred)
        return _count_tokens(text[start:end].split())
    return b.translate(*_WORD_BYTES).count(b" a"), b.translate(*_LETTER_BYTES).count(_LONG_WORD_BYTES)


def _count_tokens(tokens: list[str]) -> tuple[int, int]:
    """(words, long_words) of whitespace tokens, one by one."""
    words = len(tokens)
    long_words = 0
    for w in tokens:  # fast paths first: most tokens are plain words, some with a comma or period after them
        if len(w) > LONG_WORD_LETTERS:
            # (a word and one character after it: "afgørelse," has more than 6 letters if "afgørelse" has)
            if (w.isalpha() or (len(w) > LONG_WORD_LETTERS + 1 and w[:-1].isalpha())
                    or len(_NOT_LETTER.sub("", w)) > LONG_WORD_LETTERS):
                long_words += 1
            elif not _ALNUM.search(w):
                words -= 1
        elif not w.isalnum() and not w[0].isalnum() and not w[-1].isalnum() and not _ALNUM.search(w):
            words -= 1  # (a token that starts or ends with a letter or digit is a word: no search needed)
    return words, long_words


def long_words_in(text: str) -> list[str]:
    """The long words of a text, as written (surrounding punctuation stripped)."""
    out = []
    for w in text.split():
        if len(_NOT_LETTER.sub("", w)) > LONG_WORD_LETTERS:
            out.append(w.strip(".,;:!?\"'()[]{}«»“”‘’"))
    return out


def lix_value(words: int, sentences: int, long_words: int) -> float:
    return round(words / sentences + 100 * long_words / words, 2)


_lix = fast_constructor(Lix)  # Lix(value, words, sentences, long_words, band, reason): one per paragraph


def make_lix(words: int, sentences: int, long_words: int, *, min_words: int = DEFAULT_MIN_WORDS) -> Lix:
    if sentences == 0 or words == 0:
        return _lix(None, words, sentences, long_words, None, REASON_NO_SENTENCES if words else REASON_TOO_FEW_WORDS)
    if words < min_words:
        return _lix(None, words, sentences, long_words, None, REASON_TOO_FEW_WORDS)
    value = lix_value(words, sentences, long_words)
    return _lix(value, words, sentences, long_words, band_for(value), None)


def document_lix(document: Document, config) -> Lix:
    """The document's LIX alone, equal to analysis.measure()'s, without its per-sentence and per-block spans.

    This is lixcheck.lix()'s path: no spaCy is imported. ``config`` is a lixcheck.config.Config.
    """
    if config.lix_mode == "textstat":
        from .textstat_compat import textstat_lix

        return textstat_lix(document.text)
    text = document.text
    words = sentences = long_words = 0
    for b in document.blocks:
        if b.kind not in RUNNING_TEXT:
            continue
        n = count_sentences(text, b, colon_ends=config.colon_ends_sentence)
        if n:  # sentences partition a block's tokens, so the block's words are its sentences' words
            w, lw = count_words(text, b.start, b.end, list_item=b.kind == LIST_ITEM)
            words += w
            sentences += n
            long_words += lw
    return make_lix(words, sentences, long_words, min_words=config.min_words)
