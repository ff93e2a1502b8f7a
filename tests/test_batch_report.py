"""Batch aggregates and the self-contained HTML report (with CSV export) over a store with known rows."""

from __future__ import annotations

import csv
import json
import re
import subprocess
import sys

import pytest

from lixcheck.batch import aggregate
from lixcheck.batch.report_html import render, write_report
from lixcheck.batch.store import Store


def _row(i, lix, *, template="t-a", sender="Aarhus Kommune, Ydelser", sent=1, date="2025-01-15",
         decision=None, klage=None, findings=()):
    band = "very easy" if lix < 25 else "easy" if lix < 35 else "medium" if lix < 45 else "hard" if lix < 55 \
        else "very hard"
    return {"id": f"d{i}", "hash": f"{i:032x}", "status": "ok", "source": "jsonl", "format": "text",
            "kind": "decision" if decision else "information", "template": template, "sender": sender, "sent": sent,
            "date": date, "lix": lix, "band": band, "words": 100, "sentences": 8, "long_words": 20,
            "findings": len(findings), "is_decision": decision, "klagevejledning": klage,
            "summary": json.dumps({}),
            "finding_rows": [(r, "warning", "jargon", 0, 5, 1, 1, 0, "hermed") for r in findings]}


@pytest.fixture
def store(tmp_path):
    rows = [
        _row(1, 30.0, findings=["jargon.hermed"], date="2025-01-03"),
        _row(2, 40.0, findings=["jargon.hermed", "passive"], date="2025-01-20"),
        _row(3, 50.0, template="t-b", sender="Jobcenter", sent=100, decision=1, klage=0, date="2025-02-02",
             findings=["decision.klagevejledning"]),
        _row(4, 60.0, template="t-b", sender="Jobcenter", sent=1, decision=1, klage=1, date="2025-02-10"),
        _row(5, 20.0, template="t-c", decision=1, klage=1, date="2025-03-01"),
    ]
    with Store(tmp_path) as s:
        s.add(rows)
        s.add([{"id": "bad", "status": "error", "error_code": "encrypted"}])
    with Store(tmp_path, readonly=True) as s:
        yield s


def test_summary_and_aggregates(store):
    s = aggregate.summary(store)
    assert (s["documents"], s["ok"], s["errors"]) == (6, 5, 1)
    assert s["error_codes"] == {"encrypted": 1}
    assert s["lix_mean"] == 40.0 and s["lix_median"] == 40.0
    assert s["top_rules"][0] == {"rule": "jargon.hermed", "category": "jargon", "findings": 2, "documents": 2,
                                 "weighted": 2}
    d = aggregate.decisions(store)
    assert (d["documents"], d["missing"]) == (3, 1)
    assert d["weighted"] == 102 and d["weighted_missing"] == 100
    assert d["templates"] == [{"name": "t-b", "documents": 2, "missing": 1}]
    templates = {g["name"]: g for g in aggregate.by_group(store, "template")}
    assert templates["t-b"]["lix_mean"] == 55.0
    assert templates["t-b"]["lix_weighted"] == pytest.approx((50 * 100 + 60) / 101)
    assert templates["t-b"]["hard_share"] == 1.0
    assert aggregate.by_group(store, "template")[0]["name"] == "t-b"  # worst first
    months = aggregate.by_month(store)
    assert [(m["month"], m["documents"], m["weighted"]) for m in months] == [
        ("2025-01", 2, 2), ("2025-02", 2, 101), ("2025-03", 1, 1)]
    assert aggregate.has_volumes(store) and aggregate.has_dates(store)


def test_html_report_is_self_contained_and_danish(store, tmp_path):
    out = tmp_path / "rapport" / "r.html"
    write_report(store, out, csv_path=tmp_path / "r.csv")
    html = out.read_text(encoding="utf-8")
    for heading in ("LIX-fordeling", "Fund pr. regel", "Sværeste skabeloner", "Afsendere",
                    "Afgørelser uden klagevejledning", "Udvikling pr. måned", "Breve der ikke kunne læses"):
        assert f"<h2>{heading}</h2>" in html
    assert html.count("<svg") == 3
    assert not re.search(r"https?://", html), "no external URLs"
    assert not re.search(r"\b(src|href)\s*=\s*\"(?!#)", html), "only links inside the page (SVG <use>)"
    assert "1 af 3 afgørelser (33,3 %)" in html
    assert "vægtet efter modtagere 100 af 102" in html
    assert [p.name for p in out.parent.iterdir()] == ["r.html"], "written atomically, no temp files left"
    rows = list(csv.DictReader((tmp_path / "r.csv").open(encoding="utf-8")))
    assert len(rows) == 6 and rows[0]["id"] == "d1" and rows[-1]["error_code"] == "encrypted"


def test_report_without_volumes_dates_or_decisions(tmp_path):
    with Store(tmp_path) as s:
        s.add([_row(1, 35.0, sent=None, date=None)])
    with Store(tmp_path, readonly=True) as s:
        html = render(s)
    assert "Udvikling pr. måned" not in html and "modtagere" not in html
    assert "andelen kan ikke beregnes" in html


def test_report_cli(store, tmp_path):
    out = tmp_path / "cli.html"
    proc = subprocess.run([sys.executable, "-m", "lixcheck.cli", "report", str(store.directory), "-o", str(out),
                           "--csv", str(tmp_path / "cli.csv")], capture_output=True, text=True, timeout=60)
    assert proc.returncode == 0, proc.stderr
    assert out.read_text(encoding="utf-8").startswith("<!DOCTYPE html>")
    assert (tmp_path / "cli.csv").is_file()


def test_csv_cells_cannot_become_formulas(tmp_path):
    with Store(tmp_path) as s:
        s.add([dict(_row(1, 30.0), id="=HYPERLINK(1)")])
    with Store(tmp_path, readonly=True) as s:
        aggregate.write_csv(s, tmp_path / "x.csv")
    assert "'=HYPERLINK(1)" in (tmp_path / "x.csv").read_text(encoding="utf-8")
