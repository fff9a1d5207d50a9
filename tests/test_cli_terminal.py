"""The CLI in a real pseudo-terminal: tables that never cut ids, and progress on stderr.

Each test runs ``python -m signalwire_logs`` on a pty of a given size (``in_terminal``) against
a loopback fake (with some latency, so a walk takes long enough for progress to be drawn).
"""

from __future__ import annotations

import json
import re
import sys
from collections.abc import Iterator
from typing import Any

import pytest

from signalwire_logs.testing import FakeSignalWire

from cli_helpers import in_terminal, run, screen

_ANSI = re.compile(r"\x1b\[[0-9;?]*[A-Za-z]|\x1b\][^\x07]*\x07")

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="needs a POSIX pty")


@pytest.fixture(scope="module")
def slow() -> Iterator[tuple[FakeSignalWire, str]]:
    fake = FakeSignalWire(message_logs=6_000, fax_logs=40, seed=5, latency=0.04)
    with fake.serve() as url:
        yield fake, url


def _ids(served: tuple[FakeSignalWire, str], *args: str) -> list[Any]:
    return [json.loads(line)["id"] for line in run(served, *args).stdout.splitlines()]


@pytest.mark.parametrize("columns", [100, 140])
def test_tables_never_cut_ids_or_numbers(slow: tuple[FakeSignalWire, str], columns: int) -> None:
    status, drawn = in_terminal(slow, "messages", "list", "--limit", "15", columns=columns)
    assert status == 0, drawn
    lines = screen(drawn)
    assert all(len(line) <= columns for line in lines)
    shown = "\n".join(lines)
    for log_id in _ids(slow, "messages", "list", "--limit", "15"):
        assert log_id in shown  # whole, so it can be pasted into `get`
    assert re.search(r"\+1\d{10}\b", shown)  # E.164 numbers whole too
    if columns == 100:
        assert "left out to fit 100 columns; choose with --columns" in shown


def test_bounded_summary_shows_count_rate_percent_and_eta(slow: tuple[FakeSignalWire, str]) -> None:
    status, drawn = in_terminal(
        slow, "summary", "messages", "--created-after", "2024-05-10", "--created-before",
        "2024-06-14T12:00:00",
    )  # fmt: skip
    assert status == 0, drawn
    plain = _ANSI.sub("", drawn)
    progress = re.findall(r"Reading messages ([\d,]+) records +([\d,]+|…)/s .*?(\d+)% +"
                          r"(\d:\d\d:\d\d) elapsed +eta (\d:\d\d:\d\d|\?)", plain)  # fmt: skip
    assert progress, plain
    counts = [int(count.replace(",", "")) for count, *_ in progress]
    percents = [int(percent) for _, _, percent, *_ in progress]
    assert (
        counts == sorted(counts)
        and percents == sorted(percents)
        and percents[-1] == 100
        and len(set(percents)) > 2
    )
    assert "total" in plain  # then the table


def test_export_progress_then_a_closing_line(
    slow: tuple[FakeSignalWire, str], tmp_path: Any
) -> None:
    output = tmp_path / "m.jsonl"
    status, drawn = in_terminal(slow, "export", "messages", "--page-size", "500", "-o", str(output))
    assert status == 0, drawn
    plain = _ANSI.sub("", drawn)
    assert re.search(r"Exporting messages [\d,]+ records +[\d,]+/s +\d:\d\d:\d\d elapsed", plain)
    assert "eta" not in plain  # an open-ended walk has no end to tell
    assert re.search(r"Exported [\d,]+ messages to .* in [\d.]+ s, [\d,]+/s", plain)
    left = [line for line in _terminal(drawn) if line.strip()]
    assert len(left) == 1 and left[0].startswith("Exported "), left  # no spinner stays


@pytest.mark.parametrize("concurrency", ["1", "4"])
def test_bounded_export_shows_percent_and_eta(
    slow: tuple[FakeSignalWire, str], tmp_path: Any, concurrency: str
) -> None:
    output = tmp_path / "m.jsonl"
    status, drawn = in_terminal(
        slow, "export", "messages", "--page-size", "250", "-o", str(output), "--concurrency",
        concurrency, "--created-after", "2024-05-10", "--created-before", "2024-06-14T12:00:00",
    )  # fmt: skip
    assert status == 0, drawn
    plain = _ANSI.sub("", drawn)
    percents = [int(p) for p in re.findall(r"(\d+)% +\d:\d\d:\d\d elapsed +eta ", plain)]
    assert len(set(percents)) > 2 and percents == sorted(percents) and percents[-1] == 100


def test_no_color_and_dumb_terminals(slow: tuple[FakeSignalWire, str]) -> None:
    args = ("summary", "faxes", "--created-after", "2024-05-01")
    _, coloured = in_terminal(slow, *args)
    assert re.search(r"\x1b\[[0-9;]*3\dm", coloured)  # colours by default
    _, plain = in_terminal(slow, *args, NO_COLOR="1")
    assert not re.search(r"\x1b\[[0-9;]*3\dm", plain) and "records" in plain
    status, dumb = in_terminal(slow, *args, TERM="dumb")
    assert status == 0 and "records" not in dumb and "total" in dumb  # no progress, the table


def test_no_progress_in_pipes(slow: tuple[FakeSignalWire, str]) -> None:
    result = run(slow, "summary", "faxes")
    assert result.exit_code == 0 and result.stderr == ""


#: The progress line once records are counted (a Ctrl-C mid-walk, not while starting up).
_SOME_RECORDS = r"[1-9][\d,]* records"


def _after_interrupt(status: int, drawn: str, how: str) -> None:
    """Exit 130, and the last thing on screen is one line, on a line of its own, saying how
    to continue; no progress line (nor its spinner) is left behind."""
    assert status == 130, drawn
    lines = [line for line in _terminal(drawn) if line.strip()]
    assert lines[-1] == f"Interrupted: {how}", lines  # whole: on a line of its own
    assert not any("records" in line and "elapsed" in line for line in lines), lines
    assert sum("Interrupted" in line for line in lines) == 1, lines
    assert "Traceback" not in drawn and "KeyboardInterrupt" not in drawn


def _terminal(drawn: str) -> list[str]:
    """The lines left on a terminal: carriage returns, line erases and cursor-up applied."""
    lines, row, column = [""], 0, 0
    for token in re.findall(
        r"\x1b\[[0-9;?]*[A-Za-z]|\x1b\][^\x07]*\x07|[\r\n]|[^\x1b\r\n]+", drawn
    ):
        if token == "\r":
            column = 0
        elif token == "\n":
            row += 1
            lines += [""] * (row + 1 - len(lines))
        elif token.startswith("\x1b["):
            if token.endswith("A"):
                row = max(row - int(token[2:-1] or 1), 0)
            elif token == "\x1b[2K":
                lines[row] = ""
        elif not token.startswith("\x1b"):
            line = lines[row].ljust(column)
            lines[row] = line[:column] + token + line[column + len(token) :]
            column += len(token)
    return lines


def test_ctrl_c_during_an_export(slow: tuple[FakeSignalWire, str], tmp_path: Any) -> None:
    output = tmp_path / "m.jsonl"
    status, drawn = in_terminal(
        slow, "export", "messages", "--page-size", "100", "-o", str(output),
        interrupt_at=_SOME_RECORDS,
    )  # fmt: skip
    _after_interrupt(status, drawn, "run the same command with --resume to continue.")


@pytest.mark.parametrize(
    "args",
    [
        ("summary", "messages"),
        ("messages", "list", "--page-size", "100", "--limit", "6000", "--format", "jsonl"),
    ],
)
def test_ctrl_c_during_a_summary_or_a_list(
    slow: tuple[FakeSignalWire, str], args: tuple[str, ...]
) -> None:
    status, drawn = in_terminal(
        slow, *args, interrupt_at=_SOME_RECORDS if args[0] == "summary" else '"id"'
    )
    _after_interrupt(status, drawn, "run the same command again to start over.")


def test_ctrl_c_during_a_sync(slow: tuple[FakeSignalWire, str], tmp_path: Any) -> None:
    status, drawn = in_terminal(
        slow, "sync", "messages", "--page-size", "100", "--database", str(tmp_path / "s.duckdb"),
        "--pipelines-dir", str(tmp_path / "dlt"), interrupt_at=_SOME_RECORDS,
    )  # fmt: skip
    _after_interrupt(
        status, drawn, "run the same command again to continue from the last completed load."
    )
