"""`lixcheck check` output formats (lixcheck/writers/): text like ruff and Vale, one JSON shape, SARIF 2.1.0 checked
against its published schema, GitHub annotations, CSV; colour only on a terminal; a missing file is reported and
the others are still checked; the exit code reflects the worst."""

from __future__ import annotations

import csv
import io
import json
import re
from pathlib import Path

import jsonschema
import pytest
from click.testing import CliRunner

import lixcheck
from lixcheck.cli import main, use_color
from lixcheck.writers import FORMATS, writer
from lixcheck.writers.base import Tally
from lixcheck.writers.github import escape_data, escape_property
from lixcheck.writers.sarif import artifact_uri

ROOT = Path(__file__).resolve().parent.parent
SARIF_SCHEMA = ROOT / "tests" / "data" / "sarif" / "sarif-2.1.0-rtm.5.json"
JARGON = ("Kære borger\n\nDer fremsendes hermed afgørelse vedrørende Deres ansøgning. Såfremt De ønsker at påklage "
          "afgørelsen, skal dette ske skriftligt. Ansøgningen er blevet behandlet af forvaltningen.\n\n"
          "Med venlig hilsen\nJens Hansen\n")
PLAIN = "Kære Jens\n\nVi har fået din ansøgning. Du får svar inden fire uger.\n\nMed venlig hilsen\nBorgerservice\n"
LINE = re.compile(r"^(?P<path>.+?):(?P<line>\d+):(?P<col>\d+): (?P<sev>fejl|advarsel|forslag) \[(?P<rule>[\w.-]+)\] "
                  r"(?P<rest>.+)$")


@pytest.fixture
def runner(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("NO_COLOR", raising=False)
    return CliRunner()


@pytest.fixture
def letters(tmp_path):
    a = tmp_path / "jargon.txt"
    b = tmp_path / "plain.txt"
    a.write_text(JARGON, encoding="utf-8")
    b.write_text(PLAIN, encoding="utf-8")
    return a, b


def run(runner, *args):
    return runner.invoke(main, ["check", *map(str, args)], catch_exceptions=False)


# -- text ------------------------------------------------------------------------------------------------------------

def test_text_is_one_line_per_finding_with_path_line_and_column(runner, letters):
    r = run(runner, *letters, "--fail-on", "never")
    assert r.exit_code == 0, r.output
    report = lixcheck.check(letters[0])
    lines = [m for m in map(LINE.match, r.stdout.splitlines()) if m and m["path"] == str(letters[0])]
    assert len(lines) == len(report.findings)
    for m, f in zip(lines, report.findings, strict=True):
        assert (m["path"], int(m["line"]), int(m["col"]), m["rule"]) == (str(letters[0]), f.line, f.column, f.rule)
        assert f.message in m["rest"]
        assert len(m.group(0)) < 400  # never a whole paragraph quoted
    jargon = next(m for m in lines if m["rule"] == "jargon")
    assert "»fremsendes«" in jargon["rest"]
    assert r.stdout.splitlines()[0] == f"{letters[0]}: {report.lix.describe_da()}"
    assert "\x1b[" not in r.stdout  # no terminal, no colour


def test_letter_level_findings_are_one_short_line_without_a_quote(runner, letters):
    report = lixcheck.check(letters[0])
    whole = [f for f in report.findings if report.letter_level(f)]
    assert whole, "the test letter has letter-level findings (LIX, sender)"
    out = run(runner, letters[0], "--fail-on", "never").stdout
    for f in whole:
        line = next(x for x in out.splitlines() if f"[{f.rule}]" in x)
        assert line.endswith(f"] {f.message}")  # nothing quoted after the message


def test_closing_summary_in_danish(runner, letters, tmp_path):
    r = run(runner, *letters, tmp_path / "mangler.txt", "--fail-on", "never")
    report = lixcheck.check(letters[0])
    tally = Tally()
    tally.add(report)
    tally.add(lixcheck.check(letters[1]))
    tally.unreadable = 1
    assert r.stdout.rstrip().splitlines()[-1] == tally.summary_da()
    assert tally.summary_da().endswith(" i 2 filer; 1 fil kunne ikke læses.")


@pytest.mark.parametrize("counts, checked, unreadable, expected", [
    ({"error": 3, "warning": 12}, 2, 0, "3 fejl og 12 advarsler i 2 filer."),
    ({"error": 1, "warning": 1, "suggestion": 1}, 1, 0, "1 fejl, 1 advarsel og 1 forslag i 1 fil."),
    ({}, 4, 0, "Ingen fund i 4 filer."),
    ({"suggestion": 2}, 1, 2, "2 forslag i 1 fil; 2 filer kunne ikke læses."),
    ({}, 0, 1, "Ingen filer blev tjekket; 1 fil kunne ikke læses."),
])
def test_summary_wording(counts, checked, unreadable, expected):
    t = Tally(checked=checked, unreadable=unreadable)
    t.by_severity.update(counts)
    assert t.summary_da() == expected


def test_colour_only_on_a_terminal_and_never_with_no_color(monkeypatch):
    class Tty(io.StringIO):
        def isatty(self):
            return True

    monkeypatch.delenv("NO_COLOR", raising=False)
    assert use_color("auto", Tty()) is True
    assert use_color("auto", io.StringIO()) is False
    monkeypatch.setenv("NO_COLOR", "1")
    assert use_color("auto", Tty()) is False
    assert use_color("always", io.StringIO()) is True
    assert use_color("never", Tty()) is False
    monkeypatch.setenv("NO_COLOR", "")  # an empty NO_COLOR does not count (no-color.org)
    assert use_color("auto", Tty()) is True


def test_color_always_colours_severity(runner, letters):
    out = run(runner, letters[0], "--color", "always", "--fail-on", "never").stdout
    assert "\x1b[33madvarsel\x1b[0m" in out


def test_docx_findings_say_where_in_the_document(runner, tmp_path):
    docx = pytest.importorskip("docx")
    d = docx.Document()
    d.add_paragraph("Afgørelse om boligstøtte")
    table = d.add_table(rows=2, cols=1)
    table.cell(0, 0).text = "Ydelse"
    table.cell(1, 0).text = "Beløbet fremsendes hermed til Deres konto hver måned fra 1. maj."
    path = tmp_path / "brev.docx"
    d.save(path)
    out = run(runner, path, "--fail-on", "never").stdout
    line = next(x for x in out.splitlines() if "[jargon]" in x and "»fremsendes«" in x)
    assert line.endswith("(tabel 1, række 2, celle 1)"), line


# -- errors and exit codes -------------------------------------------------------------------------------------------

def test_a_missing_file_is_reported_and_the_others_are_checked(runner, letters, tmp_path):
    for fmt in ("text", "jsonl", "json", "csv", "sarif", "github"):
        r = run(runner, tmp_path / "mangler.txt", letters[1], "--format", fmt, "--fail-on", "never")
        assert r.exit_code == 2, (fmt, r.output)
        assert f"lixcheck: {tmp_path / 'mangler.txt'}: Filen mangler.txt findes ikke." in r.stderr
        assert "Traceback" not in r.output
        assert str(letters[1].name) in r.stdout, fmt


def test_a_glob_that_matches_nothing_is_reported_too(runner, letters):
    r = run(runner, "nix-*.txt", letters[1], "--fail-on", "never")
    assert r.exit_code == 2 and "Ingen filer passer til mønstret nix-*.txt" in r.stderr
    assert f"{letters[1]}: LIX" in r.stdout


def test_exit_code_is_the_worst(runner, letters, tmp_path):
    assert run(runner, letters[1], "--fail-on", "error").exit_code == 0
    assert run(runner, letters[0], "--fail-on", "warning").exit_code == 1
    assert run(runner, letters[0], tmp_path / "mangler.txt", "--fail-on", "warning").exit_code == 2


# -- json, jsonl, csv ------------------------------------------------------------------------------------------------

@pytest.mark.parametrize("n", [0, 1, 3])
def test_json_has_one_shape(runner, letters, tmp_path, n):
    names = [letters[0], letters[1], tmp_path / "mangler.txt"][:n] or [tmp_path / "mangler.txt"]
    r = run(runner, *names, "--format", "json", "--fail-on", "never")
    payload = json.loads(r.stdout)
    assert list(payload) == ["lixcheck_version", "files", "summary"]
    assert payload["lixcheck_version"] == lixcheck.__version__
    assert [f["input"] for f in payload["files"]] == [str(p) for p in names]
    for item in payload["files"]:
        assert ("error" in item) != ("lix" in item)
    assert payload["summary"]["files"] == len(names)


def test_json_items_are_jsonl_lines(runner, letters):
    items = json.loads(run(runner, *letters, "--format", "json", "--fail-on", "never").stdout)["files"]
    out = run(runner, *letters, "--format", "jsonl", "--fail-on", "never").stdout
    lines = [json.loads(x) for x in out.splitlines()]
    assert items == lines


def test_csv_one_row_per_finding(runner, letters, tmp_path):
    out = run(runner, *letters, tmp_path / "mangler.txt", "--format", "csv", "--fail-on", "never").stdout
    rows = list(csv.DictReader(io.StringIO(out)))
    report = lixcheck.check(letters[0])
    finding_rows = [r for r in rows if not r["error_code"]]
    assert len(finding_rows) == len(report.findings) + len(lixcheck.check(letters[1]).findings)
    first = finding_rows[0]
    assert (first["file"], int(first["line"]), first["rule"]) == (str(letters[0]), report.findings[0].line,
                                                                    report.findings[0].rule)
    assert [r["error_code"] for r in rows if r["error_code"]] == ["unreadable"]
    assert all(len(r["text"]) <= 40 for r in rows)


def test_csv_cells_never_run_as_formulas():
    from lixcheck.writers.csv import spreadsheet_safe

    assert spreadsheet_safe("=HYPERLINK(\"x\")") == "'=HYPERLINK(\"x\")"
    assert spreadsheet_safe("-1") == "'-1" and spreadsheet_safe("ok") == "ok" and spreadsheet_safe(3) == 3


# -- github ----------------------------------------------------------------------------------------------------------

def test_github_annotations(runner, letters):
    out = run(runner, letters[0], "--format", "github", "--fail-on", "never").stdout
    report = lixcheck.check(letters[0])
    lines = out.splitlines()
    assert len(lines) == len(report.findings)
    level = {"error": "error", "warning": "warning", "suggestion": "notice"}
    for line, f in zip(lines, report.findings, strict=True):
        m = re.fullmatch(r"::(error|warning|notice) file=([^,]+),line=(\d+),col=(\d+),endLine=(\d+),"
                         r"endColumn=(\d+),title=([^:]+)::(.+)", line)
        assert m, line
        assert m[1] == level[f.severity] and m[2] == str(letters[0]) and (int(m[3]), int(m[4])) == (f.line, f.column)
        assert m[7] == f"lixcheck [{f.rule}]"
        assert "\n" not in m[8]


def test_github_escaping():
    assert escape_data("50% af\r\nbrevet") == "50%25 af%0D%0Abrevet"
    assert escape_property("a,b:c%") == "a%2Cb%3Ac%25"
    w = writer("github")
    assert w.error("mine breve/a,b.txt", lixcheck.InputError("x", message_da="Linje 1\nlinje 2")) == \
        "::error file=mine breve/a%2Cb.txt,title=lixcheck::Linje 1%0Alinje 2\n"


# -- SARIF -----------------------------------------------------------------------------------------------------------

def sarif_validator():
    schema = json.loads(SARIF_SCHEMA.read_text(encoding="utf-8"))
    cls = jsonschema.validators.validator_for(schema)
    cls.check_schema(schema)
    checker = jsonschema.FormatChecker()
    assert "uri" in checker.checkers, "rfc3986-validator (test extra) checks SARIF's URIs"
    return cls(schema, format_checker=checker)


def test_sarif_is_valid_against_the_published_schema(runner, letters, tmp_path):
    cfg = tmp_path / "lixcheck.toml"
    cfg.write_text('doc_base_url = "https://lixcheck.example.dk/regler/"\n', encoding="utf-8")
    r = run(runner, *letters, tmp_path / "mangler.txt", "--format", "sarif", "--fail-on", "never", "--config", cfg)
    log = json.loads(r.stdout)
    errors = sorted(sarif_validator().iter_errors(log), key=str)
    assert not errors, [e.message for e in errors[:5]]
    run_ = log["runs"][0]
    assert log["version"] == "2.1.0" and run_["columnKind"] == "unicodeCodePoints"
    rules = run_["tool"]["driver"]["rules"]
    assert rules and all(r["helpUri"] == f"https://lixcheck.example.dk/regler/{r['id']}" for r in rules)
    assert run_["invocations"][0]["executionSuccessful"] is False
    assert run_["invocations"][0]["toolExecutionNotifications"][0]["descriptor"]["id"] == "unreadable"

    report = lixcheck.check(letters[0])
    results = [x for x in run_["results"] if x["locations"][0]["physicalLocation"]["artifactLocation"]["uri"]
               == artifact_uri(str(letters[0]))]
    assert len(results) == len(report.findings)
    for res, f in zip(results, report.findings, strict=True):
        region = res["locations"][0]["physicalLocation"]["region"]
        assert rules[res["ruleIndex"]]["id"] == res["ruleId"] == f.rule
        assert (region["startLine"], region["startColumn"]) == (f.line, f.column)
        assert report.text[region["charOffset"]:region["charOffset"] + region["charLength"]] == f.text
        lines = report.text.split("\n")
        if region["endLine"] == region["startLine"]:
            assert lines[f.line - 1][f.column - 1:region["endColumn"] - 1] == f.text
        assert res["message"]["text"] == f.message


def test_sarif_columns_count_code_points_not_utf16(runner, tmp_path):
    """An emoji is two UTF-16 code units and one code point: columns after it follow columnKind."""
    p = tmp_path / "emoji.txt"
    p.write_text("Kære Jens 🙂 Der fremsendes hermed afgørelse vedrørende din ansøgning om tilskud.\n",
                 encoding="utf-8")
    log = json.loads(run(runner, p, "--format", "sarif", "--fail-on", "never").stdout)
    region = next(x for x in log["runs"][0]["results"] if x["ruleId"] == "jargon")["locations"][0][
        "physicalLocation"]["region"]
    assert region["startColumn"] == "Kære Jens 🙂 Der fremsendes".index("fremsendes") + 1
    assert not sarif_validator().is_valid({**log, "version": "2.0.0"})  # the validator does reject a bad log


def test_sarif_without_an_absolute_doc_url_still_has_help_text(runner, letters):
    log = json.loads(run(runner, letters[0], "--format", "sarif", "--fail-on", "never").stdout)
    assert not list(sarif_validator().iter_errors(log))
    for rule in log["runs"][0]["tool"]["driver"]["rules"]:
        assert "helpUri" not in rule and rule["help"]["text"]


def test_sarif_artifact_uris():
    assert artifact_uri("breve/mit brev.docx") == "breve/mit%20brev.docx"
    assert artifact_uri("/tmp/æ.txt") == "file:///tmp/%C3%A6.txt"
    assert artifact_uri("-") == "stdin"


def test_every_format_is_a_module_with_a_writer():
    for fmt in FORMATS:
        w = writer(fmt, version="1")
        assert isinstance(w.close(), str)
    with pytest.raises(ValueError):
        writer("xml")
