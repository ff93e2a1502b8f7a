"""Who can send a letter: authority names, units and job titles, as lookups on a line of text.

The authorities themselves (the 98 municipalities, the 5 regions, the state authorities, with their aliases, acronyms
and domains) are the register of lixcheck/data/authorities.yml, read by authorities.py; names of authorities that are
not listed are recognised by their shape ("Eksempelby Kommune", "Styrelsen for Ting": lixcheck/data/senders.yml,
``patterns``). The words that make a line a unit ("Borgerservice", "Team Ydelser") or a job title ("sagsbehandler")
are data too (senders.yml). The sender analysis (checks/sender/) reads the letter's lines with these lookups; the
title detection (anatomy.title_block) asks looks_like_sender() whether a heading is only the sender's name.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from ..model import fast_constructor
from ..search.names import NameSearch, alternation, trie
from ..search.prefilter import Guarded, fold, refers_to_groups
from . import authorities, data
from .authorities import Authority, NameMatch

UNIT_SHAPE = re.compile(r"^[A-ZÆØÅ][\wæøå-]*(?:(?:,| og| &| for| i| til| med)? [A-ZÆØÅ][\wæøå-]*)*$")
UNIT_JOINED = re.compile(r" og | & |, ")
_DIGIT = re.compile(r"\d")


@dataclass(frozen=True, slots=True)
class Organisation:
    name: str
    kind: str  # municipality | region | state | other
    known: bool  # in the register (data/authorities.yml), not only recognised by shape
    start: int = -1  # position of the match in the searched string
    end: int = -1
    authority: Authority | None = None  # the register's entry, for a known authority
    genitive: bool = False  # named in the genitive ("Aarhus Kommunes Kørselskontor")

    @property
    def unit_required(self) -> bool:
        return self.kind in ("municipality", "region")


def kind_of(authority: Authority) -> str:
    """The sender kind of a registered authority: municipality, region or state (ministries, agencies, boards,
    courts, police and the other state bodies)."""
    return authority.kind if authority.kind in ("municipality", "region") else "state"


_organisation = fast_constructor(Organisation)  # Organisation(every field in order), without the frozen __init__'s
# object.__setattr__ per field (the sender analysis makes one per authority on a sender line and per vote)


def from_match(m: NameMatch, offset: int = 0) -> Organisation:
    """The Organisation of an authority found by authorities.by_name (``offset``: added to its span)."""
    a = m.authority
    return _organisation(a.name, kind_of(a), True, m.start + offset, m.end + offset, a, m.genitive)


def from_authority(a: Authority) -> Organisation:
    return _organisation(a.name, kind_of(a), True, -1, -1, a, False)


@dataclass(frozen=True)
class _Register:
    shapes: Guarded | None  # names recognised by their shape ("Eksempelby Kommune"): one alternation, a group each
    shape_kinds: list[str]  # the kind of each shape (municipality | region | state)
    places: dict[str, str]  # town → its municipality


@cache
def _register() -> _Register:
    places: dict[str, str] = {}
    for a in authorities.authorities():
        if a.kind != "municipality":
            continue
        for written in (a.name, *a.aliases):
            place = re.sub(r"\s+(?:Regionskommune|Kommune)$", "", written)
            places.setdefault(place, a.name)
            if place.endswith("s"):
                places.setdefault(place[:-1], a.name)
    shapes = data.load("senders").get("patterns") or []
    # One search for the leftmost shape (the first shape where several start there): what searching each shape and
    # keeping the leftmost gives, in one scan. (A group reference in a shape would change with its group number.)
    shape_search = Guarded(data.compiled("|".join(f"(?P<shape{i}>{p['regex']})" for i, p in enumerate(shapes)), 0)
                           ) if shapes and not any(refers_to_groups(p["regex"]) for p in shapes) else None
    return _Register(shape_search, [p["kind"] for p in shapes], places)


def by_shape(text: str) -> Organisation | None:
    """The first authority in ``text`` recognised only by the shape of its name ("Eksempelby Kommune")."""
    register = _register()
    m = register.shapes.search(text) if register.shapes is not None else None
    if m is None:
        return None
    kind = next(k for i, k in enumerate(register.shape_kinds) if m.group(f"shape{i}") is not None)
    return Organisation(m.group(0), kind, False, m.start(), m.end())


def match_organisation(text: str, found: list[NameMatch] | None = None) -> Organisation | None:
    """The first authority named in ``text``: a registered one (by name, alias or acronym, also in the genitive)
    first, else one recognised by its name's shape. Start and end are the name's place in ``text``. ``found``:
    authorities.by_name(text), where the caller has it (Letter.names_in, for a slice of a letter)."""
    if found is None:
        found = authorities.by_name(text)
    return from_match(found[0]) if found else by_shape(text)


def organisations_in(text: str) -> list[Organisation]:
    """Every registered authority named in ``text`` (in text order), else the first one recognised by shape."""
    found = authorities.by_name(text)
    if found:
        return [from_match(m) for m in found]
    org = by_shape(text)
    return [org] if org is not None else []


def municipality_by_place(text: str) -> str | None:
    """'Jobcenter Aarhus' → 'Aarhus Kommune' (a municipal unit named after its town)."""
    places = _register().places
    for token in re.findall(r"[A-ZÆØÅ][\wæøå-]+", text):
        if token in places:
            return places[token]
    return None


@cache
def _units() -> NameSearch:
    """The unit words, and words ending with a unit suffix ("Familieafdelingen"), as whole words."""
    senders = data.load("senders")
    suffixes, endings = senders["unit_suffixes"], senders["unit_endings"]
    suffix, ending = "|".join(map(re.escape, suffixes)), "|".join(map(re.escape, endings))
    words_ending = rf"[\wæøå]+(?:{suffix})(?:{ending})?(?![\wæøå])"
    return NameSearch(tuple(senders["unit_words"]), lambda words: rf"(?<![\wæøå])(?:{words})|{words_ending}",
                      endings=tuple(s + e for s in suffixes for e in ("", *endings)))


def unit_word(text: str):
    """The first unit word in ``text`` ("Borgerservice", "Familieafdelingen"), a match or None."""
    return _units().search(text)


def unit_only(text: str) -> bool:
    """'Familieafdelingen' is a unit even though 'rådgiver' style words may appear in longer unit names."""
    t = text.strip()
    m = _units().pattern.match(t)
    return m is not None and m.end() == len(t)  # ("Centerchef" starts like a unit and is a job title)


def _title_source(words: str) -> str:
    return rf"(?<![\wæøå])(?:{words})(?:en|e|er)?(?![\wæøå])"


@cache
def _titles() -> NameSearch:
    return NameSearch(tuple(data.load("senders")["titles"]), _title_source)


def job_title(text: str):
    """The first job title in ``text`` ("sagsbehandler", "Teamleder"), a match or None."""
    return _titles().search(text)


@cache
def _not_unit() -> re.Pattern:
    # (as a trie: re tries a word's first letters at each place, not all 22 words; a third of the instructions)
    words = trie(tuple(data.load("senders")["not_unit_words"]))
    return data.compiled(rf"(?<![\wæøå]){words}(?![\wæøå])", re.IGNORECASE)


@cache
def _not_unit_folded() -> re.Pattern | None:
    """_not_unit() without IGNORECASE, for a line as fold() lower-cases it (as _contact_line_folded), with the test
    of a word's start after its first letter: every alternative starts with a letter, which the regex engine skips to,
    where the lookbehind first was tried at every character. None where a word is not plain lower-case."""
    words = data.load("senders")["not_unit_words"]
    if not words or any(not w or w != w.lower() or w != fold(w) for w in words):
        return None
    groups: dict[str, list[str]] = {}
    for w in words:
        groups.setdefault(w[0], []).append(w[1:])
    alternatives = [rf"{re.escape(c)}(?<![\wæøå]{re.escape(c)}){trie(tuple(rest))}"
                    for c, rest in sorted(groups.items())]
    return data.compiled(rf"(?:{'|'.join(alternatives)})(?![\wæøå])", 0)


@cache
def _contact_line() -> re.Pattern:
    # (a plain pattern, not a Guarded one: it reads single lines, where folding the line and looking up the needles
    # cost more than the scan itself)
    words = "|".join(data.load("senders")["contact"]["contact_line"])
    return data.compiled(rf"\b(?:{words})\b|@|https?://", re.IGNORECASE)


@cache
def _contact_line_folded() -> re.Pattern | None:
    """_contact_line() without IGNORECASE, for a line as fold() lower-cases it: the same matches where the words have
    no upper-case letter (nor an upper-case escape such as \\W, nor an inline flag), at a third less cost (a
    case-insensitive regex folds each character it compares). None where a word has one."""
    words = data.load("senders")["contact"]["contact_line"]
    if any(w != w.lower() or "(?" in w for w in words):  # (an inline flag could turn the case back on)
        return None
    return data.compiled(rf"\b(?:{'|'.join(words)})\b|@|https?://", 0)


def is_contact_line(text: str, folded: str | None = None) -> bool:
    """A letterhead or signature line with contact details ("Tlf. 12 34 56 78", "E-mail: …", "www.…").
    ``folded``: fold(text), where the caller has it."""
    lower = _contact_line_folded()
    if folded is None and lower is not None:
        folded = fold(text)
    if folded is not None and lower is not None:
        return lower.search(folded) is not None
    return _contact_line().search(text) is not None


@cache
def _generic() -> re.Pattern:
    words = alternation(tuple(data.load("senders")["generic"]))
    return data.compiled(rf"^\s*(?:{words})\s*[.,]?\s*$", re.IGNORECASE)


def is_generic(line: str) -> bool:
    """A line that names an authority without saying which one: "Kommunen", "Styrelsen"."""
    return _generic().match(line) is not None


def is_unit(text: str) -> bool:
    """Does a short line name a unit (team, centre, department …)? 'Borgerservice', 'Team Ydelser',
    'Natur, Miljø og Trafik' (capitalised words joined by og/&/commas) — not a sentence or a title."""
    if len(text.split()) > 8 or _DIGIT.search(text):
        return False
    folded = fold(text)  # (once for both tests)
    not_unit = _not_unit_folded() if folded is not None else None
    if is_contact_line(text, folded) or (not_unit.search(folded) if not_unit is not None
                                         else _not_unit().search(text)):
        return False
    if (UNIT_SHAPE.match(text) and UNIT_JOINED.search(text)) or unit_word(text):  # (the cheaper test first)
        return True
    found = authorities.unit_at(text, 0)  # the register's unit names and patterns: "Park- og Vejcenter"
    return found is not None and len(found) >= len(text.strip(" ,.")) - 1


def looks_like_sender(line: str, found: list[NameMatch] | None = None) -> bool:
    """A line that only names the sender: an authority, maybe with its unit ("Aarhus Kommune, Borgerservice").
    ``found``: as for match_organisation."""
    org = match_organisation(line, found)
    if org is None:
        return False
    rest = (line[:org.start] + " " + line[org.end:]).strip(" ,.-–|/·")
    return not rest or is_unit(rest)
