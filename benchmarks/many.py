"""Which way of checking many letters is fastest: a loop over one reused Checker, lixcheck.check() in a loop, or
check_many() with n_process 1 or 2 and several batch sizes, on the same letters in the same run.

    python benchmarks/many.py [--letters 800] [--rounds 3]

Letters: corpus/speed/*.txt and corpus/letters/*.txt, repeated up to --letters. Each way runs --rounds times in
turn with the others (so a busy moment of the shared machine hits them alike); its fastest round counts. Wall-clock
letters per second; check_many with n_process=2 includes starting its worker processes, as a caller pays it.
"""

from __future__ import annotations

import argparse
import itertools
import json
import os
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import lixcheck  # noqa: E402
from lixcheck import Checker  # noqa: E402


def letters(n: int) -> list[str]:
    texts = [p.read_text(encoding="utf-8") for d in ("speed", "letters") for p in sorted((ROOT / "corpus" / d)
                                                                                         .glob("*.txt"))]
    return list(itertools.islice(itertools.cycle(texts), n))


def many(checker: Checker, n_process: int, batch_size: int):
    return lambda texts: list(checker.check_many(texts, n_process=n_process, batch_size=batch_size))


def ways(checker: Checker):
    return {
        "Checker.check in a loop (one Checker)": lambda texts: [checker.check(t) for t in texts],
        "lixcheck.check in a loop": lambda texts: [lixcheck.check(t) for t in texts],
        **{f"check_many n_process=1 batch_size={b}": many(checker, 1, b) for b in (16, 64, 256)},
        **{f"check_many n_process=2 batch_size={b}": many(checker, 2, b) for b in (64, 256)},
    }


def main(argv=None) -> dict:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--letters", type=int, default=800)
    ap.add_argument("--rounds", type=int, default=3)
    args = ap.parse_args(argv)
    texts = letters(args.letters)
    checker = Checker().load()
    lixcheck.check(texts[0])  # the default Checker too: nothing is built inside the timing
    best: dict[str, float] = {}
    for _ in range(args.rounds):
        for name, run in ways(checker).items():
            t = time.perf_counter()
            reports = run(texts)
            dt = time.perf_counter() - t
            assert len(reports) == len(texts)
            best[name] = min(best.get(name, dt), dt)
    words = sum(len(t.split()) for t in texts)
    result = {name: round(len(texts) / dt, 1) for name, dt in sorted(best.items(), key=lambda x: x[1])}
    print(f"{len(texts)} letters ({words / len(texts):.0f} words each), {os.cpu_count()} cores, best of "
          f"{args.rounds} rounds, letters/s (wall clock):")
    for name, rate in result.items():
        print(f"  {rate:8.1f}  {name}")
    print(json.dumps(result))
    return result


if __name__ == "__main__":
    main()
