"""Property tests (hypothesis): whatever users feed lixcheck, check() returns a consistent Report or raises the
documented InputError, never anything else.

Targets: arbitrary Unicode text, Danish-looking text built from letter vocabulary, arbitrary bytes, random .docx
files (python-docx: paragraphs, headings, lists, runs, tables), and random MeMo messages (prefixes, versions,
namespaces, envelopes, BOMs, file types, broken parts). Invariants on every Report:

* every finding lies inside the text and ``finding.text == report.text[offset:offset + length]``; line/column and
  block agree with the offset;
* LIX counts add up: the counted paragraphs' words, sentences and long words sum to the document's, and so do the
  counted sentences'; uncounted spans count nothing; ``lixcheck.lix()`` (the fast path) gives the same counts;
* spans lie inside the text, in order, without overlaps; ``to_dict()`` is JSON.

The in-suite run is small (``LIXCHECK_FUZZ_EXAMPLES``, default 120 per target). benchmarks/fuzz_long.py runs the
same tests with 10,000 examples per target.
"""

from __future__ import annotations

import base64
import io
import json
import os

import docx
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import lixcheck
from lixcheck.privacy import mask_cpr
from lixcheck.readers.text import normalise_newlines

EXAMPLES = int(os.environ.get("LIXCHECK_FUZZ_EXAMPLES", "120"))
FEW = max(20, EXAMPLES // 3)  # the slower targets (.docx, annotate)
PROFILE = settings(max_examples=EXAMPLES, deadline=None, derandomize=EXAMPLES <= 500,
                   suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
# Every code an InputError may carry (lixcheck.errors, readers, analysis); anything else is a bug.
DOCUMENTED_CODES = {"empty", "binary", "encoding", "too_large", "malformed", "unsafe_xml", "zip_bomb", "encrypted",
                    "unsupported", "no_text", "unreadable", "file_name"}

WORDS = [
    "Vi", "har", "modtaget", "din", "ansøgning", "om", "boligstøtte", "Du", "får", "svar", "inden", "fire", "uger",
    "fremsendes", "hermed", "afgørelse", "vedrørende", "Deres", "såfremt", "bedes", "De", "påklage", "jf.", "§",
    "12", "stk.", "2", "kr.", "1.250", "ca.", "bl.a.", "1.", "maj", "2025", "blev", "bevilget", "behandles", "der",
    "er", "truffet", "på", "baggrund", "af", "ovenstående", "Klagevejledning", "Ankestyrelsen", "Aarhus", "Kommune",
    "Borgerservice", "tlf.", "89", "40", "12", "34", "CPR-nr.", "010190-1234", "{Navn}", "[Indsæt", "dato]",
    "«Fornavn»", "XX", "EU", "SKAT", "NemKonto", "Med", "venlig", "hilsen", "Kære", "Jens", "Hansen", "man", "kan",
    "klage", "–", "-", "•", "a)", "(", ")", "\"", "«", "»", "…", "!", "?", ":", ";", "socialforvaltningens",
    "ældreområdet", "https://borger.dk", "post@aarhus.dk", "Skattestyrelsen", "Udbetaling", "Danmark", "pr.",
    "mødet", "kl.", "10.00", "Vedr.", "sagsnr.", "2025-123456", "hjemmehjælp", "ÆØÅ", "æøå", "straße", "😀",
]
SEPARATORS = [" ", " ", " ", " ", "\n", "\n\n", ". ", ", ", "\t", "\r\n", ".\n\n", "\u00a0", "  "]

danish_text = st.lists(st.tuples(st.sampled_from(WORDS), st.sampled_from(SEPARATORS)), max_size=160).map(
    lambda pairs: "".join(w + s for w, s in pairs))
any_text = st.one_of(st.text(max_size=400), danish_text,
                     st.lists(st.one_of(danish_text, st.text(max_size=40)), max_size=6).map("".join))


# -- invariants ------------------------------------------------------------------------------------------------

def assert_consistent(report, *, source_text: str | None = None) -> None:
    text = report.text
    if source_text is not None:
        assert len(text) == len(source_text)  # CPR masking keeps the length
        assert text == mask_cpr(source_text)
    n = len(text)
    for f in report.findings:
        assert f.length > 0 and 0 <= f.offset and f.offset + f.length <= n, f
        assert text[f.offset:f.offset + f.length] == f.text, f
        assert f.line == text.count("\n", 0, f.offset) + 1, f
        assert f.column == f.offset - (text.rfind("\n", 0, f.offset) + 1) + 1, f
        assert f.severity in ("error", "warning", "suggestion") and f.rule and f.message
        if f.block is not None:
            p = report.paragraphs[f.block]
            assert p.offset <= f.offset < p.offset + p.length, (f, p)
    lx = report.lix
    for spans in (report.paragraphs, report.sentences):
        end = 0
        for s in spans:
            assert 0 <= s.offset and s.offset + s.length <= n and s.offset >= end, s
            end = s.offset + s.length
            if not s.counted:
                assert (s.lix.words, s.lix.sentences, s.lix.long_words) == (0, 0, 0)
            assert 0 <= s.lix.long_words <= s.lix.words
    if report.meta.get("lix_mode", "lixcheck") == "lixcheck":
        counted = [p for p in report.paragraphs if p.counted]
        assert sum(p.lix.words for p in counted) == lx.words
        assert sum(p.lix.sentences for p in counted) == lx.sentences
        assert sum(p.lix.long_words for p in counted) == lx.long_words
        sents = [s for s in report.sentences if s.counted]
        assert sum(s.lix.words for s in sents) == lx.words
        assert len(sents) == lx.sentences
        assert sum(s.lix.long_words for s in sents) == lx.long_words
    if lx.value is None:
        assert lx.reason and lx.band is None
    else:
        assert lx.sentences > 0 and lx.words > 0
        assert abs(lx.value - (lx.words / lx.sentences + 100 * lx.long_words / lx.words)) < 0.06
    json.dumps(report.to_dict(), ensure_ascii=False)


def check_or_input_error(source, **kwargs):
    try:
        return lixcheck.check(source, **kwargs)
    except lixcheck.InputError as e:
        assert e.code in DOCUMENTED_CODES, (e.code, str(e))
        assert e.message_da and str(e)
        return None


# -- text ------------------------------------------------------------------------------------------------------

@PROFILE
@given(text=any_text, kind=st.sampled_from([None, "decision", "information", "partshøring", "afgørelse"]))
def test_any_text(text, kind):
    report = check_or_input_error(text, kind=kind)
    normalised = normalise_newlines(text)
    if report is None:
        assert not normalised.strip()  # the only InputError for a str is "empty"
        return
    assert_consistent(report, source_text=normalised)
    fast = lixcheck.lix(text)
    assert (fast.words, fast.sentences, fast.long_words, fast.value) == (
        report.lix.words, report.lix.sentences, report.lix.long_words, report.lix.value)


@PROFILE
@given(data=st.one_of(st.binary(max_size=600),
                      st.tuples(danish_text, st.sampled_from(["utf-8", "utf-8-sig", "cp1252", "latin-1", "utf-16",
                                                              "utf-16-le", "utf-16-be", "utf-32"]))
                      .map(lambda t: t[0].encode(t[1], "replace")),
                      st.tuples(st.sampled_from([b"<html><body><p>", b"<?xml version='1.0'?><a>", b"%PDF-1.4\n",
                                                 b"PK\x03\x04", b"\xef\xbb\xbf<p>", b"<!DOCTYPE html><h1>"]),
                                st.binary(max_size=300)).map(b"".join)))
def test_any_bytes(data):
    report = check_or_input_error(data)
    if report is not None:
        assert_consistent(report)


# -- .docx -----------------------------------------------------------------------------------------------------

def _xml_safe(s: str) -> str:
    return "".join(ch for ch in s if ch in "\t\n\r" or " " <= ch <= "\ud7ff" or "\ue000" <= ch <= "\ufffd"
                   or ch >= "\U00010000")


cell_text = st.one_of(danish_text, st.text(max_size=30)).map(_xml_safe)
paragraph = st.tuples(st.just("p"), st.lists(cell_text, min_size=1, max_size=4),
                      st.sampled_from([None, "Heading 1", "Heading 2", "List Bullet", "List Number", "Title",
                                       "Quote"]), st.booleans())
table = st.tuples(st.just("table"), st.integers(1, 4), st.integers(1, 3), st.lists(cell_text, max_size=12))
header = st.one_of(st.none(), cell_text)


@st.composite
def random_docx(draw) -> tuple[bytes, list[str]]:
    d = docx.Document()
    texts = []
    head, foot = draw(header), draw(header)
    if head:
        d.sections[0].header.paragraphs[0].text = head
        texts.append(head)
    if foot:
        d.sections[0].footer.paragraphs[0].text = foot
        texts.append(foot)
    for element in draw(st.lists(st.one_of(paragraph, table), max_size=12)):
        if element[0] == "p":
            _, runs, style, bold = element
            p = d.add_paragraph(style=style)
            for i, run in enumerate(runs):
                p.add_run(run).bold = bold and i % 2 == 0
            texts.append("".join(runs))
        else:
            _, rows, cols, cells = element
            t = d.add_table(rows=rows, cols=cols)
            for i, value in enumerate(cells[: rows * cols]):
                t.cell(i // cols, i % cols).text = value
                texts.append(value)
    buf = io.BytesIO()
    d.save(buf)
    return buf.getvalue(), texts


def _words(s: str) -> list[str]:
    return mask_cpr(s).split()


@settings(PROFILE, max_examples=FEW)
@given(built=random_docx())
def test_random_docx(built):
    data, texts = built
    report = check_or_input_error(data)
    if report is None:
        assert not "".join(texts).strip()  # only an empty document may be refused
        return
    assert report.meta["format"] == "docx"
    assert_consistent(report)
    # Every word written into the document is in the checked text, in order within its paragraph.
    body = " ".join(report.text.split())
    for t in texts:
        words = " ".join(_words(t))
        if words:
            assert words in body, (words, body[:500])


@settings(PROFILE, max_examples=max(10, EXAMPLES // 6))
@given(built=random_docx())
def test_random_docx_annotate(built):
    """The annotated copy of any .docx that check() reads is itself a .docx with the same text."""
    data, _ = built
    try:
        out = lixcheck.annotate(data)
    except lixcheck.InputError as e:
        assert e.code in DOCUMENTED_CODES
        return
    again = lixcheck.check(out)
    assert again.text == lixcheck.check(data).text


# -- MeMo ------------------------------------------------------------------------------------------------------

def _esc(s: str) -> str:
    return _xml_safe(s).replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


@st.composite
def memo_file(draw, p: str) -> str:
    kind = draw(st.sampled_from(["text", "text-cp1252", "html", "docx", "octet", "xml", "empty", "broken", "doc"]))
    body = draw(danish_text)
    mime, payload = {
        "text": ("text/plain", body.encode("utf-8")),
        "text-cp1252": ("text/plain; charset=windows-1252", body.encode("cp1252", "replace")),
        "html": ("text/html", f"<html><body><h1>Afgørelse</h1><p>{_esc(body)}</p></body></html>".encode()),
        "docx": ("application/vnd.openxmlformats-officedocument.wordprocessingml.document", _small_docx(body)),
        "octet": ("application/octet-stream", body.encode("utf-16")),
        "xml": ("text/xml", b"<teknisk/>"),
        "empty": ("text/plain", b""),
        "broken": ("text/plain", None),
        "doc": ("application/msword", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 64),
    }[kind]
    if payload is None:
        content = draw(st.sampled_from(["!!! ikke base64 ***", "QUJD=", "====", "A"]))
    else:
        content = base64.b64encode(payload).decode("ascii")
        if draw(st.booleans()):  # line-wrapped base64, as many systems write it
            content = "\n".join(content[i:i + 76] for i in range(0, len(content), 76))
    return (f"<{p}File><{p}encodingFormat>{mime}</{p}encodingFormat><{p}filename>brev</{p}filename>"
            f"<{p}content>{content}</{p}content></{p}File>")


def _small_docx(text: str) -> bytes:
    d = docx.Document()
    for part in _xml_safe(text).split("\n\n"):
        d.add_paragraph(part)
    buf = io.BytesIO()
    d.save(buf)
    return buf.getvalue()


@st.composite
def random_memo(draw) -> bytes:
    prefix = draw(st.sampled_from(["memo", "m", "ns0", ""]))
    p = f"{prefix}:" if prefix else ""
    ns = draw(st.sampled_from(["https://DigitalPost.dk/MeMo-1", "http://digitalpost.dk/memo-1"]))
    xmlns = f'xmlns:{prefix}="{ns}"' if prefix else f'xmlns="{ns}"'
    version = draw(st.sampled_from(["1.1", "1.2", ""]))
    label, notification, sender = draw(cell_text), draw(st.one_of(st.none(), cell_text)), draw(header)
    header_xml = f"<{p}messageType>DIGITALPOST</{p}messageType><{p}label>{_esc(label)}</{p}label>"
    if notification is not None:
        header_xml += f"<{p}notification>{_esc(notification)}</{p}notification>"
    if sender is not None:
        header_xml += (f"<{p}Sender><{p}label>{_esc(sender)}</{p}label><{p}AttentionData><{p}ContentResponsible>"
                       f"<{p}label>Borgerservice</{p}label></{p}ContentResponsible></{p}AttentionData></{p}Sender>")
    if draw(st.booleans()):
        header_xml += (f"<{p}Recipient><{p}recipientID>0101901234</{p}recipientID><{p}idType>CPR</{p}idType>"
                       f"</{p}Recipient>")
    docs = ""
    for role in draw(st.lists(st.sampled_from(["MainDocument", "AdditionalDocument", "TechnicalDocument"]),
                              max_size=3)):
        files = "".join(draw(st.lists(memo_file(p), max_size=2)))
        docs += f"<{p}{role}><{p}label>{_esc(draw(cell_text))}</{p}label>{files}</{p}{role}>"
    version_attr = f' memoVersion="{version}"' if version else ""
    xml = (f"<{p}Message {xmlns}{version_attr}><{p}MessageHeader>{header_xml}</{p}MessageHeader>"
           f"<{p}MessageBody>{docs}</{p}MessageBody></{p}Message>")
    if draw(st.booleans()):
        xml = f'<kombi_request xmlns="urn:example:envelope"><Besked>{xml}</Besked></kombi_request>'
    declaration = draw(st.sampled_from(['<?xml version="1.0" encoding="UTF-8"?>\n', "", '<?xml version="1.0"?>']))
    data = (declaration + xml).encode("utf-8")
    return (b"\xef\xbb\xbf" + data) if draw(st.booleans()) else data


@settings(PROFILE, max_examples=FEW)
@given(data=random_memo())
def test_random_memo(data):
    report = check_or_input_error(data)
    if report is None:
        return
    assert report.meta["format"] == "memo"
    assert_consistent(report)
    title = report.meta.get("title")
    if title:  # the title block is the label with whitespace collapsed, masked as a whole
        assert mask_cpr(" ".join(title.split())) in report.text


@pytest.mark.parametrize("text", ["", " ", "\n\n", "\u00a0\u2003"])
def test_blank_text_is_the_empty_input_error(text):
    with pytest.raises(lixcheck.InputError) as e:
        lixcheck.check(text)
    assert e.value.code == "empty"
