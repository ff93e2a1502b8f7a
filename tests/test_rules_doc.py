"""docs/rules.md is generated from the rule files and must be current; the `lixcheck rules` commands."""

from __future__ import annotations

from pathlib import Path

from click.testing import CliRunner

from lixcheck.cli import main
from lixcheck.rules_cli import generate

ROOT = Path(__file__).resolve().parent.parent


def test_docs_rules_md_is_current():
    current = (ROOT / "docs" / "rules.md").read_text(encoding="utf-8")
    assert current == generate(), "docs/rules.md is stale: run `lixcheck rules doc -o docs/rules.md`"


def test_docs_have_the_four_parts_for_every_rule():
    text = generate()
    n = text.count("\n## ")
    assert n >= 12
    for part in ("### Hvad den gør", "### Hvorfor", "### Eksempel", "### Skriv i stedet"):
        assert text.count(part) == n, part
    assert "| såfremt | hvis | GO, BAV |" in text


def test_rules_list_shows_id_category_severity_summary():
    result = CliRunner().invoke(main, ["rules", "list"])
    assert result.exit_code == 0, result.output
    line = next(line for line in result.output.splitlines() if line.startswith("jargon "))
    assert "kancellisprog" in line and "advarsel" in line


def test_rules_explain_in_danish_and_unknown_id_exits_2():
    result = CliRunner().invoke(main, ["rules", "explain", "jargon", "--words"])
    assert result.exit_code == 0
    for part in ("Hvad den gør", "Hvorfor", "Eksempel", "Skriv i stedet", "såfremt → hvis"):
        assert part in result.output
    result = CliRunner().invoke(main, ["rules", "explain", "jargo"])
    assert result.exit_code == 2 and "jargon" in result.output


def test_rules_doc_check_flags_a_stale_file(tmp_path):
    stale = tmp_path / "rules.md"
    stale.write_text("old\n", encoding="utf-8")
    assert CliRunner().invoke(main, ["rules", "doc", "-o", str(stale), "--check"]).exit_code == 1
    assert CliRunner().invoke(main, ["rules", "doc", "-o", str(stale)]).exit_code == 0
    assert CliRunner().invoke(main, ["rules", "doc", "-o", str(stale), "--check"]).exit_code == 0
