"""Renderings of a Report: the CLI's output formats (one module per format: text, json, jsonl, csv, sarif, github,
all built on writers/base.py), the annotated .docx (docx_annotate), the rule reference (rules_doc) and file
writing (files). The web app renders its own pages and LanguageTool JSON; the batch its HTML report."""

from __future__ import annotations

import importlib

FORMATS = ("text", "json", "jsonl", "sarif", "csv", "github")  # `lixcheck check --format`


def writer(fmt: str, *, color: bool = False, version: str = ""):
    """The Writer of an output format (see writers/base.py): ``report()``/``error()`` per input, ``close()`` at the
    end; each returns the text to print. ``color``: ANSI colours (text only)."""
    if fmt not in FORMATS:
        raise ValueError(f"unknown format {fmt!r}; known: {', '.join(FORMATS)}")
    return importlib.import_module(f"{__name__}.{fmt}").Writer(color=color, version=version)
