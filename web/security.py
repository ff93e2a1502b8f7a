"""Security headers and CSRF protection for the form posts.

CSRF: a signed double-submit token. The cookie ``lixcheck_csrf`` holds a random value (HttpOnly, SameSite=Strict;
it holds no letter text and is the app's only cookie); every form carries HMAC(SECRET_KEY, cookie value) in a
hidden field ``csrf``. A POST to a UI route is accepted only when the field matches the cookie, and, when the
browser sends an Origin header, only from this host. The JSON API and the LanguageTool API are not form posts and
change nothing on the server, so they need no token (LanguageTool clients could not send one).

Styles: the app's own stylesheet, and no 'unsafe-inline'. The editor (CodeMirror, static/vendor/codemirror.js) puts
its base styles in one <style> element in the document's head (its style-mod library uses constructed stylesheets
only inside shadow roots). That element carries a nonce: the editor page asks for one (csp_nonce() in the template,
handed to CodeMirror through EditorView.cspNonce), and only then does that response's style-src name it ('nonce-…',
random per response, so markup injected into a page cannot know it). Style attributes stay forbidden (CodeMirror and
app.js set styles through the CSSOM, which CSP allows). Scripts never get a nonce: script-src stays 'self'.
"""

from __future__ import annotations

import hashlib
import hmac
import secrets
from urllib.parse import urlsplit

from flask import Flask, current_app, g, request

COOKIE = "lixcheck_csrf"
FIELD = "csrf"
CSP = ("default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self'; connect-src 'self'; "
       "form-action 'self'; base-uri 'none'; frame-ancestors 'none'")


def csp_nonce() -> str:
    """A nonce for this response's style-src (see the module docstring), made on first use."""
    if "csp_nonce" not in g:
        g.csp_nonce = secrets.token_urlsafe(16)
    return g.csp_nonce
HEADERS = {
    "Content-Security-Policy": CSP,
    "X-Content-Type-Options": "nosniff",
    "X-Frame-Options": "DENY",
    "Referrer-Policy": "same-origin",  # no referrer to other sites; browsers then send Origin on our forms
    "Cross-Origin-Opener-Policy": "same-origin",
    "Cross-Origin-Resource-Policy": "same-origin",
    "Permissions-Policy": "camera=(), microphone=(), geolocation=(), interest-cohort=()",
}


def _sign(value: str) -> str:
    key = current_app.config["SECRET_KEY"]
    key = key.encode() if isinstance(key, str) else key
    return hmac.new(key, value.encode(), hashlib.sha256).hexdigest()


def csrf_token() -> str:
    """The token for this browser's forms (creates the cookie value on first use)."""
    if "csrf_value" not in g:
        value = request.cookies.get(COOKIE, "")
        if len(value) != 43:  # token_urlsafe(32)
            value = secrets.token_urlsafe(32)
            g.csrf_new = True
        g.csrf_value = value
    return _sign(g.csrf_value)


def csrf_ok() -> bool:
    value = request.cookies.get(COOKIE, "")
    sent = request.form.get(FIELD, "")
    if not value or not sent or not hmac.compare_digest(sent, _sign(value)):
        return False
    origin = request.headers.get("Origin")
    if not origin:
        return True
    return origin != "null" and urlsplit(origin).netloc == request.host


def init_app(app: Flask) -> None:
    app.jinja_env.globals["csrf_token"] = csrf_token
    app.jinja_env.globals["csp_nonce"] = csp_nonce

    @app.after_request
    def headers(response):
        for k, v in HEADERS.items():
            response.headers.setdefault(k, v)
        if g.get("csp_nonce"):
            response.headers["Content-Security-Policy"] = CSP.replace(
                "style-src 'self'", f"style-src 'self' 'nonce-{g.csp_nonce}'")
        if not request.path.startswith("/static/"):
            response.headers["Cache-Control"] = "no-store"  # results hold letter text: no caching anywhere
        if g.get("csrf_new"):
            response.set_cookie(COOKIE, g.csrf_value, httponly=True, samesite="Strict", secure=request.is_secure,
                                path="/")
        return response
