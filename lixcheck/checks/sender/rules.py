"""The sender rules: each reports one part of the sender verdict (analysis.py) that a whole letter lacks.

Rules: sender.organisation, sender.unit, sender.contact, sender.acronym, sender.we.
"""

from __future__ import annotations

import re
from functools import cache, lru_cache

from ...engine import Context, Hit, RuleInfo, register_check
from ...engine import settings as rule_settings
from ...engine.loader import load_specs
from ...letter import anatomy
from ...letter import data as letter_data
from .analysis import SenderInfo, analyse


@cache
def _we() -> re.Pattern:
    words = "|".join(map(re.escape, letter_data.load("senders")["we_words"]))
    return letter_data.compiled(rf"(?<![\wæøå])(?:{words})(?![\wæøå])", re.IGNORECASE)


def sender_info(ctx: Context) -> SenderInfo:
    """The sender analysis of ctx's letter (computed by the first rule that asks), also Report section 'sender'."""
    info = ctx.letter.once(analyse)
    if "sender" not in ctx.sections:
        ctx.sections["sender"] = info.section()
    return info


def _missing(ctx: Context, rule_id: str) -> SenderInfo | None:
    """The analysis when it finds ``rule_id``'s part missing in a whole letter (not a pasted paragraph), else None."""
    info = sender_info(ctx)
    return info if rule_id in info.missing and ctx.letter.is_letter else None


@register_check("sender.organisation")
def check_organisation(ctx: Context, rule: RuleInfo, params: dict | None = None) -> list[Hit]:
    info = _missing(ctx, "sender.organisation")
    if info is None:
        return []
    if info.generic_span:
        start, end = info.generic_span
        return [Hit(rule, start, end, message="Skriv hele navnet på afsenderen, fx «Aarhus Kommune» og ikke kun "
                                              "«Kommunen». Så ved modtageren, hvem brevet er fra.")]
    start, end = info.anchor
    return [Hit(rule, start, end)] if end > start else []


@register_check("sender.unit")
def check_unit(ctx: Context, rule: RuleInfo, params: dict | None = None) -> list[Hit]:
    info = _missing(ctx, "sender.unit")
    if info is None:
        return []
    start, end = info.org_span or info.anchor
    return [Hit(rule, start, end)] if end > start else []


@register_check("sender.contact")
def check_contact(ctx: Context, rule: RuleInfo, params: dict | None = None) -> list[Hit]:
    info = _missing(ctx, "sender.contact")
    if info is None:
        return []
    start, end = info.anchor
    return [Hit(rule, start, end)] if end > start else []


@register_check("sender.we")
def check_we(ctx: Context, rule: RuleInfo, params: dict | None = None) -> list[Hit]:
    """'vi' in the letter, but the letter never says who 'vi' is (no authority, no unit, no MeMo sender)."""
    info = sender_info(ctx)
    letter = ctx.letter
    if info.organisation is not None or info.unit is not None or not letter.is_letter:
        return []
    for i, b in enumerate(letter.blocks):
        if letter.is_running(i):
            m = _we().search(letter.text, b.start, b.end)
            if m:
                return [Hit(rule, m.start(), m.end())]
    return []


@lru_cache(maxsize=16)
def _known(paths: tuple[str, ...], plugins: bool | tuple[str, ...]) -> dict[str, str]:
    """The acronym rule's ``known`` list (rules/da/acronyms.yml and the packs and folders that extend it)."""
    specs, _ = load_specs(list(paths), plugins if isinstance(plugins, bool) else list(plugins))
    spec = specs.get("acronym")
    return dict(spec.data.get("known") or {}) if spec is not None else {}


_last: tuple[object, dict[str, str]] = (None, {})  # (the Config asked for last, its expansions): one look-up a letter


def expansions(config) -> dict[str, str]:
    """What each acronym stands for, under ``config``: the acronym rule's list, the one list of expansions."""
    global _last
    last = _last
    if last[0] is config and config is not None:
        return last[1]
    s = rule_settings.parse(config.rules if config is not None else {})
    found = _known(s.paths, s.plugins)
    _last = (config, found)
    return found


def internal_acronyms(config, extra: dict | None = None) -> dict[str, str]:
    """The internal acronyms of data/senders.yml → what they stand for, plus those a rule's params add."""
    known = expansions(config)
    out = {acr: known[acr] for acr in letter_data.load("senders").get("acronyms") or {} if acr in known}
    for acr, v in (extra or {}).items():
        out[str(acr)] = v["name"] if isinstance(v, dict) else str(v)
    return out


@lru_cache(maxsize=16)
def _acronym_re(acronyms: tuple[str, ...]) -> re.Pattern:
    """The acronyms as whole words (group 1)."""
    return re.compile(rf"(?<![\wæøå-])({letter_data.alternation(acronyms)})(?![\wæøå-])")


@register_check("sender.acronym")
def check_acronym(ctx: Context, rule: RuleInfo, params: dict | None = None) -> list[Hit]:
    """An internal acronym (MSB, BUF …) standing as the sender's name, with its plain name nowhere in the letter."""
    info = sender_info(ctx)
    acronyms = internal_acronyms(ctx.config, (params or {}).get("acronyms"))
    if not acronyms:
        return []
    text = ctx.document.text
    low = None  # the letter lower-cased, once an acronym is found
    hits = []
    for ln in info.lines:
        for m in _acronym_re(tuple(acronyms)).finditer(ln.text):
            name = acronyms[m.group(1)]
            low = text.lower() if low is None else low
            if name.lower() not in low:
                msg = (f"«{m.group(1)}» er en intern forkortelse, som modtageren ikke kender. "
                       f"Skriv navnet helt ud: «{name}».")
                hits.append(Hit(rule, ln.start + m.start(1), ln.start + m.end(1), (name,), msg))
    label = ctx.document.meta.get("sender")
    label = label.get("label") if isinstance(label, dict) else label
    if not hits and isinstance(label, str) and label.strip() in acronyms and text.strip():
        first = anatomy.block_lines(ctx.document, 0) if ctx.document.blocks else []
        if first:
            name = acronyms[label.strip()]
            msg = f"Afsenderen står kun som «{label.strip()}» i Digital Post. Skriv navnet helt ud: «{name}»."
            hits.append(Hit(rule, *first[0], (name,), msg))
    return hits
