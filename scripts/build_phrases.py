"""Build lixcheck/engine/phrases.json: the tokens and lemmas of lixcheck's own phrase entries, made before run time.

    python scripts/build_phrases.py          # write the file
    python scripts/build_phrases.py --check  # exit 1 when the shipped file differs from what the code gives

Run it after changing a phrase in rules/ (a substitution's or existence rule's entries) or the embedded pipeline
(lixcheck/nlp/pipeline.py, language.py, lemmas.py, nlp/data/da.yml, the lemma table); tests/test_phrase_words.py
fails until then. Until the file is rebuilt nothing goes wrong: a phrase that is not in it, or a file made for other
code (its stamp), is parsed at run time as before, only a fresh process's first check is slower.

How: every phrase is parsed afresh (the stored ones are not read) while the rules of lixcheck's checker, without
plugins, are compiled under the embedded pipeline, and each is recorded; the file holds exactly those. See
lixcheck/engine/phrase_words.py.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import built_file  # noqa: E402  (scripts/built_file.py: the script's folder is on sys.path)

from lixcheck.engine import phrase_words  # noqa: E402


def build() -> str:
    """The file's text, from a fresh parse of every phrase of the built-in rules."""
    from lixcheck import Checker

    phrase_words.recorded = {}
    phrase_words._table = {}  # (made afresh, not read)
    try:
        assert Checker({"model": "blank", "rules": {"plugins": False}}).analyzer.ruleset  # (its rules compiled)
        phrases = dict(sorted(phrase_words.recorded.items()))
    finally:
        phrase_words.recorded = None
        phrase_words._table = None
    if not phrases:
        raise SystemExit("no phrases recorded: is the embedded pipeline in use?")
    # (one phrase a line: a change to a rule is a small diff)
    lines = [f'{{"stamp": "{phrase_words.stamp()}",', '"phrases": {']
    lines.append(",\n".join(f"{json.dumps(k, ensure_ascii=False)}: {json.dumps(v, ensure_ascii=False)}"
                            for k, v in phrases.items()))
    return "\n".join(lines) + "\n}}\n"


def main(argv: list[str] | None = None) -> int:
    return built_file.main(argv, __file__, __doc__, phrase_words.FILE, build,
                           lambda text: f"{len(json.loads(text)['phrases'])} phrases")


if __name__ == "__main__":
    sys.exit(main())
