"""The exceptions callers of lixcheck catch: InputError for bad input, ConfigError for a wrong configuration."""


class InputError(ValueError):
    """Input that lixcheck cannot read: empty, binary, wrongly encoded, too large, malformed or hostile.

    ``str(error)`` is a clear English message for developers; ``error.message_da`` is the same in Danish for users;
    ``error.code`` is a stable machine-readable reason (e.g. ``"empty"``, ``"binary"``, ``"too_large"``).
    """

    def __init__(self, message: str, *, code: str = "unreadable", message_da: str | None = None):
        super().__init__(message)
        self.code = code
        self.message_da = message_da or message


def too_large(size: int, limit: int) -> InputError:
    """The error for input over the size limit (Config.max_bytes)."""
    return InputError(
        f"input is too large ({size:,} bytes; the limit is {limit:,})",
        code="too_large",
        message_da=f"Teksten eller filen er for stor. Den må højst fylde {max(limit // 1_000_000, 1)} MB.",
    )


class ConfigError(ValueError):
    """A configuration or rule file that is wrong: unknown key, unknown rule id, invalid value."""


class UnknownKind(ConfigError):
    """A letter kind that is not in lixcheck's table of kinds (lixcheck/data/kinds.yml); the message lists them.

    ``error.message_da`` says the same in Danish for users."""

    def __init__(self, message: str, *, message_da: str | None = None):
        super().__init__(message)
        self.message_da = message_da or message
