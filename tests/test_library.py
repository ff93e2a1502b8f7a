"""The library cannot be misused: a str is text, files are paths, bytes or check_file(); short summaries instead of
the whole letter; check_many's on_error; and the examples in the docstrings run (doctest)."""

from __future__ import annotations

import doctest
import os
from pathlib import Path

import pytest

import lixcheck
import lixcheck.checker
import lixcheck.model
from lixcheck import Checker, InputError

LETTER = ("Kære Anna\n\nDer fremsendes hermed afgørelse vedrørende din ansøgning om boligstøtte. Din ansøgning er "
          "blevet behandlet af forvaltningen, og du får 1.250 kr. om måneden fra den 1. maj 2025. Vi udbetaler "
          "pengene til din NemKonto den sidste hverdag i hver måned. Du skal give os besked, hvis din indkomst "
          "ændrer sig.\n\nMed venlig hilsen\nBorgerservice\n")


@pytest.mark.parametrize("module", [lixcheck, lixcheck.checker, lixcheck.model], ids=lambda m: m.__name__)
def test_docstring_examples_run(module, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)  # the examples name files that must not exist
    result = doctest.testmod(module, optionflags=doctest.ELLIPSIS, raise_on_error=False)
    assert result.failed == 0
    assert result.attempted >= 2


def test_documented_entry_points_have_examples():
    for obj in (lixcheck.check, lixcheck.check_many, lixcheck.check_file, lixcheck.Report, lixcheck.Finding,
                lixcheck.Checker):
        assert ">>> " in (obj.__doc__ or ""), obj.__name__


@pytest.mark.parametrize("name", ["brevv.txt", "Afgørelse om tilskud.DOCX", "  brev.pdf\n", "/data/breve/brev",
                                  "./brev", "../brev.md", "~/brev", "C:\\breve\\brev", "\\\\server\\breve\\x"])
def test_a_str_that_looks_like_a_file_name_is_refused(name, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    with pytest.raises(InputError) as e:
        lixcheck.check(name)
    assert e.value.code == "file_name"
    assert "check_file" in str(e.value) and "Path" in str(e.value)
    assert "filnavn" in e.value.message_da


def test_a_str_naming_an_existing_file_is_still_text_never_opened(tmp_path, monkeypatch):
    """A server that passes user text to check() must never read its own files."""
    monkeypatch.chdir(tmp_path)
    secret = tmp_path / "hemmelig.txt"
    secret.write_text("Hemmeligt indhold fra serveren. " * 5, encoding="utf-8")
    with pytest.raises(InputError) as e:
        lixcheck.check("hemmelig.txt")
    assert e.value.code == "file_name"
    with pytest.raises(InputError) as e:
        lixcheck.check(str(secret))
    assert e.value.code == "file_name"
    # a one-line str without a file's look is checked as the text it is, even if a file has that name
    (tmp_path / "hemmelig").write_text("Hemmeligt indhold fra serveren.", encoding="utf-8")
    assert lixcheck.check("hemmelig").text == "hemmelig"


@pytest.mark.parametrize("text", ["Se bilag.", "Du får svar kl. 14.30", "og/eller", "Vi har modtaget din ansøgning.",
                                  "Læs mere på borger.dk", "brev.txt\nmed en linje mere"])
def test_ordinary_text_is_text(text):
    assert lixcheck.check(text).text == text


def test_check_text_checks_a_file_name_as_text_and_the_web_never_reads_a_path(tmp_path):
    (tmp_path / "brev.txt").write_text(LETTER, encoding="utf-8")
    assert Checker().check_text(str(tmp_path / "brev.txt")).text == str(tmp_path / "brev.txt")


def test_files_are_paths_bytes_or_check_file(tmp_path):
    p = tmp_path / "brev.txt"
    p.write_text(LETTER, encoding="cp1252")
    by_path = lixcheck.check(p)
    assert by_path.text == LETTER and by_path.meta["filename"] == "brev.txt"
    assert lixcheck.check_file(str(p)).text == LETTER
    assert lixcheck.check_file(p).to_dict() == by_path.to_dict()
    assert lixcheck.check(p.read_bytes()).text == LETTER
    with pytest.raises(InputError) as e:
        lixcheck.check_file(tmp_path / "brevv.txt")
    assert e.value.code == "unreadable" and "findes ikke" in e.value.message_da
    with pytest.raises(TypeError):
        lixcheck.check_file(b"brev")


def test_annotate_takes_a_path_or_bytes_not_a_str(tmp_path):
    with pytest.raises(InputError) as e:
        lixcheck.annotate("brev.docx")
    assert e.value.code == "file_name"


def test_repr_and_print_are_short_and_never_the_letter():
    long_letter = LETTER + ("Vi har brug for flere oplysninger om din økonomi og din bolig. " * 200)
    report = lixcheck.check(long_letter)
    for shown in (repr(report), str(report)):
        assert len(shown) < 1500
        assert long_letter[200:400] not in shown
    assert repr(report).startswith("Report(lix=") and f"findings={len(report.findings)}" in repr(report)
    assert str(report).splitlines()[0] == report.lix.describe_da()
    assert str(report).startswith("LIX ")
    assert f"og {len(report.findings) - 5} fund mere" in str(report)
    for f in report.findings:
        assert len(repr(f)) < 250
    para = next(f for f in report.findings if f.length > 200)
    assert para.text not in repr(para)


def test_letter_level_findings_are_those_that_cover_a_paragraph():
    report = lixcheck.check(LETTER)
    levels = {f.rule: report.letter_level(f) for f in report.findings}
    assert levels["jargon"] is False
    whole = [f for f in report.findings if report.letter_level(f)]
    assert whole and all(any(f.offset <= p.offset and p.offset + p.length <= f.offset + f.length
                                 for p in report.paragraphs) for f in whole)


@pytest.mark.parametrize("n_process", [1, 2])
def test_check_many_on_error(tmp_path, n_process):
    good = tmp_path / "a.txt"
    good.write_text(LETTER, encoding="utf-8")
    binary = tmp_path / "b.txt"
    binary.write_bytes(b"\x00\x01\x02" * 50)
    items = [tmp_path / "mangler.txt", LETTER, binary, good, "Du får svar.", tmp_path / "mangler2.txt"]

    collected = list(lixcheck.check_many(items, on_error="collect", n_process=n_process))
    assert [type(r).__name__ for r in collected] == ["InputError", "Report", "InputError", "Report", "Report",
                                                     "InputError"]
    assert [r.code for r in collected if isinstance(r, InputError)] == ["unreadable", "binary", "unreadable"]
    assert collected[3].text == LETTER and collected[4].text == "Du får svar."

    skipped = list(lixcheck.check_many(items, on_error="skip", n_process=n_process))
    assert [r.text for r in skipped] == [LETTER, LETTER, "Du får svar."]

    with pytest.raises(InputError):
        list(lixcheck.check_many(items, n_process=n_process))
    with pytest.raises(ValueError, match="on_error"):
        list(lixcheck.check_many(items, on_error="ignore"))


def test_check_many_refuses_a_str_file_name_like_check(tmp_path):
    out = list(lixcheck.check_many(["brev.txt", LETTER], on_error="collect"))
    assert isinstance(out[0], InputError) and out[0].code == "file_name"
    assert out[1].text == LETTER


def test_input_error_codes_are_documented():
    import lixcheck.errors

    doc = lixcheck.errors.InputError.__doc__
    for code in ("file_name", "unreadable", "empty", "binary", "too_large"):
        assert f"``{code}``" in doc or f'"{code}"' in doc


def test_no_file_is_read_for_text_in_the_cwd(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    Path("Du får svar.").write_text("x", encoding="utf-8")  # a file named like the text: still text
    assert lixcheck.check("Du får svar.").text == "Du får svar."
    assert os.listdir(tmp_path) == ["Du får svar."]
