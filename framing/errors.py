"""Exceptions the toolkit raises for problems a user can fix.

The command line prints these as one clear line (no traceback) and exits
with the error's ``exit_code``: 2 when the command cannot run as given (an
option value, a missing or unreadable input, settings that conflict), 1
when a run that started could not finish (:class:`RunError`).  In Python
they are ordinary exceptions to catch.

Examples
--------
>>> FramingError("bad option").exit_code, RunError("disk full").exit_code
(2, 1)
"""


class FramingError(Exception):
    """A problem with the user's input or settings, worded for the user."""

    #: the command line's exit status for this error
    exit_code = 2


class InputError(FramingError):
    """A file, line or row that cannot be read; the message names the place."""


class RunError(FramingError):
    """A run that started and could not finish (another run holds its folder, the disk filled up ...)."""

    exit_code = 1
