"""Batch sources → a stream of small work items (ids and references, never letter text).

A source is a folder (recursively), a glob, a single letter file, a zip archive (``.zip``) or a JSONL file
(``.jsonl``/``.ndjson``) with one object per line: ``{"id", "text" | "path", "kind", "template", "sent", "date",
"sender"}`` (only ``text`` or ``path`` is required; ``path`` is relative to the JSONL file's folder).

Items carry a reference that a worker resolves itself (``("file", path)``, ``("zip", archive, member)``,
``("jsonl", file, byte_offset)``), so the parent ships paths and offsets to workers, not letter text, and a
``source`` for the store that a person can follow: the path, ``archive.zip!member`` or ``index.jsonl:LINE``.
Everything is generated lazily: memory stays flat however large the input.

An index is read once, not twice: a file that a JSONL line names by ``path`` (corpus/generate.py's
``index.jsonl`` and its letters, say) is checked only as that line, with the line's id, kind, template and dates,
and skipped where a folder or glob would yield it again. The JSONL files looked at for this are those given as
sources (also through a glob) and those directly in a folder given as a source. Their paths are kept as 8-byte
digests in one sorted array (8 bytes per indexed letter), so memory stays small for millions of letters.
"""

from __future__ import annotations

import glob
import hashlib
import json
import os
import time
import zipfile
from array import array
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
    source: str = ""  # for the store and people: the path, archive.zip!member or file.jsonl:LINE


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
                yield Item(f"{path}!{name}", ("zip", str(path), name), source=f"{path}!{name}")
    except (zipfile.BadZipFile, OSError):
        yield Item(str(path), ("error", "bad_archive"), source=str(path))


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
            fallback_id = where = f"{path}:{lineno}"
            try:
                obj = json.loads(line)
            except (ValueError, UnicodeDecodeError):
                yield Item(fallback_id, ("error", "invalid_jsonl"), source=where)
                continue
            if not isinstance(obj, dict) or not (isinstance(obj.get("text"), str) or isinstance(obj.get("path"), str)):
                yield Item(fallback_id, ("error", "invalid_jsonl"), source=where)
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
                source=where,
            )


def _str(value) -> str | None:
    return str(value) if value is not None and value != "" else None


class Indexed:
    """The files that JSONL index lines name by ``path``, as sorted 8-byte digests of their absolute paths."""

    def __init__(self, sources: Iterable[str]):
        import numpy  # (a dependency of spaCy) holds millions of digests without a Python int each

        digests = array("Q")
        for index in _index_files(sources):
            for target in _indexed_paths(index):
                digests.append(_digest(target))
        self._np = numpy
        self._sorted = numpy.sort(numpy.frombuffer(digests, dtype=numpy.uint64)) if digests else None

    def __len__(self) -> int:
        return 0 if self._sorted is None else len(self._sorted)

    def __contains__(self, path) -> bool:
        if self._sorted is None:
            return False
        d = self._np.uint64(_digest(path))
        i = int(self._np.searchsorted(self._sorted, d))
        return i < len(self._sorted) and self._sorted[i] == d


def _digest(path) -> int:
    key = os.path.normpath(os.path.abspath(path)).encode("utf-8", "surrogateescape")
    return int.from_bytes(hashlib.blake2b(key, digest_size=8).digest(), "little")


def _index_files(sources: Iterable[str]) -> Iterator[Path]:
    for source in sources:
        path = Path(source)
        if path.is_dir():
            try:
                entries = sorted(os.scandir(path), key=lambda e: e.name)
            except OSError:
                continue
            yield from (Path(e.path) for e in entries if e.is_file() and not e.name.startswith(".")
                        and e.name.lower().endswith(JSONL_SUFFIXES))
        elif path.is_file() and path.suffix.lower() in JSONL_SUFFIXES:
            yield path
        elif any(c in source for c in "*?["):
            yield from (Path(m) for m in sorted(glob.iglob(source, recursive=True))
                        if m.lower().endswith(JSONL_SUFFIXES) and os.path.isfile(m))


def _indexed_paths(index: Path) -> Iterator[Path]:
    try:
        with open(index, "rb") as f:
            for line in f:
                if b'"path"' not in line:
                    continue  # (text-only lines are not parsed here)
                try:
                    obj = json.loads(line)
                except (ValueError, UnicodeDecodeError):
                    continue
                if isinstance(obj, dict) and isinstance(obj.get("path"), str):
                    yield index.parent / obj["path"]
    except OSError:
        return


def iter_paths(sources: Iterable[str]) -> Iterator[tuple[Path, str]]:
    """(path, "zip" | "jsonl" | "file") for every file of the sources, lazily and in a stable order; a file that a
    JSONL index among the sources names by ``path`` is left out (it is checked as that index line)."""
    sources = list(sources)
    indexed = Indexed(sources)
    for source in sources:
        for path in _expand(source):
            suffix = path.suffix.lower()
            if suffix in ARCHIVE_SUFFIXES:
                yield path, "zip"
            elif suffix in JSONL_SUFFIXES:
                yield path, "jsonl"
            elif path not in indexed:
                yield path, "file"


def iter_items(sources: Iterable[str]) -> Iterator[Item]:
    """Work items from every source, lazily and in a stable order."""
    for path, kind in iter_paths(sources):
        if kind == "zip":
            yield from _zip_items(path)
        elif kind == "jsonl":
            yield from _jsonl_items(path)
        else:
            yield Item(str(path), ("file", str(path)), source=str(path))


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
        self.read_cpu = 0.0  # CPU seconds in the reader that check() runs too (Checker.read): for benchmarks/batch.py

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
        read = self._document
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

    def _document(self, data: bytes, name: str | None = None) -> Document:
        cpu0 = time.process_time()
        try:
            return self.checker.read(data, name=name)
        finally:
            self.read_cpu += time.process_time() - cpu0
