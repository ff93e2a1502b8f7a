"""Readers: any supported input → Document. Formats are recognised by content, not by file extension.

Each format is a small module with ``read(data: bytes, config) -> Document``; ``READERS`` maps a format name to it.
All failures are ``InputError`` with a clear message; nothing is written to disk.
"""

from __future__ import annotations

import importlib
import os
from pathlib import Path

from ..config import Config
from ..document import Document
from ..errors import InputError, too_large
from .decode import decode_bytes
from .text import read_text

# format → "module:function"; modules are imported on first use so optional dependencies stay optional.
READERS: dict[str, str] = {
    "text": "lixcheck.readers.text:read_bytes",
    "html": "lixcheck.readers.html:read_bytes",
    "docx": "lixcheck.readers.docx:read_bytes",
    "memo": "lixcheck.readers.memo:read_bytes",
    "pdf": "lixcheck.readers.pdf:read_bytes",
}
MAX_PATH_LENGTH = 1024


def sniff(data: bytes) -> str:
    """The format of raw bytes by their content."""
    head = data[:2048]
    if head.startswith(b"PK\x03\x04") or head.startswith(b"PK\x05\x06"):
        return "docx"  # any zip: the docx reader says clearly when it is not a Word document
    if head.startswith(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"):
        return "docx"  # OLE compound file: an encrypted .docx or an old .doc; the docx reader explains which
    if b"digitalpost.dk/memo-1" in data[:65536].lower():
        return "memo"  # MeMo by its namespace URI (prefix-independent), also inside a wrapper envelope
    if head.lstrip().startswith(b"%PDF-") or head.startswith(b"%PDF-"):
        return "pdf"
    try:
        start = decode_bytes(data[:4096], strict=False).lstrip("\ufeff \t\r\n").lower()
    except InputError:
        return "text"
    if start.startswith("<?xml") or start.startswith("<"):
        if "digitalpost.dk/memo" in start or ":message" in start[:600] and "memo" in start[:600]:
            return "memo"
        if start.startswith(("<!doctype html", "<html")) or "<body" in start or "<p" in start or "<div" in start:
            return "html"
        if start.startswith("<?xml"):
            return "memo" if "memo" in start else "html"
    return "text"


def _reader(fmt: str):
    module, func = READERS[fmt].split(":")
    try:
        mod = importlib.import_module(module)
    except ImportError as e:
        raise InputError(
            f"reading {fmt} files needs an optional dependency that is not installed ({e.name}); "
            "install lixcheck[files]",
            code="unsupported",
            message_da=f"lixcheck kan ikke læse {fmt}-filer på denne installation.",
        ) from None
    return getattr(mod, func)


def read_bytes(data: bytes, config: Config, *, name: str | None = None, format: str | None = None) -> Document:
    if len(data) > config.max_bytes:
        raise too_large(len(data), config.max_bytes)
    fmt = format or sniff(data)
    document = _reader(fmt)(data, config)
    if name:
        document.meta.setdefault("filename", os.path.basename(name))
    return document


def looks_like_path(source: str) -> bool:
    return "\n" not in source and 0 < len(source) <= MAX_PATH_LENGTH and os.path.isfile(source)


def read(source, config: Config, *, format: str | None = None) -> Document:
    """A Document from text (str), a path (pathlib.Path, or a str naming an existing file) or bytes."""
    if isinstance(source, Document):
        return source
    if isinstance(source, str) and format == "text":  # text for sure (the web's pasted text): never a file name
        if len(source) > config.max_bytes:
            raise too_large(len(source), config.max_bytes)
        return read_text(source)
    if isinstance(source, os.PathLike) or isinstance(source, str) and looks_like_path(source):
        path = Path(source)
        try:
            if path.stat().st_size > config.max_bytes:
                raise too_large(path.stat().st_size, config.max_bytes)
            data = path.read_bytes()
        except OSError as e:
            raise InputError(f"cannot read {path.name}: {e.strerror}", code="unreadable",
                             message_da=f"Filen {path.name} kan ikke læses.") from None
        return read_bytes(data, config, name=str(path), format=format)
    if isinstance(source, bytes | bytearray | memoryview):
        return read_bytes(bytes(source), config, format=format)
    if isinstance(source, str):
        if len(source) > config.max_bytes:
            raise too_large(len(source), config.max_bytes)
        if format and format != "text":
            return read_bytes(source.encode("utf-8"), config, format=format)
        return read_text(source)
    raise TypeError(f"check() takes text, a path or bytes, not {type(source).__name__}")
