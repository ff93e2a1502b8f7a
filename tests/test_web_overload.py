"""Under overload the server answers: a full queue gives 503 with Retry-After at once, never a silent hang
(web/serving.py Gate), proven on the middleware and on a real `lixcheck serve` with a tiny queue. Also the reverse-
proxy settings (waitress's trusted_proxy, trusted_proxy_headers, url_prefix) on a real server."""

from __future__ import annotations

import http.client
import json
import subprocess
import threading
import time
import urllib.request

from lixcheck.web.serving import Gate
from web_server import LIXCHECK, free_port

from lixcheck.cli import SAMPLE

LETTER = SAMPLE.read_text(encoding="utf-8")


class SlowApp:
    """A WSGI app that holds each request until released."""

    def __init__(self):
        self.release = threading.Event()
        self.inside = 0

    def __call__(self, environ, start_response):
        self.inside += 1
        if environ["PATH_INFO"] != "/healthz":
            self.release.wait(10)
        start_response("200 OK", [("Content-Type", "text/plain")])
        return [b"ok"]


def call(app, path="/api/v1/check"):
    out = {}

    def start_response(status, headers):
        out["status"], out["headers"] = status, dict(headers)

    out["body"] = b"".join(app({"PATH_INFO": path, "REQUEST_METHOD": "POST"}, start_response))
    return out


def test_gate_runs_queues_and_refuses_at_once():
    slow = SlowApp()
    gate = Gate(slow, slots=1, queue=1, max_wait=10)
    results = []
    threads = [threading.Thread(target=lambda: results.append(call(gate))) for _ in range(4)]
    for t in threads:
        t.start()
        time.sleep(0.05)
    deadline = time.monotonic() + 5
    while len(results) < 2 and time.monotonic() < deadline:  # two refused at once, without waiting for the release
        time.sleep(0.01)
    assert [r["status"] for r in results] == ["503 Service Unavailable"] * 2
    assert gate.running == 1 and gate.waiting == 1
    busy = results[0]
    assert busy["headers"]["Retry-After"] == "5"
    body = json.loads(busy["body"])
    assert body["error"]["status"] == 503 and body["error"]["code"] == "busy" and "travlt" in body["error"]["message"]
    assert call(gate, "/healthz")["status"] == "200 OK"  # a load balancer's question is never held back
    slow.release.set()
    for t in threads:
        t.join(10)
    assert [r["status"] for r in results[2:]] == ["200 OK"] * 2  # the running one and the queued one
    assert gate.running == 0 and gate.waiting == 0 and gate.refused == 2


def test_gate_refuses_a_request_that_waited_too_long():
    slow = SlowApp()
    gate = Gate(slow, slots=1, queue=5, max_wait=0.3)
    first = threading.Thread(target=lambda: call(gate))
    first.start()
    time.sleep(0.05)
    t = time.perf_counter()
    page = call(gate, "/tjek")
    assert page["status"].startswith("503") and 0.25 < time.perf_counter() - t < 3
    assert page["headers"]["Content-Type"].startswith("text/html") and "travlt" in page["body"].decode()
    slow.release.set()
    first.join(10)


def test_a_real_server_with_a_full_queue_answers_every_request_503_or_200(tmp_path):
    """`lixcheck serve --threads 1 --queue 1`: 16 clients at once, each gets an answer long before its timeout."""
    port = free_port()
    proc = serve(tmp_path, "--port", str(port), "--threads", "1", "--queue", "1", "--max-wait", "30")
    try:
        wait_healthy(port, proc)
        body = json.dumps({"text": LETTER * 20}).encode()  # a long letter keeps the one thread busy
        answers: list[tuple[int, str | None, float]] = []

        def client():
            conn = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
            t = time.perf_counter()
            try:
                conn.request("POST", "/api/v1/check", body=body, headers={"Content-Type": "application/json"})
                r = conn.getresponse()
                r.read()
                answers.append((r.status, r.getheader("Retry-After"), time.perf_counter() - t))
            except OSError as e:
                answers.append((0, type(e).__name__, time.perf_counter() - t))
            finally:
                conn.close()

        threads = [threading.Thread(target=client) for _ in range(16)]
        for t in threads:
            t.start()
        for t in threads:
            t.join(120)
        statuses = sorted(a[0] for a in answers)
        assert len(answers) == 16 and set(statuses) <= {200, 503}, answers
        refused = [a for a in answers if a[0] == 503]
        assert refused and all(a[1] == "5" for a in refused)
        assert statuses.count(200) >= 2  # the running one and the queued one
        assert max(a[2] for a in refused) < 20  # refused at once, not after a client timeout
    finally:
        proc.terminate()
        proc.wait(10)


def serve(cwd, *args) -> subprocess.Popen:
    """A `lixcheck serve` whose output goes to a file (a pipe nobody reads would block the server when full)."""
    with open(cwd / "serve.log", "wb") as log:
        return subprocess.Popen([str(LIXCHECK), "serve", *args], cwd=cwd, stdout=log, stderr=subprocess.STDOUT)


def wait_healthy(port: int, proc: subprocess.Popen, prefix: str = "") -> None:
    deadline = time.monotonic() + 60
    while True:
        assert proc.poll() is None, proc.args
        try:
            with urllib.request.urlopen(f"http://127.0.0.1:{port}{prefix}/healthz", timeout=2) as r:
                if r.status == 200:
                    return
        except OSError:
            pass
        assert time.monotonic() < deadline, "no /healthz"
        time.sleep(0.1)


def test_behind_a_reverse_proxy_prefix_and_forwarded_headers(tmp_path):
    """As deploy/nginx.conf sets it up: the app under /lixcheck, the proxy's X-Forwarded-* headers trusted."""
    port = free_port()
    proc = serve(tmp_path, "--port", str(port), "--url-prefix", "/lixcheck", "--trusted-proxy", "127.0.0.1")
    try:
        wait_healthy(port, proc, "/lixcheck")
        headers = {"X-Forwarded-Proto": "https", "X-Forwarded-Host": "breve.kommune.dk",
                   "X-Forwarded-For": "203.0.113.7"}
        req = urllib.request.Request(f"http://127.0.0.1:{port}/lixcheck/", headers=headers)
        with urllib.request.urlopen(req) as r:
            page = r.read().decode()
            cookie = r.getheader("Set-Cookie")
        assert 'href="/lixcheck/static/app.css"' in page and 'action="/lixcheck/tjek#results-title"' in page
        assert "Secure" in cookie  # the proxy said https
        api = urllib.request.Request(f"http://127.0.0.1:{port}/lixcheck/api/v1/check", headers={
            **headers, "Content-Type": "application/json"}, data=json.dumps({"text": LETTER}).encode())
        with urllib.request.urlopen(api) as r:
            assert json.loads(r.read())["text"] == LETTER
        r = subprocess.run([str(LIXCHECK), "serve", "--port", "1", "--trusted-proxy-headers", "x-forwarded-for"],
                           cwd=tmp_path, capture_output=True, text=True, timeout=60)
        assert r.returncode == 2 and "--trusted-proxy" in r.stderr and "Traceback" not in r.stderr
        r = subprocess.run([str(LIXCHECK), "serve", "--port", "1", "--trusted-proxy", "127.0.0.1",
                            "--trusted-proxy-headers", "x-forwarded-nonsense"], cwd=tmp_path, capture_output=True,
                           text=True, timeout=60)
        assert r.returncode == 2 and "proxy" in r.stderr and "Traceback" not in r.stderr
    finally:
        proc.terminate()
        proc.wait(10)
