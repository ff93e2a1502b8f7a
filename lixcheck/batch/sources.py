"""Batch sources → a stream of small work items (ids and references, never letter text).

A source is a folder (recursively), a glob, a single letter file, a zip archive (``.zip``) or a JSONL file
(``.jsonl``/``.ndjson``) with one object per line: ``{"id", "text" | "path", "kind", "template", "sent", "date",
"sender"}`` (only ``text`` or ``path`` is required; ``path`` is relative to the JSONL file's folder).

Items carry a reference that a worker resolves itself (``("file", path)``, ``("zip", archive, member)``,
``("jsonl", file, byte_offset)``), so the parent ships paths and offsets to workers, not letter text. Everything is
generated lazily: memory stays flat however large the input.
"""

from __future__ import annotations

import glob
import json
import os
import zipfile
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

from ..checker import Checker
from ..document import Document
from ..errors import InputError, too_large

ARCHIVE_SUFFIXES = (".zip",)
JSONL_SUFFIXES = (".jsonl", ".ndjson")


@dataclass(frozen=True, slots=True)
class Item:
    id: str
    ref: tuple  # ("file", path) | ("zip", archive, member) | ("jsonl", path, offset) | ("error", code)
    kind: str | None = None
    template: str | None = None
    sender: str | None = None
    sent: int | None = None
    date: str | None = None


class SourceError(Exception):
    """A source argument that does not exist (a usage error, not a per-document error)."""


def _files_under(folder: Path) -> Iterator[Path]:
    """Files below a folder in a stable order, lazily (os.scandir per folder, sorted by name; hidden skipped)."""
    try:
        entries = sorted(os.scandir(folder), key=lambda e: e.name)
    except OSError:
        return
    for e in entries:
        if e.name.startswith("."):
            continue
        if e.is_dir(follow_symlinks=False):
            yield from _files_under(Path(e.path))
        elif e.is_file(follow_symlinks=False):
            yield Path(e.path)


def _expand(source: str) -> Iterator[Path]:
    path = Path(source)
    if path.is_dir():
        yield from _files_under(path)
    elif path.is_file():
        yield path
    elif any(c in source for c in "*?["):
        matches = sorted(glob.iglob(source, recursive=True))
        if not matches:
            raise SourceError(source)
        for m in matches:
            p = Path(m)
            if p.is_dir():
                yield from _files_under(p)
            elif p.is_file():
                yield p
    else:
        raise SourceError(source)


def check_sources(sources: Iterable[str]) -> None:
    """Raise SourceError for a source that names nothing (before a run starts)."""
    for s in sources:
        p = Path(s)
        if not (p.exists() or any(c in s for c in "*?[") and glob.glob(s, recursive=True)):
            raise SourceError(s)


def _zip_items(path: Path) -> Iterator[Item]:
    try:
        with zipfile.ZipFile(path) as z:
            for info in z.infolist():
                name = info.filename
                if info.is_dir() or os.path.basename(name).startswith((".", "__MACOSX")) or "__MACOSX/" in name:
                    continue
                yield Item(f"{path}!{name}", ("zip", str(path), name))
    except (zipfile.BadZipFile, OSError):
        yield Item(str(path), ("error", "bad_archive"))


def _jsonl_items(path: Path) -> Iterator[Item]:
    with open(path, "rb") as f:
        lineno = 0
        while True:
            offset = f.tell()
            line = f.readline()
            if not line:
                break
            lineno += 1
            if not line.strip():
                continue
            fallback_id = f"{path}:{lineno}"
            try:
                obj = json.loads(line)
            except (ValueError, UnicodeDecodeError):
                yield Item(fallback_id, ("error", "invalid_jsonl"))
                continue
            if not isinstance(obj, dict) or not (isinstance(obj.get("text"), str) or isinstance(obj.get("path"), str)):
                yield Item(fallback_id, ("error", "invalid_jsonl"))
                continue
            sent = obj.get("sent")
            yield Item(
                str(obj["id"]) if obj.get("id") is not None else fallback_id,
                ("jsonl", str(path), offset),
                kind=_str(obj.get("kind")),
                template=_str(obj.get("template")),
                sender=_str(obj.get("sender")),
                sent=sent if isinstance(sent, int) and not isinstance(sent, bool) and sent >= 0 else None,
                date=_str(obj.get("date")),
            )


def _str(value) -> str | None:
    return str(value) if value is not None and value != "" else None


def iter_items(sources: Iterable[str]) -> Iterator[Item]:
    """Work items from every source, lazily and in a stable order."""
    for source in sources:
        for path in _expand(source):
            suffix = path.suffix.lower()
            if suffix in ARCHIVE_SUFFIXES:
                yield from _zip_items(path)
            elif suffix in JSONL_SUFFIXES:
                yield from _jsonl_items(path)
            else:
                yield Item(str(path), ("file", str(path)))


def shards(items: Iterable[Item], size: int) -> Iterator[list[Item]]:
    batch: list[Item] = []
    for item in items:
        batch.append(item)
        if len(batch) >= size:
            yield batch
            batch = []
    if batch:
        yield batch


# -- worker side ------------------------------------------------------------------------------------------------

class Opener:
    """Resolves item references into Documents inside a worker; keeps one archive open per shard."""

    def __init__(self, checker: Checker):
        self.checker = checker
        self.config = checker.config
        self._zips: dict[str, zipfile.ZipFile] = {}
        self._jsonl: dict[str, object] = {}  # JSONL files open for this shard (a shard reads consecutive lines)

    def close(self) -> None:
        for z in self._zips.values():
            z.close()
        self._zips.clear()
        for f in self._jsonl.values():
            f.close()
        self._jsonl.clear()

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.close()

    def read(self, item: Item) -> tuple[Document, bytes]:
        """The Document and the raw bytes it was read from (for the content hash). Raises InputError."""
        read = self.checker.read
        kind = item.ref[0]
        limit = self.config.max_bytes
        if kind == "error":
            raise InputError(f"unreadable source entry ({item.ref[1]})", code=item.ref[1])
        if kind == "file":
            path = Path(item.ref[1])
            try:
                size = path.stat().st_size
                if size > limit:
                    raise too_large(size, limit)
                data = path.read_bytes()
            except OSError as e:
                raise InputError(f"cannot read file: {e.strerror}", code="unreadable") from None
            return read(data, name=path.name), data
        if kind == "zip":
            archive, member = item.ref[1], item.ref[2]
            try:
                z = self._zips.get(archive)
                if z is None:
                    z = self._zips[archive] = zipfile.ZipFile(archive)
                info = z.getinfo(member)
                if info.file_size > limit:
                    raise too_large(info.file_size, limit)
                if info.flag_bits & 0x1:
                    raise InputError("archive member is encrypted", code="encrypted",
                                     message_da="Filen er krypteret og kan ikke læses.")
                with z.open(info) as f:
                    data = f.read(limit + 1)
                if len(data) > limit:
                    raise too_large(len(data), limit)
            except (KeyError, zipfile.BadZipFile, OSError, RuntimeError, NotImplementedError):
                raise InputError("cannot read archive member", code="unreadable") from None
            return read(data, name=os.path.basename(member)), data
        if kind == "jsonl":
            path, offset = item.ref[1], item.ref[2]
            try:
                f = self._jsonl.get(path)
                if f is None:
                    f = self._jsonl[path] = open(path, "rb")  # noqa: SIM115 (closed by close())
                f.seek(offset)
                obj = json.loads(f.readline())
            except (OSError, ValueError) as e:
                raise InputError(f"cannot read JSONL line: {type(e).__name__}", code="invalid_jsonl") from None
            if isinstance(obj.get("text"), str):
                data = obj["text"].encode("utf-8")
                return read(data), data
            target = Path(path).parent / obj["path"]
            return self.read(Item(item.id, ("file", str(target))))
        raise InputError(f"unknown source reference {kind!r}", code="unreadable")
