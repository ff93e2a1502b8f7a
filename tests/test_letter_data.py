"""The letter-check data (lixcheck/data/*.yml) is validated by lixcheck/data/letter-data.schema.json: a broken plugin
file is a ConfigError that names the file and the field when it is read; the built-in files are validated here (not
at every start)."""

from __future__ import annotations

import subprocess
import sys

import pytest

from lixcheck.errors import ConfigError
from lixcheck.letter import data


@pytest.fixture
def plugin_folder(tmp_path, monkeypatch):
    """A letter-data plugin folder (as the entry point group lixcheck.letter_data gives one)."""
    monkeypatch.setattr(data, "plugin_folders", lambda: [tmp_path])
    data.load.cache_clear()
    yield tmp_path
    data.load.cache_clear()


def test_the_built_in_files_are_valid():
    for name in data.FILES:
        assert data.read_valid(data.DATA_DIR / f"{name}.yml", name, complete=True)
        assert data.load(name)


@pytest.mark.parametrize("name, text, field, says", [
    ("letter", "cues:\n  decision:\n    - {w: 2, re: '(unclosed'}\n", "cues.decision.0.re", "regex"),
    ("letter", "cues:\n  decision:\n    - {w: to, re: 'afgørelse'}\n", "cues.decision.0.w", "number"),
    ("senders", "patterns:\n  - {kind: county, regex: 'X Amt'}\n", "patterns.0.kind", "county"),
    ("senders", "closings: [\"venlig\\nhilsen\"]\n", "closings.0", "does not match"),
    ("senders", "unit_word: [team]\n", "(the file itself)", "unit_word"),
    ("anatomy", "months: '[jan'\n", "months", "array"),
    ("template", "filler: '*x'\n", "filler", "regex"),
])
def test_a_broken_plugin_file_names_file_and_field(plugin_folder, name, text, field, says):
    (plugin_folder / f"{name}.yml").write_text(text, encoding="utf-8")
    with pytest.raises(ConfigError) as e:
        data.load(name)
    message = str(e.value)
    assert f"{name}.yml, field {field}:" in message and says in message


def test_a_plugin_file_adds_to_the_built_in_lists(plugin_folder):
    (plugin_folder / "anatomy.yml").write_text("salutations: [hejsa]\n", encoding="utf-8")
    assert data.load("anatomy")["salutations"][-1] == "hejsa" and "kære" in data.load("anatomy")["salutations"]


def test_a_built_in_file_must_be_complete(tmp_path):
    (tmp_path / "anatomy.yml").write_text("salutations: [kære]\n", encoding="utf-8")
    with pytest.raises(ConfigError, match=r"anatomy.yml, field \(the file itself\): 'months' is a required"):
        data.read_valid(tmp_path / "anatomy.yml", "anatomy", complete=True)
    assert data.read_valid(tmp_path / "anatomy.yml", "anatomy", complete=False)  # (a plugin's file adds to it)


def test_reading_the_built_in_data_needs_no_jsonschema(tmp_path):
    """A fresh process checks a letter without importing jsonschema (the tests validate the built-in data)."""
    code = ("import sys, lixcheck; lixcheck.check('Kære Anne. Vi har fået din ansøgning.', "
            "config={'rules': {'plugins': False}}); print('jsonschema' in sys.modules)")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True, cwd=tmp_path)
    assert out.stdout.strip() == "False"
