"""lixcheck's version, in a module of its own: every layer may name it without importing the public API."""

__version__ = "0.1.0"
