"""A LanguageTool-compatible API, so LanguageTool clients (LibreOffice, browser add-ons, language-tool-python with
remote_server=...) can use lixcheck as their server.

POST (or GET) /v2/check with form fields ``text`` or ``data`` (AnnotatedText JSON), ``language`` (da-DK, da or
auto: lixcheck checks Danish only, so auto means Danish), ``enabledRules``, ``disabledRules``, ``enabledCategories``,
``disabledCategories`` and ``enabledOnly`` answers LanguageTool's JSON (lixcheck also takes ``kind``, a letter kind
as in lixcheck/data/kinds.yml). Offsets and lengths are UTF-16 code units (Java string indices), as in LanguageTool;
with ``data`` they point into the original text including markup.
Rule ids are lixcheck's (``jargon``, ``passive`` …); category ids are lixcheck's categories in upper case
(``JARGON``, ``SENDER`` …); rule and category filters compare case-insensitively. ``enabledRules`` without
``enabledOnly=true`` changes nothing (lixcheck has no rules that are off by default for this API).
GET /v2/languages lists Danish.
"""

from __future__ import annotations

import bisect
import json

from flask import Blueprint, jsonify, request, url_for

from .. import __version__
from .catalog import category_da
from .checking import WebError, check_text

bp = Blueprint("lt", __name__, url_prefix="/v2")
LANGUAGES = [{"name": "Danish", "code": "da", "longCode": "da-DK"}]
ACCEPTED = {"da", "da-dk", "da_dk", "auto"}
ISSUE_TYPE = {  # LanguageTool issue types (ITS localization quality issue types)
    "jargon": "register",
    "passive": "style",
    "readability": "style",
    "structure": "style",
    "acronym": "terminology",
    "template": "non-conformance",
    "sender": "omission",
    "decision": "legal",
}
CONTEXT = 40  # characters of context on each side, as LanguageTool


def utf16_len(s: str) -> int:
    return len(s) + sum(1 for ch in s if ord(ch) > 0xFFFF)


class Positions:
    """Maps offsets in the checked (plain) text to UTF-16 offsets in the text the client sent.

    For ``text`` the two texts are the same; for AnnotatedText ``data`` the client's text is the concatenation of
    all parts (text and markup), and markup maps to its own start (or end, for an end position).
    """

    def __init__(self, parts: list[tuple[str, str | None]]):
        # parts: (text, None) for text, (markup, interpret_as) for markup
        self.plain_starts: list[int] = []
        self.entries: list[tuple[int, int, int, bool, str]] = []  # plain start, plain len, orig start, is_text, s
        plain, orig = 0, 0
        out = []
        for s, interpret in parts:
            if interpret is None:
                self.plain_starts.append(plain)
                self.entries.append((plain, len(s), orig, True, s))
                out.append(s)
                plain += len(s)
            else:
                if interpret:
                    self.plain_starts.append(plain)
                    self.entries.append((plain, len(interpret), orig, False, s))
                    out.append(interpret)
                    plain += len(interpret)
            orig += utf16_len(s)
        self.plain = "".join(out)
        self.orig_len = orig

    def to_orig(self, p: int, end: bool = False) -> int:
        i = bisect.bisect_right(self.plain_starts, p - 1 if end and p > 0 else p) - 1
        if i < 0:
            return 0
        start, length, orig, is_text, s = self.entries[i]
        if is_text:
            return orig + utf16_len(s[:p - start])
        return orig + utf16_len(s) if end or p > start else orig


def _parts() -> list[tuple[str, str | None]]:
    if request.values.get("data"):
        try:
            data = json.loads(request.values["data"])
            items = data["annotation"]
            parts = []
            for a in items:
                if "text" in a:
                    parts.append((str(a["text"]), None))
                else:
                    parts.append((str(a["markup"]), str(a.get("interpretAs", ""))))
            return parts
        except (ValueError, KeyError, TypeError):
            raise WebError(400, "bad_data", "Feltet data skal være AnnotatedText-JSON: "
                                            "{\"annotation\": [{\"text\": \"...\"}, {\"markup\": \"...\"}]}.") from None
    if "text" in request.values:
        return [(request.values["text"], None)]
    raise WebError(400, "no_text", "Send teksten i feltet text eller data.")


def _ids(name: str) -> set[str]:
    return {x.strip().lower() for x in request.values.get(name, "").split(",") if x.strip()}


def _keep(finding: dict) -> bool:
    rule, cat = finding["rule"].lower(), finding["category"].lower()
    if rule in _ids("disabledRules") or cat in _ids("disabledCategories"):
        return False
    if request.values.get("enabledOnly", "false").lower() == "true":
        return rule in _ids("enabledRules") or cat in _ids("enabledCategories")
    return True


@bp.route("/check", methods=["POST", "GET"])
def check():
    language = request.values.get("language", "")
    if not language:
        raise WebError(400, "no_language", "Feltet language mangler. Brug da-DK.")
    if language.lower() not in ACCEPTED:
        raise WebError(400, "bad_language", f"lixcheck tjekker kun dansk. Sproget '{language[:20]}' kan ikke bruges; "
                                            "brug da-DK.")
    pos = Positions(_parts())
    text = pos.plain
    matches, ranges = [], []
    if text.strip():
        try:
            report = check_text(text, request.values.get("kind")).report  # (kind: lixcheck's own extra)
        except WebError as e:
            if e.code != "empty":
                raise
            report = None
        if report is not None:
            sent_starts = [s.offset for s in report.sentences]
            for s in report.sentences:
                ranges.append([pos.to_orig(s.offset), pos.to_orig(s.offset + s.length, end=True)])
            base = request.url_root.rstrip("/")
            for f in report.findings:
                d = f.to_dict()
                if _keep(d):
                    matches.append(_match(d, report.text, pos, report.sentences, sent_starts, base))
    return {
        "software": {"name": "lixcheck", "version": __version__, "buildDate": None, "apiVersion": 1,
                     "premium": False, "premiumHint": None, "status": ""},
        "warnings": {"incompleteResults": False},
        "language": {"name": "Danish", "code": "da-DK",
                     "detectedLanguage": {"name": "Danish", "code": "da-DK", "confidence": 1.0, "source": "lixcheck"}},
        "matches": matches,
        "sentenceRanges": ranges,
    }


def _match(f: dict, text: str, pos: Positions, sentences, sent_starts: list[int], base: str) -> dict:
    start, end = f["offset"], f["offset"] + f["length"]
    o = pos.to_orig(start)
    ctx_start, ctx_end = max(0, start - CONTEXT), min(len(text), end + CONTEXT)
    context = text[ctx_start:ctx_end].replace("\n", " ")
    i = bisect.bisect_right(sent_starts, start) - 1
    sentence = ""
    if i >= 0:
        s = sentences[i]
        sentence = text[s.offset:s.offset + s.length]
    doc_url = f.get("doc_url") or url_for("ui.rule", rule_id=f["rule"])
    if doc_url.startswith("/"):
        doc_url = base + doc_url
    return {
        "message": f["message"],
        "shortMessage": category_da(f["category"]),
        "replacements": [{"value": r} for r in f["replacements"]],
        "offset": o,
        "length": pos.to_orig(end, end=True) - o,
        "context": {"text": context, "offset": utf16_len(text[ctx_start:start]),
                    "length": utf16_len(text[start:end])},
        "sentence": sentence,
        "type": {"typeName": "Hint" if f["severity"] == "suggestion" else "Other"},
        "rule": {
            "id": f["rule"],
            "description": f.get("description") or f["message"],
            "issueType": ISSUE_TYPE.get(f["category"], "style"),
            "urls": [{"value": doc_url}],
            "category": {"id": f["category"].upper(), "name": category_da(f["category"])},
        },
        "ignoreForIncompleteSentence": False,
        "contextForSureMatch": 0,
    }


@bp.get("/languages")
def languages():
    return jsonify(LANGUAGES)
