"""Template discovery: merge values, grouping generated letters without their template ids, the representative
letter, flat memory, resuming, and the report's "Ret disse først" section and template pages."""

from __future__ import annotations

import csv
import json
import re
import sqlite3
import zlib
from html import escape
from pathlib import Path

import pytest
from generated import generator

from lixcheck.batch import aggregate, templates
from lixcheck.batch.report_html import write_report
from lixcheck.batch.runner import run
from lixcheck.batch.store import Store
from lixcheck.config import Config
from lixcheck.merge_values import find, mask

ROOT = Path(__file__).resolve().parent.parent



gen = generator()


# -- merge values ---------------------------------------------------------------------------------------------------

@pytest.mark.parametrize("text, masked", [
    ("Kære Jens Hansen\n\nDu får svar.", "Kære «navn»\n\nDu får svar."),
    ("Kære Anne og Bo Holm-Larsen,\n", "Kære «navn»,\n"),
    ("Med venlig hilsen\n\nMette Sørensen\nJobcenter Aarhus", "Med venlig hilsen\n\n«navn»\nJobcenter Aarhus"),
    ("Ring til din sagsbehandler Ida Østergaard i dag.", "Ring til din sagsbehandler «navn» i dag."),
    ("Du kan ringe til Jobcenter Aarhus i dag.", "Du kan ringe til Jobcenter Aarhus i dag."),
    ("CPR-nr.: 150372-2417", "CPR-nr.: «cpr-nummer»"),
    ("Skriv til jens.hansen2@aarhus.dk.", "Skriv til «e-mail»."),
    ("Mødet er den 3. maj 2025 kl. 10.30.", "Mødet er den «dato» kl. «klokkeslæt»."),
    ("Frist: 01.05.2025 eller 2025-05-01.", "Frist: «dato» eller «dato»."),
    ("Du får 1.250 kr. eller kr. 3.400,00.", "Du får «beløb» kr. eller kr. «beløb»."),
    ("Ring på +45 89 40 12 34.", "Ring på «telefon»."),
    ("Sagsnummer 2025-123456, j.nr. 27.12.08-P20-1-24.", "Sagsnummer «nummer», j.nr. «nummer»."),
    ("Du bor på Søndergade 12, 2. th., 8000 Aarhus C.", "Du bor på «adresse», «by»."),
    ("Mødet er på Søren Frichs Vej 36, 8230 Åbyhøj.", "Mødet er på «adresse», «by»."),
    ("I 2025 fik du 12345 point.", "I «tal» fik du «tal» point."),
    # Template text stays: law references, short numbers, opening hours, web addresses.
    ("Efter § 81, stk. 1, nr. 3 og §§ 12-14.", "Efter § 81, stk. 1, nr. 3 og §§ 12-14."),
    ("Klag inden 4 uger. Vi har åbent kl. 9-15.", "Klag inden 4 uger. Vi har åbent kl. 9-15."),
    ("Se aarhus.dk/borger/12345 og www.borger.dk.", "Se aarhus.dk/borger/12345 og www.borger.dk."),
    ("Bilag 2 og kapitel 3.", "Bilag 2 og kapitel 3."),
])
def test_merge_values_are_masked(text, masked):
    assert mask(text).text == masked


def test_masked_text_maps_back_to_the_original():
    from lixcheck.merge_values import LABELS

    text = ("Kære Jens Hansen\n\nDu får 1.250 kr. den 3. maj 2025. Ring til sagsbehandler Anne Holm på 89 40 12 34. "
            "Sag 2025-123456.\n\nMed venlig hilsen\n\nAnne Holm\n")
    m = mask(text)
    assert [v.kind for v in m.values] == ["name", "amount", "date", "name", "phone", "reference", "name"]
    for v, (s, e) in zip(m.values, m.spans, strict=True):
        assert m.text[s:e] == f"«{LABELS[v.kind]}»"
        assert m.to_masked(v.start) == s and m.to_masked(v.end) == e
    # The text between the values is unchanged, at the mapped place.
    bounds = [0, *(x for v in m.values for x in (v.start, v.end)), len(text)]
    for a, b in zip(bounds[::2], bounds[1::2], strict=True):
        assert m.text[m.to_masked(a):m.to_masked(b)] == text[a:b]
    assert find("Ingen flettefelter her.") == []


# -- grouping -------------------------------------------------------------------------------------------------------

def test_grouping_finds_generated_templates_without_their_ids():
    letters = list(gen.generate(3000, seed=9, free=0.1))
    found = list(templates.group(letter["text"] for letter in letters))
    score = templates.agreement([letter["template"] for letter in letters], found)
    assert score["ari"] >= 0.95 and score["purity"] >= 0.97, score
    # Free-written letters stay alone or in small groups.
    size: dict[int, int] = {}
    for f in found:
        size[f] = size.get(f, 0) + 1
    free = [found[i] for i, letter in enumerate(letters) if letter["template"] is None]
    assert len(free) > 200
    assert sum(size[f] == 1 for f in free) >= 0.95 * len(free)
    assert max(size[f] for f in free) <= 3


def test_signatures_equal_datasketchs_minhash():
    """The worker's numpy signature is datasketch's MinHash (affine32) of the same shingles, value for value: stored
    prototypes from earlier runs and the parent's band index read the same numbers."""
    import numpy as np
    from datasketch import MinHash

    signer = templates.Signer()
    a, b = templates.permutations()
    reference = MinHash(num_perm=templates.NUM_PERM, seed=templates.SEED, scheme="affine32").permutations
    assert np.array_equal(a, reference[0]) and np.array_equal(b, reference[1])
    letters = [g["text"] for g in gen.generate(40, seed=5)] + ["", "To ord", "Kære Jens Hansen"]
    for text in letters:
        signature, masked = signer.sign(text)
        words = masked.lower().split()
        h = np.array([zlib.crc32(w.encode()) for w in words], dtype=np.uint32)
        shingles = h[:-2] * templates._M1 + h[1:-1] * templates._M2 + h[2:] if len(h) >= templates.SHINGLE else h
        m = MinHash(num_perm=templates.NUM_PERM, seed=templates.SEED, hashfunc=int, scheme="affine32")
        m.update_batch(shingles)
        assert signature == m.hashvalues.astype(np.uint32).tobytes(), text[:40]


def test_band_index_proposes_what_datasketchs_lsh_proposes():
    """The parent's BandIndex has datasketch's bands for LSH_THRESHOLD and NUM_PERM and proposes the same candidates
    as its MinHashLSH, also after removals (templates that leave the index)."""
    import numpy as np
    from datasketch import MinHash, MinHashLSH
    from datasketch.lsh import _optimal_param

    assert (templates.BANDS, templates.ROWS) == _optimal_param(templates.LSH_THRESHOLD, templates.NUM_PERM, 0.5, 0.5)
    signer = templates.Signer()
    letters = [g["text"] for g in gen.generate(400, seed=11, free=0.2)]
    signatures = [signer.sign(text)[0] for text in letters]
    ours, theirs = templates.BandIndex(), MinHashLSH(threshold=templates.LSH_THRESHOLD, num_perm=templates.NUM_PERM)

    def minhash(signature: bytes) -> MinHash:
        m = MinHash(num_perm=templates.NUM_PERM, seed=templates.SEED, scheme="affine32")
        m.hashvalues = np.frombuffer(signature, dtype=np.uint32)
        return m

    proposed = 0
    for key, signature in enumerate(signatures):
        if key % 3 == 2:  # every third letter is only looked up; one letter in three leaves the index
            ours.remove(key - 2)
            theirs.remove(key - 2)
        expected = set(theirs.query(minhash(signature)))
        assert ours.query(signature) == expected
        proposed += len(expected)
        if key % 3 != 2:
            ours.insert(key, signature)
            theirs.insert(key, minhash(signature))
    assert proposed > len(signatures)  # the letters of one template find each other


def test_a_signature_equal_to_a_prototypes_joins_as_the_full_comparison_would(monkeypatch):
    """Most letters' signatures equal a prototype's, and the grouper then skips the band look-up and the comparison
    with every candidate: the clusters, prototypes and representatives stay those of the full comparison."""
    texts = [letter["text"] for letter in gen.generate(1500, seed=4, free=0.1)]
    equal, taken = templates.BandIndex.equal, []

    def spy(self, signature):
        keys = equal(self, signature)
        taken.append(keys is not None)
        return keys

    monkeypatch.setattr(templates.BandIndex, "equal", spy)
    shortcut_ids, shortcut_events, _ = _group(texts)
    assert sum(taken) > len(texts) / 4  # (taken for 41 % of these letters; more in longer runs)
    monkeypatch.setattr(templates.BandIndex, "equal", lambda self, signature: None)
    full_ids, full_events, _ = _group(texts)
    assert shortcut_ids == full_ids
    assert (shortcut_events.prototypes, shortcut_events.templates) == (full_events.prototypes, full_events.templates)


def test_agreement_measures():
    assert templates.agreement(["a", "a", "b", "b"], [1, 1, 2, 2])["ari"] == 1.0
    split = templates.agreement(["a", "a", "a", "a"], [1, 1, 2, 2])
    assert split["purity"] == 1.0 and split["ari"] < 1.0
    merged = templates.agreement(["a", "a", "b", "b"], [1, 1, 1, 1])
    assert merged["purity"] == 0.5 and merged["ari"] == 0.0
    assert templates.agreement([None, None], [1, 2])["ari"] == 1.0  # free letters are their own groups


def _group(texts, grouper=None):
    signer = templates.Signer()
    grouper = grouper or templates.Grouper()
    events = templates.Events()
    ids = [grouper.assign(*signer.sign(t), str(i), events) for i, t in enumerate(texts)]
    grouper.finish(events)
    return ids, events, grouper


def test_representative_keeps_only_what_letters_share():
    import datetime as dt
    import random

    paragraphs = next(t[4] for t in gen.ALL_TEMPLATES if t[0] == "skole-kørsel")
    rng = random.Random(3)
    letters = []
    for _ in range(6):
        fields = gen._fields(rng, dt.date(2025, 3, 1), "Aarhus Kommune\nBørn og Unge, Skoleafdelingen")
        letters.append({"text": "\n\n".join(p.lstrip("?").format(**fields) for p in paragraphs) + "\n"})
    names = ["Zelmira Quistgaard", "Bartholin Vestergaard", "Ulrikka Frydenlund", "Thorvald Egeskov",
             "Ingefred Bøgelund", "Valdemar Hjortshøj"]
    markers = [f"qvorx{c}zil" for c in "abcdef"]  # (no digits: a word with digits is masked as a number)
    texts = []
    for letter, name, marker in zip(letters, names, markers, strict=True):
        # A name in the middle of a sentence (no cue word finds it) and a word only this letter has.
        texts.append(letter["text"].replace("Jeres barn får", f"{name} får", 1)
                     .replace("Kørslen bliver", f"Kørslen ({marker}) bliver", 1))
    ids, events, _ = _group(texts)
    assert len(set(ids)) == 1
    [(cluster, text, confirmed, doc)] = events.templates
    assert cluster == ids[0] and confirmed == 1 + templates.CONFIRM and doc == "1"
    assert not any(n in text or n.split()[0] in text for n in names)
    assert not any(m in text for m in markers)
    assert "«…» får gratis kørsel til og fra skole" in text and "Kære «navn»" in text
    assert "Kørslen («…») bliver planlagt af Midttrafik." in text


def test_memory_stays_flat_with_letters_that_belong_to_no_template(monkeypatch):
    monkeypatch.setattr(templates, "WINDOW", 300)
    letters = [letter["text"] for letter in gen.generate(1500, seed=2, free=1.0)]
    grouper = templates.Grouper()
    sizes = []
    for i in range(0, 1500, 300):
        _group(letters[i:i + 300], grouper)
        sizes.append(grouper.in_memory)
    assert max(sizes) <= 320 and sizes[-1] <= 320, sizes  # the window, not the number of letters
    assert grouper.ordinal == 1500


# -- the batch: resuming, and the report ----------------------------------------------------------------------------

def _clusters(out: Path) -> dict[str, int | None]:
    with Store(out, readonly=True) as store:
        return {r["id"]: r["template_cluster"] for r in store.documents()}


def test_a_resumed_run_groups_as_an_uninterrupted_one(tmp_path, monkeypatch):
    monkeypatch.setattr(templates, "WINDOW", 40)  # so that the resumed run must also restore the eviction window
    jsonl = gen.write(tmp_path / "in", 160, 12, "jsonl", free=0.15)
    lines = jsonl.read_text(encoding="utf-8").splitlines(keepends=True)
    (tmp_path / "prefix").mkdir()
    prefix = tmp_path / "prefix" / "letters.jsonl"
    prefix.write_text("".join(lines[:70]), encoding="utf-8")
    cfg = Config()
    run([str(jsonl)], tmp_path / "whole", config=cfg, workers=1, shard_size=16)
    run([str(prefix)], tmp_path / "resumed", config=cfg, workers=1, shard_size=16)
    stats = run([str(jsonl)], tmp_path / "resumed", config=cfg, workers=1, shard_size=25)
    assert stats.skipped == 70 and stats.added == 90 and stats.templates
    whole, resumed = _clusters(tmp_path / "whole"), _clusters(tmp_path / "resumed")
    assert len(whole) == 160 and all(c is not None for c in whole.values())
    assert resumed == whole
    assert len(set(whole.values())) < 100, "letters were grouped"


@pytest.fixture(scope="module")
def batch(tmp_path_factory):
    """A real batch over 260 generated letters (10 % free-written), each with a word only it has."""
    base = tmp_path_factory.mktemp("templates")
    letters = list(gen.generate(260, seed=21, free=0.1))
    markers = [f"zqmark{i:03d}x" for i in range(len(letters))]
    with open(base / "letters.jsonl", "w", encoding="utf-8") as f:
        for letter, marker in zip(letters, markers, strict=True):
            head, rest = letter["text"].split("\n\n", 1)
            text = f"{head}\n\nVi skriver om sag {marker}.\n\n{rest}"
            f.write(json.dumps({k: letter[k] for k in ("id", "kind", "sender", "sent", "date")}
                               | {"text": text, "template": letter["template"]}, ensure_ascii=False) + "\n")
    out = base / "ud"
    run([str(base / "letters.jsonl")], out, config=Config(), workers=2, shard_size=20)
    with Store(out, readonly=True) as store:
        write_report(store, base / "rapport.html", csv_path=base / "rapport.csv")
    return {"base": base, "out": out, "letters": letters, "markers": markers,
            "html": (base / "rapport.html").read_text(encoding="utf-8")}


def test_report_opens_with_the_templates_to_fix_first(batch):
    html = batch["html"]
    headings = re.findall(r"<h2[^>]*>([^<]+)</h2>", html)
    assert headings[0] == "Ret disse først"
    assert escape(aggregate.RANKING_DA) in html  # the ranking formula, in the report itself
    with Store(batch["out"], readonly=True) as store:
        ranked = aggregate.ranked_templates(store)
        overview = aggregate.template_overview(store)
    assert 5 <= len(ranked) <= 20 and overview["templates"] >= len(ranked)
    assert [t["priority"] for t in ranked] == sorted((t["priority"] for t in ranked), reverse=True)
    # Readers are the `sent` counts where the letters give them.
    by_cluster: dict[int, int] = {}
    with Store(batch["out"], readonly=True) as store:
        for r in store.documents():
            by_cluster[r["template_cluster"]] = by_cluster.get(r["template_cluster"], 0) + (r["sent"] or 1)
    assert all(t["readers"] == by_cluster[t["cluster"]] for t in ranked)
    # Every row links to its page in the same file; a page shows the marked-up representative.
    table = html.split('id="ret-disse-foerst"', 1)[1].split("</table>", 1)[0]
    links = re.findall(r'href="#(skabelon-\d+)"', table)
    assert links == [f"skabelon-{t['cluster']}" for t in ranked]
    for anchor in links:
        page = html.split(f'<section class="page" id="{anchor}"', 1)[1].split("</section>", 1)[0]
        assert "Tilbage til oversigten" in page
    with_letter = [a for a in links if '<div class="letter">' in html.split(f'id="{a}"', 1)[1].split("</section>")[0]]
    assert with_letter and "<mark class=" in html.split(f'id="{with_letter[0]}"', 1)[1].split("</section>")[0]
    assert not re.search(r"\b(src|href)\s*=\s*\"(?!#)", html), "only links inside the page"
    assert html.count("<svg") == 3, "the plots keep working"


def test_csv_has_the_template_cluster_per_letter(batch):
    rows = list(csv.DictReader((batch["base"] / "rapport.csv").open(encoding="utf-8")))
    assert len(rows) == len(batch["letters"])
    assert all(r["template_cluster"] for r in rows)
    found = [int(r["template_cluster"]) for r in rows]
    given = [r["template"] or None for r in rows]
    assert templates.agreement(given, found)["ari"] > 0.9  # the ids were in the input, and kept beside the clusters


def test_no_letter_text_beyond_the_masked_representatives(batch):
    html = batch["html"]
    csv_text = (batch["base"] / "rapport.csv").read_text(encoding="utf-8")
    db = sqlite3.connect(f"file:{batch['out'] / 'results.sqlite'}?mode=ro", uri=True)
    stored = "\n".join(str(v) for table in ("documents", "findings", "meta", "templates", "template_prototypes")
                       for row in db.execute(f"SELECT * FROM {table}") for v in row)
    for letter, marker in zip(batch["letters"], batch["markers"], strict=True):
        recipient = letter["text"].split("\n", 1)[0].removeprefix("Kære ")
        worker = letter["text"].rstrip("\n").split("\n")[-3]  # the name under "Med venlig hilsen"
        for where in (html, csv_text, stored):
            assert marker not in where
            assert letter["cpr"] not in where
            if recipient != "husstand":
                assert recipient not in where
            assert worker not in where, worker
    assert "«navn»" in html and "«dato»" in html


def test_a_store_from_before_template_discovery_still_reports(tmp_path):
    """A store of schema 1 (no template columns) opens read-only, reports, and is migrated when a run continues it:
    its letters are not grouped, and neither are the new ones (the grouping would not be complete)."""
    db = sqlite3.connect(tmp_path / "results.sqlite")
    db.executescript("""
        CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
        CREATE TABLE documents (seq INTEGER PRIMARY KEY, id TEXT NOT NULL UNIQUE, hash TEXT, status TEXT NOT NULL,
            error_code TEXT, source TEXT, format TEXT, kind TEXT, template TEXT, sender TEXT, sent INTEGER, date TEXT,
            lix REAL, band TEXT, words INTEGER, sentences INTEGER, long_words INTEGER, findings INTEGER,
            is_decision INTEGER, klagevejledning INTEGER, summary TEXT);
        CREATE TABLE findings (doc_seq INTEGER NOT NULL, rule TEXT NOT NULL, severity TEXT, category TEXT,
            offset INTEGER, length INTEGER, line INTEGER, col INTEGER, block INTEGER, text TEXT);
        INSERT INTO meta VALUES ('schema_version', '1');
        INSERT INTO documents (id, status, lix, band, words, findings) VALUES ('gammel', 'ok', 30.0, 'easy', 100, 0);
    """)
    db.commit()
    db.close()
    with Store(tmp_path, readonly=True) as store:
        assert [r["template_cluster"] for r in store.documents()] == [None]
        write_report(store, tmp_path / "r.html", csv_path=tmp_path / "r.csv")
    assert "Skabelonerne blev ikke fundet" in (tmp_path / "r.html").read_text(encoding="utf-8")
    jsonl = gen.write(tmp_path / "in", 12, 3, "jsonl")
    stats = run([str(jsonl)], tmp_path, config=Config(), workers=1)
    assert stats.added == 12 and not stats.templates
    with Store(tmp_path, readonly=True) as store:
        assert store.count() == 13 and {r["template_cluster"] for r in store.documents()} == {None}
        assert store.meta()["schema_version"] == 2


def test_template_pages_mark_a_letter_as_the_review_app_does():
    """writers.marked cuts and marks the text as the review app's view does, and escapes it in HTML."""
    from lixcheck.web import view

    from lixcheck import Checker
    from lixcheck.writers import marked

    letter = next(gen.generate(1, seed=4))["text"].replace("Kære", "Kære <b>&", 1)
    checked = Checker().check(letter, kind="decision")
    report = {**checked.to_dict(), "text": checked.text}
    app = view.build(report, paste_mode=True)["paragraphs"]
    paragraphs = report["paragraphs"]
    starts = [p["offset"] for p in paragraphs]
    findings = [{**f, "id": i, "inline": marked.inline(f, paragraphs, starts)}
                for i, f in enumerate(report["findings"])]
    ours = marked.paragraphs(report, findings)

    def shape(paras):
        """(text, finding ids, severity) per run of pieces with the same marks (sentence colours cut pieces too)."""
        out = []
        for para in paras:
            runs: list[list] = []
            for p in para["pieces"]:
                if runs and runs[-1][1] == p["ids"]:
                    runs[-1][0] += p["text"]
                else:
                    runs.append([p["text"], p["ids"], p.get("severity")])
            out.append([tuple(r[:1]) + (tuple(r[1]), r[2]) for r in runs])
        return out

    assert any(piece["ids"] for para in ours for piece in para["pieces"]), "the letter has marks"
    assert shape(ours) == shape(app)
    html = marked.letter_html(ours)
    assert "Kære &lt;b&gt;&amp;" in html and "<b>" not in html
    assert html.count("<mark ") == sum(1 for para in ours for piece in para["pieces"] if piece["ids"])
