"""The Danish review pages: write, paste or upload, results with highlights, rule reference pages, about LIX.

Server-rendered and complete without JavaScript. static/app.js turns the text box into an editor (CodeMirror, in
static/vendor/) with the marks in the text: it re-checks through POST /tjek/live, which answers the Report and the
result panel rendered by the same templates as the form post.
"""

from __future__ import annotations

import base64
import binascii
import json
import math

from flask import Blueprint, Response, abort, current_app, render_template, request, send_from_directory, url_for
from werkzeug.utils import secure_filename

from .. import InputError, __version__
from ..writers import marked
from . import view
from .catalog import CATEGORY_DA, all_rules, example_message, find_rule, rule_index
from .checking import (
    KINDS,
    WebError,
    annotator,
    base_config,
    check_file,
    check_text,
    from_input_error,
    limits_da,
    lix_target,
)
from .security import csrf_ok

bp = Blueprint("ui", __name__)
KIND_NAMES = {k: v for k, v in KINDS if k}


def normalise_newlines(text: str) -> str:
    """Line breaks as lixcheck reads them: browsers send a text box's lines with CRLF."""
    return text.replace("\r\n", "\n").replace("\r", "\n")


@bp.app_context_processor
def globals_():
    return {"version": __version__, "kinds": KINDS, "kind_names": KIND_NAMES, "active": None, "limits": limits_da()}


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
    """What static/app.js needs beside the report: where to check, the rules' Danish names and reasons."""
    return {"live": url_for("ui.live"), "rule_base": url_for("ui.rules") + "/",
            "sentence_levels": marked.SENTENCE_LEVELS,
            "rules": {r["id"]: {"name": r["name"], "why": r["why"]} for r in all_rules(base_config())}}


def status_line(report: dict) -> str:
    n = len(report["findings"])
    lx = report["lix"]
    lix = f"LIX {lixnum(lx['value'])} ({lx['band_da']})" if lx["value"] is not None else "LIX er ikke beregnet"
    return f"Tjekket: {n} fund. {lix}."


def _view(checked, *, paste_mode: bool) -> tuple[dict, dict]:
    report = {**checked.report.to_dict(), "text": checked.report.text}
    kind = report["meta"].get("kind")
    return report, view.build(report, paste_mode=paste_mode, rules=rule_index(base_config()), target=lix_target(kind))


def _page(*, text=None, kind=None, checked=None, paste_mode=True, notice=None, file_b64=None, status=200):
    ctx = {"active": "index", "text": text, "kind": kind, "notice": notice, "view": None, "labels": labels()}
    if checked is not None:
        report, v = _view(checked, paste_mode=paste_mode)
        ctx.update(view=v, status=status_line(report), filename=checked.filename, file_b64=file_b64,
                   can_annotate=checked.format == "docx" and annotator() is not None)
    return render_template("index.html", **ctx), status


@bp.get("/")
def index():
    return _page()


@bp.post("/tjek")
def check():
    _require_csrf()
    text = normalise_newlines(request.form.get("text", ""))  # a text box sends CRLF
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


@bp.post("/tjek/live")
def live():
    """The live re-check of the editor: JSON {"text", "kind"} → {"report", "panel", "meter", "status"}, the panel
    and the LIX meter rendered by the page's own templates. Changes nothing and stores nothing, like the JSON API
    (a JSON body cannot be sent across sites without CORS, which this app does not allow)."""
    payload = request.get_json(silent=True) if request.mimetype == "application/json" else None
    if not isinstance(payload, dict) or not isinstance(payload.get("text"), str):
        raise WebError(400, "bad_json", "Forespørgslen skal være et JSON-objekt med feltet text.")
    checked = check_text(normalise_newlines(payload["text"]), payload.get("kind") or "")
    report, v = _view(checked, paste_mode=True)
    return {"report": report, "status": status_line(report),
            "panel": render_template("_panel.html", view=v, filename=None),
            "meter": render_template("_meter.html", view=v)}


@bp.get("/favicon.ico")
def favicon():
    return send_from_directory(current_app.static_folder, "favicon.ico", mimetype="image/vnd.microsoft.icon",
                               max_age=86400)


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
    return render_template("rule.html", active="rules", rule=r, example=example_message(base_config(), r))


@bp.get("/om")
def about():
    target = lix_target()
    other = [(label, t) for k, label in KINDS if k and (t := lix_target(k)) is not None and t != target]
    return render_template("about.html", active="about", bands=view.band_rows(),
                           min_words=base_config().min_words, target=target, other_targets=other)
