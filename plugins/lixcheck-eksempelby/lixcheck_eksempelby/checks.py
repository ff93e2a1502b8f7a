"""Python checks of the Eksempelby pack: old unit names that must be replaced by today's names."""

from __future__ import annotations

import re
from functools import lru_cache

from lixcheck.engine import Context, Hit, RuleInfo, register_check


@lru_cache(maxsize=16)
def _names_re(names: tuple[str, ...]) -> re.Pattern:
    """Whole-word alternation of the old names, longest first (built once per set of names, not once per letter)."""
    return re.compile(r"\b(" + "|".join(re.escape(k) for k in sorted(names, key=len, reverse=True)) + r")\b")


@register_check("eksempelby.unit-name")
def unit_name(ctx: Context, rule: RuleInfo, params: dict) -> list[Hit]:
    """Flags old unit names (params.renamed: old name → current name), whole words, case as written."""
    renamed: dict[str, str] = params.get("renamed", {})
    if not renamed:
        return []
    text = ctx.document.text
    # Every match is one of the names as written: a letter without any of them (most letters) needs no regex scan.
    for name in renamed:
        if name in text:
            break
    else:
        return []
    hits = []
    for m in _names_re(tuple(renamed)).finditer(text):
        new = renamed[m.group(1)]
        hits.append(Hit(rule, m.start(), m.end(), (new,), rule.message.replace("{match}", m.group(1))
                        .replace("{replacement}", new)))
    return hits
