"""Bytes → str for text-like inputs: BOMs, UTF-8, UTF-16 without BOM, then charset-normalizer (cp1252/latin-1)."""

from __future__ import annotations

import codecs
import re

from ..errors import InputError

_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)
# Control characters other than \t \n \v \f \r (a regex: a Python loop over every character cost 13 µs a letter)
_CONTROL = re.compile(r"[\x00-\x08\x0e-\x1f]")
MAX_CONTROL_SHARE = 0.01


def _binary_error() -> InputError:
    return InputError(
        "input looks binary, not text (it contains NUL or control bytes)",
        code="binary",
        message_da="Filen ligner ikke tekst. Upload et brev som tekst, Word (.docx), PDF eller MeMo (XML).",
    )


def _utf16_guess(data: bytes) -> str | None:
    """UTF-16 without BOM: Danish text is mostly Latin-1 characters, so every other byte is NUL."""
    sample = data[:4096]
    if len(sample) < 4 or len(sample) % 2:
        return None
    even_nul = sample[0::2].count(0) / (len(sample) // 2)
    odd_nul = sample[1::2].count(0) / (len(sample) // 2)
    if odd_nul > 0.6 and even_nul < 0.05:
        return "utf-16-le"
    if even_nul > 0.6 and odd_nul < 0.05:
        return "utf-16-be"
    return None


def decode_bytes(data: bytes, *, strict: bool = True) -> str:
    """Decode text bytes. With strict=False a cut multi-byte sequence at the end (a sniffing prefix) is tolerated."""
    errors = "strict" if strict else "ignore"
    for bom, enc in _BOMS:
        if data.startswith(bom):
            try:
                return data[len(bom) :].decode(enc, errors)
            except UnicodeDecodeError:
                raise InputError(f"input starts with a {enc} byte-order mark but is not valid {enc}",
                                 code="encoding", message_da="Tegnsættet i filen kan ikke læses.") from None
    enc = _utf16_guess(data)
    if enc:
        try:
            return data.decode(enc, errors)
        except UnicodeDecodeError:
            pass
    if b"\0" in data:
        raise _binary_error()
    try:
        return data.decode("utf-8", errors)
    except UnicodeDecodeError:
        pass
    from charset_normalizer import from_bytes

    best = from_bytes(data[:1_000_000], cp_isolation=["cp1252", "latin_1", "iso8859_15", "cp850", "mac_roman",
                                                      "utf_16", "utf_8"]).best()
    if best is None:
        # Too short for charset-normalizer to be sure ("Blåbær – €5."): Windows letters are cp1252, which also
        # covers latin-1's letters. Binary that happens to decode is caught by check_text's control-byte test.
        try:
            return data.decode("cp1252")
        except UnicodeDecodeError:
            raise _binary_error() from None
    try:
        return data.decode(best.encoding, errors)
    except (UnicodeDecodeError, LookupError):
        raise _binary_error() from None


def check_text(text: str) -> str:
    """Reject decoded text that is mostly control characters (binary that happened to decode)."""
    sample = text[:100_000]
    controls = len(_CONTROL.findall(sample))
    if "\0" in sample or sample and controls / len(sample) > MAX_CONTROL_SHARE:
        raise _binary_error()
    return text
