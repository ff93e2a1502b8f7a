"""Searches that start next to a pattern's needles, for patterns that start with no literal string.

A Guarded pattern with prefixes ("afgørelse om", "§") is only tried where a prefix occurs. Patterns such as
``\\b\\w*(?:møde|samtale)\\b…`` or ``[\\w.+-]+@…`` have none, and re tries them at every position of the letter. But
every match holds one of the pattern's needles, and what the pattern matches before that needle is either short
(at most ``reach`` characters: ``(?:vi )?giver dig``) or cannot hold a space or a line break (``\\w*``, ``[\\w.+-]+``).
So a match can only start in a small window before a needle occurrence: from ``reach`` characters before it, or from
the start of the run without spaces and line breaks that holds it. A pattern that starts with ``^`` (MULTILINE)
and takes no line break (``^[ \\t]{0,4}\\w{0,30}(?:påbud|forbud)\\b``) can only start at the start of a needle's
line. anchored(guarded) gives an object with Guarded's
search/finditer/possible that tries the pattern only there (re.match at each place; when there are many, one scan
from the first place, or for search() of a pattern whose attempts read a bounded stretch, span(), one scan of each
run of windows that stops that far past it), with exactly the plain pattern's results; or the Guarded itself when
the pattern's shape does not allow this (its needle analysis is read from the parse tree once per pattern).
"""

from __future__ import annotations

import re
from bisect import bisect_left

from . import retree, stored
from .prefilter import Guarded, first_match_at, matches_at, refers_to_groups

_BREAKS = (ord(" "), ord("\n"))
_NEWLINE = (ord("\n"),)
_MAX_STRINGS = 64  # literal strings per run (a product of small alternations)
MAX_TRIES = 48  # more candidate places than this: one scan from the first instead of a match() at each
# The Anchored objects whose memo holds a text (forget() empties them when a check ends)
_holding: list[Anchored] = []


def _takes_break(op, av, breaks=_BREAKS) -> bool:
    """Whether the element can consume a space or a line break (one of ``breaks``; True when unsure)."""
    if op in retree.ZERO_WIDTH:
        return False
    if op == retree.LITERAL:
        return av in breaks
    if op == retree.IN:
        if av and av[0][0] == retree.NEGATE:  # [^…]: takes each break that no literal or range of it names
            return not all(any(o == retree.LITERAL and a == c or o == retree.RANGE and a[0] <= c <= a[1]
                               for o, a in av[1:]) for c in breaks)
        for o, a in av:
            if o == retree.LITERAL:
                if a in breaks:
                    return True
            elif o == retree.RANGE:
                if any(a[0] <= c <= a[1] for c in breaks):
                    return True
            elif o != retree.CATEGORY or a not in retree.NO_SPACE_CATEGORIES:
                return True  # other categories
        return False
    if op in retree.REPEATS:
        return any(_takes_break(o, a, breaks) for o, a in av[2])
    if op == retree.SUBPATTERN:
        return any(_takes_break(o, a, breaks) for o, a in av[3])
    if op == retree.BRANCH:
        return any(_takes_break(o, a, breaks) for branch in av[1] for o, a in branch)
    return True


def _line_start(tree: retree.Tree, flags: int) -> bool:
    """Whether every match starts at a line start and lies on one line: ``^`` (MULTILINE) first, then nothing that
    can take a line break."""
    items = tree.items
    return bool(flags & re.MULTILINE) and bool(items) and items[0] == (retree.AT, retree.AT_BEGINNING) and not any(
        _takes_break(op, av, _NEWLINE) for op, av in items[1:])


def _literals(op, av, ic: bool) -> set[str] | None:
    """Every string the element can match, when it is a literal choice (lower-cased for ignorecase)."""
    if op == retree.LITERAL:
        c = chr(av)
        return {c.lower() if ic else c}
    if op == retree.IN:
        if len(av) <= 8 and all(o == retree.LITERAL for o, _ in av):
            return {chr(a).lower() if ic else chr(a) for _, a in av}
        return None
    if op == retree.SUBPATTERN:
        _group, add_flags, del_flags, p = av
        return None if add_flags or del_flags else _seq_literals(list(p), ic)
    if op == retree.BRANCH:
        out: set[str] = set()
        for branch in av[1]:
            strings = _seq_literals(list(branch), ic)
            if strings is None:
                return None
            out |= strings
        return out if len(out) <= _MAX_STRINGS else None
    return None


def _seq_literals(items, ic: bool) -> set[str] | None:
    run = {""}
    for op, av in items:
        if op in retree.ZERO_WIDTH:
            continue
        strings = _literals(op, av, ic)
        if strings is None or len(run) * len(strings) > _MAX_STRINGS:
            return None
        run = {a + b for a in run for b in strings}
    return run


def _first_offset(strings: set[str], needles) -> int | None:
    """The largest offset, over the strings, of the first needle in each; None when a string holds none."""
    worst = 0
    for s in strings:
        offsets = [i for i in (s.find(n) for n in needles) if i != -1]
        if not offsets:
            return None
        worst = max(worst, min(offsets))
    return worst


def _bounds(tree: retree.Tree, items, needles, ic: bool) -> tuple[int | None, int | None] | None:
    """(reach, free) for a sequence: each match has a needle occurrence at p with its start at or after p - reach,
    or at or after the start of the space-free run that holds p - free. None when neither can be shown."""
    width = 0  # most characters the elements before the current one can take (None: no bound)
    free = True  # the elements before the current one take no space or line break
    items = list(items)
    for i, (op, av) in enumerate(items):
        if op in retree.ZERO_WIDTH:
            continue
        # a run of literal elements from here whose every string holds a needle
        run = {""}
        for op2, av2 in items[i:]:
            if op2 in retree.ZERO_WIDTH:
                continue
            strings = _literals(op2, av2, ic)
            if strings is None or len(run) * len(strings) > _MAX_STRINGS:
                break
            run = {a + b for a in run for b in strings}
            offset = _first_offset(run, needles)
            if offset is not None:
                if width is not None:
                    return width + offset, None
                return (None, offset) if free else None
        if op == retree.BRANCH or (op == retree.SUBPATTERN and not av[1] and not av[2]):
            # a choice whose every alternative holds a needle: the widest window of its alternatives
            parts = [_bounds(tree, list(b), needles, ic) for b in (av[1] if op == retree.BRANCH else [av[3]])]
            if all(part is not None for part in parts):
                reaches = [r for r, _ in parts if r is not None]
                frees = [f for _, f in parts if f is not None]
                if width == 0:
                    return (max(reaches) if reaches else None), (max(frees) if frees else None)
                if width is not None and not frees:
                    return width + max(reaches), None
                if width is None and free:  # (a window that ends at a needle is space-free before it)
                    return None, max(reaches + frees)
        w = tree.max_width((op, av))
        width = None if width is None or w is None else width + w
        free = free and not _takes_break(op, av)
        if width is None and not free:
            return None
    return None


def _analyse(pattern: re.Pattern, needles) -> tuple[int | None, int | None, bool] | None:
    """(reach, free, line) of a pattern whose needles are ``needles`` (a function of the pattern): made before run
    time (stored.py) or from its parse tree."""
    if not isinstance(pattern.pattern, str):
        return None
    return stored.analysis("bounds", pattern.pattern, pattern.flags, lambda: analyse(pattern, needles),
                           lambda found: None if found is None else tuple(found))


def analyse(pattern: re.Pattern, needles) -> tuple[int | None, int | None, bool] | None:
    """(reach, free, line) of a pattern, from its parse tree: line when each match starts at the start of its
    needle's line (then reach and free do not matter); None when no window can be shown."""
    if not isinstance(pattern.pattern, str) or pattern.flags & (re.VERBOSE | re.LOCALE | re.ASCII):
        return None
    try:
        tree = retree.parse(pattern.pattern, pattern.flags)
        if tree is None:
            return None
        if _line_start(tree, pattern.flags):
            return None, None, True
        bounds = _bounds(tree, tree.items, needles, bool(pattern.flags & re.IGNORECASE))
        return None if bounds is None else (*bounds, False)
    except (re.error, RecursionError, TypeError, ValueError):
        return None


def _reads(items) -> int | None:
    """The most characters after its start that a match attempt of the sequence can read: consume, or look at with
    a lookahead (None: no bound, or a node this does not know)."""
    total = 0
    for op, av in items:
        if op in retree.ONE_CHAR:
            w = 1
        elif op == retree.AT:
            w = 0
        elif op in retree.LOOKAROUND:
            w = _reads(retree.children(av[1])) if av[0] == 1 else 0  # (a lookbehind reads before its place)
        elif op == retree.SUBPATTERN:
            w = _reads(retree.children(av[3]))
        elif op == retree.BRANCH:
            widths = [_reads(retree.children(b)) for b in av[1]]
            w = None if None in widths else max(widths)
        elif op in retree.REPEATS:
            lo, hi, p = av
            w = _reads(retree.children(p))
            w = None if w is None or hi >= retree.UNBOUNDED else w * hi
        else:
            return None
        if w is None:
            return None
        total += w
    return total


def span(pattern: re.Pattern) -> int | None:
    """How far past a match attempt's start the attempt can look, ``\b`` and ``$`` at its end included: searched
    with an ``endpos`` this far past the last start it tries, a pattern gives at each start up to there what it gives
    in the whole text (None: no bound known)."""
    if not isinstance(pattern.pattern, str) or pattern.flags & (re.VERBOSE | re.LOCALE | re.ASCII):
        return None
    try:
        tree = retree.parse(pattern.pattern, pattern.flags)
        reads = None if tree is None else _reads(tree.items)
    except (re.error, RecursionError, TypeError, ValueError):
        return None
    # (+1: \b and $ look at the character after their place; +1: $ without MULTILINE checks whether the one after
    # it is the last)
    return None if reads is None else reads + 2


def _span(pattern: re.Pattern) -> int | None:
    """span(pattern): made before run time (stored.py) or now."""
    if not isinstance(pattern.pattern, str):
        return None
    return stored.analysis("span", pattern.pattern, pattern.flags, lambda: span(pattern))


_UNKNOWN = object()


def _window_start(rfind, p: int, reach: int | None, free: int | None) -> int:
    """The first place where a match holding the needle at ``p`` can start: ``reach`` characters before it, or the
    start of the space-free run that holds ``p - free`` (see _bounds), whichever is earlier; ``rfind``: the text's."""
    start = p if reach is None else p - reach
    if free is not None:
        x = p - free if p > free else 0
        space, newline = rfind(" ", 0, x), rfind("\n", 0, x)
        run = (space if space > newline else newline) + 1
        if run < start:
            start = run
    return start


class Anchored:
    """A Guarded pattern tried only near its needles (see the module's text). Same results as the Guarded."""

    __slots__ = ("guarded", "anchor", "pattern", "needles", "needles2", "prefixes", "ignorecase", "reach", "free",
                 "line", "_last", "_span")

    def __init__(self, guarded: Guarded, reach: int | None, free: int | None, line: bool = False,
                 anchor: Guarded | None = None):
        self.guarded = guarded
        self.anchor = guarded if anchor is None else anchor  # whose needles the windows end at
        self.pattern, self.needles, self.needles2 = guarded.pattern, guarded.needles, guarded.needles2
        self.prefixes, self.ignorecase = guarded.prefixes, guarded.ignorecase
        self.reach, self.free, self.line = reach, free, line
        self._last: tuple[str | None, list[int] | None] = (None, None)
        self._span = _UNKNOWN  # span(pattern), worked out when first needed

    def possible(self, text: str, folded: str | None = None, pos: int = 0, endpos: int | None = None) -> bool:
        return self.guarded.possible(text, folded, pos, endpos)

    def offsets(self, text: str, folded: str | None = None) -> list[int] | None:
        """Sorted places in ``text`` of the strings the windows end at (the anchor's needles); None: unknown."""
        last = self._last
        if last[0] is text:
            return last[1]
        offsets = self.anchor.needle_starts(text, folded)
        if last[0] is None:
            _holding.append(self)
        self._last = (text, offsets)
        return offsets

    def needle_starts(self, text: str, folded: str | None = None) -> list[int] | None:
        """Sorted places of the pattern's needles in ``text`` (every match holds one); None: unknown."""
        return self.guarded.needle_starts(text, folded)

    def _candidates(self, text: str, folded: str | None, pos: int, end: int) -> list[int] | None:
        """The places in text[pos:end] where a match can start, in order (more than MAX_TRIES: the first ones, and
        the caller scans from the first); None: unknown."""
        offsets = self.offsets(text, folded)
        if offsets is None:
            return None
        i = bisect_left(offsets, pos) if pos else 0
        j = bisect_left(offsets, end, i)
        reach, free = self.reach, self.free
        if reach == 0 and free is None:
            return offsets[i:j]  # matches start at the needles (prefixes) themselves
        out: list[int] = []
        last = -1
        rfind = text.rfind
        if self.line:  # at the start of each needle's line (one before pos holds no match inside the window)
            for p in offsets[i:j]:
                lo = rfind("\n", 0, p) + 1
                if lo > last and lo >= pos:
                    out.append(lo)
                    last = lo
            return out
        for p in offsets[i:j]:
            lo = _window_start(rfind, p, reach, free)
            if lo < pos:
                lo = pos
            if lo <= last:
                lo = last + 1
            if lo <= p:
                out.extend(range(lo, p + 1))
                last = p
                if len(out) > MAX_TRIES:
                    break
        return out

    def _may(self, text: str, folded: str | None, pos: int, endpos: int | None) -> bool:
        """The pre-test of the whole text (one set test); a window is tested by its needle places instead."""
        return (pos != 0 or endpos is not None) or self.guarded.possible(text, folded)

    def search(self, text: str, folded: str | None = None, pos: int = 0, endpos: int | None = None):
        if not self._may(text, folded, pos, endpos):
            return None
        return self.search_possible(text, folded, pos, endpos)

    def search_possible(self, text: str, folded: str | None = None, pos: int = 0, endpos: int | None = None):
        """search() of a text that possible() (or a SearchSet) has found to hold the needles: the same result,
        without that test again."""
        end = len(text) if endpos is None else endpos
        places = self._candidates(text, folded, pos, end)
        if places is None:
            return self.guarded.search(text, folded, pos, endpos)
        if not places:
            return None
        if len(places) > MAX_TRIES:
            width = self._span
            if width is _UNKNOWN:
                width = self._span = _span(self.pattern)
            if width is None:
                return self.pattern.search(text, places[0], end)  # no match starts before the first place
            return self._search_windows(text, folded, pos, end, width)
        return first_match_at(self.pattern, text, places, end)

    def _search_windows(self, text: str, folded: str | None, pos: int, end: int, width: int):
        """search() with many candidate places: one scan of each run of windows where a match can start, which
        stops ``width`` (span()) past the run's last place. At each place up to there that scan sees what the whole
        text shows (no attempt reads past it); a match it finds further on is not trusted, and the next run is
        scanned. The runs hold every place where a match can start (_candidates), in order: the first match found
        in one is search()'s."""
        offsets = self.offsets(text, folded)
        i = bisect_left(offsets, pos) if pos else 0
        j = bisect_left(offsets, end, i)
        reach, free, line = self.reach, self.free, self.line
        rfind, search = text.rfind, self.pattern.search
        lo = hi = -1  # the run of windows being gathered: starts from lo to hi
        for p in offsets[i:j]:
            if line:
                start = p = rfind("\n", 0, p) + 1
            else:
                start = _window_start(rfind, p, reach, free)
            if start < pos:
                start = pos
            if p < start:
                continue
            if hi >= 0 and start <= hi + width:  # (its scan would reach this window anyway)
                if p > hi:
                    hi = p
                continue
            if hi >= 0:
                m = search(text, lo, min(end, hi + width))
                if m is not None and m.start() <= hi:
                    return m
            lo, hi = start, p
        if hi >= 0:
            m = search(text, lo, min(end, hi + width))
            if m is not None and m.start() <= hi:
                return m
        return None

    def found(self, text: str, folded: str | None = None, pos: int = 0, endpos: int | None = None) -> bool:
        return self.search(text, folded, pos, endpos) is not None

    def finditer(self, text: str, folded: str | None = None, pos: int = 0, endpos: int | None = None):
        end = len(text) if endpos is None else endpos
        places = self._candidates(text, folded, pos, end) if self._may(text, folded, pos, endpos) else []
        if places is None:
            return self.guarded.finditer(text, folded, pos, endpos)
        if not places:
            return iter(())
        if len(places) > MAX_TRIES:
            return self.pattern.finditer(text, places[0], end)
        return self._matches(text, places, end)

    def _matches(self, text: str, places: list[int], end: int):
        """finditer's matches when matches can only start at ``places`` (every match holds a needle: not empty)."""
        return matches_at(self.pattern, text, places, end)


def anchored(guarded: Guarded, split: bool = True) -> Guarded | Anchored | Alternatives:
    """An Anchored for a pattern whose prefixes or needles allow it; else the Guarded itself. A pattern that is an
    alternation whose alternatives each start at their own literal strings or lie near their own needles, where the
    whole does not, is searched alternative by alternative (Alternatives), unless ``split`` is False.

    A pattern with prefixes is tried at each place where one occurs (all of them, from the letter's needle index:
    a Guarded tried at a single place scans on from there to the end of the window when the pattern fails there)."""
    whole = _anchored(guarded)
    if not split or isinstance(whole, Anchored) and whole.reach == 0 and whole.free is None:
        return whole  # (tried at its prefixes already)
    parts = _alternatives(guarded.pattern)
    if parts is None:
        return whole
    return Alternatives(guarded, whole, parts)


def _anchored(guarded: Guarded) -> Guarded | Anchored:
    if guarded.prefixes is not None:
        anchor = _prefix_anchor(guarded.prefixes, guarded.ignorecase)
        return guarded if anchor is None else Anchored(guarded, 0, None, anchor=anchor)
    if guarded.needles is None:
        return guarded
    bounds = _analyse(guarded.pattern, guarded.needles)
    if bounds is None:
        return guarded
    return Anchored(guarded, *bounds)


def split_alternatives(source: str) -> list[str]:
    """The top-level alternatives of a pattern's source: ``a|b(c|d)`` gives ``["a", "b(c|d)"]`` (a ``|`` inside a
    group, a character set or after a backslash is not one of them)."""
    parts, depth, start, i, n = [], 0, 0, 0, len(source)
    while i < n:
        c = source[i]
        if c == "\\":
            i += 1
        elif c == "[":  # a set ends at the first unescaped "]" that is not its first character
            i += 1
            if i < n and source[i] == "^":
                i += 1
            if i < n and source[i] == "]":
                i += 1
            while i < n and source[i] != "]":
                i += 2 if source[i] == "\\" else 1
        elif c == "(":
            depth += 1
        elif c == ")":
            depth -= 1
        elif c == "|" and depth == 0:
            parts.append(source[start:i])
            start = i + 1
        i += 1
    parts.append(source[start:])
    return parts


def _alternatives(pattern: re.Pattern) -> list[Guarded | Anchored] | None:
    """The searches of a pattern's top-level alternatives, when each of them can be searched near its own strings:
    an Anchored, or a Guarded with needles (skipped where they are absent); else None."""
    source = pattern.pattern
    if not isinstance(source, str) or "(?#" in source or refers_to_groups(source) or pattern.flags & re.VERBOSE:
        return None
    sources = split_alternatives(source)
    if len(sources) < 2:
        return None
    try:
        parts = [_anchored(Guarded(re.compile(s, pattern.flags))) for s in sources]
    except (re.error, RecursionError):
        return None
    if not all(isinstance(p, Anchored) or p.needles is not None for p in parts):
        return None
    return parts


class Alternatives:
    """A pattern ``A|B|…`` searched alternative by alternative, each near its own strings (its own Anchored or
    Guarded). re tries the alternatives in order at each place and takes the first place where one matches: that
    place is the leftmost of the alternatives' own first matches, and the pattern's match is the one it gives there
    (re.match of the whole pattern, which tries them in its order). Same results as the plain pattern
    (tests/test_anchored.py); finditer and the needle tests are the whole pattern's."""

    __slots__ = ("guarded", "whole", "parts", "pattern", "needles", "needles2", "prefixes", "ignorecase")

    def __init__(self, guarded: Guarded, whole: Guarded | Anchored, parts: list[Guarded | Anchored]):
        self.guarded, self.whole, self.parts = guarded, whole, tuple(parts)
        self.pattern, self.needles, self.needles2 = guarded.pattern, guarded.needles, guarded.needles2
        self.prefixes, self.ignorecase = guarded.prefixes, guarded.ignorecase

    def possible(self, text: str, folded: str | None = None, pos: int = 0, endpos: int | None = None) -> bool:
        return self.guarded.possible(text, folded, pos, endpos)

    def needle_starts(self, text: str, folded: str | None = None) -> list[int] | None:
        return self.guarded.needle_starts(text, folded)

    def search(self, text: str, folded: str | None = None, pos: int = 0, endpos: int | None = None):
        if (pos == 0 and endpos is None) and not self.guarded.possible(text, folded):
            return None
        return self.search_possible(text, folded, pos, endpos)

    def search_possible(self, text: str, folded: str | None = None, pos: int = 0, endpos: int | None = None):
        """search() of a text that holds the needles (see Anchored.search_possible)."""
        first = -1
        for part in self.parts:
            m = part.search(text, folded, pos, endpos)  # (each tests its own needles)
            if m is not None and (first < 0 or m.start() < first):
                first = m.start()
        if first < 0:
            return None
        return self.pattern.match(text, first, len(text) if endpos is None else endpos)

    def found(self, text: str, folded: str | None = None, pos: int = 0, endpos: int | None = None) -> bool:
        """Whether the pattern matches: whether one alternative matches (the first that does answers)."""
        if (pos == 0 and endpos is None) and not self.guarded.possible(text, folded):
            return False
        for part in self.parts:
            if part.search(text, folded, pos, endpos) is not None:
                return True
        return False

    def finditer(self, text: str, folded: str | None = None, pos: int = 0, endpos: int | None = None):
        return self.whole.finditer(text, folded, pos, endpos)


def _prefix_anchor(prefixes: tuple[str, ...], ignorecase: bool) -> Guarded | None:
    """A Guarded whose needles are exactly ``prefixes`` (its needle_starts are where they occur), or None."""
    anchor = Guarded.needles_of("|".join(re.escape(p) for p in prefixes), re.IGNORECASE if ignorecase else 0)
    return anchor if anchor.needles is not None and set(anchor.needles) == set(prefixes) else None


class BeforeTail:
    """finditer() of a pattern whose every match ends with a match of ``tail`` (``r"\\s{1,10}(?:har|vil)\\b"``) and
    starts at most ``reach`` characters before that tail, with none of the characters ``stops`` in between (the
    pattern is ``(?:[^\\n.]{0,80}?)`` + tail, say). Such a pattern, tried by re at every position, costs up to
    ``reach`` steps at each; here each search starts where a match can first start: ``reach`` characters before the
    next tail, and after the last stop before it. Exactly the plain pattern's matches (tests/test_anchored.py)."""

    def __init__(self, pattern: re.Pattern, tail: re.Pattern, reach: int, stops: str):
        self.pattern, self.tail, self.reach, self.stops = pattern, tail, reach, stops

    def finditer(self, text: str, pos: int = 0, endpos: int | None = None):
        end = len(text) if endpos is None else endpos
        while (t := self.tail.search(text, pos, end)) is not None:
            # A match starting at or after ``pos`` ends with a tail that starts at or after this one: it starts at
            # most ``reach`` characters before that, after the last stop before it, so after the last stop here.
            lo = max(pos, t.start() - self.reach, *(text.rfind(c, 0, t.start()) + 1 for c in self.stops))
            m = self.pattern.search(text, lo, end)
            if m is None:
                return
            yield m
            pos = m.end()  # (a match holds its tail: it is never empty)


def forget() -> None:
    """Drop the texts that the memos of offsets() hold, so that no letter stays in memory after its check (a memo
    only serves the searches of one check). With threads this is best effort: a memo stored in the same instant may
    stay until the next check replaces it."""
    global _holding
    held, _holding = _holding, []
    for anchored in held:
        anchored._last = (None, None)
