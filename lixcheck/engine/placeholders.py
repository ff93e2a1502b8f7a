"""Rule type `placeholder`: unfilled merge fields and template tokens, as regular expressions from the rule file."""

from __future__ import annotations

import re

from ..search.prefilter import Guarded
from .base import Context, Hit, RuleInfo
from .messages import render


def _starts_with_letter(pattern: str) -> bool:
    """Whether a pattern's first character is a letter: "NN", "[Xx]{3,}", "(?:dd|DD)…" (not "\\{", "<", "[\\s…")."""
    p = pattern.removeprefix("(?:")
    if p.startswith("["):
        p = p[1:]
    return p[:1].isalpha()


class PlaceholderRule:
    """The patterns in two alternations, those that start with a sign ("{", "[", "«", "<", "%" …) and those that start
    with a letter ("NN", "XXX", "dd.mm.åååå"): each has a short set of needles, so most letters skip the search of
    both (one alternation of all had too many needles to skip any, and cost a sixth of check() on letters)."""

    def __init__(self, info: RuleInfo, patterns: list[str]):
        self.info = info
        groups: tuple[list[str], list[str]] = ([], [])
        for p in patterns:
            groups[_starts_with_letter(p)].append(p)
        self.regexes = [Guarded(re.compile("|".join(f"(?:{p})" for p in g))) for g in groups if g]

    def run(self, ctx: Context) -> list[Hit]:
        text = ctx.document.text
        found = sorted((m for regex in self.regexes for m in regex.finditer(text) if m.end() > m.start()),
                       key=lambda m: m.start())
        hits = []
        end = -1
        for m in found:
            # A placeholder never starts inside a word ("Maxxx" is a name, "XXX" a placeholder); a match inside an
            # earlier one is part of it ("{{ XX }}")
            if m.start() < end or m.start() > 0 and text[m.start() - 1].isalnum() and text[m.start()].isalnum():
                continue
            end = m.end()
            hits.append(Hit(self.info, m.start(), m.end(), (), render(self.info.message, match=m.group())))
        return hits
