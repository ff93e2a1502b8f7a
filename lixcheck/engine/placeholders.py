"""Rule type `placeholder`: unfilled merge fields and template tokens, as regular expressions from the rule file."""

from __future__ import annotations

import re

from . import Context, Hit, RuleInfo
from .messages import render


class PlaceholderRule:
    def __init__(self, info: RuleInfo, patterns: list[str]):
        self.info = info
        self.regex = re.compile("|".join(f"(?:{p})" for p in patterns))

    def run(self, ctx: Context) -> list[Hit]:
        return [Hit(self.info, m.start(), m.end(), (), render(self.info.message, match=m.group()))
                for m in self.regex.finditer(ctx.document.text) if m.end() > m.start()]
