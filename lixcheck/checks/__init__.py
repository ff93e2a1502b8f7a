"""Python checks for what rule data cannot say (sender clarity, decision letters, templates). They sit above the
rule engine: importing this package registers them with it (lixcheck.analysis does so before compiling rules)."""

from . import letter, sender, template  # noqa: F401  (each registers its checks)
