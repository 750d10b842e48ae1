"""The one exception type for bad input: its message is a single line a user can act on."""


class InputError(ValueError):
    """Bad input (a file, a form value, a workbook row); `str(err)` is shown to the user as is.

    >>> str(InputError("Connections.csv", "no header row found"))
    'Connections.csv: no header row found'
    """

    def __init__(self, source: str, reason: str) -> None:
        self.source = source
        self.reason = reason
        super().__init__(f"{source}: {reason}" if source else reason)
