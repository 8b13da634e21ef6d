"""Errors that stop a whole run: bad configuration, never bad input."""


class KabarError(Exception):
    """A problem the user must fix (missing path, unwritable database); the message says how."""
