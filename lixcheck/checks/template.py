"""Template hygiene: instruction text left in, CPR numbers in the text, empty or generic titles.

Merge fields ({Navn}, «Felt», MERGEFIELD) are the rule pack's `placeholder` rules; this module covers the rest.
Rules: template.instruction, template.cpr, template.title.

CPR numbers are personal data: a template.cpr finding's message and replacements never contain the full number, but
the Report itself carries the text with every CPR-shaped number masked (lixcheck.privacy, applied in
Analyzer.finish), so Finding.text is the masked slice.
"""

from __future__ import annotations

import re
from datetime import date
from functools import lru_cache

from ..engine import Context, Hit, RuleInfo, register_check
from ..letter import anatomy, data
from ..privacy import mask_cpr, six_digits_at  # noqa: F401  (mask_cpr re-exported: fronts import it from here too)
from ..search.anchored import anchored
from ..search.prefilter import Guarded

# ddmmyy-xxxx (dash or space) anywhere; 10 digits in a row only after a CPR cue.
CPR = re.compile(r"(?<![\d\-./])(\d{2})(\d{2})(\d{2})[-‐‑– ](\d{4})(?![\d\-]|[.,]\d)")
CPR_BARE = re.compile(r"(?<![\d\-./])(\d{2})(\d{2})(\d{2})(\d{4})(?![\d\-]|[.,]\d)")
CPR_CUE = re.compile(r"\b(?:cpr|personnummer|personnr|cpr-nr|cpr\.nr|cpr-nummer)\b[^\n\d]{0,20}$", re.IGNORECASE)


def century(yy: int, seventh: int) -> int | None:
    """The birth century from the 7th digit (CPR rules since 1968)."""
    if seventh <= 3:
        return 1900
    if seventh in (4, 9):
        return 2000 if yy <= 36 else 1900
    if 5 <= seventh <= 8:
        return 2000 if yy <= 57 else 1800
    return None


def valid_cpr_date(dd: int, mm: int, yy: int, seventh: int) -> bool:
    c = century(yy, seventh)
    if c is None:
        return False
    try:
        date(c + yy, mm, dd)
    except ValueError:
        return False
    return True


# Where a CPR number can start: a run of six or more digits (\d, as in CPR and CPR_BARE) not preceded by a digit.
_RUN_START = re.compile(r"(?<!\d)\d\d\d\d\d\d")


def find_cpr(text: str) -> list[tuple[int, int]]:
    """Spans of CPR numbers (with a valid birth date) in ``text``.

    Both patterns start with six digits after a non-digit, so each match starts where a digit run of six or more
    starts: the patterns are tried there only (what finditer finds, since two matches cannot overlap: a match ends
    before a digit, and its last four digits are too few to start another)."""
    first = six_digits_at(text)  # (most letters have none: one quick scan, shared with the Report's CPR mask)
    if first < 0:
        return []
    out = []
    for start in _RUN_START.finditer(text, first):
        p = start.start()
        for rx, needs_cue in ((CPR, False), (CPR_BARE, True)):
            m = rx.match(text, p)
            if m is None:
                continue
            dd, mm, yy, rest = int(m.group(1)), int(m.group(2)), int(m.group(3)), m.group(4)
            if not valid_cpr_date(dd, mm, yy, int(rest[0])):
                continue
            if needs_cue and not CPR_CUE.search(text[max(0, m.start() - 40):m.start()]):
                continue
            out.append((m.start(), m.end()))
    return sorted(set(out))


@register_check("template.cpr")
def check_cpr(ctx: Context, rule: RuleInfo, params: dict | None = None) -> list[Hit]:
    hits = []
    for s, e in find_cpr(ctx.document.text):
        masked = mask_cpr(ctx.document.text[s:e])
        hits.append(Hit(rule, s, e, (), f"Brevet indeholder et CPR-nummer ({masked}). Fjern det: CPR-numre må ikke stå "
                                        "i brevteksten. Brug sagsnummeret, hvis sagen skal kunne findes."))
    return hits


@lru_cache(maxsize=1)
def _instruction_res() -> tuple:
    template = data.load("template")
    verbs = data.alternation(tuple(template["instruction_verbs"]))
    paren = data.alternation(tuple(template["paren_instruction_verbs"]))
    bracket = data.compiled(
        rf"\[\s*(?:{verbs})\b[^\[\]\n]{{0,100}}\]|<\s*(?:{verbs})\b[^<>\n]{{0,100}}>|«\s*(?:{verbs})\b[^«»\n]{{0,100}}»",
        re.IGNORECASE)
    parens = data.compiled(rf"\(\s*(?:{paren})\b[^()\n]{{0,100}}\)", re.IGNORECASE)
    phrases = data.any_of(tuple(template["instruction_phrases"]))
    filler = data.compiled(template["filler"], 0)
    return tuple(anchored(Guarded(rx)) for rx in (bracket, parens, phrases, filler))


@register_check("template.instruction")
def check_instruction(ctx: Context, rule: RuleInfo, params: dict | None = None) -> list[Hit]:
    """Instruction text from the template left in the letter: [Indsæt dato], «Skriv begrundelse», XX, Skriv her."""
    text, folded = ctx.letter.text, ctx.letter.folded
    spans: list[tuple[int, int]] = []
    for rx in _instruction_res():
        for m in rx.finditer(text, folded):
            if any(s <= m.start() < e or m.start() <= s < m.end() for s, e in spans):
                continue
            spans.append((m.start(), m.end()))
    return [Hit(rule, s, e) for s, e in sorted(spans)]


@lru_cache(maxsize=1)
def _generic_title_res() -> tuple[frozenset[str], re.Pattern]:
    template = data.load("template")
    words = frozenset(w.lower() for w in template["generic_titles"])
    return words, data.any_of(tuple(f"^(?:{p})$" for p in template["generic_title_patterns"]))


def is_generic_title(title: str) -> bool:
    words, shapes = _generic_title_res()
    # (split() and re's \s agree on what white space is; the join costs a third of a regex substitution)
    t = " ".join(title.split()).strip(":.!-–").strip().lower()
    return not t or t in words or bool(shapes.match(t))


@register_check("template.title")
def check_title(ctx: Context, rule: RuleInfo, params: dict | None = None) -> list[Hit]:
    """A letter needs a title that says what it is about (it is also the subject in Digital Post)."""
    letter = ctx.letter
    doc = ctx.document
    title = letter.title
    if title is None:
        if not letter.is_letter or letter.body_start >= len(doc.blocks):
            return []
        first = anatomy.block_lines(doc, letter.body_start)[0]  # the first line of the body
        return [Hit(rule, first[0], first[1], message="Brevet har ingen overskrift. Skriv en overskrift, der siger, "
                                                        "hvad brevet handler om, fx «Du får boligstøtte fra 1. maj»."),]
    if not is_generic_title(title.text):
        return []
    if title.start < 0:  # the title is metadata only (MeMo label, docx title) and not in the text
        first = anatomy.block_lines(doc, 0) if doc.blocks else []
        if not first:
            return []
        start, end = first[0]
    else:
        start, end = title.start, title.end
    shown = mask_cpr(title.text) or "(tom)"
    return [Hit(rule, start, end, message=f"Overskriften «{shown}» siger ikke, hvad brevet handler om. Skriv fx "
                                          "«Du får boligstøtte fra 1. maj» eller «Vi mangler din lønseddel».")]
