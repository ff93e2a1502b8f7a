"""Shared test helpers. ../shared is read only by tests and benchmarks; tests skip with a clear reason without it."""

from __future__ import annotations

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"
UD_DIR = SHARED / "data" / "ud-danish-ddt"


@pytest.fixture(scope="session")
def ud_dir() -> Path:
    if not (UD_DIR / "da_ddt-ud-dev.conllu").is_file():
        pytest.skip(f"UD Danish-DDT not found at {UD_DIR} (../shared is absent); accuracy tests need it")
    return UD_DIR
