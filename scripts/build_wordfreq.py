"""Build lixcheck/nlp/data/wordfreq-da.txt: Danish word frequencies for the `hard-word` rule, from the wordfreq package.

    pip install wordfreq==3.1.1      # build time only: lixcheck does not depend on wordfreq at run time
    python scripts/build_wordfreq.py

wordfreq's Danish list is its "small" list: the words used at least once per million words (Zipf >= 3.0), about
29,000 forms. (wordfreq has no "large" Danish list; asked for one, it answers with Norwegian Bokmål, which is not
used here.) Kept: lower-case words of letters only (no digits, apostrophes or dots). The file groups the words by
their Zipf value (log10 of uses per billion words), two decimals, most frequent first: one line "ZIPF<TAB>word word
…" per value, so loading it is one split per line. The data is CC BY-SA 4.0 (see wordfreq-da.LICENSE.md beside it).
"""

from __future__ import annotations

import math
import sys
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "lixcheck" / "nlp" / "data" / "wordfreq-da.txt"
HEADER = """\
# Danish word frequencies (Zipf: log10 of uses per billion words), from wordfreq {version}'s Danish list.
# Built by scripts/build_wordfreq.py. Licence CC BY-SA 4.0; attribution in wordfreq-da.LICENSE.md beside this file.
# One line per Zipf value: ZIPF<TAB>words (lower case, letters only), most frequent first.
"""


def build() -> str:
    try:
        import wordfreq
    except ImportError:
        sys.exit("build_wordfreq.py: needs the wordfreq package (pip install wordfreq==3.1.1); it is only used here")
    from importlib.metadata import version

    freqs = wordfreq.get_frequency_dict("da", wordlist="small")
    buckets: dict[float, list[str]] = defaultdict(list)
    for word, freq in freqs.items():
        if word.isalpha() and word == word.lower():
            buckets[round(math.log10(freq) + 9, 2)].append(word)
    lines = [HEADER.format(version=version("wordfreq"))]
    for zipf in sorted(buckets, reverse=True):
        lines.append(f"{zipf:.2f}\t{' '.join(sorted(buckets[zipf]))}\n")
    return "".join(lines)


def main() -> None:
    text = build()
    OUT.write_text(text, encoding="utf-8")
    words = sum(len(line.split("\t")[1].split()) for line in text.splitlines() if not line.startswith("#"))
    print(f"{OUT.relative_to(ROOT)}: {words} words, {len(text.encode()) // 1024} KiB")


if __name__ == "__main__":
    main()
