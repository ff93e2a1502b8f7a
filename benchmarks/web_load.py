"""Bounded load test of the review app's JSON API against a real `lixcheck serve` on 127.0.0.1 (stops by itself).

    .venv/bin/python benchmarks/web_load.py [--requests 600] [--seconds 20] [--concurrency 8] [--threads 8]
                                            [--workers N (default: one per core)]

Starts `lixcheck serve` on a free port, warms it up, then POSTs a one-page letter (corpus/speed/, ~250 words) to
/api/v1/check:
  1. one request at a time  -> p50/p95 latency of a single check,
  2. `--concurrency` clients with keep-alive connections, until `--requests` answers or `--seconds` have passed
     -> requests/s, p50/p95 latency under load, errors (anything but 200 or a connection failure).
Only 127.0.0.1 is contacted. The load generator runs on the same machine, so on 2 cores it takes CPU from the
server: the numbers are a lower bound. Targets (issue 7): p95 < 100 ms, >= 50 requests/s at concurrency 8, 0 errors.
main() returns the numbers.

Soak mode (issue 9), ``--soak 10000 --concurrency 16``: instead of the two phases above, that many requests from
``--concurrency`` clients, mixing the one-page letter (most), short texts, .docx-free file uploads, and every 10th
request a malformed one (bad JSON, wrong content type, unknown fields, a binary upload, GET on a POST endpoint) and
every 250th an oversized one (a text over the 10 MB upload limit). Reported: 5xx answers and connection errors (both
must be 0), answers whose status is not the expected one (200 / 400 / 405 / 413 / 415 / 422), and the server's memory
(RSS of all its processes, from /proc) after warm-up and at the end: growth must stay under 10 %. A 503 with
Retry-After is the server saying that its queue is full (`lixcheck serve --queue`): it is an answer, counted as
"busy" and not as an error; a 503 without Retry-After is an error. Every request must be answered within the
client's timeout (``--timeout``, 60 s): a request without an answer is a connection error.
"""

from __future__ import annotations

import argparse
import http.client
import json
import os
import statistics
import sys
import tempfile
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))
from web_server import lixcheck_server  # noqa: E402

LETTER = ROOT / "corpus" / "speed" / "01-boligstoette-bevilling.txt"
FALLBACK = ROOT / "lixcheck" / "samples" / "afgoerelse.txt"


def letter() -> str:
    return LETTER.read_text(encoding="utf-8") if LETTER.is_file() else FALLBACK.read_text(encoding="utf-8")


def percentile(values: list[float], q: float) -> float:
    if not values:
        return float("nan")
    ordered = sorted(values)
    k = max(0, min(len(ordered) - 1, round(q / 100 * (len(ordered) - 1))))
    return ordered[k]


class Client:
    """One keep-alive HTTP connection to the server."""

    def __init__(self, host: str, port: int):
        self.conn = http.client.HTTPConnection(host, port, timeout=30)

    def check(self, body: bytes) -> tuple[int, float]:
        t0 = time.perf_counter()
        try:
            self.conn.request("POST", "/api/v1/check", body=body, headers={"Content-Type": "application/json"})
            r = self.conn.getresponse()
            r.read()
            status = r.status
        except (OSError, http.client.HTTPException):
            self.conn.close()
            status = 0
        return status, time.perf_counter() - t0

    def close(self) -> None:
        self.conn.close()


def run_threads(worker, n: int) -> float:
    """Run ``worker`` in n threads until all return; the wall-clock seconds it took."""
    threads = [threading.Thread(target=worker) for _ in range(n)]
    t0 = time.perf_counter()
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return time.perf_counter() - t0


def sequential(host, port, body, n) -> list[float]:
    c = Client(host, port)
    out = []
    try:
        for _ in range(n):
            status, dt = c.check(body)
            if status != 200:
                raise RuntimeError(f"status {status} in the sequential run")
            out.append(dt)
    finally:
        c.close()
    return out


def concurrent(host, port, body, concurrency, max_requests, max_seconds):
    latencies: list[float] = []
    errors = 0
    lock = threading.Lock()
    issued = 0
    stop_at = time.perf_counter() + max_seconds

    def worker():
        nonlocal issued, errors
        c = Client(host, port)
        try:
            while True:
                with lock:
                    if issued >= max_requests or time.perf_counter() > stop_at:
                        return
                    issued += 1
                status, dt = c.check(body)
                with lock:
                    if status == 200:
                        latencies.append(dt)
                    else:
                        errors += 1
        finally:
            c.close()

    wall = run_threads(worker, concurrency)
    return latencies, errors, wall


def server_rss(port: int) -> int:
    """Resident memory in bytes of every `lixcheck serve` process listening on this port (parent and workers)."""
    total = 0
    needle = f"--port\0{port}\0".encode()
    for proc in Path("/proc").iterdir():
        if not proc.name.isdigit():
            continue
        try:
            if needle not in (proc / "cmdline").read_bytes() + b"\0":
                continue
            for line in (proc / "status").read_text().splitlines():
                if line.startswith("VmRSS:"):
                    total += int(line.split()[1]) * 1024
        except OSError:
            continue
    return total


def soak_requests(text: str):
    """(kind, method, path, body, headers, expected status) for the request mix; index i picks one."""
    letter = json.dumps({"text": text}).encode("utf-8")
    short = json.dumps({"text": "Vi har modtaget din ansøgning. Du får svar inden fire uger."}).encode("utf-8")
    boundary = "lixcheckloadboundary"

    def upload(data: bytes, name: str) -> bytes:
        return (f"--{boundary}\r\nContent-Disposition: form-data; name=\"file\"; filename=\"{name}\"\r\n"
                "Content-Type: application/octet-stream\r\n\r\n").encode() + data + f"\r\n--{boundary}--\r\n".encode()

    json_h = {"Content-Type": "application/json"}
    form_h = {"Content-Type": f"multipart/form-data; boundary={boundary}"}
    good = [("letter", "POST", "/api/v1/check", letter, json_h, 200),
            ("short", "POST", "/api/v1/check", short, json_h, 200),
            ("upload", "POST", "/api/v1/check", upload(text.encode("cp1252", "replace"), "brev.txt"), form_h, 200)]
    bad = [("bad-json", "POST", "/api/v1/check", b"{\"text\": ", json_h, 400),
           ("unknown-field", "POST", "/api/v1/check", b'{"tekst": "hej"}', json_h, 400),
           ("text-not-string", "POST", "/api/v1/check", b'{"text": 42}', json_h, 400),
           ("content-type", "POST", "/api/v1/check", b"text=hej", {"Content-Type": "text/plain"}, 415),
           ("binary-upload", "POST", "/api/v1/check", upload(bytes(range(256)) * 8, "x.txt"), form_h, 422),
           ("get", "GET", "/api/v1/check", None, {}, 405)]
    big = ("oversized", "POST", "/api/v1/check",
           json.dumps({"text": "Vi har modtaget din ansøgning. " * 340_000}).encode("utf-8"), json_h, 413)

    def pick(i: int):
        if i % 250 == 249:
            return big
        if i % 10 == 9:
            return bad[(i // 10) % len(bad)]
        return good[0] if i % 3 else good[1 + (i // 3) % 2]

    return pick


def soak(host: str, port: int, text: str, concurrency: int, total: int, warmup: int, timeout: float = 60) -> dict:
    pick = soak_requests(text)
    lock = threading.Lock()
    state = {"issued": 0, "done": 0, "by_status": {}, "unexpected": {}, "conn_errors": 0, "conn_error_kinds": {},
             "rss_warm": None}
    latencies: list[float] = []

    def one(conn, i):
        kind, method, path, body, headers, want = pick(i)
        t0 = time.perf_counter()
        try:
            conn.request(method, path, body=body, headers=headers)
            r = conn.getresponse()
            r.read()
            status = r.status
            if status == 503 and r.getheader("Retry-After"):
                want = 503  # the queue is full and the server says so: an answer, not an error
                kind = "busy"
            if r.getheader("Connection", "").lower() == "close":
                conn.close()
        except (OSError, http.client.HTTPException) as e:
            conn.close()
            status = 0
            kind = f"{kind}:{type(e).__name__}"
        return kind, status, want, time.perf_counter() - t0

    def worker():
        conn = http.client.HTTPConnection(host, port, timeout=timeout)
        try:
            while True:
                with lock:
                    if state["issued"] >= total:
                        return
                    i = state["issued"]
                    state["issued"] += 1
                kind, status, want, dt = one(conn, i)
                with lock:
                    state["done"] += 1
                    state["by_status"][status] = state["by_status"].get(status, 0) + 1
                    if status == 0:
                        state["conn_errors"] += 1
                        state["conn_error_kinds"][kind] = state["conn_error_kinds"].get(kind, 0) + 1
                    elif status != want:
                        key = f"{kind}:{status}"
                        state["unexpected"][key] = state["unexpected"].get(key, 0) + 1
                    if status == 200:
                        latencies.append(dt)
                    if kind == "busy":
                        state["busy"] = state.get("busy", 0) + 1
                    state["slowest"] = max(state.get("slowest", 0.0), dt)
                    if state["done"] == warmup:
                        state["rss_warm"] = server_rss(port)
        finally:
            conn.close()

    rss_start = server_rss(port)
    wall = run_threads(worker, concurrency)
    time.sleep(1.0)  # let the last answers' buffers go
    rss_end = server_rss(port)
    warm = state["rss_warm"] or rss_start
    return {
        "requests": state["done"],
        "concurrency": concurrency,
        "seconds": round(wall, 1),
        "requests_per_s": round(state["done"] / wall, 1) if wall else 0.0,
        "by_status": {str(k): v for k, v in sorted(state["by_status"].items())},
        "busy_503_with_retry_after": state.get("busy", 0),
        "server_errors_5xx": sum(v for k, v in state["by_status"].items() if k >= 500) - state.get("busy", 0),
        "connection_errors": state["conn_errors"],
        "connection_errors_by_request": state["conn_error_kinds"],
        "unexpected_status": state["unexpected"],
        "ok_p50_ms": round(statistics.median(latencies) * 1000, 1) if latencies else None,
        "ok_p95_ms": round(percentile(latencies, 95) * 1000, 1) if latencies else None,
        "ok_p999_ms": round(percentile(latencies, 99.9) * 1000, 1) if latencies else None,
        "slowest_ms": round(state.get("slowest", 0.0) * 1000, 1),
        "rss_start_mb": round(rss_start / 1e6, 1),
        "rss_after_warmup_mb": round(warm / 1e6, 1),
        "rss_end_mb": round(rss_end / 1e6, 1),
        "rss_growth_pct": round(100 * (rss_end - warm) / warm, 1) if warm else None,
    }


def main(argv=None) -> dict:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--requests", type=int, default=600, help="most requests in the concurrent phase")
    ap.add_argument("--seconds", type=float, default=20.0, help="longest concurrent phase")
    ap.add_argument("--sequential", type=int, default=100, help="requests in the one-at-a-time phase")
    ap.add_argument("--concurrency", type=int, default=8)
    ap.add_argument("--threads", type=int, default=8, help="waitress threads per process (lixcheck serve --threads)")
    ap.add_argument("--workers", type=int, default=os.cpu_count() or 1,
                    help="server processes (lixcheck serve --workers); default: one per core")
    ap.add_argument("--soak", type=int, default=0, help="soak mode: this many mixed requests (e.g. 10000)")
    ap.add_argument("--warmup", type=int, default=500, help="soak mode: requests before the memory baseline")
    ap.add_argument("--timeout", type=float, default=60.0, help="soak mode: seconds a client waits for an answer")
    ap.add_argument("--queue", type=int, default=None, help="lixcheck serve --queue (default: its own)")
    args = ap.parse_args(argv)

    text = letter()
    body = json.dumps({"text": text}).encode("utf-8")
    words = len(text.split())
    serve_args = ("--queue", str(args.queue)) if args.queue is not None else ()
    with tempfile.TemporaryDirectory() as tmp, lixcheck_server(Path(tmp), threads=args.threads, workers=args.workers,
                                                               args=serve_args) as base:
        host, port = base.removeprefix("http://").split(":")
        port = int(port)
        if args.soak:
            result = soak(host, port, text, args.concurrency, args.soak, min(args.warmup, args.soak), args.timeout)
            result.update({"cores": os.cpu_count(), "server_workers": args.workers, "server_threads": args.threads})
            ok = (not result["server_errors_5xx"] and not result["connection_errors"]
                  and not result["unexpected_status"] and (result["rss_growth_pct"] or 0) < 10)
            result["ok"] = ok
            print(json.dumps(result, indent=1))
            print(f"soak: {result['requests']} requests at concurrency {args.concurrency} in {result['seconds']} s "
                  f"({result['requests_per_s']}/s): {result['busy_503_with_retry_after']} busy (503 + Retry-After), "
                  f"{result['server_errors_5xx']} other 5xx, {result['connection_errors']} "
                  f"connection errors, unexpected statuses {result['unexpected_status'] or 'none'}; server RSS "
                  f"{result['rss_after_warmup_mb']} MB after warm-up -> {result['rss_end_mb']} MB "
                  f"({result['rss_growth_pct']} %) -> {'OK' if ok else 'FAILED'}")
            return result
        sequential(host, port, body, 20)  # warm-up
        seq = sequential(host, port, body, args.sequential)
        lat, errors, wall = concurrent(host, port, body, args.concurrency, args.requests, args.seconds)
    ms = 1000
    result = {
        "letter_words": words,
        "cores": os.cpu_count(),
        "server_workers": args.workers,
        "server_threads": args.threads,
        "single_p50_ms": round(statistics.median(seq) * ms, 1),
        "single_p95_ms": round(percentile(seq, 95) * ms, 1),
        "concurrency": args.concurrency,
        "requests": len(lat) + errors,
        "errors": errors,
        "requests_per_s": round(len(lat) / wall, 1) if wall else 0.0,
        "load_p50_ms": round(statistics.median(lat) * ms, 1) if lat else None,
        "load_p95_ms": round(percentile(lat, 95) * ms, 1) if lat else None,
    }
    print(f"lixcheck serve, POST /api/v1/check, one-page letter ({words} words), {result['cores']} cores, "
          f"{args.workers} server processes x {args.threads} waitress threads")
    print(f"  one at a time : p50 {result['single_p50_ms']} ms, p95 {result['single_p95_ms']} ms "
          f"({args.sequential} requests)")
    print(f"  concurrency {args.concurrency}: {result['requests_per_s']} requests/s, p50 {result['load_p50_ms']} ms, "
          f"p95 {result['load_p95_ms']} ms, {result['requests']} requests, {errors} errors")
    return result


if __name__ == "__main__":
    main()
