"""textstat compatibility: textstat 0.7.13's ``textstat.lix()`` reproduced without importing textstat.

Used by ``lix_mode = "textstat"`` so that users can compare lixcheck's numbers with the ones other tools print.
textstat counts differently from lixcheck (docs/lix.md, "textstat mode"):

- words: ``text.split()`` after removing every character that is not a word character, whitespace or an apostrophe
  (apostrophes not followed by t, s, d, ve, ll or re are removed too), so "bl.a." → "bla", "12.500" → "12500" and a
  lone "§" or "–" disappears;
- long words: the same split with every apostrophe removed; a long word has more than 6 characters, digits included;
- sentences: matches of ``\\b[^.!?]+[.!?]*``, so every period ends a sentence; matches with 2 words or fewer are
  dropped, and a non-empty text has at least one sentence;
- LIX = words/sentences + 100 × long_words/words, unrounded (textstat's default, ``_legacy_round`` with no points).

One deliberate difference: textstat returns 0.0 for a text without words; lixcheck reports that as not computed
(value None with a reason), because a LIX of 0 would read as "very easy".
"""

from __future__ import annotations

import re

from .model import REASON_TOO_FEW_WORDS, Lix, band_for

# textstat.backend.utils.constants
_CONTRACTION_ENDINGS = r"[tsd]|ve|ll|re"
_NONCONTRACTION_APOSTROPHE = re.compile(r"\'(?!" + _CONTRACTION_ENDINGS + ")")
# textstat.backend.transformations.remove_punctuation, rm_apostrophe False and True
_PUNCT_KEEP_APOSTROPHE = re.compile(r"[^\w\s\']")
_PUNCT_ALL = re.compile(r"[^\w\s]")
# textstat.backend.counts.count_sentences
_SENTENCE = re.compile(r"\b[^.!?]+[.!?]*")
LONG_WORD_CHARS = 6


def _word_count(text: str) -> int:
    """textstat's count_words(text): list_words with rm_punctuation=True, rm_apostrophe=False."""
    return len(_PUNCT_KEEP_APOSTROPHE.sub("", _NONCONTRACTION_APOSTROPHE.sub("", text)).split())


def _long_word_count(text: str) -> int:
    """textstat's count_long_words(text): list_words with rm_apostrophe=True, len(word) > 6."""
    return sum(1 for w in _PUNCT_ALL.sub("", text).split() if len(w) > LONG_WORD_CHARS)


def _sentence_count(text: str) -> int:
    """textstat's count_sentences(text)."""
    if not text:
        return 0
    sentences = _SENTENCE.findall(text)
    ignored = sum(1 for s in sentences if _word_count(s) <= 2)
    return max(1, len(sentences) - ignored)


def textstat_lix(text: str) -> Lix:
    """LIX as textstat 0.7.13 computes it (value equal to ``textstat.lix(text)``), with textstat's counts."""
    words = _word_count(text)
    long_words = _long_word_count(text)
    sentences = _sentence_count(text)
    if words == 0:
        return Lix(None, 0, sentences, long_words, None, REASON_TOO_FEW_WORDS)
    per_long_words = 100 * long_words / words
    asl = words / sentences  # sentences >= 1 whenever there is a word
    value = asl + per_long_words
    return Lix(value, words, sentences, long_words, band_for(value))
