"""The Danish lookup lemma table (form → lemma, and lemma → forms), read from a compact file shipped in the package.

The data is spacy-lookups-data's `da_lemma_lookup.json.gz` (553,116 forms, 80,890 lemmas; licence and origin in
data/da_lemmas.README.md). Loading it as a dict cost 0.35 s of CPU and 150 MB of memory in every fresh process, more
than spaCy's own import; scripts/build_lemmas.py converts it once into data/da_lemmas.bin (tests/test_lemmas.py
checks that the file is up to date with the installed spacy-lookups-data), which is memory-mapped: opening it costs
nothing, a look-up reads a few pages, and processes on one machine share those pages.

File format (version 1; every integer is an unsigned 32-bit little-endian number):

    header   8 bytes "LIXLEMMA", then version, forms, lemmas, form slots, lemma slots, offset of the form slots,
             offset of the lemma slots, offset of the records (8 integers; 40 bytes in all)
    records  one group per lemma, sorted by lemma (UTF-8 bytes): [length: 1 byte][lemma][number of forms], then
             each form of the lemma, sorted: [length: 1 byte][form][offset of its group in the records]
    slots    two open-addressing hash tables (linear probing; the slot of a string is zlib.crc32 of its UTF-8 bytes
             modulo the table size, a power of two): form slots hold 1 + the offset of the form's entry in the
             records, lemma slots 1 + the offset of the lemma's group; 0 is an empty slot

A look-up is a CRC, one or two slot reads and a byte comparison (1-2 µs; a dict takes 0.1 µs): the answers for the
last 50,000 forms asked about are kept in a dict, as are the lemmas met. The inverse (`forms(lemma)`: every form the
table leads back to a lemma) reads one group.
"""

from __future__ import annotations

import mmap
import struct
import sys
import zlib
from collections.abc import Iterator, Mapping
from functools import cache
from pathlib import Path

from ..errors import ConfigError

PATH = Path(__file__).parent / "data" / "da_lemmas.bin"
MAGIC = b"LIXLEMMA"
VERSION = 1
_HEADER = struct.Struct("<8s8I")
_U32 = struct.Struct("<I")
_MAX_LOAD = 0.55  # slots filled at most: a miss (a word the table does not hold) probes ~3 slots on average
_SEEN_MAX = 50_000  # answers kept (see LemmaTable._seen); then they are dropped and gathered again
_LONGEST = 255  # characters: the table stores a form's UTF-8 length in one byte, so no form is longer
_UNSEEN = object()


class LemmaTable(Mapping):
    """Read-only mapping form → lemma over the memory-mapped file, plus forms(lemma), the inverse."""

    def __init__(self, data):
        """``data``: the file's bytes (an mmap, or bytes in tests)."""
        try:
            magic, version, n_forms, n_lemmas, form_slots, lemma_slots, form_at, lemma_at, records = \
                _HEADER.unpack_from(data, 0)
        except struct.error:
            magic, version = b"", 0
        if magic != MAGIC or version != VERSION:
            raise ConfigError(f"{PATH}: not a lemma table of version {VERSION}; reinstall lixcheck")
        self._data = data
        self._len = n_forms
        self._n_lemmas = n_lemmas
        self._records = records
        self._form_slots = _slots(data, form_at, form_slots)
        self._lemma_slots = _slots(data, lemma_at, lemma_slots)
        self._form_mask = form_slots - 1
        self._lemma_mask = lemma_slots - 1
        self._lemmas: dict[int, str] = {}  # group offset → its lemma, as the groups are met
        # The answers for the forms asked about (None: not in the table): the same words come back letter after
        # letter, and a dict answers in a twentieth of the time of a look-up in the file.
        self._seen: dict[str, str | None] = {}

    def _find(self, key: bytes, slots, mask: int) -> int:
        """Offset of the form entry or lemma group whose string is ``key``, through its hash table, or -1."""
        data, base, n = self._data, self._records - 1, len(key)
        i = zlib.crc32(key) & mask
        while True:
            at = slots[i]
            if not at:
                return -1
            at += base
            if data[at] == n and data[at + 1:at + 1 + n] == key:
                return at
            i = (i + 1) & mask

    def _group(self, at: int) -> tuple[str, list[str], int]:
        """The lemma and forms of the group at ``at``, and the offset of the next group."""
        data = self._data
        n = data[at]
        lemma = data[at + 1:at + 1 + n].decode()
        count = _U32.unpack_from(data, at + 1 + n)[0]
        at += 5 + n
        forms = []
        for _ in range(count):
            n = data[at]
            forms.append(data[at + 1:at + 1 + n].decode())
            at += 5 + n
        return lemma, forms, at

    def _lemma_at(self, group: int) -> str:
        lemma = self._lemmas.get(group)
        if lemma is None:
            at = self._records + group
            lemma = self._lemmas[group] = self._data[at + 1:at + 1 + self._data[at]].decode()
        return lemma

    def get(self, form: str, default=None):
        if len(form) > _LONGEST:  # no form is that long; and an answer cache holding such keys could grow without end
            return default
        lemma = self._seen.get(form, _UNSEEN)
        if lemma is _UNSEEN:
            lemma = self._look_up(form)
            if len(self._seen) >= _SEEN_MAX:
                self._seen.clear()
            self._seen[form] = lemma
        return default if lemma is None else lemma

    def _look_up(self, form: str) -> str | None:
        try:
            key = form.encode()
        except (AttributeError, UnicodeEncodeError):  # not a str, or a lone surrogate: no such form
            return None
        at = self._find(key, self._form_slots, self._form_mask)
        if at < 0:
            return None
        return self._lemma_at(_U32.unpack_from(self._data, at + 1 + len(key))[0])

    def __getitem__(self, form: str) -> str:
        lemma = self.get(form)
        if lemma is None:
            raise KeyError(form)
        return lemma

    def __contains__(self, form) -> bool:
        return self.get(form) is not None

    def __len__(self) -> int:
        return self._len

    def __iter__(self) -> Iterator[str]:
        at = self._records
        for _ in range(self._n_lemmas):
            _lemma, forms, at = self._group(at)
            yield from forms

    def forms(self, lemma: str) -> tuple[str, ...]:
        """Every form whose lemma is ``lemma`` (sorted by their UTF-8 bytes; the lemma itself among them when the
        table leads it to itself), or () for a word that is no lemma in the table."""
        try:
            key = lemma.encode()
        except (AttributeError, UnicodeEncodeError):
            return ()
        at = self._find(key, self._lemma_slots, self._lemma_mask)
        return () if at < 0 else tuple(self._group(at)[1])


def _slots(data, offset: int, count: int):
    """The slot table as a sequence of ints without copying it (a memoryview of the mapped file)."""
    view = memoryview(data)[offset:offset + 4 * count]
    if sys.byteorder == "little":
        return view.cast("I")
    import array

    slots = array.array("I", bytes(view))  # (a big-endian machine: one copy, swapped)
    slots.byteswap()
    return slots


@cache
def table() -> LemmaTable:
    """The shipped table, mapped once per process."""
    try:
        with open(PATH, "rb") as f:
            data = mmap.mmap(f.fileno(), 0, access=mmap.ACCESS_READ)
    except (OSError, ValueError) as e:  # (ValueError: an empty file cannot be mapped)
        raise ConfigError(f"cannot read the lemma table {PATH}: {e}; reinstall lixcheck") from None
    return LemmaTable(data)


# ---------------------------------------------------------------------------------------------------- building


def _table_size(n: int) -> int:
    size = 1
    while size * _MAX_LOAD < n:
        size *= 2
    return size


def _fill(size: int, entries: list[tuple[bytes, int]]) -> bytes:
    slots = [0] * size
    mask = size - 1
    for key, at in entries:
        i = zlib.crc32(key) & mask
        while slots[i]:
            i = (i + 1) & mask
        slots[i] = at + 1
    return struct.pack(f"<{size}I", *slots)


def build(lookup: Mapping[str, str]) -> bytes:
    """The file for a form → lemma mapping (spacy-lookups-data's table); the same bytes for the same mapping."""
    groups: dict[bytes, list[bytes]] = {}
    for form, lemma in lookup.items():
        groups.setdefault(lemma.encode(), []).append(form.encode())
    records = bytearray()
    forms: list[tuple[bytes, int]] = []
    lemmas: list[tuple[bytes, int]] = []
    for lemma in sorted(groups):
        group = len(records)
        if len(lemma) > 255:
            raise ValueError(f"lemma longer than 255 bytes: {lemma[:40]!r}…")
        lemmas.append((lemma, group))
        records += bytes([len(lemma)]) + lemma + _U32.pack(len(groups[lemma]))
        for form in sorted(groups[lemma]):
            if len(form) > 255:
                raise ValueError(f"form longer than 255 bytes: {form[:40]!r}…")
            forms.append((form, len(records)))
            records += bytes([len(form)]) + form + _U32.pack(group)
    records += bytes(-len(records) % 8)  # the slot tables start 8-aligned
    form_size, lemma_size = _table_size(len(forms)), _table_size(len(lemmas))
    records_at = _HEADER.size + (-_HEADER.size % 8)
    form_at = records_at + len(records)
    lemma_at = form_at + 4 * form_size
    header = _HEADER.pack(MAGIC, VERSION, len(forms), len(lemmas), form_size, lemma_size, form_at, lemma_at,
                          records_at)
    return b"".join((header, bytes(records_at - len(header)), records, _fill(form_size, forms),
                     _fill(lemma_size, lemmas)))
