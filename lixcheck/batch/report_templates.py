"""The batch report's opening section, "Ret disse først": the templates found in the letters (lixcheck.batch.templates)
ranked by readers × problem points (aggregate.ranked_templates), each linking to a page inside the same HTML file with
its representative letter marked up as the review app shows a result (lixcheck.writers.marked).

The representative is the masked text from the store (merge values as «navn», «dato» …, words that only one letter
had as «…»). It is checked again here, with the batch's configuration, so that its page can show every finding with
its message and suggestions; findings that only the masking causes (a «navn» is not an unfilled merge field) are left
out. No other letter text reaches the report.
"""

from __future__ import annotations

import re
from html import escape
from typing import Any

from ..model import BAND_DA, CATEGORY_DA, SEVERITY_DA
from ..privacy import mask_cpr
from ..writers import marked
from . import aggregate
from .store import Store

_PLACEHOLDER = re.compile(r"«[^»\n]{1,40}»")
CSS = """
.page{display:none}.page:target{display:block}body:has(.page:target) .overview{display:none}
.letter{background:#fff;border:1px solid #c9ccd1;border-radius:6px;padding:1rem 1.25rem}
.para{white-space:pre-wrap;margin:0 0 1rem}.para-heading,.para-title{font-weight:700}.para-lines{color:#4a4a4a}
.para-lix{display:block;width:fit-content;font-size:.8rem;color:#4a4a4a;border:1px solid #c9ccd1;border-radius:3px;
padding:0 .4rem;margin-bottom:.2rem;white-space:nowrap}
.sent-hard{background:#fff1b8}.sent-very-hard{background:#fbd3d3}
mark{color:inherit;background:none;padding:0 0 1px}mark.sev-error{border-bottom:3px solid #b3261e}
mark.sev-warning{border-bottom:3px solid #8a6100}mark.sev-suggestion{border-bottom:3px dashed #0b4f9c}
mark.multi{border-bottom-style:double;border-bottom-width:5px}mark:has(.anchor:target){outline:3px solid #ffbf47}
.result-grid{display:grid;grid-template-columns:minmax(0,3fr) minmax(0,2fr);gap:1.25rem;align-items:start}
.finding{border-left:4px solid #c9ccd1;padding:.2rem .6rem;margin:.4rem 0;list-style:none}
.finding.sev-error{border-left-color:#b3261e}.finding.sev-warning{border-left-color:#8a6100}
.finding.sev-suggestion{border-left-color:#0b4f9c}.finding p{margin:.15rem 0}.finding-list{padding:0}
.replacement{display:inline-block;background:#f5f5f7;border:1px solid #c9ccd1;border-radius:3px;padding:0 .3rem;
margin-right:.3rem}.formula{background:#f5f5f7;border-radius:.4rem;padding:.5rem .8rem}
@media (max-width:50rem){.result-grid{grid-template-columns:1fr}}
"""


def checker_for(store: Store):
    """A Checker with the configuration the batch ran with (the defaults when it cannot be read)."""
    from ..checker import Checker
    from ..config import from_dict
    from ..errors import ConfigError

    try:
        return Checker(from_dict(store.meta().get("config") or None)).load()
    except ConfigError:
        return Checker().load()


def _checked(checker, text: str, kind: str | None) -> dict[str, Any] | None:
    """The representative's Report as a dict, without the findings that only the placeholders cause."""
    from ..errors import ConfigError, InputError

    try:
        try:
            checked = checker.check(text, kind=kind)
        except ConfigError:
            checked = checker.check(text)  # (a kind the store holds but this configuration does not know)
    except InputError:
        return None
    report = {**checked.to_dict(), "text": checked.text}
    holes = [m.span() for m in _PLACEHOLDER.finditer(report["text"])]

    def masking_only(f: dict) -> bool:
        start, end = f["offset"], f["offset"] + f["length"]
        for a, b in holes:
            if a <= start and end <= b:
                return True  # inside a placeholder
            if f["category"] == "template" and start < b and a < end:
                return True  # "«navn» looks like an unfilled merge field": it is the mask
        return False

    report["findings"] = [f for f in report["findings"] if not masking_only(f)]
    return report


def _view(report: dict[str, Any], prefix: str) -> tuple[str, list[dict]]:
    paragraphs = report.get("paragraphs", [])
    starts = [p["offset"] for p in paragraphs]
    findings = [{**f, "id": i, "inline": marked.inline(f, paragraphs, starts)}
                for i, f in enumerate(report["findings"])]
    return marked.letter_html(marked.paragraphs(report, findings), anchor_prefix=prefix), findings


def _num(value, digits: int = 1) -> str:
    if value is None:
        return "–"
    s = f"{value:,.{digits}f}"
    return s.replace(",", "\u00a0").replace(".", ",").replace("\u00a0", ".")


def _pct(value) -> str:
    return "–" if value is None else f"{_num(100 * value)} %"


def _band(lix) -> str:
    if lix is None:
        return ""
    from ..model import BANDS

    name = next(n for upper, n in BANDS if lix < upper)
    return BAND_DA[name]


def _suggestion(rule: str, findings: list[dict]) -> str:
    """The representative's first suggestion for a rule: «old» → «new»."""
    for f in findings:
        if f["rule"] == rule and f.get("replacements"):
            return f"; fx «{escape(mask_cpr(f['text'])[:60])}» → «{escape(f['replacements'][0])}»"
    return ""


def _share(part: int, whole: int) -> str:
    return f"{round(100 * part / whole)} %" if whole else "–"


def _findings_html(findings: list[dict], prefix: str) -> str:
    if not findings:
        return "<p>lixcheck fandt ingen problemer i eksemplet.</p>"
    order = marked.SEVERITY_ORDER
    groups: dict[str, list[dict]] = {}
    for f in sorted(findings, key=lambda f: (order.get(f["severity"], 9), f["offset"])):
        groups.setdefault(f["category"], []).append(f)
    out = []
    for category, fs in sorted(groups.items(), key=lambda kv: min(order.get(f["severity"], 9) for f in kv[1])):
        out.append(f"<h4>{escape(CATEGORY_DA.get(category, category.capitalize()))} ({len(fs)})</h4>"
                   '<ol class="finding-list">')
        for f in fs:
            shown = mask_cpr(f.get("text", ""))
            item = [f'<li class="finding sev-{escape(f["severity"])}"><p><b>'
                    f'{escape(SEVERITY_DA.get(f["severity"], f["severity"]))}</b>'
                    + (f" «{escape(shown[:80])}»" if shown else "") + "</p>",
                    f"<p>{escape(f['message'])}</p>"]
            if f.get("replacements"):
                item.append("<p>Forslag: " + "".join(f'<span class="replacement">{escape(r)}</span>'
                                                     for r in f["replacements"]) + "</p>")
            if f["inline"]:
                item.append(f'<p><a href="#{prefix}{f["id"]}">Vis i teksten</a></p>')
            out.append("".join(item) + "</li>")
        out.append("</ol>")
    return "".join(out)


def _table(headers: list[tuple[str, bool]], rows: list[list[str]]) -> str:
    head = "".join(f'<th class="n">{escape(h)}</th>' if n else f"<th>{escape(h)}</th>" for h, n in headers)
    body = "".join("<tr>" + "".join(f'<td class="n">{c}</td>' if n else f"<td>{c}</td>"
                                    for c, (_h, n) in zip(r, headers, strict=True)) + "</tr>" for r in rows)
    return f"<table><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>"


def render(store: Store, volumes: bool, checker=None, limit: int = 20) -> tuple[str, str]:
    """The "Ret disse først" section (HTML for the overview) and the template pages (HTML after it)."""
    overview = aggregate.template_overview(store)
    meta_templates = store.meta().get("templates")
    parts = ['<h2 id="ret-disse-foerst">Ret disse først</h2>']
    if not overview["grouped"]:
        why = ("Skabelonerne blev ikke fundet i denne kørsel (lageret er lavet af en ældre lixcheck eller med andre "
               "indstillinger)." if meta_templates is False or meta_templates is None and store.count()
               else "Der er ingen breve at gruppere.")
        parts.append(f'<p class="note">{why}</p>')
        return "".join(parts), ""
    ranked = aggregate.ranked_templates(store, limit)
    parts.append(
        f"<p>lixcheck har fundet <b>{_num(overview['templates'], 0)}</b> skabeloner ud fra brevenes tekst, uden "
        f"skabelon-id: breve, der er ens bortset fra navne, datoer, beløb, numre og valgfri afsnit. "
        f"{_num(overview['in_templates'], 0)} breve hører til en skabelon; {_num(overview['alone'], 0)} ligner "
        f"ikke andre breve. Tabellen viser de {len(ranked)} skabeloner, det er vigtigst at rette først.</p>")
    parts.append(f'<p class="formula">{escape(aggregate.RANKING_DA)}</p>')
    if not ranked:
        return "".join(parts), ""
    if checker is None:
        checker = checker_for(store)
    summaries = {r.id: r.summary or r.id for r in checker.rules()}
    headers = [("#", True), ("Skabelon", False), ("breve", True)]
    if volumes:
        headers.append(("modtagere", True))
    headers += [("andel af alle modtagere" if volumes else "andel af alle breve", True), ("gns. LIX", True),
                ("problempoint pr. brev", True),
                ("vigtigste fund", False)]
    rows, pages = [], []
    for rank, t in enumerate(ranked, 1):
        c = t["cluster"]
        anchor = f"skabelon-{c}"
        report = _checked(checker, t["representative"], t["kind"]) if t["representative"] else None
        letter, findings = _view(report, f"s{c}-m-") if report else ("", [])
        name = f'<a href="#{anchor}">Skabelon {c}</a>'
        notes = [escape(s) for s in t["senders"][:1]]
        if t["given"]:
            notes.append("id: " + ", ".join(escape(g) for g in t["given"]))
        if notes:
            name += '<br><span class="note">' + "; ".join(notes) + "</span>"
        top = []
        if t["missing_appeal"]:
            top.append(f"Klagevejledning mangler (i {_share(t['missing_appeal'], t['letters'])} af brevene)")
        if t["unclear_sender"]:
            top.append(f"Uklar afsender (i {_share(t['unclear_sender'], t['letters'])} af brevene)")
        for r in t["rules"][:3]:
            summary = summaries.get(r["rule"], r["rule"]).rstrip(". ")
            top.append(f"{escape(summary)} (i {_share(r['letters'], t['letters'])} af brevene"
                       f"{_suggestion(r['rule'], findings)})")
        row = [str(rank), name, _num(t["letters"], 0)]
        if volumes:
            row.append(_num(t["readers"], 0))
        row += [_pct(t["share"]), f"{_num(t['lix_mean'])} ({_band(t['lix_mean'])})", _num(t["points"]),
                "<br>".join(top) or "–"]
        rows.append(row)
        pages.append(_page(t, anchor, letter, findings, report, volumes))
    parts.append(_table(headers, rows))
    return "".join(parts), "".join(pages)


def _page(t: dict, anchor: str, letter: str, findings: list[dict], report: dict | None, volumes: bool) -> str:
    c = t["cluster"]
    facts = [f"{_num(t['letters'], 0)} breve"]
    if volumes:
        facts.append(f"{_num(t['readers'], 0)} modtagere")
    whole = "modtagere" if volumes else "breve"
    facts += [f"{_pct(t['share'])} af alle {whole}", f"gns. LIX {_num(t['lix_mean'])} ({_band(t['lix_mean'])})",
              f"{_num(t['findings_per_letter'])} fund pr. brev", f"{_num(t['points'])} problempoint pr. brev"]
    if t["decisions"]:
        facts.append(f"klagevejledning mangler i {_num(t['missing_appeal'], 0)} af {_num(t['decisions'], 0)} "
                     "afgørelser")
    if t["unclear_sender"]:
        facts.append(f"uklar afsender i {_num(t['unclear_sender'], 0)} breve")
    out = [f'<section class="page" id="{anchor}" aria-labelledby="{anchor}-h">',
           '<p><a href="#ret-disse-foerst">Tilbage til oversigten</a></p>',
           f'<h2 id="{anchor}-h">Skabelon {c}</h2>', f"<p>{', '.join(facts)}.</p>"]
    if t["given"] or t["senders"]:
        out.append('<p class="note">' + "; ".join(
            ([f"Afsender: {escape(', '.join(t['senders']))}"] if t["senders"] else [])
            + ([f"Skabelon-id i brevene: {escape(', '.join(t['given']))}"] if t["given"] else [])) + ".</p>")
    if report is None:
        out.append('<p class="note">Skabelonen har intet eksempel: for få breve var ens nok til at vise et brev, '
                   "der ikke afslører nogen.</p></section>")
        return "".join(out)
    lix = report["lix"]
    out.append('<div class="result-grid"><div><h3>Eksempel med markeringer</h3>'
               '<p class="note">Et af skabelonens breve. Navne, datoer, beløb, numre og andre flettefelter er skjult '
               "(«navn», «dato» …), og ord, som kun ét af brevene havde, står som «…». Markeringerne er fund fra et "
               f"nyt tjek af eksemplet; {_num(t['confirmed_by'], 0)} breve er ens i den viste tekst. Understregningen "
               "viser fund: rød er en fejl, gul en advarsel og blå (stiplet) et forslag. "
               '<span class="sent-hard">Gul baggrund</span> er en svær sætning, <span class="sent-very-hard">rød '
               "baggrund</span> en meget svær.</p>"
               f"{letter}</div><div><h3>LIX for eksemplet</h3><p>"
               + (f"{_num(lix['value'])} ({escape(BAND_DA.get(lix['band'], lix['band']))})"
                  if lix.get("value") is not None else "ikke beregnet")
               + f"</p><h3>Fund ({len(findings)})</h3>{_findings_html(findings, f's{c}-m-')}</div></div></section>")
    return "".join(out)
