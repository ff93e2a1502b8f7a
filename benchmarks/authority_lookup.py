"""Cost of the authority lookups (lixcheck/letter/authorities.py) on letters of 400 words.

    python benchmarks/authority_lookup.py

Letters: corpus/speed/*.txt, each cut or repeated to 400 whitespace-separated words. For each letter the fastest of
five rounds of 500 calls counts (the one least disturbed by other processes on a shared machine); the script prints
the median and the slowest letter, the cost of the first call in a fresh process after the import (reading the
data and building the automaton) and the same search without pyahocorasick. Goal (issue 15): by_name well under
0.1 ms per letter; the script exits 1 when the median is above it.
"""

from __future__ import annotations

import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from lixcheck.letter import authorities as A  # noqa: E402

GOAL_US = 100.0


def letters() -> list[str]:
    out = []
    for path in sorted((ROOT / "corpus" / "speed").glob("*.txt")):
        words = path.read_text(encoding="utf-8").split(" ")
        out.append(" ".join((words * (400 // max(len(words), 1) + 1))[:400]))
    return out


def per_call_us(f, text: str, n: int = 500, rounds: int = 5) -> float:
    best = float("inf")
    for _ in range(rounds):
        t = time.perf_counter()
        for _ in range(n):
            f(text)
        best = min(best, (time.perf_counter() - t) / n)
    return best * 1e6


def main() -> int:
    texts = letters()
    if not texts:
        print("no letters in corpus/speed", file=sys.stderr)
        return 1
    cold = subprocess.run([sys.executable, "-c", (
        "import time; from lixcheck.letter import authorities as A; t=time.perf_counter(); "
        "A.by_name('Aarhus Kommune'); print((time.perf_counter()-t)*1000)")],
        cwd=ROOT, capture_output=True, text=True, check=True)
    by_name = [per_call_us(A.by_name, t) for t in texts]
    by_domain = per_call_us(A.by_domain, "https://mitgaeldsoverblik.gaeldst.dk/sti", n=5000)
    A.ahocorasick = None
    A._automaton.cache_clear()
    fallback = [per_call_us(A.by_name, t, n=20, rounds=3) for t in texts[:5]]
    median = statistics.median(by_name)
    print(f"by_name, {len(texts)} letters of 400 words: median {median:.1f} µs, slowest {max(by_name):.1f} µs")
    print(f"by_name without pyahocorasick: median {statistics.median(fallback):.0f} µs (first 5 letters)")
    print(f"by_domain: {by_domain:.2f} µs")
    print(f"first call in a fresh process (reading the data, building the automaton): {float(cold.stdout):.0f} ms")
    return 0 if median < GOAL_US else 1


if __name__ == "__main__":
    sys.exit(main())
