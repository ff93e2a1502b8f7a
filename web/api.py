"""JSON API under /api/v1: POST /check, GET /rules, GET /openapi.json.

POST /api/v1/check takes JSON {"text", "kind", "config"} or a multipart form with a file field "file" (plus optional
"kind" and "config" as a JSON string) and answers Report.to_dict() plus "text" (the checked text, so clients can map
offsets: finding.text == text[offset:offset + length]). Errors are JSON {"error": {"status", "code", "message"}}
with a Danish message: 400 malformed request or configuration, 413 too large, 415 unsupported content type or file
format, 422 unreadable input.
"""

from __future__ import annotations

import json

from flask import Blueprint, request

from .catalog import all_rules
from .checking import WebError, base_config, check_file, check_text, request_config
from .openapi import spec

bp = Blueprint("api", __name__, url_prefix="/api/v1")


def _report(checked) -> dict:
    return {**checked.report.to_dict(), "text": checked.report.text}


@bp.post("/check")
def check():
    mimetype = request.mimetype
    if mimetype == "application/json":
        payload = request.get_json(silent=True)
        if not isinstance(payload, dict):
            raise WebError(400, "bad_json", "Forespørgslen skal være et JSON-objekt, fx {\"text\": \"...\"}.")
        unknown = sorted(set(payload) - {"text", "kind", "config"})
        if unknown:
            raise WebError(400, "bad_json", "Ukendte felter: " + ", ".join(unknown) + ". Brug text, kind og config.")
        if "text" not in payload:
            raise WebError(400, "no_text", "Feltet text mangler.")
        cfg = request_config(payload.get("config"))
        return _report(check_text(payload["text"], payload.get("kind"), cfg))
    if mimetype == "multipart/form-data":
        raw_config = request.form.get("config")
        try:
            overrides = json.loads(raw_config) if raw_config else None
        except ValueError:
            raise WebError(400, "bad_config", "Feltet config skal være gyldig JSON.") from None
        cfg = request_config(overrides)
        f = request.files.get("file")
        if f is not None:
            return _report(check_file(f.read(), f.filename, request.form.get("kind"), cfg))
        if "text" in request.form:
            return _report(check_text(request.form["text"], request.form.get("kind"), cfg))
        raise WebError(400, "no_file", "Send en fil i feltet file eller en tekst i feltet text.")
    raise WebError(415, "unsupported_media_type",
                   "Send JSON (Content-Type: application/json) eller en fil som multipart/form-data.")


@bp.get("/rules")
def rules():
    return {"rules": all_rules(base_config())}


@bp.get("/openapi.json")
def openapi():
    return spec()
