"""Readers: any supported input → Document. Formats are recognised by content, not by file extension.

Each format is a small module with ``read(data: bytes, config) -> Document``; ``READERS`` maps a format name to it.
All failures are ``InputError`` with a clear message; nothing is written to disk.
"""

from __future__ import annotations

import importlib
import os
import re
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
            message_da=f"lixcheck kan ikke læse {fmt}-filer på denne installation. Installér den valgfrie pakke "
                       f"{e.name}: pip install 'lixcheck[files]'",
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


# A str is text and is never opened as a file (a server that passes user text to check() must not read its own
# files). A one-line str that looks like a file name is refused instead of being checked as a two-word "letter".
FILE_EXTENSIONS = ("txt", "text", "md", "docx", "docm", "dotx", "doc", "odt", "rtf", "pdf", "xml", "htm", "html",
                   "eml", "msg", "jsonl", "csv")
_FILE_NAME = re.compile(r"[^\n]*\.(?:" + "|".join(FILE_EXTENSIONS) + r")", re.IGNORECASE)
_PATH_START = re.compile(r"(?:/|\./|\.\./|~[/\\]|\.\\|\.\.\\|\\\\|[A-Za-z]:[/\\])\S*")


def looks_like_file_name(text: str) -> bool:
    """True for a str that is most likely a file name given where text was meant: one line of at most 1,024
    characters (surrounding whitespace ignored) that either ends in a document file extension (``brev.txt``,
    ``Afgørelse om tilskud.docx``; FILE_EXTENSIONS, any case) or starts like a path and has no whitespace
    (``/data/brev``, ``./brev``, ``~/brev``, ``C:\\breve\\brev``). Such a str is refused by check(), never opened."""
    s = text.strip()
    if not s or len(s) > MAX_PATH_LENGTH or "\n" in s:
        return False
    return bool(_FILE_NAME.fullmatch(s) or _PATH_START.fullmatch(s))


def file_name_error(text: str) -> InputError:
    name = text.strip()
    return InputError(
        f"{name!r} looks like a file name, and a str is always text: to check a file, use check_file(name) or "
        "check(pathlib.Path(name)); to check this text as it is, Checker().check_text(text)",
        code="file_name",
        message_da=f"»{name}« ligner et filnavn, ikke et brev. Angiv filen som en sti (pathlib.Path) eller "
                   "brug check_file().",
    )


def read_path(path, config: Config, *, format: str | None = None) -> Document:
    """A Document from a file (os.PathLike or str: here a str is a path); InputError when it cannot be read."""
    return read_bytes(file_bytes(path, config), config, name=str(path), format=format)


def file_bytes(path, config: Config) -> bytes:
    """The bytes of a file, its size checked first; InputError (code unreadable, too_large) when it cannot be read."""
    path = Path(path)
    try:
        size = path.stat().st_size
        if size > config.max_bytes:
            raise too_large(size, config.max_bytes)
        data = path.read_bytes()
    except FileNotFoundError:
        raise InputError(f"no such file: {path.name}", code="unreadable",
                         message_da=f"Filen {path.name} findes ikke.") from None
    except IsADirectoryError:
        raise InputError(f"{path.name} is a folder, not a file", code="unreadable",
                         message_da=f"{path.name} er en mappe, ikke en fil.") from None
    except OSError as e:
        raise InputError(f"cannot read {path.name}: {e.strerror}", code="unreadable",
                         message_da=f"Filen {path.name} kan ikke læses.") from None
    return data


def read(source, config: Config, *, format: str | None = None) -> Document:
    """A Document from text (str), a path (os.PathLike) or bytes. A str is text and never opened as a file; a
    one-line str that looks like a file name (looks_like_file_name) is an InputError with code ``file_name``,
    unless ``format="text"`` says it is text for sure (the web's pasted text)."""
    if isinstance(source, Document):
        return source
    if isinstance(source, str) and format == "text":  # text for sure (the web's pasted text): never a file name
        if len(source) > config.max_bytes:
            raise too_large(len(source), config.max_bytes)
        return read_text(source)
    if isinstance(source, os.PathLike):
        return read_path(source, config, format=format)
    if isinstance(source, bytes | bytearray | memoryview):
        return read_bytes(bytes(source), config, format=format)
    if isinstance(source, str):
        if len(source) > config.max_bytes:
            raise too_large(len(source), config.max_bytes)
        if looks_like_file_name(source):
            raise file_name_error(source)
        if format and format != "text":
            return read_bytes(source.encode("utf-8"), config, format=format)
        return read_text(source)
    raise TypeError(f"check() takes text (str), a path (os.PathLike) or bytes, not {type(source).__name__}")
