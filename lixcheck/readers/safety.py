"""Safe parsing of hostile files: XML without entities, DTDs or network; zip archives with hard limits.

XML (MeMo, the parts of a .docx) is parsed with lxml's ``XMLParser(resolve_entities=False, no_network=True,
load_dtd=False)``. A document that carries a DOCTYPE at all is refused with code ``"unsafe_xml"``: none of the formats
lixcheck reads has one, and it is what billion-laughs and XXE files need. Because entities are never expanded, the
parse itself cannot blow up or fetch anything; the DOCTYPE is found on the parsed tree and the file refused.

Zip archives (.docx) are checked twice: the central directory (member count, declared sizes, encryption flags) and
the bytes actually decompressed (every member is read in chunks and the total is capped), so a zip bomb that lies in
its directory is stopped too. Nothing is written to disk; members live in memory only.
"""

from __future__ import annotations

import io
import zipfile

from lxml import etree

from ..errors import InputError

OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # OLE compound file: old .doc, or an encrypted Office file
_CHUNK = 64 * 1024

# Defaults; Config.max_zip_members / max_unzipped_bytes override them.
MAX_ZIP_MEMBERS = 2_000
MAX_UNZIPPED_BYTES = 200_000_000


def _parser(huge: bool) -> etree.XMLParser:
    # A new parser per call: lxml parsers must not be shared between threads while parsing (and they are cheap).
    return etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False, dtd_validation=False,
                           huge_tree=huge, remove_comments=False, remove_pis=True)


def unsafe_xml_error(what: str = "") -> InputError:
    return InputError(
        f"XML with a DOCTYPE/entity declarations is refused (billion laughs / XXE protection){what}",
        code="unsafe_xml",
        message_da="Filen indeholder XML med en DOCTYPE eller entitetserklæringer. Den slags XML afvises af "
                   "sikkerhedshensyn.",
    )


def has_doctype(tree: etree._ElementTree) -> bool:
    info = tree.docinfo
    return bool(info.doctype) or info.internalDTD is not None or info.externalDTD is not None


def parse_xml(data: bytes, *, huge: bool = False, what: str = "XML") -> etree._Element:
    """Parse untrusted XML bytes. ``huge`` lifts libxml2's 10 MB text-node limit (MeMo carries base64 files);
    it is safe here because entities are never expanded and the input size is capped before parsing."""
    try:
        root = etree.fromstring(data, _parser(huge))
    except etree.XMLSyntaxError as e:
        msg = str(e)
        if "entit" in msg.lower() or "doctype" in msg.lower():
            # undefined entities and entity loops: only a DOCTYPE can introduce them
            if b"<!DOCTYPE" in data or b"<!ENTITY" in data or "<!DOCTYPE".encode("utf-16-le") in data:
                raise unsafe_xml_error() from None
        raise InputError(f"{what} is not well-formed: {msg}", code="malformed",
                         message_da="Filen er ikke gyldig XML og kan ikke læses.") from None
    except ValueError as e:  # e.g. an encoding declaration lxml refuses
        raise InputError(f"{what} cannot be parsed: {e}", code="malformed",
                         message_da="Filen er ikke gyldig XML og kan ikke læses.") from None
    if has_doctype(root.getroottree()):
        raise unsafe_xml_error()
    return root


_DOCTYPE_MARKERS = (b"<!DOCTYPE", "<!DOCTYPE".encode("utf-16-le"), "<!DOCTYPE".encode("utf-16-be"))


def check_xml_part(data: bytes) -> None:
    """Refuse an XML part with a DOCTYPE before another library (python-docx) parses it.

    A fast byte search first; only when the marker occurs is the part parsed (safely) to be sure."""
    if any(marker in data for marker in _DOCTYPE_MARKERS):
        try:
            root = etree.fromstring(data, _parser(False))
        except (etree.XMLSyntaxError, ValueError):
            raise unsafe_xml_error() from None
        if has_doctype(root.getroottree()):
            raise unsafe_xml_error()


def zip_bomb_error(detail: str) -> InputError:
    return InputError(
        f"archive refused: {detail}",
        code="zip_bomb",
        message_da="Filen pakker sig ud til alt for meget data (eller alt for mange dele) og afvises af "
                   "sikkerhedshensyn.",
    )


def encrypted_error() -> InputError:
    return InputError(
        "the file is encrypted (password protected); save it without a password",
        code="encrypted",
        message_da="Filen er krypteret eller beskyttet med adgangskode. Gem den uden adgangskode, og prøv igen.",
    )


def read_zip(data: bytes, *, max_members: int = MAX_ZIP_MEMBERS,
             max_unzipped: int = MAX_UNZIPPED_BYTES) -> dict[str, bytes]:
    """All members of a zip archive in memory, refusing bombs: member count and sizes from the directory,
    and the bytes actually decompressed, are both capped."""
    try:
        zf = zipfile.ZipFile(io.BytesIO(data))
    except (zipfile.BadZipFile, OSError, ValueError, EOFError) as e:
        raise InputError(f"not a readable zip/.docx file: {e}", code="malformed",
                         message_da="Filen er beskadiget og kan ikke læses som et Word-dokument.") from None
    with zf:
        infos = zf.infolist()
        if len(infos) > max_members:
            raise zip_bomb_error(f"{len(infos)} members (limit {max_members})")
        declared = sum(i.file_size for i in infos)
        if declared > max_unzipped:
            raise zip_bomb_error(f"declares {declared:,} bytes unpacked (limit {max_unzipped:,})")
        if any(i.flag_bits & 0x1 for i in infos):
            raise encrypted_error()
        members: dict[str, bytes] = {}
        total = 0
        for info in infos:
            if info.is_dir():
                continue
            buf = bytearray()
            try:
                with zf.open(info) as fh:
                    while True:
                        chunk = fh.read(_CHUNK)
                        if not chunk:
                            break
                        total += len(chunk)
                        buf += chunk
                        if total > max_unzipped:
                            raise zip_bomb_error(f"unpacks to more than {max_unzipped:,} bytes")
                        if len(buf) > info.file_size:
                            raise zip_bomb_error(f"member {info.filename!r} unpacks beyond its declared size")
            except InputError:
                raise
            except Exception as e:  # BadZipFile, zlib.error, EOFError … from a corrupt or encrypted stream
                if isinstance(e, RuntimeError) and "encrypt" in str(e).lower():
                    raise encrypted_error() from None
                raise InputError(f"zip member {info.filename!r} cannot be read: {e}", code="malformed",
                                 message_da="Filen er beskadiget og kan ikke læses som et Word-dokument.") from None
            members[info.filename] = bytes(buf)
    return members


def write_zip(members: dict[str, bytes]) -> bytes:
    """An in-memory zip of already-checked members (stored, not compressed: it is only read back at once)."""
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_STORED) as zf:
        for name, payload in members.items():
            zf.writestr(name, payload)
    return out.getvalue()


def is_ole(data: bytes) -> bool:
    return data[:8] == OLE_MAGIC


def ole_error(data: bytes) -> InputError:
    """An OLE compound file: an encrypted .docx (EncryptedPackage stream) or an old binary .doc."""
    # Directory entry names are UTF-16-LE; an encrypted OOXML file has "EncryptedPackage" and "EncryptionInfo".
    if "EncryptedPackage".encode("utf-16-le") in data or "EncryptionInfo".encode("utf-16-le") in data:
        return encrypted_error()
    return InputError(
        "old binary Office format (.doc) is not supported; save the letter as .docx",
        code="unsupported",
        message_da="Filen er i det gamle Word-format (.doc). Gem brevet som .docx, og prøv igen.",
    )
