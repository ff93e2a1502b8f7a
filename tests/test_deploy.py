"""Deploying: deploy/Dockerfile's install and start steps run in a fresh virtual environment (no container can run
here) and /healthz answers as its HEALTHCHECK asks; the systemd unit and the nginx example use options that exist;
`lixcheck init` writes a commented lixcheck.toml that loads; LICENSE and CHANGELOG are there."""

from __future__ import annotations

import json
import os
import re
import shlex
import shutil
import subprocess
import sys
import time
import tomllib
import urllib.request
from pathlib import Path

import pytest
from click.testing import CliRunner
from web_server import free_port

from lixcheck.cli import main
from lixcheck.config import Config, load_file

ROOT = Path(__file__).resolve().parent.parent
DEPLOY = ROOT / "deploy"


def dockerfile() -> list[tuple[str, str]]:
    """(instruction, arguments) per Dockerfile instruction, continuation lines joined."""
    text = re.sub(r"\\\n\s*", " ", (DEPLOY / "Dockerfile").read_text(encoding="utf-8"))
    out = []
    for line in text.splitlines():
        line = line.strip()
        if line and not line.startswith("#"):
            instr, _, args = line.partition(" ")
            out.append((instr.upper(), args.strip()))
    return out


def test_dockerfile_is_slim_non_root_and_checks_healthz():
    steps = dockerfile()
    assert steps[0] == ("FROM", "python:3.11-slim")
    users = [a for i, a in steps if i == "USER"]
    assert users and users[-1] not in ("root", "0")
    health = [a for i, a in steps if i == "HEALTHCHECK"]
    assert len(health) == 1 and "/healthz" in health[0]
    cmd = json.loads(next(a for i, a in steps if i == "CMD"))
    assert cmd[:2] == ["lixcheck", "serve"] and cmd[cmd.index("--host") + 1] == "0.0.0.0"
    # the instructions after USER run as that user: nothing is installed there
    after_user = steps[[i for i, _ in steps].index("USER"):]
    assert not [a for i, a in after_user if i == "RUN"]


def test_dockerfile_install_and_start_steps_in_a_fresh_venv(tmp_path):
    """The Dockerfile's COPY, `RUN pip install` and CMD steps, in a fresh venv in place of the image's Python; then
    the HEALTHCHECK's own command against the running server. (pip's cache is used: PIP_NO_CACHE_DIR is left out.)"""
    steps = dockerfile()
    env = {k: v for k, v in os.environ.items() if not k.startswith(("LIXCHECK", "VIRTUAL_ENV", "PYTHON"))}
    for instr, args in steps:
        if instr == "ENV":
            for pair in shlex.split(args):
                key, _, value = pair.partition("=")
                if key != "PIP_NO_CACHE_DIR":
                    env[key] = value
    venv = tmp_path / "venv"
    subprocess.run([sys.executable, "-m", "venv", str(venv)], check=True, timeout=120)
    env["PATH"] = f"{venv / 'bin'}{os.pathsep}{env.get('PATH', '')}"
    workdir = tmp_path / "root"
    cwd = workdir
    installs = 0
    for instr, args in steps:
        if instr == "WORKDIR":
            cwd = workdir / args.lstrip("/")
            cwd.mkdir(parents=True, exist_ok=True)
        elif instr == "COPY":
            *sources, dest = shlex.split(args)
            target = cwd / dest
            for src in sources:
                path = ROOT / src
                if path.is_dir():
                    shutil.copytree(path, target, ignore=shutil.ignore_patterns("__pycache__", "*.egg-info"))
                else:
                    shutil.copy(path, target / path.name if dest.endswith("/") else target)
        elif instr == "RUN" and "pip install" in args:
            r = subprocess.run(args, shell=True, cwd=cwd, env=env, capture_output=True, text=True, timeout=600)
            assert r.returncode == 0, r.stdout[-3000:] + r.stderr[-3000:]
            installs += 1
    assert installs == 1
    assert not (venv / "bin" / "pytest").exists()  # only what the image gets

    port = str(free_port())
    cmd = json.loads(next(a for i, a in steps if i == "CMD"))
    cmd[cmd.index("--port") + 1] = port
    health = next(a for i, a in steps if i == "HEALTHCHECK")
    health_cmd = health[health.index("CMD ") + 4:].replace("8000", port)
    home = tmp_path / "home"
    home.mkdir()
    proc = subprocess.Popen(cmd, cwd=home, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    try:
        deadline = time.monotonic() + 120
        while True:
            assert proc.poll() is None, proc.stderr.read().decode()
            try:
                with urllib.request.urlopen(f"http://127.0.0.1:{port}/healthz", timeout=2) as r:
                    assert json.loads(r.read())["status"] == "ok"
                    break
            except OSError:
                assert time.monotonic() < deadline, "no /healthz in 120 s"
                time.sleep(0.25)
        r = subprocess.run(health_cmd, shell=True, cwd=home, env=env, capture_output=True, text=True, timeout=30)
        assert r.returncode == 0, r.stderr
    finally:
        proc.terminate()
        proc.wait(20)
        proc.stdout.close()
        proc.stderr.close()
    assert list(home.iterdir()) == []  # the server wrote nothing


def serve_options() -> set[str]:
    out = CliRunner().invoke(main, ["serve", "--help"]).output
    return set(re.findall(r"(--[a-z][a-z-]+)", out))


def test_systemd_unit_uses_options_that_exist():
    unit = (DEPLOY / "lixcheck.service").read_text(encoding="utf-8")
    exec_start = re.search(r"^ExecStart=(.+)$", unit, re.M).group(1)
    args = shlex.split(exec_start)
    assert args[0].endswith("/bin/lixcheck") and args[1] == "serve"
    assert {a for a in args if a.startswith("--")} <= serve_options()
    assert "User=lixcheck" in unit and "NoNewPrivileges=yes" in unit
    assert re.search(r"^WantedBy=multi-user.target$", unit, re.M)


def test_nginx_example_matches_the_serve_options():
    conf = (DEPLOY / "nginx.conf").read_text(encoding="utf-8")
    serve_line = re.search(r"#\s+(lixcheck serve .+)", conf).group(1)
    args = shlex.split(serve_line)
    assert {a for a in args if a.startswith("--")} <= serve_options()
    prefix = args[args.index("--url-prefix") + 1]
    assert f"location {prefix}/ " in conf
    from lixcheck.web.serving import DEFAULT_PROXY_HEADERS

    for header in DEFAULT_PROXY_HEADERS.split():  # every header lixcheck trusts by default is set by the proxy
        assert re.search(rf"proxy_set_header {header}\b", conf, re.I), header
    assert "client_body_buffer_size 16m" in conf and "proxy_max_temp_file_size 0" in conf


# -- lixcheck init -------------------------------------------------------------------------------------------------

def test_init_writes_a_commented_config_that_loads(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    r = CliRunner().invoke(main, ["init"])
    assert r.exit_code == 0, r.output
    path = tmp_path / "lixcheck.toml"
    assert load_file(path) == Config()  # every setting is shown, commented out, at its default
    text = path.read_text(encoding="utf-8")
    for key in Config.__dataclass_fields__:
        assert re.search(rf"^# {key} = ", text, re.M) or key == "rules" and "# [rules]" in text, key
    # every commented example is valid too: uncommented, the file loads (rule ids and kinds included)
    uncommented = re.sub(r"^# ((?:[\w\"*.-]+ = .+)|(?:\[rules[\w.-]*\]))$", r"\1", text, flags=re.M)
    data = tomllib.loads(uncommented)
    assert set(data) == set(Config.__dataclass_fields__)
    (tmp_path / "all.toml").write_text(uncommented, encoding="utf-8")
    (tmp_path / "regler").mkdir()  # the example's folder of own rule files (relative to the current folder)
    from lixcheck import Checker

    checker = Checker.from_file(tmp_path / "all.toml")
    assert checker.threshold("long-sentence", "decision") == 30


def test_init_refuses_to_overwrite(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "lixcheck.toml").write_text("min_words = 5\n", encoding="utf-8")
    r = CliRunner().invoke(main, ["init"])
    assert r.exit_code == 2 and "findes allerede" in r.output
    assert (tmp_path / "lixcheck.toml").read_text(encoding="utf-8") == "min_words = 5\n"
    r = CliRunner().invoke(main, ["init", str(tmp_path / "andet.toml")])
    assert r.exit_code == 0 and load_file(tmp_path / "andet.toml") == Config()


def test_init_comments_are_plain_danish():
    """The Danish comments pass lixcheck's own checks: no errors, no officialese."""
    import lixcheck

    text = (ROOT / "lixcheck" / "data" / "lixcheck.toml").read_text(encoding="utf-8")
    prose = "\n".join(line[2:] for line in text.splitlines() if line.startswith("# ") and " = " not in line
                      and not line.startswith("# ["))
    report = lixcheck.check(prose, kind="information")
    assert report.lix.value is not None and report.lix.value < 45
    assert not [f for f in report.findings if f.severity == "error" or f.rule in ("jargon", "formal-address")]


# -- LICENSE and CHANGELOG -----------------------------------------------------------------------------------------

def test_license_names_every_vendored_licence():
    """Every licence file in the repository (a vendored package's, shipped data's) is named in LICENSE."""
    text = (ROOT / "LICENSE").read_text(encoding="utf-8")
    assert text.startswith("MIT License")
    assert tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]["license"] == {"text": "MIT"}
    skip = {".git", ".venv", "node_modules", "corpus", ".pytest_cache", ".hypothesis"}
    for licence in sorted(ROOT.rglob("*LICEN[CS]E*")):
        rel = licence.relative_to(ROOT)
        if rel == Path("LICENSE") or skip & set(rel.parts) or any(p.endswith(".egg-info") for p in rel.parts):
            continue
        assert rel.as_posix() in text, f"{rel} is a third-party licence but LICENSE does not name it"
    assert "ADD NEW VENDORED CODE OR SHIPPED DATA BELOW THIS LINE" in text
    assert "UD Danish-DDT" in text and "CC BY-SA 4.0" in text


@pytest.mark.parametrize("name", ["CHANGELOG.md"])
def test_changelog_marks_contract_changes(name):
    text = (ROOT / name).read_text(encoding="utf-8")
    assert "## Unreleased" in text and "### Contract changes" in text
    assert "--format json" in text and "check_file" in text
