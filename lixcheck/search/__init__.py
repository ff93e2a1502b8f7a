"""Text search below the engine: regular expressions searched only where they can match.

Used by the engine's rule types and by the checks alike; imports nothing from the rest of lixcheck.
- prefilter: Guarded(pattern), a pattern whose searches skip texts and windows without its literal strings
  ("needles"), from one Aho-Corasick scan per letter; AnyOf, joined; fold(text).
- anchored: anchored(guarded), a pattern without a literal start tried only in a window before its needles.
- retree: the one module that reads re's private parse tree (checked at import; tests/test_search_retree.py).
Every shortcut gives exactly the plain pattern's results (tests/test_prefilter.py, test_anchored.py).
"""
