"""The Danish sentence splitter: every case from ../shared/docs/nlp.md, layout boundaries, and accuracy on UD DDT."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

import lixcheck
from lixcheck.nlp.sentences import split
from lixcheck.readers.text import read_text

BENCHMARKS = Path(__file__).resolve().parent.parent / "benchmarks"


def sentences(text: str, **kw) -> list[str]:
    document = read_text(text)
    return [document.text[s.start : s.end] for s in split(document.text, document.blocks, **kw)]


# (text, expected sentences)
CASES = [
    # nlp.md: false splits of the rule-based sentencizer
    ("Dit CPR-nr. 010203-1234 skal oplyses.", ["Dit CPR-nr. 010203-1234 skal oplyses."]),
    ("Sagsnr.: 2025-123456. Vi har modtaget din klage.", ["Sagsnr.: 2025-123456.", "Vi har modtaget din klage."]),
    # nlp.md: missed splits at real sentence ends
    ("Mødet er den 3. Vi ses der.", ["Mødet er den 3.", "Vi ses der."]),
    ("Tag pas, kørekort osv. Mødet varer en time.", ["Tag pas, kørekort osv.", "Mødet varer en time."]),
    ("Se pkt. 4. Du kan også ringe.", ["Se pkt. 4.", "Du kan også ringe."]),
    ("Vi betaler husleje, varme m.m. Du betaler resten.", ["Vi betaler husleje, varme m.m.", "Du betaler resten."]),
    ("Vi holder lukket i dec. Tak for din forståelse.", ["Vi holder lukket i dec.", "Tak for din forståelse."]),
    ("Vi åbner kl. 12. Herefter kan du komme.", ["Vi åbner kl. 12.", "Herefter kan du komme."]),
    # nlp.md: abbreviations and ordinals inside a sentence
    ("Du har ret til hjælp, jf. § 82 a, stk. 2 i loven. Ring til os.",
     ["Du har ret til hjælp, jf. § 82 a, stk. 2 i loven.", "Ring til os."]),
    ("Du får svar ca. 1. januar 2025. Vi skriver til dig.",
     ["Du får svar ca. 1. januar 2025.", "Vi skriver til dig."]),
    ("Ydelsen stopper pr. 1. februar. Du skal ikke gøre noget.",
     ["Ydelsen stopper pr. 1. februar.", "Du skal ikke gøre noget."]),
    ("Mødet er kl. 10.00 på rådhuset. Vi ses.", ["Mødet er kl. 10.00 på rådhuset.", "Vi ses."]),
    # nlp.md: headings and blank lines are boundaries
    ("Vi har truffet afgørelse efter § 41.\n\nKlagevejledning\nDu kan klage inden fire uger.",
     ["Vi har truffet afgørelse efter § 41.", "Klagevejledning", "Du kan klage inden fire uger."]),
    ("Klagevejledning\n\nDu kan klage inden fire uger.", ["Klagevejledning", "Du kan klage inden fire uger."]),
    ("Vi har modtaget din ansøgning om hjælp til medicin og tandpleje den 3. marts i år\n\nDu får svar snart.",
     ["Vi har modtaget din ansøgning om hjælp til medicin og tandpleje den 3. marts i år", "Du får svar snart."]),
    # more letter cases
    ("Du får 12.500,50 kr. om måneden. Pengene kommer den 1.1.2025. Ring til os.",
     ["Du får 12.500,50 kr. om måneden.", "Pengene kommer den 1.1.2025.", "Ring til os."]),
    ("Reglerne står i § 15 b, nr. 5. Du kan læse dem på nettet.",
     ["Reglerne står i § 15 b, nr. 5.", "Du kan læse dem på nettet."]),
    ("Det følger af § 15 b. Du kan klage.", ["Det følger af § 15 b.", "Du kan klage."]),
    ("Det står i § 82 a, stk. 2. Du kan klage.", ["Det står i § 82 a, stk. 2.", "Du kan klage."]),
    ("Skriv til J. Hansen eller H.C. Jensen i Borgerservice.",
     ["Skriv til J. Hansen eller H.C. Jensen i Borgerservice."]),
    ("Du skal bl.a. sende os din lønseddel, f.eks. fra maj.",
     ["Du skal bl.a. sende os din lønseddel, f.eks. fra maj."]),
    ("Fristen er den 15. dec. 2025 kl. 12. Husk det.", ["Fristen er den 15. dec. 2025 kl. 12.", "Husk det."]),
    ("Du får 500 kr. pr. md. fra 1. maj.", ["Du får 500 kr. pr. md. fra 1. maj."]),
    ("Har du spørgsmål? Ring til os! Vi hjælper gerne.", ["Har du spørgsmål?", "Ring til os!", "Vi hjælper gerne."]),
    ('Der stod: "Du skal betale." Det gjorde hun.', ['Der stod: "Du skal betale."', "Det gjorde hun."]),
    ("Skriv til borgerservice@aarhus.dk. Vi svarer hurtigt.",
     ["Skriv til borgerservice@aarhus.dk.", "Vi svarer hurtigt."]),
    ("Vi venter... Du hører fra os.", ["Vi venter...", "Du hører fra os."]),
    ("Du skal sende: lønsedler og kontoudtog.", ["Du skal sende: lønsedler og kontoudtog."]),
    ("Du har ret til hjælp; du skal søge snart.", ["Du har ret til hjælp; du skal søge snart."]),
    # list items end at their line; an item's number is not a sentence
    ("Du skal sende:\n- lønsedler\n- kontoudtog", ["Du skal sende:", "- lønsedler", "- kontoudtog"]),
    ("Gør sådan:\n1. Send lønsedler.\n2. Send kontoudtog.",
     ["Gør sådan:", "1. Send lønsedler.", "2. Send kontoudtog."]),
    ("a) Udfyld skemaet.\nb) Send det til os.", ["a) Udfyld skemaet.", "b) Send det til os."]),
    # address and signature lines: one per line
    ("Med venlig hilsen\nJens Hansen\nBorgerservice", ["Med venlig hilsen", "Jens Hansen", "Borgerservice"]),
]


@pytest.mark.parametrize(("text", "expected"), CASES, ids=[c[0][:40] for c in CASES])
def test_sentence_boundaries(text, expected):
    assert sentences(text) == expected


def test_colon_may_end_a_sentence_by_setting():
    assert sentences("Du skal sende: lønsedler.", colon_ends=True) == ["Du skal sende:", "lønsedler."]


def test_headings_and_lines_are_not_counted():
    document = read_text("Afgørelse\n\nDu får boligstøtte.\n\nMed venlig hilsen\nJens Hansen")
    got = [(document.text[s.start : s.end], s.counted) for s in split(document.text, document.blocks)]
    assert got == [("Afgørelse", False), ("Du får boligstøtte.", True), ("Med venlig hilsen", False),
                   ("Jens Hansen", False)]


def test_sentences_never_cross_blocks():
    text = "Vi har modtaget din ansøgning om hjælp til medicin og tandpleje\n\nDu får svar"
    document = read_text(text)
    for s in split(document.text, document.blocks):
        b = document.blocks[s.block]
        assert b.start <= s.start < s.end <= b.end


SPACY_TEXT = ("Dit CPR-nr. 010203-1234 skal oplyses. Sagsnr.: 2025-123456. Mødet er den 3. Vi ses, jf. § 82 a, "
              "stk. 2. Du får 1.250 kr. pr. 1. februar osv. Tag pas med.\n\nKlagevejledning\nDu kan klage.")


def test_spacy_doc_gets_our_boundaries():
    """The spaCy Doc the rules see has exactly the splitter's sentences (the tokenizer keeps CPR-nr. whole)."""
    from lixcheck.analysis import analyzer
    from lixcheck.config import Config

    engine = analyzer(Config(model="blank"))
    document = read_text(SPACY_TEXT)
    doc, measured = engine.prepare(document)
    for _name, proc in engine.nlp.pipeline:
        doc = proc(doc)
    ours = [document.text[s.start : s.end] for s in measured[0]]
    theirs = [s.text.strip() for s in doc.sents]
    assert theirs == ours
    assert ours[:4] == ["Dit CPR-nr. 010203-1234 skal oplyses.", "Sagsnr.: 2025-123456.", "Mødet er den 3.",
                        "Vi ses, jf. § 82 a, stk. 2."]
    assert any(t.text == "CPR-nr." for t in doc)


def test_check_report_sentences_match_the_splitter():
    report = lixcheck.check(SPACY_TEXT)  # (report.text may mask CPR numbers; offsets index the input text)
    assert [SPACY_TEXT[s.offset : s.offset + s.length] for s in report.sentences] == sentences(SPACY_TEXT)


@pytest.fixture(scope="module")
def ddt_results(ud_dir):
    sys.path.insert(0, str(BENCHMARKS))
    try:
        import acc_sentences
    finally:
        sys.path.remove(str(BENCHMARKS))
    assert acc_sentences.UD_DIR.resolve() == ud_dir.resolve()
    return acc_sentences.main([])


@pytest.mark.parametrize("split_name", ["dev", "test"])
def test_ddt_sentence_f1_with_layout(ddt_results, split_name):
    """Headlines, bylines and captions on their own line, as in print (benchmarks/acc_sentences.py): F1 ≥ 0.97."""
    r = ddt_results[split_name]["layout"]
    assert r["f1"] >= 0.97, r
    assert r["precision"] >= 0.99, r


@pytest.mark.parametrize(("split_name", "floor"), [("dev", 0.955), ("test", 0.95)])
def test_ddt_sentence_f1_running_text_floor(ddt_results, split_name, floor):
    """All sentences run together in one paragraph: unpunctuated headlines cannot be found (recall ≈ 0.92).

    Measured F1: dev 0.960, test 0.954. These floors sit just under them: a regression guard, not a goal.
    """
    r = ddt_results[split_name]["running"]
    assert r["f1"] >= floor, r
    assert r["precision"] >= 0.99, r
