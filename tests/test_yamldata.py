"""lixcheck's own YAML files parsed before run time (lixcheck/yamldata.json, lixcheck/yamldata.py): up to date with
the files, each entry equal to a fresh parse, and never used for another text."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from lixcheck import yamldata

ROOT = Path(__file__).resolve().parent.parent
SHIPPED = json.loads(yamldata.FILE.read_text(encoding="utf-8"))["files"]


def test_the_shipped_file_is_up_to_date():
    r = subprocess.run([sys.executable, "scripts/build_yamldata.py", "--check"], capture_output=True, text=True,
                       cwd=ROOT)
    assert r.returncode == 0 and "up to date" in r.stdout, r.stdout + r.stderr


def test_every_stored_parse_equals_a_fresh_one_of_its_file():
    assert {name.split("/")[0] for name, _ in SHIPPED.values()} == {"rules", "lixcheck"}
    for key, (name, stored) in SHIPPED.items():
        text = (ROOT / name).read_text(encoding="utf-8")
        assert yamldata.key(text) == key, name
        assert json.loads(stored) == yaml.safe_load(text), name


def test_a_shipped_file_is_read_from_the_store_and_each_reader_gets_its_own_objects(monkeypatch):
    name = next(n for n, _ in SHIPPED.values() if n.startswith("rules/da/"))
    path = ROOT / name
    monkeypatch.setattr(yaml, "load", lambda *a, **k: (_ for _ in ()).throw(AssertionError("parsed")))
    first, second = yamldata.read(path), yamldata.read(path)
    assert first == second and first is not second and first["rules"]


def test_another_text_is_parsed(tmp_path):
    path = tmp_path / "rules.yml"
    name = next(n for n, _ in SHIPPED.values() if n.startswith("rules/da/"))
    text = (ROOT / name).read_text(encoding="utf-8") + "\n# a comment makes it another text\n"
    path.write_text(text, encoding="utf-8")
    assert yamldata.key(text) not in yamldata.table()
    assert yamldata.read(path) == yaml.safe_load(text)
    path.write_text("rules: [\n", encoding="utf-8")
    with pytest.raises(yamldata.YAMLError, match="line 2"):
        yamldata.read(path)


def test_a_missing_or_broken_store_means_parsing(monkeypatch, tmp_path):
    for text in (None, "{not json", "[]", '{"files": 1}'):
        path = tmp_path / "yamldata.json"
        if text is not None:
            path.write_text(text, encoding="utf-8")
        monkeypatch.setattr(yamldata, "FILE", path)
        assert yamldata._load() == {}
