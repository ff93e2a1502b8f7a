"""Text search below the engine: regular expressions searched only where they can match, with exactly the plain
pattern's results. Used by the engine's rule types and by the checks alike; imports nothing from the rest of
lixcheck.

Fold a letter once (``folded = fold_letter(text)``; the Letter view keeps it as ``letter.folded``) and pass it to every
search of the letter: its needle index (one Aho-Corasick scan for the literal strings of every pattern) is built by
the first search and answers the others.

- searcher(pattern): the fastest exact search of a pattern (Guarded, or Anchored or Alternatives when its shape
  allows), with search / finditer / found / possible (text, folded, pos, endpos);
- any_of(patterns): whether one of several patterns matches in a text or window (found, possible);
- SearchSet(searches).possible(text, folded): which of many searches can match at all, in one look-up;
- NameSearch(names, template): hundreds of listed names, tried only at word starts that begin like one;
- BeforeTail(pattern, tail, reach, stops): a pattern with a long lazy prefix, searched back from its tail.

Modules: prefilter.py (needles, the index, Guarded, AnyOf), anchored.py (Anchored, BeforeTail), names.py, and
retree.py, the one module that reads re's private parse tree. The tests compare every shortcut with the plain
pattern: tests/test_prefilter.py, test_anchored.py, test_search_names.py, test_search_retree.py.
"""

from __future__ import annotations

import re

from .anchored import Alternatives, Anchored, BeforeTail, anchored
from .names import NameSearch, alternation
from .prefilter import AnyOf, Folded, Guarded, SearchSet, fold, fold_letter, joined


def searcher(pattern: re.Pattern) -> Guarded | Anchored | Alternatives:
    """The pattern searched only where it can match: near its literal strings, or after its literal start."""
    return anchored(Guarded(pattern))


def any_of(patterns: list[str] | tuple[str, ...], flags: int = re.IGNORECASE) -> Anchored | AnyOf:
    """Whether one of ``patterns`` matches: ``found(text, folded, pos, endpos)``. Their alternation searched as one
    pattern near its literal strings where its shape allows (an alternation matches in a window exactly when one of
    its alternatives does); else each alternative on its own, with its own pre-filter."""
    if len(patterns) > 1:
        whole = joined(patterns, flags)
        whole = anchored(whole, split=False) if whole is not None else None  # (AnyOf below splits it)
        if isinstance(whole, Anchored):
            return whole  # (the alternatives are not compiled: a fresh process's first check builds ~90 fewer)
    plain = AnyOf((), parts=tuple(anchored(g) for g in AnyOf(patterns, flags).parts))
    if len(plain.parts) == 1:
        return plain.parts[0] if isinstance(plain.parts[0], Anchored) else plain
    return plain


__all__ = ["Alternatives", "Anchored", "AnyOf", "BeforeTail", "Folded", "Guarded", "NameSearch", "SearchSet",
           "alternation", "any_of", "fold", "fold_letter", "searcher"]
