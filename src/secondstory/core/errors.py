"""Errors that describe a user's mistake: printed as they are, never as a traceback."""

from __future__ import annotations


class UserError(Exception):
    """Bad input from the person at the keyboard: a file, an option or a value.

    `problems` holds one line each, already formatted as `FILE:LINE:COL: what` or
    `FILE: field.path: what was expected`, so callers print them verbatim.
    """

    exit_code = 2

    def __init__(self, problems: str | list[str]) -> None:
        self.problems = [problems] if isinstance(problems, str) else list(problems)
        super().__init__("\n".join(self.problems))
