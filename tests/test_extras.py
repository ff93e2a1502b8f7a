"""No command ends in a traceback when an optional package is missing: each says in one Danish line which extra to
install. The missing package is simulated in a real subprocess by a meta-path finder that refuses the import, as
after the Quick-start install (`pip install '.[web]'`, without matplotlib, tqdm and dask)."""

from __future__ import annotations

import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent

BLOCKER = textwrap.dedent("""
    import importlib.abc, sys
    BLOCKED = set(sys.argv.pop(1).split(","))
    class Missing(importlib.abc.MetaPathFinder):
        def find_spec(self, name, path=None, target=None):
            if name.split(".")[0] in BLOCKED:
                raise ModuleNotFoundError(f"No module named {name!r}", name=name)
    sys.meta_path.insert(0, Missing())
    from lixcheck.cli import main
    sys.argv[0] = "lixcheck"
    main()
""")


def lixcheck_without(blocked: str, *args: str, cwd: Path) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-c", BLOCKER, blocked, *args], capture_output=True, text=True, cwd=cwd,
                          timeout=180)


def assert_one_danish_line(r: subprocess.CompletedProcess, module: str, extra: str) -> None:
    assert r.returncode == 2, (r.returncode, r.stderr)
    assert "Traceback" not in r.stderr and "Traceback" not in r.stdout
    lines = r.stderr.strip().splitlines()
    assert len(lines) == 1, r.stderr
    assert f"valgfrie pakke {module}" in lines[0] and f"pip install 'lixcheck[{extra}]'" in lines[0], lines[0]


def test_the_blocker_blocks(tmp_path):
    r = subprocess.run([sys.executable, "-c", BLOCKER.replace("from lixcheck.cli import main", "import json")
                        .replace("main()", "import matplotlib"), "matplotlib"], capture_output=True, text=True)
    assert "ModuleNotFoundError: No module named 'matplotlib'" in r.stderr


def test_report_without_matplotlib_names_the_batch_extra(tmp_path):
    (tmp_path / "ud").mkdir()
    r = lixcheck_without("matplotlib", "report", "ud", "-o", "rapport.html", cwd=tmp_path)
    assert_one_danish_line(r, "matplotlib", "batch")
    assert r.stderr.startswith("lixcheck: fejl: lixcheck report kræver")
    assert not (tmp_path / "rapport.html").exists()


def test_serve_without_flask_or_waitress(tmp_path):
    for module in ("flask", "waitress"):
        assert_one_danish_line(lixcheck_without(module, "serve", "--port", "1", cwd=tmp_path), module, "web")


def test_dask_engine_without_dask(tmp_path):
    (tmp_path / "brev.txt").write_text("Vi har modtaget din ansøgning. Du får svar inden fire uger.\n",
                                       encoding="utf-8")
    r = lixcheck_without("distributed,dask", "batch", "brev.txt", "--out", "ud", "--engine", "dask", "--quiet",
                         cwd=tmp_path)
    assert_one_danish_line(r, "distributed", "batch")


def test_annotate_without_python_docx(tmp_path):
    docx = pytest.importorskip("docx")
    d = docx.Document()
    d.add_paragraph("Der fremsendes hermed afgørelse vedrørende din ansøgning om boligstøtte fra kommunen.")
    d.save(tmp_path / "brev.docx")
    r = lixcheck_without("docx", "annotate", "brev.docx", "-o", "ud.docx", cwd=tmp_path)
    assert_one_danish_line(r, "docx", "files")
    assert not (tmp_path / "ud.docx").exists()


def test_check_a_pdf_without_pypdfium2(tmp_path):
    pytest.importorskip("reportlab")
    from pdf_build import letter_pdf

    (tmp_path / "brev.pdf").write_bytes(letter_pdf())
    r = lixcheck_without("pypdfium2", "check", "brev.pdf", cwd=tmp_path)
    assert r.returncode == 2 and "Traceback" not in r.stderr
    assert "pip install 'lixcheck[files]'" in r.stderr.splitlines()[0]
