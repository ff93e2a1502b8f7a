"""Serving the app with waitress: one process with threads, or several worker processes on one listening socket.

lixcheck's checks are CPU-bound Python, so threads in one process share one core (the GIL). ``workers > 1`` forks
that many processes after binding the socket (POSIX only); each loads its own pipeline and the kernel hands each new
connection to one of them. All workers share one CSRF secret, so a form from one is accepted by another.
"""

from __future__ import annotations

import os
import secrets
import signal
import socket
import sys

OUTBUF_IN_MEMORY = 512 * 1024 * 1024


def waitress_options(max_body: int) -> dict:
    """Waitress settings: bodies up to the limit and answers up to 512 MB stay in memory. Waitress's defaults spool
    requests over 512 kB and answers over 1 MB to temporary files, which would put letter text on disk."""
    return {"ident": "lixcheck", "max_request_body_size": max_body, "inbuf_overflow": max_body + 1,
            "outbuf_overflow": OUTBUF_IN_MEMORY}


def _waitress(app, sock: socket.socket, threads: int, max_body: int) -> None:
    import waitress

    waitress.serve(app, sockets=[sock], threads=threads, _quiet=True, **waitress_options(max_body))


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
          announce=None) -> None:
    """Serve until interrupted. Raises OSError when the address cannot be bound, ConfigError for a bad config."""
    from . import create_app

    os.environ.setdefault("LIXCHECK_SECRET_KEY", secrets.token_hex(32))
    return_large_buffers()  # before forking: the workers inherit it
    sock = bind(host, port)
    if workers <= 1:
        app = create_app({"LIXCHECK": config})
        if announce:
            announce()
        _waitress(app, sock, threads, 2 * app.config["MAX_CONTENT_LENGTH"])
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
                _waitress(app, sock, threads, 2 * app.config["MAX_CONTENT_LENGTH"])
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
