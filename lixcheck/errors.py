"""The one exception type that callers of lixcheck need to catch for bad input."""


class InputError(ValueError):
    """Input that lixcheck cannot read: empty, binary, wrongly encoded, too large, malformed or hostile.

    ``str(error)`` is a clear English message for developers; ``error.message_da`` is the same in Danish for users;
    ``error.code`` is a stable machine-readable reason (e.g. ``"empty"``, ``"binary"``, ``"too_large"``).
    """

    def __init__(self, message: str, *, code: str = "unreadable", message_da: str | None = None):
        super().__init__(message)
        self.code = code
        self.message_da = message_da or message


class ConfigError(ValueError):
    """A configuration or rule file that is wrong: unknown key, unknown rule id, invalid value."""
