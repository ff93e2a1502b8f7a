"""Skip regular-expression searches that cannot match: every match of most patterns contains one of a few literal
strings ("afgørelse om", "klage" …), and a substring test (str.find, C-fast) is far cheaper than a search.

needles(pattern) reads the pattern's parse tree and returns such a set of strings (lower-cased for IGNORECASE
patterns), or None when it cannot say. Guarded(pattern).search/finditer give exactly the results of the plain
pattern: they only skip the search when no needle occurs inside text[pos:endpos], where no match can be either.

Case-insensitive matching equals a substring test on str.lower() only for characters whose case folding in ``re``
is plain one-to-one lower-casing; fold(text) returns None for a text with any other character (say "ſ", "K" the
Kelvin sign, Greek or Turkish letters), and the search then simply runs.
"""

from __future__ import annotations

import re
import re._constants as C  # noqa: N812
import re._parser as P  # noqa: N812
from functools import lru_cache

# Characters for which re.IGNORECASE on a literal is exactly a.lower() == b.lower() among themselves (checked in
# tests/test_prefilter.py): Latin-1 and common typographic punctuation. Anything else in a text disables the skip.
SAFE_CHARS = "\x00-\xff–—‐‑‒“”„‟’‘‚…€•·′″\u2009\u202f\u200b\u2028\u2029"
_UNSAFE = re.compile(f"[^{SAFE_CHARS}]")
_MAX_STARTS = 12  # more places where a match may start than this: one scan instead of a match() at each
_LIMIT = 32  # at most this many alternative strings per set (the cross product of small classes grows fast)
_ZERO_WIDTH = {C.AT, C.ASSERT, C.ASSERT_NOT}
_REPEATS = {C.MAX_REPEAT, C.MIN_REPEAT, getattr(C, "POSSESSIVE_REPEAT", C.MAX_REPEAT)}


def fold(text: str) -> str | None:
    """``text`` lower-cased index for index, or None when a character's case folding in ``re`` differs."""
    if text.isascii() or _UNSAFE.search(text) is None:
        return text.lower()
    return None


class _Unknown(Exception):
    pass


def _char(code: int, ignorecase: bool) -> str:
    c = chr(code)
    if ignorecase:
        if _UNSAFE.match(c):
            raise _Unknown
        return c.lower()
    return c


def _best(candidates: list[frozenset]) -> frozenset | None:
    """The most useful set to test: the rarest (longest shortest string, up to 8 characters), then the fewest strings.
    A substring test costs far less than the search it saves, so rarity counts first."""
    good = [c for c in candidates if c and all(c)]
    if not good:
        return None
    return max(good, key=lambda c: (min(8, min(map(len, c))), -len(c)))


def _seq(items, ic: bool, collect: list | None = None) -> tuple[frozenset | None, frozenset | None]:
    """(exact, required) of a sequence: exact = every string it can match is in the set (None: unknown);
    required = every match contains one of the set's strings (None: unknown). ``collect`` receives every set of
    which each match contains one string (all of them hold at once)."""
    run = frozenset({""})  # the literal strings the consecutive elements so far can match
    candidates: list[frozenset] = []
    broken = False
    for op, av in items:
        if op in _ZERO_WIDTH:
            continue
        exact, required = _node(op, av, ic)
        if exact is not None:
            candidates.append(exact)  # a part of a run can be a better test than the whole run
        elif required is not None:
            candidates.append(required)
        if exact is not None and len(run) * len(exact) <= _LIMIT:
            run = frozenset(a + b for a in run for b in exact)
            continue
        broken = True
        candidates.append(run)
        run = exact if exact is not None else frozenset({""})
    candidates.append(run)
    if collect is not None:
        collect.extend(c for c in candidates if c and all(c))
    return (None if broken else run), _best(candidates)


def _node(op, av, ic: bool) -> tuple[frozenset | None, frozenset | None]:
    if op == C.LITERAL:
        return frozenset({_char(av, ic)}), None
    if op == C.IN:
        if all(o == C.LITERAL for o, _ in av) and len(av) <= 8:
            return frozenset(_char(a, ic) for _, a in av), None
        return None, None
    if op == C.SUBPATTERN:
        _group, add_flags, del_flags, p = av
        if add_flags or del_flags:
            return None, None
        return _seq(p.data if hasattr(p, "data") else p, ic)
    if op == C.BRANCH:
        parts = [_seq(b.data if hasattr(b, "data") else b, ic) for b in av[1]]
        exact = None
        if all(e is not None for e, _ in parts) and sum(len(e) for e, _ in parts) <= _LIMIT:
            exact = frozenset().union(*(e for e, _ in parts))
        required = []
        for e, r in parts:
            best = _best([x for x in (e, r) if x is not None])
            if best is None:
                return exact, None
            required.append(best)
        union = frozenset().union(*required)
        return exact, (union if len(union) <= _LIMIT else None)
    if op in _REPEATS:
        lo, hi, p = av
        exact, required = _seq(p.data if hasattr(p, "data") else p, ic)
        if lo == 0:
            return None, None
        if exact is not None and lo == hi and len(exact) ** lo <= _LIMIT:
            out = frozenset({""})
            for _ in range(lo):
                out = frozenset(a + b for a in out for b in exact)
            return out, None
        return None, _best([x for x in (exact, required) if x is not None])
    return None, None


@lru_cache(maxsize=1024)
def _analysis(source: str, flags: int) -> tuple[tuple[str, ...] | None, tuple[str, ...] | None,
                                                tuple[str, ...] | None]:
    """(needles, second needles, prefixes) of a pattern, from one parse of it (cached: rule data repeats)."""
    if flags & (re.VERBOSE | re.LOCALE | re.ASCII):
        return None, None, None
    ic = bool(flags & re.IGNORECASE)
    try:
        tree = P.parse(source, flags).data
    except (re.error, RecursionError):
        return None, None, None
    found: list[frozenset] = []
    try:
        exact, required = _seq(tree, ic, found)
        best = _best([x for x in (exact, required) if x is not None])
    except (_Unknown, RecursionError):
        best = None
    first = tuple(sorted(best)) if best is not None else None
    second = None
    if first is not None:
        # a set is worth testing when the first one does not imply it (a string of it inside each first string)
        others = [c for c in found if min(map(len, c)) >= 3 and not all(any(x in f for x in c) for f in first)]
        other = _best(others)
        second = tuple(sorted(other)) if other is not None else None
    try:
        start = _prefix_seq(tree, ic)
    except (_Unknown, RecursionError):
        start = None
    return first, second, (tuple(sorted(start)) if start else None)


def needles(pattern: re.Pattern) -> tuple[str, ...] | None:
    """Strings of which every match of ``pattern`` contains one (lower-cased when it ignores case), or None."""
    return _analysis(pattern.pattern, pattern.flags)[0] if isinstance(pattern.pattern, str) else None


def _prefix_seq(items, ic: bool) -> frozenset | None:
    """Strings one of which every match of the sequence starts with (zero-width assertions consume nothing)."""
    run = frozenset({""})
    for op, av in items:
        if op in _ZERO_WIDTH:
            continue
        exact, _ = _node(op, av, ic)
        if exact is not None and len(run) * len(exact) <= _LIMIT:
            run = frozenset(a + b for a in run for b in exact)
            continue
        if run == {""}:
            return _prefix_node(op, av, ic)
        break
    return run if all(run) else None


def _prefix_node(op, av, ic: bool) -> frozenset | None:
    if op == C.SUBPATTERN:
        _group, add_flags, del_flags, p = av
        return None if add_flags or del_flags else _prefix_seq(p.data if hasattr(p, "data") else p, ic)
    if op == C.BRANCH:
        parts = [_prefix_seq(b.data if hasattr(b, "data") else b, ic) for b in av[1]]
        if any(x is None for x in parts):
            return None
        union = frozenset().union(*parts)
        return union if len(union) <= _LIMIT else None
    if op in _REPEATS and av[0] >= 1:
        return _prefix_seq(av[2].data if hasattr(av[2], "data") else av[2], ic)
    return None


def prefixes(pattern: re.Pattern) -> tuple[str, ...] | None:
    """Strings one of which every match of ``pattern`` starts with (lower-cased when it ignores case), or None."""
    return _analysis(pattern.pattern, pattern.flags)[2] if isinstance(pattern.pattern, str) else None


def second_needles(pattern: re.Pattern) -> tuple[str, ...] | None:
    """Another set of strings every match contains one of, besides needles(pattern): "møde … kl." needs a meeting
    word and "kl." both. None when there is no useful second set."""
    return _analysis(pattern.pattern, pattern.flags)[1] if isinstance(pattern.pattern, str) else None


class Guarded:
    """A compiled pattern whose search/finditer skip texts (or text windows) that hold none of its needles, and start
    scanning where the first of its prefixes occurs (a match cannot start before it).

    ``folded`` is fold(text), passed by callers that search one text many times; it is computed when not given.
    """

    __slots__ = ("pattern", "needles", "needles2", "prefixes", "ignorecase")

    def __init__(self, pattern: re.Pattern):
        self.pattern = pattern
        if isinstance(pattern.pattern, str):
            self.needles, self.needles2, self.prefixes = _analysis(pattern.pattern, pattern.flags)
        else:
            self.needles = self.needles2 = self.prefixes = None
        self.ignorecase = bool(pattern.flags & re.IGNORECASE)

    def _hay(self, text: str, folded: str | None) -> str | None:
        """The text the needles are looked up in: the case-folded text for IGNORECASE patterns (None when it cannot
        be folded safely), else the text itself."""
        if not self.ignorecase:
            return text
        return fold(text) if folded is None else folded

    def _starts(self, text: str, folded: str | None, pos: int, endpos: int | None) -> list[int] | None:
        """The places in text[pos:endpos] where a match can start (sorted), or None when that is unknown: each
        match starts with one of the prefixes. [] when no match is possible."""
        if not self.possible(text, folded, pos, endpos):
            return []
        if self.prefixes is None:
            return None
        hay = self._hay(text, folded)
        if hay is None:
            return None
        find = hay.find
        end = len(text) if endpos is None else endpos
        out = []
        for p in self.prefixes:
            i = find(p, pos, end)
            while i != -1:
                out.append(i)
                if len(out) > _MAX_STARTS:
                    return sorted(out)[:1]  # many places: one scan from the first one is cheaper
                i = find(p, i + 1, end)
        out.sort()
        return out

    def possible(self, text: str, folded: str | None = None, pos: int = 0, endpos: int | None = None) -> bool:
        """False only when no match can lie inside text[pos:endpos]."""
        needles = self.needles
        if needles is None:
            return True
        hay = self._hay(text, folded)
        if hay is None:
            return True
        if pos == 0 and endpos is None:
            for n in needles:  # plain loops: a generator expression costs more than the tests
                if n in hay:
                    break
            else:
                return False
            if self.needles2 is None:
                return True
            for n in self.needles2:
                if n in hay:
                    return True
            return False
        find = hay.find
        end = len(text) if endpos is None else endpos
        for n in needles:
            if find(n, pos, end) != -1:
                break
        else:
            return False
        if self.needles2 is None:
            return True
        for n in self.needles2:
            if find(n, pos, end) != -1:
                return True
        return False

    def search(self, text: str, folded: str | None = None, pos: int = 0, endpos: int | None = None):
        starts = self._starts(text, folded, pos, endpos)
        if starts is None:
            return self.pattern.search(text, pos) if endpos is None else self.pattern.search(text, pos, endpos)
        end = len(text) if endpos is None else endpos
        if len(starts) == 1:  # (also the first of many places): scan from there
            return self.pattern.search(text, starts[0], end)
        match = self.pattern.match
        for q in starts:  # the leftmost place where the pattern matches is what search() finds
            m = match(text, q, end)
            if m is not None:
                return m
        return None

    def finditer(self, text: str, folded: str | None = None, pos: int = 0, endpos: int | None = None):
        starts = self._starts(text, folded, pos, endpos)
        if starts is not None:
            if not starts:
                return iter(())
            if len(starts) > 1:
                return self._matches_at(text, starts, len(text) if endpos is None else endpos)
            pos = starts[0]  # no match starts before the first place
        return self.pattern.finditer(text, pos) if endpos is None else self.pattern.finditer(text, pos, endpos)

    def _matches_at(self, text: str, starts: list[int], end: int):
        """What finditer gives when matches can only start at ``starts``: the leftmost match from each place on.
        Every match is non-empty (it starts with a prefix), so the next one is searched from where it ends."""
        match = self.pattern.match
        cur = -1
        for q in starts:
            if q < cur:
                continue
            m = match(text, q, end)
            if m is not None:
                yield m
                cur = m.end()


_BACKREF = re.compile(r"\\[1-9]|\(\?P=")


class AnyOf:
    """Whether the alternation of ``patterns`` matches: the same truth as bool(re.compile("(?:a)|(?:b)").search(…)),
    since an alternation matches somewhere exactly when one of its alternatives does, but each alternative gets its
    own pre-filter (one alternative without literal strings no longer disables the filter for all)."""

    __slots__ = ("parts",)

    def __init__(self, patterns: list[str] | tuple[str, ...], flags: int = re.IGNORECASE, parts=None):
        if parts is not None:
            self.parts = parts
            return
        if any(_BACKREF.search(p) for p in patterns):  # group numbers would change: keep them together
            patterns = ["|".join(f"(?:{p})" for p in patterns)]
        self.parts = tuple(Guarded(re.compile(p, flags)) for p in patterns)

    def within(self, text: str, folded: str | None = None) -> AnyOf:
        """The same test for windows of ``text`` only: the alternatives that cannot match anywhere in it dropped."""
        folded = fold(text) if folded is None else folded
        return AnyOf((), parts=tuple(g for g in self.parts if g.possible(text, folded)))

    def possible(self, text: str, folded: str | None = None, pos: int = 0, endpos: int | None = None) -> bool:
        if folded is None:
            folded = fold(text)  # once for all parts (None again for a text the filter cannot read: no skipping)
        return any(g.possible(text, folded, pos, endpos) for g in self.parts)

    def found(self, text: str, folded: str | None = None, pos: int = 0, endpos: int | None = None) -> bool:
        if folded is None:
            folded = fold(text)
            if folded is None:
                end = len(text) if endpos is None else endpos
                return any(g.pattern.search(text, pos, end) is not None for g in self.parts)
        for g in self.parts:
            if g.search(text, folded, pos, endpos) is not None:
                return True
        return False
