"""A benchmark without its data says where to get it (source and licence) and exits non-zero, never "skipped" with
exit 0; tests skip with the same message (conftest.ud_dir)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


@pytest.mark.parametrize("args", [["acc_passive.py"], ["acc_sentences.py"], ["accuracy.py", "passive"]])
def test_a_benchmark_without_ud_danish_ddt_exits_non_zero_and_says_where_to_get_it(args, tmp_path):
    env = {**os.environ, "UD_DANISH_DDT": str(tmp_path / "mangler")}
    r = subprocess.run([sys.executable, str(ROOT / "benchmarks" / args[0]), *args[1:]], capture_output=True,
                       text=True, env=env, timeout=300)
    assert r.returncode == 1, (r.returncode, r.stdout, r.stderr)
    assert "https://github.com/UniversalDependencies/UD_Danish-DDT" in r.stderr and "CC BY-SA 4.0" in r.stderr
    assert "skipped" not in r.stdout + r.stderr
