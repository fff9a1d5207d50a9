"""Exit codes, and the one place where an error becomes a line on stderr.

Every command exits with one of these codes (``--help`` and the README list them):

======  ===========================================================================
code    meaning
======  ===========================================================================
0       success
1       the API, the network or a file failed (a ``SignalWireError`` or ``OSError``)
2       usage: a bad argument, a missing credential (``ConfigurationError``)
130     interrupted (Ctrl-C)
======  ===========================================================================

Commands do not catch these errors: `report()` (called by the root group) words every one
as a single line, so the codes and the wording are the same for every command. An error's
message may quote the server (an error body, a next link): the line is printed through
``_safe``, which shows control and bidi characters as escapes.
"""

from __future__ import annotations

import contextlib
import re
import sys
import warnings
from collections.abc import Iterator
from typing import Any, Final

import click

from .._exceptions import (
    APIConnectionError,
    APIResponseValidationError,
    APIStatusError,
    APITimeoutError,
    AuthenticationError,
    BadRequestError,
    ConfigurationError,
    ExportFileError,
    InternalServerError,
    NotFoundError,
    PaginationError,
    PermissionDeniedError,
    RateLimitError,
    RecordMismatchError,
    ResponseTooLargeError,
    SignalWireError,
    SyncError,
    UnprocessableEntityError,
)
from ._progress import cleared
from ._safe import echo, flush_stdout

EXIT_OK: Final = 0
EXIT_ERROR: Final = 1
EXIT_USAGE: Final = 2
EXIT_INTERRUPTED: Final = 130

#: The epilog of every command's --help.
EXIT_CODES_HELP: Final = (
    "\b\nExit codes: 0 ok, 1 API, network or file error, 2 usage error, 130 interrupted."
)


def shell_terms(message: str, root: click.Command | None) -> str:
    """Say ``--project-id`` where the library says ``project_id=``.

    The library words its errors for Python callers ("pass `project_id=...` or set
    SIGNALWIRE_PROJECT_ID"); a shell user needs the flag. Every command names a parameter
    the same way, so the flags of the whole command tree make one table.
    """
    flags = _flags(root) if root is not None else {}
    if not flags:
        return message
    names = "|".join(re.escape(name) for name in sorted(flags, key=len, reverse=True))
    pattern = re.compile(
        rf"`({names})(?:=\.\.\.)?`|\b({names})=(?:\.\.\.)?(?=[\s,;.)]|$)"
        rf"|^({names})(?= must | is | and | or |: )"  # "created_after must be a date..."
    )
    return pattern.sub(lambda m: flags[m.group(1) or m.group(2) or m.group(3)], message)


def _flags(command: click.Command) -> dict[str, str]:
    flags: dict[str, str] = {}
    for param in command.params:
        if isinstance(param, click.Option) and param.name and param.opts:
            flags.setdefault(param.name, max(param.opts, key=len))
    for sub in getattr(command, "commands", {}).values():
        flags = _flags(sub) | flags
    return flags


def report(error: BaseException, root: click.Command | None) -> int:
    """Print one line about an error on stderr and return the exit code it means."""
    if isinstance(error, KeyboardInterrupt | click.Abort | Interrupted):
        how = error.how if isinstance(error, Interrupted) else _AGAIN
        flush_stdout()  # what was printed comes first, then the line on its own
        if _on_terminal() and not cleared.is_set():
            echo("", err=True)  # after the terminal's `^C` or a half-written line
        echo(f"Interrupted: {how}", err=True)
        return EXIT_INTERRUPTED
    if isinstance(error, click.UsageError):
        hint = f" (see '{error.ctx.command_path} --help')" if error.ctx is not None else ""
        echo(f"Error: {_one_line(error.format_message())}{hint}", err=True)
        return EXIT_USAGE
    if isinstance(error, click.ClickException):
        echo(f"Error: {_one_line(error.format_message())}", err=True)
        return error.exit_code
    if isinstance(error, ConfigurationError):  # bad arguments or credentials: a usage error
        echo(f"Error: {_one_line(shell_terms(str(error), root))}", err=True)
        return EXIT_USAGE
    if isinstance(error, ExportFileError):  # its text says what and where
        echo(f"Error: {_one_line(shell_terms(str(error), root))}", err=True)
        return EXIT_ERROR
    if isinstance(error, SyncError):  # dlt's words: a `fax_logs` there is a table, not a flag
        echo(f"Error: {_one_line(str(error))}", err=True)
        return EXIT_ERROR
    if isinstance(error, SignalWireError):
        echo(f"Error: {plain(error)}", err=True)
        return EXIT_ERROR
    if isinstance(error, OSError):  # a file: missing directory, permission, disk full...
        where = f": {error.filename}" if error.filename else ""
        echo(f"Error: {error.strerror or error}{where}", err=True)
        return EXIT_ERROR
    raise error


#: What went wrong, in plain words, by the error's class (the first that matches), before
#: the error's own text (its status, request and the body's message, which stay as they are).
_PLAIN: Final[tuple[tuple[type[SignalWireError], str], ...]] = (
    (AuthenticationError, "the API refused the project ID and API token"),
    (PermissionDeniedError, "the API token may not read this"),
    (NotFoundError, "not found"),
    (RateLimitError, "the API asked to slow down, and went on asking after the retries"),
    (UnprocessableEntityError, "the API refused an argument"),
    (BadRequestError, "the API refused the request"),
    (InternalServerError, "the API failed on its side, again after the retries"),
    (APIStatusError, "the API answered with an error"),
    (APITimeoutError, "the API did not answer in time, again after the retries"),
    (APIConnectionError, "could not reach the API"),
    (RecordMismatchError, "the API answered with another record than the one asked for"),
    (APIResponseValidationError, "the API's answer is not what its documentation says"),
    (ResponseTooLargeError, "the API's answer is too large"),
    (PaginationError, "the list's pages cannot be followed safely"),
)


def plain(error: Exception) -> str:
    """An API error in one line: what went wrong in plain words, then its own text."""
    return f"{_what_failed(error)}{_one_line(_text(error))}"


def _text(error: Exception) -> str:
    """The error's own text; a connection failure by its cause's words, not its repr
    (``[Errno 111] Connection refused``, not ``ConnectError('[Errno 111] ...')``)."""
    cause = error.__cause__
    if type(error) is APIConnectionError and cause is not None:
        request = error.request
        return f"{str(cause) or 'the connection failed'} ({request.method} {request.url})"
    return str(error)


def _what_failed(error: Exception) -> str:
    """``"not found: "``: what went wrong in plain words (never a Python class name)."""
    for kind, words in _PLAIN:
        if isinstance(error, kind):
            return f"{words}: "
    return ""


#: What a Ctrl-C line says by default: nothing is kept to continue from.
_AGAIN: Final = "run the same command again to start over."


class Interrupted(Exception):
    """A Ctrl-C, with what the user can do next (``run the same command with --resume``)."""

    def __init__(self, how: str) -> None:
        super().__init__(how)
        self.how = how


def _on_terminal() -> bool:
    return bool(getattr(sys.stderr, "isatty", lambda: False)())


def _one_line(text: str) -> str:
    return " ".join(text.split())  # then echo() escapes what is not whitespace


@contextlib.contextmanager
def warnings_as_lines() -> Iterator[None]:
    """Each warning raised inside (an undocumented cXML ``--status``) as one ``Warning:``
    line on stderr when it happens, instead of Python's two-line report."""

    def show(message: Warning | str, *_: Any, **__: Any) -> None:
        echo(f"Warning: {_one_line(str(message))}", err=True)

    with warnings.catch_warnings():
        warnings.simplefilter("always")
        warnings.showwarning = show
        yield
