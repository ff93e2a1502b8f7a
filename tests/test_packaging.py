"""The wheel: rules/ and web/ ship inside the package, every module is in it, and it works on its own.

The source tree is copied to a temporary folder and built there (no build/ or egg-info left in the repository).
"""

from __future__ import annotations

import shutil
import subprocess
import sys
import textwrap
import zipfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
IGNORE = shutil.ignore_patterns(".git", ".venv", "__pycache__", "*.egg-info", "build", "dist", ".pytest_cache",
                                ".ruff_cache", ".hypothesis", "test-artifacts", "node_modules", "*.pyc")


@pytest.fixture(scope="module")
def wheel(tmp_path_factory) -> Path:
    tmp = tmp_path_factory.mktemp("wheel")
    src = tmp / "src"
    shutil.copytree(ROOT, src, ignore=IGNORE, symlinks=True)
    out = tmp / "dist"
    r = subprocess.run([sys.executable, "-m", "pip", "wheel", "--no-deps", "--no-build-isolation", "-q", "-w",
                        str(out), str(src)], capture_output=True, text=True, timeout=180)
    assert r.returncode == 0, r.stdout + r.stderr
    wheels = list(out.glob("lixcheck-*.whl"))
    assert len(wheels) == 1
    return wheels[0]


@pytest.fixture(scope="module")
def names(wheel) -> set[str]:
    with zipfile.ZipFile(wheel) as z:
        return set(z.namelist())


def test_wheel_holds_rules_web_language_data_and_sample(names):
    assert any(n.startswith("lixcheck/rules/") and n.endswith((".yml", ".json")) for n in names)
    assert "lixcheck/web/__init__.py" in names
    assert "lixcheck/nlp/data/da.yml" in names
    assert {"lixcheck/nlp/data/wordfreq-da.txt", "lixcheck/nlp/data/wordfreq-da.LICENSE.md"} <= set(names)
    assert {"lixcheck/nlp/data/da_lemmas.bin", "lixcheck/nlp/data/da_lemmas.README.md"} <= set(names)
    assert "lixcheck/samples/afgoerelse.txt" in names
    assert "lixcheck/textstat_compat.py" in names


def test_every_source_module_and_data_file_is_in_the_wheel(names):
    """A subpackage missing from pyproject.toml's explicit package list would silently vanish from the wheel."""
    expected = {f"lixcheck/{p.relative_to(ROOT / 'lixcheck').as_posix()}" for p in (ROOT / "lixcheck").rglob("*.py")}
    for folder, package in (("rules", "lixcheck/rules"), ("web", "lixcheck/web")):
        base = ROOT / folder
        if base.is_dir():
            expected |= {f"{package}/{p.relative_to(base).as_posix()}" for p in base.rglob("*.py")}
            expected |= {f"{package}/{p.relative_to(base).as_posix()}" for p in base.rglob("*.yml")}
    expected |= {f"lixcheck/{p.relative_to(ROOT / 'lixcheck').as_posix()}"
                 for pattern in ("*.yml", "*.json") for p in (ROOT / "lixcheck").rglob(pattern)}
    expected = {n for n in expected if "__pycache__" not in n}
    missing = sorted(expected - names)
    assert not missing, f"not in the wheel (add the package to pyproject.toml): {missing}"


def test_unzipped_wheel_works_on_its_own(wheel, tmp_path):
    site = tmp_path / "site"
    with zipfile.ZipFile(wheel) as z:
        z.extractall(site)
    work = tmp_path / "work"
    work.mkdir()
    code = textwrap.dedent(f"""
        import json, pathlib, sys
        import lixcheck
        site = pathlib.Path({str(site)!r}).resolve()
        assert pathlib.Path(lixcheck.__file__).resolve().is_relative_to(site), lixcheck.__file__
        sample = pathlib.Path(lixcheck.__file__).parent / "samples" / "afgoerelse.txt"
        report = lixcheck.check(sample)
        from lixcheck.search import stored
        assert stored.tables()["needles"], "the stored pattern analyses are not read from the wheel"
        import lixcheck.web, lixcheck.rules
        assert pathlib.Path(lixcheck.web.__file__).resolve().is_relative_to(site)
        print(json.dumps({{"lix": report.lix.to_dict(), "findings": len(report.findings),
                          "rules_version": report.meta["rules_version"]}}))
    """)
    r = subprocess.run([sys.executable, "-c", code], cwd=work, capture_output=True, text=True, timeout=120,
                       env={"PYTHONPATH": str(site), "PATH": "/usr/bin:/bin", "HOME": str(tmp_path)})
    assert r.returncode == 0, r.stderr
    import json

    out = json.loads(r.stdout.strip().splitlines()[-1])
    assert out["lix"]["words"] > 50 and out["lix"]["value"] is not None
