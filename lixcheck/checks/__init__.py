"""Python checks for what rule data cannot say: sender clarity (sender/), the letter kind (letter_kind.py), what a
decision letter must contain (decision.py) and template hygiene (template.py). Each computes one verdict per letter
on the Letter view (ctx.letter) and its rules report it; the speed lives below, in lixcheck/letter/ and
lixcheck/search/ (docs/architecture.md). They sit above the rule engine: importing this package registers them
with it (lixcheck.analysis does so before compiling rules)."""

from . import decision, letter_kind, sender, template  # noqa: F401  (each registers its checks)
