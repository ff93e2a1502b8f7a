"""Error answers: JSON under /api/ and /v2/, Danish pages elsewhere. Never a stack trace to the user."""

from __future__ import annotations

import sys

from flask import Flask, current_app, render_template, request
from werkzeug.exceptions import HTTPException

from .checking import WebError

MESSAGES_DA = {
    400: "Forespørgslen kunne ikke forstås.",
    403: "Formularen er udløbet eller kom ikke fra denne side. Hent siden igen og prøv igen.",
    404: "Siden findes ikke.",
    405: "Siden kan ikke bruges på den måde.",
    413: "Teksten eller filen er for stor.",
    415: "Den type indhold kan lixcheck ikke læse.",
    422: "Teksten eller filen kunne ikke læses.",
    500: "Der skete en fejl på serveren. Prøv igen senere.",
}
CODES = {400: "bad_request", 403: "forbidden", 404: "not_found", 405: "method_not_allowed", 413: "too_large",
         415: "unsupported", 422: "unreadable", 500: "server_error"}


JSON_PATHS = ("/api/", "/v2/", "/tjek/live")  # the APIs and the editor's live re-check


def wants_json() -> bool:
    return request.path.startswith(JSON_PATHS)


def answer(status: int, code: str, message_da: str):
    if wants_json():
        return {"error": {"status": status, "code": code, "message": message_da}}, status
    return render_template("error.html", status=status, message=message_da), status


def init_app(app: Flask) -> None:
    @app.errorhandler(WebError)
    def web_error(e: WebError):
        return answer(e.status, e.code, e.message_da)

    @app.errorhandler(HTTPException)
    def http_error(e: HTTPException):
        status = e.code or 500
        return answer(status, CODES.get(status, "error"), MESSAGES_DA.get(status, e.name))

    @app.errorhandler(Exception)
    def server_error(e: Exception):
        current_app.log_exception(sys.exc_info())  # type and place only, never the message
        return answer(500, "server_error", MESSAGES_DA[500])
