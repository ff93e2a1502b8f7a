"""The OpenAPI 3.1 description of the JSON API and the LanguageTool-compatible API (served at /api/v1/openapi.json).

Its schemas are JSON Schema 2020-12; the tests validate real answers against them.
"""

from __future__ import annotations

from .. import __version__

NULLABLE_NUMBER = {"type": ["number", "null"]}
NULLABLE_STRING = {"type": ["string", "null"]}

LIX = {
    "type": "object",
    "required": ["value", "words", "sentences", "long_words", "band", "band_da", "reason"],
    "properties": {
        "value": NULLABLE_NUMBER,
        "words": {"type": "integer", "minimum": 0},
        "sentences": {"type": "integer", "minimum": 0},
        "long_words": {"type": "integer", "minimum": 0},
        "band": {"enum": ["very easy", "easy", "medium", "hard", "very hard", None]},
        "band_da": NULLABLE_STRING,
        "reason": NULLABLE_STRING,
    },
}
SPAN = {
    "type": "object",
    "required": ["index", "offset", "length", "kind", "counted", "lix"],
    "properties": {
        "index": {"type": "integer"},
        "offset": {"type": "integer", "minimum": 0},
        "length": {"type": "integer", "minimum": 0},
        "kind": {"type": "string"},
        "counted": {"type": "boolean"},
        "lix": {"$ref": "#/components/schemas/Lix"},
        "block": {"type": "integer"},
        "source": {"type": "string"},
    },
}
FINDING = {
    "type": "object",
    "required": ["rule", "severity", "category", "message", "offset", "length", "line", "column", "block", "text",
                 "replacements", "doc_url"],
    "properties": {
        "rule": {"type": "string"},
        "severity": {"enum": ["error", "warning", "suggestion"]},
        "category": {"type": "string"},
        "message": {"type": "string"},
        "offset": {"type": "integer", "minimum": 0, "description": "Python code points into `text`"},
        "length": {"type": "integer", "minimum": 0},
        "line": {"type": "integer", "minimum": 1},
        "column": {"type": "integer", "minimum": 1},
        "block": {"type": ["integer", "null"]},
        "text": {"type": "string", "description": "text[offset:offset + length]"},
        "replacements": {"type": "array", "items": {"type": "string"}},
        "doc_url": {"type": "string"},
        "description": {"type": "string"},
    },
}
REPORT = {
    "type": "object",
    "required": ["lix", "paragraphs", "sentences", "findings", "summary", "meta", "text"],
    "properties": {
        "text": {"type": "string", "description": "The checked text; offsets point into it. CPR numbers are "
                                                  "masked (last four digits XXXX), which keeps every length."},
        "lix": {"$ref": "#/components/schemas/Lix"},
        "paragraphs": {"type": "array", "items": {"$ref": "#/components/schemas/Span"}},
        "sentences": {"type": "array", "items": {"$ref": "#/components/schemas/Span"}},
        "findings": {"type": "array", "items": {"$ref": "#/components/schemas/Finding"}},
        "summary": {"type": "object"},
        "meta": {"type": "object"},
        "sender": {"type": "object", "description": "Sender clarity (when the sender checks ran)"},
        "letter": {"type": "object", "description": "Letter kind and decision-letter checklist"},
    },
}
ERROR = {
    "type": "object",
    "required": ["error"],
    "properties": {"error": {
        "type": "object",
        "required": ["status", "code", "message"],
        "properties": {"status": {"type": "integer"}, "code": {"type": "string"},
                       "message": {"type": "string", "description": "Danish, for the user"}},
    }},
}
EXAMPLE = {"type": "object", "required": ["text", "kind"],
           "properties": {"text": {"type": "string"}, "kind": NULLABLE_STRING}}
RULE = {
    "type": "object",
    "required": ["id", "category", "severity", "message", "description", "source", "examples"],
    "properties": {
        "id": {"type": "string"}, "name": {"type": "string", "description": "a short Danish name"},
        "category": {"type": "string"}, "category_da": {"type": "string"}, "severity": {"type": "string"},
        "type": {"type": "string"}, "message": {"type": "string"},
        "description": {"type": "string"}, "summary": {"type": "string"}, "why": {"type": "string"},
        "source": {"type": "string"}, "enabled": {"type": "boolean"},
        "examples": {"type": "object", "properties": {"bad": {"type": "array", "items": EXAMPLE},
                                                      "good": {"type": "array", "items": EXAMPLE}}},
    },
}
LT_MATCH = {
    "type": "object",
    "required": ["message", "shortMessage", "offset", "length", "replacements", "context", "sentence", "rule"],
    "properties": {
        "message": {"type": "string"},
        "shortMessage": {"type": "string"},
        "offset": {"type": "integer", "description": "UTF-16 code units"},
        "length": {"type": "integer", "description": "UTF-16 code units"},
        "replacements": {"type": "array", "items": {"type": "object", "required": ["value"],
                                                    "properties": {"value": {"type": "string"}}}},
        "context": {"type": "object", "required": ["text", "offset", "length"],
                    "properties": {"text": {"type": "string"}, "offset": {"type": "integer"},
                                   "length": {"type": "integer"}}},
        "sentence": {"type": "string"},
        "type": {"type": "object"},
        "rule": {"type": "object", "required": ["id", "description", "issueType", "category"],
                 "properties": {"id": {"type": "string"}, "description": {"type": "string"},
                                "issueType": {"type": "string"},
                                "urls": {"type": "array", "items": {"type": "object"}},
                                "category": {"type": "object", "required": ["id", "name"],
                                             "properties": {"id": {"type": "string"},
                                                            "name": {"type": "string"}}}}},
    },
}
LT_RESPONSE = {
    "type": "object",
    "required": ["software", "language", "matches"],
    "properties": {
        "software": {"type": "object", "required": ["name", "version", "apiVersion"]},
        "warnings": {"type": "object"},
        "language": {"type": "object", "required": ["name", "code"]},
        "matches": {"type": "array", "items": {"$ref": "#/components/schemas/LanguageToolMatch"}},
        "sentenceRanges": {"type": "array", "items": {"type": "array", "items": {"type": "integer"}}},
    },
}


def _errors(*codes: int) -> dict:
    text = {400: "Malformed request or configuration", 413: "Too large", 415: "Unsupported content type or file format",
            422: "Input that cannot be read (empty, binary, broken file)"}
    return {str(c): {"description": text[c], "content": {"application/json": {
        "schema": {"$ref": "#/components/schemas/Error"}}}} for c in codes}


def spec() -> dict:
    check_config = {"type": "object", "description": "Overrides of the server's configuration: min_words, "
                                                     "colon_ends_sentence, lix_mode, rules"}
    return {
        "openapi": "3.1.0",
        "info": {"title": "lixcheck API", "version": __version__,
                 "description": "Plain-language checks for Danish public letters. Offsets in /api/v1 are Python code "
                                "points into the returned `text`; in /v2 they are UTF-16 code units as in "
                                "LanguageTool. Nothing is stored."},
        "paths": {
            "/api/v1/check": {"post": {
                "summary": "Check a letter (text or file) and return the Report",
                "requestBody": {"required": True, "content": {
                    "application/json": {"schema": {"type": "object", "required": ["text"],
                                                    "additionalProperties": False, "properties": {
                                                        "text": {"type": "string"},
                                                        "kind": {"type": ["string", "null"],
                                                                 "description": "Letter kind, e.g. decision"},
                                                        "config": check_config}}},
                    "multipart/form-data": {"schema": {"type": "object", "properties": {
                        "file": {"type": "string", "format": "binary",
                                 "description": ".docx, .txt, .html, .pdf or MeMo XML (recognised by content)"},
                        "text": {"type": "string"},
                        "kind": {"type": "string"},
                        "config": {"type": "string", "description": "JSON object as text"}}}},
                }},
                "responses": {"200": {"description": "The Report", "content": {"application/json": {
                    "schema": {"$ref": "#/components/schemas/Report"}}}}, **_errors(400, 413, 415, 422)},
            }},
            "/api/v1/rules": {"get": {
                "summary": "The loaded rules",
                "responses": {"200": {"description": "Rules", "content": {"application/json": {"schema": {
                    "type": "object", "required": ["rules"],
                    "properties": {"rules": {"type": "array", "items": {"$ref": "#/components/schemas/Rule"}}}}}}}},
            }},
            "/api/v1/openapi.json": {"get": {"summary": "This description",
                                             "responses": {"200": {"description": "OpenAPI document"}}}},
            "/healthz": {"get": {"summary": "Liveness", "responses": {"200": {"description": "ok"}}}},
            "/v2/check": {"post": {
                "summary": "LanguageTool-compatible check",
                "requestBody": {"required": True, "content": {"application/x-www-form-urlencoded": {"schema": {
                    "type": "object", "properties": {
                        "text": {"type": "string"},
                        "data": {"type": "string", "description": "AnnotatedText JSON {\"annotation\": [...]}"},
                        "language": {"type": "string", "enum": ["da-DK", "da", "auto"]},
                        "enabledRules": {"type": "string"}, "disabledRules": {"type": "string"},
                        "enabledCategories": {"type": "string"}, "disabledCategories": {"type": "string"},
                        "enabledOnly": {"type": "string", "enum": ["true", "false"]}}}}}},
                "responses": {"200": {"description": "LanguageTool's JSON", "content": {"application/json": {
                    "schema": {"$ref": "#/components/schemas/LanguageToolResponse"}}}}, **_errors(400, 413, 422)},
            }},
            "/v2/languages": {"get": {"summary": "Supported languages (Danish)",
                                      "responses": {"200": {"description": "[{name, code, longCode}]"}}}},
        },
        "components": {"schemas": {"Lix": LIX, "Span": SPAN, "Finding": FINDING, "Report": REPORT, "Error": ERROR,
                                   "Rule": RULE, "LanguageToolMatch": LT_MATCH, "LanguageToolResponse": LT_RESPONSE}},
    }
