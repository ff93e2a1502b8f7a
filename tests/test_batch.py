"""Batch audit: sources, store, error rows, resume, engines (local vs Dask), paragraph cache, generator."""

from __future__ import annotations

import json
import re
import sqlite3
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest
from generated import generator

from lixcheck import Checker
from lixcheck.batch.cache import BlockCache, _pieces
from lixcheck.batch.runner import run
from lixcheck.batch.sources import Item, Opener, iter_items
from lixcheck.batch.store import Store
from lixcheck.config import Config
from lixcheck.errors import InputError
from lixcheck.readers.text import read_text

ROOT = Path(__file__).resolve().parent.parent



gen = generator()


def cli(*args, cwd=None, check=True) -> subprocess.CompletedProcess:
    proc = subprocess.run([sys.executable, "-m", "lixcheck.cli", *args], capture_output=True, text=True,
                          cwd=cwd, timeout=120)
    if check and proc.returncode != 0:
        raise AssertionError(f"exit {proc.returncode}: {proc.stderr[-2000:]}")
    return proc


# -- generator ----------------------------------------------------------------------------------------------------

def test_generator_is_deterministic_and_zipf_like():
    a = list(gen.generate(400, seed=7))
    b = list(gen.generate(400, seed=7))
    c = list(gen.generate(400, seed=8))
    assert a == b
    assert a != c
    counts: dict[str, int] = {}
    for letter in a:
        counts[letter["template"]] = counts.get(letter["template"], 0) + 1
        assert "{" not in letter["text"], "every merge field is filled"
    ranked = sorted(counts.values(), reverse=True)
    assert ranked[0] >= 4 * ranked[len(ranked) // 2], "a few templates dominate"
    # Zipf over 200+ templates: the top 3 send a quarter of the letters, the top 20 more than half.
    assert sum(ranked[:3]) > 0.25 * len(a) and sum(ranked[:20]) > 0.5 * len(a)
    assert {letter["kind"] for letter in a} >= {"decision", "information", "partshøring"}
    assert any(letter["sent"] > 1 for letter in a) and any(letter["sent"] == 1 for letter in a)


def test_generator_assembles_200_templates_from_shared_blocks():
    templates = gen.ALL_TEMPLATES
    assert len(templates) >= 200 and len({t[0] for t in templates}) == len(templates)
    # The templates of one house share whole paragraphs (opening, klagevejledning, contact block) ...
    by_house: dict[str, list[set[str]]] = {}
    for _tid, house, _kind, _title, paragraphs in templates:
        by_house.setdefault(house, []).append({p.lstrip("?") for p in paragraphs})
    for house, sets in by_house.items():
        if len(sets) >= 10:
            shared = [p for p in set().union(*sets) if sum(p in s for s in sets) >= len(sets) // 3]
            assert len(shared) >= 3, house  # salutation, contact block and closing at least
    # ... and each template has paragraphs of its own, some of them optional.
    own = sum(1 for t in templates if any(sum(p in s for s in by_house[t[1]]) == 1
                                          for p in {q.lstrip("?") for q in t[4]}))
    assert own >= 0.9 * len(templates)
    assert sum(any(p.startswith("?") for p in t[4]) for t in templates) >= 0.8 * len(templates)


def test_generator_mixes_free_written_letters():
    letters = list(gen.generate(300, seed=4, free=0.2))
    free = [letter for letter in letters if letter["template"] is None]
    assert 30 <= len(free) <= 90 and len({letter["text"] for letter in free}) == len(free)
    assert list(gen.generate(300, seed=4, free=0.2)) == letters
    assert all("{" not in letter["text"] for letter in free)


def test_generator_writes_memo_xml(tmp_path):
    from lxml import etree

    index = gen.write(tmp_path, 5, 1, "memo")
    rows = [json.loads(line) for line in index.read_text(encoding="utf-8").splitlines()]
    assert len(rows) == 5
    root = etree.parse(str(tmp_path / rows[0]["path"])).getroot()
    assert root.tag == "{https://DigitalPost.dk/MeMo-1}Message"
    ns = {"m": "https://DigitalPost.dk/MeMo-1"}
    assert root.findtext("m:MessageHeader/m:Sender/m:label", namespaces=ns) == "Aarhus Kommune"
    assert root.find("m:MessageBody/m:MainDocument/m:File/m:content", namespaces=ns) is not None


# -- sources ------------------------------------------------------------------------------------------------------

def _letters(n, seed=1):
    return list(gen.generate(n, seed=seed))


def test_sources_stream_folders_zips_and_jsonl(tmp_path):
    letters = _letters(6)
    folder = tmp_path / "mappe"
    (folder / "sub").mkdir(parents=True)
    (folder / "a.txt").write_text(letters[0]["text"], encoding="utf-8")
    (folder / "sub" / "b.txt").write_text(letters[1]["text"], encoding="utf-8")
    (folder / ".hidden").write_text("x", encoding="utf-8")
    with zipfile.ZipFile(tmp_path / "arkiv.zip", "w") as z:
        z.writestr("c.txt", letters[2]["text"])
        z.writestr("mappe/", "")
    (tmp_path / "d.txt").write_text(letters[3]["text"], encoding="utf-8")
    jsonl = tmp_path / "breve.jsonl"
    jsonl.write_text("\n".join([
        json.dumps({"id": "j1", "text": letters[4]["text"], "kind": "decision", "template": "t1", "sent": 3}),
        json.dumps({"id": "j2", "path": "d.txt", "date": "2025-03-01"}),
        "{not json",
        json.dumps({"id": "j4"}),
    ]) + "\n", encoding="utf-8")
    items = list(iter_items([str(folder), str(tmp_path / "arkiv.zip"), str(jsonl)]))
    ids = [i.id for i in items]
    assert ids[:3] == [str(folder / "a.txt"), str(folder / "sub" / "b.txt"), f"{tmp_path / 'arkiv.zip'}!c.txt"]
    assert ids[3:5] == ["j1", "j2"]
    assert items[3].kind == "decision" and items[3].template == "t1" and items[3].sent == 3
    assert items[4].date == "2025-03-01"
    assert [i.ref for i in items[5:]] == [("error", "invalid_jsonl"), ("error", "invalid_jsonl")]
    # References carry no letter text; workers read the letters themselves.
    assert all(letters[4]["text"][:40] not in repr(i) for i in items)
    cfg = Config()
    with Opener(Checker(cfg)) as opener:
        assert opener.read(items[2])[0].text.startswith(letters[2]["text"][:30])
        assert opener.read(items[3])[0].text.startswith(letters[4]["text"][:30])
        assert opener.read(items[4])[0].text.startswith(letters[3]["text"][:30])
        with pytest.raises(InputError) as e:
            opener.read(items[5])
        assert e.value.code == "invalid_jsonl"


def test_a_folder_with_its_index_is_counted_once(tmp_path):
    """corpus/generate.py writes letters plus an index.jsonl naming them: the folder holds each letter once."""
    from lixcheck.batch.runner import _base_row, count_items

    gen.write(tmp_path, 5, 1, "txt")
    extra = tmp_path / "letters" / "ekstra.txt"  # a letter the index does not name is still checked, as a file
    extra.write_text("Vi har modtaget din ansøgning. Du får svar inden fire uger.", encoding="utf-8")
    items = list(iter_items([str(tmp_path)]))
    index = [json.loads(line) for line in (tmp_path / "index.jsonl").read_text(encoding="utf-8").splitlines()]
    assert [i.id for i in items] == [str(r["id"]) for r in index] + [str(extra)]
    assert count_items([str(tmp_path)]) == len(items) == 6
    # the index and the folder of its letters given side by side (or by a glob): still once each
    assert len(list(iter_items([str(tmp_path / "index.jsonl"), str(tmp_path / "letters")]))) == 6
    assert len(list(iter_items([str(tmp_path / "*")]))) == 6
    # the store's source says where each document came from
    assert [_base_row(i)["source"] for i in items] == [f"{tmp_path / 'index.jsonl'}:{n}" for n in range(1, 6)] + [
        str(extra)]


def test_store_source_is_the_path_the_member_or_the_line(tmp_path):
    from lixcheck.batch.runner import _base_row

    (tmp_path / "a.txt").write_text("Hej.", encoding="utf-8")
    with zipfile.ZipFile(tmp_path / "arkiv.zip", "w") as z:
        z.writestr("mappe/b.txt", "Hej.")
    (tmp_path / "c.jsonl").write_text('{"text": "Hej."}\n\n{"id": "x", "text": "Hej."}\n', encoding="utf-8")
    sources = [_base_row(i)["source"] for i in iter_items([str(tmp_path / n) for n in ("a.txt", "arkiv.zip",
                                                                                       "c.jsonl")])]
    assert sources == [str(tmp_path / "a.txt"), f"{tmp_path / 'arkiv.zip'}!mappe/b.txt", f"{tmp_path / 'c.jsonl'}:1",
                       f"{tmp_path / 'c.jsonl'}:3"]


def test_sources_glob_and_missing(tmp_path):
    from lixcheck.batch.sources import SourceError, check_sources

    (tmp_path / "x1.txt").write_text("Hej.", encoding="utf-8")
    (tmp_path / "x2.txt").write_text("Hej.", encoding="utf-8")
    assert len(list(iter_items([str(tmp_path / "x*.txt")]))) == 2
    with pytest.raises(SourceError):
        check_sources([str(tmp_path / "findes-ikke")])


# -- a real batch over every source kind, with bad documents --------------------------------------------------------

def _encrypted_zip(path: Path, name: str, data: bytes) -> None:
    """A zip whose member has the 'encrypted' flag set (zipfile cannot encrypt, so patch both headers)."""
    with zipfile.ZipFile(path, "w") as z:
        z.writestr(name, data)
    raw = bytearray(path.read_bytes())
    local = raw.find(b"PK\x03\x04")
    central = raw.find(b"PK\x01\x02")
    raw[local + 6] |= 1
    raw[central + 8] |= 1
    path.write_bytes(bytes(raw))


@pytest.fixture(scope="module")
def corpus(tmp_path_factory):
    """60 generated letters as files, a zip and JSONL, plus unreadable, encrypted and too large documents."""
    base = tmp_path_factory.mktemp("batch")
    letters = _letters(60, seed=11)
    folder = base / "breve"
    folder.mkdir()
    for letter in letters[:25]:
        (folder / f"{letter['id']}.txt").write_text(letter["text"], encoding="utf-8")
    (folder / "binær.txt").write_bytes(b"\x00\x01\x02" * 200)
    (folder / "stor.txt").write_text("Dette er en alt for lang sætning. " * 2000, encoding="utf-8")
    (folder / "tom.txt").write_text("   \n", encoding="utf-8")
    with zipfile.ZipFile(base / "arkiv.zip", "w") as z:
        for letter in letters[25:40]:
            z.writestr(f"zip/{letter['id']}.txt", letter["text"])
    _encrypted_zip(base / "hemmelig.zip", "låst.txt", letters[0]["text"].encode())
    with open(base / "breve.jsonl", "w", encoding="utf-8") as f:
        for letter in letters[40:]:
            f.write(json.dumps({k: letter[k] for k in ("id", "text", "kind", "template", "sender", "sent", "date")},
                               ensure_ascii=False) + "\n")
    (base / "lixcheck.toml").write_text("max_bytes = 40000\n", encoding="utf-8")
    sources = [str(folder), str(base / "arkiv.zip"), str(base / "hemmelig.zip"), str(base / "breve.jsonl")]
    return {"base": base, "letters": letters, "sources": sources, "inputs": 60 + 3 + 1}


@pytest.fixture(scope="module")
def batch_out(corpus):
    out = corpus["base"] / "ud"
    proc = cli("batch", *corpus["sources"], "--out", str(out), "--workers", "2", "--shard-size", "16",
               "--config", str(corpus["base"] / "lixcheck.toml"))
    return {"out": out, "first": proc}


def test_batch_stores_one_row_per_input_and_error_rows(corpus, batch_out):
    out = batch_out["out"]
    with Store(out, readonly=True) as store:
        rows = list(store.results())
    assert len(rows) == corpus["inputs"]
    assert len({r["id"] for r in rows}) == len(rows)
    errors = {Path(r["id"].split("!")[-1]).name: r["error_code"] for r in rows if r["status"] == "error"}
    assert errors == {"binær.txt": "binary", "stor.txt": "too_large", "tom.txt": "empty", "låst.txt": "encrypted"}
    ok = [r for r in rows if r["status"] == "ok"]
    assert all(r["words"] > 20 and r["hash"] and len(r["hash"]) == 32 for r in ok)
    by_id = {r["id"]: r for r in rows}
    jl = corpus["letters"][45]
    assert by_id[jl["id"]]["template"] == jl["template"] and by_id[jl["id"]]["date"] == jl["date"]
    for r in ok:
        assert r["findings"] == len(r["finding_rows"])
    summary = batch_out["first"].stdout
    assert "Dokumenter i lageret" in summary and "LIX, median" in summary and "fejl" in summary
    assert re.search(r"Skabeloner fundet\s+\d+ \(\d+ breve; \d+ ligner ikke andre\)", summary)


def _sentences(text: str) -> list[str]:
    return [s for s in re.split(r"(?<=\.)\s|\n", text) if len(s) > 25]


def test_store_holds_no_letter_text_and_no_cpr(corpus, batch_out):
    raw = b"".join(p.read_bytes() for p in batch_out["out"].iterdir() if p.name.startswith("results.sqlite"))
    text = raw.decode("utf-8", "replace")
    for letter in corpus["letters"]:
        body = letter["text"]
        name_line = body.split("\n", 1)[0]  # "Kære <name>": personal, and never a finding by itself
        assert name_line not in text and name_line[5:] not in text
    assert not re.search(r"\d{6}-\d{4}", text), "CPR numbers are masked in stored finding texts"
    # Letter text is only in the templates table: one representative per template, masked.
    db = sqlite3.connect(f"file:{batch_out['out'] / 'results.sqlite'}?mode=ro", uri=True)
    outside = "\n".join(str(v) for table in ("documents", "findings", "meta", "template_prototypes")
                        for row in db.execute(f"SELECT * FROM {table}") for v in row)
    representatives = [r[0] for r in db.execute("SELECT representative FROM templates")]
    assert representatives, "the corpus has templates with several letters"
    for letter in corpus["letters"]:
        sentence = max(re.split(r"(?<=\.)\s", letter["text"]), key=len)
        assert sentence not in outside
    # Every sentence of a representative is in two letters at least (a merge value is masked, not shown).
    for rep in representatives:
        for piece in re.split(r"«[^»]*»", rep):
            for s in _sentences(piece):
                assert sum(s in letter["text"] for letter in corpus["letters"]) >= 2, s
    log = batch_out["first"].stderr
    assert not any(letter["text"][:30] in log for letter in corpus["letters"])


def test_rerun_skips_finished_documents(corpus, batch_out):
    out = batch_out["out"]
    proc = cli("batch", *corpus["sources"], "--out", str(out), "--workers", "1", "--quiet",
               "--config", str(corpus["base"] / "lixcheck.toml"))
    assert re.search(r"nye i denne kørsel\s+0\b", proc.stdout)
    assert re.search(rf"sprunget over \(færdige før\)\s+{corpus['inputs']}\b", proc.stdout)
    with Store(out, readonly=True) as store:
        assert store.count() == corpus["inputs"]


def test_batch_usage_errors(tmp_path):
    proc = cli("batch", str(tmp_path / "findes-ikke"), "--out", str(tmp_path / "ud"), check=False)
    assert proc.returncode == 2 and "findes ikke" in proc.stderr and "Traceback" not in proc.stderr
    proc = cli("report", str(tmp_path / "tom"), "-o", str(tmp_path / "r.html"), check=False)
    assert proc.returncode == 2 and "Traceback" not in proc.stderr


# -- engines and cache ----------------------------------------------------------------------------------------------

def _results(out: Path) -> list[dict]:
    with Store(out, readonly=True) as store:
        return sorted(store.results(), key=lambda r: r["id"])


def test_local_and_dask_engines_and_cache_give_identical_results(tmp_path):
    pytest.importorskip("distributed")
    jsonl = gen.write(tmp_path / "in", 90, 5, "jsonl")
    cfg = Config()
    run([str(jsonl)], tmp_path / "local", config=cfg, engine="local", workers=2, shard_size=20)
    run([str(jsonl)], tmp_path / "nocache", config=cfg, engine="local", workers=1, shard_size=45, cache_size=0)
    stats = run([str(jsonl)], tmp_path / "dask", config=cfg, engine="dask", workers=2, shard_size=20)
    local, nocache, dask = (_results(tmp_path / d) for d in ("local", "nocache", "dask"))
    assert len(local) == 90
    assert all(r["template_cluster"] is not None for r in local)
    assert len({r["template_cluster"] for r in local}) < 70, "the letters were grouped into templates"
    assert local == dask  # the same results, template clusters included
    assert local == nocache
    assert stats.hit_rate is not None and stats.hit_rate > 0.2  # 90 letters of 200+ templates: few repeats


def _token_arrays(doc):
    from spacy.attrs import IDX, LEMMA, ORTH, SPACY

    return doc.to_array([ORTH, LEMMA, IDX, SPACY]).tolist()


def test_paragraph_cache_is_exact():
    checker = Checker(Config())
    cache = BlockCache(checker, capacity=50)  # small: evictions happen too
    if not cache.enabled:
        pytest.skip(f"paragraph cache is off for this pipeline: {cache.reason}")
    letters = _letters(150, seed=3)
    odd = ["  \n\nKære Jens\n\nVi har modtaget din ansøgning.  \n\n\n", "Én linje uden punktum",
           "Hej.\nDu får svar.\n\n- punkt et\n- punkt to\n\nMed venlig hilsen\nBo"]
    for text in [letter["text"] for letter in letters] + odd:
        document = read_text(text)
        expected = checker.check_document(document, kind="decision").to_dict()
        assert cache.check(document, "decision").to_dict() == expected
    assert cache.hit_rate > 0.3  # capacity 50 and admission on second sight keep this low; see benchmark
    # The joined Doc is token for token (text, lemma, offset, space) the Doc of the whole text.
    document = read_text(letters[0]["text"])
    joined = cache.stage.join([cache._piece(p) for p in _pieces(document)])
    assert _token_arrays(joined) == _token_arrays(checker.analyzer.nlp(document.text))


def test_worker_records_internal_errors_without_stopping(tmp_path):
    from lixcheck.batch.runner import process_shard

    good = tmp_path / "god.txt"
    good.write_text(_letters(1)[0]["text"], encoding="utf-8")
    shard = [Item("x", ("file", str(tmp_path / "mangler.txt"))), Item("g", ("file", str(good))),
             Item("e", ("error", "invalid_jsonl"))]
    rows = process_shard(shard, Config(), 100)["rows"]
    assert [(r["id"], r["status"], r.get("error_code")) for r in rows] == [
        ("x", "error", "unreadable"), ("g", "ok", None), ("e", "error", "invalid_jsonl")]


def test_store_is_append_only_and_ignores_duplicates(tmp_path):
    with Store(tmp_path) as store:
        assert store.add([{"id": "a", "status": "ok", "finding_rows": [("r", "warning", "jargon", 0, 3, 1, 1, 0,
                                                                         "abc")]}]) == 1
        assert store.add([{"id": "a", "status": "ok"}, {"id": "b", "status": "error", "error_code": "x"}]) == 1
        assert store.done(["a", "b", "c"]) == {"a", "b"}
        # An ignored row (stored before, or twice in one call) takes its findings with it; the rows after it keep
        # theirs (rows are inserted with one statement, so each finding must still name its own row).
        finding = ("r", "warning", "jargon", 0, 3, 1, 1, 0)
        assert store.add([{"id": "a", "status": "ok", "finding_rows": [(*finding, "again")]},
                          {"id": "c", "status": "ok", "finding_rows": [(*finding, "c1"), (*finding, "c2")]},
                          {"id": "c", "status": "ok", "finding_rows": [(*finding, "c twice")]},
                          {"id": "d", "status": "ok", "finding_rows": [(*finding, "d1")]}]) == 2
    db = sqlite3.connect(tmp_path / "results.sqlite")
    assert sorted(db.execute("SELECT d.id, f.text FROM findings f JOIN documents d ON d.seq = f.doc_seq")) == [
        ("a", "abc"), ("c", "c1"), ("c", "c2"), ("d", "d1")]
