"""Aggregates over a batch store: the run summary, the report's tables, CSV export. Pure SQL over stored rows.

Nothing here scores a letter; it counts and averages what the analysis stored. ``sent`` (recipients of a letter)
weights the volume views; a missing ``sent`` counts as 1.
"""

from __future__ import annotations

import csv
import os
import tempfile
from pathlib import Path
from typing import Any

from ..model import BANDS
from .store import DOC_COLUMNS, Store

W = "COALESCE(sent, 1)"  # volume weight of a row
HARD = 45  # LIX from which a letter is hard or very hard to read (the Danish standard scale)
CSV_COLUMNS = tuple(c for c in DOC_COLUMNS if c != "summary")


def _one(store: Store, sql: str, *args):
    return store.db.execute(sql, args).fetchone()


def median_lix(store: Store) -> float | None:
    n = _one(store, "SELECT COUNT(*) FROM documents WHERE lix IS NOT NULL")[0]
    if not n:
        return None
    q = "SELECT lix FROM documents WHERE lix IS NOT NULL ORDER BY lix LIMIT ? OFFSET ?"
    if n % 2:
        return store.db.execute(q, (1, n // 2)).fetchone()[0]
    a, b = (r[0] for r in store.db.execute(q, (2, n // 2 - 1)))
    return (a + b) / 2


def top_rules(store: Store, limit: int | None = 10) -> list[dict[str, Any]]:
    sql = ("SELECT f.rule, MAX(f.category), COUNT(*), COUNT(DISTINCT f.doc_seq), SUM(COALESCE(d.sent, 1)) "
           "FROM findings f JOIN documents d ON d.seq = f.doc_seq GROUP BY f.rule ORDER BY COUNT(*) DESC, f.rule")
    if limit:
        sql += f" LIMIT {int(limit)}"
    return [{"rule": r, "category": c, "findings": n, "documents": d, "weighted": w}
            for r, c, n, d, w in store.db.execute(sql)]


def summary(store: Store) -> dict[str, Any]:
    """Documents, errors (by code), mean/median LIX, bands and the most frequent rules."""
    total, ok, errors, mean = _one(
        store, "SELECT COUNT(*), SUM(status = 'ok'), SUM(status = 'error'), AVG(lix) FROM documents")
    codes = dict(store.db.execute(
        "SELECT error_code, COUNT(*) FROM documents WHERE status = 'error' GROUP BY error_code ORDER BY 2 DESC"))
    bands = dict(store.db.execute("SELECT band, COUNT(*) FROM documents WHERE band IS NOT NULL GROUP BY band"))
    not_computed = _one(store, "SELECT COUNT(*) FROM documents WHERE status = 'ok' AND lix IS NULL")[0]
    return {
        "documents": total or 0,
        "ok": ok or 0,
        "errors": errors or 0,
        "error_codes": codes,
        "lix_mean": round(mean, 1) if mean is not None else None,
        "lix_median": round(m, 1) if (m := median_lix(store)) is not None else None,
        "lix_not_computed": not_computed,
        "bands": {name: bands.get(name, 0) for _upper, name in BANDS},
        "top_rules": top_rules(store, 10),
        "templates": template_overview(store),
    }


def has_volumes(store: Store) -> bool:
    return bool(_one(store, "SELECT COUNT(*) FROM documents WHERE sent IS NOT NULL AND sent != 1")[0])


def has_dates(store: Store) -> bool:
    return bool(_one(store, "SELECT COUNT(*) FROM documents WHERE date IS NOT NULL")[0])


def lix_values(store: Store) -> tuple[list[float], list[int]]:
    """LIX values with their weights (for histograms; one row per distinct rounded value keeps this small)."""
    rows = store.db.execute(
        f"SELECT ROUND(lix, 1), COUNT(*), SUM({W}) FROM documents WHERE lix IS NOT NULL GROUP BY 1 ORDER BY 1")
    values, counts, weights = [], [], []
    for v, n, w in rows:
        values.append(v)
        counts.append(n)
        weights.append(w)
    return values, counts, weights


def bands(store: Store) -> list[dict[str, Any]]:
    rows = dict((b, (n, w)) for b, n, w in store.db.execute(
        f"SELECT band, COUNT(*), SUM({W}) FROM documents WHERE band IS NOT NULL GROUP BY band"))
    return [{"band": name, "documents": rows.get(name, (0, 0))[0], "weighted": rows.get(name, (0, 0))[1]}
            for _upper, name in BANDS]


def by_group(store: Store, column: str, limit: int = 15) -> list[dict[str, Any]]:
    """Per template or sender: volume, mean LIX, share hard to read, findings per 100 words; worst first."""
    if column not in ("template", "sender", "kind"):
        raise ValueError(column)
    sql = (f"SELECT {column}, COUNT(*), SUM({W}), AVG(lix), SUM(lix * {W}) / SUM(CASE WHEN lix IS NULL THEN 0 "
           f"ELSE {W} END), AVG(lix >= {HARD}), SUM(findings), SUM(words) "
           f"FROM documents WHERE status = 'ok' AND {column} IS NOT NULL GROUP BY {column}")
    out = []
    for name, n, w, mean, wmean, hard, findings, words in store.db.execute(sql):
        out.append({"name": name, "documents": n, "weighted": w, "lix_mean": mean, "lix_weighted": wmean,
                    "hard_share": hard, "findings": findings or 0,
                    "per_100_words": 100 * (findings or 0) / words if words else None})
    out.sort(key=lambda g: (-(g["lix_mean"] or 0), -(g["per_100_words"] or 0), str(g["name"])))
    return out[:limit]


def decisions(store: Store) -> dict[str, Any] | None:
    """Decision letters and those without klagevejledning (from the Report's "letter" section); None if unknown."""
    row = _one(store, f"SELECT COUNT(*), SUM(klagevejledning = 0), SUM({W}), SUM(CASE WHEN klagevejledning = 0 "
                      f"THEN {W} ELSE 0 END) FROM documents WHERE is_decision = 1")
    n, missing, w, wmissing = row
    if not n:
        return None
    per_template = [
        {"name": t, "documents": d, "missing": m}
        for t, d, m in store.db.execute(
            "SELECT template, COUNT(*), SUM(klagevejledning = 0) FROM documents WHERE is_decision = 1 "
            "AND template IS NOT NULL GROUP BY template HAVING SUM(klagevejledning = 0) > 0 ORDER BY 3 DESC LIMIT 10")
    ]
    return {"documents": n, "missing": missing or 0, "share": (missing or 0) / n, "weighted": w,
            "weighted_missing": wmissing or 0, "weighted_share": (wmissing or 0) / w if w else None,
            "templates": per_template}


def by_month(store: Store) -> list[dict[str, Any]]:
    sql = (f"SELECT substr(date, 1, 7) AS m, COUNT(*), SUM({W}), AVG(lix), SUM(findings), SUM(words) "
           f"FROM documents WHERE status = 'ok' AND date IS NOT NULL AND date GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]*' "
           f"GROUP BY m ORDER BY m")
    return [{"month": m, "documents": n, "weighted": w, "lix_mean": lix,
             "per_100_words": 100 * (f or 0) / words if words else None}
            for m, n, w, lix, f, words in store.db.execute(sql)]


# -- templates: which to fix first ---------------------------------------------------------------------------------
# A letter's problem points (the ranking formula, also written in the report and the README):
SEVERITY_POINTS = {"error": 3, "warning": 2, "suggestion": 1}
MISSING_APPEAL_POINTS = 10  # a decision without klagevejledning
UNCLEAR_SENDER_POINTS = 5
BAND_POINTS = {"very easy": 0, "easy": 0, "medium": 2, "hard": 5, "very hard": 8}
MIN_TEMPLATE = 2  # letters a group needs to count as a template
RANKING_DA = (
    "Prioritet = modtagere × problempoint pr. brev. Modtagere er tallet sent, hvor det står i brevenes data, og "
    "ellers antal breve. Et brev får 3 point pr. fejl, 2 pr. advarsel og 1 pr. forslag. Det får 10 point, hvis det "
    "er en afgørelse uden klagevejledning, og 5, hvis afsenderen er uklar. LIX-båndet giver 0, 0, 2, 5 eller 8 point "
    "(meget let, let, middel, svær, meget svær). Problempoint pr. brev er gennemsnittet for skabelonens breve.")


def has_templates(store: Store) -> bool:
    return "template_cluster" in store.columns and bool(
        _one(store, "SELECT COUNT(*) FROM documents WHERE template_cluster IS NOT NULL")[0])


def template_overview(store: Store) -> dict[str, Any]:
    """Letters grouped, templates found (groups of MIN_TEMPLATE letters or more), letters that are alone."""
    grouped, templates, in_templates = 0, 0, 0
    if "template_cluster" in store.columns:
        grouped = _one(store, "SELECT COUNT(*) FROM documents WHERE template_cluster IS NOT NULL")[0]
        templates, in_templates = _one(store, (
            "SELECT COUNT(*), COALESCE(SUM(n), 0) FROM (SELECT COUNT(*) AS n FROM documents "
            "WHERE template_cluster IS NOT NULL GROUP BY template_cluster HAVING COUNT(*) >= ?)"), MIN_TEMPLATE)
    return {"grouped": grouped, "templates": templates, "in_templates": in_templates,
            "alone": grouped - in_templates}


def ranked_templates(store: Store, limit: int = 20) -> list[dict[str, Any]]:
    """The discovered templates ranked by priority = readers × problem points per letter (see RANKING_DA), with
    what the report shows for each: volume and share, LIX, the parts of the score, the most frequent rules, the
    template ids and senders the letters carried, and the stored representative letter (masked)."""
    if not has_templates(store):
        return []
    total = _one(store, f"SELECT SUM({W}) FROM documents WHERE status = 'ok'")[0] or 0
    bands = " ".join(f"WHEN '{b}' THEN {p}" for b, p in BAND_POINTS.items())
    rows = store.db.execute(
        f"SELECT template_cluster, COUNT(*), SUM({W}), AVG(lix), SUM(is_decision = 1 AND klagevejledning = 0), "
        f"SUM(is_decision = 1), SUM(sender_clear = 0), SUM(CASE band {bands} ELSE 0 END), SUM(findings), "
        f"SUM(lix >= {HARD}) FROM documents WHERE status = 'ok' AND template_cluster IS NOT NULL "
        f"GROUP BY template_cluster HAVING COUNT(*) >= ?", (MIN_TEMPLATE,)).fetchall()
    severity = " ".join(f"WHEN '{s}' THEN {p}" for s, p in SEVERITY_POINTS.items())
    weighted = dict(store.db.execute(
        f"SELECT d.template_cluster, SUM(CASE f.severity {severity} ELSE 0 END) FROM findings f "
        f"JOIN documents d ON d.seq = f.doc_seq WHERE d.template_cluster IS NOT NULL GROUP BY d.template_cluster"))
    out = []
    for cluster, n, readers, lix, missing, decisions, unclear, band_points, findings, hard in rows:
        points = (weighted.get(cluster, 0) + MISSING_APPEAL_POINTS * (missing or 0)
                  + UNCLEAR_SENDER_POINTS * (unclear or 0) + (band_points or 0)) / n
        out.append({"cluster": cluster, "letters": n, "readers": readers, "share": readers / total if total else None,
                    "lix_mean": lix, "hard_share": (hard or 0) / n, "points": points, "priority": readers * points,
                    "findings_per_letter": (findings or 0) / n, "decisions": decisions or 0,
                    "missing_appeal": missing or 0, "unclear_sender": unclear or 0})
    out.sort(key=lambda t: (-t["priority"], -t["readers"], t["cluster"]))
    out = out[:limit]
    for t in out:
        c = t["cluster"]
        t["rules"] = [{"rule": r, "severity": s, "findings": k, "letters": d} for r, s, k, d in store.db.execute(
            "SELECT f.rule, MAX(f.severity), COUNT(*), COUNT(DISTINCT f.doc_seq) FROM findings f "
            "JOIN documents d ON d.seq = f.doc_seq WHERE d.template_cluster = ? GROUP BY f.rule "
            f"ORDER BY MAX(CASE f.severity {severity} ELSE 0 END) DESC, COUNT(*) DESC, f.rule LIMIT 5", (c,))]
        t["given"] = [v for v, in store.db.execute(
            "SELECT template FROM documents WHERE template_cluster = ? AND template IS NOT NULL GROUP BY template "
            "ORDER BY COUNT(*) DESC, template LIMIT 3", (c,))]
        t["senders"] = [v for v, in store.db.execute(
            "SELECT sender FROM documents WHERE template_cluster = ? AND sender IS NOT NULL GROUP BY sender "
            "ORDER BY COUNT(*) DESC, sender LIMIT 2", (c,))]
        t["kind"] = _one(store, "SELECT kind FROM documents WHERE template_cluster = ? AND kind IS NOT NULL "
                                "GROUP BY kind ORDER BY COUNT(*) DESC, kind LIMIT 1", c)
        t["kind"] = t["kind"][0] if t["kind"] else None
        rep = _one(store, "SELECT representative, letters FROM templates WHERE cluster = ?", c)
        t["representative"], t["confirmed_by"] = rep if rep else (None, 0)
    return out


def atomic_writer(path: Path, mode: str = "w", **kw):
    """Open a temporary file beside ``path``; ``commit(f)`` fsyncs and renames it into place (os.replace)."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    umask = os.umask(0)
    os.umask(umask)
    os.chmod(tmp, 0o666 & ~umask)  # mkstemp creates 0600; give the file the mode a plain open() would
    f = os.fdopen(fd, mode, **kw)

    def commit() -> None:
        f.flush()
        os.fsync(f.fileno())
        f.close()
        os.replace(tmp, path)

    def abort() -> None:
        f.close()
        if os.path.exists(tmp):
            os.unlink(tmp)

    return f, commit, abort


def _cell(value) -> Any:
    """A CSV cell; text that a spreadsheet would run as a formula gets a leading apostrophe."""
    if value is None:
        return ""
    if isinstance(value, str) and value[:1] in ("=", "+", "-", "@", "\t", "\r"):
        return "'" + value
    return value


def write_csv(store: Store, path: Path) -> int:
    """One row per document (no findings text), written atomically. Returns the number of rows."""
    f, commit, abort = atomic_writer(path, "w", encoding="utf-8", newline="")
    n = 0
    try:
        w = csv.writer(f)
        w.writerow(CSV_COLUMNS)
        for row in store.documents():
            w.writerow([_cell(row[c]) for c in CSV_COLUMNS])
            n += 1
        commit()
    except BaseException:
        abort()
        raise
    return n
