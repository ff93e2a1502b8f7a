"""Serving the app with waitress: one process with threads, or several worker processes on one listening socket.

lixcheck's checks are CPU-bound Python, so threads in one process share one core (the GIL). ``workers > 1`` forks
that many processes after binding the socket (POSIX only); each loads its own pipeline and the kernel hands each new
connection to one of them. All workers share one CSRF secret, so a form from one is accepted by another.

Under overload the server answers instead of hanging: each process runs at most ``threads`` requests at once and
lets at most ``queue`` more wait, each at most ``max_wait`` seconds (Gate); every other request gets 503 with
``Retry-After`` at once. Waitress gets enough threads for all of them plus a few spare ones that give the 503
answers, so no request sits unseen in waitress's own task queue.
"""

from __future__ import annotations

import os
import secrets
import signal
import socket
import sys
import threading
import time

OUTBUF_IN_MEMORY = 512 * 1024 * 1024
QUEUE = 32  # requests that may wait for a free thread, per process
MAX_WAIT = 20.0  # seconds a request may wait in that queue before it gets 503
RETRY_AFTER = 5  # seconds, in the 503 answer's Retry-After
SPARE_THREADS = 4  # waitress threads beyond threads + queue: they answer 503 when the queue is full
CONNECTION_LIMIT = 500  # open connections per process (waitress's default of 100 would leave more in the backlog)
BUSY_DA = "Serveren har travlt lige nu. Prøv igen om lidt."


class Gate:
    """WSGI middleware: at most ``slots`` requests in the app at once, at most ``queue`` more waiting (each for at
    most ``max_wait`` seconds); the rest, and those that waited too long, get 503 with Retry-After. /healthz is
    never held back (a load balancer asks it while the server is busy)."""

    def __init__(self, app, *, slots: int, queue: int = QUEUE, max_wait: float = MAX_WAIT,
                 retry_after: int = RETRY_AFTER):
        self.app = app
        self.slots = slots
        self.queue = queue
        self.max_wait = max_wait
        self.retry_after = retry_after
        self.running = 0
        self.waiting = 0
        self.refused = 0
        self._cv = threading.Condition()

    def _enter(self) -> bool:
        with self._cv:
            if self.running < self.slots:
                self.running += 1
                return True
            if self.waiting >= self.queue:
                self.refused += 1
                return False
            self.waiting += 1
            deadline = time.monotonic() + self.max_wait
            try:
                while self.running >= self.slots:
                    left = deadline - time.monotonic()
                    if left <= 0:
                        self.refused += 1
                        return False
                    self._cv.wait(left)
                self.running += 1
                return True
            finally:
                self.waiting -= 1

    def _leave(self) -> None:
        with self._cv:
            self.running -= 1
            self._cv.notify()

    def __call__(self, environ, start_response):
        if environ.get("PATH_INFO") == "/healthz":
            return self.app(environ, start_response)
        if not self._enter():
            return busy(environ, start_response, self.retry_after)
        try:
            # Flask builds the whole answer here (lixcheck streams nothing), so the slot is free when it returns.
            return self.app(environ, start_response)
        finally:
            self._leave()


def busy(environ, start_response, retry_after: int = RETRY_AFTER):
    """503 with Retry-After: JSON (as every API error) under /api/ and /v2/, a short Danish page elsewhere."""
    import json

    path = environ.get("PATH_INFO", "")
    if path.startswith(("/api/", "/v2/")):
        body = json.dumps({"error": {"status": 503, "code": "busy", "message": BUSY_DA}}, ensure_ascii=False)
        ctype = "application/json"
    else:
        body = (f'<!doctype html><html lang="da"><meta charset="utf-8"><title>lixcheck</title>'
                f"<p>{BUSY_DA}</p></html>")
        ctype = "text/html; charset=utf-8"
    data = body.encode("utf-8")
    start_response("503 Service Unavailable", [("Content-Type", ctype), ("Content-Length", str(len(data))),
                                               ("Retry-After", str(retry_after)), ("Cache-Control", "no-store")])
    return [data]


def waitress_options(max_body: int) -> dict:
    """Waitress settings: bodies up to the limit and answers up to 512 MB stay in memory. Waitress's defaults spool
    requests over 512 kB and answers over 1 MB to temporary files, which would put letter text on disk. poll()
    instead of select(), whose 1,024-descriptor limit the connection limit would pass."""
    return {"ident": "lixcheck", "max_request_body_size": max_body, "inbuf_overflow": max_body + 1,
            "outbuf_overflow": OUTBUF_IN_MEMORY, "connection_limit": CONNECTION_LIMIT, "asyncore_use_poll": True}


def proxy_options(trusted_proxy: str | None = None, trusted_proxy_headers: str | None = None,
                  url_prefix: str = "") -> dict:
    """Waitress's own settings for running behind a reverse proxy (see deploy/nginx.conf): ``trusted_proxy`` the
    proxy's address ("*" for any), whose ``trusted_proxy_headers`` (space-separated: x-forwarded-for,
    x-forwarded-host, x-forwarded-proto, x-forwarded-port, x-forwarded-by, forwarded) waitress then applies and
    clears from everybody else; ``url_prefix`` the path the app is served under ("/lixcheck")."""
    out: dict = {}
    if trusted_proxy:
        out["trusted_proxy"] = trusted_proxy
        out["trusted_proxy_headers"] = trusted_proxy_headers or DEFAULT_PROXY_HEADERS
        out["clear_untrusted_proxy_headers"] = True
    if url_prefix:
        out["url_prefix"] = url_prefix
    return out


DEFAULT_PROXY_HEADERS = "x-forwarded-for x-forwarded-host x-forwarded-proto x-forwarded-port"


def _waitress(app, sock: socket.socket, threads: int, max_body: int, queue: int = QUEUE,
              max_wait: float = MAX_WAIT, proxy: dict | None = None) -> None:
    import logging

    import waitress

    # Waitress warns "Task queue depth is N" for every request that waits for a thread: under load that is a line
    # per request, and a log that is read slowly (or a pipe nobody reads) then blocks the I/O thread that writes it,
    # so that every connection of the process hangs. The Gate says what waiting means here (503 + Retry-After).
    logging.getLogger("waitress.queue").setLevel(logging.ERROR)

    gated = Gate(app, slots=threads, queue=queue, max_wait=max_wait)
    waitress.serve(gated, sockets=[sock], threads=threads + queue + SPARE_THREADS, _quiet=True,
                   **waitress_options(max_body), **(proxy or {}))


def bind(host: str, port: int) -> socket.socket:
    sock = socket.create_server((host, port), family=socket.AF_INET6 if ":" in host else socket.AF_INET,
                                backlog=1024, reuse_port=False)
    sock.setblocking(False)
    return sock


M_MMAP_THRESHOLD = -3  # glibc mallopt parameter
MMAP_THRESHOLD = 128 * 1024


def return_large_buffers() -> bool:
    """Fix glibc's mmap threshold at 128 kB so request-sized buffers are mapped and given back to the system when
    freed. glibc otherwise raises the threshold after freeing a large buffer, and later uploads of that size come from
    per-thread heaps that never shrink: in a 10,000-request soak with some oversized uploads the server's memory grew
    by 66 % (and stayed); with the fixed threshold it stays flat. No effect where glibc is not the C library."""
    try:
        import ctypes

        return bool(ctypes.CDLL("libc.so.6").mallopt(M_MMAP_THRESHOLD, MMAP_THRESHOLD))
    except (OSError, AttributeError):
        return False


def serve(config, *, host: str = "127.0.0.1", port: int = 8000, threads: int = 4, workers: int = 1,
          queue: int = QUEUE, max_wait: float = MAX_WAIT, proxy: dict | None = None, announce=None) -> None:
    """Serve until interrupted. Raises OSError when the address cannot be bound, ConfigError for a bad config.
    ``queue``/``max_wait``: see Gate; ``proxy``: proxy_options()."""
    from . import create_app

    if proxy:
        from waitress.adjustments import Adjustments

        Adjustments(**proxy)  # a wrong proxy setting fails now, with waitress's own message (ValueError)
    os.environ.setdefault("LIXCHECK_SECRET_KEY", secrets.token_hex(32))
    return_large_buffers()  # before forking: the workers inherit it
    sock = bind(host, port)
    if workers <= 1:
        app = create_app({"LIXCHECK": config})
        if announce:
            announce()
        _waitress(app, sock, threads, 2 * app.config["MAX_CONTENT_LENGTH"], queue, max_wait, proxy)
        return
    if not hasattr(os, "fork"):
        raise OSError(0, "several worker processes need a POSIX system (os.fork)")
    create_app({"LIXCHECK": config})  # fail early on a bad configuration, before forking
    children = []
    for _ in range(workers):
        pid = os.fork()
        if pid == 0:  # worker
            signal.signal(signal.SIGTERM, signal.SIG_DFL)
            signal.signal(signal.SIGINT, signal.SIG_DFL)
            try:
                app = create_app({"LIXCHECK": config})
                _waitress(app, sock, threads, 2 * app.config["MAX_CONTENT_LENGTH"], queue, max_wait, proxy)
            finally:
                os._exit(0)
        children.append(pid)
    sock.close()
    if announce:
        announce()

    def stop(signum, frame):
        for pid in children:
            try:
                os.kill(pid, signal.SIGTERM)
            except ProcessLookupError:
                pass

    signal.signal(signal.SIGTERM, stop)
    signal.signal(signal.SIGINT, stop)
    try:
        os.wait()  # the first worker that ends (or a signal) ends the server
    except ChildProcessError:
        pass
    stop(None, None)
    for pid in children:
        try:
            os.waitpid(pid, 0)
        except ChildProcessError:
            pass
    sys.stdout.flush()
