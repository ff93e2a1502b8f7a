"""Danish public authorities as data: who a domain, an e-mail address or a name in a text belongs to.

The data (data/authorities.yml, shape in authorities.schema.json) holds the 98 municipalities, the 5 regions and
the state authorities with their web and e-mail domains, and the vocabulary of units ("Kørselskontoret", "Center
for …"). This module only looks things up; it knows nothing of letters or findings:

- by_domain("borgerservice@aarhus.dk") → Aarhus Kommune (e-mail, URL, mailto: or bare host; subdomains too)
- by_name(text) → every authority named in a text, with its span and whether the name stands in the genitive
- Names(text) → by_name of a text, and of any slice of it from the same scan (a letter and its lines)
- unit_after(text, end) → the unit right after a name ("Aarhus Kommunes Kørselskontor" → "Kørselskontor")

Names are found in one pass of one Aho-Corasick automaton over the lower-cased text (pyahocorasick; str.find for
each name when it is missing: the same hits, some 30 times slower), then kept where they are whole words and,
for the names that need it, where their case fits: a name of two or more words matches in any case ("styrelsen
for patientsikkerhed"), a one-word name with its own capitals or in capitals ("Forsvaret", "FORSVARET", not the
participle "forsvaret"), an acronym exactly. A 400-word letter costs some 30 µs (the automaton's scan is most
of it). Where names overlap, the longest wins. Plugins add authorities through the entry point group
``lixcheck.letter_data`` (a folder holding an authorities.yml of the same shape, validated against the schema).
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any, NamedTuple

from .. import yamldata
from ..errors import ConfigError
from . import data as gazetteer

try:
    import ahocorasick
except ImportError:  # a platform without its wheel: str.find for each name (the same hits, slower)
    ahocorasick = None

DATA = Path(__file__).resolve().parent.parent / "data" / "authorities.yml"
SCHEMA = DATA.with_name("authorities.schema.json")
KINDS = ("municipality", "region", "ministry", "agency", "board", "court", "police", "other_state")

_ANY_CASE, _OWN_CASE, _EXACT = 0, 1, 2  # how a name's case must fit (see the module docstring)
_APOSTROPHES = ("'", "’")
_SPACES = "\t\n\r\x0b\x0c\xa0\u2009\u202f\u2028\u2029"  # read as plain spaces inside names
_HOST = re.compile(r"[0-9a-zæøåäöüé.-]+")
_HYPHEN_IN_NAME = re.compile(r"(?<=\w)-(?=[A-ZÆØÅ])")  # "Høje-Taastrup" is also written "Høje Taastrup"


@dataclass(frozen=True, slots=True)
class Authority:
    name: str
    kind: str  # one of KINDS
    aliases: tuple[str, ...] = ()
    acronyms: tuple[str, ...] = ()
    web: tuple[str, ...] = ()
    mail: tuple[str, ...] = ()
    parent: str | None = None  # the ministry or umbrella authority, by name
    region: str | None = None  # municipalities: their region
    code: str | None = None  # municipalities: the kommunekode
    status: str = "current"  # or "former"
    source: tuple[str, ...] = ()

    @property
    def genitive(self) -> str:
        return genitive(self.name)

    @property
    def domains(self) -> tuple[str, ...]:
        return tuple(dict.fromkeys(self.web + self.mail))

    @property
    def state(self) -> bool:
        return self.kind not in ("municipality", "region")


class NameMatch(NamedTuple):
    authority: Authority
    start: int
    end: int
    genitive: bool


def genitive(name: str) -> str:
    """Danish genitive of a name: -s, or an apostrophe after s, x or z ("Nævnenes Hus'", "Retten i Aarhus'")."""
    return name + "'" if name[-1:].lower() in ("s", "x", "z") else name + "s"


# --- data --------------------------------------------------------------------------------------------------------


def _read(path: Path) -> dict[str, Any]:
    return yamldata.read_mapping(path, "authority data")


def validate(data: dict[str, Any], where: str = "authority data") -> None:
    """Raise ConfigError unless ``data`` fits authorities.schema.json."""
    import jsonschema

    validator = jsonschema.Draft202012Validator(json.loads(SCHEMA.read_text(encoding="utf-8")))
    error = jsonschema.exceptions.best_match(validator.iter_errors(data))
    if error is not None:
        path = "/".join(str(p) for p in error.absolute_path) or "(top)"
        raise ConfigError(f"{where}: {path}: {error.message}")


@cache
def data() -> dict[str, Any]:
    """The built-in data merged with the plugins' authorities.yml files (those are validated: the built-in file is
    validated by the tests)."""
    merged = _read(DATA)
    extra = [folder / "authorities.yml" for folder in gazetteer.plugin_folders()]
    for path in (p for p in extra if p.is_file()):
        merged = gazetteer.merge(merged, _read(path))
        validate(merged, f"{path} (merged with the built-in authorities)")
    return merged


def _authority(entry: dict[str, Any], kind: str) -> Authority:
    return Authority(
        name=entry["name"], kind=kind, aliases=tuple(entry.get("aliases") or ()),
        acronyms=tuple(entry.get("acronyms") or ()), web=tuple(entry.get("web") or ()),
        mail=tuple(entry.get("mail") or ()), parent=entry.get("parent"), region=entry.get("region"),
        code=entry.get("code"), status=entry.get("status", "current"), source=tuple(entry["source"]))


@cache
def authorities() -> tuple[Authority, ...]:
    """Every authority: municipalities, regions, then the state authorities, in the order of the data."""
    d = data()
    return (tuple(_authority(e, "municipality") for e in d["municipalities"])
            + tuple(_authority(e, "region") for e in d["regions"])
            + tuple(_authority(e, e["kind"]) for e in d["state"]))


@cache
def _by_name() -> dict[str, Authority]:
    index: dict[str, Authority] = {}
    for a in authorities():
        for n in (a.name, *a.aliases):
            index.setdefault(n.casefold(), a)
    return index


def get(name: str) -> Authority | None:
    """The authority with this official name or alias (any case), or None."""
    return _by_name().get(" ".join(name.split()).casefold())


def parent(authority: Authority) -> Authority | None:
    return get(authority.parent) if authority.parent else None


# --- domains -----------------------------------------------------------------------------------------------------


@cache
def _domain_index() -> tuple[dict[str, Authority], frozenset[str]]:
    index: dict[str, Authority] = {}
    for a in authorities():
        for d in a.domains:
            index.setdefault(d, a)
    return index, frozenset(data()["non_identifying_domains"]["domains"])


def host(value: str) -> str | None:
    """The host name in an e-mail address, a URL (with or without scheme), a mailto: link or a bare host; lower-case,
    without "www." and with punycode labels decoded. None when there is none."""
    v = value.strip().strip("<>()[]{}\"'«»")
    if v[:7].lower() == "mailto:":
        v = v[7:]
    if "@" in v:
        v = v.rsplit("@", 1)[1]
    elif "://" in v:
        # the host between "://" and the path, without user and port (not urllib's urlsplit: its cache would keep
        # the letters' addresses in the process)
        v = re.split(r"[/?#]", v.split("://", 1)[1], maxsplit=1)[0].rsplit("@", 1)[-1].split(":", 1)[0]
    m = _HOST.match(v.lower())
    if not m:
        return None
    h = m.group().strip(".-")
    if "xn--" in h:
        try:
            h = h.encode("ascii").decode("idna")
        except UnicodeError:
            return None
    if h.startswith("www."):
        h = h[4:]
    return h if "." in h else None


def is_portal(value: str) -> bool:
    """True for a shared portal (borger.dk, virk.dk, mitid.dk …): it does not say who wrote."""
    h = host(value)
    portals = _domain_index()[1]
    return h is not None and any(".".join(h.split(".")[i:]) in portals for i in range(h.count(".")))


def by_domain(value: str) -> Authority | None:
    """The authority a domain, e-mail address or URL belongs to ("www.kk.dk", "mailto:x@aarhus.dk",
    "https://mitgaeldsoverblik.gaeldst.dk/sti"); None for unknown domains and for shared portals (borger.dk …)."""
    h = host(value)
    if h is None:
        return None
    index, portals = _domain_index()
    labels = h.split(".")
    for i in range(len(labels) - 1):  # the most specific known suffix: "selvbetjening.trafikstyrelsen.dk" …
        suffix = ".".join(labels[i:])
        if suffix in portals:
            return None
        if suffix in index:
            return index[suffix]
    return None


# --- names -------------------------------------------------------------------------------------------------------


class _Key(NamedTuple):
    authority: Authority
    form: str  # the name as written in the data (its genitive, for genitive keys)
    genitive: bool
    mode: int  # _ANY_CASE, _OWN_CASE or _EXACT


def _spellings(name: str) -> list[str]:
    out = [name]
    spaced = _HYPHEN_IN_NAME.sub(" ", name)
    if spaced != name:
        out.append(spaced)
    return out


def _name_keys(a: Authority):
    for written in (a.name, *a.aliases):
        for form in _spellings(written):
            mode = _ANY_CASE if " " in form else _OWN_CASE
            yield _Key(a, form, False, mode)
            g = genitive(form)
            for gen in ((g, g[:-1] + "’") if g.endswith("'") else (g,)):
                yield _Key(a, gen, True, mode)
    for acr in a.acronyms:
        yield _Key(a, acr, False, _EXACT)
        for gen in (acr + "s", *(acr + q + "s" for q in _APOSTROPHES)):
            yield _Key(a, gen, True, _EXACT)


@cache
def _keys() -> dict[str, tuple[_Key, ...]]:
    """Lower-cased form → the names it may be (one, unless two authorities share a spelling)."""
    keys: dict[str, list[_Key]] = {}
    for a in authorities():
        for k in _name_keys(a):
            same = keys.setdefault(k.form.lower(), [])
            if k not in same:
                same.append(k)
    return {form: tuple(ks) for form, ks in keys.items()}


@cache
def _automaton():
    if ahocorasick is None:
        return None
    automaton = ahocorasick.Automaton()
    for form, ks in _keys().items():
        automaton.add_word(form, (len(form), ks))
    automaton.make_automaton()
    return automaton


def _lowered(text: str) -> str:
    """text.lower() with every space character a plain space, of the same length as text (offsets stay valid)."""
    low = text.lower()
    if len(low) != len(text):  # "İ" and a few others lower-case to two characters: keep the first ("i")
        low = "".join(c.lower()[0] for c in text)
    if "ſ" in low:  # the long s is an s (as re's IGNORECASE reads it)
        low = low.replace("ſ", "s")
    for c in _SPACES:  # str.replace per character: a tenth of str.translate's time on a letter
        if c in low:
            low = low.replace(c, " ")
    return low


def _found(low: str):
    """Without pyahocorasick: every occurrence of every name by str.find (the same hits as the automaton's)."""
    for form, ks in _keys().items():
        i = low.find(form)
        while i >= 0:
            yield i, i + len(form), ks
            i = low.find(form, i + 1)


def _in_word(c: str) -> bool:
    return c.isalnum() or c == "_"


def _fits(k: _Key, written: str) -> bool:
    if k.mode == _ANY_CASE:
        return True
    if "ſ" in written:
        written = written.replace("ſ", "s")
    if written == k.form:
        return True
    return k.mode == _OWN_CASE and written == k.form.upper()


def _candidates(text: str, low: str):
    """(start, end, key) of every whole-word occurrence of a name whose case fits; overlapping ones included."""
    n = len(text)
    automaton = _automaton()
    hits = ((end + 1 - length, end + 1, ks) for end, (length, ks) in automaton.iter(low)) if automaton is not None \
        else _found(low)
    for start, end, ks in hits:
        if (start and _in_word(text[start - 1])) or (end < n and _in_word(text[end])):
            continue
        written = text[start:end]
        for k in ks:
            if _fits(k, written):
                yield start, end, k
                break


def _longest_first(c: tuple[int, int, _Key]) -> tuple[int, int]:
    return c[0] - c[1], c[0]


def _resolve(found: list[tuple[int, int, _Key]], offset: int = 0) -> list[NameMatch]:
    """The names that win where candidates (longest first) overlap, in text order (spans less ``offset``)."""
    taken: list[tuple[int, int, _Key]] = []
    for start, end, k in found:
        if all(end <= s or start >= e for s, e, _ in taken):
            taken.append((start, end, k))
    return [NameMatch(k.authority, s - offset, e - offset, k.genitive) for s, e, k in sorted(taken, key=lambda t: t[0])]


def by_name(text: str) -> list[NameMatch]:
    """Every authority named in ``text``: (authority, start, end, genitive), in text order. Whole words only; where
    two names overlap the longer one wins ("Aarhus Kommunes" over "Aarhus Kommune", "Region Syddanmark" over
    "Region Syd")."""
    return _resolve(sorted(_candidates(text, _lowered(text)), key=_longest_first))


@cache
def _edge_chars() -> tuple[frozenset[str], frozenset[str]]:
    """The first and the last characters of the lower-cased names."""
    forms = _keys()
    return frozenset(f[0] for f in forms), frozenset(f[-1] for f in forms)


class Names:
    """by_name() of a text (``matches``) and of any slice of it (``within``), from one scan of the whole text: a
    letter's lines and sentences are asked about one by one, and a scan of each cost more than the letter's."""

    __slots__ = ("text", "matches", "_low", "_found", "_sigma")

    def __init__(self, text: str):
        self.text = text
        self._low = _lowered(text)
        self._found = sorted(_candidates(text, self._low), key=_longest_first)
        self.matches = _resolve(self._found)
        self._sigma = "Σ" in text  # (the one letter whose lower-case form depends on the letters around it)

    def within(self, start: int, end: int) -> list[NameMatch]:
        """What by_name(text[start:end]) gives (spans relative to ``start``). The names wholly inside the slice are
        the slice's candidates, competing only with each other, unless the slice cuts a word where a name may
        start or end (then it is scanned on its own)."""
        text, low = self.text, self._low
        firsts, lasts = _edge_chars()
        if self._sigma or (start > 0 and _in_word(text[start - 1]) and low[start:start + 1] in firsts) or (
                end < len(text) and _in_word(text[end]) and low[end - 1:end] in lasts):
            return by_name(text[start:end])
        inside = [c for c in self._found if start <= c[0] and c[1] <= end]
        return _resolve(inside, start) if inside else []


# --- units -------------------------------------------------------------------------------------------------------

_CONNECTORS = frozenset({"og", "&", "for", "i", "til", "med", "af", "under"})
_SEPARATOR = re.compile(r"[ \t\xa0]*(?:[,/|–—:-][ \t\xa0]*|\r?\n[ \t\xa0]*)?")
# Where a unit's name ends: a stop character, a line break, or a dash between spaces (" – "). Written as one
# character class first, which the regex engine skips to (the alternation "[.;!?()\[\]\"«»]|\s[-–—]\s|\n" was
# tried at every character; a third of the instructions); a dash match starts one character before the dash.
_STOP = re.compile(r"[.;!?()\[\]\"«»\n\-–—](?:(?<=[^-–—])|(?<=\s[-–—])(?=\s))")
_DASHES = "-–—"
_WORD = re.compile(r"[\w&][\w&-]*")


@cache
def _units() -> tuple[frozenset[str], tuple[str, ...], tuple[str, ...], tuple[re.Pattern, ...], frozenset[str]]:
    u = data()["units"]
    try:
        patterns = tuple(re.compile(p) for p in u["patterns"])
    except re.error as e:
        raise ConfigError(f"authority data: units: bad regular expression: {e}") from None
    areas = tuple(sorted((a.casefold() for a in u["areas"]), key=len, reverse=True))
    suffixes = tuple(sorted(u["suffixes"], key=len, reverse=True))
    return frozenset(u["heads"]), suffixes, areas, patterns, frozenset(u["generic"])


@cache
def _multi_word_heads() -> tuple[str, ...]:
    return tuple(sorted((h for h in _units()[0] if " " in h), key=len, reverse=True))


def is_generic(name: str) -> bool:
    """True for a word that names an authority or unit without saying which ("Kommunen", "Styrelsen")."""
    return " ".join(name.split()).casefold() in _units()[4]


def _unit_word(word: str) -> bool:
    heads, suffixes, *_ = _units()
    w = word.casefold()
    # (w[3:] ends with a suffix: w ends with it and has 3+ characters before it; one C call for all the suffixes)
    return w in heads or w.endswith(suffixes, 3)


def unit_at(text: str, pos: int) -> str | None:
    """The unit whose name starts at ``pos`` ("Center for Børn og Familie", "Kørselskontoret", "Sundhed og Omsorg",
    "Jobcenter Aarhus"), or None when what starts there is not a unit."""
    stop = _STOP.search(text, pos)  # (searched in place: a copy of the rest of the letter per call is slow)
    if stop is None:
        line = text[pos:]
    else:
        end = stop.start()
        line = text[pos:end - 1 if text[end] in _DASHES else end]
    if not line or not (line[0].isupper() or line[0].isdigit()):
        return None
    heads, _, areas, patterns, _ = _units()
    best = ""  # the longest match, the first of equal ones (a loop: a generator into max() costs more than the matches)
    for p in patterns:
        m = p.match(line)
        if m is not None and m.end() > len(best):
            best = m.group()
    if best and not (len(best) < len(line) and line[len(best)].isalnum()):
        return best.rstrip(" ,&-")
    folded = line.casefold()
    # (one startswith() with the tuple says whether any can fit: most lines start with none)
    if folded.startswith(areas):
        for area in areas:
            if folded.startswith(area) and not (len(area) < len(line) and line[len(area)].isalnum()):
                return line[:len(area)]
    multi = _multi_word_heads()  # "Ungdommens Uddannelsesvejledning"
    if multi and folded.startswith(multi):
        for head in multi:
            if folded.startswith(head) and not (len(head) < len(line) and line[len(head)].isalnum()):
                return line[:len(head)]
    # (most lines fail on their first word: a word at the line's start is the first of the words below, and a unit
    # starts with a unit word or with a shortened compound; one test of it instead of reading the words)
    lead = _WORD.match(line)
    if lead is not None and not lead.group().endswith("-") and not _unit_word(lead.group()):
        return None
    words = []
    for m in _WORD.finditer(line.split(",", 1)[0]):
        w = m.group()
        if not (w[0].isupper() or w[0].isdigit() or w in _CONNECTORS) or len(words) == 8:
            break
        words.append(m)
    while words and words[-1].group() in _CONNECTORS:
        words.pop()
    if not words:
        return None
    first = words[0].group()
    # "Park- og Vejcenter", "Børne- og Familieafdelingen": a shortened compound takes its head from the last word
    if not (_unit_word(first) or (first.endswith("-") and len(words) >= 3 and words[1].group() in ("og", "&")
                                  and _unit_word(words[2].group()))):
        return None
    if first.endswith("-"):
        words = words[:3]
    return line[words[0].start():words[-1].end()]


def unit_after(text: str, end: int) -> str | None:
    """The unit named right after an authority's name ending at ``end``: "Aarhus Kommunes Kørselskontor",
    "Københavns Kommune, Borgerservice", "Region Hovedstaden\\nCenter for HR" → the unit, or None."""
    m = _SEPARATOR.match(text, end)
    return unit_at(text, m.end()) if m and m.end() > end else None
