"""Accuracy floors for the rule pack, at what the rules honestly reach (numbers in README "Accuracy").

Passive: UD Danish-DDT gold (lists tuned on dev only; test is the reported number). Jargon: precision on the
annotated synthetic letters in corpus/jargon/.
"""

from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "benchmarks"))

import acc_jargon  # noqa: E402
import acc_passive  # noqa: E402


def test_passive_against_ud_danish_ddt(ud_dir):
    dev = acc_passive.evaluate(acc_passive.read_conllu(ud_dir / "da_ddt-ud-dev.conllu"))
    test = acc_passive.evaluate(acc_passive.read_conllu(ud_dir / "da_ddt-ud-test.conllu"))
    assert dev["all"]["f1"] >= 0.97, dev
    assert test["s"]["f1"] >= 0.95, test
    assert test["blive"]["f1"] >= 0.90, test
    assert test["all"]["f1"] >= 0.93 and test["all"]["precision"] >= 0.95, test


def test_jargon_precision_on_annotated_letters():
    result = acc_jargon.evaluate()
    assert result["letters"] >= 30
    assert result["precision"] >= 0.9, result
    assert result["recall"] >= 0.9, result
