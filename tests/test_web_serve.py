"""`lixcheck serve`: a real waitress server, several worker processes sharing one CSRF secret, clean errors."""

from __future__ import annotations

import http.cookiejar
import json
import re
import socket
import subprocess
import urllib.parse
import urllib.request

from web_server import LIXCHECK, lixcheck_server

from lixcheck.cli import SAMPLE

LETTER = SAMPLE.read_text(encoding="utf-8")


def test_serve_with_two_workers_answers_forms_and_api(tmp_path):
    with lixcheck_server(tmp_path, workers=2, threads=2) as base:
        jar = http.cookiejar.CookieJar()
        opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(jar))
        page = opener.open(base + "/").read().decode()
        token = re.search(r'name="csrf" value="([^"]+)"', page).group(1)
        statuses = []
        for _ in range(8):  # new connections: the kernel spreads them over both workers
            data = urllib.parse.urlencode({"csrf": token, "text": LETTER}).encode()
            req = urllib.request.Request(base + "/tjek", data=data, headers={"Origin": base, "Connection": "close"})
            with opener.open(req) as r:
                statuses.append(r.status)
                assert "Tjekket:" in r.read().decode()
        assert statuses == [200] * 8
        req = urllib.request.Request(base + "/api/v1/check", data=json.dumps({"text": LETTER}).encode(),
                                     headers={"Content-Type": "application/json"})
        with urllib.request.urlopen(req) as r:
            assert json.loads(r.read())["text"] == LETTER


def test_serve_reports_a_busy_port_and_a_bad_config(tmp_path):
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        s.listen()
        port = s.getsockname()[1]
        r = subprocess.run([str(LIXCHECK), "serve", "--port", str(port)], cwd=tmp_path, capture_output=True,
                           text=True, timeout=60)
    assert r.returncode == 2 and "kan ikke lytte" in r.stderr and "Traceback" not in r.stderr
    (tmp_path / "lixcheck.toml").write_text("min_wrods = 3\n", encoding="utf-8")
    r = subprocess.run([str(LIXCHECK), "serve", "--port", "1"], cwd=tmp_path, capture_output=True, text=True,
                       timeout=60)
    assert r.returncode == 2 and "min_wrods" in r.stderr and "Traceback" not in r.stderr


def test_waitress_keeps_requests_and_answers_in_memory():
    from lixcheck.web import DEFAULTS
    from lixcheck.web.serving import waitress_options
    from waitress.adjustments import Adjustments

    limit = 2 * DEFAULTS["MAX_CONTENT_LENGTH"]
    adj = Adjustments(**waitress_options(limit))
    assert adj.inbuf_overflow > adj.max_request_body_size == limit
    assert adj.outbuf_overflow >= 256 * 1024 * 1024
