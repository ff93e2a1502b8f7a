"""Accuracy against annotated data: runs every benchmarks/acc_*.py module's main() and prints its table.

    python benchmarks/accuracy.py            # all sections
    python benchmarks/accuracy.py sentences  # one section (acc_sentences.py)

Each acc_*.py module has ``main() -> dict`` that prints a readable table and returns the numbers (tests use them).
Data from ../shared is read only here and in tests. A section whose data is absent (UD Danish-DDT) says where to get
it; the other sections still run, and the program exits 1 at the end.
"""

from __future__ import annotations

import importlib
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent


def sections() -> list[str]:
    return sorted(p.stem[4:] for p in HERE.glob("acc_*.py"))


def main(argv: list[str]) -> int:
    sys.path.insert(0, str(HERE))
    from ud_ddt import MissingData

    wanted = argv or sections()
    missing = []
    for name in wanted:
        print(f"\n## {name}")
        try:
            importlib.import_module(f"acc_{name}").main()
        except MissingData as e:
            print(f"not measured: {e}", file=sys.stderr)
            missing.append(name)
    if missing:
        print(f"accuracy: no data for {', '.join(missing)}", file=sys.stderr)
    return 1 if missing else 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
