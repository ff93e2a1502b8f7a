"""Shared test helpers. ../shared is read only by tests and benchmarks; tests skip with a clear reason without it."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"
sys.path.insert(0, str(ROOT / "benchmarks"))
import ud_ddt  # noqa: E402  (benchmarks/ud_ddt.py: where UD Danish-DDT is, its source and licence)

UD_DIR = ud_ddt.ud_dir()


@pytest.fixture(scope="session")
def ud_dir() -> Path:
    try:
        return ud_ddt.require()
    except ud_ddt.MissingData as e:
        pytest.skip(f"accuracy tests need it: {e}")
