"""Annotated .docx: reopen the output and check that every comment sits on exactly its finding's text."""

from __future__ import annotations

import hashlib
import io
import zipfile
from pathlib import Path

import docx
import pytest
from click.testing import CliRunner
from docx_build import append_xml, letter, save
from lxml import etree

import lixcheck
from lixcheck.cli import main
from lixcheck.errors import InputError
from lixcheck.model import Finding, Lix, Report
from lixcheck.readers.docx import W_NS, read_bytes
from lixcheck.writers.docx_annotate import annotate_docx, write_atomic

W = f"{{{W_NS}}}"


def anchored_texts(data: bytes) -> dict[str, str]:
    """comment id → the text between its commentRangeStart and commentRangeEnd in word/document.xml."""
    with zipfile.ZipFile(io.BytesIO(data)) as zf:
        root = etree.fromstring(zf.read("word/document.xml"))
    open_ranges: dict[str, list[str]] = {}
    done: dict[str, str] = {}
    fallback_depth = 0
    for ev, el in etree.iterwalk(root, events=("start", "end")):
        if el.tag == "{http://schemas.openxmlformats.org/markup-compatibility/2006}Fallback":
            fallback_depth += 1 if ev == "start" else -1  # Word shows the Choice branch, not the VML copy
            continue
        if ev != "start" or fallback_depth:
            continue
        if el.tag == W + "commentRangeStart":
            open_ranges[el.get(W + "id")] = []
        elif el.tag == W + "commentRangeEnd":
            done[el.get(W + "id")] = "".join(open_ranges.pop(el.get(W + "id")))
        elif el.tag == W + "t":
            for parts in open_ranges.values():
                parts.append(el.text or "")
        elif el.tag in (W + "tab",):
            for parts in open_ranges.values():
                parts.append("\t")
    assert not open_ranges, "a comment range was never closed"
    return done


def finding(text: str, needle: str, *, rule="jargon", nth=0, severity="warning", msg=None, repl=("sende",)):
    start = -1
    for _ in range(nth + 1):
        start = text.index(needle, start + 1)
    return Finding(rule, severity, "jargon", msg or f"Skriv hellere noget enklere end «{needle}».", start,
                   len(needle), 1, 1, None, needle, tuple(repl))


@pytest.fixture(scope="module")
def source() -> bytes:
    return letter()


@pytest.fixture(scope="module")
def text(source) -> str:
    return read_bytes(source).text


def report_with(text: str, findings: list[Finding]) -> Report:
    return Report(text, Lix(43.0, 120, 9, 30, "medium"), [], [], findings)


def test_each_comment_is_anchored_on_exactly_its_finding(source, text):
    findings = [
        finding(text, "modtaget din"),  # crosses a bold run and a plain run
        finding(text, "fremsendt"),  # inside a run
        finding(text, "Vi har"),  # at the start of a paragraph
        finding(text, "1.200 kr."),  # table cell
        finding(text, "Indlejret"),  # nested table
        finding(text, "Svar inden"),  # text box
        finding(text, "«Fornavn»", rule="template.placeholder"),  # simple merge field (Word's «» result)
        finding(text, "«Adresse»", rule="template.placeholder"),  # complex merge field without result
        finding(text, "inden 14 dage", nth=1),  # tracked insertion
        finding(text, "Mette Sørensen, telefon"),  # content control + following run
    ]
    out = annotate_docx(source, report_with(text, findings))
    anchored = anchored_texts(out)
    reopened = docx.Document(io.BytesIO(out))
    comments = list(reopened.comments)
    assert len(comments) == len(findings) + 1  # + the summary
    assert all(c.author == "lixcheck" for c in comments)
    by_id = {str(c.comment_id): c for c in comments}
    summary = comments[0]
    assert summary.text.startswith("lixcheck: LIX 43 (middel)")
    per_finding = [c for c in comments if c is not summary]
    for f, c in zip(findings, per_finding, strict=True):
        assert f.message in c.text
        assert "Forslag: sende" in c.text
        if f.text.startswith("«"):  # a merge field is anchored as a whole field (its visible result)
            assert anchored[str(c.comment_id)] in (f.text, "")
        else:
            assert anchored[str(c.comment_id)] == f.text, (f.text, anchored[str(c.comment_id)])
    assert set(anchored) == set(by_id)
    # The text of the document is unchanged by the annotation.
    assert read_bytes(out).text == text


def test_split_runs_keep_their_formatting(source, text):
    out = annotate_docx(source, report_with(text, [finding(text, "odtag")]))
    d = docx.Document(io.BytesIO(out))
    para = next(p for p in d.paragraphs if p.text.startswith("Vi har modtaget"))
    runs = [(r.text, bool(r.bold)) for r in para.runs if r.text]
    assert ("m", True) in runs and ("odtag", True) in runs and ("et", True) in runs
    assert anchored_texts(out)["1"] == "odtag"


def test_header_findings_go_to_the_summary(source, text):
    f = finding(text, "Borgerservice")
    out = annotate_docx(source, report_with(text, [f]))
    comments = list(docx.Document(io.BytesIO(out)).comments)
    assert len(comments) == 1
    assert "Borgerservice" in comments[0].text and "sidehoved" in comments[0].text


def test_cpr_numbers_are_masked_in_comments():
    d = docx.Document()
    d.add_paragraph("Jens Jensen, CPR-nr. 010190-1234, har søgt om boligstøtte hos kommunen i år.")
    data = save(d)
    text = read_bytes(data).text
    f = Finding("template.cpr", "error", "template", "Brevet viser et CPR-nummer: 010190-1234. Fjern det.",
                text.index("010190-1234"), 11, 1, 1, 0, "010190-1234", ())
    out = annotate_docx(data, report_with(text, [f]))
    comments = list(docx.Document(io.BytesIO(out)).comments)
    assert anchored_texts(out)[str(comments[1].comment_id)] == "010190-1234"
    for c in comments:
        assert "010190" not in c.text and "1234" not in c.text
    assert "XXXXXX-XXXX" in comments[1].text
    with zipfile.ZipFile(io.BytesIO(out)) as zf:
        assert b"010190" not in zf.read("word/comments.xml")


def test_a_report_for_another_text_is_refused(source):
    with pytest.raises(InputError) as e:
        annotate_docx(source, report_with("en helt anden tekst", []))
    assert e.value.code == "mismatch"


def test_api_writes_atomically_and_never_touches_the_original(tmp_path, source):
    src = tmp_path / "brev.docx"
    src.write_bytes(source)
    before = hashlib.sha256(src.read_bytes()).hexdigest()
    out = tmp_path / "brev-kommentarer.docx"
    data = lixcheck.annotate(src, output=out)
    assert out.read_bytes() == data
    assert hashlib.sha256(src.read_bytes()).hexdigest() == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["brev-kommentarer.docx", "brev.docx"]  # no temp files
    report = lixcheck.check(src)
    sources = {p.index: p.source for p in report.paragraphs}
    anchorable = [f for f in report.findings if f.scope == "text"
                  and not sources.get(f.block, "").startswith(("sidehoved", "sidefod", "fodnote", "slutnote"))]
    comments = list(docx.Document(io.BytesIO(data)).comments)
    assert len(comments) == len(anchorable) + 1
    # findings about the whole letter are in the summary comment, not anchored on whole paragraphs
    whole = [f for f in report.findings if f.scope == "document"]
    assert whole, "the test letter has findings about the whole letter"
    summary = comments[0].text
    assert "Om hele brevet:" in summary and all(f.message in summary for f in whole)
    anchored = anchored_texts(data)
    for f, c in zip(anchorable, comments[1:], strict=True):
        if not f.text.startswith("«"):
            assert anchored[str(c.comment_id)] == f.text
    with pytest.raises(InputError) as e:
        lixcheck.annotate(src, output=src)
    assert e.value.code == "same_file"


def test_write_atomic_leaves_nothing_on_failure(tmp_path):
    target = tmp_path / "ud.docx"
    with pytest.raises(TypeError):
        write_atomic(target, object())  # type: ignore[arg-type]
    assert list(tmp_path.iterdir()) == []
    write_atomic(target, b"ok")
    assert target.read_bytes() == b"ok" and [p.name for p in tmp_path.iterdir()] == ["ud.docx"]


def test_cli_annotate(tmp_path, source):
    src = tmp_path / "brev.docx"
    src.write_bytes(source)
    out = tmp_path / "ud.docx"
    result = CliRunner().invoke(main, ["annotate", str(src), "-o", str(out)])
    assert result.exit_code == 0, result.output
    assert docx.Document(str(out)).comments is not None
    txt = tmp_path / "brev.txt"
    txt.write_text("Vi har modtaget din ansøgning.", encoding="utf-8")
    result = CliRunner().invoke(main, ["annotate", str(txt), "-o", str(tmp_path / "x.docx")])
    assert result.exit_code == 2
    assert "Word" in result.output and not (tmp_path / "x.docx").exists()


def test_cli_annotate_defaults_to_name_lixcheck_docx_with_the_users_umask(tmp_path, source):
    import os

    src = tmp_path / "Afgørelse om tilskud.docx"
    src.write_bytes(source)
    old = os.umask(0o027)
    try:
        result = CliRunner().invoke(main, ["annotate", str(src)])
    finally:
        os.umask(old)
    out = tmp_path / "Afgørelse om tilskud-lixcheck.docx"
    assert result.exit_code == 0, result.output
    assert str(out) in result.output and docx.Document(str(out)).comments is not None
    assert out.stat().st_mode & 0o777 == 0o640  # 0666 less the umask, as a plain open() (mkstemp would give 0600)
    assert sorted(p.name for p in tmp_path.iterdir()) == [out.name, src.name]


def test_write_atomic_follows_the_umask_and_can_refuse_to_overwrite(tmp_path):
    import os

    old = os.umask(0o022)
    try:
        write_atomic(tmp_path / "a.docx", b"1")
        assert (tmp_path / "a.docx").stat().st_mode & 0o777 == 0o644
        with pytest.raises(FileExistsError):
            write_atomic(tmp_path / "a.docx", b"2", overwrite=False)
    finally:
        os.umask(old)
    assert (tmp_path / "a.docx").read_bytes() == b"1" and len(list(tmp_path.iterdir())) == 1


def test_paragraph_level_fields_and_hyperlinks_are_annotated():
    d = docx.Document()
    append_xml(d, f"""<w:p xmlns:w="{W_NS}" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">
      <w:r><w:t xml:space="preserve">Læs mere på </w:t></w:r>
      <w:hyperlink r:id="rId99"><w:r><w:t>kommunens hjemmeside om boligstøtte</w:t></w:r></w:hyperlink>
      <w:r><w:t xml:space="preserve"> eller ring til os.</w:t></w:r></w:p>""")
    data = save(d)
    text = read_bytes(data).text
    f = finding(text, "hjemmeside om")
    out = annotate_docx(data, report_with(text, [f]))
    assert anchored_texts(out)["1"] == "hjemmeside om"


WORD_FILES = sorted((Path(__file__).parent / "data" / "docx").glob("*.docx"))


@pytest.mark.parametrize("path", WORD_FILES, ids=lambda p: p.name)
def test_files_saved_by_word_are_read_and_annotated_exactly(path):
    import re

    data = path.read_bytes()
    doc = read_bytes(data)
    assert doc.blocks and all(doc.text[b.start:b.end].strip() for b in doc.blocks)
    findings = []
    for i, b in enumerate(doc.blocks):
        if b.source.startswith(("sidehoved", "sidefod")):
            continue
        for m in list(re.finditer(r"\w{5,}", doc.text[b.start:b.end]))[:3]:
            findings.append(Finding("x", "warning", "jargon", "Besked.", b.start + m.start(), len(m.group()), 1, 1,
                                    i, m.group()))
    assert findings
    out = annotate_docx(data, report_with(doc.text, findings))
    reopened = docx.Document(io.BytesIO(out))
    before = len(list(docx.Document(io.BytesIO(data)).comments))
    ours = [c for c in reopened.comments if c.author == "lixcheck"]
    assert len(list(reopened.comments)) == before + len(ours)  # Word's own comments are kept
    anchored = anchored_texts(out)
    assert [anchored[str(c.comment_id)] for c in ours[1:]] == [f.text for f in findings]
    assert read_bytes(out).text == doc.text


def test_annotating_a_docm_gives_a_plain_docx_without_macros():
    from docx_build import as_docm

    data = as_docm(letter())
    text = read_bytes(data).text
    out = annotate_docx(data, report_with(text, [finding(text, "fremsendt")]))
    with zipfile.ZipFile(io.BytesIO(out)) as zf:
        names = zf.namelist()
        types = zf.read("[Content_Types].xml")
        rels = zf.read("word/_rels/document.xml.rels")
    assert not any("vbaProject" in n for n in names)
    assert b"macroEnabled" not in types and b"vbaProject" not in rels
    assert b"wordprocessingml.document.main+xml" in types
    assert anchored_texts(out)["1"] == "fremsendt"


def test_output_must_be_named_docx(tmp_path, source):
    with pytest.raises(InputError) as e:
        lixcheck.annotate(source, output=tmp_path / "ud.docm")
    assert e.value.code == "output_name"
    assert list(tmp_path.iterdir()) == []


def test_cpr_rule_end_to_end_never_shows_the_number_in_comments():
    d = docx.Document()
    d.add_paragraph("Kære Jens Jensen, CPR-nr. 010190-1234. Vi har modtaget din ansøgning om boligstøtte, og du får "
                    "svar inden fire uger.")
    out = lixcheck.annotate(save(d))
    with zipfile.ZipFile(io.BytesIO(out)) as zf:
        comments_xml = zf.read("word/comments.xml").decode("utf-8")
    assert "010190" not in comments_xml and "1234" not in comments_xml
    reopened = docx.Document(io.BytesIO(out))
    cpr = [c for c in reopened.comments if "template.cpr" in c.text]
    assert cpr and "XXXXXX-XXXX" in cpr[0].text
    assert anchored_texts(out)[str(cpr[0].comment_id)] == "010190-1234"  # anchored on the number in the letter
