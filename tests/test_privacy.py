"""Privacy: letter text and CPR numbers never leak.

A real `lixcheck serve` (logging on, at DEBUG, for every logger) and a real `lixcheck batch` + `lixcheck report` run
on letters that carry a unique marker word and a fake but date-valid CPR number, with TMPDIR, HOME and
XDG_CACHE_HOME pointed at fresh folders. Afterwards neither the marker nor the CPR number may be in their stdout/stderr
(logs), in any file under TMPDIR/HOME/XDG_CACHE_HOME, or in the batch output folder (the result store included); the
CPR number must be masked (ddmmyy-XXXX) in every output: CLI text/json/jsonl, web JSON, LanguageTool JSON, the
comments of an annotated .docx, and the batch store, CSV and HTML report.
"""

from __future__ import annotations

import base64
import contextlib
import http.cookiejar
import io
import json
import os
import re
import subprocess
import sys
import time
import urllib.parse
import urllib.request
import uuid
import zipfile
from pathlib import Path

import docx
import pytest
from web_server import free_port

BIN = Path(sys.executable).parent
LIXCHECK = BIN / "lixcheck"
CPR = "150372-2417"  # a valid date (15 March 1972), invented number
CPR_BARE = CPR.replace("-", "")
MASKED = "150372-XXXX"


def _marker() -> str:
    return "zqvorkelund" + uuid.uuid4().hex[:10]


def letter_text(marker: str) -> str:
    return (
        "Afgørelse om boligstøtte\n\n"
        "Kære Jens Hansen\n\n"
        f"Vi har modtaget din ansøgning om boligstøtte, og vi har nu behandlet den sammen med oplysningerne om "
        f"{marker} og din husleje. Dit CPR-nummer er {CPR}, og det skal ikke stå i brevet. Du får 1.250 kr. om "
        f"måneden fra den 1. maj 2025, fordi din indtægt er lav. Der fremsendes hermed en kopi af afgørelsen.\n\n"
        "Du kan klage over afgørelsen inden fire uger. Skriv til os, så ser vi på sagen igen.\n\n"
        "Med venlig hilsen\n\nMette Sørensen\nBorgerservice, Aarhus Kommune\nTelefon 89 40 12 34\n"
    )


def letter_docx(text: str) -> bytes:
    d = docx.Document()
    for para in text.split("\n\n"):
        d.add_paragraph(para)
    buf = io.BytesIO()
    d.save(buf)
    return buf.getvalue()


def letter_memo(text: str) -> bytes:
    content = base64.b64encode(text.encode("utf-8")).decode("ascii")
    return (f'<?xml version="1.0" encoding="UTF-8"?><memo:Message xmlns:memo="https://DigitalPost.dk/MeMo-1" '
            f'memoVersion="1.2"><memo:MessageHeader><memo:label>Afgørelse om boligstøtte</memo:label>'
            f"<memo:Sender><memo:label>Aarhus Kommune</memo:label></memo:Sender><memo:Recipient>"
            f"<memo:recipientID>{CPR_BARE}</memo:recipientID><memo:idType>CPR</memo:idType></memo:Recipient>"
            f"</memo:MessageHeader><memo:MessageBody><memo:MainDocument><memo:File>"
            f"<memo:encodingFormat>text/plain</memo:encodingFormat><memo:filename>brev.txt</memo:filename>"
            f"<memo:content>{content}</memo:content></memo:File></memo:MainDocument></memo:MessageBody>"
            f"</memo:Message>").encode()


@pytest.fixture
def sandbox(tmp_path):
    """Fresh TMPDIR, HOME and XDG_CACHE_HOME for the subprocesses; returns (env, folders to scan)."""
    dirs = {name: tmp_path / name for name in ("tmp", "home", "cache")}
    for d in dirs.values():
        d.mkdir()
    env = {k: v for k, v in os.environ.items() if not k.startswith("LIXCHECK")}
    env.update({"TMPDIR": str(dirs["tmp"]), "HOME": str(dirs["home"]), "XDG_CACHE_HOME": str(dirs["cache"]),
                "PYTHONUNBUFFERED": "1", "PYTHONDONTWRITEBYTECODE": "1"})
    return env, list(dirs.values())


def needles(marker: str) -> list[bytes]:
    """What must not appear: the marker and the CPR number in every encoding a file or log could hold it."""
    out = []
    for s in (marker, CPR, CPR_BARE):
        for enc in ("utf-8", "utf-16-le", "utf-16-be"):
            out.append(s.encode(enc))
        out.append(base64.b64encode(s.encode()))  # not a full check of base64, but the common aligned case
    return out


def scan(paths, marker: str, *, skip=()) -> list[str]:
    """Files under ``paths`` (and zip members inside them) that contain a needle."""
    found = []
    bad = needles(marker)
    for root in paths:
        for f in ([root] if Path(root).is_file() else sorted(Path(root).rglob("*"))):
            if not f.is_file() or f in skip:
                continue
            data = f.read_bytes()
            blobs = [data]
            if data[:2] == b"PK":
                with contextlib.suppress(zipfile.BadZipFile):
                    with zipfile.ZipFile(io.BytesIO(data)) as z:
                        blobs += [z.read(i) for i in z.infolist()]
            if any(n in b for b in blobs for n in bad):
                found.append(str(f))
    return found


def assert_masked(output: str, what: str) -> None:
    assert CPR not in output and CPR_BARE not in output, what
    assert MASKED in output, f"{what}: the CPR finding is shown masked"


# -- web --------------------------------------------------------------------------------------------------------

SERVE = ("import logging, sys\n"
         "logging.basicConfig(level=logging.DEBUG, stream=sys.stderr)\n"
         "from lixcheck.cli import main\n"
         "main(['serve', '--host', '127.0.0.1', '--port', sys.argv[1], '--threads', '2'])\n")


@contextlib.contextmanager
def server(env, cwd):
    port = free_port()
    proc = subprocess.Popen([sys.executable, "-c", SERVE, str(port)], cwd=cwd, env=env, stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE)
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 90
        while True:
            if proc.poll() is not None:
                raise RuntimeError(proc.stderr.read().decode())
            try:
                with urllib.request.urlopen(base + "/healthz", timeout=2):
                    break
            except OSError:
                if time.monotonic() > deadline:
                    raise
                time.sleep(0.1)
        yield base, proc
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=15)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()


def _multipart(fields: dict, files: dict) -> tuple[bytes, str]:
    boundary = uuid.uuid4().hex
    parts = []
    for name, value in fields.items():
        parts.append(f'--{boundary}\r\nContent-Disposition: form-data; name="{name}"\r\n\r\n{value}\r\n'.encode())
    for name, (filename, data) in files.items():
        parts.append(f'--{boundary}\r\nContent-Disposition: form-data; name="{name}"; filename="{filename}"\r\n'
                     f"Content-Type: application/octet-stream\r\n\r\n".encode() + data + b"\r\n")
    return b"".join(parts) + f"--{boundary}--\r\n".encode(), f"multipart/form-data; boundary={boundary}"


def _open(opener, req):
    try:
        with opener.open(req, timeout=120) as r:
            return r.status, r.read()
    except urllib.error.HTTPError as e:
        return e.code, e.read()


def test_web_server_logs_nothing_and_masks_cpr(sandbox, tmp_path):
    env, scanned = sandbox
    marker = _marker()
    text = letter_text(marker)
    with server(env, tmp_path) as (base, proc):
        opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(http.cookiejar.CookieJar()))
        # JSON API, text
        req = urllib.request.Request(base + "/api/v1/check", data=json.dumps({"text": text}).encode(),
                                     headers={"Content-Type": "application/json"})
        status, body = _open(opener, req)
        assert status == 200
        assert_masked(body.decode(), "web JSON (text)")
        # JSON API, file uploads: .docx, MeMo, and files that fail (the error path must not log the letter either)
        for filename, data, want in (("brev.docx", letter_docx(text), 200), ("besked.xml", letter_memo(text), 200),
                                     ("brev.txt", text.encode("utf-16"), 200),
                                     ("skadet.docx", letter_docx(text)[:5000], 422),
                                     ("brudt.xml", letter_memo(text)[:-40], 422),
                                     ("binaer.txt", text.encode() + b"\0" * 50, 422)):
            payload, ctype = _multipart({"kind": "decision"}, {"file": (filename, data)})
            status, body = _open(opener, urllib.request.Request(base + "/api/v1/check", data=payload,
                                                                headers={"Content-Type": ctype}))
            assert status == want, (filename, status, body[:200])
            out = body.decode()
            assert marker not in out or want == 200, filename
            if want == 200:
                assert_masked(out, f"web JSON ({filename})")
        # LanguageTool-compatible API
        status, body = _open(opener, urllib.request.Request(
            base + "/v2/check", data=urllib.parse.urlencode({"text": text, "language": "da-DK"}).encode()))
        assert status == 200
        lt = body.decode()
        assert CPR not in lt and CPR_BARE not in lt
        assert any(MASKED in m["context"]["text"] or MASKED in m.get("sentence", "")
                   for m in json.loads(lt)["matches"]), "LanguageTool JSON shows the CPR masked"
        # The review page (form with CSRF token), paste and upload
        status, page = _open(opener, base + "/")
        token = re.search(rb'name="csrf" value="([^"]+)"', page).group(1).decode()
        form = urllib.parse.urlencode({"csrf": token, "text": text}).encode()
        status, _ = _open(opener, urllib.request.Request(base + "/tjek", data=form, headers={"Origin": base}))
        assert status == 200
        payload, ctype = _multipart({"csrf": token}, {"file": ("brev.docx", letter_docx(text))})
        status, _ = _open(opener, urllib.request.Request(base + "/upload", data=payload,
                                                         headers={"Content-Type": ctype, "Origin": base}))
        assert status == 200
    stdout, stderr = proc.stdout.read(), proc.stderr.read()
    proc.stdout.close()
    proc.stderr.close()
    assert stderr.strip(), "logging is on: the server wrote log lines"
    for stream in (stdout, stderr):
        for n in needles(marker):
            assert n not in stream, (n, stream.decode(errors="replace")[-2000:])
    assert scan(scanned, marker) == []


# -- CLI --------------------------------------------------------------------------------------------------------

def test_cli_outputs_mask_cpr_and_annotate_comments(sandbox, tmp_path):
    env, scanned = sandbox
    marker = _marker()
    text = letter_text(marker)
    src = tmp_path / "brev.txt"
    src.write_text(text, encoding="utf-8")
    from click.testing import CliRunner

    from lixcheck.cli import main

    for fmt in ("text", "json", "jsonl"):  # in-process (the subprocesses below cover files and logs)
        r = CliRunner().invoke(main, ["check", str(src), "--format", fmt, "--fail-on", "never"])
        assert r.exit_code == 0, r.stderr
        assert_masked(r.stdout, f"CLI {fmt}")
        assert marker not in r.stderr
    # The console script on a good letter and a broken one: the error message does not quote the letter.
    bad = tmp_path / "skadet.xml"
    bad.write_bytes(letter_memo(text)[:-40])
    r = subprocess.run([str(LIXCHECK), "check", str(src), str(bad), "--format", "jsonl", "--fail-on", "never"],
                       env=env, cwd=tmp_path, capture_output=True, timeout=120)
    assert r.returncode == 2, r.stderr.decode()
    assert_masked(r.stdout.decode(), "CLI jsonl (console script)")
    assert str(bad).encode() in r.stderr
    assert marker.encode() not in r.stderr and CPR.encode() not in r.stderr and CPR_BARE.encode() not in r.stderr
    # Annotated .docx: the comments never hold the CPR number (the letter itself is the user's own copy).
    docx_in = tmp_path / "brev.docx"
    docx_in.write_bytes(letter_docx(text))
    docx_out = tmp_path / "brev-kommentarer.docx"
    r = subprocess.run([str(LIXCHECK), "annotate", str(docx_in), "-o", str(docx_out)], env=env, cwd=tmp_path,
                       capture_output=True, timeout=120)
    assert r.returncode == 0, r.stderr.decode()
    with zipfile.ZipFile(docx_out) as z:
        comments = z.read("word/comments.xml").decode("utf-8")
    assert CPR not in comments and CPR_BARE not in comments
    assert "XXXX" in comments
    assert marker.encode() not in r.stdout + r.stderr
    assert scan(scanned, marker) == []


# -- batch ------------------------------------------------------------------------------------------------------

def test_batch_and_report_store_and_log_nothing(sandbox, tmp_path):
    """Every letter carries its own marker word: the letters share a template, so the report shows a representative
    of it, with the words that only one letter has (the marker, the name, the CPR number) masked."""
    env, scanned = sandbox
    markers = [_marker() for _ in range(10)]
    texts = [letter_text(m) for m in markers]
    src = tmp_path / "breve"
    src.mkdir()
    for i in range(3):
        (src / f"brev{i}.txt").write_text(texts[i].replace("Jens", f"Jens{i}"), encoding="utf-8")
    (src / "brev.docx").write_bytes(letter_docx(texts[3]))
    (src / "besked.xml").write_bytes(letter_memo(texts[4]))
    (src / "skadet.docx").write_bytes(letter_docx(texts[5])[:4000])
    (src / "binaer.txt").write_bytes(texts[6].encode() + b"\0" * 50)
    with open(tmp_path / "breve.jsonl", "w", encoding="utf-8") as fh:
        for i in range(3):
            fh.write(json.dumps({"id": f"j{i}", "text": texts[7 + i]}, ensure_ascii=False) + "\n")
    out = tmp_path / "ud"
    r = subprocess.run([str(LIXCHECK), "batch", str(src), str(tmp_path / "breve.jsonl"), "--out", str(out),
                        "--workers", "1", "--shard-size", "2"],
                       env=env, cwd=tmp_path, capture_output=True, timeout=300)
    assert r.returncode == 0, r.stderr.decode()[-2000:]
    html, csv = tmp_path / "rapport.html", tmp_path / "rapport.csv"
    r2 = subprocess.run([str(LIXCHECK), "report", str(out), "-o", str(html), "--csv", str(csv)], env=env,
                        cwd=tmp_path, capture_output=True, timeout=300)
    assert r2.returncode == 0, r2.stderr.decode()[-2000:]
    for marker in markers:
        for stream in (r.stdout, r.stderr, r2.stdout, r2.stderr):
            for n in needles(marker):
                assert n not in stream
        # The store, its WAL, the CSV and the HTML report: no letter text, no CPR number.
        assert scan([out, html, csv, *scanned], marker) == []
    page = html.read_text(encoding="utf-8")
    assert "Ret disse først" in page and "«…»" in page, "the letters' template is shown, masked"
    assert "Jens" not in page and "Mette Sørensen" not in page
    import sqlite3

    db = sqlite3.connect(f"file:{out / 'results.sqlite'}?mode=ro", uri=True)
    try:
        rows = db.execute("SELECT COUNT(*), SUM(status = 'error') FROM documents").fetchone()
        shown = [t for (t,) in db.execute("SELECT text FROM findings WHERE rule = 'template.cpr'")]
    finally:
        db.close()
    assert rows == (10, 2)
    assert shown and all(t in (MASKED, None) for t in shown), shown


def test_mask_json_masks_every_string_and_skips_clean_values():
    from lixcheck.privacy import mask_json

    clean = {"sender": {"name": "Aarhus Kommune", "phone": "87 13 12 34"}, "parts": [1, 2.5, None, True]}
    assert mask_json(clean) is clean  # nothing to mask: no copy
    dirty = {"a": ["Sag 010203-1234", {"b": ("CPR 0102031234",)}], "c": "٠١٠٢٠٣-١٢٣٤", "n": 123456789012}
    assert mask_json(dirty) == {"a": ["Sag 010203-XXXX", {"b": ["CPR 010203XXXX"]}], "c": "٠١٠٢٠٣-XXXX",
                                "n": 123456789012}
    assert mask_json({1: "010203-1234"}) == {1: "010203-XXXX"}  # keys orjson cannot write: walked


def test_report_meta_masks_the_callers_and_the_readers_strings(tmp_path):
    """The Report's meta masks what came from outside: a file name (lixcheck's own values are not scanned, so this
    must be). A letter kind is one of lixcheck's own; an unknown one is refused without repeating a CPR number."""
    import lixcheck

    path = tmp_path / "brev til 010203-1234.txt"
    path.write_text("Kære Anna.\n\nDu får hjælp til medicin fra 1. maj.\n", encoding="utf-8")
    report = lixcheck.check(path, kind="Afgørelse")
    assert report.meta["filename"] == "brev til 010203-XXXX.txt"
    assert report.meta["kind"] == "decision"
    assert "1234" not in json.dumps(report.to_dict())
    with pytest.raises(lixcheck.UnknownKind) as refused:
        lixcheck.check(path, kind="sag 0102031234")
    assert "1234" not in str(refused.value) and "1234" not in refused.value.message_da


def test_no_memo_keeps_the_letter_after_its_check():
    """The memos that let the rules share one scan of a letter (the CPR scan, the anchored searches' needle places)
    hold the letter's text during its check; when check() returns, none of them may still refer to it."""
    import gc
    import importlib

    import lixcheck
    from lixcheck import privacy

    anchored = importlib.import_module("lixcheck.search.anchored")
    letter = ("Kære Anna\n\nVi har truffet afgørelse om din ansøgning om boligstøtte. Du kan klage til Ankestyrelsen "
              "inden 4 uger via Klageportalen på borger.dk. Skriv til os på post@eksempelby.dk. Sag 010203-1234.\n") * 4
    searches = [a for a in gc.get_objects() if isinstance(a, anchored.Anchored)]
    lixcheck.check(letter)
    searches += [a for a in gc.get_objects() if isinstance(a, anchored.Anchored)]
    assert searches, "the search layer made no anchored searches: this test no longer sees the memos"
    assert all(a._last[0] is None for a in searches)
    assert privacy._last_six[0] is None
