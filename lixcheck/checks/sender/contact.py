"""How the reader gets in touch: phone numbers, e-mail, web and postal addresses, and a named contact person.

A contact detail counts only when it is the sender's: not one in a sentence about another authority (Ankestyrelsen's
address in the klagevejledning), not an address on another authority's domain (data/authorities.yml), not a link to
a shared portal (borger.dk, virk.dk) unless the letter asks the reader to write through it ("skriv til os via
borger.dk"). A postal address is the sender's when it follows the sender's name on the lines below it ("Miljøstyrelsen
/ Lyseng Allé 1 / 8270 Højbjerg") or stands in the signature or footer. Each pattern is searched through the search
layer, only where it can match: the phone patterns in the lines with a phone-shaped digit group, the others near
their literal strings.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Callable
from dataclasses import dataclass
from functools import cache

from ...letter import anatomy, authorities, data
from ...letter.authorities import Authority
from ...letter.organisations import Organisation, looks_like_sender, match_organisation, unit_word
from ...letter.view import Letter
from ...search import Anchored, Guarded, searcher

# A phone number needs a cue word nearby, or the "dd dd dd dd" shape, or its own line in the letterhead/signature.
PHONE_NUMBER = r"(?:\+45[\s.]?)?(?<![\d.,-])\d{2}[ .]?\d{2}[ .]?\d{2}[ .]?\d{2}(?!\d|[.,-]\d)"
# "dd dd dd dd" is how Danish letters write phone numbers; amounts, dates and CPR numbers never look like that.
PHONE_PAIRS = re.compile(r"(?:\+45 ?)?(?<![\d.,-])\d{2} \d{2} \d{2} \d{2}(?!\d|[.,-]\d| ?\d)")
PHONE_ALONE = re.compile(rf"^(?:[^\d\n]{{0,25}})({PHONE_NUMBER})\s*\.?$")
# Every phone number of the patterns above holds such a digit group (a scan for it skips to the digits).
PHONE_DIGITS = re.compile(r"\d\d[ .]?\d\d[ .]?\d\d[ .]?\d\d")
# In a text that fold() reads (Latin-1 and typographic punctuation) \d is [0-9] (tests/test_sender_search.py), and
# PHONE_DIGITS finds the same places in the text's character classes: its characters as bytes at the same offsets
# (Latin-1, "?" for a character it lacks: one byte each) mapped to "d" for 0-9, "s" for a space or a full stop, "x"
# for any other. There the literal start "dd" lets the regex engine skip to two digits in a row, where [0-9] costs a
# test of each character (half the instructions of the scan, with the mapping).
_PHONE_CLASSES = b"".join(b"d" if 0x30 <= i <= 0x39 else b"s" if i in b" ." else b"x" for i in range(256))
_PHONE_DIGITS_CLASSES = re.compile(rb"dds?dds?dds?dd")
NAME = r"[A-ZÆØÅ][a-zæøåéüö]+(?:-[A-ZÆØÅ][a-zæøåéüö]+)?"
# A sentence start: after [.!?] and white space before a capital letter, or after a blank line. (Written as one
# character class first, which the regex engine skips to; the same matches as "[.!?]\s+(?=[A-ZÆØÅ])|\n\s*\n".)
SENTENCE_START = re.compile(r"[.!?\n](?:(?<=[.!?])\s+(?=[A-ZÆØÅ])|(?<=\n)\s*\n)")
_SENTENCE_END = re.compile(r"[.!?](?:\s|$)")
_DIGIT = re.compile(r"\d")
_SPACES = re.compile(r"\s+")


@dataclass(frozen=True)
class _Searches:
    """The contact patterns, built once from the cue words of data/senders.yml (``contact``)."""

    phone_cue: Guarded | Anchored  # "Tlf. 12 34 56 78": tried only at the cue words
    email: Guarded | Anchored  # tried only in the run of characters before each "@"
    web: Guarded | Anchored
    digital_reply: Guarded | Anchored  # "skriv til os via Digital Post"
    contact_context: re.Pattern  # a sentence about getting in touch
    person_cue: Guarded  # "Din sagsbehandler er Anna Hansen"
    we: re.Pattern  # "vi", "os", "vores": the letter speaks of its sender
    send_to: re.Pattern  # "… sendes til:" right before an address block
    own_site: re.Pattern  # "vores hjemmeside"


def _words(cues: dict, key: str) -> str:
    return "|".join(cues[key])


@cache
def _searches() -> _Searches:
    cues = data.load("senders")["contact"]
    return _Searches(
        phone_cue=searcher(data.compiled(
            rf"\b(?:{_words(cues, 'phone_cues')})\b[^\n\d]{{0,40}}({PHONE_NUMBER})", re.IGNORECASE)),
        email=searcher(re.compile(r"(?<![\w.+-])[\w.+-]+@[\w-]+(?:\.[\w-]+)+(?<!\.)")),
        web=searcher(re.compile(r"\b(?:https?://\S+|www\.[\w-]+\.\w+\S*|[\w-]+\.dk/\S+|borger\.dk|mit\.dk)",
                                re.IGNORECASE)),
        digital_reply=searcher(data.compiled(
            rf"\b(?:{_words(cues, 'reply_verbs')})\b[^.\n]{{0,60}}\b(?:{_words(cues, 'reply_channels')})\b",
            re.IGNORECASE)),
        contact_context=data.compiled(rf"\b(?:{_words(cues, 'contact_words')})\b", re.IGNORECASE),
        # (the name itself is case-sensitive and stays on its line: "SAGSBEHANDLER: LVOSYD" names nobody)
        person_cue=Guarded(data.compiled(
            rf"\b(?:{_words(cues, 'person_roles')})\b(?:\s+(?:er|hedder))?[,:]?[ \t]+"
            rf"(?-i:((?:{NAME}[ \t]+){{1,3}}{NAME}))(?![\wæøå])", re.IGNORECASE)),
        send_to=data.compiled(
            rf"\b(?:{_words(cues, 'reply_verbs')}|{_words(cues, 'send_words')})\b[^.\n]{{0,60}}"
            r"\b(?:til|på|hos)\s*:?\s*$", re.IGNORECASE),
        own_site=data.compiled(rf"\b(?:vores|vor|vort)\s+(?:{_words(cues, 'own_site')})\b", re.IGNORECASE),
        we=data.compiled(rf"(?<![\wæøå])(?:{'|'.join(map(re.escape, data.load('senders')['we_words']))})(?![\wæøå])",
                         re.IGNORECASE),
    )


def about_another_authority(letter: Letter, pos: int, sender: Organisation | None) -> bool:
    """Is the contact detail at ``pos`` about another authority (e.g. Ankestyrelsen in the klagevejledning)? Its
    sentence, up to ``pos``, names an authority that is not the sender."""
    text = letter.text
    a = sentence_start(text, pos)
    org = match_organisation(text[a:pos], letter.names_in(a, pos))
    return org is not None and (sender is None or org.name != sender.name)


def phone_lines(text: str, foldable: bool = False) -> list[tuple[int, int, int]]:
    """(start, end, first) of the lines holding a phone-shaped digit group, ``first`` where the first such group
    starts; a line ending in "+45" goes with the next line (the one place where a phone number spans a line break).
    No phone number of the patterns lies outside them, and none crosses their ends. ``foldable``: fold(text) is
    not None."""
    if foldable:
        hay, search = text.encode("latin-1", "replace").translate(_PHONE_CLASSES), _PHONE_DIGITS_CLASSES.search
    else:
        hay, search = text, PHONE_DIGITS.search
    out = []
    pos = 0
    while (d := search(hay, pos)) is not None:
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


def find_phone(letter: Letter, sender: Organisation | None) -> str | None:
    """The sender's phone number: after a cue word ("Tlf. 12 34 56 78"), else in the "dd dd dd dd" shape, else alone
    on a letterhead or signature line."""
    text = letter.text
    lines = phone_lines(text, letter.folded is not None)
    phone_cue = _searches().phone_cue
    for a, b, _first in lines:
        for m in phone_cue.finditer(text, letter.folded, a, b):
            if not about_another_authority(letter, m.start(1), sender):
                return _squash(m.group(1))
    for a, b, first in lines:
        # (a match's digits are the line's first digit group or later, and "+45 " is at most 4 characters)
        for m in PHONE_PAIRS.finditer(text, max(a, first - 4), b):
            if not about_another_authority(letter, m.start(), sender):
                return _squash(m.group(0))
    for ln in letter.sender_lines:
        if any(a <= ln.start and ln.end <= b for a, b, _first in lines):
            m = PHONE_ALONE.match(ln.text)
            if m and not anatomy.is_reference_line(ln.text):
                return _squash(m.group(1))
    return None


def _related(a: Authority, b: Authority) -> bool:
    return a is b or a.parent == b.name or b.parent == a.name


def on_another_domain(value: str, sender: Organisation | None) -> bool:
    """Is the e-mail or web address on the domain of a registered authority other than the sender (or a shared
    portal)? Without a known sender, any registered authority's domain is another's: had the letter given it as its
    own, that authority would be the sender."""
    if authorities.is_portal(value):
        return True
    a = authorities.by_domain(value)
    if a is None:
        return False
    own = sender.authority if sender is not None else None
    return own is None or not _related(a, own)


def _emails(letter: Letter) -> list[re.Match]:
    """Every match of the e-mail search in the letter (searched once: the sender's domain and its e-mail both read
    them; use letter.once(_emails))."""
    return list(_searches().email.finditer(letter.text, letter.folded))


def _webs(letter: Letter) -> list[re.Match]:
    """Every match of the web-address search in the letter (searched once, as _emails)."""
    return list(_searches().web.finditer(letter.text, letter.folded))


def find_email(letter: Letter, sender: Organisation | None) -> str | None:
    for m in letter.once(_emails):
        if not on_another_domain(m.group(0), sender) and not about_another_authority(letter, m.start(), sender):
            return m.group(0)
    return None


def find_web(letter: Letter, sender: Organisation | None) -> str | None:
    """A way to reply digitally ("skriv til os via Digital Post"), else a web address the letter offers for contact:
    on a sender line, or in a sentence about getting in touch."""
    text, searches = letter.text, _searches()
    for search in (searches.digital_reply, searches.web):
        found = letter.once(_webs) if search is searches.web else search.finditer(text, letter.folded)
        for m in found:
            # (the cheap tests first; either one rules the match out)
            value = m.group(0).rstrip(".,;:)")
            if "@" in value or (search is searches.web and not _on_sender_line(letter, m.start())
                                and not _contact_sentence(_sentence(text, m.start()), value, sender)):
                continue
            # (a portal counts where the letter asks the reader to write through it: the digital_reply search)
            if search is searches.web and on_another_domain(value, sender):
                continue
            if about_another_authority(letter, m.start(), sender):
                continue
            return value
    return None


def _contact_sentence(sentence: str, value: str, sender: Organisation | None) -> bool:
    """A sentence about getting in touch ("Kontakt os på …"), or one that offers the sender's own web site as its
    own ("Gå ind på vores hjemmeside: www.kk.dk/rotter")."""
    if _searches().contact_context.search(sentence):
        return True
    if sender is None or sender.authority is None or not _searches().own_site.search(sentence):
        return False
    a = authorities.by_domain(value)
    return a is not None and _related(a, sender.authority)


def addresses(letter: Letter):
    """(start, end, address) of every e-mail and web address in the letter."""
    for web, found in ((False, letter.once(_emails)), (True, letter.once(_webs))):
        for m in found:
            value = m.group(0).rstrip(".,;:)")
            if web and "@" in value:
                continue
            yield m.start(), m.start() + len(value), value


def speaks_of_itself(sentence: str) -> bool:
    """Does the sentence speak of the sender as "vi", "os", "vores"?"""
    return _searches().we.search(sentence) is not None


def find_address(letter: Letter, sender: Organisation | None, org_span: tuple[int, int] | None) -> str | None:
    """The sender's postal address (its first line) where the letter offers it as a way to write: a postal line
    within the three lines below a line naming the sender, when the letter asks the reader to send something there
    ("Eventuel klage sendes til: / Miljøstyrelsen / C. F. Tietgens Boulevard 40") or the block also names the case
    handler or the journal number (a reply address: "STATSFORVALTNINGEN / Storetorv / Aabenraa / Sagsbehandler: …").
    A name and an address alone, as at the top of many letters, say where the office is, not how to reach it."""
    if sender is None:
        return None
    text = letter.text
    if sender.authority is not None:
        spans = [(m.start, m.end) for m in letter.authorities if m.authority is sender.authority and not m.genitive]
    else:
        spans = [org_span] if org_span else []
    for s, _e in spans:
        line_start = text.rfind("\n", 0, s) + 1
        line_end = text.find("\n", s)
        line_end = len(text) if line_end == -1 else line_end
        raw = text[line_start:line_end]
        line = raw.strip()
        first = line_start + len(raw) - len(raw.lstrip())
        if not looks_like_sender(line, letter.names_in(first, first + len(line))):
            continue  # a name inside a sentence
        lines = _block_lines_around(text, line_start, line_end)
        # (tests kept with the letter: the sender analysis asked most of them of its sender lines)
        address = next((ln for ln in lines["after"][:3] if letter.tested(anatomy.is_postal_line, ln)), None)
        if address is None:
            continue
        block = lines["before"] + lines["after"]
        if any(letter.tested(anatomy.is_info_line, ln) or letter.tested(anatomy.is_reference_line, ln)
               for ln in block) or \
                _searches().send_to.search(lines["lead_in"]):
            return address
    return None


def _block_lines_around(text: str, line_start: int, line_end: int) -> dict:
    """The non-blank lines of the block before and after the line text[line_start:line_end], and the text that
    leads into the block (its last 150 characters, up to the line)."""
    before: list[str] = []
    pos = line_start - 1
    while pos > 0:
        prev = text.rfind("\n", 0, pos) + 1
        line = text[prev:pos].strip()
        if not line:
            break
        before.insert(0, line)
        pos = prev - 1
    after: list[str] = []
    pos = line_end
    while pos < len(text):
        nxt = text.find("\n", pos + 1)
        nxt = len(text) if nxt == -1 else nxt
        line = text[pos + 1:nxt].strip()
        if not line:
            break
        after.append(line)
        pos = nxt
    return {"before": before, "after": after, "lead_in": text[max(0, line_start - 150):line_start]}


def find_person(letter: Letter) -> str | None:
    """A contact person named in the text: "Din sagsbehandler er Anna Hansen"."""
    m = _searches().person_cue.search(letter.text, letter.folded)
    if m and match_organisation(m.group(1), letter.names_in(m.start(1), m.end(1))) is None \
            and not unit_word(m.group(1)):
        return m.group(1)
    return None


def inside(spans) -> Callable[[int], bool]:
    """A test of whether an offset lies inside one of ``spans`` ((start, end) pairs, in any order, overlapping or
    not): a bisection of their union, where any() over the spans made a generator per offset tested (the sender
    analysis tests each authority and address of a letter against its sender lines and its klagevejledning)."""
    starts: list[int] = []
    ends: list[int] = []
    for s, e in sorted(spans):
        if s >= e:
            continue
        if ends and s <= ends[-1]:
            ends[-1] = max(ends[-1], e)
        else:
            starts.append(s)
            ends.append(e)

    def test(pos: int) -> bool:
        k = bisect_right(starts, pos) - 1
        return k >= 0 and pos < ends[k]

    return test


def on_sender_line(letter: Letter) -> Callable[[int], bool]:
    """Whether an offset lies on one of the letter's sender lines (use letter.once(on_sender_line))."""
    return inside((ln.start, ln.end) for ln in letter.sender_lines)


def _on_sender_line(letter: Letter, pos: int) -> bool:
    return letter.once(on_sender_line)(pos)


def sentence_at(text: str, pos: int) -> str:
    """The sentence around ``pos`` (from the last sentence start before it to the next sentence end or blank
    line)."""
    return _sentence(text, pos)


_CHUNK = 60


def sentence_start(text: str, pos: int) -> int:
    """Where the sentence that holds ``pos`` starts: the end of the last SENTENCE_START match in the 200 characters
    before ``pos``, or their start when none is there.

    Searched in chunks from ``pos`` back, each ending after a character that no match holds (neither white space
    nor [.!?]): no match runs over a chunk's end, so a chunk's matches are the ones a scan of all 200 characters finds
    there, and the first chunk with a match holds the last one. Most sentences start well within 200 characters:
    the regex engine tests each character of the scan against [.!?\n] (some 40 instructions a character)."""
    first = max(0, pos - 200)
    end = pos
    while True:
        a = max(first, end - _CHUNK)
        while a > first and (text[a - 1].isspace() or text[a - 1] in ".!?"):  # (\s is str.isspace())
            a -= 1
        last = -1
        for m in SENTENCE_START.finditer(text, a, end):
            last = m.end()
        if last != -1:
            return last
        if a == first:
            return first
        end = a


def _sentence(text: str, pos: int) -> str:
    a = sentence_start(text, pos)
    b = text.find("\n\n", pos)
    m = _SENTENCE_END.search(text, pos)
    ends = [x for x in (b, m.end() if m else -1) if x != -1]
    return text[a:min(ends) if ends else len(text)]


def _squash(number: str) -> str:
    return _SPACES.sub(" ", number.strip())
