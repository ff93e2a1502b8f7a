"""The property tests (tests/test_properties.py) with many examples per target: the long fuzz run.

    .venv/bin/python benchmarks/fuzz_long.py [--examples 10000] [--targets any_text,any_bytes,...] [--seed N]

Each hypothesis target runs in its own pytest process with ``LIXCHECK_FUZZ_EXAMPLES`` examples (randomised, not the
suite's fixed derandomised run; ``--seed`` makes a run repeatable). The .docx and MeMo targets get
``LIXCHECK_FUZZ_EXAMPLES // 3`` by the tests' own rule unless ``--full-docx`` is given, which runs them with the same
count (annotate gets a sixth). Prints one line per target (examples, seconds, pass/fail) and a summary; the hypothesis
database is kept in a temporary folder, so no generated text is left on disk. Exit status 1 when a target fails (the
failing example is in the output).
"""

from __future__ import annotations

import argparse
import json
import os
import re
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
TARGETS = ("any_text", "any_bytes", "random_docx", "random_docx_annotate", "random_memo")
SCALED = {"random_docx": 3, "random_memo": 3, "random_docx_annotate": 6}  # the tests' own divisors


def run_target(name: str, examples: int, seed: int | None, full: bool) -> dict:
    per_target = examples * SCALED.get(name, 1) if full else examples
    env = {**os.environ, "LIXCHECK_FUZZ_EXAMPLES": str(per_target), "PYTHONHASHSEED": "0"}
    with tempfile.TemporaryDirectory(prefix="lixcheck-fuzz-") as tmp:
        cmd = [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider",
               str(ROOT / "tests" / "test_properties.py"),
               "-k", f"test_{name} and not annotate" if name == "random_docx" else f"test_{name}",
               "--hypothesis-show-statistics"]
        if seed is not None:
            cmd.append(f"--hypothesis-seed={seed}")
        t = time.monotonic()
        r = subprocess.run(cmd, cwd=tmp, env=env, capture_output=True, text=True)
        seconds = time.monotonic() - t
    out = r.stdout + r.stderr
    passing = [int(n) for n in re.findall(r"(\d+) passing, \d+ failing", out)]
    asked = examples if full or name not in SCALED else max(10, examples // SCALED[name])
    return {"target": name, "examples_asked": asked,
            "passing_examples": sum(passing), "seconds": round(seconds, 1), "ok": r.returncode == 0,
            "output": out if r.returncode else ""}


def main(argv=None) -> dict:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--examples", type=int, default=10_000, help="examples per target (LIXCHECK_FUZZ_EXAMPLES)")
    ap.add_argument("--targets", default=",".join(TARGETS))
    ap.add_argument("--seed", type=int, default=None)
    ap.add_argument("--full-docx", action="store_true", help="the .docx/MeMo targets get --examples too")
    args = ap.parse_args(argv)
    results = []
    for name in args.targets.split(","):
        res = run_target(name.strip(), args.examples, args.seed, args.full_docx)
        results.append(res)
        print(f"{res['target']:<22} {res['passing_examples']:>6} passing examples  {res['seconds']:>7.1f} s  "
              f"{'ok' if res['ok'] else 'FAILED'}", flush=True)
        if not res["ok"]:
            print(res["output"][-6000:], flush=True)
    summary = {"examples_per_target": args.examples, "cores": os.cpu_count(),
               "targets": [{k: v for k, v in r.items() if k != "output"} for r in results],
               "ok": all(r["ok"] for r in results)}
    print(json.dumps(summary, indent=1))
    return summary


if __name__ == "__main__":
    sys.exit(0 if main()["ok"] else 1)
