"""The behaviour snapshot: check() over every corpus text, stored in tests/data/snapshot.json.gz.

    python scripts/snapshot.py            # compare with the stored snapshot, print what changed (exit 1 if anything)
    python scripts/snapshot.py --update   # store the current results (after a change that is meant to alter them)

A refactoring must leave the snapshot unchanged (tests/test_snapshot.py); a change that is meant to alter results
updates it in the same commit, and the commit message says what changed and why. Plugins are left out, so the
snapshot does not depend on what happens to be installed; meta.rules_version (a hash of the rule files) and
meta.lixcheck_version are left out, so editing a comment in a rule file is no change.
"""

from __future__ import annotations

import gzip
import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SNAPSHOT = ROOT / "tests" / "data" / "snapshot.json.gz"
CONFIG = {"rules": {"plugins": False}}
VOLATILE_META = ("rules_version", "lixcheck_version")


def corpus_texts() -> list[Path]:
    return sorted(p for p in (ROOT / "corpus").rglob("*.txt") if p.is_file())


def current() -> dict[str, dict]:
    import lixcheck

    out = {}
    for path in corpus_texts():
        d = lixcheck.check(path.read_text(encoding="utf-8"), config=CONFIG).to_dict()
        for key in VOLATILE_META:
            d["meta"].pop(key, None)
        out[path.relative_to(ROOT).as_posix()] = json.loads(json.dumps(d, ensure_ascii=False))
    return out


def stored() -> dict[str, dict]:
    with gzip.open(SNAPSHOT, "rt", encoding="utf-8") as f:
        return json.load(f)


def _finding_key(f: dict) -> str:
    return f"{f['rule']} @{f['offset']}+{f['length']} {f['text'][:40]!r}"


def differences(old: dict[str, dict], new: dict[str, dict], limit: int = 40) -> list[str]:
    """Readable differences: per text, findings gone and added, and other top-level keys that changed."""
    out = []
    for name in sorted(set(old) | set(new)):
        if name not in new:
            out.append(f"{name}: no longer checked")
            continue
        if name not in old:
            out.append(f"{name}: new text")
            continue
        a, b = old[name], new[name]
        if a == b:
            continue
        fa = {_finding_key(f): f for f in a.get("findings", [])}
        fb = {_finding_key(f): f for f in b.get("findings", [])}
        for k in sorted(set(fa) - set(fb)):
            out.append(f"{name}: - {k}")
        for k in sorted(set(fb) - set(fa)):
            out.append(f"{name}: + {k}")
        for k in sorted(set(fa) & set(fb)):
            if fa[k] != fb[k]:
                changed = sorted(x for x in set(fa[k]) | set(fb[k]) if fa[k].get(x) != fb[k].get(x))
                out.append(f"{name}: ~ {k} ({', '.join(changed)})")
        for key in sorted(set(a) | set(b)):
            if key not in ("findings", "summary") and a.get(key) != b.get(key):
                out.append(f"{name}: {key} changed")
    return out[:limit] + ([f"... and {len(out) - limit} more"] if len(out) > limit else [])


def main(argv: list[str]) -> int:
    new = current()
    if "--update" in argv:
        SNAPSHOT.parent.mkdir(parents=True, exist_ok=True)
        data = json.dumps(new, ensure_ascii=False, sort_keys=True, separators=(",", ":")).encode("utf-8")
        with gzip.GzipFile(SNAPSHOT, "wb", mtime=0) as f:  # mtime=0: the same results give the same bytes
            f.write(data)
        print(f"stored {len(new)} reports in {SNAPSHOT.relative_to(ROOT)}")
        return 0
    diff = differences(stored(), new)
    print("\n".join(diff) if diff else f"no change in {len(new)} reports")
    return 1 if diff else 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
