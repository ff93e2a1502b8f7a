"""Code checks for what rule data cannot express: sender clarity (sender/), the letter kind (letter_kind.py), what a
decision letter must contain (decision.py) and template hygiene (template.py). Each computes one verdict per letter
on the Letter view (ctx.letter) and its rules report it; the speed lives below, in lixcheck/letter/ and
lixcheck/search/ (docs/architecture.md)."""
