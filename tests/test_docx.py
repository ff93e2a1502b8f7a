"""The .docx reader on real Word files built with python-docx (plus raw WordprocessingML for text boxes, content
controls and merge fields)."""

from __future__ import annotations

import io
import zipfile

import docx
import pytest
from click.testing import CliRunner
from docx_build import as_docm, letter, save
from lxml import etree

import lixcheck
from lixcheck.cli import main
from lixcheck.errors import InputError
from lixcheck.readers import read_bytes as read_any
from lixcheck.readers import sniff
from lixcheck.readers.docx import W_P, W_R, W_T, read_bytes


@pytest.fixture(scope="module")
def letter_bytes() -> bytes:
    return letter()


@pytest.fixture(scope="module")
def doc(letter_bytes):
    return read_bytes(letter_bytes)


def block_of(doc, needle):
    for b in doc.blocks:
        if needle in doc.text[b.start:b.end]:
            return b
    raise AssertionError(f"no block contains {needle!r}")


def test_blocks_have_kinds_and_danish_sources(doc):
    got = [(b.kind, b.source, doc.text[b.start:b.end]) for b in doc.blocks]
    assert got[0] == ("lines", "sidehoved", "Eksempel Kommune, Borgerservice")
    assert got[-1][1] == "sidefod"
    assert ("lines", "afsnit 1", "Jens Jensen\nVejen 1\n9999 Eksempelby") in got
    assert ("heading", "afsnit 2", "Afgørelse om boligstøtte") in got
    assert block_of(doc, "Vi har modtaget din").kind == "paragraph"
    assert block_of(doc, "lønsedler").kind == "list_item"
    assert block_of(doc, "lejekontrakt").kind == "list_item"
    cell = block_of(doc, "Du får 1.200 kr.")
    assert (cell.kind, cell.source) == ("table_cell", "tabel 1, række 2, celle 2")
    assert block_of(doc, "Beløb").source == "tabel 1, række 1, celle 1"
    nested = block_of(doc, "Indlejret celle")
    assert nested.source == "tabel 1, række 2, celle 1, tabel 2, række 1, celle 1"
    box = block_of(doc, "Vigtigt: Svar inden 14 dage.")
    assert box.source == "tekstboks"
    assert block_of(doc, "Venlig hilsen").kind == "lines"


def test_blocks_are_separated_and_in_order(doc):
    prev_end = -1
    for b in doc.blocks:
        assert prev_end <= b.start < b.end <= len(doc.text)
        assert doc.text[b.start:b.end] == doc.text[b.start:b.end].strip()
        assert "\n\n" not in doc.text[b.start:b.end]
        prev_end = b.end


def test_text_box_read_once_not_twice(doc):
    # Word stores a text box twice (DrawingML choice + VML fallback)
    assert doc.text.count("Vigtigt: Svar inden 14 dage.") == 1


def test_merge_fields_and_content_controls_stay_visible_as_placeholders(doc):
    assert "Kære «Fornavn», du bor på «Adresse»." in doc.text
    assert "Sagsbehandler: Mette Sørensen, telefon «Telefon»." in doc.text
    assert "Klik eller tryk her" not in doc.text  # Word's placeholder prompt is not letter text
    assert "MERGEFIELD" not in doc.text  # field instructions are not shown


def test_tracked_changes_read_as_accepted(doc):
    assert "Du får svar inden 14 dage." in doc.text
    assert "snarest" not in doc.text


def _parts(data: bytes) -> dict[str, etree._Element]:
    with zipfile.ZipFile(io.BytesIO(data)) as zf:
        return {n: etree.fromstring(zf.read(n)) for n in zf.namelist() if n.startswith("word/") and
                n.endswith(".xml") and ("document" in n or "header" in n or "footer" in n)}


def test_every_character_maps_back_to_its_paragraph_and_run(doc, letter_bytes):
    parts = _parts(letter_bytes)
    checked = 0
    for b in doc.blocks:
        root = parts[b.meta["part"]]
        paras = list(root.iter(W_P))
        runs = list(root.iter(W_R))
        covered = set()
        for start, length, p_idx, r_idx in b.meta["runs"]:
            piece = doc.text[start:start + length]
            covered.update(range(start, start + length))
            assert p_idx is not None
            if r_idx is None:  # a placeholder without a run of its own
                assert piece.startswith("«") and piece.endswith("»")
                continue
            run = runs[r_idx]
            assert run in set(paras[p_idx].iter(W_R))
            run_text = "".join(t.text or "" for t in run.iter(W_T))
            if piece.strip():
                assert piece in run_text
                checked += 1
        inside = {i for i in range(b.start, b.end) if not doc.text[i].isspace()}
        assert inside <= covered, f"characters without a run in block {b.source}"
    assert checked > 20


def test_docx_renamed_to_txt_is_read_by_content(tmp_path, letter_bytes):
    path = tmp_path / "brev.txt"
    path.write_bytes(letter_bytes)
    assert sniff(letter_bytes) == "docx"
    report = lixcheck.check(path)
    assert report.meta["format"] == "docx"
    assert "Afgørelse om boligstøtte" in report.text
    assert report.lix.words > 40


def test_cli_checks_a_docx(tmp_path, letter_bytes):
    path = tmp_path / "brev.docx"
    path.write_bytes(letter_bytes)
    result = CliRunner().invoke(main, ["check", "--format", "json", "--fail-on", "never", str(path)])
    assert result.exit_code == 0, result.output
    assert '"format": "docx"' in result.output


def test_docm_is_read_and_macros_are_noted(letter_bytes):
    doc = read_any(as_docm(letter_bytes), lixcheck.config.Config())
    assert doc.format == "docx"
    assert doc.meta["macros"] is True and doc.meta["docx_flavour"] == "docm"
    assert "Afgørelse om boligstøtte" in doc.text


def test_headings_from_outline_level_and_danish_style_names():
    d = docx.Document()
    d.add_paragraph("Klagevejledning", style="Heading 2")
    p = d.add_paragraph("Sådan klager du")
    p.paragraph_format.element.get_or_add_pPr()
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    ol = OxmlElement("w:outlineLvl")
    ol.set(qn("w:val"), "1")
    p._p.pPr.append(ol)
    d.add_paragraph("Du kan klage over afgørelsen inden fire uger. Skriv til os, så ser vi på sagen igen.")
    doc = read_bytes(save(d))
    kinds = [(b.kind, doc.text[b.start:b.end][:15]) for b in doc.blocks]
    assert kinds == [("heading", "Klagevejledning"), ("heading", "Sådan klager du"), ("paragraph", "Du kan klage ov")]


def test_soft_line_breaks_and_typed_list_markers_use_the_text_segmenter():
    d = docx.Document()
    p = d.add_paragraph()
    r = p.add_run("Det skal du gøre")
    r.add_break()
    p.add_run("- send lønsedler")
    p.runs[-1].add_break()
    p.add_run("- send lejekontrakt")
    doc = read_bytes(save(d))
    assert [b.kind for b in doc.blocks] == ["heading", "list_item", "list_item"]


def test_a_zip_that_is_not_word_is_refused_clearly():
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as zf:
        zf.writestr("brev.txt", "Hej")
    with pytest.raises(InputError) as e:
        read_any(buf.getvalue(), lixcheck.config.Config())
    assert e.value.code == "unsupported"
    assert "Word" in e.value.message_da


def test_old_binary_doc_is_refused_clearly():
    ole = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 504 + "WordDocument".encode("utf-16-le") + b"\0" * 1000
    with pytest.raises(InputError) as e:
        read_any(ole, lixcheck.config.Config())
    assert e.value.code == "unsupported"
    assert ".docx" in e.value.message_da


def test_cli_exit_2_on_a_non_word_zip(tmp_path):
    path = tmp_path / "arkiv.docx"
    with zipfile.ZipFile(path, "w") as zf:
        zf.writestr("x.txt", "Hej")
    result = CliRunner().invoke(main, ["check", str(path)])
    assert result.exit_code == 2
    assert "Traceback" not in result.output


def test_placeholder_rule_reports_merge_fields_and_empty_content_controls(letter_bytes):
    report = lixcheck.check(letter_bytes)
    found = sorted(f.text for f in report.findings if f.rule == "placeholder")
    assert found == ["«Adresse»", "«Fornavn»", "«Telefon»"]
    sources = {p.source for p in report.paragraphs}
    assert {"sidehoved", "sidefod", "tekstboks", "tabel 1, række 2, celle 2"} <= sources


def test_rows_in_content_controls_and_address_lines_around_bookmarks():
    from docx_build import NS, append_xml

    d = docx.Document()
    d.add_paragraph("Jens Jensen")
    append_xml(d, f'<w:bookmarkStart {NS} w:id="0" w:name="_GoBack"/>')
    d.add_paragraph("Vejen 1")
    append_xml(d, f"""<w:tbl {NS}><w:tblGrid><w:gridCol w:w="4000"/></w:tblGrid>
      <w:tr><w:tc><w:p><w:r><w:t>Første række</w:t></w:r></w:p></w:tc></w:tr>
      <w:sdt><w:sdtPr><w:tag w:val="rækker"/></w:sdtPr><w:sdtContent>
        <w:tr><w:tc><w:p><w:r><w:t>Række i indholdskontrol</w:t></w:r></w:p></w:tc></w:tr>
      </w:sdtContent></w:sdt></w:tbl>""")
    doc = read_bytes(save(d))
    got = [(b.kind, b.source, doc.text[b.start:b.end]) for b in doc.blocks]
    assert got[0] == ("lines", "afsnit 1", "Jens Jensen\nVejen 1")
    assert ("lines", "tabel 1, række 2, celle 1", "Række i indholdskontrol") in got


def test_footnotes_follow_the_body_and_annotate_lists_their_findings():
    from docx_build import with_footnote

    from lixcheck.model import Finding, Lix, Report
    from lixcheck.writers.docx_annotate import annotate_docx

    data = with_footnote("Jf. servicelovens § 83, stk. 1.")
    doc = read_bytes(data)
    note = block_of(doc, "servicelovens § 83")
    assert note.source == "fodnote 1"
    assert doc.blocks[-1] is note
    assert "1" not in doc.text[:doc.text.index("serviceloven.") + 13]  # the reference mark is not text
    i = doc.text.index("servicelovens")
    f = Finding("x", "warning", "jargon", "Skriv loven med navn.", i, 13, 1, 1, None, "servicelovens")
    out = annotate_docx(data, Report(doc.text, Lix(None, 0, 0, 0), [], [], [f]))
    comments = list(docx.Document(io.BytesIO(out)).comments)
    assert len(comments) == 1 and "servicelovens" in comments[0].text
