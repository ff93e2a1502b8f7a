"""Build lixcheck/yamldata.json: lixcheck's own YAML files parsed before run time (see lixcheck/yamldata.py).

    python scripts/build_yamldata.py          # write the file
    python scripts/build_yamldata.py --check  # exit 1 when the shipped file differs from what the files give

Run it after changing a file in rules/, lixcheck/data/ or lixcheck/nlp/data/; tests/test_yamldata.py fails until then.
Until the file is rebuilt nothing goes wrong: a file whose text is not stored is parsed at run time as before, only a
fresh process's first check is slower. A file whose data JSON cannot carry exactly (a date, a key that is not a
string) is left out, and always parsed.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import built_file  # noqa: E402  (scripts/built_file.py: the script's folder is on sys.path)

from lixcheck import yamldata  # noqa: E402

FOLDERS = (ROOT / "rules", ROOT / "lixcheck" / "data", ROOT / "lixcheck" / "nlp" / "data")


def files() -> list[Path]:
    return sorted(p for folder in FOLDERS for p in folder.rglob("*.yml") if p.is_file())


def plain(value) -> bool:
    """Whether JSON carries ``value`` exactly: mappings with string keys, lists, strings, numbers, booleans, None."""
    if isinstance(value, dict):
        return all(type(k) is str and plain(v) for k, v in value.items())
    if isinstance(value, list):
        return all(plain(v) for v in value)
    return value is None or type(value) in (str, int, float, bool)


def build() -> str:
    entries = []
    for path in files():
        text = path.read_text(encoding="utf-8")
        data = yaml.load(text, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))
        if not plain(data):
            print(f"left out (JSON cannot carry its data exactly): {path.relative_to(ROOT)}", file=sys.stderr)
            continue
        stored = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
        assert json.loads(stored) == data, path
        entries.append((yamldata.key(text), str(path.relative_to(ROOT)), stored))
    # (one file a line, in the order of their names: a change to a file is a one-line diff)
    lines = ",\n".join(f"{json.dumps(k)}: {json.dumps([name, s], ensure_ascii=False)}" for k, name, s in
                       sorted(entries, key=lambda e: e[1]))
    return '{"files": {\n' + lines + "\n}}\n"


def main(argv: list[str] | None = None) -> int:
    return built_file.main(argv, __file__, __doc__, yamldata.FILE, build,
                           lambda text: f"{len(json.loads(text)['files'])} files")


if __name__ == "__main__":
    sys.exit(main())
