"""The MeMo reader on the public example messages and on MeMo 1.1/1.2 files written here with real attachments."""

from __future__ import annotations

import base64
import codecs
from pathlib import Path

import pytest
from docx_build import letter
from pdf_build import letter_pdf, scanned_pdf

import lixcheck
from lixcheck.config import Config
from lixcheck.errors import InputError
from lixcheck.readers import read_bytes as read_any
from lixcheck.readers import sniff
from lixcheck.readers.memo import read_bytes

DATA = Path(__file__).parent / "data" / "memo"
LETTER_TXT = ("Du får hjælp til nye briller\n\nKære Jens Jensen\n\nDu får 1.200 kr. til nye briller. Pengene kommer på "
              "din NemKonto inden 10 dage.\n\nVenlig hilsen\nSundhed og Omsorg")


def b64(data: bytes, wrap: int = 76) -> str:
    s = base64.b64encode(data).decode("ascii")
    return "\n".join(s[i:i + wrap] for i in range(0, len(s), wrap))  # base64 with line breaks, as in the wild


def file_xml(prefix: str, mime: str, name: str, data: bytes | None) -> str:
    p = f"{prefix}:" if prefix else ""
    content = b64(data) if data is not None else "<!-- PLACEHOLDER: base64 of the file -->"
    return (f"<{p}File><{p}encodingFormat>{mime}</{p}encodingFormat><{p}filename>{name}</{p}filename>"
            f"<{p}language>da</{p}language><{p}content>{content}</{p}content></{p}File>")


def message(files_main: list[str], files_extra: list[list[str]] = (), *, prefix: str = "memo", version: str = "1.2",
            title: str = "Du får hjælp til nye briller", notification: str | None = "Du har fået post fra kommunen.",
            sender_attention: bool = True) -> str:
    p = f"{prefix}:" if prefix else ""
    xmlns = f'xmlns:{prefix}="https://DigitalPost.dk/MeMo-1"' if prefix else 'xmlns="https://DigitalPost.dk/MeMo-1"'
    attention = f"""<{p}AttentionData>
        <{p}AttentionPerson><{p}personID>ms</{p}personID><{p}label>Mette Sørensen</{p}label></{p}AttentionPerson>
        <{p}EMail><{p}emailAddress>sundhed@eksempel-kommune.dk</{p}emailAddress></{p}EMail>
        <{p}Telephone><{p}telephoneNumber>87654321</{p}telephoneNumber></{p}Telephone>
        <{p}ContentResponsible><{p}contentResponsibleID>SUN</{p}contentResponsibleID>
          <{p}label>Sundhed og Omsorg, Hjælpemidler</{p}label></{p}ContentResponsible>
        <grd:UnstructuredAddress><grd:unstructured>Rådhuspladsen 1, 9999 Eksempelby</grd:unstructured>
        </grd:UnstructuredAddress></{p}AttentionData>""" if sender_attention else ""
    notif = f"<{p}notification>{notification}</{p}notification>" if notification else ""
    extra = "".join(f"<{p}AdditionalDocument><{p}label>Bilag {i}</{p}label>{''.join(fs)}</{p}AdditionalDocument>"
                    for i, fs in enumerate(files_extra, 1))
    return f"""<{p}Message {xmlns} xmlns:grd="https://data.gov.dk/model/core/" memoVersion="{version}">
  <{p}MessageHeader><{p}messageType>DIGITALPOST</{p}messageType>
    <{p}messageUUID>017a682a-385d-41ff-8336-02872b76721f</{p}messageUUID>
    <{p}label>{title}</{p}label>{notif}
    <{p}mandatory>false</{p}mandatory><{p}legalNotification>false</{p}legalNotification>
    <{p}Sender><{p}senderID>11223344</{p}senderID><{p}idType>CVR</{p}idType><{p}label>Eksempel Kommune</{p}label>
      {attention}</{p}Sender>
    <{p}Recipient><{p}recipientID>0101010000</{p}recipientID><{p}idType>CPR</{p}idType>
      <{p}label>Jens Jensen</{p}label></{p}Recipient>
  </{p}MessageHeader>
  <{p}MessageBody><{p}createdDateTime>2025-05-12T08:30:00Z</{p}createdDateTime>
    <{p}MainDocument><{p}label>Afgørelse om tilskud</{p}label>{''.join(files_main)}</{p}MainDocument>{extra}
  </{p}MessageBody>
</{p}Message>"""


def text_file(prefix="memo"):
    return file_xml(prefix, "text/plain", "afgoerelse.txt", LETTER_TXT.encode("utf-8"))


def test_memo_12_with_text_letter_and_sender_meta():
    xml = message([text_file()])
    doc = read_bytes(xml.encode("utf-8"))
    assert doc.format == "memo"
    kinds = [(b.kind, b.source, doc.text[b.start:b.end]) for b in doc.blocks]
    assert kinds[0] == ("title", "titel", "Du får hjælp til nye briller")
    assert kinds[1] == ("paragraph", "notifikation", "Du har fået post fra kommunen.")
    assert ("heading", "hoveddokument, titel", "Afgørelse om tilskud") in kinds
    assert any(s.startswith("afgoerelse.txt, afsnit") and "NemKonto" in t for _, s, t in kinds)
    assert doc.meta["sender"] == {"label": "Eksempel Kommune", "unit": "Sundhed og Omsorg, Hjælpemidler",
                                  "person": "Mette Sørensen", "phone": "87654321",
                                  "email": "sundhed@eksempel-kommune.dk"}
    assert doc.meta["recipient_kind"] == "person"
    assert doc.meta["title"] == "Du får hjælp til nye briller"
    assert doc.meta["notification"] == "Du har fået post fra kommunen."
    assert doc.meta["files"] == [{"document": "main", "label": "Afgørelse om tilskud", "filename": "afgoerelse.txt",
                                  "mime": "text/plain", "format": "text", "chars": len(LETTER_TXT)}]
    assert "0101010000" not in str(doc.meta)  # the recipient's CPR is never kept
    for b in doc.blocks:
        assert doc.text[b.start:b.end].strip() == doc.text[b.start:b.end]


def test_namespace_matched_by_uri_not_prefix_and_bom_tolerated():
    for prefix in ("memo", "m", ""):
        xml = message([text_file(prefix)], prefix=prefix)
        data = codecs.BOM_UTF8 + ('<?xml version="1.0" encoding="UTF-8"?>\n' + xml).encode("utf-8")
        assert sniff(data) == "memo"
        doc = read_any(data, Config())
        assert doc.meta["sender"]["person"] == "Mette Sørensen"
        assert "NemKonto" in doc.text


def test_memo_11_in_kombi_request_envelope_with_pdf_and_docx_attachments():
    xml = message([file_xml("memo", "application/pdf", "afgoerelse.pdf", letter_pdf())],
                  [[file_xml("memo", "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
                             "bilag.docx", letter())]], version="1.1", sender_attention=False)
    wrapped = f"<kombi_request><KombiValgKode>Digital Post</KombiValgKode>{xml}</kombi_request>"
    doc = read_any(wrapped.encode("utf-8"), Config())
    assert doc.format == "memo"
    assert doc.meta["memo_version"] == "1.1"
    sources = [b.source for b in doc.blocks]
    assert "afgoerelse.pdf, side 1" in sources and "afgoerelse.pdf, side 2" in sources
    assert any(s.startswith("bilag.docx, ") for s in sources)
    assert "bilag 1, titel" in sources
    assert "Klagevejledning" in doc.text and "Afgørelse om boligstøtte" in doc.text
    assert [f["format"] for f in doc.meta["files"]] == ["pdf", "docx"]
    assert doc.meta["sender"] == {"label": "Eksempel Kommune", "unit": None, "person": None, "phone": None,
                                  "email": None}
    page = next(b for b in doc.blocks if b.source == "afgoerelse.pdf, side 2")
    assert page.meta == {"file": 0, "page": 2}


def test_html_main_document_and_cp1252_text():
    html = "<html><body><h1>Svar på din ansøgning</h1><p>Vi har behandlet din ansøgning. Du får ret.</p></body></html>"
    xml = message([file_xml("memo", "text/html", "besked.html", html.encode("utf-8")),
                   file_xml("memo", "text/plain", "gammel.txt", "Kære Søren. Du får svar i næste uge.".encode(
                       "cp1252"))])
    doc = read_bytes(xml.encode("utf-8"))
    assert "Svar på din ansøgning" in doc.text
    assert "Kære Søren. Du får svar i næste uge." in doc.text
    assert any(b.kind == "heading" and b.source.startswith("besked.html") for b in doc.blocks)


def test_placeholder_content_and_unsupported_attachment_are_recorded_not_fatal():
    xml = message([text_file(), file_xml("memo", "application/pdf", "tom.pdf", None)],
                  [[file_xml("memo", "application/msword", "gammel.doc", b"\xd0\xcf\x11\xe0 old word")]])
    doc = read_bytes(xml.encode("utf-8"))
    errors = {f["filename"]: f.get("error") for f in doc.meta["files"]}
    assert errors == {"afgoerelse.txt": None, "tom.pdf": "empty", "gammel.doc": "unsupported"}


def test_scanned_main_letter_is_an_error_not_a_silent_pass():
    xml = message([file_xml("memo", "application/pdf", "scan.pdf", scanned_pdf())])
    with pytest.raises(InputError) as e:
        read_bytes(xml.encode("utf-8"))
    assert e.value.code == "no_text"
    assert "MeMo" in e.value.message_da


def test_xml_that_is_not_memo():
    with pytest.raises(InputError) as e:
        read_bytes(b'<?xml version="1.0"?><Message xmlns="urn:other"><label>x</label></Message>')
    assert e.value.code == "unsupported"


@pytest.mark.parametrize("name", ["MeMo_Full_Example.xml", "MeMo_NemSMS.xml", "MeMo_with_attachment.xml"])
def test_public_examples(name):
    data = (DATA / name).read_bytes()
    assert sniff(data) == "memo"
    doc = read_bytes(data)
    assert doc.blocks[0].kind == "title"
    assert doc.meta["title"] == doc.text[doc.blocks[0].start:doc.blocks[0].end]
    assert doc.meta["sender"]["label"]
    if name == "MeMo_Full_Example.xml":
        assert doc.meta["sender"] == {"label": "Kommunen", "unit": "Børnehaven, Tusindfryd", "person": "Hans Hansen",
                                      "phone": "12345678", "email": "info@tusindfryd.dk"}
        assert doc.meta["notification"].startswith("Du har fået digitalpost fra Kommunen")
        assert {f["filename"]: f.get("error") for f in doc.meta["files"]}["Pladsanvisning.txt"] is None
    if name == "MeMo_NemSMS.xml":
        assert doc.meta["message_type"] == "NEMSMS"
        assert [b.source for b in doc.blocks] == ["titel", "notifikation"]


def test_public_minimum_example_has_a_placeholder_pdf():
    with pytest.raises(InputError) as e:
        read_bytes((DATA / "MeMo_Minimum_Example.xml").read_bytes())
    assert e.value.code == "malformed"


def test_check_a_memo_file(tmp_path):
    path = tmp_path / "besked.xml"
    path.write_text(message([text_file()]), encoding="utf-8")
    report = lixcheck.check(path)
    assert report.meta["format"] == "memo"
    assert report.meta["sender"]["unit"] == "Sundhed og Omsorg, Hjælpemidler"
    assert report.lix.words > 10


def test_cli_checks_memo_by_content(tmp_path):
    from click.testing import CliRunner

    from lixcheck.cli import main

    path = tmp_path / "besked.dat"
    path.write_text(message([text_file()]), encoding="utf-8")
    result = CliRunner().invoke(main, ["check", "--format", "json", "--fail-on", "never", str(path)])
    assert result.exit_code == 0, result.output
    assert '"format": "memo"' in result.output and '"unit": "Sundhed og Omsorg, Hjælpemidler"' in result.output
