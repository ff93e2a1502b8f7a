"""The Danish review pages: paste or upload, results with highlights, rule reference pages, about LIX.

Server-rendered and complete without JavaScript; static/app.js adds live re-checking through the JSON API.
"""

from __future__ import annotations

import base64
import binascii
import json
import math

from flask import Blueprint, Response, abort, current_app, render_template, request, url_for
from werkzeug.utils import secure_filename

from .. import InputError, __version__
from . import view
from .catalog import CATEGORY_DA, SEVERITY_DA, all_rules, find_rule
from .checking import (
    KINDS,
    WebError,
    annotator,
    base_config,
    check_file,
    check_text,
    from_input_error,
    max_upload,
)
from .security import csrf_ok

bp = Blueprint("ui", __name__)
KIND_NAMES = {k: v for k, v in KINDS if k}


@bp.app_context_processor
def globals_():
    return {"version": __version__, "kinds": KINDS, "kind_names": KIND_NAMES, "active": None}


@bp.app_template_filter("cut")
def cut(text: str, n: int) -> str:
    """Shorten to n characters with an ellipsis (static/app.js truncate() does the same)."""
    return text if len(text) <= n else text[:n - 1] + "…"


@bp.app_template_filter("lixnum")
def lixnum(value: float) -> str:
    """A LIX value as a whole number, halves rounded up (as Math.round in static/app.js)."""
    return str(math.floor(value + 0.5))


def _require_csrf() -> None:
    if not csrf_ok():
        abort(403)


def labels() -> dict:
    """What static/app.js needs to render results as the server does."""
    return {"categories": CATEGORY_DA, "severities": SEVERITY_DA, "kinds": KIND_NAMES, "meter_max": view.METER_MAX,
            "meter_low": view.METER_LOW, "meter_high": view.METER_HIGH,
            "api": url_for("api.check"), "rule_base": url_for("ui.rules") + "/", "about": url_for("ui.about")}


def status_line(report: dict) -> str:
    n = len(report["findings"])
    lx = report["lix"]
    lix = f"LIX {lixnum(lx['value'])} ({lx['band_da']})" if lx["value"] is not None else "LIX er ikke beregnet"
    return f"Tjekket: {n} fund. {lix}."


def _page(*, text=None, kind=None, checked=None, paste_mode=True, notice=None, file_b64=None, status=200):
    ctx = {"active": "index", "text": text, "kind": kind, "notice": notice, "max_mb": max_upload() // 1_000_000,
           "view": None, "labels": labels()}
    if checked is not None:
        report = {**checked.report.to_dict(), "text": checked.report.text}
        ctx.update(view=view.build(report, paste_mode=paste_mode), status=status_line(report),
                   filename=checked.filename, file_b64=file_b64,
                   can_annotate=checked.format == "docx" and annotator() is not None)
    return render_template("index.html", **ctx), status


@bp.get("/")
def index():
    return _page()


@bp.post("/tjek")
def check():
    _require_csrf()
    text = request.form.get("text", "").replace("\r\n", "\n").replace("\r", "\n")  # a text box sends CRLF
    kind = request.form.get("kind", "")
    notice = None
    if "apply" in request.form:
        text, notice = apply_replacement(text, request.form["apply"])
    try:
        checked = check_text(text, kind)
    except WebError as e:
        return _page(text=text, kind=kind, notice=e.message_da, status=e.status)
    # The text box keeps the user's text (the report's copy has CPR numbers masked, with the same length, so the
    # offsets of the replacement buttons fit both).
    return _page(text=text, kind=kind, checked=checked, notice=notice)


def apply_replacement(text: str, raw: str) -> tuple[str, str | None]:
    """Apply one replacement {"o": offset, "l": length, "t": expected text, "r": replacement} (no JavaScript)."""
    try:
        a = json.loads(raw)
        o, n, expected, r = int(a["o"]), int(a["l"]), str(a["t"]), str(a["r"])
    except (ValueError, KeyError, TypeError):
        return text, "Rettelsen kunne ikke bruges."
    if o < 0 or n < 0 or text[o:o + n] != expected:
        return text, "Teksten er ændret siden sidste tjek, så rettelsen blev ikke lavet. Tjek teksten igen."
    return text[:o] + r + text[o + n:], f"«{expected}» er erstattet med «{r}»."


@bp.post("/upload")
def upload():
    _require_csrf()
    kind = request.form.get("kind", "")
    f = request.files.get("file")
    if f is None or not f.filename:
        return _page(kind=kind, notice="Vælg en fil, før du trykker på knappen.", status=400)
    data = f.read()
    try:
        checked = check_file(data, f.filename, kind)
    except WebError as e:
        return _page(kind=kind, notice=e.message_da, status=e.status)
    return _page(kind=kind, checked=checked, paste_mode=False, file_b64=base64.b64encode(data).decode("ascii"))


@bp.post("/hent")
def download():
    """Download the result of a check as JSON, or an uploaded .docx with Word comments (nothing is stored:
    the page sends the text or file again)."""
    _require_csrf()
    kind = request.form.get("kind", "")
    fmt = request.form.get("format", "json")
    filename = request.form.get("filename") or None
    if "file_b64" in request.form:
        try:
            data = base64.b64decode(request.form["file_b64"], validate=True)
        except (binascii.Error, ValueError):
            raise WebError(400, "bad_file", "Filen kunne ikke modtages. Vælg den igen.") from None
        checked = check_file(data, filename, kind)
    else:
        data = None
        checked = check_text(request.form.get("text", ""), kind)
    stem = (secure_filename(filename or "") or "brev.txt").rsplit(".", 1)[0] or "brev"
    if fmt == "docx":
        annotate = annotator()
        if data is None or checked.format != "docx" or annotate is None:
            raise WebError(400, "no_docx", "Word-filen med kommentarer kan kun hentes for en uploadet .docx-fil.")
        try:
            body = annotate(data, checked.report)
        except InputError as e:
            raise from_input_error(e) from None
        return Response(body, mimetype="application/vnd.openxmlformats-officedocument.wordprocessingml.document",
                        headers={"Content-Disposition": f'attachment; filename="{stem}-lixcheck.docx"'})
    report = {**checked.report.to_dict(), "text": checked.report.text}
    body = json.dumps(report, ensure_ascii=False, indent=2)
    return Response(body, mimetype="application/json",
                    headers={"Content-Disposition": f'attachment; filename="{stem}-lixcheck.json"'})


@bp.get("/regler")
def rules():
    items = all_rules(base_config())
    groups: dict[str, list] = {}
    for r in items:
        groups.setdefault(r["category"], []).append(r)
    return render_template("rules.html", active="rules", groups=groups, category_da=CATEGORY_DA, count=len(items))


@bp.get("/regler/<path:rule_id>")
def rule(rule_id: str):
    r = find_rule(base_config(), rule_id)
    if r is None:
        abort(404)
    return render_template("rule.html", active="rules", rule=r)


@bp.get("/om")
def about():
    return render_template("about.html", active="about", bands=view.band_rows(),
                           min_words=base_config().min_words, max_mb=max_upload() // 1_000_000,
                           limit_mb=current_app.config["MAX_CONTENT_LENGTH"] // 1_000_000)
