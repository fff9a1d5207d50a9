"""Text from the API reaches a terminal as text: never as escape sequences or rich markup.

A fake serves message logs whose ``from`` and ``error_message`` hold terminal commands (a new
window title, a cleared screen, an OSC 8 link, colours, BEL, a C1 CSI, DEL), bidi overrides
and rich markup. On a pseudo-terminal every human output shows them as escapes (``\\x1b``,
``\\u202e``) and nothing else reaches the terminal; in pipes JSON, JSON lines and CSV still
carry them exactly, and TSV escapes its control characters.
"""

from __future__ import annotations

import ast
import csv
import io
import json
import re
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from signalwire_logs._cli._safe import tsv, visible
from signalwire_logs.testing import FakeSignalWire, Status

from cli_helpers import Served, in_terminal, run, screen

#: name -> (the value the server sends, what a person sees, the TSV cell).
CASES = {
    "title": ("\x1b]0;PWNED\x07", "\\x1b]0;PWNED\\x07", "\\x1b]0;PWNED\\x07"),
    "clear": ("\x1b[2J\x1b[H", "\\x1b[2J\\x1b[H", "\\x1b[2J\\x1b[H"),
    "osc8": (
        "\x1b]8;;https://evil.example/\x1b\\click\x1b]8;;\x1b\\",
        "\\x1b]8;;https://evil.example/\\x1b\\click\\x1b]8;;\\x1b\\",
        "\\x1b]8;;https://evil.example/\\x1b\\\\click\\x1b]8;;\\x1b\\\\",
    ),
    "colour": ("\x1b[31mred\x1b[0m", "\\x1b[31mred\\x1b[0m", "\\x1b[31mred\\x1b[0m"),
    "bell": ("ding\x07", "ding\\x07", "ding\\x07"),
    "c1": ("csi\x9b2J", "csi\\x9b2J", "csi\\x9b2J"),
    "bidi": (
        "abc\u202edcba\u2066x\u2069",
        "abc\\u202edcba\\u2066x\\u2069",
        "abc\u202edcba\u2066x\u2069",  # not a control character: TSV keeps it
    ),
    "close": ("oops [/bold] here", "oops [/bold] here", "oops [/bold] here"),
    "link": (
        "[link=https://evil.example]click[/link]",
        "[link=https://evil.example]click[/link]",
        "[link=https://evil.example]click[/link]",
    ),
    "red": ("[red]alarm[/red]", "[red]alarm[/red]", "[red]alarm[/red]"),
    "delete": ("rub\x7fout", "rub\\x7fout", "rub\\x7fout"),
    "breaks": ("two\nlines\rcr\ttab", "two\\nlines\\rcr\\ttab", "two\\nlines\\rcr\\ttab"),
    # A JSON escape can carry a lone surrogate, which UTF-8 cannot: escaped, never a crash.
    "lone": ("a\ud800b", "a\\ud800b", "a\\ud800b"),
}
#: What a terminal could act on: C0 but the line breaks, DEL, C1, bidi controls, separators.
_UNSAFE = re.compile(
    "[\x00-\x09\x0b\x0c\x0e-\x1f\x7f-\x9f\u061c\u200e\u200f\u2028-\u202e\u2066-\u2069]"
)
#: What the CLI itself draws: styles (SGR), cursor hiding, line erasing and moves, redraws.
_OURS = re.compile(r"\x1b\[[0-9;]*m|\x1b\[\?25[lh]|\x1b\[2K|\x1b\[\d*[AG]|\r")
#: The error body of a refused request, quoting the same kinds of text.
_MESSAGE = "no \x1b]0;PWNED\x07 \x9b2J [/bold] [link=https://evil.example]x[/link] \u202eabc"
_MESSAGE_SHOWN = (
    '"message": "no \\u001b]0;PWNED\\u0007 \\x9b2J [/bold] '
    '[link=https://evil.example]x[/link] \\u202eabc"'
)

posix_only = pytest.mark.skipif(sys.platform == "win32", reason="needs a POSIX pty")


@pytest.fixture(scope="module")
def hostile() -> Iterator[tuple[Served, dict[str, str]]]:
    """A served fake whose message logs hold the cases; (served, id -> case name)."""
    fake = FakeSignalWire(message_logs=len(CASES), fax_logs=3, seed=3)
    with fake.client() as client:
        ids = [log.id for log in client.message_logs.list()]
    names = {}
    for index, (log_id, (name, (sent, _, _))) in enumerate(zip(ids, CASES.items(), strict=True)):
        fake.update(log_id, **{"from": sent, "error_message": sent, "error_code": f"E{index}"})
        names[log_id] = name
    with fake.serve() as url:
        yield (fake, url), names


def _inert(drawn: str) -> None:
    """Nothing reached the terminal that it could act on, but what the CLI draws itself."""
    rest = _OURS.sub("", drawn)
    assert not _UNSAFE.findall(rest), _UNSAFE.findall(rest)
    assert "\x1b" not in rest and "\x1b[31m" not in drawn  # NO_COLOR: no red is ours


@pytest.mark.parametrize("name", CASES)
def test_visible_and_tsv_renderings(name: str) -> None:
    sent, shown, cell = CASES[name]
    assert visible(sent) == shown and tsv(sent) == cell


def test_visible_escapes_every_control_and_bidi_character() -> None:
    controls = [*map(chr, range(0x20)), *map(chr, range(0x7F, 0xA0))]
    bidi = ["\u061c", "\u200e", "\u200f", *map(chr, range(0x202A, 0x202F)), "\u2066", "\u2069"]
    for char in [*controls, *bidi, "\u2028", "\u2029", "\ud800"]:
        assert visible(char).startswith("\\") and not _UNSAFE.search(visible(char)), repr(char)
    assert visible("naïve café 👍 \u200d — ok") == "naïve café 👍 \u200d — ok"  # text stays


# -- on a terminal ------------------------------------------------------------------------------


@posix_only
def test_list_table_shows_each_value_as_text(hostile: tuple[Served, dict[str, str]]) -> None:
    served, names = hostile
    args = ("messages", "list", "--columns", "id,from")
    status, drawn = in_terminal(served, *args, columns=160, NO_COLOR="1")
    assert status == 0, drawn
    _inert(drawn)
    lines = {line[:36]: line[36:].strip() for line in screen(drawn) if line[:36] in names}
    assert lines == {log_id: CASES[name][1] for log_id, name in names.items()}


@posix_only
def test_summary_table_shows_each_message_as_text(hostile: tuple[Served, dict[str, str]]) -> None:
    served, _ = hostile
    args = ("summary", "messages", "--by", "error_code")
    status, drawn = in_terminal(served, *args, columns=200, NO_COLOR="1")
    assert status == 0, drawn
    _inert(drawn)
    rows = {line.split()[0]: line.rstrip() for line in screen(drawn) if line.startswith("E")}
    for index, (_, shown, _) in enumerate(CASES.values()):
        assert rows[f"E{index}"].endswith("(not in SignalWire's error codes)   " + shown)


@posix_only
@pytest.mark.parametrize("fmt", ["jsonl", "csv", "tsv"])
def test_machine_formats_on_a_terminal_are_inert(
    hostile: tuple[Served, dict[str, str]], fmt: str
) -> None:
    served, names = hostile
    args = ("messages", "list", "--columns", "id,from", "--format", fmt)
    status, drawn = in_terminal(served, *args, columns=160, NO_COLOR="1")
    assert status == 0, drawn
    _inert(drawn)
    if fmt == "jsonl":  # escaped the JSON way: the same data when read back
        rows = [json.loads(line) for line in drawn.split("\r\n") if line.startswith("{")]
        assert {r["id"]: r["from"] for r in rows} == {i: CASES[n][0] for i, n in names.items()}


@posix_only
def test_get_prints_json_that_reads_back_exactly(hostile: tuple[Served, dict[str, str]]) -> None:
    served, names = hostile
    log_id = next(i for i, name in names.items() if name == "c1")
    status, drawn = in_terminal(served, "messages", "get", log_id, NO_COLOR="1")
    assert status == 0, drawn
    _inert(drawn)
    assert '"from": "csi\\u009b2J"' in drawn
    assert json.loads(drawn) == json.loads(run(served, "messages", "get", log_id).stdout)


@posix_only
def test_an_error_quoting_the_server_is_one_inert_line(
    hostile: tuple[Served, dict[str, str]],
) -> None:
    served, _ = hostile
    fake, _ = served
    body = {"errors": [{"code": "bad", "message": _MESSAGE, "attribute": "from"}]}
    fake.inject(Status(400, body=body), path="/api/fax/logs")
    status, drawn = in_terminal(served, "faxes", "list", NO_COLOR="1")
    assert status == 1
    _inert(drawn)
    (line,) = [line for line in screen(drawn) if "Error" in line]  # after the erased progress
    assert line.startswith("Error: the API refused the request: 400 Bad Request")
    assert _MESSAGE_SHOWN in line


# -- in pipes -----------------------------------------------------------------------------------


def test_json_jsonl_and_csv_in_pipes_carry_the_values_exactly(
    hostile: tuple[Served, dict[str, str]],
) -> None:
    served, names = hostile
    sent = {log_id: CASES[name][0] for log_id, name in names.items()}
    lone = next(log_id for log_id, name in names.items() if name == "lone")
    args = ("messages", "list", "--columns", "id,from")
    lines = run(served, *args).stdout.splitlines()
    assert {r["id"]: r["from"] for r in map(json.loads, lines)} == sent
    document = json.loads(run(served, *args, "--format", "json").stdout)
    assert {r["id"]: r["from"] for r in document} == sent
    rows = csv.DictReader(io.StringIO(run(served, *args, "--format", "csv").stdout))
    # CSV has no escapes: a lone surrogate is written \udXXX, as an export's CSV writes it.
    assert {r["id"]: r["from"] for r in rows} == sent | {lone: "a\\ud800b"}


def test_a_table_in_a_pipe_is_a_table_and_inert(hostile: tuple[Served, dict[str, str]]) -> None:
    served, names = hostile
    result = run(served, "messages", "list", "--columns", "id,from", "--format", "table")
    assert result.exit_code == 0 and "\t" not in result.stdout
    assert not _UNSAFE.search(result.stdout)
    assert all(log_id in result.stdout for log_id in names)


def test_tsv_escapes_control_characters(hostile: tuple[Served, dict[str, str]]) -> None:
    served, names = hostile
    result = run(served, "messages", "list", "--columns", "id,from", "--format", "tsv")
    assert result.exit_code == 0 and result.stderr == ""
    header, *lines = result.stdout.split("\n")[:-1]
    assert header == "id\tfrom"
    cells = dict(line.split("\t") for line in lines)
    assert cells == {log_id: CASES[name][2] for log_id, name in names.items()}


def test_an_error_in_a_pipe_is_one_inert_line(hostile: tuple[Served, dict[str, str]]) -> None:
    served, _ = hostile
    fake, _ = served
    body = {"errors": [{"code": "bad", "message": _MESSAGE, "attribute": "from"}]}
    fake.inject(Status(400, body=body), path="/api/fax/logs")
    result = run(served, "faxes", "list")
    assert result.exit_code == 1 and result.stdout == ""
    (line,) = result.stderr.splitlines()
    assert _MESSAGE_SHOWN in line and not _UNSAFE.search(line) and "\x1b" not in line


def test_explain_shows_a_code_as_text_and_json_keeps_it(
    hostile: tuple[Served, dict[str, str]],
) -> None:
    served, _ = hostile
    code = "3\x1b]0;PWNED\x07[/bold]\u202e"
    result = run(served, "explain", code)
    assert result.stdout.startswith("3\\x1b]0;PWNED\\x07[/bold]\\u202e: ")
    assert not _UNSAFE.search(result.stdout)
    as_json = json.loads(run(served, "explain", code, "--format", "json").stdout)
    assert as_json[0]["code"] == code


# -- one way out --------------------------------------------------------------------------------

_CLI = Path(__file__).resolve().parent.parent / "facade" / "signalwire_logs" / "_cli"
#: Modules that may write to stdout themselves, and why.
_EXEMPT = {
    "_safe.py": "the one way out",
    "_completion.py": "a shell script of our own, which must be written exactly",
    "__init__.py": "the missing-extras message, before click or rich can be imported",
}


_FORBIDDEN = {"print", "Console", "rich.console.Console", "click.echo", "click.secho"}


def _writes(tree: ast.AST) -> list[str]:
    """Calls that print on their own: print, click.echo, a rich Console, sys.stdout.write."""
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and node.module in ("click", "rich.console"):
            names = {alias.name for alias in node.names}
            found += [f"import {name}" for name in names & {"echo", "secho", "Console"}]
        if isinstance(node, ast.Call):
            called = ast.unparse(node.func)
            if called in _FORBIDDEN or called.startswith(("sys.stdout.", "sys.stderr.")):
                found.append(f"{called}() on line {node.lineno}")
    return found


def test_every_cli_output_goes_through_the_safe_module() -> None:
    """A new command cannot forget: nothing in the CLI prints, or makes a rich console, but
    ``_safe`` (other modules call ``_safe.echo`` and print tables on ``_safe.console()``)."""
    for path in sorted(_CLI.glob("*.py")):
        if path.name not in _EXEMPT:
            tree = ast.parse(path.read_text(encoding="utf-8"))
            assert _writes(tree) == [], f"{path.name} prints without _safe"
