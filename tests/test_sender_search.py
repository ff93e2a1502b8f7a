"""The sender analysis' searches give exactly what the plain regular expressions give.

The contact searches (checks/sender/contact.py) skip most of the text: the phone patterns are searched only in the
lines with a phone-shaped digit group, the others only near their literal strings (anchored, only the run before an
"@" …); anatomy.py tests a block's salutation and running text in place. These tests compare each shortcut
with the plain pattern on many random texts built from the pieces that make the patterns match or almost match.
"""

from __future__ import annotations

import random
import re

import pytest
from random_texts import ODD, texts

from lixcheck.checks.sender import analysis, contact
from lixcheck.document import HEADING, LINES, LIST_ITEM, PARAGRAPH, TABLE_CELL, Block, Document
from lixcheck.letter import anatomy, organisations
from lixcheck.letter import data as gazetteer
from lixcheck.search.prefilter import fold, fold_letter


def _spans(matches) -> list:
    return [(m.span(), m.groups()) for m in matches]


PHONE_PIECES = ["12 34 56 78", "12345678", "+45 12 34 56 78", "+45\n12 34 56 78", "+45\n", "12.34.56.78", "Tlf.",
                "tlf", "Telefon:", "ring", "mobil", "nr.", "sms", "1", "123", "-", ":", "a@b.dk", "anna.b@kommune.dk",
                "@@", "x", "é", "+", "_", "0",
                "١٢ ٣٤ ٥٦ ٧٨", "１２３４５６７８", "12 ٣٤ 56 78"]  # (other decimal digits: \\d, not [0-9])


def _contact_matches(search, text: str, a: int = 0, b: int | None = None) -> list:
    """What the contact search finds, given the letter's folded text as the sender analysis gives it."""
    return _spans(search.finditer(text, fold_letter(text), a, b))


def test_phone_and_email_searches_are_the_regex_matches():
    for text in texts(PHONE_PIECES + ODD, 3000, 2, most=20):
        lines = contact.phone_lines(text, fold(text) is not None)
        found_cue = [x for a, b, _ in lines for x in _contact_matches(contact._searches().phone_cue, text, a, b)]
        assert found_cue == _spans(contact._searches().phone_cue.pattern.finditer(text)), text
        found_pairs = [x for a, b, first in lines for x in _spans(contact.PHONE_PAIRS.finditer(text, max(a, first - 4),
                                                                                                 b))]
        assert found_pairs == _spans(contact.PHONE_PAIRS.finditer(text)), text
        email = contact._searches().email
        assert _contact_matches(email, text) == _spans(email.pattern.finditer(text)), text


def test_digits_of_foldable_texts_are_ascii():
    """phone_lines scans a text that fold() reads with [0-9] for \\d: no other decimal digit can be in it."""
    from lixcheck.search.prefilter import SAFE_CHARS

    safe = re.compile(f"[{SAFE_CHARS}]")
    digits = [chr(c) for c in range(0x110000) if re.match(r"\d", chr(c))]
    assert len(digits) > 600 and [c for c in digits if safe.match(c)] == list("0123456789")


def test_closing_starts_are_the_regex_matches():
    pieces = ["Med venlig hilsen", "Venlig hilsen", "Hilsen", "hilsen fra", "Kære", "!", "venlig", "x", "Mvh",
              "Med venlige hilsner", "På forhånd tak", "bedste hilsner", "hilsener", "De", " \t"]
    assert not any("\n" in w for w in gazetteer.load("senders")["closings"])  # (what _closing_starts relies on)
    for text in texts(pieces, 3000, 5):
        assert list(anatomy._closing_starts(text)) == [m.start() for m in anatomy.closing_re().finditer(text)], text


def test_actor_search_is_the_regex_search():
    """The actor phrase ("Skattestyrelsen har …") is searched only from 80 characters before each verb."""
    pieces = ["har", "vil", "er", "kan", "sender", "Skattestyrelsen", "Aarhus Kommune", "           ", "ord",
              "x" * 40, "erhverv", "Har", "modtog", "y" * 75, ".", "\n", "\u00a0\u2003", "\t \t"]
    actor = analysis._actor()
    for text in texts(pieces, 3000, 3, most=30):
        assert _spans(actor.finditer(text)) == _spans(actor.pattern.finditer(text)), text
        a = len(text) // 3
        assert _spans(actor.finditer(text, a, 2 * a)) == _spans(actor.pattern.finditer(text, a, 2 * a)), text


def test_line_bounded_searches_are_the_regex_searches():
    pieces = ["Skriv til os", "svar", "Kontakt os", "send", "via", "Digital Post", "e-Boks", "borger.dk",
              "Borger.dk/klage", "mit.dk", "selvbetjeningen", "sikker post", "www.aarhus.dk", "https://x.dk/a",
              "aarhus.dk/borger", "a-b.dk/", ".dk/", "x" * 30, "på"]
    for text in texts(pieces + ODD, 3000, 4, most=20):
        for search in (contact._searches().digital_reply, contact._searches().web):
            assert _contact_matches(search, text) == _spans(search.pattern.finditer(text)), text


@pytest.mark.parametrize("seed", [6, 7])
def test_is_running_is_the_line_rule(seed):
    rnd = random.Random(seed)
    lines = ["Vi har ændret din ydelse.", "slut uden punktum", "Spørgsmål:", "«Citat.»", "  ", "", "Tlf. 12 34 56 78",
             "Anna Hansen", "x\r", "Sidste!", "1216 København K."]
    for _ in range(500):
        parts, blocks = [], []
        pos = 0
        for _ in range(rnd.randint(1, 6)):
            text = "\n".join(rnd.choice(lines) for _ in range(rnd.choice([1, 1, 2, 3])))
            blocks.append(Block(rnd.choice([PARAGRAPH, LIST_ITEM, TABLE_CELL, LINES, HEADING]), pos, pos + len(text)))
            parts.append(text)
            pos += len(text) + 2
        document = Document("\n\n".join(parts), blocks)
        for i, b in enumerate(blocks):
            spans = anatomy.block_lines(document, i)
            expected = b.kind in (PARAGRAPH, LIST_ITEM, TABLE_CELL) and (
                len(spans) < 2 or any(document.text[s:e].rstrip("\"'”»)]").endswith((".", "!", "?", "…", ":"))
                                      and not anatomy.is_address_line(document.text[s:e].strip())
                                      for s, e in spans))  # ("1216 København K.": no sentence end)
            assert anatomy.is_running(document, i) == expected, (document.text, i)


@pytest.mark.parametrize("name, canonical", [("Ankeſtyrelsen", "Ankestyrelsen"), ("İshøj Kommune", "Ishøj Kommune")])
def test_listed_name_with_odd_case_folding(name, canonical):
    """re's IGNORECASE matches "ſ" to "s" and "İ" to "i"; the name's lower() differs from the listed key (this was a
    KeyError, a crash of check())."""
    org = organisations.match_organisation(f"Med venlig hilsen {name}")
    assert org is not None and org.name == canonical and org.known
    import lixcheck

    report = lixcheck.check(f"{name}\n\nKære Anna\n\nVi har fået din ansøgning.\n\nMed venlig hilsen\n{name}")
    assert report.sections["sender"]["organisation"] == canonical


def test_sentence_start_is_the_plain_alternation():
    plain = re.compile(r"[.!?]\s+(?=[A-ZÆØÅ])|\n\s*\n")
    rnd = random.Random(8)
    pieces = [".", "!", "?", "\n", " ", "\t", "A", "a", "Æ", "ø", "\r", "\u00a0", "x", "\n\n", ". A"]
    for _ in range(20000):
        text = "".join(rnd.choice(pieces) for _ in range(rnd.randint(0, 15)))
        a = rnd.randint(0, len(text))
        b = rnd.randint(a, len(text))
        assert _spans(contact.SENTENCE_START.finditer(text, a, b)) == _spans(plain.finditer(text, a, b)), text


def test_salutation_on_a_block_is_the_match_on_its_text():
    pieces = ["Kære", "kære", "Hej", "hejsa", "Til", "tilbage", "dear", "Goddag", "  ", "\n", "x", "Anna"]
    for text in texts(pieces + ODD, 2000, 6, most=8):
        for a in range(0, len(text) + 1, 3):
            for b in (a, min(len(text), a + 5), len(text)):
                assert bool(anatomy._cues().salutation_at.match(text, a, b)) == anatomy.is_salutation(text[a:b])


def test_contact_line_is_the_case_insensitive_search():
    # (is_contact_line searches the folded line without IGNORECASE)
    pieces = ["Tlf.", "tlf", "TELEFON", "Mail", "e-mail", "E-MAIL", "email", "www", "CVR", "ean", "Fax", "Åbningstider",
              "åbningstid", "kl.", "KL", "@", "http://", "HTTPS://", "https:", "Kontoret", "ſ", "K", "İ", "x", "-", ".",
              "1", "é"]
    seen = set()
    for text in texts(pieces + ODD, 3000, 8, most=6):
        found = organisations.is_contact_line(text)
        assert found == (organisations._contact_line().search(text) is not None), text
        seen.add((found, fold(text) is None))
    assert seen == {(True, True), (True, False), (False, True), (False, False)}  # (both paths, both answers)


def test_klage_is_the_case_insensitive_alternation():
    # (analysis._KLAGE starts at the "k" of each word; only whether a sentence holds one is asked)
    plain = re.compile(r"\b(?:klag(?:e|en|er|es|et|ede)|påklag\w*|klagevejledning\w*|klagefrist\w*|klageportal\w*|"
                       r"ank(?:e|en|er|es|et))\b", re.IGNORECASE)
    pieces = ["klage", "klag", "Klagen", "KLAGER", "klages", "klaget", "klagede", "klagedes", "påklage", "påklaget",
              "PÅKLAG", "klagevejledningen", "klagefrist", "klageportalen", "anke", "anken", "ANKER", "ankes", "anket",
              "anketing", "bank", "tanke", "k", "an", "på", "lag", "e", "x", "\u212a", "\u212b", "\u212alage",
              "p\u212bk", "a\u212ae", "1", "_", "é"]
    seen = set()
    for text in texts(pieces + ODD, 5000, 9, most=6):
        found = analysis._KLAGE.search(text) is not None
        assert found == (plain.search(text) is not None), text
        seen.add(found)
    assert seen == {True, False}


def test_unit_stop_is_the_plain_alternation():
    # (authorities._STOP starts a dash between spaces at the dash; unit_at reads the stop's place)
    from lixcheck.letter import authorities

    plain = re.compile(r"[.;!?()\[\]\"«»]|\s[-–—]\s|\n")
    rnd = random.Random(10)
    pieces = [".", ";", "(", "]", '"', "«", "\n", " ", "\t", "\u00a0", "-", "–", "—", " - ", " – ", "x", "A", "Team"]
    for _ in range(20000):
        text = "".join(rnd.choice(pieces) for _ in range(rnd.randint(0, 12)))
        pos = rnd.randint(0, len(text))
        m, p = authorities._STOP.search(text, pos), plain.search(text, pos)
        start = None if m is None else m.start() - (text[m.start()] in authorities._DASHES)
        if start != (None if p is None else p.start()):
            # (a dash right at pos after a space: the plain pattern's match would start before pos; the line is empty,
            # where the plain one starts with the dash: no unit either way)
            assert start == pos - 1 and text[pos] in authorities._DASHES, (text, pos)
            assert authorities.unit_at(text, pos) is None


def test_sentence_start_by_chunks_is_the_last_match_of_the_plain_scan():
    def plain(text: str, pos: int) -> int:
        a = max(0, pos - 200)
        for m in contact.SENTENCE_START.finditer(text, a, pos):
            a = m.end()
        return a

    rnd = random.Random(11)
    pieces = [".", "!", "?", "\n", " ", "\t", "\r", "\u00a0", "\u2028", "A", "a", "Æ", "ø", "x", "\n\n", ". A", "? ",
              "Anna Hansen", "ord", "i dag", "  ", "\n \n", ".\n", "1"]
    for _ in range(20000):
        text = "".join(rnd.choice(pieces) for _ in range(rnd.randint(0, 120)))
        pos = rnd.randint(0, len(text))
        assert contact.sentence_start(text, pos) == plain(text, pos), (text, pos)


def test_inside_is_any_of_the_spans():
    rnd = random.Random(12)
    for _ in range(3000):
        spans = [(s, s + rnd.randint(-2, 8)) for s in (rnd.randint(0, 40) for _ in range(rnd.randint(0, 6)))]
        test = contact.inside(spans)
        for pos in range(-2, 52):
            assert test(pos) == any(s <= pos < e for s, e in spans), (spans, pos)


def test_not_unit_words_on_the_folded_line_are_the_case_insensitive_search():
    words = gazetteer.load("senders")["not_unit_words"]
    pieces = [*words, *(w.upper() for w in words), *(w.title() for w in words), "x", "æ", "Ø", "-", " ", "1", "_",
              "Team", "Borgerservice", "ſ", "K", "é"]
    seen = set()
    for text in texts(pieces + ODD, 3000, 13, most=5):
        folded = fold(text)
        if folded is None:
            continue
        found = organisations._not_unit_folded().search(folded) is not None
        assert found == (organisations._not_unit().search(text) is not None), text
        seen.add(found)
    assert seen == {True, False}
