"""Bytes → text: the encodings Danish letters arrive in, and binary input refused with a clear error."""

from __future__ import annotations

import codecs
import random

import pytest

import lixcheck
from lixcheck import InputError
from lixcheck.readers.decode import decode_bytes

LETTER = (
    "Kære Søren Ærø\n\n"
    "Vi har modtaget din ansøgning om støtte til briller – og din regning på 1.250 € fra Åbenrå Optik. "
    "Du får svar inden for 14 dage. Blåbærgrød og æbleskiver hører ikke til sagen.\n\n"
    "Med venlig hilsen\nBørn og Unge, Aarhus Kommune\n"
)
LATIN1_LETTER = LETTER.replace("–", "-").replace("€", "kr.")  # latin-1 has no dash and no euro sign

ENCODED = {
    "utf-8": LETTER.encode("utf-8"),
    "utf-8 with BOM": codecs.BOM_UTF8 + LETTER.encode("utf-8"),
    "utf-16-le with BOM": codecs.BOM_UTF16_LE + LETTER.encode("utf-16-le"),
    "utf-16-be with BOM": codecs.BOM_UTF16_BE + LETTER.encode("utf-16-be"),
    "utf-16-le without BOM": LETTER.encode("utf-16-le"),
    "utf-16-be without BOM": LETTER.encode("utf-16-be"),
    "utf-16 (Python's, with BOM)": LETTER.encode("utf-16"),
    "cp1252": LETTER.encode("cp1252"),
}


@pytest.mark.parametrize("name", sorted(ENCODED))
def test_danish_letter_decodes(name):
    data = ENCODED[name]
    assert decode_bytes(data) == LETTER
    report = lixcheck.check(data)
    assert report.text == LETTER
    assert "æ" in report.text and "–" in report.text and "€" in report.text


def test_latin1_letter_decodes():
    data = LATIN1_LETTER.encode("latin-1")
    with pytest.raises(UnicodeDecodeError):
        data.decode("utf-8")
    assert decode_bytes(data) == LATIN1_LETTER
    assert lixcheck.check(data).text == LATIN1_LETTER


@pytest.mark.parametrize(("text", "encoding"), [
    ("Blåbær – €5.", "cp1252"),
    ("Søren Ærø", "latin-1"),
    ("Kære Åse", "cp1252"),
])
def test_short_single_byte_texts_decode(text, encoding):
    assert decode_bytes(text.encode(encoding)) == text


def test_cp1252_file_with_crlf_by_path(tmp_path):
    path = tmp_path / "brev.txt"
    path.write_bytes(LETTER.replace("\n", "\r\n").encode("cp1252"))
    report = lixcheck.check(path)
    assert report.text == LETTER
    assert report.meta["filename"] == "brev.txt"


def test_encoding_does_not_change_the_counts():
    reports = [lixcheck.check(data) for data in ENCODED.values()]
    assert len({(r.lix.words, r.lix.sentences, r.lix.long_words) for r in reports}) == 1


def test_utf16_html_is_sniffed_as_html():
    html = "<html><body><h1>Afgørelse</h1><p>Du får støtte – 1.250 kr.</p></body></html>"
    report = lixcheck.check(html.encode("utf-16"))
    assert report.meta["format"] == "html"
    assert report.text == "Afgørelse\n\nDu får støtte – 1.250 kr."


def _random_bytes(n: int, seed: int) -> bytes:
    return random.Random(seed).randbytes(n)


@pytest.mark.parametrize("data", [
    b"\x00\x01\x02\x03" * 100,
    _random_bytes(5000, 1),
    b"\x89PNG\r\n\x1a\n" + _random_bytes(3000, 2),
    b"\x7fELF\x02\x01\x01" + b"\x00" * 50 + _random_bytes(2000, 3),
    bytes(b for b in _random_bytes(4000, 4) if b),  # no NUL at all, but full of control bytes
    "Vi har modtaget\x00 din ansøgning.".encode(),
], ids=["control", "random", "png", "elf", "no-nul", "text-with-nul"])
def test_binary_input_is_refused(data):
    with pytest.raises(InputError) as e:
        lixcheck.check(data)
    assert e.value.code == "binary"
    assert "tekst" in e.value.message_da


def test_binary_file_by_path_is_refused(tmp_path):
    path = tmp_path / "billede.txt"
    path.write_bytes(b"\x89PNG\r\n\x1a\n" + _random_bytes(3000, 5))
    with pytest.raises(InputError) as e:
        lixcheck.check(path)
    assert e.value.code == "binary"


def test_bom_that_lies_is_an_encoding_error():
    with pytest.raises(InputError) as e:
        lixcheck.check(codecs.BOM_UTF8 + "Søren".encode("latin-1"))
    assert e.value.code == "encoding"


@pytest.mark.parametrize("data", [b"", codecs.BOM_UTF8, " \n\r\n\t ".encode("utf-16")], ids=["empty", "bom", "blank"])
def test_empty_input_is_refused(data):
    with pytest.raises(InputError) as e:
        lixcheck.check(data)
    assert e.value.code == "empty"


def test_50_mb_is_refused_quickly_as_too_large():
    import time

    # check() reads (and refuses) the input before it builds the pipeline, so this is quick even in a cold process.
    text = "Vi har modtaget din ansøgning. " * 1_700_000
    assert len(text.encode("utf-8")) > 50_000_000
    for source in (text, text.encode("utf-8")):
        t = time.perf_counter()
        with pytest.raises(InputError) as e:
            lixcheck.check(source)
        assert e.value.code == "too_large"
        assert "20 MB" in e.value.message_da
        assert time.perf_counter() - t < 2


def test_50_mb_file_is_refused_without_reading_it(tmp_path):
    path = tmp_path / "stor.txt"
    with path.open("wb") as f:
        f.truncate(50_000_000)  # sparse: the size alone must be enough to refuse it
    with pytest.raises(InputError) as e:
        lixcheck.check(path)
    assert e.value.code == "too_large"
