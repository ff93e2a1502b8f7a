"""corpus/generate.py as a module, for the benchmarks and tests that make synthetic letters (it is a script, not part
of the package)."""

from __future__ import annotations

import importlib.util
from functools import cache
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


@cache
def generator():
    spec = importlib.util.spec_from_file_location("corpus_generate", ROOT / "corpus" / "generate.py")
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod
