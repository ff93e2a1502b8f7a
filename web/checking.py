"""The web fronts' one way into lixcheck: input (text or file bytes) + kind + config → Report.

Same path as the CLI: a lixcheck.Checker per configuration. Errors are mapped to HTTP statuses here so that every
front answers alike: InputError → 422 (415 unsupported format, 413 too large), ConfigError → 400 (also an unknown
letter kind, whose message lists the known kinds).
"""

from __future__ import annotations

from dataclasses import dataclass

from flask import current_app

from .. import Checker, Config, ConfigError, InputError, kinds
from ..errors import too_large
from ..model import Report

# Letter kinds offered in the UI: "" lets lixcheck find it, then the table of kinds (lixcheck/data/kinds.yml).
KINDS = (("", "Find selv"), *((k.id, k.label) for k in kinds.all_kinds()))
# What a client may set per request. "model" (a path on the server) and "max_bytes" (the server's limit) may not.
CLIENT_CONFIG_KEYS = frozenset({"min_words", "colon_ends_sentence", "lix_mode", "rules"})
MAX_CLIENT_CONFIGS = 16  # distinct per-request configurations compiled per process (each holds compiled rules)

_client_configs: set[tuple] = set()


class WebError(Exception):
    """A request the app refuses, with an HTTP status, a stable code and a Danish message for the user."""

    def __init__(self, status: int, code: str, message_da: str):
        super().__init__(message_da)
        self.status = status
        self.code = code
        self.message_da = message_da

    def to_dict(self) -> dict:
        return {"error": {"status": self.status, "code": self.code, "message": self.message_da}}


def from_input_error(e: InputError) -> WebError:
    status = {"too_large": 413, "unsupported": 415}.get(e.code, 422)
    return WebError(status, e.code, e.message_da)


def base_config() -> Config:
    return current_app.extensions["lixcheck"]["checker"].config


def checker(config: Config | None = None) -> Checker:
    """The server's Checker, or one for a request's own configuration."""
    base = current_app.extensions["lixcheck"]["checker"]
    return base if config is None or config is base.config else Checker(config)


def max_upload() -> int:
    """The largest file or pasted text in bytes."""
    return min(current_app.config["LIXCHECK_MAX_UPLOAD"], base_config().max_bytes)


def max_chars() -> int:
    """The longest text lixcheck checks, in characters (the language pipeline's limit; longer texts get 413)."""
    return current_app.extensions["lixcheck"]["checker"].max_chars


def limits_da() -> str:
    """The size limits as the pages state them, from the code that enforces them."""
    mb = max(max_upload() // 1_000_000, 1)
    chars = f"{max_chars():,}".replace(",", ".")  # Danish thousands separator
    return f"Teksten må højst have {chars} tegn, og en fil må højst fylde {mb} MB."


def lix_target(kind: str | None = None) -> float | None:
    """The highest LIX a letter of this kind should have: the lix rule's threshold for the kind (the rule file's,
    the table of kinds' or the server configuration's; the rule reports a letter above it). Read only here."""
    return current_app.extensions["lixcheck"]["checker"].threshold("lix", kind or None)


def request_config(overrides) -> Config:
    """The server's configuration with a client's allowed overrides; ConfigError and misuse → WebError 400."""
    base = base_config()
    if not overrides:
        return base
    if not isinstance(overrides, dict):
        raise WebError(400, "bad_config", "Konfigurationen skal være et JSON-objekt.")
    refused = sorted(set(overrides) - CLIENT_CONFIG_KEYS)
    if refused:
        raise WebError(400, "bad_config", "Disse indstillinger kan ikke ændres her: " + ", ".join(refused)
                       + ". Tilladt: " + ", ".join(sorted(CLIENT_CONFIG_KEYS)) + ".")
    merged = {f: getattr(base, f) for f in ("model", "min_words", "colon_ends_sentence", "lix_mode", "max_bytes",
                                            "doc_base_url", "rules")}
    merged.update(overrides)
    try:
        cfg = Checker(merged).config  # (a Checker checks the configuration as it is made)
    except ConfigError as e:
        raise WebError(400, "bad_config", f"Konfigurationen er forkert: {e}") from None
    key = cfg.key()
    if key not in _client_configs:
        if len(_client_configs) >= MAX_CLIENT_CONFIGS:
            raise WebError(400, "too_many_configs", "Serveren har allerede for mange forskellige konfigurationer "
                                                    "i brug. Brug serverens standardindstillinger.")
        _client_configs.add(key)
    return cfg


def clean_kind(kind) -> str | None:
    """The kind id for a request's kind ("" and "auto": let lixcheck find it); 400 with the known kinds else."""
    if kind is None or kind == "" or kind == "auto":
        return None
    try:
        if not isinstance(kind, str):
            raise kinds.unknown(kind)
        return kinds.normalise(kind)
    except ConfigError as e:
        raise WebError(400, "bad_kind", e.message_da) from None


@dataclass
class Checked:
    report: Report
    filename: str | None = None
    format: str = "text"


def check_text(text: str, kind=None, config: Config | None = None) -> Checked:
    if not isinstance(text, str):
        raise WebError(400, "bad_text", "Feltet text skal være en tekst.")
    try:
        size = len(text.encode("utf-8"))
    except UnicodeEncodeError:  # lone surrogates (possible in JSON "\ud800"): not text
        raise WebError(422, "bad_unicode", "Teksten indeholder ugyldige tegn og kan ikke tjekkes.") from None
    if size > max_upload():
        raise from_input_error(too_large(size, max_upload()))
    kind = clean_kind(kind)
    try:
        engine = checker(config)
        return Checked(engine.check_document(engine.read(text, format="text"), kind=kind))
    except InputError as e:
        raise from_input_error(e) from None
    except ConfigError as e:
        raise WebError(400, "bad_config", f"Konfigurationen er forkert: {e}") from None


def check_file(data: bytes, filename: str | None, kind=None, config: Config | None = None) -> Checked:
    if len(data) > max_upload():
        raise from_input_error(too_large(len(data), max_upload()))
    if not data:
        raise WebError(422, "empty", "Filen er tom.")
    kind = clean_kind(kind)
    try:
        engine = checker(config)
        document = engine.read(data, name=filename or None)
        report = engine.check_document(document, kind=kind)
    except InputError as e:
        raise from_input_error(e) from None
    except ConfigError as e:
        raise WebError(400, "bad_config", f"Konfigurationen er forkert: {e}") from None
    return Checked(report, filename, document.format)


def annotator():
    """lixcheck.writers.docx_annotate.annotate_docx when that module imports, else None."""
    try:
        from ..writers.docx_annotate import annotate_docx
    except ImportError:
        return None
    return annotate_docx
