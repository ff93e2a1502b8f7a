"""Where the accuracy benchmarks and tests find UD Danish-DDT, and what they say when it is missing.

UD Danish-DDT (the Danish Dependency Treebank in Universal Dependencies form, 100,000 words of news, fiction and
other text with gold sentences, lemmas and voice) is not part of lixcheck: it is CC BY-SA 4.0, and lixcheck is MIT.
The benchmarks read `da_ddt-ud-dev.conllu` and `da_ddt-ud-test.conllu` from ``$UD_DANISH_DDT``, or else from
``../shared/data/ud-danish-ddt/`` beside the repository.
"""

from __future__ import annotations

import os
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SOURCE = "https://github.com/UniversalDependencies/UD_Danish-DDT"
LICENCE = "CC BY-SA 4.0"
FILES = ("da_ddt-ud-dev.conllu", "da_ddt-ud-test.conllu")


def ud_dir() -> Path:
    return Path(os.environ.get("UD_DANISH_DDT") or ROOT.parent / "shared" / "data" / "ud-danish-ddt")


def missing_message(folder: Path | None = None) -> str:
    folder = folder or ud_dir()
    return (f"UD Danish-DDT not found at {folder} (needs {', '.join(FILES)}). Get it from {SOURCE} "
            f"(licence {LICENCE}; not shipped with lixcheck) and put the files there, or set UD_DANISH_DDT to "
            "their folder.")


class MissingData(SystemExit):
    """Raised by a benchmark whose data is absent: run alone, it ends the program with the message and exit 1."""


def require() -> Path:
    """The folder with the DDT files; MissingData (exit 1 with where to get it) when they are not there."""
    folder = ud_dir()
    if not all((folder / name).is_file() for name in FILES):
        raise MissingData(missing_message(folder))
    return folder
