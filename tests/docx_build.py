"""Real .docx files for the tests, built with python-docx plus raw WordprocessingML where python-docx has no API
(text boxes, content controls, merge fields). Shared by test_docx.py, test_annotate.py and test_safety.py."""

from __future__ import annotations

import io
import zipfile

import docx
from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls

NS = " ".join([nsdecls("w", "wp", "a", "pic", "r"),
               'xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006"',
               'xmlns:v="urn:schemas-microsoft-com:vml"'])
WPS = 'xmlns:wps="http://schemas.microsoft.com/office/word/2010/wordprocessingShape"'


def save(document) -> bytes:
    buf = io.BytesIO()
    document.save(buf)
    return buf.getvalue()


def append_xml(document, xml: str):
    el = parse_xml(xml)
    document.element.body.insert(len(document.element.body) - 1, el)  # before the final sectPr
    return el


def text_box_paragraph(text: str) -> str:
    """A paragraph anchoring a DrawingML text box, with the VML fallback Word writes (same text twice)."""
    return f"""
<w:p {NS} {WPS}><w:r><mc:AlternateContent>
  <mc:Choice Requires="wps"><w:drawing><wp:anchor distT="0" distB="0" distL="0" distR="0" simplePos="0"
      relativeHeight="1" behindDoc="0" locked="0" layoutInCell="1" allowOverlap="1">
    <wp:simplePos x="0" y="0"/><wp:positionH relativeFrom="column"><wp:posOffset>0</wp:posOffset></wp:positionH>
    <wp:positionV relativeFrom="paragraph"><wp:posOffset>0</wp:posOffset></wp:positionV>
    <wp:extent cx="2000000" cy="500000"/><wp:effectExtent l="0" t="0" r="0" b="0"/><wp:wrapSquare wrapText="bothSides"/>
    <wp:docPr id="10" name="Tekstboks 1"/><wp:cNvGraphicFramePr/>
    <a:graphic><a:graphicData uri="http://schemas.microsoft.com/office/word/2010/wordprocessingShape">
      <wps:wsp><wps:cNvSpPr txBox="1"/><wps:spPr><a:xfrm><a:off x="0" y="0"/><a:ext cx="2000000" cy="500000"/></a:xfrm>
        <a:prstGeom prst="rect"><a:avLst/></a:prstGeom></wps:spPr>
        <wps:txbx><w:txbxContent><w:p><w:r><w:t>{text}</w:t></w:r></w:p></w:txbxContent></wps:txbx>
        <wps:bodyPr/></wps:wsp>
    </a:graphicData></a:graphic></wp:anchor></w:drawing></mc:Choice>
  <mc:Fallback><w:pict><v:shape id="tb1" style="width:200pt;height:50pt"><v:textbox>
    <w:txbxContent><w:p><w:r><w:t>{text}</w:t></w:r></w:p></w:txbxContent></v:textbox></v:shape></w:pict></mc:Fallback>
</mc:AlternateContent></w:r><w:r><w:t>Teksten ved siden af boksen.</w:t></w:r></w:p>"""


def merge_fields_paragraph() -> str:
    """A simple MERGEFIELD (Word's own «Navn» result) and a complex MERGEFIELD without a result."""
    return f"""
<w:p {NS}><w:r><w:t xml:space="preserve">Kære </w:t></w:r>
  <w:fldSimple w:instr=" MERGEFIELD Fornavn \\* MERGEFORMAT "><w:r><w:t>«Fornavn»</w:t></w:r></w:fldSimple>
  <w:r><w:t xml:space="preserve">, du bor på </w:t></w:r>
  <w:r><w:fldChar w:fldCharType="begin"/></w:r>
  <w:r><w:instrText xml:space="preserve"> MERGEFIELD Adresse </w:instrText></w:r>
  <w:r><w:fldChar w:fldCharType="end"/></w:r><w:r><w:t>.</w:t></w:r></w:p>"""


def content_controls_paragraph() -> str:
    """A filled content control and one that still shows its placeholder text."""
    return f"""
<w:p {NS}><w:r><w:t xml:space="preserve">Sagsbehandler: </w:t></w:r>
  <w:sdt><w:sdtPr><w:alias w:val="Sagsbehandler"/><w:tag w:val="sb"/></w:sdtPr>
    <w:sdtContent><w:r><w:t>Mette Sørensen</w:t></w:r></w:sdtContent></w:sdt>
  <w:r><w:t xml:space="preserve">, telefon </w:t></w:r>
  <w:sdt><w:sdtPr><w:alias w:val="Telefon"/><w:showingPlcHdr/></w:sdtPr>
    <w:sdtContent><w:r><w:t>Klik eller tryk her for at skrive tekst.</w:t></w:r></w:sdtContent></w:sdt>
  <w:r><w:t>.</w:t></w:r></w:p>"""


def tracked_changes_paragraph() -> str:
    return f"""
<w:p {NS}><w:r><w:t xml:space="preserve">Du får svar </w:t></w:r>
  <w:del w:id="1" w:author="x" w:date="2025-01-01T00:00:00Z"><w:r><w:delText>snarest </w:delText></w:r></w:del>
  <w:ins w:id="2" w:author="x" w:date="2025-01-01T00:00:00Z">
    <w:r><w:t xml:space="preserve">inden 14 dage</w:t></w:r></w:ins>
  <w:r><w:t>.</w:t></w:r></w:p>"""


def letter() -> bytes:
    """A realistic decision letter with everything the reader must handle."""
    d = docx.Document()
    sec = d.sections[0]
    sec.header.paragraphs[0].text = "Eksempel Kommune, Borgerservice"
    sec.footer.paragraphs[0].text = "Rådhuspladsen 1, 9999 Eksempelby. Telefon 87 65 43 21."
    d.add_paragraph("Jens Jensen")
    d.add_paragraph("Vejen 1")
    d.add_paragraph("9999 Eksempelby")
    d.add_paragraph("")
    d.add_heading("Afgørelse om boligstøtte", 1)
    p = d.add_paragraph("Vi har ")
    p.add_run("modtaget").bold = True
    p.add_run(" din ansøgning om boligstøtte. Ansøgningen er blevet fremsendt til behandling i afdelingen.")
    d.add_paragraph("Du skal sende lønsedler for de sidste tre måneder.", style="List Bullet")
    d.add_paragraph("Du skal sende din lejekontrakt.", style="List Number")
    t = d.add_table(rows=2, cols=2)
    t.cell(0, 0).text = "Beløb"
    t.cell(0, 1).text = "Fra"
    t.cell(1, 1).text = "Du får 1.200 kr. om måneden fra den 1. maj 2025, fordi din husleje er steget."
    t.cell(1, 0).paragraphs[0].text = "Ydelse"
    inner = t.cell(1, 0).add_table(rows=1, cols=1)
    inner.cell(0, 0).text = "Indlejret celle"
    append_xml(d, text_box_paragraph("Vigtigt: Svar inden 14 dage."))
    append_xml(d, merge_fields_paragraph())
    append_xml(d, content_controls_paragraph())
    append_xml(d, tracked_changes_paragraph())
    d.add_paragraph("Venlig hilsen")
    d.add_paragraph("Mette Sørensen")
    d.add_paragraph("Sagsbehandler")
    return save(d)


def rezip(data: bytes, change) -> bytes:
    """A copy of a zip with ``change(members: dict[str, bytes])`` applied."""
    with zipfile.ZipFile(io.BytesIO(data)) as zf:
        members = {i.filename: zf.read(i) for i in zf.infolist()}
    change(members)
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as zf:
        for name, payload in members.items():
            zf.writestr(name, payload)
    return out.getvalue()


def as_docm(data: bytes) -> bytes:
    def change(m):
        m["[Content_Types].xml"] = m["[Content_Types].xml"].replace(
            b"application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml",
            b"application/vnd.ms-word.document.macroEnabled.main+xml").replace(
            b"<Default Extension=\"xml\"",
            b"<Default Extension=\"bin\" ContentType=\"application/vnd.ms-office.vbaProject\"/>"
            b"<Default Extension=\"xml\"")
        m["word/vbaProject.bin"] = b"\xd0\xcf\x11\xe0 not really a macro project"
        rels = m["word/_rels/document.xml.rels"]
        m["word/_rels/document.xml.rels"] = rels.replace(
            b"</Relationships>",
            b'<Relationship Id="rIdVba" Type="http://schemas.microsoft.com/office/2006/relationships/vbaProject"'
            b' Target="vbaProject.bin"/></Relationships>')

    return rezip(data, change)


def with_footnote(note_text: str) -> bytes:
    """A letter whose first sentence has a footnote (python-docx has no footnote API: the part is added by hand)."""
    d = docx.Document()
    append_xml(d, f"""<w:p {NS}><w:r><w:t>Du har ret til hjælp efter serviceloven.</w:t></w:r>
      <w:r><w:rPr><w:rStyle w:val="FootnoteReference"/></w:rPr><w:footnoteReference w:id="1"/></w:r></w:p>""")
    d.add_paragraph("Vi kontakter dig, når vi har set på din sag, og du får svar inden fire uger.")
    w_ns = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
    notes = f"""<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<w:footnotes xmlns:w="{w_ns}">
  <w:footnote w:type="separator" w:id="-1"><w:p><w:r><w:separator/></w:r></w:p></w:footnote>
  <w:footnote w:type="continuationSeparator" w:id="0"><w:p><w:r><w:continuationSeparator/></w:r></w:p></w:footnote>
  <w:footnote w:id="1"><w:p><w:r><w:footnoteRef/></w:r><w:r><w:t xml:space="preserve"> {note_text}</w:t></w:r></w:p>
  </w:footnote></w:footnotes>""".encode()

    def change(m):
        m["word/footnotes.xml"] = notes
        m["word/_rels/document.xml.rels"] = m["word/_rels/document.xml.rels"].replace(
            b"</Relationships>",
            b'<Relationship Id="rIdFn" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/'
            b'footnotes" Target="footnotes.xml"/></Relationships>')
        m["[Content_Types].xml"] = m["[Content_Types].xml"].replace(
            b"</Types>",
            b'<Override PartName="/word/footnotes.xml" ContentType="application/vnd.openxmlformats-officedocument.'
            b'wordprocessingml.footnotes+xml"/></Types>')

    return rezip(save(d), change)
