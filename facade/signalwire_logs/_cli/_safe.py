"""Text from the API, shown to people: as text, never as terminal commands or rich markup.

A record's ``from`` or ``error_message``, an error body's message and a next link are data
that anyone who can send a message may choose. Written raw to a terminal, ``ESC]0;...BEL``
retitles the window, ``ESC[2J`` clears it and ``ESC]8;;URL`` makes a link; read as rich
markup, ``[link=URL]`` makes one too and ``[/bold]`` crashes the command. So every human
output of the CLI goes through this module, and nowhere else writes to a terminal:

- `visible()` writes each character a terminal acts on, or that reorders what is shown,
  as an escape (the rendering of Python's ``repr``): ``\\t``, ``\\n`` and ``\\r``; ``\\xNN``
  for the other C0 controls, DEL and the C1 controls (ESC is ``\\x1b``, BEL ``\\x07``, CSI
  ``\\x9b``); ``\\uNNNN`` for the bidi controls (U+061C, U+200E, U+200F, U+202A-U+202E,
  U+2066-U+2069), the line and paragraph separators (U+2028, U+2029) and lone surrogates. A
  backslash in the data is shown as it is: the JSON formats tell the text ``\\x1b`` from ESC.
- `console()` makes every rich console: markup, emoji codes and highlighting off; table
  cells are `cell()` (a `Text`, which rich never parses).
- `echo()` prints the CLI's own messages (errors, warnings, closing lines), their line
  breaks kept and everything else made visible.
- `guard()` wraps stdout when it is a terminal and a machine format is written there:
  JSON and JSON lines escape the characters above the JSON way (``\\u009b``: the same data
  when read back), CSV and TSV as `visible()` does.

In a file or a pipe, JSON, JSON lines and CSV carry the data exactly as sent; TSV escapes
backslashes and control characters there too (`tsv()`), as its one-line-per-record,
tab-between-fields shape needs.
"""

from __future__ import annotations

import contextlib
import re
import sys
from collections.abc import Callable
from typing import IO, Any, cast

import click
from rich.console import Console
from rich.text import Text

#: What a terminal acts on or reorders: C0, DEL and C1 controls, bidi controls, line and
#: paragraph separators, lone surrogates (which cannot even be encoded).
_UNSAFE = re.compile(
    "[\x00-\x1f\x7f-\x9f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069\ud800-\udfff]"
)
#: What TSV escapes wherever it is written: the backslash (its escape character), the
#: control characters (C0, DEL, C1; tab, newline and carriage return among them) and lone
#: surrogates (which UTF-8 cannot carry).
_TSV = re.compile("[\\\\\x00-\x1f\x7f-\x9f\ud800-\udfff]")
#: The unsafe characters that JSON itself leaves raw (it escapes U+0000-U+001F).
_JSON_RAW = re.compile(
    "[\x7f-\x9f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069\ud800-\udfff]"
)
_SHORT = {"\t": "\\t", "\n": "\\n", "\r": "\\r", "\\": "\\\\"}


def _escape(match: re.Match[str]) -> str:
    char = match.group()
    short = _SHORT.get(char)
    if short is not None:
        return short
    point = ord(char)
    return f"\\x{point:02x}" if point < 0x100 else f"\\u{point:04x}"


def _json_escape(match: re.Match[str]) -> str:
    return f"\\u{ord(match.group()):04x}"


def visible(text: str) -> str:
    """``text`` with every character a terminal would act on, or reorder by, escaped.

    Example:
        >>> visible("\\x1b]0;owned\\x07 \\u202eabc")
        '\\\\x1b]0;owned\\\\x07 \\\\u202eabc'
    """
    return _UNSAFE.sub(_escape, text)


def tsv(text: str) -> str:
    """A TSV cell: backslashes, control characters and lone surrogates escaped as
    `visible()` writes them.

    Example:
        >>> tsv("a\\tb\\\\c\\x1b")
        'a\\\\tb\\\\\\\\c\\\\x1b'
    """
    return _TSV.sub(_escape, text)


def cell(text: str) -> Text:
    """A table cell that shows ``text`` as it is (already made `visible()`)."""
    return Text(text)


def console(**options: Any) -> Console:
    """A rich console that never reads markup, emoji codes or "highlights" in what it prints."""
    return Console(markup=False, emoji=False, highlight=False, **options)


def flush_stdout() -> None:
    """Write out what stdout holds, before a line on stderr that must come after it."""
    with contextlib.suppress(OSError, ValueError):
        sys.stdout.flush()


def echo(message: str, *, err: bool = False) -> None:
    """Print one of the CLI's messages: its own line breaks kept, the rest made visible."""
    click.echo(_lines_visible(message), err=err)


def echo_row(cells: list[str], *, sep: str) -> None:
    """Print one row: each cell made visible, the separators between them as they are
    (`echo()` would escape a tab). A TSV row (``sep`` a tab) is escaped as `messages list`
    writes TSV: its cells by `tsv()` in a pipe, and the whole line made visible on a terminal
    (tabs and bidi controls shown as escapes), as `guard()` does."""
    if sep != "\t":
        click.echo(sep.join(map(visible, cells)))
        return
    line = sep.join(map(tsv, cells))
    click.echo(_lines_visible(line) if console().is_terminal else line)


def _lines_visible(text: str) -> str:
    return "\n".join(map(visible, text.split("\n")))


def _json_visible(text: str) -> str:
    return _JSON_RAW.sub(_json_escape, text)


class _Guard:
    """A text stream to a terminal that escapes what a machine format left raw."""

    def __init__(self, stream: IO[str], escape: Callable[[str], str]) -> None:
        self._stream = stream
        self._escape = escape

    def write(self, text: str) -> int:
        self._stream.write(self._escape(text))
        return len(text)

    def __getattr__(self, name: str) -> Any:  # flush, fileno...: the stream's own
        return getattr(self._stream, name)


def guard(stream: IO[str], fmt: str) -> IO[str]:
    """``stream`` (a terminal) writing format ``fmt`` with nothing a terminal acts on.

    JSON escapes C0 itself; the rest (DEL, C1, bidi controls, separators) is written as a
    JSON escape, which reads back as the same character. CSV and TSV have no escape for them:
    each line is made `visible()`, the line breaks kept (TSV has escaped its control
    characters already, so only its bidi controls are left).
    """
    escape = _json_visible if fmt in ("json", "jsonl") else _lines_visible
    return cast(IO[str], _Guard(stream, escape))
