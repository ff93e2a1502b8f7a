"""The sender verdict: who sent the letter, which unit, and how to get in touch (Report section "sender").

Evidence comes from the letter itself (letterhead, signature, footer, page headers, the opening paragraphs) and, for
MeMo input, from document.meta["sender"] = {"label", "person", "phone", "email", "unit"} (filled by the MeMo reader
from Sender/label and AttentionData). verdict() decides what is missing; the rules (rules.py) only report it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cache

from ...letter import anatomy, data
from ...letter.anatomy import Line
from ...letter.organisations import (
    Organisation,
    is_generic,
    is_unit,
    job_title,
    match_organisation,
    municipality_by_place,
    unit_only,
    unit_word,
)
from ...letter.view import Letter
from ...search.anchored import BeforeTail
from . import contact

NAME = contact.NAME
PERSON_LINE = re.compile(rf"^(?:{NAME}|[A-ZÆØÅ]\.)(?:\s+(?:{NAME}|[A-ZÆØÅ]\.|von|van|de|la)){{1,3}}$")
_NAME_SEPARATOR = re.compile(r"\s*(?:,|/|–| - )\s*")  # "Anna Hansen, sagsbehandler"


@cache
def _actor() -> BeforeTail:
    """"<up to 80 characters> har/vil/…": the phrase before an actor verb (data/senders.yml, ``actor_verbs``).
    (\\s+ instead of \\s{1,10} backtracked: cubic.) Searched only from 80 characters before each verb: tried at every
    position, it cost 0.6 ms per letter."""
    verbs = "(?:" + "|".join(map(re.escape, data.load("senders")["actor_verbs"])) + ")"
    return BeforeTail(data.compiled(rf"([^\n.]{{0,80}}?)\s{{1,10}}{verbs}\b", 0),
                      data.compiled(rf"\s{{1,10}}{verbs}\b", 0), 80, "\n.")
_DIGIT = re.compile(r"\d")


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
    lines: list[Line] = field(default_factory=list)  # the letter's sender lines (letterhead, signature, footer)
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


def analyse(letter: Letter) -> SenderInfo:
    """Who sent the letter and how to reach them, from its sender lines, its opening and its MeMo data."""
    info = SenderInfo(lines=letter.sender_lines, anchor=_anchor(letter))
    _read_sender_lines(letter, info)  # the organisation, the unit and a person
    if info.organisation is None:
        _actor_in_opening(letter, info)  # "Skattestyrelsen har ændret …"
    # Contact details anywhere in the letter (not those of another authority).
    info.phone = contact.find_phone(letter, info.organisation)
    info.email = contact.find_email(letter, info.organisation)
    info.web = contact.find_web(letter, info.organisation)
    if info.person is None:
        info.person = contact.find_person(letter)
    _merge_meta(info, letter.document.meta.get("sender"))
    info.reasons = verdict(info)
    return info


def verdict(info: SenderInfo) -> list[tuple[str, str]]:
    """What the reader cannot tell about the sender: (rule id, Danish reason) for each missing part."""
    reasons = []
    if info.organisation is None:
        if info.generic_span is not None:
            reasons.append(("sender.organisation", "Afsenderen står kun som «Kommunen» eller lignende."))
        else:
            reasons.append(("sender.organisation", "Brevet siger ikke, hvilken myndighed det kommer fra."))
    if info.unit is None and (info.organisation is None or info.organisation.unit_required):
        reasons.append(("sender.unit", "Brevet siger ikke, hvilken afdeling det kommer fra."))
    if not info.has_channel:
        reasons.append(("sender.contact", "Brevet siger ikke, hvordan man kontakter afsenderen "
                                          "(telefon, e-mail eller Digital Post)."))
    return reasons


def _anchor(letter: Letter) -> tuple[int, int]:
    """Where findings about a missing part point: the signature, else the first sender line, else the first line."""
    lines, signature = letter.sender_lines, letter.signature
    if signature:
        return signature[0].start, signature[-1].end
    if lines:
        return lines[0].start, lines[0].end
    if letter.blocks:
        b = letter.blocks[0]
        first = anatomy.block_lines(letter.document, 0)
        return first[0] if first else (b.start, b.end)
    return 0, 0


def _line_kind(text: str) -> str:
    digit = _DIGIT.search(text) is not None  # every date and every address line has a digit (most lines have none)
    if (digit and anatomy.is_date_line(text)) or anatomy.is_reference_line(text):
        return "meta"
    if digit and anatomy.is_address_line(text):
        return "address"
    if anatomy.closing_re().match(text) and len(text.split()) <= 6:
        return "closing"
    return ""


def _person(line: str) -> str | None:
    """The name at the start of a signature line ("Anna Hansen, sagsbehandler"), unless it is a unit or a title."""
    cand = _NAME_SEPARATOR.split(line, 1)[0].strip()
    return cand if PERSON_LINE.match(cand) and not unit_word(cand) and not job_title(cand) else None


def _read_sender_lines(letter: Letter, info: SenderInfo) -> None:
    """The organisation and the unit from letterhead, signature and footer; a person: the first name-shaped line
    of the signature after the closing."""
    closing_seen = False
    for ln in info.lines:
        kind = _line_kind(ln.text)
        if kind == "closing":
            closing_seen = True
            continue
        if kind:
            continue
        if info.unit is not None and info.organisation is not None and info.organisation.known:
            # Neither the organisation nor the unit can change any more: only a person is left to find.
            if info.person is not None:
                break
            if ln.zone == "signature" and closing_seen and match_organisation(ln.text) is None \
                    and not is_generic(ln.text):  # (a generic line is no person: as below)
                info.person = _person(ln.text)
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
        if info.person is None and ln.zone == "signature" and closing_seen and org is None:
            info.person = _person(ln.text)


def _actor_in_opening(letter: Letter, info: SenderInfo) -> None:
    """The opening paragraphs may name the sender as the actor: "Skattestyrelsen har ændret …"."""
    s, e = letter.lead
    for m in _actor().finditer(letter.text, s, e):
        org = match_organisation(m.group(1))
        if org is not None and m.group(1).strip().endswith(org.name.split()[-1]):
            info.organisation = org
            info.org_span = (m.start(1) + org.start, m.start(1) + org.end)
            return


def _merge_meta(info: SenderInfo, meta) -> None:
    """MeMo sender data (Sender/label and AttentionData) fills what the letter's text does not give."""
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
