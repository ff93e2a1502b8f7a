"""Who can send a letter: authority names, units and job titles, as lookups on a line of text.

The names of the 98 municipalities, the 5 regions and the main state senders, the words that make a line a unit
("Borgerservice", "Team Ydelser") or a job title ("sagsbehandler") are data (lixcheck/data/senders.yml). The sender
analysis (checks/sender/) reads the letter's lines with these lookups; the title detection (anatomy.title_block) asks
looks_like_sender() whether a heading is only the sender's name.

_register() is the one place that turns the data into names: a register of authorities (with their domains, say)
plugs in there.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from ..search.names import NameSearch, alternation
from ..search.prefilter import Guarded, refers_to_groups
from . import data

UNIT_SHAPE = re.compile(r"^[A-ZÆØÅ][\wæøå-]*(?:(?:,| og| &| for| i| til| med)? [A-ZÆØÅ][\wæøå-]*)*$")
UNIT_JOINED = re.compile(r" og | & |, ")
_DIGIT = re.compile(r"\d")


@dataclass(frozen=True, slots=True)
class Organisation:
    name: str
    kind: str  # municipality | region | state | other
    known: bool  # named in data/senders.yml (not only by shape)
    start: int = -1  # position of the match in the searched string
    end: int = -1

    @property
    def unit_required(self) -> bool:
        return self.kind in ("municipality", "region")


def _whole_words(alternation: str) -> str:
    return rf"(?<![\wæøå])(?:{alternation})(?![\wæøå])"


@dataclass(frozen=True)
class _Register:
    names: NameSearch  # the listed names and their aliases, case-insensitive
    acronyms: Guarded | None  # the acronyms the public knows (SKAT, UDK …), case-sensitive whole words
    entries: dict[str, tuple[str, str]]  # lower-cased name, or acronym → (official name, kind)
    shapes: Guarded | None  # names recognised by their shape ("Eksempelby Kommune"): one alternation, a group each
    shape_kinds: list[str]  # the kind of each shape (municipality | region | state)
    places: dict[str, str]  # town → its municipality


@cache
def _register() -> _Register:
    senders = data.load("senders")
    entries: dict[str, tuple[str, str]] = {}
    acronyms: dict[str, tuple[str, str]] = {}
    places: dict[str, str] = {}
    for munis in senders["municipalities"].values():
        for m in munis:
            entries[m.lower()] = (m, "municipality")
            place = re.sub(r"\s+(?:Regionskommune|Kommune)$", "", m)
            places[place] = m
            if place.endswith("s"):
                places[place[:-1]] = m
    for alias, m in (senders.get("municipality_aliases") or {}).items():
        entries[alias.lower()] = (m, "municipality")
    for r in senders["regions"]:
        entries[r.lower()] = (r, "region")
    for name, aliases in (senders.get("state") or {}).items():
        entries[name.lower()] = (name, "state")
        for a in aliases or []:
            if a.isupper():
                acronyms[a] = (name, "state")
            else:
                entries[a.lower()] = (name, "state")
    names = NameSearch(tuple(entries), _whole_words)
    acronym_search = Guarded(data.compiled(_whole_words(alternation(tuple(acronyms))), 0)) if acronyms else None
    shapes = senders.get("patterns") or []
    # One search for the leftmost shape (the first shape where several start there): what searching each shape and
    # keeping the leftmost gives, in one scan. (A group reference in a shape would change with its group number.)
    shape_search = Guarded(data.compiled("|".join(f"(?P<shape{i}>{p['regex']})" for i, p in enumerate(shapes)), 0)
                           ) if shapes and not any(refers_to_groups(p["regex"]) for p in shapes) else None
    return _Register(names, acronym_search, {**entries, **acronyms}, shape_search, [p["kind"] for p in shapes], places)


def _listed(entries: dict[str, tuple[str, str]], matched: str) -> tuple[str, str]:
    """The entry of a listed name as the case-insensitive regex matched it. Usually its lower-case form; but re also
    matches "ſ" to "s" and "İ" to "i", which lower() keeps apart ("Ankeſtyrelsen" made a KeyError)."""
    hit = entries.get(matched.lower())
    if hit is None:
        hit = next(v for k, v in entries.items()
                   if k == k.lower() and re.fullmatch(re.escape(k), matched, re.IGNORECASE))
    return hit


def match_organisation(text: str) -> Organisation | None:
    """The first authority named in ``text``: a listed one (or a listed acronym) first, else one recognised by its
    name's shape. Start and end are the name's place in ``text``."""
    register = _register()
    best = None
    m = register.names.search(text)
    if m:
        name, kind = _listed(register.entries, m.group(0))
        best = Organisation(name, kind, True, m.start(), m.end())
    if register.acronyms is not None:
        m = register.acronyms.search(text)
        if m and (best is None or m.start() < best.start):  # (a listed name wins where both start)
            name, kind = register.entries[m.group(0)]
            best = Organisation(name, kind, True, m.start(), m.end())
    if best is not None:
        return best
    m = register.shapes.search(text) if register.shapes is not None else None
    if m is None:
        return None
    kind = next(k for i, k in enumerate(register.shape_kinds) if m.group(f"shape{i}") is not None)
    return Organisation(m.group(0), kind, False, m.start(), m.end())


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
    return bool(_units().pattern.match(text.strip()))


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
    words = "|".join(map(re.escape, data.load("senders")["not_unit_words"]))
    return data.compiled(rf"(?<![\wæøå])(?:{words})(?![\wæøå])", re.IGNORECASE)


@cache
def _contact_line() -> Guarded:
    words = "|".join(data.load("senders")["contact"]["contact_line"])
    return Guarded(data.compiled(rf"\b(?:{words})\b|@|https?://", re.IGNORECASE))


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
    if len(text.split()) > 8 or _DIGIT.search(text) or _contact_line().search(text) or _not_unit().search(text):
        return False
    return bool(unit_word(text)) or bool(UNIT_SHAPE.match(text) and UNIT_JOINED.search(text))


def looks_like_sender(line: str) -> bool:
    """A line that only names the sender: an authority, maybe with its unit ("Aarhus Kommune, Borgerservice")."""
    org = match_organisation(line)
    if org is None:
        return False
    rest = (line[:org.start] + " " + line[org.end:]).strip(" ,.-–|/·")
    return not rest or is_unit(rest)
