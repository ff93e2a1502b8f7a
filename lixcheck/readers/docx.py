"""Word (.docx, also .docm/.dotx) → Document, with a map from every character back to its paragraph and run.

What is read, in reading order: headers (source "sidehoved"), the body — paragraphs, tables (nested tables too;
source "tabel 2, række 3, celle 1"), content controls, text boxes (source "tekstboks", placed after the paragraph
that anchors them) — footnotes and endnotes ("fodnote 1", after the body) and footers ("sidefod"). Deleted tracked
changes and field instructions are left out; inserted tracked changes and field results are read as Word shows them.

Template placeholders stay visible so the placeholder rule reports them, written the way Word itself shows an
unmerged merge field: a MERGEFIELD becomes «Navn» (its field name in « »), and a content control that still shows
its placeholder becomes «Titel» (its title, else its tag, else «Felt»; spaces written as "_", so «Modtagers_navn»).

Block kinds: Word heading styles (Heading n / Overskrift n, outline levels) → "heading", Title → "title", numbered or
bulleted paragraphs → "list_item"; other paragraphs go through the plain-text segmenter, and runs of consecutive
short one-line paragraphs (an address, a signature) are grouped into one "lines" block.

``Block.meta`` holds ``{"part": "word/document.xml", "runs": [[start, length, paragraph_index, run_index], …]}``
where start is the offset in ``Document.text`` and the indexes count ``w:p`` / ``w:r`` elements of that part in
document order (run_index is None for a placeholder that has no run of its own). The annotated-.docx writer uses the
same extraction (``extract``) on the live XML, so its offsets are the reader's offsets.

Macro-enabled files (.docm) are read: the macros are never run or parsed, the text is checked as usual and
``Document.meta["macros"]`` is True. Encrypted files and old binary .doc files are refused with a clear error.
"""

from __future__ import annotations

import bisect
import io
import threading
from dataclasses import dataclass, field

from lxml import etree

from ..document import HEADING, LINES, LIST_ITEM, PARAGRAPH, TABLE_CELL, TITLE, Block, Document
from ..errors import InputError
from . import safety
from .text import LINES_MAX_WORDS, classify_lines, segment_paragraph

W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
MC_NS = "http://schemas.openxmlformats.org/markup-compatibility/2006"
CT_NS = "http://schemas.openxmlformats.org/package/2006/content-types"
REL_NS = "http://schemas.openxmlformats.org/package/2006/relationships"
R_NS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
XML_SPACE = "{http://www.w3.org/XML/1998/namespace}space"


def w(tag: str) -> str:
    return f"{{{W_NS}}}{tag}"


W_P, W_R, W_T, W_TBL, W_TR, W_TC, W_SDT = w("p"), w("r"), w("t"), w("tbl"), w("tr"), w("tc"), w("sdt")
W_PPR, W_RPR, W_TXBX = w("pPr"), w("rPr"), w("txbxContent")
W_VAL = w("val")
MC_ALT, MC_CHOICE, MC_FALLBACK = f"{{{MC_NS}}}AlternateContent", f"{{{MC_NS}}}Choice", f"{{{MC_NS}}}Fallback"

WML_CT = "application/vnd.openxmlformats-officedocument.wordprocessingml"
DOCX_MAIN = f"{WML_CT}.document.main+xml"
WORD_MAIN_TYPES = {
    DOCX_MAIN: "docx",
    "application/vnd.ms-word.document.macroEnabled.main+xml": "docm",
    "application/vnd.openxmlformats-officedocument.wordprocessingml.template.main+xml": "dotx",
    "application/vnd.ms-word.template.macroEnabledTemplate.main+xml": "dotm",
}
VBA_REL = "http://schemas.microsoft.com/office/2006/relationships/vbaProject"

# Paragraph-level containers whose children are read as if they stood in the paragraph.
_TRANSPARENT = {w("hyperlink"), w("smartTag"), w("customXml"), w("ins"), w("moveTo"), w("dir"), w("bdo")}
_SKIPPED = {w("del"), w("moveFrom"), W_PPR, w("proofErr"), w("bookmarkStart"), w("bookmarkEnd")}
_CHAR = {w("tab"): "\t", w("ptab"): "\t", w("noBreakHyphen"): "-", w("br"): "\n", w("cr"): "\n"}
_SENTENCE_END = ".!?…:;"


def not_word_error(what: str = "a zip archive") -> InputError:
    return InputError(
        f"{what} that is not a Word document (.docx)",
        code="unsupported",
        message_da="Filen er ikke et Word-dokument (.docx). lixcheck læser .docx, PDF, MeMo (XML), HTML og tekst.",
    )


# ---------------------------------------------------------------------------------------------------- package


@dataclass
class Package:
    document: object  # docx.document.Document
    flavour: str  # docx | docm | dotx | dotm
    macros: bool


@dataclass
class Members:
    """The checked parts of a Word package, in memory."""

    parts: dict[str, bytes]
    main: str  # part name of the main document, e.g. "word/document.xml"
    flavour: str
    macros: bool
    content_types: dict[str, str] = field(default_factory=dict)  # part name → content type (overrides)


def _limits(config) -> tuple[int, int]:
    members = getattr(config, "max_zip_members", safety.MAX_ZIP_MEMBERS)
    unzipped = getattr(config, "max_unzipped_bytes", safety.MAX_UNZIPPED_BYTES)
    return members, unzipped


def _rels_name(part: str) -> str:
    folder, _, base = part.rpartition("/")
    return f"{folder}/_rels/{base}.rels" if folder else f"_rels/{base}.rels"


def checked_members(data: bytes, config=None) -> Members:
    """Unzip untrusted bytes with the zip limits, refuse DOCTYPEs in any XML part, find the main document.

    For .docm/.dotx/.dotm the main content type is set to .docx's and the macro part is unlinked (in memory), so
    python-docx opens the package and a saved copy (the annotated output) is a plain .docx without macros."""
    if safety.is_ole(data):
        raise safety.ole_error(data)
    max_members, max_unzipped = _limits(config)
    members = safety.read_zip(data, max_members=max_members, max_unzipped=max_unzipped)
    # The XML that gets parsed counts against the input limit like any input: a small, valid .docx can unpack to
    # tens of MB of text (minutes and GBs to parse and check); pictures and other binary parts are not parsed.
    xml_size = sum(len(payload) for name, payload in members.items() if name.endswith((".xml", ".rels")))
    max_bytes = getattr(config, "max_bytes", None)
    if max_bytes and xml_size > max_bytes:
        raise InputError(f"the Word document unpacks to {xml_size:,} bytes of XML (the limit is {max_bytes:,})",
                         code="too_large", message_da="Word-dokumentet indeholder alt for meget tekst. Det må højst "
                         f"fylde {max(max_bytes // 1_000_000, 1)} MB, når det er pakket ud.")
    for name, payload in members.items():
        if name.endswith((".xml", ".rels")):
            safety.check_xml_part(payload)
    ct_xml = members.get("[Content_Types].xml")
    if ct_xml is None:
        raise not_word_error()
    ct_root = safety.parse_xml(ct_xml, what="[Content_Types].xml")
    main_part = flavour = None
    for ov in ct_root.iter(f"{{{CT_NS}}}Override"):
        kind = WORD_MAIN_TYPES.get(ov.get("ContentType", ""))
        if kind:
            main_part, flavour = ov.get("PartName", "").lstrip("/"), kind
            if flavour != "docx":
                ov.set("ContentType", DOCX_MAIN)
            break
    if main_part is None or main_part not in members:
        raise not_word_error()
    macros = False
    if flavour != "docx":
        members["[Content_Types].xml"] = etree.tostring(ct_root, xml_declaration=True, encoding="UTF-8",
                                                        standalone=True)
        rels_name = _rels_name(main_part)
        if rels_name in members:
            rels = safety.parse_xml(members[rels_name], what=rels_name)
            for rel in list(rels.iter(f"{{{REL_NS}}}Relationship")):
                if rel.get("Type") == VBA_REL:
                    macros = True
                    rels.remove(rel)
            members[rels_name] = etree.tostring(rels, xml_declaration=True, encoding="UTF-8", standalone=True)
        macros = macros or any(n.lower().endswith("vbaproject.bin") for n in members)
    overrides = {ov.get("PartName", "").lstrip("/"): ov.get("ContentType", "")
                 for ov in ct_root.iter(f"{{{CT_NS}}}Override")}
    return Members(members, main_part, flavour, macros, overrides)


def open_package(data: bytes, config=None) -> Package:
    """A python-docx Document (for editing: the annotated copy) from untrusted bytes, after the safety checks."""
    m = checked_members(data, config)
    import docx  # python-docx (optional dependency: lixcheck[files])

    try:
        document = docx.Document(io.BytesIO(safety.write_zip(m.parts)))
    except InputError:
        raise
    except Exception as e:  # python-docx raises KeyError/ValueError/… on broken packages
        raise InputError(f"the Word document cannot be opened: {type(e).__name__}: {e}", code="malformed",
                         message_da="Word-dokumentet er beskadiget og kan ikke læses.") from None
    return Package(document, m.flavour, m.macros)


# ---------------------------------------------------------------------------------------------------- styles


@dataclass
class _Style:
    name: str = ""
    outline: int | None = None
    numbered: bool = False
    bold: bool = False
    based_on: str | None = None


def _on(el) -> bool:
    """A WordprocessingML on/off property (w:b, w:i …): present and not switched off."""
    return el is not None and el.get(W_VAL, "true").lower() not in ("0", "false", "off", "none")


def _style_table(root) -> dict[str, _Style]:
    """Style id → what matters for block kinds, from the styles part's root element (None: no styles part)."""
    if root is None:
        return {}
    raw: dict[str, _Style] = {}
    for st in root.iter(w("style")):
        sid = st.get(w("styleId"))
        if not sid:
            continue
        s = _Style()
        name = st.find(w("name"))
        s.name = (name.get(W_VAL) if name is not None else sid) or sid
        based = st.find(w("basedOn"))
        s.based_on = based.get(W_VAL) if based is not None else None
        ppr = st.find(W_PPR)
        if ppr is not None:
            ol = ppr.find(w("outlineLvl"))
            if ol is not None and (ol.get(W_VAL) or "").isdigit() and int(ol.get(W_VAL)) < 9:
                s.outline = int(ol.get(W_VAL))
            num = ppr.find(w("numPr"))
            if num is not None:
                nid = num.find(w("numId"))
                s.numbered = nid is None or nid.get(W_VAL) != "0"
        rpr = st.find(W_RPR)
        s.bold = rpr is not None and _on(rpr.find(w("b")))
        raw[sid] = s
    # Inherit outline level, numbering and bold along basedOn (bounded: style chains may loop in broken files).
    resolved: dict[str, _Style] = {}
    for sid, s in raw.items():
        cur, seen = s, {sid}
        outline, numbered, bold = s.outline, s.numbered, s.bold
        while cur.based_on and cur.based_on in raw and cur.based_on not in seen and len(seen) < 16:
            seen.add(cur.based_on)
            cur = raw[cur.based_on]
            outline = outline if outline is not None else cur.outline
            numbered = numbered or cur.numbered
            bold = bold or cur.bold
        resolved[sid] = _Style(s.name, outline, numbered, bold, s.based_on)
    return resolved


def _paragraph_style(p, styles: dict[str, _Style]) -> tuple[str | None, bool]:
    """('heading' | 'title' | 'list' | None, style is bold) for a w:p."""
    ppr = p.find(W_PPR)
    sid = None
    direct_outline = None
    direct_numbered = None
    if ppr is not None:
        ps = ppr.find(w("pStyle"))
        sid = ps.get(W_VAL) if ps is not None else None
        ol = ppr.find(w("outlineLvl"))
        if ol is not None and (ol.get(W_VAL) or "").isdigit():
            direct_outline = int(ol.get(W_VAL))
        num = ppr.find(w("numPr"))
        if num is not None:
            nid = num.find(w("numId"))
            direct_numbered = nid is None or nid.get(W_VAL) != "0"
    st = styles.get(sid or "", _Style(name=sid or ""))
    name = st.name.lower()
    sid_l = (sid or "").lower()
    bold = st.bold
    if name in ("title", "titel") or sid_l in ("title", "titel"):
        return "title", bold
    if name.startswith(("heading", "overskrift", "subtitle", "undertitel")) or sid_l.startswith(
            ("heading", "overskrift")):
        return "heading", bold
    outline = direct_outline if direct_outline is not None else st.outline
    if outline is not None and outline < 9:
        return "heading", bold
    numbered = direct_numbered if direct_numbered is not None else st.numbered
    if numbered or name.startswith(("list bullet", "list number", "opstilling")):
        return "list", bold
    return None, bold


# ---------------------------------------------------------------------------------------------------- walking


@dataclass(slots=True)
class Piece:
    """Text from one place in the XML: a run child (w:t, w:tab …) or a placeholder that has no run of its own."""

    text: str
    r: object | None  # the w:r element, None for a synthesized placeholder
    child: object | None  # the w:t/w:tab/… inside r
    first: object  # element before which a comment range starts
    last: object  # element after which it ends
    in_field: bool = False  # inside a field or content control: anchor on the whole field, never split
    start: int = 0  # offset in Document.text, set by layout


@dataclass
class _Para:
    p: object
    pieces: list[Piece]
    style: str | None
    bold: bool
    source: str
    container: str  # body | header | footer | textbox | cell:<id>
    part: str


@dataclass
class _Field:
    instr: str = ""
    state: str = "instr"  # instr | result
    begin: object = None
    buffer: list[Piece] | None = None  # MERGEFIELD result pieces, held back until the field ends


def _merge_name(instr: str) -> str | None:
    parts = instr.split()
    if len(parts) >= 2 and parts[0].upper() == "MERGEFIELD":
        return parts[1].strip('"')
    return None


def _sdt_label(sdt) -> str:
    """A content control's title (else tag, else "Felt"), written as one token like a merge-field name."""
    pr = sdt.find(w("sdtPr"))
    if pr is not None:
        for tag in ("alias", "tag"):
            el = pr.find(w(tag))
            if el is not None and (el.get(W_VAL) or "").strip():
                return "_".join(el.get(W_VAL).split())[:40]
    return "Felt"


def _showing_placeholder(sdt) -> bool:
    pr = sdt.find(w("sdtPr"))
    return pr is not None and _on(pr.find(w("showingPlcHdr")))


class _Walker:
    def __init__(self, styles: dict[str, _Style]):
        self.styles = styles
        self.paras: list[_Para] = []
        self.note_refs: list[tuple[str, str]] | None = None  # (footnote|endnote, id) while walking the body
        self.tables: dict[str, int] = {}  # per story ("" body, "sidehoved", "sidefod", "tekstboks")
        self.cells = 0

    # -- block level --------------------------------------------------------------------------------------------
    def blocks(self, parent, source: str, container: str, part: str) -> None:
        for child in parent:
            tag = child.tag
            if tag == W_P:
                self.paragraph(child, source, container, part)
            elif tag == W_TBL:
                self.table(child, source, part)
            elif tag == W_SDT:
                content = child.find(w("sdtContent"))
                if content is None:
                    continue
                if _showing_placeholder(child):
                    self.placeholder_block(child, content, source, container, part)
                else:
                    self.blocks(content, source, container, part)
            elif tag in (w("customXml"), w("ins"), w("moveTo")):
                self.blocks(child, source, container, part)
            elif tag == MC_ALT:
                choice = child.find(MC_CHOICE)
                if choice is not None:
                    self.blocks(choice, source, container, part)

    def placeholder_block(self, sdt, content, source, container, part) -> None:
        label = f"«{_sdt_label(sdt)}»"
        p = content.find(W_P)
        if p is None:
            return
        kids = [c for c in p if c.tag != W_PPR]
        if kids:
            piece = Piece(label, None, None, kids[0], kids[-1], True)
            style, bold = _paragraph_style(p, self.styles)
            self.paras.append(_Para(p, [piece], style, bold, source, container, part))

    def table(self, tbl, source: str, part: str) -> None:
        story = "" if source.startswith("tabel") else source.split(",")[0]
        self.tables[story] = self.tables.get(story, 0) + 1
        name = f"{source}, tabel {self.tables[story]}" if source else f"tabel {self.tables[story]}"
        for ri, tr in enumerate(_wrapped(tbl, W_TR), 1):
            for ci, tc in enumerate(_wrapped(tr, W_TC), 1):
                self.cells += 1
                self.blocks(tc, f"{name}, række {ri}, celle {ci}", f"cell:{self.cells}", part)

    # -- paragraph level ------------------------------------------------------------------------------------------
    def paragraph(self, p, source: str, container: str, part: str) -> None:
        style, bold = _paragraph_style(p, self.styles)
        pieces: list[Piece] = []
        boxes: list = []
        fields: list[_Field] = []
        self.content(p, pieces, boxes, fields, None)
        for f in fields:  # fields not closed in this paragraph
            if f.buffer is not None:
                pieces.extend(f.buffer)
        pieces = [pc for pc in pieces if pc.text]
        # collapse newline runs and drop a newline that starts the paragraph
        out: list[Piece] = []
        prev = "\n"
        for pc in pieces:
            if pc.text == "\n" and prev.endswith("\n"):
                continue
            out.append(pc)
            prev = pc.text
        all_bold = bold or bool(out) and all(self.run_bold(pc.r) for pc in out if pc.r is not None and
                                             pc.text.strip())
        self.paras.append(_Para(p, out, style, all_bold, source, container, part))
        for box in boxes:
            self.blocks(box, "tekstboks", "textbox", part)

    @staticmethod
    def run_bold(r) -> bool:
        rpr = r.find(W_RPR)
        return rpr is not None and _on(rpr.find(w("b")))

    @staticmethod
    def emit(piece: Piece, pieces: list[Piece], fields: list[_Field]) -> None:
        if any(f.state == "instr" for f in fields):
            return  # text of a nested field inside another field's instruction
        holder = next((f for f in reversed(fields) if f.buffer is not None), None)
        (holder.buffer if holder else pieces).append(piece)

    def content(self, parent, pieces: list[Piece], boxes: list, fields: list[_Field], anchor) -> None:
        """Paragraph content (runs and run-level containers). ``anchor`` = (first, last) element for everything
        inside a simple field, so comments wrap the field instead of splitting its result."""
        for child in parent:
            tag = child.tag
            if tag == W_R:
                self.run(child, pieces, boxes, fields, anchor)
            elif tag in _SKIPPED:
                continue
            elif tag in _TRANSPARENT:
                self.content(child, pieces, boxes, fields, anchor)
            elif tag == w("fldSimple"):
                name = _merge_name(child.get(w("instr"), ""))
                sub: list[Piece] = []
                self.content(child, sub, boxes, [], (child, child))
                if name is not None and "".join(pc.text for pc in sub) != f"«{name}»":
                    sub = [Piece(f"«{name}»", None, None, child, child, True)]
                for pc in sub:
                    pc.first = pc.last = child
                    pc.in_field = True
                    self.emit(pc, pieces, fields)
            elif tag == W_SDT:
                content = child.find(w("sdtContent"))
                if _showing_placeholder(child):
                    self.emit(Piece(f"«{_sdt_label(child)}»", None, None, child, child, True), pieces, fields)
                elif content is not None:
                    self.content(content, pieces, boxes, fields, anchor)
            elif tag == MC_ALT:
                choice = child.find(MC_CHOICE)
                if choice is not None:
                    self.content(choice, pieces, boxes, fields, anchor)

    def run(self, r, pieces: list[Piece], boxes: list, fields: list[_Field], anchor) -> None:
        first, last = anchor if anchor else (r, r)
        for child in r:
            tag = child.tag
            if tag == W_T:
                if child.text:
                    self.emit(Piece(child.text, r, child, first, last, anchor is not None), pieces, fields)
            elif tag in _CHAR:
                if tag == w("br") and child.get(w("type")) == "page" and not pieces:
                    continue
                self.emit(Piece(_CHAR[tag], r, child, first, last, anchor is not None), pieces, fields)
            elif tag == w("fldChar"):
                kind = child.get(w("fldCharType"))
                if kind == "begin":
                    fields.append(_Field(begin=r))
                elif kind == "separate" and fields:
                    f = fields[-1]
                    f.state = "result"
                    if _merge_name(f.instr) is not None:
                        f.buffer = []
                elif kind == "end" and fields:
                    self.end_field(fields.pop(), r, pieces, fields)
            elif tag in (w("footnoteReference"), w("endnoteReference")):
                if self.note_refs is not None and child.get(w("id")):
                    ref = (etree.QName(tag).localname[:-9], child.get(w("id")))
                    if ref not in self.note_refs:
                        self.note_refs.append(ref)
            elif tag == w("instrText"):
                if fields and fields[-1].state == "instr":
                    fields[-1].instr += child.text or ""
            elif tag in (w("drawing"), w("pict"), MC_ALT, w("object")):
                boxes.extend(_text_boxes(child))

    def end_field(self, f: _Field, end_run, pieces: list[Piece], fields: list[_Field]) -> None:
        name = _merge_name(f.instr)
        if name is None:
            return
        result = f.buffer or []
        if "".join(pc.text for pc in result) != f"«{name}»":
            result = [Piece(f"«{name}»", None, None, f.begin, end_run, True)]
        for pc in result:
            pc.first, pc.last, pc.in_field = f.begin, end_run, True
            self.emit(pc, pieces, fields)


def _text_boxes(el) -> list:
    """w:txbxContent elements under a drawing/VML object. Of mc:AlternateContent only the first branch that has
    one counts (Choice and Fallback hold the same text box twice). Boxes nested in a box are found when that box's
    paragraphs are walked."""
    out: list = []

    def visit(node) -> None:
        for child in node:
            if child.tag == W_TXBX:
                out.append(child)
            elif child.tag == MC_ALT:
                out.extend(_text_boxes(child))
            elif isinstance(child.tag, str):
                visit(child)

    if el.tag == MC_ALT:
        for branch in [*el.iterchildren(MC_CHOICE), *el.iterchildren(MC_FALLBACK)]:
            visit(branch)
            if out:
                return out
        return out
    visit(el)
    return out


# ---------------------------------------------------------------------------------------------------- layout


@dataclass
class Extracted:
    text: str
    blocks: list[Block]
    pieces: list[Piece] = field(default_factory=list)  # every non-empty piece, in text order, with .start set
    piece_part: list[str] = field(default_factory=list)  # part name per piece


@dataclass
class Story:
    root: object  # w:hdr / w:ftr element, or w:body
    part: str  # part name, e.g. "word/header1.xml"


def _story_refs(body) -> tuple[list[str], list[str]]:
    """Relationship ids of the headers and footers the sections use, in document order."""
    headers: list[str] = []
    footers: list[str] = []
    for sect in body.iter(w("sectPr")):
        for tag, out in (("headerReference", headers), ("footerReference", footers)):
            for ref in sect.iterchildren(w(tag)):
                rid = ref.get(f"{{{R_NS}}}id")
                if rid and rid not in out:
                    out.append(rid)
    return headers, footers


def _stories_from_python_docx(document) -> tuple[list[Story], Story, list[Story], object, dict[str, Story]]:
    from docx.opc.constants import RELATIONSHIP_TYPE as RT

    body = document.element.body
    href, fref = _story_refs(body)
    out: tuple[list[Story], list[Story]] = ([], [])
    seen = set()
    for refs, rt, dest in ((href, RT.HEADER, out[0]), (fref, RT.FOOTER, out[1])):
        for rid in refs:
            rel = document.part.rels.get(rid)
            if rel is None or rel.reltype != rt or rel.is_external or rel.target_part.partname in seen:
                continue
            if getattr(rel.target_part, "element", None) is None:  # wrong content type: not loaded as XML
                continue
            seen.add(rel.target_part.partname)
            dest.append(Story(rel.target_part.element, str(rel.target_part.partname).lstrip("/")))
    try:
        styles = getattr(document.part.part_related_by(RT.STYLES), "element", None)
    except KeyError:
        styles = None
    notes: dict[str, Story] = {}
    for kind, rt in (("footnote", RT.FOOTNOTES), ("endnote", RT.ENDNOTES)):
        try:
            part = document.part.part_related_by(rt)
        except KeyError:
            continue
        if part.content_type != f"{WML_CT}.{kind}s+xml":
            continue
        root = getattr(part, "element", None)
        if root is None:  # python-docx has no part class for notes: parse its bytes (comments are not put there)
            root = safety.parse_xml(part.blob, what=str(part.partname))
        notes[kind] = Story(root, str(part.partname).lstrip("/"))
    return out[0], Story(body, str(document.part.partname).lstrip("/")), out[1], styles, notes


_REL_KINDS = {f"http://schemas.openxmlformats.org/officeDocument/2006/relationships/{k}": k
              for k in ("header", "footer", "styles", "footnotes", "endnotes")}


def _stories_from_members(m: Members) -> tuple[list[Story], Story, list[Story], object, dict[str, Story]]:
    """The same as python-docx would find, from the checked parts with plain lxml (much faster for reading)."""
    import posixpath

    root = safety.parse_xml(m.parts[m.main], what=m.main)
    body = root.find(w("body"))
    if body is None:
        raise InputError("the Word document has no body", code="malformed",
                         message_da="Word-dokumentet er beskadiget og kan ikke læses.")
    rels: dict[str, tuple[str, str]] = {}
    rels_xml = m.parts.get(_rels_name(m.main))
    if rels_xml is not None:
        folder = posixpath.dirname(m.main)
        for rel in safety.parse_xml(rels_xml).iter(f"{{{REL_NS}}}Relationship"):
            if rel.get("TargetMode") == "External":
                continue
            target = rel.get("Target", "")
            name = target.lstrip("/") if target.startswith("/") else posixpath.normpath(
                posixpath.join(folder, target))
            rels[rel.get("Id", "")] = (_REL_KINDS.get(rel.get("Type", ""), ""), name)
    href, fref = _story_refs(body)
    out: tuple[list[Story], list[Story]] = ([], [])
    seen = set()
    for refs, kind, dest in ((href, "header", out[0]), (fref, "footer", out[1])):
        for rid in refs:
            kind_name = rels.get(rid)
            if not kind_name or kind_name[0] != kind or kind_name[1] in seen or kind_name[1] not in m.parts:
                continue
            if m.content_types.get(kind_name[1]) != f"{WML_CT}.{kind}+xml":
                continue  # python-docx (the annotator) would not load it as a header/footer either
            seen.add(kind_name[1])
            dest.append(Story(safety.parse_xml(m.parts[kind_name[1]], what=kind_name[1]), kind_name[1]))
    styles_name = next((n for k, n in rels.values() if k == "styles"), None)
    styles = _cached_style_table(m.parts[styles_name]) if styles_name in m.parts else {}
    notes: dict[str, Story] = {}
    for kind in ("footnote", "endnote"):
        name = next((n for k, n in rels.values() if k == f"{kind}s"), None)
        if name in m.parts and m.content_types.get(name) == f"{WML_CT}.{kind}s+xml":
            notes[kind] = Story(safety.parse_xml(m.parts[name], what=name), name)
    return out[0], Story(body, m.main), out[1], styles, notes


_STYLE_CACHE: dict[bytes, dict[str, _Style]] = {}
_STYLE_CACHE_SIZE = 64
_STYLE_LOCK = threading.Lock()


def _cached_style_table(xml: bytes) -> dict[str, _Style]:
    """Style tables by content hash: letters from one template share their styles part (style names only, no
    letter text, are kept)."""
    import hashlib

    key = hashlib.blake2b(xml, digest_size=16).digest()
    with _STYLE_LOCK:
        table = _STYLE_CACHE.get(key)
    if table is None:
        table = _style_table(safety.parse_xml(xml, what="styles.xml"))
        with _STYLE_LOCK:
            if len(_STYLE_CACHE) >= _STYLE_CACHE_SIZE:
                _STYLE_CACHE.pop(next(iter(_STYLE_CACHE)))
            _STYLE_CACHE[key] = table
    return table


def _line_like(para: _Para) -> bool:
    text = "".join(pc.text for pc in para.pieces).strip()
    return "\n" not in text and len(text.split()) <= LINES_MAX_WORDS and not text.endswith(tuple(_SENTENCE_END))


def extract(document) -> Extracted:
    """Text, blocks and the piece map of an open python-docx Document (live elements: the annotator edits them)."""
    return extract_stories(*_stories_from_python_docx(document))


def extract_stories(headers: list[Story], body: Story, footers: list[Story], styles,
                    notes: dict[str, Story] | None = None) -> Extracted:
    """``styles``: the styles part's root element, or an already built style table (dict). Footnotes and endnotes
    referenced from the body follow it, in the order of their references (source "fodnote 1", "slutnote 1")."""
    walker = _Walker(styles if isinstance(styles, dict) else _style_table(styles))
    for st in headers:
        walker.blocks(st.root, "sidehoved", "header", st.part)
    walker.note_refs = []
    walker.blocks(body.root, "", "body", body.part)
    refs, walker.note_refs = walker.note_refs, None
    numbers = {"footnote": 0, "endnote": 0}
    for kind, nid in refs:
        story = (notes or {}).get(kind)
        if story is None:
            continue
        note = next((n for n in story.root.iterchildren(w(kind)) if n.get(w("id")) == nid
                     and n.get(w("type"), "normal") == "normal"), None)
        if note is not None:
            numbers[kind] += 1
            label = "fodnote" if kind == "footnote" else "slutnote"
            walker.blocks(note, f"{label} {numbers[kind]}", "note", story.part)
    for st in footers:
        walker.blocks(st.root, "sidefod", "footer", st.part)

    # Units: groups of paragraphs that become one blank-line-separated chunk of text.
    units: list[tuple[str, list[_Para]]] = []  # (mode, paragraphs); mode: styled kind | plain | lines | cell
    i = 0
    paras = [pa for pa in walker.paras if "".join(pc.text for pc in pa.pieces).strip()]
    while i < len(paras):
        pa = paras[i]
        if pa.container.startswith("cell:"):
            j = i
            while j < len(paras) and paras[j].container == pa.container:
                j += 1
            units.append(("cell", paras[i:j]))
            i = j
        elif pa.style:
            units.append((pa.style, [pa]))
            i += 1
        elif _line_like(pa) and not pa.bold:
            j = i + 1
            while (j < len(paras) and paras[j].container == pa.container and paras[j].source == pa.source
                   and not paras[j].style and not paras[j].bold and _line_like(paras[j])
                   and _adjacent(paras[j - 1].p, paras[j].p)):
                j += 1
            units.append(("plain", paras[i:j]))
            i = j
        else:
            units.append(("plain", [pa]))
            i += 1

    chunks: list[str] = []
    pos = 0
    blocks: list[Block] = []
    pieces: list[Piece] = []
    piece_part: list[str] = []
    body_count = 0
    pending: list[tuple[str, int, int, str, str]] = []  # (mode, start, end, source, part)
    for mode, group in units:
        if chunks:
            chunks.append("\n\n")
            pos += 2
        start = pos
        for k, pa in enumerate(group):
            if k:
                chunks.append("\n")
                pos += 1
            for pc in pa.pieces:
                pc.start = pos
                chunks.append(pc.text)
                pos += len(pc.text)
                pieces.append(pc)
                piece_part.append(pa.part)
        source = group[0].source
        if not source:
            body_count += 1
            source = f"afsnit {body_count}"
        pending.append((mode, start, pos, source, group[0].part))
    text = "".join(chunks)

    for mode, start, end, source, _part in pending:
        s, e = _strip(text, start, end)
        if s >= e:
            continue
        if mode == "heading":
            blocks.append(Block(HEADING, s, e, source))
        elif mode == "title":
            blocks.append(Block(TITLE, s, e, source))
        elif mode == "list":
            blocks.append(Block(LIST_ITEM, s, e, source))
        elif mode == "cell":
            lines = [ln for ln in text[s:e].split("\n") if ln.strip()]
            kind = TABLE_CELL if classify_lines(lines) == PARAGRAPH else LINES
            blocks.append(Block(kind, s, e, source))
        else:
            segment_paragraph(text, start, end, source, blocks)
    blocks = [b for b in blocks if text[b.start:b.end].strip()]
    for b in blocks:  # a short line in a header or footer is letterhead or contact lines, not a heading
        if b.kind == HEADING and b.source.startswith(("sidehoved", "sidefod")):
            b.kind = LINES
    _attach_maps(blocks, pieces, piece_part)
    return Extracted(text, blocks, pieces, piece_part)


_INVISIBLE = {w("bookmarkStart"), w("bookmarkEnd"), w("proofErr"), w("commentRangeStart"), w("commentRangeEnd"),
              w("permStart"), w("permEnd")}


def _adjacent(p1, p2) -> bool:
    """Consecutive paragraphs of the same container (no table or other block between them; bookmarks and other
    invisible markers do not count)."""
    node = p1.getnext()
    while node is not None and node.tag in _INVISIBLE:
        node = node.getnext()
    return node is p2


def _wrapped(parent, tag: str):
    """Children with ``tag``, also those wrapped in content controls or custom XML (rows and cells can be)."""
    for child in parent:
        if child.tag == tag:
            yield child
        elif child.tag in (W_SDT, w("customXml")):
            inner = child.find(w("sdtContent")) if child.tag == W_SDT else child
            if inner is not None:
                yield from _wrapped(inner, tag)


def _strip(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end


def _attach_maps(blocks: list[Block], pieces: list[Piece], piece_part: list[str]) -> None:
    if not pieces:
        return
    # Indexes of w:p / w:r per part, in document order.
    index: dict[str, tuple[dict, dict]] = {}
    starts = [pc.start for pc in pieces]
    for b in blocks:
        lo = bisect.bisect_right(starts, b.start) - 1
        lo = max(lo, 0)
        runs = []
        part = None
        for k in range(lo, len(pieces)):
            pc = pieces[k]
            if pc.start >= b.end:
                break
            if pc.start + len(pc.text) <= b.start:
                continue
            part = part or piece_part[k]
            if part not in index:
                root = _root_of(pc.first)
                index[part] = ({el: n for n, el in enumerate(root.iter(W_P))},
                               {el: n for n, el in enumerate(root.iter(W_R))})
            p_idx, r_idx = index[part]
            para = next(pc.first.iterancestors(W_P), None)
            runs.append([pc.start, len(pc.text), p_idx.get(para), r_idx.get(pc.r) if pc.r is not None else None])
        b.meta = {"part": part, "runs": runs}


def _root_of(el):
    return el.getroottree().getroot()


# ---------------------------------------------------------------------------------------------------- reader


def _core_title(m: Members) -> str | None:
    for name in ("docProps/core.xml",):
        if name in m.parts:
            root = safety.parse_xml(m.parts[name], what=name)
            el = root.find("{http://purl.org/dc/elements/1.1/}title")
            if el is not None and el.text and el.text.strip():
                return el.text.strip()
    return None


def read_bytes(data: bytes, config=None) -> Document:
    m = checked_members(data, config)
    ex = extract_stories(*_stories_from_members(m))
    meta: dict = {}
    title = _core_title(m)
    if title:
        meta["title"] = title
    if m.flavour != "docx":
        meta["docx_flavour"] = m.flavour
    if m.macros:
        meta["macros"] = True
    return Document(text=ex.text, blocks=ex.blocks, format="docx", meta=meta)
