"""MeMo (Digital Post message, versions 1.1 and 1.2) → one Document.

The message is found by its namespace URI (https://DigitalPost.dk/MeMo-1, any prefix, also inside a wrapper
envelope such as SF1601's ``kombi_request``); a UTF-8 BOM is fine. What the citizen sees is checked, in this order:
the title (``MessageHeader/label``, block kind "title", source "titel"), the notification (a paragraph, source
"notifikation"), then for the main document and each additional document its label (a heading) and its files,
decoded from base64 by MIME type — text/plain, text/html, application/pdf and .docx — each read by its own reader
and placed in the same Document (sources "afgoerelse.pdf, side 2"). Technical documents are skipped.

``Document.meta``: ``title``, ``notification``, ``sender`` {label, unit, person, phone, email} (missing → None),
``recipient_kind`` ("person" for CPR, "company" for CVR, else the idType in lower case, or None), ``message_type``,
``memo_version`` and ``files`` (one entry per file: document, label, filename, mime, format, chars, and error when
the file could not be read). No identifiers of the recipient (CPR) are kept.

A file that cannot be read is recorded with its error code and skipped; when no file of the main document could be
read (e.g. the letter is a scanned PDF), the first such error is raised, because the letter itself was not checked.
"""

from __future__ import annotations

import base64
import binascii

from lxml import etree

from ..document import HEADING, PARAGRAPH, TITLE, Block, Document
from ..errors import InputError
from . import safety

MEMO_NAMESPACES = {"https://digitalpost.dk/memo-1", "http://digitalpost.dk/memo-1"}
DOCX_MIME = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
MIME_FORMATS = {
    "text/plain": "text",
    "text/html": "html",
    "application/xhtml+xml": "html",
    "application/pdf": "pdf",
    DOCX_MIME: "docx",
}
SNIFFED_MIME = {"application/octet-stream", "binary/octet-stream", ""}
UNSUPPORTED_MIME = {"application/msword": "old Word format (.doc)"}
SKIPPED_MIME = {"text/xml", "application/xml"}  # technical documents, not for the citizen


def _local(el) -> str:
    return etree.QName(el).localname if isinstance(el.tag, str) else ""


def _is_memo_ns(el) -> bool:
    ns = etree.QName(el).namespace if isinstance(el.tag, str) else None
    return bool(ns) and ns.lower().rstrip("/") in MEMO_NAMESPACES


def _child(el, *path: str):
    """The first descendant along ``path`` of local names (namespace-independent below the Message)."""
    for name in path:
        if el is None:
            return None
        el = next((c for c in el if _local(c) == name), None)
    return el


def _children(el, name: str) -> list:
    return [] if el is None else [c for c in el if _local(c) == name]


def _text(el, *path: str) -> str | None:
    node = _child(el, *path) if path else el
    if node is None:
        return None
    value = "".join(node.itertext()).strip()
    return value or None


def not_memo_error() -> InputError:
    return InputError(
        "XML that is not a MeMo message (no Message element in the namespace https://DigitalPost.dk/MeMo-1)",
        code="unsupported",
        message_da="XML-filen er ikke en MeMo-besked fra Digital Post.",
    )


def find_message(root):
    if _local(root) == "Message" and _is_memo_ns(root):
        return root
    for el in root.iter():
        if _local(el) == "Message" and _is_memo_ns(el):
            return el
    return None


def _sender(header) -> dict:
    sender = _child(header, "Sender")
    att = _child(sender, "AttentionData")
    unit = _text(att, "ContentResponsible", "label")
    for path in (("ProductionUnit", "productionUnitName"), ("SEnumber", "companyName"), ("EID", "label"),
                 ("SORdata", "entryName"), ("GlobalLocationNumber", "location")):
        if unit:
            break
        unit = _text(att, *path)
    return {
        "label": _text(sender, "label"),
        "unit": unit,
        "person": _text(att, "AttentionPerson", "label"),
        "phone": _text(att, "Telephone", "telephoneNumber"),
        "email": _text(att, "EMail", "emailAddress"),
    }


def _recipient_kind(header) -> str | None:
    id_type = _text(header, "Recipient", "idType")
    if not id_type:
        return None
    return {"CPR": "person", "CVR": "company"}.get(id_type.upper(), id_type.lower())


def _read_file(data: bytes, fmt: str, config) -> Document:
    from . import _reader  # the READERS registry: one reader per format

    return _reader(fmt)(data, config)


def _decode_file(file_el, config) -> tuple[dict, Document | None, InputError | None]:
    mime = (_text(file_el, "encodingFormat") or "").lower().split(";")[0].strip()
    info = {"filename": _text(file_el, "filename"), "mime": mime or None, "format": None, "chars": 0}
    content = _child(file_el, "content")
    raw = "".join(content.itertext()) if content is not None else ""
    if not raw.strip():
        info["error"] = "empty"
        return info, None, None
    if mime in SKIPPED_MIME:
        info["error"] = "skipped"
        return info, None, None
    try:
        data = base64.b64decode("".join(raw.split()), validate=False)
    except (binascii.Error, ValueError):
        err = InputError("a MeMo file is not valid base64", code="malformed",
                         message_da="En fil i MeMo-beskeden kan ikke afkodes.")
        info["error"] = err.code
        return info, None, err
    fmt = MIME_FORMATS.get(mime)
    if fmt is None and mime in SNIFFED_MIME:
        from . import sniff

        fmt = sniff(data)
    if fmt is None:
        what = UNSUPPORTED_MIME.get(mime, f"file type {mime}")
        err = InputError(f"MeMo file of an unsupported type: {what}", code="unsupported",
                         message_da=f"lixcheck kan ikke læse filtypen {mime} i MeMo-beskeden.")
        info["error"] = err.code
        return info, None, err
    info["format"] = fmt
    try:
        sub = _read_file(data, fmt, config)
    except InputError as e:
        info["error"] = e.code
        return info, None, e
    info["chars"] = len(sub.text)
    return info, sub, None


class _Builder:
    def __init__(self):
        self.chunks: list[str] = []
        self.pos = 0
        self.blocks: list[Block] = []

    def _sep(self) -> None:
        if self.chunks:
            self.chunks.append("\n\n")
            self.pos += 2

    def add_block(self, text: str, kind: str, source: str) -> None:
        text = " ".join(text.split())
        if not text:
            return
        self._sep()
        self.chunks.append(text)
        self.blocks.append(Block(kind, self.pos, self.pos + len(text), source))
        self.pos += len(text)

    def add_document(self, sub: Document, prefix: str, file_index: int) -> None:
        if not sub.text.strip():
            return
        self._sep()
        shift = self.pos
        self.chunks.append(sub.text)
        self.pos += len(sub.text)
        for b in sub.blocks:
            meta = {"file": file_index}
            if "page" in b.meta:
                meta["page"] = b.meta["page"]
            source = f"{prefix}, {b.source}" if b.source else prefix
            self.blocks.append(Block(b.kind, b.start + shift, b.end + shift, source, meta))

    def text(self) -> str:
        return "".join(self.chunks)


def read_bytes(data: bytes, config=None) -> Document:
    root = safety.parse_xml(data, huge=True, what="MeMo XML")
    message = find_message(root)
    if message is None:
        raise not_memo_error()
    header = _child(message, "MessageHeader")
    body = _child(message, "MessageBody")
    title = _text(header, "label")
    notification = _text(header, "notification")
    meta: dict = {
        "title": title,
        "notification": notification,
        "sender": _sender(header),
        "recipient_kind": _recipient_kind(header),
        "message_type": _text(header, "messageType"),
        "memo_version": message.get("memoVersion"),
        "files": [],
    }
    additional = _text(header, "additionalNotification")
    if additional:
        meta["additional_notification"] = additional

    out = _Builder()
    if title:
        out.add_block(title, TITLE, "titel")
    if notification:
        out.add_block(notification, PARAGRAPH, "notifikation")

    documents = [("main", d) for d in _children(body, "MainDocument")]
    documents += [("additional", d) for d in _children(body, "AdditionalDocument")]
    main_files = main_read = 0
    main_error: InputError | None = None
    n_additional = 0
    for role, doc_el in documents:
        if role == "additional":
            n_additional += 1
        name = "hoveddokument" if role == "main" else f"bilag {n_additional}"
        label = _text(doc_el, "label")
        if label:
            out.add_block(label, HEADING, f"{name}, titel")
        for file_el in _children(doc_el, "File"):
            info, sub, err = _decode_file(file_el, config)
            info = {"document": role, "label": label, **info}
            meta["files"].append(info)
            if role == "main" and info.get("error") not in ("empty", "skipped"):
                main_files += 1
            if sub is not None:
                out.add_document(sub, info["filename"] or name, len(meta["files"]) - 1)
                if role == "main":
                    main_read += 1
            elif err is not None and role == "main" and main_error is None:
                main_error = err
    if main_files and not main_read and main_error is not None:
        raise InputError(f"the main document of the MeMo message cannot be read: {main_error}",
                         code=main_error.code, message_da=f"Brevet i MeMo-beskeden kan ikke læses: "
                         f"{main_error.message_da}") from None
    return Document(text=out.text(), blocks=out.blocks, format="memo", meta=meta)
