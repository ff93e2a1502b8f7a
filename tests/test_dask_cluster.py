"""`lixcheck batch --engine dask --scheduler ADDRESS` against a real external Dask cluster: a `dask scheduler` and a
`dask worker` started as their own processes, as the README's "Running on a real Dask cluster" tells an operator to.

Skips with a message when the batch extra (dask[distributed]) is not installed; the test extra installs it.
"""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from lixcheck.batch.runner import run
from lixcheck.batch.store import Store
from lixcheck.config import Config

pytest.importorskip("distributed", reason="dask[distributed] is not installed (pip install 'lixcheck[batch]')")

ROOT = Path(__file__).resolve().parent.parent
DASK = Path(sys.executable).with_name("dask")


def _generator():
    import importlib.util

    spec = importlib.util.spec_from_file_location("corpus_generate", ROOT / "corpus" / "generate.py")
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


def _results(out: Path) -> list[dict]:
    with Store(out, readonly=True) as store:
        return sorted(store.results(), key=lambda r: r["id"])


def _stop(proc: subprocess.Popen) -> None:
    if proc.poll() is None:
        proc.send_signal(signal.SIGINT)  # dask's processes shut down cleanly on SIGINT
        try:
            proc.wait(timeout=20)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait(timeout=10)


@pytest.fixture
def cluster(tmp_path):
    """A scheduler and one worker (one process, one thread: spaCy work is CPU-bound), each its own process."""
    if not DASK.exists():
        pytest.skip(f"the dask command is not installed next to {sys.executable}")
    scheduler_file = tmp_path / "scheduler.json"
    logs = tmp_path / "logs"
    logs.mkdir()
    env = dict(os.environ)
    procs = []
    try:
        procs.append(subprocess.Popen(
            [str(DASK), "scheduler", "--host", "127.0.0.1", "--port", "0", "--no-dashboard",
             "--scheduler-file", str(scheduler_file)],
            stdout=subprocess.DEVNULL, stderr=(logs / "scheduler.log").open("wb"), env=env))
        deadline = time.monotonic() + 60
        while not scheduler_file.exists() or not scheduler_file.read_text().strip():
            assert procs[0].poll() is None, (logs / "scheduler.log").read_text()[-2000:]
            assert time.monotonic() < deadline, "the scheduler did not start in 60 s"
            time.sleep(0.2)
        time.sleep(0.2)  # (the file is written in one go, but give a slow disk a moment)
        address = json.loads(scheduler_file.read_text())["address"]
        procs.append(subprocess.Popen(
            [str(DASK), "worker", address, "--nworkers", "1", "--nthreads", "1", "--no-dashboard",
             "--host", "127.0.0.1", "--local-directory", str(tmp_path / "worker")],
            stdout=subprocess.DEVNULL, stderr=(logs / "worker.log").open("wb"), env=env, cwd=tmp_path))
        from distributed import Client

        with Client(address, timeout=60) as client:
            client.wait_for_workers(1, timeout=90)
        yield address
    finally:
        for proc in reversed(procs):
            _stop(proc)


def test_batch_runs_on_an_external_scheduler(tmp_path, cluster):
    gen = _generator()
    jsonl = gen.write(tmp_path / "in", 60, 11, "jsonl")
    out = tmp_path / "dask-out"
    proc = subprocess.run([sys.executable, "-m", "lixcheck.cli", "batch", str(jsonl), "--out", str(out),
                           "--engine", "dask", "--scheduler", cluster, "--shard-size", "15", "--quiet"],
                          capture_output=True, text=True, timeout=300)
    assert proc.returncode == 0, proc.stderr[-2000:]
    with Store(out, readonly=True) as store:
        assert store.meta()["last_run"]["engine"] == "dask"
    # The external worker checked every letter, and the results are those of the local engine.
    run([str(jsonl)], tmp_path / "local", config=Config(), engine="local", workers=2, shard_size=15)
    external, local = _results(out), _results(tmp_path / "local")
    assert len(external) == 60 and all(r["status"] == "ok" for r in external)
    assert external == local


def test_unreachable_scheduler_is_a_clear_error(tmp_path):
    jsonl = _generator().write(tmp_path / "in", 3, 1, "jsonl")
    proc = subprocess.run([sys.executable, "-m", "lixcheck.cli", "batch", str(jsonl), "--out", str(tmp_path / "o"),
                           "--engine", "dask", "--scheduler", "tcp://127.0.0.1:9", "--quiet"],
                          capture_output=True, text=True, timeout=120,
                          env={**os.environ, "DASK_DISTRIBUTED__COMM__TIMEOUTS__CONNECT": "3s"})
    assert proc.returncode != 0
    assert "Traceback" not in proc.stderr
    assert "kørslen stoppede" in proc.stderr
