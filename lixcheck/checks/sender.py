"""Sender clarity: who wrote the letter, which unit, and how the reader gets in touch (Report section "sender").

Evidence comes from the letter itself (letterhead, signature, footer, page headers, the opening paragraphs) and, for
MeMo input, from document.meta["sender"] = {"label", "person", "phone", "email", "unit"} (filled by the MeMo reader
from Sender/label and AttentionData). Names of the 98 municipalities, the 5 regions and the main state senders are
data (data/senders.yml). Rules: sender.organisation, sender.unit, sender.contact, sender.acronym, sender.we.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache

from ..engine import Context, Hit, RuleInfo, register_check
from ..letter import anatomy
from ..letter import data as gazetteer
from ..letter.organisations import (
    Organisation,
    is_generic,
    is_unit,
    job_title,
    match_organisation,
    municipality_by_place,
    unit_only,
    unit_word,
)
from ..letter.view import Letter
from ..search.prefilter import Guarded, fold

# Contact channels. A phone number needs a cue word nearby (or its own line in the letterhead/signature).
PHONE_NUMBER = r"(?:\+45[\s.]?)?(?<![\d.,-])\d{2}[ .]?\d{2}[ .]?\d{2}[ .]?\d{2}(?!\d|[.,-]\d)"
# "dd dd dd dd" is how Danish letters write phone numbers; amounts, dates and CPR numbers never look like that.
PHONE_PAIRS = re.compile(r"(?:\+45 ?)?(?<![\d.,-])\d{2} \d{2} \d{2} \d{2}(?!\d|[.,-]\d| ?\d)")
PHONE_CUE = re.compile(
    rf"\b(?:tlf|telefon\w*|tel|ring\w*|mobil\w*|direkte|nummer|nr|opkald|sms)\b[^\n\d]{{0,40}}({PHONE_NUMBER})",
    re.IGNORECASE)
PHONE_ALONE = re.compile(rf"^(?:[^\d\n]{{0,25}})({PHONE_NUMBER})\s*\.?$")
EMAIL = re.compile(r"(?<![\w.+-])[\w.+-]+@[\w-]+(?:\.[\w-]+)+(?<!\.)")
WEB = re.compile(r"\b(?:https?://\S+|www\.[\w-]+\.\w+\S*|[\w-]+\.dk/\S+|borger\.dk|mit\.dk)", re.IGNORECASE)
DIGITAL_REPLY = re.compile(
    r"\b(?:svar\w*|skriv\w*|kontakt\w*|send\w*|besvar\w*|henvend\w*)\b[^.\n]{0,60}"
    r"\b(?:digital post|e-boks|borger\.dk|mit\.dk|selvbetjening\w*|kontaktformular\w*|sikker post)\b",
    re.IGNORECASE)
NAME = r"[A-ZÆØÅ][a-zæøåéüö]+(?:-[A-ZÆØÅ][a-zæøåéüö]+)?"
PERSON_LINE = re.compile(rf"^(?:{NAME}|[A-ZÆØÅ]\.)(?:\s+(?:{NAME}|[A-ZÆØÅ]\.|von|van|de|la)){{1,3}}$")
PERSON_CUE = re.compile(
    rf"\b(?:sagsbehandler|kontaktperson|rådgiver|socialrådgiver|jobkonsulent|konsulent|kontakt)\b(?:\s+(?:er|hedder))?"
    rf"[,:]?\s+((?:{NAME}\s+){{1,3}}{NAME})",
    re.IGNORECASE)
WE = re.compile(r"(?<![\wæøå])(?:vi|os|vores|vor|vort|vore)(?![\wæøå])", re.IGNORECASE)
ACTOR_VERBS = r"(?:har|vil|skal|kan|er|sender|giver|beder|skriver|tilbyder|indkalder|inviterer|mangler|modtog)"
# "<up to 80 characters> har/vil/…": the phrase before an actor verb. \s+ instead of \s{1,10} backtracked (cubic).
ACTOR = re.compile(rf"([^\n.]{{0,80}}?)\s{{1,10}}{ACTOR_VERBS}\b")
_SPACE_VERB = re.compile(rf"\s{ACTOR_VERBS}\b")  # the end of every ACTOR match


def _actor_matches(text: str):
    """ACTOR.finditer(text), but the search starts at most 80 characters before the white space ahead of the next
    actor verb instead of trying the lazy 80-character group at every position of the text. Exact: a match's group
    ends where its white space (1-10 characters) before the verb starts, so no match starts further before the
    first such verb."""
    pos = 0
    while (v := _SPACE_VERB.search(text, pos)) is not None:
        # The group ends where the white space before the verb starts (1-10 characters of it): no further back
        # than 9 characters before the verb's white space, nor than that white space goes (usually one character).
        g = v.start()
        cut = max(0, g - 9)
        while g > cut and text[g - 1].isspace():  # (str.isspace() is re's \s)
            g -= 1
        # So a match starts at most 80 characters before ``g``, and after the last "." or line break before it (the
        # group holds none; everything from ``g`` to the verb is white space). A later verb's group ends later
        # still. Each start tried in vain costs the regex up to 80 steps.
        m = ACTOR.search(text, max(pos, g - 80, text.rfind(".", 0, g) + 1, text.rfind("\n", 0, g) + 1))
        if m is None:
            return
        yield m
        pos = m.end()


# A sentence start: after [.!?] and white space before a capital letter, or after a blank line. (Written as one
# character class first, which the regex engine skips to; the same matches as "[.!?]\s+(?=[A-ZÆØÅ])|\n\s*\n".)
SENTENCE_START = re.compile(r"[.!?\n](?:(?<=[.!?])\s+(?=[A-ZÆØÅ])|(?<=\n)\s*\n)")
CONTACT_CONTEXT = re.compile(
    r"\b(?:kontakt\w*|skriv\w*|send\w*|spørg\w*|svar\w*|ring\w*|henvend\w*|chat\w*|besked\w*|mail\w*|"
    r"kontaktformular\w*|klag\w*|ansøg\w*|søg)\b", re.IGNORECASE)
_PERSON_CUE = Guarded(PERSON_CUE)
_GUARDED = {DIGITAL_REPLY: Guarded(DIGITAL_REPLY), WEB: Guarded(WEB)}
_NO_SPACE = frozenset({WEB})  # patterns none of whose matches holds a white-space character (nor any needle)
_NAME_SEPARATOR = re.compile(r"\s*(?:,|/|–| - )\s*")  # "Anna Hansen, sagsbehandler"
_SENTENCE_END = re.compile(r"[.!?](?:\s|$)")
_SPACES = re.compile(r"\s+")



@lru_cache(maxsize=1)
def _data_acronyms() -> dict[str, str]:
    out = {}
    for acr, v in (gazetteer.load("senders").get("acronyms") or {}).items():
        out[acr] = v["name"] if isinstance(v, dict) else str(v)
    return out


@lru_cache(maxsize=1)
def _data_acronym_key() -> tuple[str, ...]:
    return tuple(_data_acronyms())


def internal_acronyms(extra: dict | None = None) -> dict[str, str]:
    """Known internal acronyms → plain name (data plus a rule's params)."""
    out = dict(_data_acronyms())
    for acr, v in (extra or {}).items():
        out[str(acr)] = v["name"] if isinstance(v, dict) else str(v)
    return out


@dataclass(slots=True)
class SenderInfo:
    organisation: Organisation | None = None
    org_span: tuple[int, int] | None = None  # where the organisation is named in the text (None: metadata only)
    generic_span: tuple[int, int] | None = None  # "Kommunen" standing alone as the sender
    unit: str | None = None
    unit_span: tuple[int, int] | None = None
    phone: str | None = None
    email: str | None = None
    person: str | None = None
    web: str | None = None
    from_meta: bool = False
    lines: list = field(default_factory=list)  # anatomy.Line of letterhead/signature/footer
    anchor: tuple[int, int] = (0, 0)  # where "missing" findings point: the signature, else the letterhead
    reasons: list[tuple[str, str]] = field(default_factory=list)  # (rule id, Danish reason)

    @property
    def has_channel(self) -> bool:
        return bool(self.phone or self.email or self.web)

    @property
    def clear(self) -> bool:
        return not self.reasons

    @property
    def missing(self) -> set[str]:
        """The ids of the rules whose part of the sender the letter does not give."""
        return {rule_id for rule_id, _ in self.reasons}

    def section(self) -> dict:
        return {
            "organisation": self.organisation.name if self.organisation else None,
            "organisation_kind": self.organisation.kind if self.organisation else None,
            "unit": self.unit,
            "contact": {"phone": self.phone, "email": self.email, "person": self.person, "web": self.web},
            "clear": self.clear,
            "reasons": [r for _, r in self.reasons],
            "from_memo": self.from_meta,
        }


def _other_org_sentence(text: str, pos: int, sender: Organisation | None) -> bool:
    """Is the contact detail at ``pos`` about another authority (e.g. Ankestyrelsen in the klagevejledning)?"""
    a = max(0, pos - 200)
    for m in SENTENCE_START.finditer(text, a, pos):
        a = m.end()
    org = match_organisation(text[a:pos])
    return org is not None and (sender is None or org.name != sender.name)


# Every phone number of PHONE_CUE, PHONE_PAIRS and PHONE_ALONE holds such a digit group. A fast scan (the pattern
# starts with a character class, which the regex engine skips to) finds the few lines where one can be.
PHONE_DIGITS = re.compile(r"\d\d[ .]?\d\d[ .]?\d\d[ .]?\d\d")  # (\d{2} scans slower)
# The same for a text that fold() reads (Latin-1 and typographic punctuation), where \d is [0-9] (checked in the
# tests): a range the regex engine tests inline, not a Unicode look-up per character (a third faster).
_PHONE_DIGITS_09 = re.compile(r"[0-9][0-9][ .]?[0-9][0-9][ .]?[0-9][0-9][ .]?[0-9][0-9]")
_PHONE_CUE = Guarded(PHONE_CUE)


def _phone_lines(text: str, folded: str | None = ...) -> list[tuple[int, int, int]]:
    """(start, end, first) of the lines holding a PHONE_DIGITS group, ``first`` where the first such group starts;
    a line ending in "+45" goes with the next line (the one place where a phone match can span a line break). No
    PHONE_CUE or PHONE_PAIRS match lies outside them. ``folded``: fold(text) when the caller has it."""
    if folded is ...:
        folded = fold(text)
    search = (PHONE_DIGITS if folded is None else _PHONE_DIGITS_09).search
    out = []
    pos = 0
    while (d := search(text, pos)) is not None:
        a = text.rfind("\n", 0, d.start()) + 1
        while a >= 4 and text[a - 4:a - 1] == "+45":
            a = text.rfind("\n", 0, a - 1) + 1
        b = text.find("\n", d.end())
        while b != -1 and text[b - 3:b] == "+45":
            b = text.find("\n", b + 1)
        if b == -1:
            b = len(text)
        out.append((a, b, d.start()))
        pos = b + 1
    return out


def _phone_matches(rx: re.Pattern, text: str, spans: list[tuple[int, int, int]], folded: str | None = ...):
    """rx.finditer(text) for PHONE_CUE or PHONE_PAIRS, scanning only the lines of ``spans`` (_phone_lines(text)).
    Exact: no match crosses a line break of the text outside a span, and at a span's end (a line break or the text's
    end) every look-ahead of the patterns sees a non-word, non-digit character either way. PHONE_PAIRS is scanned
    from 4 characters before the span's first digit group (a match's digits are such a group, and "+45 " is at most
    4 characters); PHONE_CUE only where its cue words occur. ``folded``: fold(text) when the caller has it."""
    if rx is PHONE_PAIRS:
        for a, b, first in spans:
            yield from rx.finditer(text, max(a, first - 4), b)
        return
    if rx is PHONE_CUE and spans:
        folded = fold(text) if folded is ... else folded
        for a, b, _first in spans:
            yield from _PHONE_CUE.finditer(text, folded, a, b)
        return
    for a, b, _first in spans:
        yield from rx.finditer(text, a, b)


def _line_matches(guarded: Guarded, text: str, folded: str | None):
    """guarded.finditer(text, folded) for a pattern none of whose matches spans a line break (DIGITAL_REPLY, WEB),
    searching only the lines that hold one of its needles: a match lies within one line and contains a needle.
    (The plain scan tried the pattern at every position of the letter once a needle occurred anywhere.)
    A pattern of _NO_SPACE, whose matches hold no white space at all, is searched only in the run between the spaces
    or line breaks around each needle: a match holding the needle lies inside it, and no match starts before the run
    and reaches into it (the character before the run is white space)."""
    if guarded.needles is None:
        yield from guarded.finditer(text, folded)
        return
    if not guarded.possible(text, folded):  # (answered from the letter's needle index when there is one)
        return
    starts = guarded.needle_starts(text, folded)  # (from the letter's needle index when there is one)
    if starts is None:
        yield from guarded.finditer(text, folded)
        return
    if guarded.pattern in _NO_SPACE:
        end = -1
        for q in starts:
            if q < end:
                continue  # (in the run already searched)
            a = max(text.rfind(" ", 0, q), text.rfind("\n", 0, q)) + 1
            end = min(x for x in (text.find(" ", q), text.find("\n", q), len(text)) if x != -1)
            yield from guarded.pattern.finditer(text, a, end)
        return
    end = -1
    for q in starts:
        if q < end:
            continue
        a = text.rfind("\n", 0, q) + 1
        end = text.find("\n", q)
        if end == -1:
            end = len(text)
        yield from guarded.finditer(text, folded, a, end)  # (tried only where its first letters occur)


_EMAIL_CHAR = re.compile(r"[\w.+-]")
_DIGIT = re.compile(r"\d")


def _emails(text: str):
    """EMAIL.finditer(text), trying the pattern only where it can start: at the start of the run of [\\w.+-]
    characters just before an "@" (its look-behind allows no such character before a match, and the run holds no
    "@"), instead of at every character of every word."""
    pos = 0
    char = _EMAIL_CHAR.match
    while (at := text.find("@", pos)) != -1:
        s = at
        while s > 0 and char(text, s - 1):
            s -= 1
        if pos <= s < at:
            m = EMAIL.match(text, s)
            if m:
                yield m
                pos = m.end()
                continue
        pos = at + 1


def _line_kind(text: str) -> str:
    digit = _DIGIT.search(text) is not None  # every date and every address line has a digit (most lines have none)
    if (digit and anatomy.DATE_LINE.match(text)) or anatomy.REFERENCE_LINE.match(text):
        return "meta"
    if digit and anatomy.ADDRESS_LINE.match(text):
        return "address"
    if anatomy.closing_re().match(text) and len(text.split()) <= 6:
        return "closing"
    return ""


def analyse(letter: Letter) -> SenderInfo:
    """Who sent the letter and how to reach them, from its sender lines, its opening and its MeMo data."""
    info = SenderInfo()
    document, text = letter.document, letter.text
    info.lines = lines = letter.sender_lines
    sig = [ln for ln in lines if ln.zone == "signature"]
    if sig:
        info.anchor = (sig[0].start, sig[-1].end)
    elif lines:
        info.anchor = (lines[0].start, lines[0].end)
    elif document.blocks:
        b = document.blocks[0]
        first = anatomy.block_lines(document, 0)
        info.anchor = first[0] if first else (b.start, b.end)

    # 1. The organisation and the unit from letterhead, signature, footer.
    closing_seen = False
    folded = letter.folded
    for ln in lines:
        kind = _line_kind(ln.text)
        if kind == "closing":
            closing_seen = True
            continue
        if kind:
            continue
        if info.unit is not None and info.organisation is not None and info.organisation.known:
            # Neither the organisation nor the unit can change any more: only a person is left to find (then the
            # loop is done), and the organisation search is needed only for a line that could name one.
            if info.person is not None:
                break
            if ln.zone == "signature" and closing_seen:
                cand = _NAME_SEPARATOR.split(ln.text, 1)[0].strip()
                if PERSON_LINE.match(cand) and not unit_word(cand) and not job_title(cand) \
                        and match_organisation(ln.text) is None \
                        and not is_generic(ln.text):  # (a generic line is no person: as below)
                    info.person = cand
            continue
        org = match_organisation(ln.text)
        rest = ln.text
        if org is not None:
            if info.organisation is None or (not info.organisation.known and org.known):
                info.organisation = org
                info.org_span = (ln.start + org.start, ln.start + org.end)
            rest = (ln.text[:org.start] + " " + ln.text[org.end:]).strip(" ,.-–|/·")
        elif is_generic(ln.text):
            # "Kommunen" names no authority; "Sekretariatet" names no authority either, but it is a unit.
            if info.generic_span is None:
                info.generic_span = (ln.start, ln.end)
            if info.unit is None and unit_word(ln.text):
                info.unit = ln.text.strip(" ,.")
                info.unit_span = (ln.start, ln.end)
            continue
        if info.unit is None and rest and not (PERSON_LINE.match(rest) and not unit_word(rest)):
            if is_unit(rest) and not (job_title(rest) and not unit_only(rest)):
                info.unit = rest
                off = ln.text.find(rest)
                info.unit_span = (ln.start + off, ln.start + off + len(rest))
                if info.organisation is None:
                    muni = municipality_by_place(rest)
                    if muni:
                        info.organisation = Organisation(muni, "municipality", True)
                        info.org_span = info.unit_span
        # 2. A person: the first name-shaped line of the signature.
        if info.person is None and ln.zone == "signature" and closing_seen:
            cand = _NAME_SEPARATOR.split(ln.text, 1)[0].strip()
            if PERSON_LINE.match(cand) and org is None and not unit_word(cand) \
                    and not job_title(cand):
                info.person = cand

    # 3. The opening paragraphs may name the sender as the actor: "Skattestyrelsen har ændret …".
    if info.organisation is None:
        s, e = letter.lead
        for m in _actor_matches(text[s:e]):
            org = match_organisation(m.group(1))
            if org is not None and m.group(1).strip().endswith(org.name.split()[-1]):
                info.organisation = org
                info.org_span = (s + m.start(1) + org.start, s + m.start(1) + org.end)
                break

    # 4. Contact details anywhere in the letter (not those of another authority).
    phone_lines = _phone_lines(text, folded)
    for m in _phone_matches(PHONE_CUE, text, phone_lines, folded):
        if not _other_org_sentence(text, m.start(1), info.organisation):
            info.phone = _squash(m.group(1))
            break
    if info.phone is None:
        for m in _phone_matches(PHONE_PAIRS, text, phone_lines):
            if not _other_org_sentence(text, m.start(), info.organisation):
                info.phone = _squash(m.group(0))
                break
    if info.phone is None and phone_lines:
        for ln in lines:
            # (a phone number holds a PHONE_DIGITS group: only a line inside one of phone_lines can hold one)
            for a, b, _first in phone_lines:
                if a <= ln.start and ln.end <= b:
                    break
            else:
                continue
            m = PHONE_ALONE.match(ln.text)
            if m and not anatomy.REFERENCE_LINE.match(ln.text):
                info.phone = _squash(m.group(1))
                break
    for m in _emails(text):
        if not _other_org_sentence(text, m.start(), info.organisation):
            info.email = m.group(0)
            break
    for rx in (DIGITAL_REPLY, WEB):
        if info.web:
            break
        for m in _line_matches(_GUARDED[rx], text, folded):
            # A web address is a way to get in touch only when the letter says so ("skriv til os via …"). (Tested
            # before the other-authority test, which costs more; either one rules the match out.)
            if "@" in m.group(0) or (rx is WEB and not _in_lines(lines, m.start())
                                     and not CONTACT_CONTEXT.search(_sentence(text, m.start()))):
                continue
            if _other_org_sentence(text, m.start(), info.organisation):
                continue
            info.web = m.group(0).rstrip(".,;:)")
            break
    if info.person is None:
        m = _PERSON_CUE.search(text, folded)
        if m and match_organisation(m.group(1)) is None and not unit_word(m.group(1)):
            info.person = m.group(1)

    # 5. MeMo sender data (Sender/label and AttentionData).
    _merge_meta(info, document.meta.get("sender"))

    # 6. Verdict.
    if info.organisation is None:
        if info.generic_span is not None:
            info.reasons.append(("sender.organisation", "Afsenderen står kun som «Kommunen» eller lignende."))
        else:
            info.reasons.append(("sender.organisation", "Brevet siger ikke, hvilken myndighed det kommer fra."))
    if info.unit is None and (info.organisation is None or info.organisation.unit_required):
        info.reasons.append(("sender.unit", "Brevet siger ikke, hvilken afdeling det kommer fra."))
    if not info.has_channel:
        info.reasons.append(("sender.contact", "Brevet siger ikke, hvordan man kontakter afsenderen "
                                               "(telefon, e-mail eller Digital Post)."))
    return info


def _in_lines(lines, pos: int) -> bool:
    return any(ln.start <= pos < ln.end for ln in lines)


def _sentence(text: str, pos: int) -> str:
    a = max(0, pos - 200)
    for m in SENTENCE_START.finditer(text, a, pos):
        a = m.end()
    b = text.find("\n\n", pos)
    m = _SENTENCE_END.search(text, pos)
    ends = [x for x in (b, m.end() if m else -1) if x != -1]
    return text[a:min(ends) if ends else len(text)]


def _squash(number: str) -> str:
    return _SPACES.sub(" ", number.strip())


def _merge_meta(info: SenderInfo, meta) -> None:
    if isinstance(meta, str):
        meta = {"label": meta}
    if not isinstance(meta, dict):
        return
    label = str(meta.get("label") or "").strip()
    if label and info.organisation is None:
        org = match_organisation(label)
        if org is not None:
            info.organisation = Organisation(org.name, org.kind, org.known)
            info.from_meta = True
            rest = (label[:org.start] + " " + label[org.end:]).strip(" ,.-–")
            if info.unit is None and rest and unit_word(rest):
                info.unit = rest
        elif not (is_generic(label) or label.replace(" ", "").isdigit() or label.isupper()):
            info.organisation = Organisation(label, "other", False)
            info.from_meta = True
    unit = str(meta.get("unit") or "").strip()
    if unit and info.unit is None and not unit.isupper():
        info.unit = unit
        info.from_meta = True
        if info.organisation is None:
            org = match_organisation(unit)
            if org is not None:
                info.organisation = Organisation(org.name, org.kind, org.known)
    for key in ("phone", "email", "person"):
        value = str(meta.get(key) or "").strip()
        if value and getattr(info, key) is None:
            setattr(info, key, value)
            info.from_meta = True


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


@lru_cache(maxsize=16)
def _acronym_re(acronyms: tuple[str, ...], whole: bool = True) -> re.Pattern:
    """The acronyms as whole words (group 1), or ``whole=False``: anywhere, also inside words."""
    if not whole:
        return re.compile(gazetteer.alternation(acronyms))
    return re.compile(rf"(?<![\wæøå-])({gazetteer.alternation(acronyms)})(?![\wæøå-])")


@lru_cache(maxsize=16)
def _no_break(acronyms: tuple[str, ...]) -> bool:
    return not any("\n" in a for a in acronyms)


@register_check("sender.acronym")
def check_acronym(ctx: Context, rule: RuleInfo, params: dict | None = None) -> list[Hit]:
    """An internal acronym (MSB, BUF …) standing as the sender's name, with its plain name nowhere in the letter."""
    info = sender_info(ctx)
    extra = (params or {}).get("acronyms")
    acronyms = internal_acronyms(extra) if extra else _data_acronyms()  # (read only here)
    if not acronyms:
        return []
    text = ctx.document.text
    low = None
    hits = []
    # When no acronym occurs in the sender lines (most letters), no line needs a whole-word search: one scan of the
    # lines joined by line breaks (an acronym holds none, so each occurrence lies in one line), a third of the text.
    key = tuple(acronyms) if extra else _data_acronym_key()
    lines = info.lines
    if lines and _no_break(key) and _acronym_re(key, False).search("\n".join([ln.text for ln in lines])) is None:
        lines = ()
    for ln in lines:
        for m in _acronym_re(key).finditer(ln.text):
            name = acronyms[m.group(1)]
            if low is None:
                low = text.lower()
            if name.lower() in low:
                continue
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


@register_check("sender.we")
def check_we(ctx: Context, rule: RuleInfo, params: dict | None = None) -> list[Hit]:
    """'vi' in the letter, but the letter never says who 'vi' is (no authority, no unit, no MeMo sender)."""
    info = sender_info(ctx)
    if info.organisation is not None or info.unit is not None or not ctx.letter.is_letter:
        return []
    letter = ctx.letter
    for i, b in enumerate(letter.blocks):
        if not letter.is_running(i):
            continue
        m = WE.search(letter.text, b.start, b.end)
        if m:
            return [Hit(rule, m.start(), m.end())]
    return []
