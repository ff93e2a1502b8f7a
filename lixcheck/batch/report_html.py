"""The batch report: one self-contained HTML file (inline SVG plots, inline CSS, no external URLs), Danish text.

Written atomically (temporary file + os.replace). Plots are drawn with matplotlib's Agg/SVG backend.
"""

from __future__ import annotations

import datetime as dt
import io
import re
from html import escape
from pathlib import Path
from typing import Any

from ..model import BAND_DA, BANDS
from . import aggregate
from .store import Store

BAND_COLOURS = {"very easy": "#d8f0d2", "easy": "#e9f5c9", "medium": "#fff3c4", "hard": "#fde0c5",
                "very hard": "#f8c9c4"}
BAND_LIMITS = [(0, 25), (25, 35), (35, 45), (45, 55), (55, 100)]
CSS = """
body{font-family:system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;margin:2rem auto;max-width:70rem;padding:0 1rem;
color:#1d1d1f;line-height:1.45}
h1{font-size:1.8rem;margin-bottom:.2rem}h2{margin-top:2.2rem;border-bottom:2px solid #e3e3e8;padding-bottom:.2rem}
.sub{color:#555;margin-top:0}.cards{display:flex;flex-wrap:wrap;gap:.8rem;margin:1.2rem 0}
.card{background:#f5f5f7;border-radius:.6rem;padding:.7rem 1rem;min-width:9rem}
.card b{display:block;font-size:1.5rem}.card span{color:#555;font-size:.9rem}
table{border-collapse:collapse;margin:.6rem 0;font-size:.95rem}th,td{padding:.3rem .7rem;text-align:left;
border-bottom:1px solid #e3e3e8}td.n,th.n{text-align:right;font-variant-numeric:tabular-nums}
.plot svg{max-width:100%;height:auto}.note{color:#555;font-size:.9rem}.warn{color:#a33}
"""


def _num(value: float | None, digits: int = 1) -> str:
    if value is None:
        return "–"
    s = f"{value:,.{digits}f}"
    return s.replace(",", "\u00a0").replace(".", ",").replace("\u00a0", ".")


def _int(value: int | None) -> str:
    return "–" if value is None else f"{int(value):,}".replace(",", ".")


def _pct(value: float | None) -> str:
    return "–" if value is None else f"{_num(100 * value, 1)} %"


_SVG_HEAD = re.compile(r"^.*?(<svg\b)", re.S)


def _svg(fig, salt: str) -> str:
    """A matplotlib figure as inline SVG without XML prolog, DOCTYPE or namespace URLs."""
    import matplotlib

    buf = io.StringIO()
    with matplotlib.rc_context({"svg.fonttype": "none", "svg.hashsalt": salt}):
        fig.savefig(buf, format="svg", bbox_inches="tight",
                    metadata={"Creator": None, "Date": None, "Format": None, "Type": None})
    import matplotlib.pyplot as plt

    plt.close(fig)
    svg = _SVG_HEAD.sub(r"\1", buf.getvalue(), count=1)
    svg = re.sub(r'\s+xmlns(:\w+)?="[^"]*"', "", svg)
    svg = re.sub(r"<metadata>.*?</metadata>", "", svg, flags=re.S)
    return svg


def _plt():
    import matplotlib

    matplotlib.use("Agg", force=True)
    import matplotlib.pyplot as plt

    return plt


def lix_plot(values: list[float], counts: list[int], weights: list[int] | None) -> str:
    plt = _plt()
    fig, ax = plt.subplots(figsize=(8, 3.4))
    for (lo, hi), (_upper, name) in zip(BAND_LIMITS, BANDS, strict=True):
        ax.axvspan(lo, hi, color=BAND_COLOURS[name], zorder=0)
        ax.text((lo + hi) / 2, 1.0, BAND_DA[name], transform=ax.get_xaxis_transform(), ha="center", va="bottom",
                fontsize=8, color="#555")
    bins = list(range(0, 81, 2))
    clipped = [min(max(v, 0), 79.9) for v in values]
    ax.hist(clipped, bins=bins, weights=counts, color="#3b6ea8", label="breve", zorder=2)
    if weights is not None:
        ax2 = ax.twinx()
        ax2.hist(clipped, bins=bins, weights=weights, histtype="step", color="#b3412f", linewidth=1.6,
                 label="modtagere", zorder=3)
        ax2.set_ylabel("modtagere", color="#b3412f")
    ax.set_xlim(0, 80)
    ax.set_xlabel("LIX")
    ax.set_ylabel("breve")
    return _svg(fig, "lix")


def rules_plot(rules: list[dict[str, Any]]) -> str:
    plt = _plt()
    rules = rules[:15][::-1]
    fig, ax = plt.subplots(figsize=(8, 0.35 * len(rules) + 0.9))
    ax.barh([r["rule"] for r in rules], [r["findings"] for r in rules], color="#3b6ea8")
    ax.set_xlabel("fund")
    return _svg(fig, "rules")


def month_plot(months: list[dict[str, Any]], weighted: bool) -> str:
    plt = _plt()
    fig, ax = plt.subplots(figsize=(8, 3))
    labels = [m["month"] for m in months]
    ax.bar(labels, [m["weighted"] if weighted else m["documents"] for m in months], color="#c9d7ea")
    ax.set_ylabel("modtagere" if weighted else "breve")
    ax.tick_params(axis="x", labelrotation=45, labelsize=8)
    ax2 = ax.twinx()
    ax2.plot(labels, [m["lix_mean"] for m in months], color="#b3412f", marker="o")
    ax2.set_ylabel("gns. LIX", color="#b3412f")
    return _svg(fig, "months")


def _table(headers: list[tuple[str, bool]], rows: list[list[str]]) -> str:
    head = "".join(f'<th class="n">{escape(h)}</th>' if n else f"<th>{escape(h)}</th>" for h, n in headers)
    body = "".join("<tr>" + "".join(f'<td class="n">{c}</td>' if n else f"<td>{c}</td>"
                                    for c, (_h, n) in zip(r, headers, strict=True)) + "</tr>" for r in rows)
    return f"<table><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>"


def _groups(groups: list[dict[str, Any]], label: str, volumes: bool) -> str:
    headers = [(label, False), ("breve", True)]
    if volumes:
        headers.append(("modtagere", True))
    headers += [("gns. LIX", True), ("andel svære (LIX ≥ 45)", True), ("fund pr. 100 ord", True)]
    rows = []
    for g in groups:
        r = [escape(str(g["name"])), _int(g["documents"])]
        if volumes:
            r.append(_int(g["weighted"]))
        r += [_num(g["lix_mean"]), _pct(g["hard_share"]), _num(g["per_100_words"])]
        rows.append(r)
    return _table(headers, rows)


def render(store: Store, *, title: str = "Sprogtjek af udgående breve", checker=None) -> str:
    """The whole report. ``checker``: checks the templates' representative letters again (default: a Checker with
    the batch's configuration, made only when there are templates)."""
    from . import report_templates

    s = aggregate.summary(store)
    volumes = aggregate.has_volumes(store)
    values, counts, weights = aggregate.lix_values(store)
    rules = aggregate.top_rules(store, None)
    bands = aggregate.bands(store)
    decisions = aggregate.decisions(store)
    months = aggregate.by_month(store) if aggregate.has_dates(store) else []
    meta = store.meta()
    parts: list[str] = []
    add = parts.append
    add(f'<!DOCTYPE html><html lang="da"><head><meta charset="utf-8"><title>{escape(title)}</title>'
        "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'; "
        "img-src data:\"><meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">"
        f"<style>{CSS}{report_templates.CSS}</style></head><body>")
    add('<div class="overview">')
    add(f"<h1>{escape(title)}</h1>")
    rules_version = (meta.get("last_run") or {}).get("rules_version")
    add(f'<p class="sub">Rapport fra lixcheck, dannet {dt.date.today():%d.%m.%Y}'
        + (f", regelsæt version {escape(str(rules_version))}" if rules_version else "") + ".</p>")
    add('<div class="cards">')
    for value, label in ((_int(s["documents"]), "breve i alt"), (_int(s["errors"]), "kunne ikke læses"),
                         (_num(s["lix_mean"]), "gennemsnitlig LIX"), (_num(s["lix_median"]), "median-LIX"),
                         (_int(sum(r["findings"] for r in rules)), "fund i alt")):
        add(f"<div class=card><b>{value}</b><span>{label}</span></div>")
    if decisions:
        add(f"<div class=card><b>{_pct(decisions['share'])}</b><span>afgørelser uden klagevejledning</span></div>")
    add("</div>")
    first, pages = report_templates.render(store, volumes, checker)
    add(first)

    add("<h2>LIX-fordeling</h2>")
    add('<p class="note">Søjlerne viser antal breve pr. LIX-værdi; baggrunden viser båndene fra meget let til '
        "meget svær." + (" Den røde linje er vægtet efter antal modtagere." if volumes else "") + "</p>")
    if values:
        add(f'<div class="plot">{lix_plot(values, counts, weights if volumes else None)}</div>')
    headers = [("Bånd", False), ("LIX", False), ("breve", True)] + ([("modtagere", True)] if volumes else [])
    limits = ["under 25", "25–34", "35–44", "45–54", "55 og derover"]
    rows = []
    for b, lim in zip(bands, limits, strict=True):
        r = [BAND_DA[b["band"]], lim, _int(b["documents"])]
        if volumes:
            r.append(_int(b["weighted"]))
        rows.append(r)
    add(_table(headers, rows))
    if s["lix_not_computed"]:
        add(f'<p class="note">LIX er ikke beregnet for {_int(s["lix_not_computed"])} breve med for lidt '
            "løbende tekst.</p>")

    add("<h2>Fund pr. regel</h2>")
    if rules:
        add(f'<div class="plot">{rules_plot(rules)}</div>')
        headers = [("Regel", False), ("Kategori", False), ("fund", True), ("breve med fund", True)]
        if volumes:
            headers.append(("modtagere", True))
        rows = []
        for r in rules[:30]:
            row = [escape(r["rule"]), escape(r["category"] or ""), _int(r["findings"]), _int(r["documents"])]
            if volumes:
                row.append(_int(r["weighted"]))
            rows.append(row)
        add(_table(headers, rows))
    else:
        add("<p>Ingen fund.</p>")

    add("<h2>Sværeste skabeloner</h2>")
    add('<p class="note">Efter det skabelon-id, brevene selv har. De skabeloner, lixcheck har fundet i teksten, står '
        'under <a href="#ret-disse-foerst">Ret disse først</a>.</p>')
    templates = aggregate.by_group(store, "template")
    add(_groups(templates, "Skabelon", volumes) if templates else "<p>Brevene har ingen skabelon-id.</p>")
    add("<h2>Afsendere</h2>")
    senders = aggregate.by_group(store, "sender")
    add(_groups(senders, "Afsender", volumes) if senders else "<p>Afsenderen er ikke kendt for brevene.</p>")

    add("<h2>Afgørelser uden klagevejledning</h2>")
    if decisions:
        line = (f"<p>{_int(decisions['missing'])} af {_int(decisions['documents'])} afgørelser "
                f"({_pct(decisions['share'])}) mangler klagevejledning")
        if volumes:
            line += (f"; vægtet efter modtagere {_int(decisions['weighted_missing'])} af "
                     f"{_int(decisions['weighted'])} ({_pct(decisions['weighted_share'])})")
        add(line + ".</p>")
        if decisions["templates"]:
            add(_table([("Skabelon", False), ("afgørelser", True), ("uden klagevejledning", True)],
                       [[escape(str(t["name"])), _int(t["documents"]), _int(t["missing"])]
                        for t in decisions["templates"]]))
    else:
        add('<p class="note">Rapporterne siger ikke, hvilke breve der er afgørelser (brevtjekket er ikke '
            "aktivt), så andelen kan ikke beregnes.</p>")

    if months:
        add("<h2>Udvikling pr. måned</h2>")
        add(f'<div class="plot">{month_plot(months, volumes)}</div>')
        headers = [("Måned", False), ("breve", True)] + ([("modtagere", True)] if volumes else [])
        headers += [("gns. LIX", True), ("fund pr. 100 ord", True)]
        rows = []
        for m in months:
            r = [escape(m["month"]), _int(m["documents"])]
            if volumes:
                r.append(_int(m["weighted"]))
            r += [_num(m["lix_mean"]), _num(m["per_100_words"])]
            rows.append(r)
        add(_table(headers, rows))

    if s["errors"]:
        add("<h2>Breve der ikke kunne læses</h2>")
        add(_table([("Årsag", False), ("breve", True)],
                   [[escape(str(c)), _int(n)] for c, n in s["error_codes"].items()]))
    add('<p class="note">Rapporten viser ingen brevtekst ud over ét eksempel pr. skabelon. I eksemplet er flettefelter '
        "og ord, som kun ét brev havde, skjult. Tallene kommer fra lixcheck-resultatlageret "
        f"({escape(aggregate_store_name(store))}).</p></div>{pages}</body></html>")
    return "".join(parts)


def aggregate_store_name(store: Store) -> str:
    return store.path.name


def write_report(store: Store, path: Path, *, csv_path: Path | None = None) -> None:
    html = render(store)
    f, commit, abort = aggregate.atomic_writer(Path(path), "w", encoding="utf-8")
    try:
        f.write(html)
        commit()
    except BaseException:
        abort()
        raise
    if csv_path is not None:
        aggregate.write_csv(store, Path(csv_path))
