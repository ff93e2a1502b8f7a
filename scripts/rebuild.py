"""Rebuild every file lixcheck ships that is made from its own rules, data and code, in the order they depend on
each other: the parsed YAML files, the phrase entries' tokens and lemmas, the pattern analyses. Run it after changing
a rule, a word list or a pattern (the tests say which file is stale); with --check it only says whether all are up to
date. (The lemma table, scripts/build_lemmas.py, is made from spacy-lookups-data and changes only with it.)"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
ORDER = ("build_yamldata.py", "build_phrases.py", "build_analyses.py")  # phrases read the rules; analyses check letters


def main() -> int:
    rc = 0
    for script in ORDER:
        rc |= subprocess.run([sys.executable, str(HERE / script), *sys.argv[1:]]).returncode
    return rc


if __name__ == "__main__":
    sys.exit(main())
