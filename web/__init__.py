"""The lixcheck review web app (Flask). Installed as the package ``lixcheck.web``.

``create_app(config=None)`` builds the app with three blueprints:

* ``ui``  – the Danish review pages (server-rendered, works without JavaScript),
* ``api`` – the JSON API under ``/api/v1`` (``/api/v1/check``, ``/api/v1/rules``, ``/api/v1/openapi.json``),
* ``lt``  – a LanguageTool-compatible API under ``/v2`` (``/v2/check``, ``/v2/languages``).

The app renders lixcheck's Report and computes nothing itself. Nothing is stored: uploads are read in memory, no
letter text is logged or written to disk, and the only cookie is the CSRF token. Production: ``lixcheck serve``.

Configuration keys (``create_app({...})``):

* ``LIXCHECK``            – a lixcheck configuration dict (as in ``lixcheck.toml``); checked at start-up.
* ``MAX_CONTENT_LENGTH``  – largest request body in bytes (default 16 MB); larger requests get 413.
* ``LIXCHECK_MAX_UPLOAD`` – largest uploaded file or pasted text in bytes (default 10 MB).
* ``SECRET_KEY``          – signs the CSRF token; random per process unless given (set it, e.g. through the
  environment variable ``LIXCHECK_SECRET_KEY``, when several processes serve behind one address).
"""

from __future__ import annotations

import io
import logging
import os
import secrets
import traceback

from flask import Flask, Request, request

from .. import __version__

MB = 1_000_000
DEFAULTS = {
    "MAX_CONTENT_LENGTH": 16 * MB,
    "LIXCHECK_MAX_UPLOAD": 10 * MB,
    "LIXCHECK": {},
}

log = logging.getLogger("lixcheck.web")


class InMemoryRequest(Request):
    """A request whose uploaded files stay in memory (Werkzeug spools large uploads to a temporary file)."""

    def _get_file_stream(self, total_content_length, content_type, filename=None, content_length=None):
        return io.BytesIO()


class LixcheckFlask(Flask):
    request_class = InMemoryRequest

    def log_exception(self, exc_info) -> None:
        """Log where an unhandled error happened, never its message (it could quote letter text)."""
        exc_type, _exc, tb = exc_info
        where = " < ".join(f"{fr.filename}:{fr.lineno} in {fr.name}" for fr in reversed(traceback.extract_tb(tb)[-4:]))
        log.error("unhandled %s on %s %s at %s", exc_type.__name__ if exc_type else "error", request.method,
                  request.path, where)


def create_app(config: dict | None = None) -> Flask:
    """The lixcheck web app. ``config`` overrides DEFAULTS (see the module docstring)."""
    from .. import Checker
    from . import api, errors, lt, security, ui

    app = LixcheckFlask(__name__)
    app.config.update(DEFAULTS)
    app.config["SECRET_KEY"] = os.environ.get("LIXCHECK_SECRET_KEY") or secrets.token_hex(32)
    app.config.update(config or {})
    app.config["MAX_FORM_MEMORY_SIZE"] = app.config["MAX_CONTENT_LENGTH"]  # pasted text comes as a form field
    app.json.sort_keys = False
    app.json.ensure_ascii = False

    # A wrong configuration fails at start-up, not on the first request; the pipeline is loaded once, here.
    checker = Checker(app.config["LIXCHECK"]).load()
    app.extensions["lixcheck"] = {"checker": checker, "config": checker.config, "version": __version__}

    security.init_app(app)
    errors.init_app(app)
    app.register_blueprint(ui.bp)
    app.register_blueprint(api.bp)
    app.register_blueprint(lt.bp)

    @app.get("/healthz")
    def healthz():
        return {"status": "ok", "version": __version__}

    return app


__all__ = ["create_app"]
