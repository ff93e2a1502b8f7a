"""Rule type `acronym`: abbreviations in capitals that the letter does not explain.

A candidate is a word of 2–6 capital letters (not part of a hyphenated word: "CPR-nummer"), or any word in the rule's
`known` list (e.g. "ASt"). It counts as explained when the letter writes it in parentheses after the long form
("Ankestyrelsen (ASt)"), gives the long form in parentheses after it ("ASt (Ankestyrelsen)"), or contains the known
expansion anywhere. Words in `common` (CPR, EU, MitID …) need no explanation. Only the first use is flagged.
Lines written in capitals only (headings) are skipped.
"""

from __future__ import annotations

import re

from . import Context, Hit, RuleInfo
from .messages import render

_CANDIDATE = re.compile(r"^[A-ZÆØÅ][A-ZÆØÅ0-9]{1,5}$")


class AcronymRule:
    def __init__(self, info: RuleInfo, known: dict[str, str], common: list[str], message_known: str | None = None):
        self.info = info
        self.known = dict(known)
        self.common = set(common)
        self.message_known = message_known
        extra = "|".join(re.escape(k) for k in sorted(self.known, key=len, reverse=True) if not _CANDIDATE.match(k))
        # whole words only: not inside "CPR-nummer" or "e-Boks", not "Ab" of "Abc"
        self.regex = re.compile(r"(?<![\w-])(?:" + (extra + "|" if extra else "") + r"[A-ZÆØÅ]{2,6})(?![\w-])")

    def run(self, ctx: Context) -> list[Hit]:
        text = ctx.document.text
        low_text = None
        firsts: dict[str, int] = {}
        explained: set[str] = set()
        for m in self.regex.finditer(text):
            word = m.group()
            if word in self.common or _in_capital_line(text, m.start(), len(word)):
                continue
            before = text[:m.start()].rstrip()[-1:]
            after = text[m.end():m.end() + 3].lstrip()[:1]
            if after == "(" or (before == "(" and after == ")"):
                explained.add(word)
            firsts.setdefault(word, m.start())
        hits = []
        for word, start in firsts.items():
            if word in explained:
                continue
            expansion = self.known.get(word)
            if expansion:
                if low_text is None:
                    low_text = text.lower()
                if expansion.lower() in low_text:
                    continue
            message = render(self.info.message, match=word, expansion=expansion or "")
            if not expansion:
                message = render("Forklar forkortelsen „{match}“, første gang du bruger den. Skriv ordet helt ud, "
                                 "eller skriv forklaringen i en parentes.", match=word)
            hits.append(Hit(self.info, start, start + len(word), (expansion,) if expansion else (), message))
        return hits


def _in_capital_line(text: str, start: int, length: int) -> bool:
    """True when the token sits on a line written in capitals only (a heading such as "AFGØRELSE OM BPA")."""
    line_start = text.rfind("\n", 0, start) + 1
    line_end = text.find("\n", start + length)
    line = text[line_start:line_end if line_end != -1 else len(text)]
    letters = [c for c in line if c.isalpha()]
    return len(letters) > len(text[start:start + length]) + 3 and all(c.isupper() for c in letters)
