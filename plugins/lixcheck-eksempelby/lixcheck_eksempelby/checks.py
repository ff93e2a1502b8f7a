"""Python checks of the Eksempelby pack: old unit names that must be replaced by today's names."""

from __future__ import annotations

import re

from lixcheck.engine import Context, Hit, RuleInfo, register_check


@register_check("eksempelby.unit-name")
def unit_name(ctx: Context, rule: RuleInfo, params: dict) -> list[Hit]:
    """Flags old unit names (params.renamed: old name → current name), whole words, case as written."""
    renamed: dict[str, str] = params.get("renamed", {})
    if not renamed:
        return []
    rx = re.compile(r"\b(" + "|".join(re.escape(k) for k in sorted(renamed, key=len, reverse=True)) + r")\b")
    hits = []
    for m in rx.finditer(ctx.document.text):
        new = renamed[m.group(1)]
        hits.append(Hit(rule, m.start(), m.end(), (new,), rule.message.replace("{match}", m.group(1))
                        .replace("{replacement}", new)))
    return hits
