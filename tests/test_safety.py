"""Hostile files: billion laughs, XXE, zip bombs, encrypted Office files, oversize input. Each gets a clear
InputError with a stable code, never a traceback, a hang or a file read from disk."""

from __future__ import annotations

import functools
import io
import struct
import time
import zipfile

import pytest
from click.testing import CliRunner
from docx_build import letter, rezip

import lixcheck
from lixcheck.cli import main
from lixcheck.config import Config, from_dict
from lixcheck.errors import ConfigError, InputError
from lixcheck.readers import read_bytes
from lixcheck.readers.safety import parse_xml, read_zip

MEMO_NS = "https://DigitalPost.dk/MeMo-1"
LAUGHS = """<?xml version="1.0"?>
<!DOCTYPE lolz [
 <!ENTITY lol "lol">
 <!ENTITY lol1 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
 <!ENTITY lol2 "&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;">
 <!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">
 <!ENTITY lol4 "&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;">
 <!ENTITY lol5 "&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;">
 <!ENTITY lol6 "&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;">
 <!ENTITY lol7 "&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;">
 <!ENTITY lol8 "&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;">
 <!ENTITY lol9 "&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;">
]>
"""


def memo_with_body(body: str, doctype: str) -> bytes:
    return (doctype + f'<memo:Message xmlns:memo="{MEMO_NS}" memoVersion="1.2"><memo:MessageHeader>'
            f"<memo:label>{body}</memo:label></memo:MessageHeader></memo:Message>").encode("utf-8")


def test_billion_laughs_memo_is_refused_fast():
    data = memo_with_body("&lol9;", LAUGHS)
    t = time.perf_counter()
    with pytest.raises(InputError) as e:
        read_bytes(data, Config())
    assert e.value.code == "unsafe_xml"
    assert time.perf_counter() - t < 1.0  # entities are never expanded
    with pytest.raises(InputError) as e:
        lixcheck.check(data)
    assert e.value.code == "unsafe_xml"


def test_xxe_memo_does_not_read_local_files(tmp_path):
    secret = tmp_path / "hemmelig.txt"
    secret.write_text("HEMMELIGT-INDHOLD", encoding="utf-8")
    doctype = f'<?xml version="1.0"?>\n<!DOCTYPE m [<!ENTITY xxe SYSTEM "file://{secret}">]>\n'
    data = memo_with_body("&xxe;", doctype)
    with pytest.raises(InputError) as e:
        read_bytes(data, Config())
    assert e.value.code == "unsafe_xml"
    assert "HEMMELIGT" not in str(e.value) and "HEMMELIGT" not in e.value.message_da


def test_external_dtd_and_parameter_entities_are_refused():
    for doctype in ('<!DOCTYPE m SYSTEM "http://127.0.0.1:9/evil.dtd">\n',
                    '<!DOCTYPE m [<!ENTITY % p SYSTEM "http://127.0.0.1:9/x"> %p;]>\n'):
        with pytest.raises(InputError) as e:
            parse_xml(memo_with_body("x", doctype))
        assert e.value.code == "unsafe_xml"


def test_malformed_xml_is_a_clear_error():
    with pytest.raises(InputError) as e:
        read_bytes(f'<memo:Message xmlns:memo="{MEMO_NS}"><memo:MessageHeader>'.encode(), Config())
    assert e.value.code == "malformed"


@pytest.mark.parametrize("part", ["word/document.xml", "[Content_Types].xml", "word/styles.xml"])
def test_docx_with_a_doctype_in_a_part_is_refused(part):
    def change(m):
        head, sep, rest = m[part].partition(b"?>")
        m[part] = head + sep + LAUGHS.split("\n", 1)[1].encode() + rest

    with pytest.raises(InputError) as e:
        read_bytes(rezip(letter(), change), Config())
    assert e.value.code == "unsafe_xml"


@functools.lru_cache(maxsize=4)
def _bomb(size: int, name: str = "word/document.xml") -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as zf:
        zf.writestr("[Content_Types].xml", b"<Types/>")
        with zf.open(name, "w", force_zip64=True) as fh:
            chunk = b"\0" * 1_000_000
            for _ in range(size // len(chunk)):
                fh.write(chunk)
    return buf.getvalue()


def test_zip_bomb_refused_by_its_directory_with_default_limits():
    data = _bomb(210_000_000)
    assert len(data) < 1_000_000
    with pytest.raises(InputError) as e:
        lixcheck.check(data)
    assert e.value.code == "zip_bomb"


def test_zip_bomb_refused_with_a_configured_limit():
    with pytest.raises(InputError) as e:
        lixcheck.check(_bomb(5_000_000), config={"max_unzipped_bytes": 1_000_000})
    assert e.value.code == "zip_bomb"


def test_zip_whose_directory_lies_about_sizes_is_stopped_while_unpacking():
    data = bytearray(_bomb(5_000_000, name="word/a.xml"))
    # Declare 1,000 bytes in the central directory (zip64 extra field holds the real size: patch it too).
    cd = data.rfind(b"PK\x01\x02")
    name_len, extra_len = struct.unpack_from("<HH", data, cd + 28)
    extra = cd + 46 + name_len
    end = extra + extra_len
    while extra < end:
        tag, size = struct.unpack_from("<HH", data, extra)
        if tag == 1:
            struct.pack_into("<Q", data, extra + 4, 1000)
        extra += 4 + size
    struct.pack_into("<I", data, cd + 24, 1000)
    with pytest.raises(InputError) as e:
        read_zip(bytes(data), max_unzipped=2_000_000)
    assert e.value.code in ("zip_bomb", "malformed")


def test_too_many_zip_members():
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as zf:
        for i in range(2_100):
            zf.writestr(f"word/media/x{i}.xml", b"<a/>")
    with pytest.raises(InputError) as e:
        read_bytes(buf.getvalue(), Config())
    assert e.value.code == "zip_bomb"
    with pytest.raises(InputError) as e:
        read_bytes(letter(), Config(max_zip_members=5))
    assert e.value.code == "zip_bomb"


def test_encrypted_docx_is_refused():
    pytest.importorskip("msoffcrypto", reason="msoffcrypto-tool (test extra) builds encrypted files")
    from msoffcrypto.format.ooxml import OOXMLFile

    out = io.BytesIO()
    OOXMLFile(io.BytesIO(letter())).encrypt("hemmelig", out)
    data = out.getvalue()
    assert data[:4] == b"\xd0\xcf\x11\xe0"
    with pytest.raises(InputError) as e:
        lixcheck.check(data)
    assert e.value.code == "encrypted"
    assert "adgangskode" in e.value.message_da


def test_zip_with_encrypted_members_is_refused():
    data = bytearray(letter())
    pos = data.find(b"PK\x01\x02")
    flags = struct.unpack_from("<H", data, pos + 8)[0]
    struct.pack_into("<H", data, pos + 8, flags | 0x1)
    with pytest.raises(InputError) as e:
        read_zip(bytes(data))
    assert e.value.code == "encrypted"


def test_cli_hostile_files_exit_2_without_traceback(tmp_path):
    bomb = tmp_path / "bombe.docx"
    bomb.write_bytes(_bomb(210_000_000))
    laughs = tmp_path / "latter.xml"
    laughs.write_bytes(memo_with_body("&lol9;", LAUGHS))
    for path in (bomb, laughs):
        result = CliRunner().invoke(main, ["check", str(path)])
        assert result.exit_code == 2, result.output
        assert "Traceback" not in result.output


def test_size_limits_are_configurable_and_validated():
    with pytest.raises(InputError) as e:
        read_bytes(letter(), Config(max_bytes=1000))
    assert e.value.code == "too_large"
    assert from_dict({"max_zip_members": 10, "max_unzipped_bytes": 10_000}).max_zip_members == 10
    with pytest.raises(ConfigError):
        from_dict({"max_unzipped_bytes": "mange"})


def _mutations(data: bytes, seed: int, n: int):
    import random

    rng = random.Random(seed)
    for _ in range(n):
        b = bytearray(data)
        for _ in range(rng.randint(1, 12)):
            b[rng.randrange(len(b))] = rng.randrange(256)
        yield bytes(b[: rng.randrange(len(b))] if rng.random() < 0.2 else b)


def _xml_mutations(data: bytes, seed: int, n: int):
    """Broken XML inside an intact zip (the CRC check does not catch these)."""
    import random

    rng = random.Random(seed)
    parts = ["word/document.xml", "word/styles.xml", "[Content_Types].xml", "word/_rels/document.xml.rels",
             "word/header1.xml"]
    for _ in range(n):
        part = rng.choice(parts)

        def change(m, part=part):
            x = bytearray(m[part])
            a = rng.randrange(len(x))
            if rng.random() < 0.5:
                x[a:a + rng.randint(1, 200)] = b""
            else:
                for _ in range(5):
                    x[rng.randrange(len(x))] = rng.choice(b"<>&\"' azAZ/")
            m[part] = bytes(x)

        yield rezip(data, change)


def test_damaged_files_give_input_errors_only():
    from pdf_build import letter_pdf

    from lixcheck.model import Finding, Lix, Report
    from lixcheck.writers.docx_annotate import annotate_docx

    cfg = Config()
    samples = [*_mutations(letter(), 1, 40), *_xml_mutations(letter(), 2, 80), *_mutations(letter_pdf(), 3, 40)]
    read = 0
    for data in samples:
        try:
            doc = read_bytes(data, cfg)
        except InputError:
            continue
        read += 1
        if doc.format == "docx":
            findings = [Finding("x", "warning", "jargon", "m", b.start, 1, 1, 1, i, doc.text[b.start])
                        for i, b in enumerate(doc.blocks)]
            try:
                annotate_docx(data, Report(doc.text, Lix(None, 0, 0, 0), [], [], findings))
            except InputError:
                pass
    assert read > 10  # some damage is harmless: those files are still read
