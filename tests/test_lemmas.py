"""The compact lemma table (lixcheck/nlp/lemmas.py, data/da_lemmas.bin): the same mapping as spacy-lookups-data's
Danish table, up to date with the installed package, its inverse, and its licence next to it."""

from __future__ import annotations

import gzip
import importlib.util
import json
import subprocess
import sys

import pytest
from conftest import ROOT

from lixcheck.errors import ConfigError
from lixcheck.nlp import lemmas
from lixcheck.nlp.pipeline import lemma_table


@pytest.fixture(scope="module")
def source() -> dict[str, str]:
    spec = importlib.util.find_spec("spacy_lookups_data")
    if spec is None:
        pytest.skip("spacy-lookups-data is not installed (the test extra installs it)")
    from pathlib import Path

    with gzip.open(Path(spec.origin).parent / "data" / "da_lemma_lookup.json.gz") as f:
        return json.load(f)


def test_the_shipped_file_is_built_from_the_installed_spacy_lookups_data(source):
    assert lemmas.PATH.read_bytes() == lemmas.build(source), \
        "lixcheck/nlp/data/da_lemmas.bin is out of date: run python scripts/build_lemmas.py"


def test_every_form_gives_its_lemma_and_nothing_else_is_in_the_table(source):
    table = lemma_table()
    assert len(table) == len(source)
    assert all(table.get(form) == lemma for form, lemma in source.items())
    assert set(table) == set(source)
    for word in ("", "xqzv", "Behandles", "behandles ", "udsælge", "\ud800", "ø" * 300):
        assert word not in source
        assert table.get(word) is None and table.get(word, "x") == "x" and word not in table
        with pytest.raises(KeyError):
            table[word]
    assert table["behandles"] == "behandle" and "behandles" in table


def test_forms_is_the_inverse(source):
    inverse: dict[str, list[str]] = {}
    for form, lemma in source.items():
        inverse.setdefault(lemma, []).append(form)
    table = lemma_table()
    assert all(table.forms(lemma) == tuple(sorted(forms, key=str.encode)) for lemma, forms in inverse.items())
    assert "behandlede" in table.forms("behandle") and "behandle" in table.forms("behandle")
    assert table.forms("xqzv") == () and table.forms("behandles") == ()


def test_a_damaged_file_is_a_clear_error():
    with pytest.raises(ConfigError, match="reinstall lixcheck"):
        lemmas.LemmaTable(b"not a table")
    with pytest.raises(ConfigError, match="reinstall lixcheck"):
        lemmas.LemmaTable(lemmas.PATH.read_bytes()[:8] + b"\x02" + bytes(40))


def test_the_table_is_mapped_not_loaded():
    """A fresh process that opens the table and looks words up stays small (the dict of 553,116 forms took 150 MB)."""
    code = ("import resource; from lixcheck.nlp.lemmas import table; t = table(); "
            "assert t.get('behandles') == 'behandle'; "
            "print(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss)")
    base = "import resource; import lixcheck.nlp.lemmas; print(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss)"
    kb = [int(subprocess.run([sys.executable, "-c", c], capture_output=True, text=True, check=True, cwd=ROOT)
              .stdout) for c in (code, base)]
    assert kb[0] - kb[1] < 8_000, kb


def test_the_licence_and_origin_are_recorded_next_to_the_file():
    readme = (lemmas.PATH.parent / "da_lemmas.README.md").read_text(encoding="utf-8")
    assert "MIT License" in readme and "ExplosionAI" in readme
    assert "spacy-lookups-data" in readme and "SprogTeknologiske Ordbase" in readme


def test_the_build_script_reports_an_up_to_date_file():
    r = subprocess.run([sys.executable, "scripts/build_lemmas.py", "--check"], capture_output=True, text=True,
                       cwd=ROOT, timeout=120)
    if "not installed" in r.stdout + r.stderr:
        pytest.skip("spacy-lookups-data is not installed")
    assert r.returncode == 0 and "up to date" in r.stdout, r.stdout + r.stderr
