"""Sentence-boundary accuracy of lixcheck's Danish splitter on UD Danish-DDT dev and test.

    python benchmarks/acc_sentences.py          # or: python benchmarks/accuracy.py sentences

Text is rebuilt from the CoNLL-U tokens: a space after each token unless its MISC column has SpaceAfter=No.
DDT's CoNLL-U files carry no ``# newdoc`` / ``# newpar`` lines and its sentences come from many different
documents, so there is no paragraph structure to restore. Two ways of joining the sentences are measured:

- ``running``: every sentence is joined to the next with a single space and the whole split is read as ONE
  running-text paragraph. The splitter gets no help from line breaks or blank lines; headlines, bylines and captions
  without end punctuation ("Nye udfordringer", "Af Vibeke Scheibel") run into the next sentence and count as
  misses. This is the lower bound, and the number to quote for text whose layout is lost.
- ``layout``: as ``running``, except that a sentence that does not end in . ! ? … (after closing quotes and
  brackets) is set as a paragraph of its own, with a blank line before and after it, as headlines, bylines and
  captions stand in print and in letters. This uses one property of the gold sentences (their last character) to
  restore layout, never the gold boundaries between punctuated sentences, which the splitter still has to find.

Should a future DDT release (or another treebank) carry ``# newdoc`` / ``# newpar`` lines, both settings start a new
paragraph (a blank line) there, as the text had one.

A gold boundary is the end offset of a sentence's last token; a predicted boundary is the end offset of a sentence
from ``lixcheck.nlp.sentences.split``. The end of the whole text is a boundary for every splitter and is not
counted. Precision, recall and F1 are over these boundary sets.
"""

from __future__ import annotations

import sys
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(Path(__file__).resolve().parent))
from ud_ddt import require, ud_dir  # noqa: E402

UD_DIR = ud_dir()
SPLITS = ("dev", "test")


@dataclass
class Corpus:
    text: str
    gold: list[int]  # sentence end offsets, in order


JOINS = ("running", "layout")
_CLOSING = "\"'”’»)]}"


def _punctuated(sentence: str) -> bool:
    return sentence.rstrip().rstrip(_CLOSING).endswith((".", "!", "?", "…"))


def read_conllu(path: Path, join: str = "running") -> Corpus:
    """All sentences of a CoNLL-U file as one text, joined as ``join`` says, with gold end offsets."""
    if join not in JOINS:
        raise ValueError(f"join must be one of {JOINS}")
    sentences: list[str] = []
    new_paragraph: list[bool] = []  # the sentence starts a paragraph or document (# newpar / # newdoc)
    pending_break = False
    tokens: list[tuple[str, bool]] = []

    def flush():
        nonlocal pending_break
        if not tokens:
            return
        new_paragraph.append(pending_break)
        pending_break = False
        out = []
        for i, (form, space_after) in enumerate(tokens):
            out.append(form)
            if space_after and i < len(tokens) - 1:
                out.append(" ")
        sentences.append("".join(out))
        tokens.clear()

    skip_until = 0
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line.strip():
            flush()
            continue
        if line.startswith("#"):
            if line.startswith(("# newpar", "# newdoc")):
                pending_break = True
            continue
        cols = line.split("\t")
        tid = cols[0]
        if "." in tid:  # empty node
            continue
        if "-" in tid:  # multiword token: its surface form stands for the words it covers
            a, b = (int(x) for x in tid.split("-"))
            skip_until = b
            tokens.append((cols[1], "SpaceAfter=No" not in cols[9]))
            continue
        if int(tid) <= skip_until:
            continue
        skip_until = 0
        tokens.append((cols[1], "SpaceAfter=No" not in cols[9]))
    flush()

    parts: list[str] = []
    gold: list[int] = []
    pos = 0
    alone_before = False
    for sentence, starts_paragraph in zip(sentences, new_paragraph, strict=True):
        alone = join == "layout" and not _punctuated(sentence)
        if parts:
            sep = "\n\n" if alone or alone_before or starts_paragraph else " "
            parts.append(sep)
            pos += len(sep)
        parts.append(sentence)
        pos += len(sentence)
        gold.append(pos)
        alone_before = alone
    return Corpus("".join(parts), gold)


def evaluate(corpus: Corpus) -> dict:
    from lixcheck.nlp.sentences import split
    from lixcheck.readers.text import read_text

    document = read_text(corpus.text)
    assert document.text == corpus.text
    predicted = {s.end for s in split(document.text, document.blocks)}
    end = len(corpus.text)
    gold = set(corpus.gold) - {end}
    predicted -= {end}
    tp = len(gold & predicted)
    precision = tp / len(predicted) if predicted else 1.0
    recall = tp / len(gold) if gold else 1.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return {"sentences": len(corpus.gold), "precision": precision, "recall": recall, "f1": f1,
            "false_splits": sorted(predicted - gold), "missed": sorted(gold - predicted)}


def context(text: str, offset: int, width: int = 40) -> str:
    return (text[max(0, offset - width) : offset] + " ‖ " + text[offset : offset + width]).replace("\n", " ")


def main(argv: list[str] | None = None) -> dict:
    """Print a table (and with -v the errors); return {split: {join: {precision, recall, f1, sentences}}}."""
    argv = sys.argv[1:] if argv is None else argv
    verbose = "-v" in argv
    folder = require()  # exits 1 with where to get UD Danish-DDT (source, licence) when it is absent
    results: dict = {}
    print(f"{'split':6} {'join':8} {'sents':>6} {'P':>7} {'R':>7} {'F1':>7}")
    for name in SPLITS:
        for join in JOINS:
            corpus = read_conllu(folder / f"da_ddt-ud-{name}.conllu", join)
            r = evaluate(corpus)
            print(f"{name:6} {join:8} {r['sentences']:6d} {r['precision']:7.4f} {r['recall']:7.4f} {r['f1']:7.4f}")
            if verbose:
                for off in r["false_splits"]:
                    print("   false split:", context(corpus.text, off))
                for off in r["missed"]:
                    print("   missed:     ", context(corpus.text, off))
            results.setdefault(name, {})[join] = {k: r[k] for k in ("sentences", "precision", "recall", "f1")}
    return results


if __name__ == "__main__":
    main()
