"""Rule type `placeholder`: unfilled merge fields and template tokens, as regular expressions from the rule file."""

from __future__ import annotations

import re

from ..search.prefilter import Guarded
from .base import Context, Hit, RuleInfo
from .messages import render


class PlaceholderRule:
    def __init__(self, info: RuleInfo, patterns: list[str]):
        self.info = info
        self.regex = Guarded(re.compile("|".join(f"(?:{p})" for p in patterns)))

    def run(self, ctx: Context) -> list[Hit]:
        text = ctx.document.text
        # A placeholder never starts inside a word ("Maxxx" is a name, "XXX" a placeholder).
        return [Hit(self.info, m.start(), m.end(), (), render(self.info.message, match=m.group()))
                for m in self.regex.finditer(text) if m.end() > m.start()
                and not (m.start() > 0 and text[m.start() - 1].isalnum() and text[m.start()].isalnum())]
