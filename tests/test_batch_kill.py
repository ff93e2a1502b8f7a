"""Crash safety: kill -9 a real `lixcheck batch` at random moments, then resume: 0 lost, 0 duplicated, and the letters
grouped into templates as by an uninterrupted run."""

from __future__ import annotations

import os
import random
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

from generated import generator

from lixcheck.batch.runner import run
from lixcheck.batch.store import Store, stored_count

ROOT = Path(__file__).resolve().parent.parent
KILLS = 11  # each restart loads spaCy and the rule pack (~3 s), so this dominates the test's time



def _start(jsonl: Path, out: Path) -> subprocess.Popen:
    return subprocess.Popen(
        [sys.executable, "-m", "lixcheck.cli", "batch", str(jsonl), "--out", str(out), "--workers", "1",
         "--shard-size", "4", "--quiet"],
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True)



def test_kill_9_at_random_moments_then_resume(tmp_path):
    jsonl = generator().write(tmp_path / "in", 300, 21, "jsonl")
    ids = [line.split('"id": "', 1)[1].split('"', 1)[0] for line in jsonl.read_text(encoding="utf-8").splitlines()]
    out = tmp_path / "ud"
    rng = random.Random(1234)
    counts = []
    for k in range(KILLS):
        before = counts[-1] if counts else 0
        proc = _start(jsonl, out)
        if k == 5:
            time.sleep(rng.uniform(0.05, 1.0))  # while starting up, before the first commit
        else:  # mid-run: once this run has committed a random number of documents, plus a random delay
            target = before + rng.randint(1, 10)
            deadline = time.monotonic() + 30
            while stored_count(out) < target and time.monotonic() < deadline and proc.poll() is None:
                time.sleep(0.005)
            time.sleep(rng.uniform(0.0, 0.03))
        os.killpg(proc.pid, signal.SIGKILL)  # the parent and its workers, as `kill -9` on the job would
        proc.wait()
        # The store is readable and consistent after every kill.
        if (out / "results.sqlite").exists():
            db = sqlite3.connect(out / "results.sqlite")
            assert db.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
            n, distinct = db.execute("SELECT COUNT(*), COUNT(DISTINCT id) FROM documents").fetchone()
            orphans = db.execute("SELECT COUNT(*) FROM findings WHERE doc_seq NOT IN "
                                 "(SELECT seq FROM documents)").fetchone()[0]
            db.close()
            assert n == distinct and orphans == 0
            counts.append(n)
    mid_run = [c for c in counts if 0 < c < len(ids)]
    assert len(counts) == KILLS and len(mid_run) >= 10, f"ten kills land in the middle of the run: {counts}"
    proc = _start(jsonl, out)
    assert proc.wait(timeout=120) == 0
    with Store(out, readonly=True) as store:
        rows = list(store.results())
    assert sorted(r["id"] for r in rows) == sorted(ids)  # exactly one result per input
    assert all(r["status"] == "ok" and r["findings"] == len(r["finding_rows"]) for r in rows)
    # The resumed runs grouped the letters into templates exactly as one uninterrupted run does.
    run([str(jsonl)], tmp_path / "whole", workers=1, shard_size=4)
    with Store(tmp_path / "whole", readonly=True) as store:
        whole = {r["id"]: r["template_cluster"] for r in store.documents()}
    assert {r["id"]: r["template_cluster"] for r in rows} == whole
    assert len(set(whole.values())) < len(ids) / 2 and None not in whole.values()
