"""The PDF reader (pypdfium2) on real PDFs drawn with reportlab."""

from __future__ import annotations

import pytest
from click.testing import CliRunner
from pdf_build import PAGE_1, encrypted_pdf, letter_pdf, scanned_pdf

import lixcheck
from lixcheck.cli import main
from lixcheck.config import Config
from lixcheck.errors import InputError
from lixcheck.readers import read_bytes as read_any
from lixcheck.readers import sniff
from lixcheck.readers.pdf import read_bytes


@pytest.fixture(scope="module")
def pdf() -> bytes:
    return letter_pdf()


def test_pages_and_paragraphs_become_blocks(pdf):
    doc = read_bytes(pdf)
    got = [(b.kind, b.source, doc.text[b.start:b.end]) for b in doc.blocks]
    assert got[0] == ("lines", "side 1", "Eksempel Kommune\nBorgerservice\nRådhuspladsen 1")
    assert got[1] == ("heading", "side 1", "Afgørelse om boligstøtte")
    assert got[2][0:2] == ("paragraph", "side 1")
    assert got[2][2] == "\n".join(PAGE_1[2])
    assert ("heading", "side 2", "Klagevejledning") in got
    assert got[-1] == ("lines", "side 2", "Venlig hilsen\nMette Sørensen")
    assert [b.meta["page"] for b in doc.blocks] == [1, 1, 1, 1, 2, 2, 2]
    assert doc.meta["pages"] == 2 and doc.format == "pdf"


def test_blocks_are_in_reading_order_and_clean(pdf):
    doc = read_bytes(pdf)
    starts = [b.start for b in doc.blocks]
    assert starts == sorted(starts)
    assert all(ch >= " " or ch in "\n\t" for ch in doc.text)


def test_scanned_pdf_has_no_text_layer():
    with pytest.raises(InputError) as e:
        read_bytes(scanned_pdf())
    assert e.value.code == "no_text"
    assert "scannet" in e.value.message_da


def test_password_protected_pdf_is_refused(pdf):
    with pytest.raises(InputError) as e:
        read_any(encrypted_pdf(pdf), Config())
    assert e.value.code == "encrypted"


def test_pdf_with_only_an_owner_password_is_read(pdf):
    from io import BytesIO

    from pypdf import PdfReader, PdfWriter

    writer = PdfWriter()
    for page in PdfReader(BytesIO(pdf)).pages:
        writer.add_page(page)
    writer.encrypt(user_password="", owner_password="ejer", algorithm="AES-128")
    out = BytesIO()
    writer.write(out)
    doc = read_bytes(out.getvalue())
    assert "Klagevejledning" in doc.text


def test_broken_pdf_is_a_clear_error():
    with pytest.raises(InputError) as e:
        read_any(b"%PDF-1.7\n1 0 obj << /Type /Catalog >> endobj\n%%EOF", Config())
    assert e.value.code == "malformed"


def test_check_reads_pdf_by_content(tmp_path, pdf):
    path = tmp_path / "brev.dat"
    path.write_bytes(pdf)
    assert sniff(pdf) == "pdf"
    report = lixcheck.check(path)
    assert report.meta["format"] == "pdf"
    assert report.lix.value is not None


def test_cli_reports_a_scanned_pdf_with_exit_2(tmp_path):
    path = tmp_path / "scan.pdf"
    path.write_bytes(scanned_pdf())
    result = CliRunner().invoke(main, ["check", str(path)])
    assert result.exit_code == 2
    assert "Traceback" not in result.output


def test_words_hyphenated_at_line_end_are_joined_real_hyphens_kept():
    page = [["Vi har behandlet din ansøg-", "ning om boligstøtte, og du får social- og", "sundhedshjælp fra maj."]]
    doc = read_bytes(letter_pdf([page]))
    assert "ansøgning om boligstøtte" in doc.text
    assert "social- og" in doc.text
