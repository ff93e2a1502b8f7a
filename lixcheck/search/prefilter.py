"""Skip regular-expression searches that cannot match: every match of most patterns contains one of a few literal
strings ("afgørelse om", "klage" …), and a substring test (str.find, C-fast) is far cheaper than a search.

needles(pattern) reads the pattern's parse tree and returns such a set of strings (lower-cased for IGNORECASE
patterns), or None when it cannot say. Guarded(pattern).search/finditer give exactly the results of the plain
pattern: they only skip the search when no needle occurs inside text[pos:endpos], where no match can be either.

Case-insensitive matching equals a substring test on str.lower() only for characters whose case folding in ``re``
is plain one-to-one lower-casing; fold(text) returns None for a text with any other character (say "ſ", "K" the
Kelvin sign, Greek or Turkish letters), and the search then simply runs.

A letter is searched by some 150 patterns with some 550 needles in all: testing them one by one (str.find each) was
a fifth of check()'s time. So every needle of every case-insensitive Guarded goes into one Aho-Corasick automaton
(pyahocorasick), and a folded text of INDEX_MIN+ characters is scanned once for all of them: the index of where each
needle occurs then answers every test on that text and its windows. The index travels with the folded text:
fold_letter(text) gives a Folded string, built once per letter (the Letter view keeps it) and passed to every search
of the letter; its first search builds the index. A search without it, shorter texts and case-sensitive patterns use
str.find (a Guarded built after a text was indexed has that index rebuilt).
"""

from __future__ import annotations

import re
import threading
from bisect import bisect_left, bisect_right
from functools import lru_cache, reduce
from operator import or_

from . import retree, stored

try:
    import ahocorasick
except ImportError:  # a platform without its wheel: every test uses str.find (same results, slower)
    ahocorasick = None

# Characters for which re.IGNORECASE on a literal is exactly a.lower() == b.lower() among themselves (checked in
# tests/test_prefilter.py): Latin-1 and common typographic punctuation. Anything else in a text disables the skip.
SAFE_CHARS = "\x00-\xff–—‐‑‒“”„‟’‘‚…€•·′″\u2009\u202f\u200b\u2028\u2029"
_UNSAFE = re.compile(f"[^{SAFE_CHARS}]")
_MAX_STARTS = 12  # more places where a match may start than this: one scan instead of a match() at each
_LIMIT = 32  # at most this many alternative strings per set (the cross product of small classes grows fast)
_ZERO_WIDTH = retree.ZERO_WIDTH
_REPEATS = retree.REPEATS


INDEX_MIN = 256  # characters: a shorter text is tested needle by needle (building an index costs more)


class Folded(str):
    """A text lower-cased character for character (what fold() gives), with its needle index once a search has
    built it: every later search of the text, or of a window of it, reads the index."""

    __slots__ = ("index",)


# str.lower() of each Latin-1 character, which is one Latin-1 character (tests/test_prefilter.py)
_LOWER_LATIN1 = bytes(ord(chr(i).lower()) for i in range(256))


def fold(text: str) -> str | None:
    """``text`` lower-cased index for index, or None when a character's case folding in ``re`` differs."""
    if text.isascii():
        return text.lower()
    # A Latin-1 text (most Danish letters) is safe throughout: lower-cased byte by byte, what str.lower() gives,
    # without testing its characters one by one.
    raw = text.encode("latin-1", "ignore")
    if len(raw) == len(text):
        return raw.translate(_LOWER_LATIN1).decode("latin-1")
    return text.lower() if _UNSAFE.search(text) is None else None


def fold_letter(text: str) -> Folded | None:
    """fold(text) for a text that many searches read (a letter): pass it to each of them, and the needle index that
    the first one builds is kept with it. (A Folded is an object the garbage collector tracks: fold a line with
    fold().)"""
    folded = fold(text)
    if folded is None:
        return None
    folded = Folded(folded)
    folded.index = None
    return folded


class _Registry:
    """Every needle and prefix of every Guarded, in one automaton (rebuilt when a Guarded brings new strings)."""

    LIMIT = 50_000  # strings; beyond this, new patterns use str.find (patterns built per call would grow it forever)

    def __init__(self):
        self.strings: set[str] = set()
        self.version = 0
        self._automaton = None
        self._lock = threading.Lock()

    def add(self, strings: set[str]) -> int | None:
        """Register strings; the version an index must have to hold them all (None: not registered)."""
        if ahocorasick is None:
            return None
        with self._lock:
            new = strings - self.strings
            if new:
                if len(self.strings) + len(new) > self.LIMIT:
                    return None
                self.strings |= new
                self.version += 1
                self._automaton = None
            return self.version

    def automaton(self):
        with self._lock:
            if self._automaton is None:
                a = ahocorasick.Automaton()
                for s in self.strings:
                    a.add_word(s, (s, len(s) - 1))
                a.make_automaton()
                self._automaton = (self.version, a)
            return self._automaton


_registry = _Registry()


class _Index:
    """Where each registered string occurs in one text: start offsets, ascending."""

    __slots__ = ("version", "positions", "length")

    def __init__(self, hay: str):
        self.version, automaton = _registry.automaton()
        positions: dict[str, list[int]] = {}
        for end, (s, back) in automaton.iter(hay):
            found = positions.get(s)
            if found is None:
                positions[s] = [end - back]
            else:
                found.append(end - back)
        self.positions = positions
        self.length = len(hay)

    def has_any(self, strings, pos: int, end: int | None) -> bool:
        """Whether one of ``strings`` lies inside hay[pos:end] (what hay.find(s, pos, end) != -1 says)."""
        positions = self.positions
        if pos == 0 and end is None:
            return not positions.keys().isdisjoint(strings)
        end = self.length if end is None else end
        for s in strings:
            found = positions.get(s)
            if found:
                i = bisect_left(found, pos)
                if i < len(found) and found[i] + len(s) <= end:
                    return True
        return False

    def starts(self, strings, pos: int, end: int) -> list[int]:
        """Every offset in hay[pos:end] where one of ``strings`` lies wholly inside the window."""
        out: list[int] = []
        if not pos and end >= self.length:  # the whole text: only the strings that occur at all (a set operation)
            positions = self.positions
            for s in positions.keys() & strings:
                out.extend(positions[s])
            return out
        for s in strings:
            found = self.positions.get(s)
            if found:
                i = bisect_left(found, pos) if pos else 0
                j = bisect_right(found, end - len(s))
                if i < j:
                    out.extend(found[i:j])
        return out


def _index(hay: str) -> _Index | None:
    """The needle index of a Folded text of INDEX_MIN+ characters (built on first use, kept with the text)."""
    if not isinstance(hay, Folded) or len(hay) < INDEX_MIN or ahocorasick is None:
        return None
    index = hay.index
    if index is None or index.version != _registry.version:
        index = hay.index = _Index(hay)
    return index


def _tests_version(tests) -> int | None:
    """The index version that holds the strings of all ``tests`` (Guarded, or objects with a .guarded), or None
    when one of them is not in the needle index."""
    version = 0
    for test in tests:
        g = getattr(test, "guarded", test)
        if g.needles is not None:
            if g.version is None:
                return None
            version = max(version, g.version)
    return version


class SearchSet:
    """Many searches (Guarded or Anchored) of one text: which of them can match at all, from one look-up of the
    letter's needle index for all of them (testing each with possible() costs a call per search)."""

    def __init__(self, searches):
        self.searches = tuple(searches)
        self.version = _tests_version(self.searches)
        # Which searches each string is a needle (or a second needle) of, as one int: bit i for a needle of search i,
        # bit n + i for a second needle of it (n searches). A letter's index is then read once for all of them (the
        # strings it holds), OR-ing one int per string, not once per search.
        n = self._n = len(self.searches)
        self._bits: dict[str, int] = {}
        for i, s in enumerate(self.searches):
            for group, bit in ((s.needles, 1 << i), (s.needles2, 1 << (n + i))):
                for needle in group or ():
                    self._bits[needle] = self._bits.get(needle, 0) | bit
        # the searches with no needles (or no second needles) pass that test whatever the letter holds
        self._open = sum(1 << i for i, s in enumerate(self.searches) if s.needles is None) | sum(
            1 << (n + i) for i, s in enumerate(self.searches) if s.needles is None or s.needles2 is None)

    def which(self, text: str, folded: str | None) -> list[int]:
        """The positions in ``searches`` of the searches that can match (possible() true), ascending."""
        present = None
        if folded is not None and self.version is not None and len(folded) >= INDEX_MIN:
            index = _index(folded)
            if index is not None and index.version >= self.version:
                present = index.positions.keys()
        if present is None:
            return [i for i, s in enumerate(self.searches) if s.possible(text, folded)]
        bits = self._bits
        mask = reduce(or_, map(bits.__getitem__, present & bits.keys()), self._open)
        mask &= mask >> self._n  # both tests pass (the high half is cut off by the low half's width)
        out = []
        while mask:
            low = mask & -mask
            out.append(low.bit_length() - 1)
            mask ^= low
        return out

    def possible(self, text: str, folded: str | None) -> list[bool]:
        """[search.possible(text, folded) for search in self.searches]."""
        out = [False] * self._n
        for i in self.which(text, folded):
            out[i] = True
        return out


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
    if op == retree.LITERAL:
        return frozenset({_char(av, ic)}), None
    if op == retree.IN:
        if all(o == retree.LITERAL for o, _ in av) and len(av) <= 8:
            return frozenset(_char(a, ic) for _, a in av), None
        return None, None
    if op == retree.SUBPATTERN:
        _group, add_flags, del_flags, p = av
        if add_flags or del_flags:
            return None, None
        return _seq(retree.children(p), ic)
    if op == retree.BRANCH:
        parts = [_seq(retree.children(b), ic) for b in av[1]]
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
        exact, required = _seq(retree.children(p), ic)
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
    """(needles, second needles, prefixes) of a pattern: made before run time (stored.py) or from one parse of it
    (cached: rule data repeats)."""
    return stored.analysis("needles", source, flags, lambda: analyse(source, flags),
                           lambda found: tuple(None if x is None else tuple(x) for x in found))


def analyse(source: str, flags: int) -> tuple[tuple[str, ...] | None, tuple[str, ...] | None, tuple[str, ...] | None]:
    """(needles, second needles, prefixes) of a pattern, from its parse tree."""
    if flags & (re.VERBOSE | re.LOCALE | re.ASCII):
        return None, None, None
    ic = bool(flags & re.IGNORECASE)
    try:
        parsed = retree.parse(source, flags)
    except (re.error, RecursionError):
        return None, None, None
    if parsed is None:  # the parse tree cannot be read on this Python: no filter (plain searches)
        return None, None, None
    tree = parsed.items
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
    if op == retree.SUBPATTERN:
        _group, add_flags, del_flags, p = av
        return None if add_flags or del_flags else _prefix_seq(retree.children(p), ic)
    if op == retree.BRANCH:
        parts = [_prefix_seq(retree.children(b), ic) for b in av[1]]
        if any(x is None for x in parts):
            return None
        union = frozenset().union(*parts)
        return union if len(union) <= _LIMIT else None
    if op in _REPEATS and av[0] >= 1:
        return _prefix_seq(retree.children(av[2]), ic)
    return None


def prefixes(pattern: re.Pattern) -> tuple[str, ...] | None:
    """Strings one of which every match of ``pattern`` starts with (lower-cased when it ignores case), or None."""
    return _analysis(pattern.pattern, pattern.flags)[2] if isinstance(pattern.pattern, str) else None


class Guarded:
    """A compiled pattern whose search/finditer skip texts (or text windows) that hold none of its needles, and start
    scanning where the first of its prefixes occurs (a match cannot start before it).

    ``folded`` is fold(text), passed by callers that search one text many times; it is computed when not given.
    """

    __slots__ = ("pattern", "needles", "needles2", "prefixes", "ignorecase", "version")

    def __init__(self, pattern: re.Pattern):
        self.pattern = pattern
        self._analysed(pattern.pattern, pattern.flags)

    @classmethod
    def needles_of(cls, source: str, flags: int) -> Guarded:
        """A Guarded that only tells where a pattern's needles occur (needle_starts), without compiling the pattern:
        for the anchors of anchored.py, which search nothing themselves."""
        guarded = cls.__new__(cls)
        guarded.pattern = None
        # (re.compile adds UNICODE to a str pattern's flags; a plain int, as the stored analyses are keyed by it)
        guarded._analysed(source, int(flags | re.UNICODE))
        return guarded

    def _analysed(self, source: str | bytes, flags: int) -> None:
        if isinstance(source, str):
            self.needles, self.needles2, self.prefixes = _analysis(source, flags)
        else:
            self.needles = self.needles2 = self.prefixes = None
        self.ignorecase = bool(flags & re.IGNORECASE)
        strings = {s for group in (self.needles, self.needles2, self.prefixes) if group for s in group}
        # An index of this version or later holds them. Only case-insensitive patterns use the index (of the folded
        # text): the few case-sensitive ones test a letter faster with str.find than by a second scan of it.
        self.version = _registry.add(strings) if strings and self.ignorecase else None

    def _where(self, text: str, folded: str | None, pos: int, endpos: int | None) -> tuple[str | None, _Index | None]:
        """(hay, index): the text the needles are looked up in -- the case-folded text for IGNORECASE patterns, None
        when it cannot be folded safely -- and its needle index when there is one that holds this pattern's strings."""
        if self.ignorecase:
            hay = fold(text) if folded is None else folded
            if hay is None:
                return None, None
        else:
            hay = text
        if self.version is None or len(hay) < INDEX_MIN or pos < 0 or (endpos is not None and endpos < 0):
            return hay, None
        index = _index(hay)
        return hay, (index if index is not None and index.version >= self.version else None)

    def _possible_in(self, hay: str, index: _Index | None, pos: int, endpos: int | None) -> bool:
        needles, needles2 = self.needles, self.needles2
        if index is not None:
            return index.has_any(needles, pos, endpos) and (needles2 is None or index.has_any(needles2, pos, endpos))
        return _contains_any(hay, needles, pos, endpos) and (
            needles2 is None or _contains_any(hay, needles2, pos, endpos))

    def _starts(self, text: str, folded: str | None, pos: int, endpos: int | None) -> list[int] | int | None:
        """The places in text[pos:endpos] where a match can start (sorted; each match starts with one of the
        prefixes), [] when no match is possible, an int when there are so many places that one scan from that
        offset (the first place) is cheaper, or None when unknown."""
        needles, prefixes = self.needles, self.prefixes
        if needles is None and prefixes is None:
            return None
        hay, index = self._where(text, folded, pos, endpos)
        if hay is None:
            return None
        if needles is not None and not self._possible_in(hay, index, pos, endpos):
            return []
        if prefixes is None:
            return None
        end = len(text) if endpos is None else endpos
        if index is not None:
            out = index.starts(self.prefixes, pos, end)
            if len(out) > _MAX_STARTS:
                return min(out)  # many places: one scan from the first one is cheaper
            out.sort()
            return out
        find = hay.find
        out = []
        for p in self.prefixes:
            i = find(p, pos, end)
            while i != -1:
                out.append(i)
                if len(out) > _MAX_STARTS:  # many places: one scan from the first place of any prefix
                    firsts = [find(q, pos, end) for q in self.prefixes]
                    return min(f for f in firsts if f != -1)
                i = find(p, i + 1, end)
        out.sort()
        return out

    def possible(self, text: str, folded: str | None = None, pos: int = 0, endpos: int | None = None) -> bool:
        """False only when no match can lie inside text[pos:endpos]."""
        needles = self.needles
        if needles is None:
            return True
        # (_where and _possible_in, written out: this runs ~100 times per letter)
        if self.ignorecase:
            hay = fold(text) if folded is None else folded
            if hay is None:
                return True
        else:
            hay = text
        if pos == 0 and endpos is None:
            if self.version is not None and len(hay) >= INDEX_MIN:
                index = _index(hay)
                if index is not None and index.version >= self.version:
                    keys, needles2 = index.positions.keys(), self.needles2
                    return not keys.isdisjoint(needles) and (needles2 is None or not keys.isdisjoint(needles2))
            return self._possible_in(hay, None, 0, None)
        hay, index = self._where(text, folded, pos, endpos)
        return hay is None or self._possible_in(hay, index, pos, endpos)

    def search(self, text: str, folded: str | None = None, pos: int = 0, endpos: int | None = None):
        starts = self._starts(text, folded, pos, endpos)
        if starts is None:
            return self.pattern.search(text, pos) if endpos is None else self.pattern.search(text, pos, endpos)
        end = len(text) if endpos is None else endpos
        if isinstance(starts, int):  # many places: scan from the first
            return self.pattern.search(text, starts, end)
        return first_match_at(self.pattern, text, starts, end)

    search_possible = search  # (what Anchored.search_possible is: search() of a text that may hold a match)

    def found(self, text: str, folded: str | None = None, pos: int = 0, endpos: int | None = None) -> bool:
        return self.search(text, folded, pos, endpos) is not None

    def needle_starts(self, text: str, folded: str | None = None) -> list[int] | None:
        """Sorted offsets of every occurrence of this pattern's needles in the text (each match contains one of
        them), from the letter's needle index when there is one; None when the pattern has no needles or the text
        cannot be folded safely."""
        needles = self.needles
        if needles is None:
            return None
        hay, index = self._where(text, folded, 0, None)
        if hay is None:
            return None
        if index is not None:
            return sorted(index.starts(needles, 0, len(hay)))
        out = []
        for n in needles:
            i = hay.find(n)
            while i != -1:
                out.append(i)
                i = hay.find(n, i + 1)
        out.sort()
        return out

    def finditer(self, text: str, folded: str | None = None, pos: int = 0, endpos: int | None = None):
        starts = self._starts(text, folded, pos, endpos)
        if starts is not None:
            if isinstance(starts, int):
                pos = starts  # many places: no match starts before the first
            elif not starts:
                return iter(())
            else:
                return self._matches_at(text, starts, len(text) if endpos is None else endpos)
        return self.pattern.finditer(text, pos) if endpos is None else self.pattern.finditer(text, pos, endpos)

    def _matches_at(self, text: str, starts: list[int], end: int):
        return matches_at(self.pattern, text, starts, end)


def first_match_at(pattern: re.Pattern, text: str, starts: list[int], end: int) -> re.Match | None:
    """What pattern.search gives when its matches can only start at ``starts`` (sorted): the match at the leftmost
    place where the pattern matches."""
    match = pattern.match
    for q in starts:
        m = match(text, q, end)
        if m is not None:
            return m
    return None


def matches_at(pattern: re.Pattern, text: str, starts: list[int], end: int):
    """What pattern.finditer gives when its matches can only start at ``starts`` (sorted): the leftmost match from
    each place on. Every match is non-empty (it starts with a prefix or holds a needle), so the next one is searched
    from where it ends."""
    match = pattern.match
    cur = -1
    for q in starts:
        if q < cur:
            continue
        m = match(text, q, end)
        if m is not None:
            yield m
            cur = m.end()


def _contains_any(hay: str, strings, pos: int, endpos: int | None) -> bool:
    """Whether one of ``strings`` lies inside hay[pos:endpos] (plain loops: a generator costs more than the tests)."""
    if pos == 0 and endpos is None:
        for n in strings:
            if n in hay:
                return True
        return False
    find = hay.find
    end = len(hay) if endpos is None else endpos
    for n in strings:
        if find(n, pos, end) != -1:
            return True
    return False


_GROUP_REF = re.compile(r"\\[1-9]|\(\?P=|\(\?\(")  # back-references and conditionals name other groups


def refers_to_groups(pattern: str) -> bool:
    """Whether the pattern names a group by number or name: joined with others, or split apart, it would change."""
    return _GROUP_REF.search(pattern) is not None


def joined(patterns, flags: int = re.IGNORECASE) -> Guarded | None:
    """A Guarded over the alternation of ``patterns`` ("(?:a)|(?:b)"), which matches where one of them matches;
    None when they cannot be joined (one refers to groups, or one does not compile)."""
    if any(refers_to_groups(p) for p in patterns):
        return None
    try:
        return Guarded(re.compile("|".join(f"(?:{p})" for p in patterns), flags))
    except (re.error, RecursionError):
        return None


class AnyOf:
    """Whether the alternation of ``patterns`` matches: the same truth as bool(re.compile("(?:a)|(?:b)").search(…)),
    since an alternation matches somewhere exactly when one of its alternatives does, but each alternative gets its
    own pre-filter (one alternative without literal strings no longer disables the filter for all)."""

    __slots__ = ("parts",)

    def __init__(self, patterns: list[str] | tuple[str, ...], flags: int = re.IGNORECASE, parts=None):
        if parts is not None:
            self.parts = parts
            return
        if any(refers_to_groups(p) for p in patterns):  # group numbers would change: keep them together
            patterns = ["|".join(f"(?:{p})" for p in patterns)]
        self.parts = tuple(Guarded(re.compile(p, flags)) for p in patterns)

    def possible(self, text: str, folded: str | None = None, pos: int = 0, endpos: int | None = None) -> bool:
        if folded is None:
            folded = fold(text)  # once for all parts (None again for a text the filter cannot read: no skipping)
        return any(g.possible(text, folded, pos, endpos) for g in self.parts)

    def needle_starts(self, text: str, folded: str | None = None) -> list[int] | None:
        """Sorted places of the needles of every part in ``text`` (every match holds one); None: unknown."""
        out: list[int] = []
        for g in self.parts:
            starts = g.needle_starts(text, folded)
            if starts is None:
                return None
            out.extend(starts)
        out.sort()
        return out

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
