"""Rule type `acronym`: abbreviations in capitals that the letter does not explain.

A candidate is a word of 2–6 capital letters (not part of a hyphenated word: "CPR-nummer"), or any word in the rule's
`known` list (e.g. "ASt"). It counts as explained when the letter writes it in parentheses after the long form
("Ankestyrelsen (ASt)"), gives the long form in parentheses after it ("ASt (Ankestyrelsen)"), or contains the known
expansion anywhere. Words in `common` (CPR, EU, MitID …) need no explanation. Only the first use is flagged, with the
number of uses in the letter.
Lines written in capitals only (headings) are skipped, but not the value after a label ("SAGSBEHANDLER: TIMMID").
"""

from __future__ import annotations

import re

from .base import Context, Hit, RuleInfo
from .messages import render

_CANDIDATE = re.compile(r"^[A-ZÆØÅ][A-ZÆØÅ0-9]{1,5}$")


class AcronymRule:
    def __init__(self, info: RuleInfo, known: dict[str, str], common: list[str], message_known: str | None = None):
        self.info = info
        self.known = dict(known)
        self.common = set(common)
        self.message_known = message_known
        extras = [k for k in sorted(self.known, key=len, reverse=True) if not _CANDIDATE.match(k)]
        extra = "|".join(map(re.escape, extras))
        # The first character first: the regex engine then skips to the next capital instead of trying every position.
        first = "".join(sorted({re.escape(k[0]) for k in extras if k and k[0] not in "ABCDEFGHIJKLMNOPQRSTUVWXYZÆØÅ"}))
        # whole words only: not inside "CPR-nummer" or "e-Boks", not "Ab" of "Abc"
        self.regex = re.compile(rf"(?=[A-ZÆØÅ{first}])(?<![\w-])(?:" + (extra + "|" if extra else "")
                                + r"[A-ZÆØÅ]{2,6})(?![\w-])")

    def run(self, ctx: Context) -> list[Hit]:
        text = ctx.document.text
        low_text = None
        firsts: dict[str, int] = {}
        uses: dict[str, int] = {}
        explained: set[str] = set()
        line_end = -1  # the end of the line of the candidate before ("\n" or the text's end): lines are read once
        for m in self.regex.finditer(text):
            word = m.group()
            if word in self.common:
                continue
            if m.start() > line_end:  # a new line: its letters, and whether all are capitals
                line_start = text.rfind("\n", max(line_end, 0), m.start()) + 1
                line_end = text.find("\n", m.start())
                line_end = len(text) if line_end == -1 else line_end
                letters = [c for c in text[line_start:line_end] if c.isalpha()]
                capital_line = all(c.isupper() for c in letters)
            # a line written in capitals only is a heading ("AFGØRELSE OM BPA"), not a use of an acronym; the value
            # after a label is read on its own ("SAGSBEHANDLER: TIMMID": initials that say nothing to the reader)
            if capital_line and len(letters) > len(word) + 3:
                colon = text.rfind(":", line_start, m.start())
                if colon == -1 or sum(c.isalpha() for c in text[colon:line_end]) > len(word) + 3:
                    continue
            k = m.start()  # the character before, past any whitespace (not text[:start].rstrip(): quadratic)
            while k > 0 and text[k - 1].isspace():
                k -= 1
            before = text[k - 1] if k > 0 else ""
            after = text[m.end():m.end() + 3].lstrip()[:1]
            if after == "(" or (before == "(" and after == ")"):
                explained.add(word)
            firsts.setdefault(word, m.start())
            uses[word] = uses.get(word, 0) + 1
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
            hits.append(Hit(self.info, start, start + len(word), (expansion,) if expansion else (), message, word,
                            uses[word]))
        return hits
