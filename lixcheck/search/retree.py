"""The one module that reads Python's private regular-expression parse tree (``re._parser``, ``re._constants``).

The pre-filter (prefilter.py) and the anchored searches (anchored.py) learn from a pattern's parse tree which literal
strings every match holds or starts with. That tree is a CPython internal: it moved in 3.11 (``sre_parse`` became
``re._parser``) and may change again. Nothing else in lixcheck touches it; the others use the names below.

At import, a known pattern is parsed and its tree compared with the shape this module expects. When the internals
are missing or differ, ``PROBLEM`` says how, ``parse()`` returns None, and every search runs as its plain pattern:
the same results, only slower. tests/test_search_retree.py then fails and names what to update.
"""

from __future__ import annotations

import sys

try:
    import re._constants as _c  # noqa: N812
    import re._parser as _p
except ImportError as e:  # pragma: no cover (an interpreter without these modules)
    _c = _p = None
    _IMPORT_ERROR = str(e)
else:
    _IMPORT_ERROR = ""

if _p is not None:
    LITERAL, IN, RANGE, CATEGORY = _c.LITERAL, _c.IN, _c.RANGE, _c.CATEGORY
    SUBPATTERN, BRANCH, MAX_REPEAT, MIN_REPEAT = _c.SUBPATTERN, _c.BRANCH, _c.MAX_REPEAT, _c.MIN_REPEAT
    # zero-width assertions consume nothing; repeats carry (min, max, items)
    ZERO_WIDTH = frozenset({_c.AT, _c.ASSERT, _c.ASSERT_NOT})
    LOOKAROUND = frozenset({_c.ASSERT, _c.ASSERT_NOT})  # (direction: 1 ahead, -1 behind; sequence)
    # single characters: LITERAL, NOT_LITERAL, IN, ANY (CATEGORY only occurs inside IN)
    ONE_CHAR = frozenset({_c.LITERAL, _c.NOT_LITERAL, _c.IN, _c.ANY})
    AT, AT_BEGINNING, NEGATE = _c.AT, _c.AT_BEGINNING, _c.NEGATE  # ``^`` is (AT, AT_BEGINNING) in any mode
    REPEATS = frozenset({MAX_REPEAT, MIN_REPEAT, getattr(_c, "POSSESSIVE_REPEAT", MAX_REPEAT)})
    # categories that never match a space or a line break
    NO_SPACE_CATEGORIES = frozenset({_c.CATEGORY_WORD, _c.CATEGORY_DIGIT, _c.CATEGORY_NOT_SPACE})
else:  # pragma: no cover
    LITERAL = IN = RANGE = CATEGORY = SUBPATTERN = BRANCH = MAX_REPEAT = MIN_REPEAT = object()
    AT = AT_BEGINNING = NEGATE = object()
    ZERO_WIDTH = REPEATS = NO_SPACE_CATEGORIES = LOOKAROUND = ONE_CHAR = frozenset()

UNBOUNDED = 1 << 30  # a width at least this large: no bound


class Tree:
    """A parsed pattern: ``items`` is its sequence of (op, argument) nodes."""

    __slots__ = ("_sub", "items")

    def __init__(self, sub):
        self._sub = sub
        self.items = list(sub)

    def width(self) -> tuple[int, int | None]:
        """(fewest, most) characters a match can take; most is None when unbounded."""
        lo, hi = self._sub.getwidth()
        return lo, (None if hi >= UNBOUNDED else hi)

    def max_width(self, item) -> int | None:
        """The most characters one node of this tree can match, None when unbounded."""
        hi = _p.SubPattern(self._sub.state, [item]).getwidth()[1]
        return None if hi >= UNBOUNDED else hi


def children(sub) -> list:
    """The nodes of a sub-sequence inside a node (a group's body, a branch, a repeated item)."""
    return sub.data if hasattr(sub, "data") else sub


def parse(source: str, flags: int = 0) -> Tree | None:
    """The parse tree of a pattern, or None when the internals cannot be read (see the module's text).
    Raises re.error for a bad pattern, RecursionError for a pathological one."""
    if PROBLEM:
        return None
    return Tree(_p.parse(source, flags))


def _check() -> str:
    """Why the internals cannot be used ("" when they can): the tree of a known pattern, compared node by node."""
    if _p is None:
        return f"re._parser / re._constants cannot be imported ({_IMPORT_ERROR})"
    try:
        tree = _p.parse(r"a[bc](?:de|fg)h*?\w+(?i:x)(y)(?=z)\b", 0)
        items = list(tree)
        ops = [op for op, _ in items]
        expected = [LITERAL, IN, BRANCH, MIN_REPEAT, MAX_REPEAT, SUBPATTERN, SUBPATTERN, _c.ASSERT, _c.AT]
        if ops != expected:
            return f"node kinds {ops} where {expected} were expected"
        if items[0][1] != ord("a") or [tuple(x) for x in items[1][1]] != [(LITERAL, ord("b")), (LITERAL, ord("c"))]:
            return "literals and character sets are not (LITERAL, code point) pairs"
        branch = items[2][1][1]
        if [[tuple(x) for x in children(b)] for b in branch] != [[(LITERAL, 100), (LITERAL, 101)],
                                                                  [(LITERAL, 102), (LITERAL, 103)]]:
            return "a branch is not (None, [sequence, …])"
        lo, hi, body = items[4][1]
        if lo != 1 or hi < UNBOUNDED or list(children(body)) != [(IN, [(CATEGORY, _c.CATEGORY_WORD)])]:
            return "a repeat is not (min, max, sequence)"
        group, add_flags, del_flags, body = items[5][1]
        if group is not None or not add_flags or del_flags or list(children(body)) != [(LITERAL, ord("x"))]:
            return "a group is not (number, added flags, removed flags, sequence)"
        if tree.getwidth()[0] != 7 or tree.getwidth()[1] < UNBOUNDED:
            return "getwidth() does not give (fewest, most) characters"
        if _p.SubPattern(tree.state, [items[2]]).getwidth() != (2, 2):
            return "SubPattern(state, nodes) does not measure a node"
    except Exception as e:  # any other shape of the internals
        return f"{type(e).__name__}: {e}"
    return ""


PROBLEM = _check()
VERSION = f"Python {sys.version_info.major}.{sys.version_info.minor}"
