"""Search for listed names: hundreds of authority names, unit words or job titles, matched as whole words.

A plain regex alternation of a few hundred names tries every one of them at every position of the text. A name
starts where a word starts, so NameSearch tries the pattern only at the word starts whose first letters begin some
name (or, with ``endings``, at words that end like one of them), and there with the few names that begin so.
It gives exactly the plain pattern's search() result (tests/test_search_names.py).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from functools import cache, cached_property

from .prefilter import fold

_WORD = re.compile(r"\w+")


@cache
def alternation(words: tuple[str, ...]) -> str:
    """A regex alternation of literal words/phrases, longest first (so "team" does not win over "teamet"); words of
    one length in a fixed order, so that a pattern is the same in every process (its analysis is stored by it)."""
    return "|".join(re.escape(w) for w in sorted(set(words), key=lambda w: (-len(w), w)))


def trie(strings) -> str:
    """A regex matching exactly the given non-empty strings, as a trie (the regex engine tries a few first characters
    at each position, not every string): for tests whether any of them occurs, not for which one."""
    ends = "" in strings
    groups: dict[str, list[str]] = {}
    for x in strings:
        if x:
            groups.setdefault(x[0], []).append(x[1:])
    if not groups:
        return ""
    alts = [re.escape(c) + trie(rest) for c, rest in sorted(groups.items())]
    body = alts[0] if len(alts) == 1 else f"(?:{'|'.join(alts)})"
    return f"(?:{body})?" if ends else body


class NameSearch:
    """``pattern = re.compile(template(alternation(names)), flags)``, searched only where a name can start.

    ``template(alternation)`` builds the pattern from an alternation of names, e.g.
    ``lambda names: rf"(?<![\\wæøå])(?:{names})(?![\\wæøå])"``; every match must start at a word start, with one of
    the names or (``endings``) as a word that ends with one of them (the template then adds a ``[\\wæøå]+`` before
    its suffix group). A word start is tried with the pattern of only the names that begin like it: the same result,
    since no other name can match there and the names keep their longest-first order.
    """

    def __init__(self, names: tuple[str, ...], template: Callable[[str], str], flags: int = re.IGNORECASE,
                 endings: tuple[str, ...] = ()):
        self.template, self.flags = template, flags
        self._source = template(alternation(tuple(names)))
        self.k = min(4, min(map(len, names))) if names else 0
        usable = (self.k > 0 and flags & re.IGNORECASE and all(fold(n) == n and n[:1].isalnum() for n in names)
                  and all(e and fold(e) == e and _WORD.fullmatch(e) for e in endings))
        self.endings = tuple(endings)
        self.by_prefix: dict[str, tuple[str, ...]] | None = None
        self.first = None
        if usable:
            self.by_prefix = {}
            for n in names:
                self.by_prefix[n[:self.k]] = (*self.by_prefix.get(n[:self.k], ()), n)
            # The first candidate word start, from one scan of the folded text (fold() keeps every character's
            # \w-ness: the same word starts and ends). None there (most lines), no match at all.
            source = trie(self.by_prefix)
            if endings:
                source += rf"|\w*?(?:{trie(endings)})(?!\w)"
            self.first = re.compile(rf"(?<!\w)(?:{source})")
        self._compiled: dict[str, re.Pattern] = {}  # prefix → the pattern of its names, compiled on first use

    @cached_property
    def pattern(self) -> re.Pattern:
        """The plain pattern of all names, compiled on first use: search() needs it only for a text it cannot fold
        or a word with one of the ``endings`` (compiling an alternation of some 700 authority names cost a fresh
        process's first check ~2 %)."""
        return re.compile(self._source, self.flags)

    def _match_at(self, text: str, p: int, prefix: str):
        rx = self._compiled.get(prefix)
        if rx is None:
            rx = self._compiled[prefix] = re.compile(self.template(alternation(self.by_prefix[prefix])), self.flags)
        return rx.match(text, p)

    def search(self, text: str):
        """What self.pattern.search(text) gives."""
        folded = fold(text) if self.by_prefix is not None else None
        if folded is None:  # (names the fast path cannot read, or a text with odd case folding)
            return self.pattern.search(text)
        first = self.first.search(folded)
        if first is None:
            return None
        k, prefixes, endings = self.k, self.by_prefix, self.endings
        for w in _WORD.finditer(text, first.start()):  # a match starts at a word start
            p = w.start()
            prefix = folded[p:p + k]
            if prefix in prefixes:
                m = self._match_at(text, p, prefix)
                if m:
                    return m
            elif endings and folded.endswith(endings, p, w.end()):
                m = self.pattern.match(text, p)
                if m:
                    return m
        return None
