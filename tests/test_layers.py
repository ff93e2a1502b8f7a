"""The layers hold: read every import of lixcheck's modules (also imports inside functions) and check who may import
whom, and that no modules import each other in a circle. docs/architecture.md draws the layers;
`python tests/test_layers.py` prints the import graph in Graphviz dot format.

    search    → nothing else of lixcheck (the text-search layer: regexes searched only where they can match)
    core      errors, model, document, config, kinds, privacy, version, readability, textstat_compat, nlp, search
    letter    → core                     (the Letter view, anatomy, organisations, the letter data; never the engine)
    readers   → core                     (never the engine, the checks or the analysis)
    engine    → core, letter, readers    (never the checks: they sit above it and register with it)
    checks    → engine, core
    analysis  → engine, checks, core
    checker   → analysis, readers, writers, core: the front door
    writers   → model, readers           (never the engine or the analysis)
    fronts    library API (lixcheck/__init__), cli, console, rules_cli, batch, web → the Checker and the public API
"""

from __future__ import annotations

import ast
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PACKAGES = {"lixcheck": ROOT / "lixcheck", "lixcheck.web": ROOT / "web"}  # (web ships as lixcheck.web)


def modules() -> dict[str, Path]:
    out = {}
    for package, folder in PACKAGES.items():
        for path in sorted(folder.rglob("*.py")):
            rel = path.relative_to(folder).with_suffix("")
            parts = [p for p in rel.parts if p != "__init__"]
            out[".".join([package, *parts])] = path
    return out


def imports(name: str, path: Path, known: set[str]) -> set[str]:
    """The lixcheck modules ``name`` imports anywhere in its file (resolved, submodules where they are named)."""
    is_package = path.name == "__init__.py"
    out = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            targets = [a.name for a in node.names]
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = name.split(".")
                base = base[: len(base) - node.level + (1 if is_package else 0)]
                module = ".".join(base + ([node.module] if node.module else []))
            else:
                module = node.module or ""
            # "from . import x": x is a submodule, or a name in the package
            targets = [f"{module}.{a.name}" if f"{module}.{a.name}" in known else module for a in node.names]
        else:
            continue
        for t in targets:
            while t and t not in known and "." in t:
                t = t.rsplit(".", 1)[0]  # "lixcheck.engine.base.Hit" → the module that holds it
            if t in known and t != name:
                out.add(t)
    return out


def graph() -> dict[str, set[str]]:
    mods = modules()
    known = set(mods)
    return {name: imports(name, path, known) for name, path in mods.items()}


def _in(module: str, *layers: str) -> bool:
    return any(module == layer or module.startswith(layer + ".") for layer in layers)


FRONTS = ("lixcheck.cli", "lixcheck.console", "lixcheck.rules_cli", "lixcheck.batch", "lixcheck.web")
# What fronts may not reach past the Checker for.
INTERNALS = ("lixcheck.readers", "lixcheck.nlp", "lixcheck.analysis", "lixcheck.engine", "lixcheck.checks")
# The public API the web app may use: the package itself, the model, the table of kinds, the errors, the writers.
WEB_MAY_IMPORT = ("lixcheck", "lixcheck.model", "lixcheck.kinds", "lixcheck.errors", "lixcheck.version",
                  "lixcheck.writers")


def violations(g: dict[str, set[str]]) -> list[str]:
    out = []
    for a, targets in sorted(g.items()):
        for b in sorted(targets):
            why = None
            if _in(a, "lixcheck.search") and not _in(b, "lixcheck.search"):
                why = "the search layer imports nothing else of lixcheck"
            elif _in(a, "lixcheck.letter") and _in(b, "lixcheck.engine", "lixcheck.checks", "lixcheck.analysis",
                                                    "lixcheck.checker"):
                why = "the letter view and anatomy never import the engine, the checks or the analysis"
            elif _in(a, "lixcheck.readers") and _in(b, "lixcheck.engine", "lixcheck.checks", "lixcheck.analysis",
                                                     "lixcheck.checker"):
                why = "readers never import the engine, the checks or the analysis"
            elif _in(a, "lixcheck.writers") and _in(b, "lixcheck.engine", "lixcheck.checks", "lixcheck.analysis",
                                                     "lixcheck.checker"):
                why = "writers never import the engine or the analysis"
            elif _in(a, "lixcheck.engine") and _in(b, "lixcheck.checks", "lixcheck.analysis", "lixcheck.checker"):
                why = "the engine never imports the checks (nor what sits above it)"
            elif _in(a, "lixcheck.web") and not (_in(b, "lixcheck.web") or b in WEB_MAY_IMPORT
                                                 or _in(b, "lixcheck.writers")):
                why = "web imports only the public API, the model and the writers"
            elif not _in(a, *FRONTS) and a != "lixcheck" and _in(b, *FRONTS):
                why = "the core never imports web, CLI or batch"
            elif (_in(a, *FRONTS) or a == "lixcheck") and _in(b, *INTERNALS):
                why = "fronts go through the Checker, not to readers, NLP, analysis, engine or checks"
            if why:
                out.append(f"{a} imports {b}: {why}")
    return out


def cycles(g: dict[str, set[str]]) -> list[list[str]]:
    """Strongly connected components of more than one module (Tarjan)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on: set[str] = set()
    out: list[list[str]] = []
    counter = [0]
    sys.setrecursionlimit(max(10_000, sys.getrecursionlimit()))

    def visit(v: str) -> None:
        index[v] = low[v] = counter[0]
        counter[0] += 1
        stack.append(v)
        on.add(v)
        for w in sorted(g.get(v, ())):
            if w not in index:
                visit(w)
                low[v] = min(low[v], low[w])
            elif w in on:
                low[v] = min(low[v], index[w])
        if low[v] == index[v]:
            comp = []
            while True:
                w = stack.pop()
                on.discard(w)
                comp.append(w)
                if w == v:
                    break
            if len(comp) > 1:
                out.append(sorted(comp))

    for v in sorted(g):
        if v not in index:
            visit(v)
    return out


def test_the_graph_is_read():
    g = graph()
    assert "lixcheck.checker" in g and "lixcheck.web.checking" in g
    assert "lixcheck.analysis" in g["lixcheck.checker"]  # a function-level import counts
    assert "lixcheck.engine.base" in g["lixcheck.engine.ruleset"]


# Imports still to move: none since the checks restructure (issue 18) moved the search layer out of checks/ and
# broke anatomy ↔ sender. Add a line here only for a move under way; the test fails on a line no longer needed.
PENDING: set[str] = set()
PENDING_CYCLES: list[list[str]] = []


def test_layers_hold():
    found = {v.split(":")[0]: v for v in violations(graph())}
    assert sorted(v for k, v in found.items() if k not in PENDING) == []
    assert sorted(PENDING - set(found)) == [], "no longer needed in PENDING"


def test_no_import_cycles():
    assert cycles(graph()) == PENDING_CYCLES


def test_the_checks_catch_what_they_promise():
    g = {"lixcheck.engine.metrics": {"lixcheck.checks.decision"}, "lixcheck.web.ui": {"lixcheck.readers.text"},
         "lixcheck.readability": {"lixcheck.batch.store"}, "lixcheck.a": {"lixcheck.b"}, "lixcheck.b": {"lixcheck.a"},
         "lixcheck.search.names": {"lixcheck.errors"}, "lixcheck.letter.view": {"lixcheck.engine.base"}}
    assert len(violations(g)) == 5
    assert cycles(g) == [["lixcheck.a", "lixcheck.b"]]


if __name__ == "__main__":  # the import graph for Graphviz: python tests/test_layers.py | dot -Tsvg > layers.svg
    print("digraph lixcheck {\n  rankdir=BT; node [shape=box, fontsize=10];")
    for a, targets in sorted(graph().items()):
        for b in sorted(targets):
            print(f'  "{a}" -> "{b}";')
    print("}")
