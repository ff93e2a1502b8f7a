"""The JSON API (/api/v1): answers validate against its own OpenAPI description; errors are JSON, never a 500."""

from __future__ import annotations

import io
import json

import jsonschema
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from lixcheck.web import create_app
from referencing import Registry, Resource

from lixcheck.cli import SAMPLE

LETTER = SAMPLE.read_text(encoding="utf-8")


@pytest.fixture(scope="module")
def app():
    return create_app()


@pytest.fixture()
def client(app):
    return app.test_client()


@pytest.fixture(scope="module")
def spec(app):
    return app.test_client().get("/api/v1/openapi.json").get_json()


def validate(spec, instance, name):
    registry = Registry().with_resource("urn:openapi", Resource.from_contents(
        {**spec, "$schema": "https://json-schema.org/draft/2020-12/schema"}))
    schema = {"$schema": "https://json-schema.org/draft/2020-12/schema",
              "$ref": f"urn:openapi#/components/schemas/{name}"}
    # "#/components/..." refs inside the spec resolve against the spec's own resource
    jsonschema.Draft202012Validator(schema, registry=registry).validate(instance)


def test_openapi_document(spec):
    assert spec["openapi"].startswith("3.1")
    assert {"/api/v1/check", "/api/v1/rules", "/v2/check", "/v2/languages"} <= set(spec["paths"])
    for name, schema in spec["components"]["schemas"].items():
        jsonschema.Draft202012Validator.check_schema(schema), name


def test_check_json_returns_the_report_with_text(client, spec):
    r = client.post("/api/v1/check", json={"text": LETTER, "kind": "decision"})
    assert r.status_code == 200 and r.mimetype == "application/json"
    report = r.get_json()
    validate(spec, report, "Report")
    assert report["text"] == LETTER and report["meta"]["kind"] == "decision"
    assert report["findings"], "the sample letter should give findings"
    for f in report["findings"]:
        assert report["text"][f["offset"]:f["offset"] + f["length"]] == f["text"]
        assert f["doc_url"] == "/regler/" + f["rule"]


def test_check_multipart_file_is_the_same_report(client):
    by_json = client.post("/api/v1/check", json={"text": LETTER}).get_json()
    r = client.post("/api/v1/check", data={"file": (io.BytesIO(LETTER.encode("utf-16")), "brev.txt")},
                    content_type="multipart/form-data")
    assert r.status_code == 200
    by_file = r.get_json()
    assert by_file["text"] == LETTER and by_file["findings"] == by_json["findings"]
    assert by_file["meta"]["filename"] == "brev.txt"


def test_client_config_overrides(client):
    r = client.post("/api/v1/check", json={"text": LETTER, "config": {"min_words": 100_000}})
    assert r.status_code == 200 and r.get_json()["lix"]["value"] is None
    r = client.post("/api/v1/check", data={"file": (io.BytesIO(LETTER.encode()), "b.txt"),
                                           "config": json.dumps({"min_words": 100_000})},
                    content_type="multipart/form-data")
    assert r.status_code == 200 and r.get_json()["lix"]["value"] is None


@pytest.mark.parametrize(("kwargs", "status", "code"), [
    ({"data": "ikke json", "content_type": "application/json"}, 400, "bad_json"),
    ({"json": ["en", "liste"]}, 400, "bad_json"),
    ({"json": {"tekst": "forkert felt"}}, 400, "bad_json"),
    ({"json": {"kind": "decision"}}, 400, "no_text"),
    ({"json": {"text": 42}}, 400, "bad_text"),
    ({"json": {"text": LETTER, "kind": "<script>"}}, 400, "bad_kind"),
    ({"json": {"text": LETTER, "config": {"min_wrods": 3}}}, 400, "bad_config"),
    ({"json": {"text": LETTER, "config": {"model": "/etc"}}}, 400, "bad_config"),
    ({"json": {"text": LETTER, "config": {"max_bytes": 10**12}}}, 400, "bad_config"),
    ({"json": {"text": LETTER, "config": "min_words=3"}}, 400, "bad_config"),
    ({"json": {"text": ""}}, 422, "empty"),
    ({"json": {"text": "   \n\n  "}}, 422, "empty"),
    ({"data": '{"text": "Vi har modtaget din ans\\u00f8gning \\ud800 i dag."}', "content_type": "application/json"},
     422, "bad_unicode"),
    ({"data": LETTER, "content_type": "text/plain"}, 415, "unsupported_media_type"),
    ({"data": {"file": (io.BytesIO(b"\x00\x01\x02\xff" * 500), "x.bin")}, "content_type": "multipart/form-data"},
     422, None),
    ({"data": {"file": (io.BytesIO(b""), "tom.txt")}, "content_type": "multipart/form-data"}, 422, "empty"),
    ({"data": {"nothing": "here"}, "content_type": "multipart/form-data"}, 400, "no_file"),
    ({"data": {"text": LETTER, "config": "{"}, "content_type": "multipart/form-data"}, 400, "bad_config"),
])
def test_bad_requests_get_json_errors_in_danish(client, spec, kwargs, status, code):
    r = client.post("/api/v1/check", **kwargs)
    assert r.status_code == status, r.get_data(as_text=True)
    body = r.get_json()
    validate(spec, body, "Error")
    assert body["error"]["status"] == status
    if code:
        assert body["error"]["code"] == code
    assert body["error"]["message"] and "Traceback" not in body["error"]["message"]


def test_too_large_is_413(spec):
    c = create_app({"LIXCHECK_MAX_UPLOAD": 2000}).test_client()
    r = c.post("/api/v1/check", json={"text": "Vi skriver til dig. " * 200})
    assert r.status_code == 413
    validate(spec, r.get_json(), "Error")
    r = c.post("/api/v1/check", data={"file": (io.BytesIO(b"Vi skriver til dig. " * 200), "b.txt")},
               content_type="multipart/form-data")
    assert r.status_code == 413 and r.get_json()["error"]["code"] == "too_large"


def test_rules_endpoint(client, spec):
    body = client.get("/api/v1/rules").get_json()
    for rule in body["rules"]:
        validate(spec, rule, "Rule")
    ids = [r["id"] for r in body["rules"]]
    assert len(ids) == len(set(ids))


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(text=st.text(max_size=300), kind=st.one_of(st.none(), st.text(max_size=12)))
def test_any_text_gets_an_answer_never_a_500(client, text, kind):
    r = client.post("/api/v1/check", json={"text": text, "kind": kind})
    assert r.status_code in (200, 400, 422), (r.status_code, r.get_data(as_text=True)[:200])
    body = r.get_json()
    if r.status_code == 200:
        for f in body["findings"]:
            assert body["text"][f["offset"]:f["offset"] + f["length"]] == f["text"]
    r = client.post("/v2/check", data={"text": text, "language": "da-DK"})
    assert r.status_code in (200, 400, 422)


def _pdf(text: str) -> bytes:
    canvas = pytest.importorskip("reportlab.pdfgen.canvas")
    buf = io.BytesIO()
    c = canvas.Canvas(buf)
    y = 800
    for line in text.splitlines():
        c.drawString(50, y, line)
        y -= 16
    c.save()
    return buf.getvalue()


@pytest.mark.parametrize("fmt", ["html", "memo", "pdf"])
def test_upload_formats_by_content(client, fmt):
    if fmt == "html":
        data = ("<!doctype html><html><body><h1>Afgørelse</h1>"
                + "".join(f"<p>{p}</p>" for p in LETTER.split("\n\n")) + "</body></html>").encode()
    elif fmt == "memo":
        path = SAMPLE.parents[2] / "tests" / "data" / "memo" / "MeMo_Full_Example.xml"
        if not path.is_file():
            pytest.skip("tests/data/memo is not in this tree")
        data = path.read_bytes()
    else:
        data = _pdf("Vi har modtaget din ansøgning om hjælp til tandbehandling den 3. marts.\n"
                    "Såfremt du har spørgsmål, bedes du kontakte os på telefon 12 34 56 78.")
    r = client.post("/api/v1/check", data={"file": (io.BytesIO(data), "upload.bin")},
                    content_type="multipart/form-data")
    assert r.status_code == 200, r.get_data(as_text=True)[:300]
    report = r.get_json()
    assert report["meta"]["format"] == fmt and report["text"].strip()
    for f in report["findings"]:
        assert report["text"][f["offset"]:f["offset"] + f["length"]] == f["text"]
