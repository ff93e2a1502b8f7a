"""A real `lixcheck serve` (waitress) on 127.0.0.1 at a free port, for the web, LanguageTool and browser tests."""

from __future__ import annotations

import contextlib
import os
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
LIXCHECK = Path(sys.executable).parent / "lixcheck"


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@contextlib.contextmanager
def lixcheck_server(cwd: Path, *, threads: int = 4, workers: int = 1, timeout: float = 60.0, args: tuple = ()):
    """Yield the base URL of a running `lixcheck serve`; stop it afterwards. Its stderr is returned on failure.
    ``args``: more `lixcheck serve` options."""
    port = free_port()
    cmd = [str(LIXCHECK), "serve", "--host", "127.0.0.1", "--port", str(port), "--threads", str(threads),
           "--workers", str(workers), *args]
    env = {**os.environ, "PYTHONUNBUFFERED": "1"}
    # The server's output goes to a file, never to a pipe that nobody reads: once a pipe's 64 kB are full, the
    # server's next log line blocks its I/O thread and every connection of that worker hangs (this was the soak's
    # "12 requests unanswered for 60 s": waitress logs a warning per queued request under overload).
    log = tempfile.TemporaryFile()
    proc = subprocess.Popen(cmd, cwd=cwd, stdout=log, stderr=subprocess.STDOUT, env=env)
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + timeout
        while True:
            if proc.poll() is not None:
                log.seek(0)
                raise RuntimeError(f"lixcheck serve exited with {proc.returncode}: {log.read().decode()}")
            try:
                with urllib.request.urlopen(base + "/healthz", timeout=2) as r:
                    if r.status == 200:
                        break
            except OSError:
                pass
            if time.monotonic() > deadline:
                raise RuntimeError("lixcheck serve did not answer /healthz in time")
            time.sleep(0.1)
        yield base
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()
        log.close()
