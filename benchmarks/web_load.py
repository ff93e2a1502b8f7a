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

    threads = [threading.Thread(target=worker) for _ in range(concurrency)]
    t0 = time.perf_counter()
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    wall = time.perf_counter() - t0
    return latencies, errors, wall


def main(argv=None) -> dict:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--requests", type=int, default=600, help="most requests in the concurrent phase")
    ap.add_argument("--seconds", type=float, default=20.0, help="longest concurrent phase")
    ap.add_argument("--sequential", type=int, default=100, help="requests in the one-at-a-time phase")
    ap.add_argument("--concurrency", type=int, default=8)
    ap.add_argument("--threads", type=int, default=8, help="waitress threads per process (lixcheck serve --threads)")
    ap.add_argument("--workers", type=int, default=os.cpu_count() or 1,
                    help="server processes (lixcheck serve --workers); default: one per core")
    args = ap.parse_args(argv)

    text = letter()
    body = json.dumps({"text": text}).encode("utf-8")
    words = len(text.split())
    with tempfile.TemporaryDirectory() as tmp, lixcheck_server(Path(tmp), threads=args.threads,
                                                                      workers=args.workers) as base:
        host, port = base.removeprefix("http://").split(":")
        port = int(port)
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
