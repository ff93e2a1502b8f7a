"""lixcheck.search.retree reads Python's private regex parse tree; on a Python whose internals differ, say so loudly.

Without the tree the searches still give the right results (every pattern runs plain), only slower: a silent
slow-down is what this test is here to catch after a Python upgrade.
"""

from __future__ import annotations

import ast
import re
from pathlib import Path

from lixcheck.search import prefilter, retree

ROOT = Path(__file__).resolve().parent.parent


def test_the_parse_tree_can_be_read_on_this_python():
    assert not retree.PROBLEM, (
        f"lixcheck/search/retree.py cannot read the regular-expression parse tree of {retree.VERSION}: "
        f"{retree.PROBLEM}. Every search still gives the right results, but without its pre-filter (check() is "
        f"several times slower). Update retree.py to this Python's re._parser / re._constants.")


def test_a_pattern_is_analysed_through_it():
    assert prefilter.needles(re.compile(r"\bafgørelse om\b", re.IGNORECASE)) == ("afgørelse om",)
    tree = retree.parse(r"ab(?:c|de)x*", 0)
    assert tree.width() == (3, None) and [op for op, _ in tree.items][:2] == [retree.LITERAL, retree.LITERAL]


def test_without_the_tree_searches_run_plain(monkeypatch):
    monkeypatch.setattr(retree, "PROBLEM", "simulated")
    prefilter._analysis.cache_clear()
    try:
        g = prefilter.Guarded(re.compile(r"\bklage\w*", re.IGNORECASE))
        assert g.needles is None and g.prefixes is None
        assert g.search("Du kan klage.").span() == (7, 12)
    finally:
        prefilter._analysis.cache_clear()


def test_no_other_module_imports_the_internals():
    """The private modules are imported in retree.py only (so one module changes with Python)."""
    offenders = []
    for path in (ROOT / "lixcheck").rglob("*.py"):
        if path.name == "retree.py" and path.parent.name == "search":
            continue
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            names = []
            if isinstance(node, ast.Import):
                names = [a.name for a in node.names]
            elif isinstance(node, ast.ImportFrom):
                names = [node.module or ""] + [f"{node.module}.{a.name}" for a in node.names]
            if any(n.split(".")[:2] in (["re", "_parser"], ["re", "_constants"], ["re", "_compiler"])
                   or n.split(".")[0] in ("sre_parse", "sre_constants", "sre_compile") for n in names):
                offenders.append(str(path.relative_to(ROOT)))
    assert offenders == []
