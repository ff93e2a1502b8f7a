"""Build lixcheck/nlp/data/da_lemmas.bin, the compact lemma table, from the installed spacy-lookups-data.

    python scripts/build_lemmas.py          # write the file
    python scripts/build_lemmas.py --check  # exit 1 when the shipped file differs from what the source gives

Run it after upgrading spacy-lookups-data (tests/test_lemmas.py fails until then), and update the version and the
counts in lixcheck/nlp/data/da_lemmas.README.md. The file format is described in lixcheck/nlp/lemmas.py.
"""

from __future__ import annotations

import argparse
import gzip
import importlib.metadata
import importlib.util
import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from lixcheck.nlp import lemmas  # noqa: E402

SOURCE = "da_lemma_lookup.json.gz"


def source_path() -> Path:
    spec = importlib.util.find_spec("spacy_lookups_data")
    if spec is None or spec.origin is None:
        raise SystemExit("spacy-lookups-data is not installed (pip install -e '.[test]')")
    return Path(spec.origin).parent / "data" / SOURCE


def source() -> dict[str, str]:
    with gzip.open(source_path()) as f:
        return json.load(f)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--check", action="store_true", help="only compare with the shipped file")
    args = parser.parse_args(argv)
    lookup = source()
    data = lemmas.build(lookup)
    version = importlib.metadata.version("spacy-lookups-data")
    if args.check:
        same = lemmas.PATH.is_file() and lemmas.PATH.read_bytes() == data
        print(f"{lemmas.PATH.relative_to(ROOT)} is {'up to date' if same else 'OUT OF DATE'} "
              f"(spacy-lookups-data {version})")
        return 0 if same else 1
    lemmas.PATH.write_bytes(data)
    print(f"wrote {lemmas.PATH.relative_to(ROOT)}: {len(data):,} bytes, {len(lookup):,} forms, "
          f"{len(set(lookup.values())):,} lemmas (spacy-lookups-data {version})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
