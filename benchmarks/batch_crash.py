"""Batch crash safety at scale: kill -9 a real `lixcheck batch` at random points of a large run, resume each time.

    .venv/bin/python benchmarks/batch_crash.py [--letters 20000] [--kills 20] [--workers 2] [--shard-size 50]
                                               [--seed 7] [--keep DIR]

corpus/generate.py writes ``--letters`` synthetic letters as one JSONL file. Then, ``--kills`` times: start
``lixcheck batch letters.jsonl --out DIR`` (a fresh process group, parent plus worker processes), wait until the store
holds a randomly chosen number of results (kill points spread over the whole run, sorted, with random jitter), add a
random delay of up to 0.3 s (so kills also land mid-commit and mid-shard), then SIGKILL the whole process group. After
every kill the store is opened and checked: SQLite integrity_check "ok", no duplicate ids, no findings without their
document. A last run finishes the batch; it must exit 0. Then the result is compared with the input:

  lost        input ids with no result row           (must be 0)
  duplicated  result rows beyond one per input id    (must be 0)
  unknown     result ids that are not in the input   (must be 0)
  errors      result rows with status "error"        (the synthetic letters are all readable: must be 0)

Also reported: the results each kill landed at, how much work was redone (letters checked in runs that were killed
after the last commit), and the wall time. Exit status 0 when all checks hold, 1 otherwise. main() returns the numbers.
Runs locally only (127.0.0.1 is not even needed); temporary files live in a fresh temporary folder that is removed
at the end unless --keep is given.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import shutil
import signal
import sqlite3
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from generated import generator

from lixcheck.batch.store import stored_count

ROOT = Path(__file__).resolve().parent.parent



def start(jsonl: Path, out: Path, workers: int, shard_size: int) -> subprocess.Popen:
    cmd = [sys.executable, "-m", "lixcheck.cli", "batch", str(jsonl), "--out", str(out), "--workers", str(workers),
           "--shard-size", str(shard_size), "--quiet"]
    return subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, start_new_session=True)



def consistency(out: Path) -> dict:
    """The store's state after a kill: integrity, rows, distinct ids, orphan findings."""
    db = sqlite3.connect(out / "results.sqlite")
    try:
        integrity = db.execute("PRAGMA integrity_check").fetchone()[0]
        rows, distinct = db.execute("SELECT COUNT(*), COUNT(DISTINCT id) FROM documents").fetchone()
        orphans = db.execute("SELECT COUNT(*) FROM findings WHERE doc_seq NOT IN (SELECT seq FROM documents)"
                             ).fetchone()[0]
    finally:
        db.close()
    return {"integrity": integrity, "rows": rows, "distinct": distinct, "orphans": orphans}


def input_ids(jsonl: Path) -> list[str]:
    with open(jsonl, encoding="utf-8") as fh:
        return [json.loads(line)["id"] for line in fh if line.strip()]


def main(argv=None) -> dict:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--letters", type=int, default=20_000)
    ap.add_argument("--kills", type=int, default=20)
    ap.add_argument("--workers", type=int, default=os.cpu_count() or 1)
    ap.add_argument("--shard-size", type=int, default=50)
    ap.add_argument("--seed", type=int, default=7)
    ap.add_argument("--keep", type=Path, default=None, help="keep the store and letters in this folder")
    args = ap.parse_args(argv)

    rng = random.Random(args.seed)
    tmp = Path(tempfile.mkdtemp(prefix="lixcheck-crash-")) if args.keep is None else args.keep
    tmp.mkdir(parents=True, exist_ok=True)
    t0 = time.monotonic()
    try:
        jsonl = generator().write(tmp / "in", args.letters, args.seed, "jsonl")
        ids = input_ids(jsonl)
        out = tmp / "store"
        # Kill points: results in the store at which to kill, spread over the run (never the very end).
        targets = sorted(rng.randint(1, max(1, len(ids) - 1)) for _ in range(args.kills))
        kills = []
        problems = []
        for k, target in enumerate(targets):
            before = stored_count(out)
            target = max(target, before + 1)
            proc = start(jsonl, out, args.workers, args.shard_size)
            deadline = time.monotonic() + 600
            while stored_count(out) < target and proc.poll() is None and time.monotonic() < deadline:
                time.sleep(0.01)
            time.sleep(rng.uniform(0.0, 0.3))
            finished_first = proc.poll() is not None
            try:
                os.killpg(proc.pid, signal.SIGKILL)  # parent and workers, as `kill -9` on the whole job
            except ProcessLookupError:
                pass
            proc.wait()
            proc.stderr.close()
            state = consistency(out)
            kills.append({"kill": k + 1, "target": target, "before": before, "after": state["rows"],
                          "finished_before_kill": finished_first})
            print(f"kill {k + 1:2d}/{len(targets)}: results {before} -> {state['rows']} (target {target})"
                  + (" [run had already ended]" if finished_first else ""), flush=True)
            if state["integrity"] != "ok" or state["rows"] != state["distinct"] or state["orphans"]:
                problems.append(f"after kill {k + 1}: {state}")
        proc = start(jsonl, out, args.workers, args.shard_size)
        _, err = proc.communicate(timeout=3600)
        if proc.returncode != 0:
            problems.append(f"the final run exited {proc.returncode}: {err.decode(errors='replace')[-500:]}")
        db = sqlite3.connect(f"file:{out / 'results.sqlite'}?mode=ro", uri=True)
        try:
            stored = [r[0] for r in db.execute("SELECT id FROM documents")]
            errors = db.execute("SELECT COUNT(*) FROM documents WHERE status != 'ok'").fetchone()[0]
            orphans = db.execute("SELECT COUNT(*) FROM findings WHERE doc_seq NOT IN (SELECT seq FROM documents)"
                                 ).fetchone()[0]
            integrity = db.execute("PRAGMA integrity_check").fetchone()[0]
        finally:
            db.close()
        want = set(ids)
        have = set(stored)
        result = {
            "letters": len(ids),
            "kills": len(kills),
            "kills_mid_run": sum(1 for k in kills if 0 < k["after"] < len(ids) and not k["finished_before_kill"]),
            "workers": args.workers,
            "shard_size": args.shard_size,
            "lost": len(want - have),
            "duplicated": len(stored) - len(have),
            "unknown": len(have - want),
            "errors": errors,
            "orphan_findings": orphans,
            "integrity": integrity,
            "consistency_problems": problems,
            "kill_points": [k["after"] for k in kills],
            "seconds": round(time.monotonic() - t0, 1),
        }
    finally:
        if args.keep is None:
            shutil.rmtree(tmp, ignore_errors=True)
    ok = (not result["lost"] and not result["duplicated"] and not result["unknown"] and not result["errors"]
          and not result["orphan_findings"] and result["integrity"] == "ok" and not problems)
    result["ok"] = ok
    print(json.dumps(result, indent=1))
    print(f"{result['letters']} letters, {result['kills']} kill -9 ({result['kills_mid_run']} mid-run), resumed each "
          f"time: {result['lost']} lost, {result['duplicated']} duplicated, {result['unknown']} unknown, "
          f"{result['errors']} error rows, {result['seconds']} s -> {'OK' if ok else 'FAILED'}")
    return result


if __name__ == "__main__":
    sys.exit(0 if main()["ok"] else 1)
