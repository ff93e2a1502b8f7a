"""Rule type `acronym`: abbreviations in capitals that the letter does not explain.

A candidate is a token of 2–6 capital letters (digits allowed after the first letter), or any word in the rule's
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

    def run(self, ctx: Context) -> list[Hit]:
        doc = ctx.doc
        text = ctx.document.text
        low_text = None
        seen: set[str] = set()
        firsts = {}
        explained: set[str] = set()
        for i, tok in enumerate(doc):
            word = tok.text
            if word in self.common or not (word in self.known or _CANDIDATE.match(word)):
                continue
            if word.isdigit() or _in_capital_line(text, tok.idx, len(word)):
                continue
            prev = doc[i - 1].text if i > 0 else ""
            nxt = doc[i + 1].text if i + 1 < len(doc) else ""
            if (prev == "(" and nxt == ")") or nxt == "(":
                explained.add(word)
            if word not in seen:
                seen.add(word)
                firsts[word] = tok
        hits = []
        for word, tok in firsts.items():
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
            hits.append(Hit(self.info, tok.idx, tok.idx + len(word), (expansion,) if expansion else (), message))
        return hits


def _in_capital_line(text: str, start: int, length: int) -> bool:
    """True when the token sits on a line written in capitals only (a heading such as "AFGØRELSE OM BPA")."""
    line_start = text.rfind("\n", 0, start) + 1
    line_end = text.find("\n", start + length)
    line = text[line_start:line_end if line_end != -1 else len(text)]
    letters = [c for c in line if c.isalpha()]
    return len(letters) > len(text[start:start + length]) + 3 and all(c.isupper() for c in letters)
