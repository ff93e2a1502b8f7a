"""The sender verdict: who sent the letter, which unit, and how to get in touch (Report section "sender").

Which authority sent the letter is weighed from every place a letter names one, because a letter often names several
(the recipient's window address, the authority a complaint goes to, the municipality a supervisory letter is about):

- its sender lines (letterhead, signature, footer, page headers): the signature weighs most, a letterhead block with
  the letter's reference or contact lines ("Sagsbehandler:", "Tlf.") more than a bare name-and-address block (which
  is the recipient's window address as often as the sender's); a name after a preposition on such a line ("Tilsynet
  med kommunerne i Region Syddanmark") is no sender;
- the domain of an e-mail or web address (the register in data/authorities.yml): on a sender line, or in a sentence
  where the letter speaks of itself ("Gå ind på vores hjemmeside: www.kk.dk/rotter");
- the body: an authority as the subject of a sentence ("Skattestyrelsen har ændret …", "Hermed fremsender
  Justitsministeriet …", "Aarhus Kommunes Kørselskontor har …") or as the holder of the letter's view ("Det er
  Statsforvaltningens opfattelse"), outside sentences about complaining (which name the appeal body as actor);
- for MeMo input, document.meta["sender"] = {"label", "person", "phone", "email", "unit"} (filled by the MeMo reader
  from Sender/label and AttentionData), where the text does not say.

verdict() decides what is missing; the rules (rules.py) only report it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cache

from ...letter import anatomy, authorities, data
from ...letter.anatomy import Line
from ...letter.organisations import (
    Organisation,
    by_shape,
    from_authority,
    from_match,
    is_contact_line,
    is_generic,
    is_unit,
    job_title,
    match_organisation,
    municipality_by_place,
    unit_only,
    unit_word,
)
from ...letter.view import Letter
from ...search import Anchored, Guarded, searcher
from ...search.anchored import BeforeTail
from ..decision import klage_region
from . import contact

NAME = contact.NAME
PERSON_LINE = re.compile(rf"^(?:{NAME}|[A-ZÆØÅ]\.)(?:\s+(?:{NAME}|[A-ZÆØÅ]\.|von|van|de|la)){{1,3}}$")
_NAME_SEPARATOR = re.compile(r"\s*(?:,|/|–| - )\s*")  # "Anna Hansen, sagsbehandler"
_DIGIT = re.compile(r"\d")
# A name after one of these on a sender line is not the sender: "Tilsynet med kommunerne i Region Syddanmark".
_PREPOSITION_BEFORE = re.compile(r"(?:^|\s)(?:i|til|fra|med|for|hos|ved|over|mod|af|om|under|på|efter|vedr\.?|"
                                 r"vedrørende)\s*$", re.IGNORECASE)
# "Kontor: Stats- og Menneskeretskontoret": a unit given after a label.
_UNIT_LABEL = re.compile(r"^(?:kontor|afdeling|enhed|center|centre|team|forvaltning|område|sektion)\s*:\s*(\S.*)$",
                         re.IGNORECASE)
# A sentence about complaining (it names the appeal body as the actor: "Ankestyrelsen skal have din klage …"): one of
# \b(?:klag(?:e|en|er|es|et|ede)|påklag\w*|klagevejledning\w*|klagefrist\w*|klageportal\w*|ank(?:e|en|er|es|et))\b
# in any case. Only whether a sentence holds one is asked, so the pattern starts at the "k" each word holds
# ([kK\u212a] is what "k" matches case-insensitively; the rest is case-insensitive): the regex engine skips to the
# next "k", where the plain alternation with re.IGNORECASE was tried at every character (three quarters of its cost).
_KLAGE = re.compile(r"[kK\u212a](?i:(?<!\w.)(?:lag(?:e|en|er|es|et|ede)|lagevejledning\w*|lagefrist\w*|lageportal\w*)"
                    r"|(?<=(?<!\w)på.)lag\w*|(?<=(?<!\w)an.)(?:e|en|er|es|et))\b")
# A sentence that gives the reader a way to ask: "Yderligere oplysninger kan fås ved henvendelse til …", "Spørgsmål
# kan rettes til …", "Kontakt …", "Hvis du har spørgsmål, …".
_ASKS_CONTACT = re.compile(r"\b(?:henvendelse til|henvend dig|kontakt(?:e|er)?|rettes til|spørgsmål|"
                           r"(?:flere|yderligere|nærmere) oplysninger)\b", re.IGNORECASE)
_OWN_DOCUMENT = re.compile(r"\s+(?:\w+)?(?:afgørelse|brev|svar|udtalelse|tilladelse|dispensation|påbud|godkendelse|"
                           r"orientering|redegørelse|bevilling|beslutning)\b")
_OPINION = re.compile(r"\bdet er\s+$", re.IGNORECASE)
_OPINION_AFTER = re.compile(r"\s+(?:opfattelse|vurdering)\b", re.IGNORECASE)

# How strongly each kind of evidence says "this authority wrote the letter" (see the module docstring).
W_SIGNATURE = 3.0
W_LINE = 2.0
W_INFO_BLOCK = 1.0  # added: the block holds the letter's reference or contact lines
W_ADDRESS_BLOCK = -1.0  # added: the block is only a name and a postal address
W_DOMAIN_LINE = 2.0
W_DOMAIN_OWN = 1.5
W_DOMAIN_CONTACT = 1.0  # an address the reader is asked to contact ("… ved henvendelse til … på pom@hvidovre.dk")
W_ACTOR_LEAD = 1.5  # the subject of a sentence in the title or the first two paragraphs
W_ACTOR = 1.0  # … further on
MAX_ACTOR = 3.0  # body evidence for one authority counts up to this
W_OPINION = 1.5


@cache
def _actor() -> BeforeTail:
    """"<up to 80 characters> har/vil/…": the phrase before an actor verb (data/senders.yml, ``actor_verbs``).
    (\\s+ instead of \\s{1,10} backtracked: cubic.) Searched only from 80 characters before each verb: tried at every
    position, it cost 0.6 ms per letter."""
    verbs = _verbs()
    return BeforeTail(data.compiled(rf"([^\n.]{{0,80}}?)\s{{1,10}}{verbs}\b", 0),
                      data.compiled(rf"\s{{1,10}}{verbs}\b", 0), 80, "\n.")


@cache
def _contact_unit() -> Guarded | Anchored:
    """An invitation to contact a unit: "ved henvendelse til Center for …" (not "I har rettet henvendelse til …").
    Tried only where one of its literal starts occurs, not at every character of the letter."""
    return searcher(re.compile(r"\b(?:ved henvendelse til|henvend dig til|kontakt(?:e|er)?|rettes til|ringe til|"
                               r"skrive til)\s+(?=[A-ZÆØÅ])"))


@cache
def _verbs() -> str:
    return "(?:" + "|".join(map(re.escape, data.load("senders")["actor_verbs"])) + ")"


@cache
def _verb_after() -> re.Pattern:
    """A finite verb right after a name (maybe after "nu", "derfor" …): the name is the subject."""
    return data.compiled(rf"[ \t]+(?:(?:nu|derfor|også|hermed|i dag|ikke)[ \t]+)?{_verbs()}\b", 0)


@cache
def _verb_before() -> re.Pattern:
    """A finite verb right before a name, after the sentence's first words (group 1): "Hermed fremsender X",
    "Efter høring af berørte parter har X nu …" (Danish puts the finite verb second, the subject after it when an
    adverbial comes first)."""
    return data.compiled(rf"(?:^|(?<=[.!?:])\s+|\n)([^.!?:\n]{{0,100}}?)\b{_verbs()}[ \t]+$", 0)


@cache
def _verb_words() -> tuple[str, ...]:
    return tuple(data.load("senders")["actor_verbs"])


@cache
def _adverbial_starts() -> frozenset[str]:
    return frozenset(w.lower() for w in data.load("senders")["adverbial_starts"])


def _subject_after_verb(text: str, start: int) -> bool:
    """Is the name at ``start`` the subject after a finite verb? Only when what comes before the verb is an adverbial
    (an adverb or a phrase that starts with a preposition: "Hermed fremsender Justitsministeriet …", "I anledning af
    en ny vej afholder Vejen Kommune …"); after a subject the name is an object ("Vi beder Aarhus Kommune om …")."""
    lo = max(0, start - 120)
    # (a match ends with a verb and spaces right before ``start``, or before a "\n" there, which $ allows: most
    # names have none, and the search would try each of the 120 places before them)
    before = text[lo:start - 1] if text[start - 1:start] == "\n" else text[lo:start]
    head = before.rstrip(" \t")
    if len(head) == len(before) or not head.endswith(_verb_words()):
        return False
    m = _verb_before().search(text, lo, start)
    if m is None:
        return False
    words = [w.strip(",;()").lower() for w in m.group(1).split()]
    return not words or (len(words) <= 16 and words[0] in _adverbial_starts())


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
    address: str | None = None  # the sender's postal address (its first line)
    from_meta: bool = False
    lines: list[Line] = field(default_factory=list)  # the letter's sender lines (letterhead, signature, footer)
    anchor: tuple[int, int] = (0, 0)  # where "missing" findings point: the signature, else the letterhead
    reasons: list[tuple[str, str]] = field(default_factory=list)  # (rule id, Danish reason)
    evidence: list[dict] = field(default_factory=list)  # what named the organisation: {source, text, weight}

    @property
    def has_channel(self) -> bool:
        return bool(self.phone or self.email or self.web or self.address)

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
            "contact": {"phone": self.phone, "email": self.email, "person": self.person, "web": self.web,
                        "address": self.address},
            "clear": self.clear,
            "reasons": [r for _, r in self.reasons],
            "from_memo": self.from_meta,
            "organisation_evidence": list(self.evidence),
        }


@dataclass(slots=True)
class _Candidate:
    org: Organisation
    span: tuple[int, int] | None
    order: int
    score: float = 0.0
    body: float = 0.0  # of the score, what the body gave (capped at MAX_ACTOR)
    evidence: list[dict] = field(default_factory=list)


class _Votes:
    """The evidence for each authority the letter names."""

    def __init__(self) -> None:
        self.by_name: dict[str, _Candidate] = {}

    def add(self, org: Organisation, span: tuple[int, int] | None, weight: float, source: str, text: str,
            body: bool = False) -> None:
        c = self.by_name.get(org.name)
        if c is None:
            c = self.by_name[org.name] = _Candidate(org, span, len(self.by_name))
        elif not c.org.known and org.known:
            c.org = org
        if c.span is None:
            c.span = span
        if body:
            weight = min(weight, MAX_ACTOR - c.body)
            if weight <= 0:
                return
            c.body += weight
        c.score += weight
        c.evidence.append({"source": source, "text": text[:60], "weight": weight})

    def best(self) -> _Candidate | None:
        found = [c for c in self.by_name.values() if c.score > 0]
        return max(found, key=lambda c: (c.score, -c.order)) if found else None


@dataclass(slots=True)
class _UnitCandidate:
    text: str
    span: tuple[int, int]
    block: int
    org: str | None = None  # the authority named in the same block, if any


def analyse(letter: Letter) -> SenderInfo:
    """Who sent the letter and how to reach them, from its sender lines, its body and its MeMo data."""
    info = SenderInfo(lines=letter.sender_lines, anchor=_anchor(letter))
    votes = _Votes()
    units = _read_sender_lines(letter, info, votes)  # organisations, units and a person on the sender lines
    _domains(letter, info, votes)  # "jm@jm.dk", "www.kk.dk/rotter"
    _body(letter, votes)  # "Skattestyrelsen har ændret …"
    best = votes.best()
    if best is not None:
        info.organisation, info.org_span, info.evidence = best.org, best.span, best.evidence
    else:
        _actor_in_opening(letter, info)  # a name known only by its shape: "Eksempelby Kommune har …"
    _choose_unit(letter, info, units)
    # Contact details anywhere in the letter (not those of another authority).
    info.phone = contact.find_phone(letter, info.organisation)
    info.email = contact.find_email(letter, info.organisation)
    info.web = contact.find_web(letter, info.organisation)
    info.address = contact.find_address(letter, info.organisation, info.org_span)
    if info.person is None:
        info.person = contact.find_person(letter)
    _merge_meta(info, letter.document.meta.get("sender"))
    info.reasons = verdict(info)
    return info


def verdict(info: SenderInfo) -> list[tuple[str, str]]:
    """What the reader cannot tell about the sender: (rule id, Danish reason) for each missing part. A state authority
    with its own contact details is its own unit; a municipality or a region does many things and must say which
    unit wrote."""
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
                                          "(telefon, e-mail, adresse eller Digital Post)."))
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


def _line_kind(letter: Letter, text: str) -> str:
    digit = _DIGIT.search(text) is not None  # every date and every address line has a digit (most lines have none)
    if (digit and anatomy.is_date_line(text)) or letter.tested(anatomy.is_reference_line, text):
        return "meta"
    if digit and anatomy.is_address_line(text):
        return "address"
    if anatomy.closing_re().match(text) and len(text.split()) <= 6:
        return "closing"
    return ""


def _person(letter: Letter, line: str) -> str | None:
    """The name at the start of a signature line ("Anna Hansen, sagsbehandler"), unless it is a unit or a title."""
    cand = _NAME_SEPARATOR.split(line, 1)[0].strip()
    return cand if PERSON_LINE.match(cand) and not letter.tested(unit_word, cand) \
        and not letter.tested(job_title, cand) else None


def _block_weight(letter: Letter, lines: list[Line], block: int) -> float:
    """What a name in a block of sender lines gains or loses: a block with the letter's reference or contact lines
    is the sender's; a block of only a name and a postal address may be the recipient's window address. (Asked only
    for a block with a name outside the signature: most blocks need no tests of their lines.)"""
    address = False
    for ln in lines:
        if ln.block != block:
            continue
        text = ln.text
        if letter.tested(anatomy.is_reference_line, text) or letter.tested(anatomy.is_info_line, text) \
                or is_contact_line(text):  # (cheapest first)
            return W_INFO_BLOCK
        if not address and letter.tested(anatomy.is_postal_line, text):
            address = True
    return W_ADDRESS_BLOCK if address else 0.0


def _line_organisations(letter: Letter, ln: Line) -> list[Organisation]:
    """The authorities named on a sender line (spans relative to the line), registered ones from the letter's one
    look-up, else one recognised by the shape of its name."""
    found = [from_match(m, -ln.start) for m in letter.authorities_in(ln.start, ln.end)]
    if found:
        return found
    org = by_shape(ln.text)
    return [org] if org is not None else []


def _read_sender_lines(letter: Letter, info: SenderInfo, votes: _Votes) -> list[_UnitCandidate]:
    """Votes for the authorities on the sender lines; the unit candidates (with the authority of their block); a
    person: the first name-shaped line of the signature after the closing."""
    closing_seen = False
    block_weight: dict[int, float] = {}  # _block_weight per block, where asked
    block_org: dict[int, str] = {}
    units: list[_UnitCandidate] = []
    signature = ""  # what the previous signature line was: "person", "title" (the line after the name) or ""

    def unit(text: str, start: int, block: int) -> None:
        units.append(_UnitCandidate(text, (start, start + len(text)), block))

    tested = letter.tested  # (the same line often meets the same test twice: a title line, a repeated unit line)

    for ln in info.lines:
        kind = _line_kind(letter, ln.text)
        if kind == "closing":
            closing_seen = True
            continue
        if kind:
            signature = ""
            continue
        orgs = [o for o in _line_organisations(letter, ln) if not _PREPOSITION_BEFORE.search(ln.text, 0, o.start)]
        rest = ln.text
        if orgs:
            org = orgs[0]
            if ln.zone == "signature":
                weight = W_SIGNATURE
            else:
                if ln.block not in block_weight:
                    block_weight[ln.block] = _block_weight(letter, info.lines, ln.block)
                weight = W_LINE + block_weight[ln.block]
            for o in orgs:
                votes.add(o, (ln.start + o.start, ln.start + o.end), weight, ln.zone, ln.text[o.start:o.end])
            block_org.setdefault(ln.block, org.name)
            rest = (ln.text[:org.start] + " " + ln.text[org.end:]).strip(" ,.-–|/·")
        elif is_generic(ln.text):
            # "Kommunen" names no authority; "Sekretariatet" names no authority either, but it is a unit.
            if info.generic_span is None:
                info.generic_span = (ln.start, ln.end)
            if unit_word(ln.text):
                unit(ln.text.strip(" ,.").strip(), ln.start, ln.block)
            continue
        labelled = _UNIT_LABEL.match(rest) if not orgs else None
        if labelled:
            unit(labelled.group(1).strip(), ln.start + labelled.start(1), ln.block)
        elif rest and not (PERSON_LINE.match(rest) and not tested(unit_word, rest)):
            if tested(is_unit, rest) and not (tested(job_title, rest) and not unit_only(rest)):
                off = ln.text.find(rest)
                unit(rest, ln.start + off, ln.block)
                if not orgs:
                    muni = municipality_by_place(rest)  # "Jobcenter Aarhus"
                    if muni:
                        a = authorities.get(muni)
                        weight = W_SIGNATURE if ln.zone == "signature" else W_LINE
                        votes.add(from_authority(a), (ln.start + off, ln.start + off + len(rest)), weight,
                                  ln.zone, rest)
            elif signature == "title" and not orgs and _signature_unit(rest):
                # name, title, then the unit: "Henrik Lund / Miljøkontrollør / Skadedyr"
                unit(rest, ln.start + ln.text.find(rest), ln.block)
            elif tested(job_title, rest):
                # the title and the unit on one line: "Teamleder, Ydelsesservice"
                parts = _NAME_SEPARATOR.split(rest, maxsplit=1)
                if len(parts) == 2 and is_unit(parts[1]) and not job_title(parts[1]):
                    unit(parts[1], ln.start + ln.text.find(parts[1]), ln.block)
        in_signature = ln.zone == "signature" and closing_seen
        person = _person(letter, ln.text) if in_signature and not orgs else None
        if info.person is None and person:
            info.person = person
        # (the line after the name is the job title, listed or not, unless it names a unit or an authority)
        signature = "person" if person else "title" if in_signature and not orgs and (
            tested(job_title, ln.text)
            or (signature == "person" and not (units and units[-1].span[0] >= ln.start))) else ""
    for u in units:
        u.org = block_org.get(u.block)
    return units


def _signature_unit(text: str) -> bool:
    """A short line naming a unit in a signature, after the name and the title: capitalised words, no digits, no
    contact details, no sentence."""
    words = text.split()
    return (0 < len(words) <= 5 and text[0].isupper() and not _DIGIT.search(text) and not is_contact_line(text)
            and text[-1] not in ".!?:" and not job_title(text) and not PERSON_LINE.match(text))


def _choose_unit(letter: Letter, info: SenderInfo, units: list[_UnitCandidate]) -> None:
    """The unit: from the sender lines, in a block of the chosen authority or of none; else a unit named right
    after the authority in the genitive in the body ("Aarhus Kommunes Kørselskontor"); else a unit that is the
    subject of a sentence in the first paragraphs ("Park- og Vejcenter kontakter …")."""
    name = info.organisation.name if info.organisation else None
    for u in units:
        if u.org is None or u.org == name:
            info.unit, info.unit_span = u.text, u.span
            return
    org = info.organisation
    text = letter.text
    if org is not None and org.authority is not None:
        for m in letter.authorities:
            if m.authority is org.authority and m.genitive:
                found = authorities.unit_after(text, m.end)
                if found:
                    start = text.find(found, m.end)
                    info.unit, info.unit_span = found, (start, start + len(found))
                    return
    # A unit as the subject of a sentence in the first paragraphs: "Park- og Vejcenter kontakter løbende …"
    lead_start, lead_end = letter.lead
    for sentence in letter.sentences:
        if sentence.start >= lead_end:
            break
        if sentence.start < lead_start or not text[sentence.start].isupper():
            continue
        found = authorities.unit_at(text, sentence.start)
        if found and _verb_after().match(text, sentence.start + len(found)):
            info.unit, info.unit_span = found, (sentence.start, sentence.start + len(found))
            return
    # The unit the reader is asked to contact: "Yderligere oplysninger kan fås ved henvendelse til Center for Plan og
    # Miljø på …" (not where to complain)
    for m in _contact_unit().finditer(text, letter.folded):
        found = authorities.unit_at(text, m.end())
        if found and not any(a.start == m.end() for a in letter.authorities) \
                and not _KLAGE.search(contact.sentence_at(text, m.end())):
            info.unit, info.unit_span = found, (m.end(), m.end() + len(found))
            return


def _domains(letter: Letter, info: SenderInfo, votes: _Votes) -> None:
    """Votes for the authority whose domain an e-mail or web address is on: on a sender line, or in a sentence where
    the letter speaks of itself ("vores hjemmeside"); not in a sentence about complaining."""
    text = letter.text
    on_sender_line = letter.once(contact.on_sender_line)  # (info.lines are the letter's sender lines)
    for start, end, value in contact.addresses(letter):
        a = authorities.by_domain(value)
        if a is None:
            continue
        if on_sender_line(start):
            votes.add(from_authority(a), (start, end), W_DOMAIN_LINE, "domain", value)
            continue
        sentence = contact.sentence_at(text, start)
        if _KLAGE.search(sentence):
            continue
        if contact.speaks_of_itself(sentence):
            votes.add(from_authority(a), (start, end), W_DOMAIN_OWN, "domain", value)
        elif _ASKS_CONTACT.search(sentence):
            votes.add(from_authority(a), (start, end), W_DOMAIN_CONTACT, "domain", value)


def _body(letter: Letter, votes: _Votes) -> None:
    """Votes for the authorities that act in the letter's sentences or hold its view."""
    text = letter.text
    lead_start, lead_end = letter.lead
    on_sender_line = letter.once(contact.on_sender_line)
    # (in the klagevejledning, the bodies named are where to complain: "Om du fritages, er Planklagenævnet …"; but a
    # municipality or region acting there is the one that decided, since complaints go through it: "Når klagen er
    # indgivet, vurderer Lolland Kommune …". The region also takes in the block around a past complaint.)
    in_klage = contact.inside(letter.once(klage_region)) if letter.authorities else None
    for m in letter.authorities:
        local = m.authority.kind in ("municipality", "region")
        if on_sender_line(m.start) or (not local and in_klage(m.start)):
            continue
        after = m.end
        if m.genitive:
            found = authorities.unit_after(text, m.end)  # "Aarhus Kommunes Kørselskontor har …"
            if found:
                pos = text.find(found, m.end)
                after = pos + len(found) if pos != -1 else m.end
            elif _OPINION.search(text, max(0, m.start - 12), m.start) and _OPINION_AFTER.match(text, m.end):
                if not _KLAGE.search(contact.sentence_at(text, m.start)):
                    votes.add(from_match(m), (m.start, m.end), W_OPINION, "body", text[m.start:m.end], body=True)
                continue
            elif lead_start <= m.start < lead_end and (m.start == 0 or text[m.start - 1] == "\n") \
                    and _OWN_DOCUMENT.match(text, m.end):
                # a heading that opens with the authority's own document: "Ankestyrelsens principafgørelse M-9-08 om …"
                votes.add(from_match(m), (m.start, m.end), W_ACTOR_LEAD, "body", text[m.start:m.end], body=True)
                continue
            else:
                continue
        actor = _verb_after().match(text, after) is not None or (
            not m.genitive and _subject_after_verb(text, m.start))
        if not actor or (not local and _KLAGE.search(contact.sentence_at(text, m.start))):
            continue
        weight = W_ACTOR_LEAD if lead_start <= m.start < lead_end else W_ACTOR
        votes.add(from_match(m), (m.start, m.end), weight, "body", text[m.start:m.end], body=True)


def _actor_in_opening(letter: Letter, info: SenderInfo) -> None:
    """The opening paragraphs may name the sender as the actor, also by the shape of its name only: "Eksempelby
    Kommune har …"."""
    s, e = letter.lead
    for m in _actor().finditer(letter.text, s, e):
        org = match_organisation(m.group(1), letter.names_in(m.start(1), m.end(1)))
        if org is not None and m.group(1).strip().endswith(org.name.split()[-1]) \
                and not _KLAGE.search(contact.sentence_at(letter.text, m.start(1) + org.start)):
            info.organisation = org
            info.org_span = (m.start(1) + org.start, m.start(1) + org.end)
            info.evidence = [{"source": "body", "text": org.name[:60], "weight": W_ACTOR_LEAD}]
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
            info.organisation = Organisation(org.name, org.kind, org.known, authority=org.authority)
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
                info.organisation = Organisation(org.name, org.kind, org.known, authority=org.authority)
    for key in ("phone", "email", "person"):
        value = str(meta.get(key) or "").strip()
        if value and getattr(info, key) is None:
            setattr(info, key, value)
            info.from_meta = True
