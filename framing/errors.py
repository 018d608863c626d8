"""Exceptions the toolkit raises for problems a user can fix.

The command line prints these as one clear line (no traceback) and exits
with status 2; in Python they are ordinary exceptions to catch.
"""


class FramingError(Exception):
    """A problem with the user's input or settings, worded for the user."""


class InputError(FramingError):
    """A file, line or row that cannot be read; the message names the place."""
