"""Merge values in a letter: the parts a letter system fills in per recipient (names, dates, amounts, numbers, CPR
numbers, addresses, case numbers, e-mail addresses, phone numbers, times), found by their shape and cue words.

Two letters from the same template differ in little else, so the batch audit groups letters by their text with merge
values replaced by placeholders (lixcheck.batch.templates), and shows a template's representative letter masked. A
cache keyed by content can key on ``mask(text).text`` in the same way; ``Masked.values`` says which spans of the
original were replaced (and by which kind of value), ``Masked.spans`` where their placeholders are, and
``Masked.to_masked`` maps offsets, so a result for the masked text can be checked against, or mapped back to, a letter.

    >>> m = mask("Kære Jens Hansen\\n\\nDu får 1.250 kr. den 3. maj 2025. Ring på 89 40 12 34.")
    >>> m.text
    'Kære «navn»\\n\\nDu får «beløb» kr. den «dato». Ring på «telefon».'
    >>> [(v.kind, v.start, v.end) for v in m.values]
    [('name', 5, 16), ('amount', 25, 30), ('date', 39, 50), ('phone', 60, 71)]
    >>> m.to_masked(31)  # an offset in the original text → the same place in the masked text
    28

What is found is found by shape, so it errs both ways: a name in the middle of a sentence without a cue word ("til
Jens Hansen") is not found, and a street name that a template mentions is masked like a recipient's address. Law
references stay (``§ 81, stk. 1``), and so do short numbers (``inden 4 uger``), URLs and template text in general.
``find()`` never raises and works on any text; it is pure (no state, no I/O).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

# The Danish word in a placeholder, per kind: «navn», «dato» …
LABELS = {
    "name": "navn",
    "cpr": "cpr-nummer",
    "email": "e-mail",
    "date": "dato",
    "time": "klokkeslæt",
    "amount": "beløb",
    "phone": "telefon",
    "reference": "nummer",
    "number": "tal",
    "address": "adresse",
    "postal": "by",
}
KINDS = tuple(LABELS)


@dataclass(frozen=True, slots=True)
class MergeValue:
    start: int  # offsets into the original text
    end: int
    kind: str  # one of KINDS


_MONTH = (r"(?:januar|februar|marts|april|maj|juni|juli|august|september|oktober|november|december"
          r"|jan|feb|mar|apr|jun|jul|aug|sep|sept|okt|nov|dec)\.?")
_NAME_WORD = r"[A-ZÆØÅ][a-zæøåéüöä]+(?:-[A-ZÆØÅ][a-zæøåéüöä]+)?"
# How Danish street names end ("Søndergade", "Søren Frichs Vej", "Engtoften"): a capitalised word followed by a house
# number is an address only when it ends like this, or when a postcode follows.
_STREET_END = re.compile(
    r"(?:gade|vej|vejen|allé|alle|boulevard|plads|pladsen|torv|torvet|stræde|vænge|vænget|parken|park|toften|"
    r"tofte|toft|højen|høj|bakken|bakke|haven|have|engen|eng|marken|mark|stien|sti|gården|gård|dalen|dal|holm|"
    r"lunden|lund|strand|kæret|kær|broen|bro|hegnet|hegn|løkken|løkke|ager|agre|bjerget|bjerg|skoven|skov|søen|"
    r"ringen|ring|porten|port|kajen|kaj|møllen|mølle|banke|kvarter|huse|sletten|slette|krogen|krog|passage|"
    r"promenade|vangen|vang)$")


def street_ending(word: str) -> str | None:
    """The ending that makes ``word`` a Danish street name ("Søndergade" → "gade"), or None."""
    m = _STREET_END.search(word.lower())
    return m.group() if m else None


_POSTCODE_AFTER = re.compile(r",?\s\d{4}\s[A-ZÆØÅ]")
_FLOOR_AFTER = re.compile(r",?\s?(?:\d{1,2}\.?\s?(?:sal|th|tv|mf)\b\.?|st\.?(?:\s?(?:th|tv)\b)?\.?)")
_STREET_BEFORE = re.compile(rf"(?<![\w-])((?:{_NAME_WORD}[ \t]){{0,3}}{_NAME_WORD})[ \t]$")

# Every merge value that is found by its shape holds a digit, so _DIGITS is tried only where a run of digits starts
# (found by a plain scan: a pattern of many branches tried at every position costs ten times more); what stands
# before a match decides the rest (a "kl." before a time, a street name before a house number).
_DIGITS = re.compile(
    r"(?P<cpr>\d{6}[-‐‑– ]?\d{4}(?!\d))"
    r"|(?P<date>\d{1,2}\.\s?" + _MONTH + r"(?:\s\d{4})?(?!\w)"
    r"|\d{1,2}[./-]\d{1,2}[./-](?:\d{4}|\d{2})(?![\d/-])|\d{4}-\d{2}-\d{2}(?!\d))"
    r"|(?P<phone>(?:45\s?)?\d{2}\s\d{2}\s\d{2}\s\d{2}(?!\s?\d|[.,]\d))"
    r"|(?P<amount>(?:\d{1,3}(?:\.\d{3})+|\d+)(?:,\d{1,2}|,-)?(?=\s?(?:kr\b|kr\.|kroner|DKK|,-)))"
    r"|(?P<time>\d{1,2}[.:]\d{2}(?!\d|[.:]\d))"
    r"|(?P<postal>\d{4}\s" + _NAME_WORD + r"(?:\s(?:[A-ZÆØÅ]\b|" + _NAME_WORD + r"))?)"
    r"|(?P<token>\d[\w./-]*\w|\d)"
)
_DIGIT_RUN = re.compile(r"\d+")
_THOUSANDS = re.compile(r"\d{1,3}(?:\.\d{3})+(?:,\d+)?")
_HOUSE_NUMBER = re.compile(r"\d{1,4}[A-Za-z]?")
# Template text, not merge values: law references (§ 81, stk. 2, nr. 3), chapters, weeks.
_KEEP_BEFORE = re.compile(r"(?:§§?|\b(?:stk|nr|pkt|litra|kapitel|kap|bilag|afsnit|uge|kl|klokken))\.?\s?$",
                          re.IGNORECASE)
_TIME_CUE = re.compile(r"\b(?:kl|klokken)\.?\s?$", re.IGNORECASE)
_AMOUNT_AFTER = re.compile(r"(?:\d{1,3}(?:\.\d{3})+|\d+)(?:,\d{1,2}|,-)?")
_AMOUNT_CUE = re.compile(r"\b(?:kr|DKK)\.?\s?$")
_EMAIL = re.compile(r"@[\w-]+(?:\.[\w-]+)+")
_EMAIL_LOCAL = re.compile(r"[\w.+-]+$")
_URL_PART = re.compile(r"(?:https?://|www\.)\S*$|[\w-]\.(?:dk|com|org|net|eu|nu)/\S*$", re.IGNORECASE)

_SALUTATION = re.compile(
    rf"(?:Kære|Hej|Til|Dear)[ \t]+(?P<name>{_NAME_WORD}(?:[ \t]+(?:og[ \t]+)?{_NAME_WORD}){{0,5}})"
    r"[ \t]*[,!]?[ \t]*(?=\r?\n|$)")
_CLOSINGS = ("med venlig hilsen", "venlig hilsen", "med venlige hilsner", "venlige hilsner", "mvh", "mvh.",
             "hilsen", "med venlig hilsen og god dag")
_PERSON_LINE = re.compile(
    rf"(?P<name>{_NAME_WORD}(?:[ \t]+(?:{_NAME_WORD}|[A-ZÆØÅ]\.|von|van|de)){{1,3}})[ \t]*(?=\r?\n|$|,|\s[-–]\s)")
# Words after which a person's name often follows ("ringe til Jens Hansen", "sagsbehandler Anne Holm").
_CUES = ("sagsbehandler", "kontaktperson", "rådgiver", "konsulent", "ringe til", "skrive til", "kontakte",
         "hedder", "navn:")
_NAMES_AFTER = re.compile(rf"[ \t]+(?P<name>{_NAME_WORD}(?:[ \t]+{_NAME_WORD}){{1,3}})")
# A capitalised word that names an organisation or a place, not a person ("ringe til Jobcenter Aarhus").
_ORG_WORD = re.compile(
    r"(?:kommune|kommunes|region|regionen|styrelsen|styrelse|nævnet|nævn|center|centret|centeret|skole|skolen|"
    r"forvaltning|forvaltningen|afdeling|afdelingen|jobcenter|borgerservice|service|team|ydelser|sekretariatet|"
    r"rådhus|rådhuset|danmark|aarhus|kredsløb|post|plejehjem|børnehave|vuggestue|hospital|hospitalet|klinik|"
    r"klinikken|politi|politiet|retten|pension|kontor|kontoret|digital)$", re.IGNORECASE)


def _is_person(name: str) -> bool:
    return not any(_ORG_WORD.match(w) for w in name.split())


def _names(text: str, lower: str) -> list[MergeValue]:
    """Names by their place: after a salutation at the start of a line, on the first line after the closing, after
    a cue word."""
    out = []
    for m in _SALUTATION.finditer(text):
        line_start = text.rfind("\n", 0, m.start()) + 1
        if not text[line_start:m.start()].strip():
            out.append(MergeValue(m.start("name"), m.end("name"), "name"))
    pos = lower.find("hilsen") if "hilsen" in lower else lower.find("mvh")
    while pos >= 0:
        line_start = lower.rfind("\n", 0, pos) + 1
        line_end = lower.find("\n", pos)
        line_end = len(lower) if line_end < 0 else line_end
        if lower[line_start:line_end].strip(" \t\r,") in _CLOSINGS:
            after = line_end
            while after < len(text) and text[after] in " \t\r\n":
                after += 1
            p = _PERSON_LINE.match(text, after)
            if p and _is_person(p.group("name")):
                out.append(MergeValue(p.start("name"), p.end("name"), "name"))
        pos = lower.find("hilsen", line_end) if "hilsen" in lower else -1
    for cue in _CUES:
        at = lower.find(cue)
        while at >= 0:
            if at == 0 or not lower[at - 1].isalnum():
                m = _NAMES_AFTER.match(text, at + len(cue))
                if m and _is_person(m.group("name")):
                    out.append(MergeValue(m.start("name"), m.end("name"), "name"))
            at = lower.find(cue, at + len(cue))
    return out


def _emails(text: str) -> list[MergeValue]:
    out = []
    for m in _EMAIL.finditer(text):
        local = _EMAIL_LOCAL.search(text, max(0, m.start() - 64), m.start())
        if local and local.group().strip("."):
            end = m.end() - 1 if text[m.end() - 1] == "." else m.end()
            out.append(MergeValue(local.start(), end, "email"))
    return out


def _shapes(text: str, taken: list[MergeValue]) -> list[MergeValue]:
    """Merge values found by their shape, outside the spans in ``taken`` (sorted)."""
    out = []
    last_end = 0
    t = 0  # next span in taken
    for run in _DIGIT_RUN.finditer(text):
        start = run.start()
        if start < last_end:
            continue
        m = _DIGITS.match(text, start)
        kind = m.lastgroup
        end = m.end()
        while t < len(taken) and taken[t].end <= start:
            t += 1
        if t < len(taken) and taken[t].start < end:
            continue  # inside an e-mail address or a name
        before = text[start - 1] if start else " "
        if before.isalpha() or before == "_":
            kind = "token"  # the digits are part of a word: a reference like "P20-1-24" or a name like "CO2"
            while start > 0 and (text[start - 1].isalnum() or text[start - 1] in "./-_"):
                start -= 1
            if text[start] in "./-":
                start += 1
        elif before.isdigit() or before in "/=?&#:" or (before in ".,-" and start > 1 and text[start - 2].isdigit()):
            continue  # the rest of a longer number, or part of a URL
        if kind == "token" or kind == "time":
            value = text[start:end]
            head = text[max(0, start - 12):start]
            if kind == "time":
                if _TIME_CUE.search(head):
                    out.append(MergeValue(start, end, "time"))
                continue
            if _URL_PART.search(text, max(0, start - 40), end):
                continue
            if _AMOUNT_CUE.search(head):  # kr. 3.400,00
                end = _AMOUNT_AFTER.match(text, start).end()
                out.append(MergeValue(start, end, "amount"))
                last_end = end
                continue
            if len(value) <= 7 and _KEEP_BEFORE.search(head):
                continue  # § 81, stk. 2, kl. 9-15
            if value.isdigit() and len(value) >= 3 or _THOUSANDS.fullmatch(value):
                out.append(MergeValue(start, end, "number"))
                last_end = end
                continue
            if _HOUSE_NUMBER.fullmatch(value) and before == " ":
                street = _STREET_BEFORE.search(text, max(0, start - 80), start)
                if street and (_STREET_END.search(street.group(1).split()[-1].lower())
                               or _POSTCODE_AFTER.match(text, end)):
                    floor = _FLOOR_AFTER.match(text, end)
                    end = floor.end() if floor else end
                    out.append(MergeValue(street.start(1), end, "address"))
                    last_end = end
                continue
            if len(value) >= 5 and (sum(c.isdigit() for c in value) >= 4 or any(c.isalpha() for c in value)):
                out.append(MergeValue(start, end, "reference"))
                last_end = end
            continue
        if kind == "phone" and before == "+":
            start -= 1
        out.append(MergeValue(start, end, kind))
        last_end = end
    return out


def find(text: str) -> list[MergeValue]:
    """The merge values of ``text``, sorted by position, never overlapping (names found by their place and e-mail
    addresses win over the shapes inside them)."""
    lower = text.lower()
    taken = _emails(text) if "@" in text else []
    names = _names(text, lower)
    if names:
        taken = sorted(set(taken + names), key=lambda v: (v.start, -v.end))
        taken = [v for i, v in enumerate(taken) if i == 0 or v.start >= taken[i - 1].end]
    if not taken:
        return _shapes(text, taken)
    return sorted(taken + _shapes(text, taken), key=lambda v: v.start)


def placeholder(kind: str) -> str:
    return f"«{LABELS[kind]}»"


@dataclass(frozen=True, slots=True)
class Masked:
    """A text with its merge values replaced by placeholders.

    ``values`` are the replaced spans in the original text; ``spans`` the placeholders' spans in ``text``, in the
    same order. ``to_masked`` maps an offset in the original to the masked text (an offset inside a replaced value
    maps to the start of its placeholder)."""

    text: str
    values: tuple[MergeValue, ...]
    spans: tuple[tuple[int, int], ...]

    def to_masked(self, offset: int) -> int:
        shift = 0
        for v, (s, e) in zip(self.values, self.spans, strict=True):
            if offset < v.start:
                break
            if offset < v.end:
                return s
            shift = e - v.end
        return offset + shift


def mask(text: str, values: list[MergeValue] | None = None) -> Masked:
    """``text`` with every merge value (``find(text)`` unless given) replaced by its placeholder («navn» …)."""
    if values is None:
        values = find(text)
    parts = []
    spans = []
    pos = 0
    length = 0
    for v in values:
        parts.append(text[pos:v.start])
        length += v.start - pos
        p = placeholder(v.kind)
        parts.append(p)
        spans.append((length, length + len(p)))
        length += len(p)
        pos = v.end
    parts.append(text[pos:])
    return Masked("".join(parts), tuple(values), tuple(spans))
