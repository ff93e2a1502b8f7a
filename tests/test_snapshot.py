"""check() over every corpus text gives exactly the stored results (scripts/snapshot.py).

Refactorings must leave this unchanged. A change meant to alter results runs `python scripts/snapshot.py --update`
and says in its commit what changed and why.
"""

from __future__ import annotations

import importlib.util

from conftest import ROOT

spec = importlib.util.spec_from_file_location("snapshot", ROOT / "scripts" / "snapshot.py")
snapshot = importlib.util.module_from_spec(spec)
spec.loader.exec_module(snapshot)


def test_check_results_match_the_snapshot():
    old, new = snapshot.stored(), snapshot.current()
    assert set(new) == {p.relative_to(ROOT).as_posix() for p in snapshot.corpus_texts()}
    diff = snapshot.differences(old, new)
    assert not diff, "check() results changed (python scripts/snapshot.py shows them; --update stores them):\n" + \
        "\n".join(diff)


def test_differences_name_what_changed():
    finding = {"rule": "jargon", "offset": 3, "length": 9, "text": "fremsende", "message": "m"}
    old = {"a.txt": {"findings": [finding], "lix": {"value": 30}}}
    new = {"a.txt": {"findings": [{**finding, "message": "n"}], "lix": {"value": 31}}}
    assert snapshot.differences(old, old) == []
    assert snapshot.differences(old, new) == ["a.txt: ~ jargon @3+9 'fremsende' (message)", "a.txt: lix changed"]
    assert snapshot.differences(old, {}) == ["a.txt: no longer checked"]
