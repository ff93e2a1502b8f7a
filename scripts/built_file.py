"""What the scripts that build a file shipped with lixcheck share (build_analyses.py, build_phrases.py,
build_yamldata.py): write the file, or with --check exit 1 when the shipped one differs from what the code gives."""

from __future__ import annotations

import argparse
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def main(argv: list[str] | None, script: str, doc: str, path: Path, build: Callable[[], str],
         summary: Callable[[str], str]) -> int:
    """``script`` and ``doc``: the building script's __file__ and __doc__; ``build()`` gives the file's text;
    ``summary(text)`` says what it holds ("528 phrases")."""
    parser = argparse.ArgumentParser(description=doc.split("\n")[0])
    parser.add_argument("--check", action="store_true", help="exit 1 when the shipped file is out of date")
    args = parser.parse_args(argv)
    text = build()
    name = path.relative_to(ROOT)
    if args.check:
        if path.is_file() and path.read_text(encoding="utf-8") == text:
            print(f"{name} is up to date")
            return 0
        print(f"{name} is out of date: run python scripts/{Path(script).name}")
        return 1
    path.write_text(text, encoding="utf-8")
    print(f"wrote {name}: {summary(text)}")
    return 0
