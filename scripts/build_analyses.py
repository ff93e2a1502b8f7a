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

import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import built_file  # noqa: E402  (scripts/built_file.py: the script's folder is on sys.path)

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
    return built_file.main(argv, __file__, __doc__, stored.FILE, build,
                           lambda text: ", ".join(f"{len(json.loads(text)[k])} {k}" for k in stored.KINDS))


if __name__ == "__main__":
    sys.exit(main())
