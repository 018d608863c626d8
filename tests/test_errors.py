"""The errors a user can fix carry the command line's exit status."""

from framing.errors import FramingError, InputError, RunError


def test_exit_codes_say_usage_or_failed_run():
    assert FramingError("x").exit_code == 2
    assert InputError("news.csv, line 3").exit_code == 2
    assert RunError("disk full").exit_code == 1
    assert issubclass(RunError, FramingError) and issubclass(InputError, FramingError)
