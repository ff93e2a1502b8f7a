"""LIX counting, pinned by hand-counted Danish cases (docs/lix.md), plus the textstat compatibility mode.

Every case below was counted by hand: W words, S sentences, L long words (more than 6 letters) and the value
W/S + 100·L/W rounded to 2 decimals. min_words is 1 so that short texts get a value; the min_words rule has its own
tests. Each case names the counting rule it pins.
"""

from __future__ import annotations

import sys
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import lixcheck
from lixcheck.readability import count_words, lix_value, make_lix
from lixcheck.textstat_compat import textstat_lix

ONE = {"min_words": 1}

# (rule pinned, text, W, S, L, LIX)
CASES = [
    ("plain sentence", "Vi har modtaget din ansøgning.", 5, 1, 2, 45.0),
    ("æ counts as one letter: Ændring has 7", "Ændring af støtte.", 3, 1, 1, 36.33),
    ("ø counts as one letter: højeste has 7", "Den højeste sats gælder.", 4, 1, 1, 29.0),
    ("exactly 6 letters is not long", "Du skal betale senest fredag.", 5, 1, 0, 5.0),
    ("bl.a. is one short word, no sentence end", "Du skal bl.a. sende os din lønseddel.", 7, 1, 1, 21.29),
    ("f.eks. is one word; periods are not letters", "Send f.eks. en kopi af dit pas.", 7, 1, 0, 7.0),
    ("jf. does not end; a lone § is no word", "Vi har truffet afgørelse, jf. lovens § 12.", 7, 1, 2, 35.57),
    ("ca. and an ordinal before a month", "Du får svar ca. 1. januar 2025.", 7, 1, 0, 7.0),
    ("pr. 1. februar goes on; the period after the month ends",
     "Ydelsen stopper pr. 1. februar. Du skal ikke gøre noget.", 10, 2, 3, 35.0),
    ("ordinal before a capital ends: den 3. Vi", "Mødet er den 3. Vi ses der.", 7, 2, 0, 3.5),
    ("date 1.1.2025 is one word and ends before a capital",
     "Pengene kommer den 1.1.2025. Du skal ikke gøre noget.", 9, 2, 1, 15.61),
    ("date inside a sentence", "Vi modtog brevet 1.1.2025 og svarer snart.", 7, 1, 0, 7.0),
    ("amount 12.500,50 kr. before a lower-case word", "Du får 12.500,50 kr. om måneden.", 6, 1, 1, 22.67),
    ("kr. before a capital ends", "Du får 1.250 kr. Pengene kommer snart.", 7, 2, 1, 17.79),
    ("numbers are words but never long", "Beløbet er 1.250.000 kr. i alt.", 6, 1, 1, 22.67),
    ("§ 15 b, nr. 5. ends before a capital",
     "Reglerne står i § 15 b, nr. 5. Du kan læse dem på nettet.", 13, 2, 1, 14.19),
    ("stk. 2. ends before a capital", "Det står i § 82 a, stk. 2. Du kan klage.", 10, 2, 0, 5.0),
    ("jf. § 82 a, stk. 2 i loven is one sentence", "Du har ret til hjælp, jf. § 82 a, stk. 2 i loven.", 12, 1, 0, 12.0),
    ("§ 15 b. Du: a paragraph letter ends", "Det følger af § 15 b. Du kan klage.", 8, 2, 0, 4.0),
    ("kl. 10.00 is a time", "Mødet er kl. 10.00 på rådhuset. Vi ses.", 8, 2, 1, 16.5),
    ("kl. 12. Herefter ends", "Vi åbner kl. 12. Herefter kan du komme.", 8, 2, 1, 16.5),
    ("osv. before a capital ends", "Tag pas, kørekort osv. Mødet varer en time.", 8, 2, 1, 16.5),
    ("m.m. before a capital ends", "Vi betaler husleje, varme m.m. Du betaler resten.", 8, 2, 3, 41.5),
    ("month abbreviation dec. before a capital ends",
     "Vi holder lukket i dec. Tak for din forståelse.", 9, 2, 1, 15.61),
    ("month abbreviation dec. before a year goes on", "Fristen er den 15. dec. 2025 kl. 12.", 8, 1, 1, 20.5),
    ("pkt. 4. Du ends", "Se pkt. 4. Du kan også ringe.", 7, 2, 0, 3.5),
    ("CPR-nr. does not end; CPR number is a word", "Dit CPR-nr. 010203-1234 skal oplyses.", 5, 1, 1, 25.0),
    ("Sagsnr.: does not end; the case number does", "Sagsnr.: 2025-123456. Vi har modtaget din klage.", 7, 2, 1, 17.79),
    ("hyphen is not a letter: A-kasse has 6", "Kontakt din A-kasse i dag.", 5, 1, 1, 25.0),
    ("hyphenated compound is one word", "Du kan søge om SU-lån og boligstøtte.", 7, 1, 1, 21.29),
    ("a lone dash is no word", "Mødet er kl. 10 – 12 på rådhuset.", 7, 1, 1, 21.29),
    ("an initial does not end", "Skriv til J. Hansen i Borgerservice.", 6, 1, 1, 22.67),
    ("initials H.C. do not end", "Vi bor på H.C. Andersens Boulevard.", 6, 1, 2, 39.33),
    ("quotes are stripped", '"Vi har modtaget din ansøgning," skriver kommunen.', 7, 1, 4, 64.14),
    ("a period inside closing quotes ends", 'Der stod: "Du skal betale." Det gjorde hun.', 8, 2, 0, 4.0),
    ("colon does not end", "Du skal sende: lønsedler og kontoudtog.", 6, 1, 2, 39.33),
    ("semicolon does not end", "Du har ret til hjælp; du skal søge snart.", 9, 1, 0, 9.0),
    ("? and ! end", "Har du spørgsmål? Ring til os! Vi hjælper gerne.", 9, 3, 2, 25.22),
    ("… ends; alone it is no word", "Vi venter … Du hører fra os.", 6, 2, 0, 3.0),
    ("an e-mail address is one long word and can end",
     "Skriv til borgerservice@aarhus.dk. Vi svarer hurtigt.", 6, 2, 2, 36.33),
    ("an unlisted abbreviation before a lower-case word does not end",
     "Du får 500 kr. pr. md. fra 1. maj.", 9, 1, 0, 9.0),
    ("blank line between paragraphs", "Vi har modtaget din ansøgning.\n\nDu får svar snart.", 9, 2, 2, 26.72),
    ("tabs, double spaces and CRLF", "Vi har  modtaget\tdin ansøgning.\r\n\r\nDu får svar snart.", 9, 2, 2, 26.72),
    ("a blank line ends an unpunctuated paragraph",
     "Vi har modtaget din ansøgning om hjælp til medicin og tandpleje den 3. marts i år\n\nDu får svar snart.",
     20, 2, 4, 30.0),
    ("heading line above text is not counted", "Klagevejledning\nDu kan klage inden fire uger.", 6, 1, 0, 6.0),
    ("heading paragraph is not counted", "Afgørelse\n\nDu får boligstøtte fra 1. maj.", 6, 1, 1, 22.67),
    ("bullet list items end at their line; bullets are no words",
     "Du skal sende:\n- lønsedler\n- kontoudtog\n- lejekontrakt", 6, 4, 3, 51.5),
    ("numbered list: the item number is no word and no sentence",
     "Gør sådan:\n1. Send lønsedler.\n2. Send kontoudtog.", 6, 3, 2, 35.33),
    ("a list item may hold two sentences",
     "- Du skal sende lønsedler. Du skal også sende kontoudtog.", 9, 2, 2, 26.72),
    ("address and signature lines are not counted",
     "Jens Hansen\nVestergade 1\n8000 Aarhus C\n\nVi har modtaget din ansøgning.\n\nMed venlig hilsen\nBorgerservice",
     5, 1, 2, 45.0),
    ("a salutation line is not counted", "Kære Jens,\n\nDu får svar snart.", 4, 1, 0, 4.0),
]


@pytest.mark.parametrize(("rule", "text", "words", "sentences", "long_words", "value"), CASES,
                         ids=[c[0] for c in CASES])
def test_hand_counted_lix(rule, text, words, sentences, long_words, value):
    lx = lixcheck.lix(text, config=ONE)
    assert (lx.words, lx.sentences, lx.long_words) == (words, sentences, long_words), rule
    assert lx.value == value, rule
    assert lx.value == round(words / sentences + 100 * long_words / words, 2)


def test_there_are_at_least_40_hand_counted_cases():
    assert len(CASES) >= 40


def test_colon_ends_sentence_setting():
    text = "Du skal sende: lønsedler og kontoudtog."
    lx = lixcheck.lix(text, config={"min_words": 1, "colon_ends_sentence": True})
    assert (lx.words, lx.sentences, lx.long_words, lx.value) == (6, 2, 2, 36.33)


def test_not_computed_below_min_words_with_reason():
    lx = lixcheck.lix("Ring til os i dag.")  # 5 words < default min_words 10
    assert (lx.value, lx.band, lx.words, lx.sentences) == (None, None, 5, 1)
    assert lx.reason == "too few words"
    assert lixcheck.lix("Ring til os i dag.", config={"min_words": 5}).value == 5.0


def test_only_a_heading_is_not_computed():
    lx = lixcheck.lix("Klagevejledning")
    assert lx.value is None and lx.words == 0 and lx.sentences == 0 and lx.reason


def test_bands_follow_the_danish_scale():
    assert [make_lix(w, s, lw).band for w, s, lw in [(24, 1, 0), (25, 1, 0), (35, 1, 0), (45, 1, 0), (55, 1, 0)]] \
        == ["very easy", "easy", "medium", "hard", "very hard"]
    assert lix_value(20, 2, 5) == 35.0


def test_count_words_skips_only_a_list_items_number():
    assert count_words("1. januar er en helligdag.") == (5, 1)
    assert count_words("1. Send lønsedler.", list_item=True) == (2, 1)
    assert count_words("a) Send lønsedler.", list_item=True) == (2, 1)


def test_count_words_counts_latin1_text_as_the_token_loop_does():
    # Latin-1 text is counted in C over bytes; other text (en dash, bullet, curly quotes) token by token: the same
    from lixcheck.readability import _count_tokens

    for text in ["Kommunen (jf. § 82, stk. 2) har bl.a. truffet afgørelse om e-Boks-systemet; 12.500,50 kr. – ½ år.",
                 "Se www.borger.dk/sygedagpenge!  Ansøgningsskema_2024 ... § – • ²³ ÆØÅæøåkommunalbestyrelsen",
                 "\xa0Tandplejeområdet\x85og\x1cSagsbehandlingen\tafgørelsen\n(sagsbehandleren)", "", " .. - "]:
        assert count_words(text) == _count_tokens(text.split()), text
        assert count_words(text + " ”–”") == _count_tokens((text + " ”–”").split()), text


LETTER = (
    "Aarhus Kommune\nBorgerservice\n\n"
    "Afgørelse om boligstøtte\n\n"
    "Kære Jens Hansen,\n\n"
    "Vi har behandlet din ansøgning om boligstøtte af 3. marts 2025. Du får 1.250 kr. om måneden fra den 1. april, "
    "jf. boligstøttelovens § 14, stk. 2. Pengene kommer på din NemKonto.\n\n"
    "Du skal give os besked, hvis:\n- du flytter\n- din husstand ændrer sig\n- din indtægt stiger\n\n"
    "Klagevejledning\nDu kan klage inden 4 uger. Skriv til os på borgerservice@aarhus.dk. Vi behandler din klage "
    "igen, før den går videre til Ankestyrelsen.\n\n"
    "Med venlig hilsen\nJens Jensen\nSagsbehandler\n"
)


def test_per_paragraph_and_per_sentence_lix_sum_to_the_document():
    r = lixcheck.check(LETTER)
    counted_pars = [p for p in r.paragraphs if p.counted]
    counted_sents = [s for s in r.sentences if s.counted]
    for attr in ("words", "sentences", "long_words"):
        assert sum(getattr(p.lix, attr) for p in counted_pars) == getattr(r.lix, attr)
        assert sum(getattr(s.lix, attr) for s in counted_sents) == getattr(r.lix, attr)
    assert all(s.lix.sentences == 1 for s in counted_sents)
    # Hand count of the running text: 3 + 1 + 3 list items + 3 sentences.
    assert r.lix.sentences == 10
    kinds = {p.kind for p in r.paragraphs if not p.counted}
    assert kinds == {"lines", "heading"}
    assert all(p.lix.value is None and p.lix.reason for p in r.paragraphs if not p.counted)
    # Each paragraph's sentences are exactly the counted sentences inside it.
    for p in counted_pars:
        inside = [s for s in counted_sents if p.offset <= s.offset < p.offset + p.length]
        assert p.lix.sentences == len(inside)
        assert p.lix.words == sum(s.lix.words for s in inside)


WORDS = ["Vi", "har", "modtaget", "din", "ansøgning", "bl.a.", "jf.", "§", "15", "b,", "stk.", "2.", "kr.", "1.250",
         "Du", "får", "svar", "den", "3.", "januar", "osv.", "Mødet", "–", "e-Boks", "kl.", "10.00", "m.m.", "dec.",
         "Tak", "ændring", "støtte", "?", "!", "…", ":", ";", '"', "(se", "bilag)", "12.500,50", "1.1.2025", "pkt.",
         "-", "•", "1.", "a)", "Klagevejledning", "Med venlig hilsen", "CPR-nr.", "Sagsnr.:", "J.", "H.C."]
SEPARATORS = [" ", " ", " ", " ", "\n", "\n\n", "\t", "  ", "\r\n", "\n \n"]


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.tuples(st.sampled_from(WORDS), st.sampled_from(SEPARATORS)), min_size=1, max_size=60))
def test_invariants_hold_for_any_mix_of_danish_tokens(parts):
    text = "".join(w + sep for w, sep in parts)
    r = lixcheck.lix(text, config=ONE)
    from lixcheck.analysis import measure
    from lixcheck.config import Config
    from lixcheck.readers.text import read_text

    document = read_text(text)
    sentences, sent_spans, paragraphs, doc_lix = measure(document, Config(min_words=1))
    assert doc_lix == r
    assert sum(p.lix.words for p in paragraphs if p.counted) == r.words
    assert sum(s.lix.words for s in sent_spans if s.counted) == r.words
    assert sum(s.lix.sentences for s in sent_spans if s.counted) == r.sentences
    assert r.long_words <= r.words
    assert (r.value is None) == (r.sentences == 0 or r.words == 0)
    for s in sentences:  # sentences lie inside their block, in order, and are trimmed
        b = document.blocks[s.block]
        assert b.start <= s.start < s.end <= b.end
        assert document.text[s.start:s.end] == document.text[s.start:s.end].strip()
    assert all(a.end <= b.start for a, b in zip(sentences, sentences[1:], strict=False))


# textstat compatibility --------------------------------------------------------------------------------------------

TEXTSTAT_DATA = Path(__file__).parent / "data" / "textstat_0_7_13"


def _textstat_texts() -> dict[str, str]:
    """The texts of textstat 0.7.13's own test suite (tests/backend/resources.py, MIT; see the folder's README)."""
    sys.path.insert(0, str(TEXTSTAT_DATA))
    try:
        import resources
    finally:
        sys.path.remove(str(TEXTSTAT_DATA))
    return {k: v for k, v in vars(resources).items() if k.isupper() and isinstance(v, str)}


DANISH_TEXTS = [c[1] for c in CASES] + [LETTER, "Ring til os.", "§ – …", "   ", "Hvad?! Nej... jo. OK"]


def test_textstat_texts_are_present():
    texts = _textstat_texts()
    assert {"LONG_TEXT", "EASY_TEXT", "SHORT_TEXT", "PUNCT_TEXT", "EMPTY_STR"} <= set(texts)


@pytest.mark.parametrize("name", sorted(_textstat_texts()))
def test_textstat_mode_equals_textstat_on_its_own_test_texts(name):
    textstat = pytest.importorskip("textstat")
    text = _textstat_texts()[name]
    expected = textstat.lix(text)
    got = textstat_lix(text)
    if expected == 0.0 and not text.split():
        assert got.value is None and got.reason  # documented difference: not computed instead of 0.0
    else:
        assert got.value == expected


@pytest.mark.parametrize("text", DANISH_TEXTS)
def test_textstat_mode_equals_textstat_on_danish_texts(text):
    textstat = pytest.importorskip("textstat")
    from textstat.backend import counts

    got = textstat_lix(text)
    expected = textstat.lix(text)
    if got.value is None:
        assert expected == 0.0 and got.words == 0
    else:
        assert got.value == expected
        assert (got.words, got.long_words) == (counts.count_words(text), counts.count_long_words(text))
        assert got.sentences == counts.count_sentences(text)


def test_textstat_published_values():
    """textstat's own expected values from its test_lix.py (rounded to 3 decimals there)."""
    texts = _textstat_texts()
    for name, expected in [("EASY_TEXT", 22.131), ("SHORT_TEXT", 25.0), ("PUNCT_TEXT", 23.808),
                           ("LONG_TEXT", 42.581)]:
        assert round(textstat_lix(texts[name]).value, 3) == expected


def test_lix_mode_textstat_through_the_public_api():
    text = LETTER
    lx = lixcheck.lix(text, config={"lix_mode": "textstat"})
    assert lx == textstat_lix(text)
    report = lixcheck.check(text, config={"lix_mode": "textstat"})
    assert report.lix == lx and report.meta["lix_mode"] == "textstat"
    # textstat counts every line, headings, address and signature included.
    assert lx.words > lixcheck.lix(text).words


CORPUS = sorted((Path(__file__).resolve().parent.parent / "corpus" / "speed").glob("*.txt"))


@pytest.mark.parametrize("colon_ends", [False, True])
def test_fast_lix_equals_the_full_measure_on_the_speed_corpus(colon_ends):
    """lixcheck.lix() takes a fast path (readability.document_lix); it must give measure()'s numbers exactly."""
    from lixcheck.analysis import measure
    from lixcheck.config import Config
    from lixcheck.readers.text import read_text

    assert len(CORPUS) >= 20
    cfg = Config(colon_ends_sentence=colon_ends)
    for path in CORPUS:
        text = path.read_text(encoding="utf-8")
        assert lixcheck.lix(text, config={"colon_ends_sentence": colon_ends}) == measure(read_text(text), cfg)[3]


def test_lix_does_not_import_spacy():
    import subprocess

    code = ("import sys, lixcheck; lx = lixcheck.lix('Vi har modtaget din ansøgning. Du får svar snart.'); "
            "assert lx.sentences == 2, lx; assert 'spacy' not in sys.modules; print('ok')")
    r = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60)
    assert r.returncode == 0 and r.stdout.strip() == "ok", r.stderr


def test_lix_of_bad_input_is_clear():
    for text in ("", "   \n\n ", "\x00\x01"):
        lx = lixcheck.lix(text)
        assert lx.value is None and lx.words == 0 and lx.reason
    with pytest.raises(lixcheck.InputError) as e:
        lixcheck.lix("Vi har modtaget din ansøgning. " * 1_700_000)  # 50 MB > max_bytes 20 MB
    assert e.value.code == "too_large"
    with pytest.raises(TypeError, match="check"):
        lixcheck.lix(b"Vi har modtaget din ansogning.")
