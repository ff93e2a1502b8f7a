"""Build lixcheck/search/analyses.json: the pattern analyses of lixcheck's own rules and checks, made before run time.

    python scripts/build_analyses.py          # write the file
    python scripts/build_analyses.py --check  # exit 1 when the shipped file differs from what the code gives

Run it after changing a pattern in rules/ or lixcheck/data/, a check's search, or the analysing code
(lixcheck/search/prefilter.py, anchored.py, retree.py); tests/test_search_stored.py fails until then. Until the file
is rebuilt nothing goes wrong: a pattern that is not in it, or a file made by other code (its stamp), is analysed at
run time as before, only a fresh process's first check is slower.

How: every analysis is made afresh (the stored ones are not read) while lixcheck's checker, without plugins, checks
every letter in corpus/ (with its kind detected, and once as each kind of letter), and each is recorded; the file
holds exactly those. See lixcheck/search/stored.py.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from lixcheck.search import stored  # noqa: E402

LETTERS = ROOT / "corpus"


def build() -> str:
    """The file's text, from a fresh analysis of every pattern the checks of the corpus letters use."""
    stored.recorded = {kind: {} for kind in stored.KINDS}
    stored._tables = {kind: {} for kind in stored.KINDS}  # (made afresh, not read)
    try:
        from lixcheck import Checker, kinds
        from lixcheck.search import prefilter

        prefilter._analysis.cache_clear()
        letters = sorted(LETTERS.rglob("*.txt"))
        if not letters:
            raise SystemExit(f"no letters in {LETTERS}")
        checker = Checker({"rules": {"plugins": False}})
        for path in letters:
            text = path.read_text(encoding="utf-8")
            checker.check(text)
            for kind in kinds.ids():
                checker.check(text, kind=kind)
        tables = {kind: dict(sorted(stored.recorded[kind].items())) for kind in stored.KINDS}
    finally:
        stored.recorded = None
        stored._tables = None
    # (one entry a line: a change to a pattern is a small diff)
    lines = [f'{{"python": "{stored.python()}", "stamp": "{stored.stamp()}",']
    for i, kind in enumerate(stored.KINDS):
        entries = [f"{json.dumps(k, ensure_ascii=False)}: {json.dumps(v, ensure_ascii=False)}"
                   for k, v in tables[kind].items()]
        closing = "}," if i < len(stored.KINDS) - 1 else "}}"
        lines.append(f'"{kind}": {{\n' + ",\n".join(entries) + "\n" + closing)
    return "\n".join(lines) + "\n"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--check", action="store_true", help="exit 1 when the shipped file is out of date")
    args = parser.parse_args(argv)
    text = build()
    if args.check:
        if stored.FILE.is_file() and stored.FILE.read_text(encoding="utf-8") == text:
            print(f"{stored.FILE.relative_to(ROOT)} is up to date")
            return 0
        print(f"{stored.FILE.relative_to(ROOT)} is out of date: run python scripts/build_analyses.py")
        return 1
    stored.FILE.write_text(text, encoding="utf-8")
    data = json.loads(text)
    print(f"wrote {stored.FILE.relative_to(ROOT)}: " + ", ".join(f"{len(data[k])} {k}" for k in stored.KINDS))
    return 0


if __name__ == "__main__":
    sys.exit(main())
