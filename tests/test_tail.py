"""`signalwire-logs tail` against the live fake, on a pseudo-terminal and in a pipe.

The fake's clock moves a quarter of a record's step at each request it answers (never by the
wall clock), so what tail sees depends only on how many polls it made, not on timing.
"""

from __future__ import annotations

import datetime
import json
import os
import select
import signal
import subprocess
import sys
from collections.abc import Iterator

import pytest

from signalwire_logs.testing import FakeSignalWire, Status

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="needs POSIX signals and a pty")


@pytest.fixture
def live() -> Iterator[tuple[FakeSignalWire, str]]:
    fake = FakeSignalWire(
        message_logs=400, fax_logs=0, voice_logs=0, video_logs=0, conference_logs=0, live=True
    )
    quarter = fake.messages.step / 4

    def clock() -> datetime.datetime:
        assert fake.now is not None
        return fake.now + quarter

    fake.clock = clock
    with fake.serve() as url:
        yield fake, url


def _environment(fake: FakeSignalWire, url: str) -> dict[str, str]:
    return {
        "PATH": os.environ.get("PATH", ""),
        "PYTHONPATH": os.environ.get("PYTHONPATH", ""),
        "TERM": "xterm-256color",
        "SIGNALWIRE_PROJECT_ID": fake.project_id,
        "SIGNALWIRE_API_TOKEN": fake.api_token,
        "SIGNALWIRE_BASE_URL": url,
    }


def _command(*extra: str) -> list[str]:
    return [
        sys.executable,
        "-m",
        "signalwire_logs",
        "--max-retries",
        "0",
        "tail",
        "messages",
        "--interval",
        "0.1",
        "--window",
        "1d",
        *extra,
    ]


def _read_until(fd: int, chunks: bytearray, wanted: int, marker: bytes) -> None:
    """Read `fd` until `marker` occurs `wanted` times (bounded: 60 s at most)."""
    for _ in range(600):
        if chunks.count(marker) >= wanted:
            return
        ready, _, _ = select.select([fd], [], [], 0.1)
        if ready:
            chunk = os.read(fd, 65536)
            if not chunk:
                return
            chunks += chunk
    raise AssertionError(f"never saw {wanted} x {marker!r}: {bytes(chunks)[-2000:]!r}")


def _interrupted(
    process: subprocess.Popen[bytes], wanted: int, marker: bytes
) -> tuple[bytes, bytes]:
    """Ctrl-C once ``process`` has written ``marker`` ``wanted`` times (and the line holding
    the last): everything it wrote to stdout and to stderr."""
    assert process.stdout is not None
    output = bytearray()
    try:
        _read_until(process.stdout.fileno(), output, wanted, marker)
        if not output.endswith(b"\n"):
            _read_until(process.stdout.fileno(), output, output.count(b"\n") + 1, b"\n")
        process.send_signal(signal.SIGINT)
        rest, errors = process.communicate(timeout=30)
    finally:
        if process.poll() is None:
            process.kill()
            process.wait()
    return bytes(output) + rest, errors


def _events(lines: list[str]) -> list[tuple[str, str]]:
    """(id, change) of each event line of the table format."""
    rows = [line.split("  ") for line in lines if line.startswith("messages  ")]
    return [(row[3], row[1]) for row in rows]


def test_tail_on_a_terminal_prints_each_change_once_then_stops_on_ctrl_c(
    live: tuple[FakeSignalWire, str],
) -> None:
    import pty

    fake, url = live
    leader, follower = pty.openpty()
    process = subprocess.Popen(
        _command(),
        stdin=follower,
        stdout=follower,
        stderr=follower,
        env=_environment(fake, url),
        close_fds=True,
    )
    os.close(follower)
    output = bytearray()
    try:
        _read_until(leader, output, 12, b"\nmessages  ")
        process.send_signal(signal.SIGINT)
        _read_until(leader, output, 1, b"Interrupted")
    finally:
        status = process.wait(timeout=30)
        os.close(leader)
    lines = output.decode().replace("\r\n", "\n").split("\n")
    events = _events(lines)
    assert len(events) == len(set(events)), "an (id, change) was printed twice"
    assert any(change == "new" for _, change in events)
    assert any("->" in change for _, change in events)
    assert status == 130
    assert any(line.startswith("Interrupted") for line in lines)  # on a line of its own


def test_tail_in_a_pipe_writes_jsonl_and_rides_out_failures(
    live: tuple[FakeSignalWire, str],
) -> None:
    fake, url = live
    fake.inject(Status(503), times=2, path="/api/messaging/logs", after=1)
    process = subprocess.Popen(
        _command("--format", "jsonl"),
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        env=_environment(fake, url),
    )
    output, errors = _interrupted(process, 8, b"\n")
    records = [json.loads(line) for line in output.decode().splitlines()]
    pairs = [(r["record"]["id"], r["record"]["status"]) for r in records]
    assert len(pairs) == len(set(pairs))
    assert process.returncode == 130
    notices = errors.decode().splitlines()
    failed = "Warning: messages: the API failed on its side, again after the retries: 503"
    assert sum(line.startswith(failed) for line in notices) == 2
    assert notices[-1].startswith("Interrupted")


def test_tail_stops_for_good_on_bad_credentials(live: tuple[FakeSignalWire, str]) -> None:
    fake, url = live
    environment = _environment(fake, url) | {"SIGNALWIRE_API_TOKEN": "PTwrong"}
    done = subprocess.run(_command(), capture_output=True, env=environment, timeout=60)
    assert done.returncode == 1
    (line,) = done.stderr.decode().splitlines()
    assert line.startswith("Error: the API refused the project ID and API token:")
    assert done.stdout == b""


def test_tail_as_tsv_separates_cells_by_tabs_and_escapes_a_tab_in_a_value(
    live: tuple[FakeSignalWire, str],
) -> None:
    fake, url = live
    newest = next(iter(fake.client().message_logs.list(page_size=1)))
    fake.update(newest.id, status="sent", error_message="tab\there \x1b[2J")
    process = subprocess.Popen(
        _command("--format", "tsv", "--since", "2024-01-01T00:00:00Z"),
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        env=_environment(fake, url),
    )
    output, _ = _interrupted(process, 1, newest.id.encode())
    lines = output.decode().splitlines()
    rows = [line.split("\t") for line in lines]
    assert rows and all(len(row) == len(rows[0]) and row[0] == "messages" for row in rows)
    (row,) = [row for row in rows if newest.id in row]
    assert "tab\\there \\x1b[2J" in row  # one cell: its tab and escape written as text


def test_a_tsv_row_on_a_terminal_shows_tabs_and_bidi_controls_as_escapes(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    from rich.console import Console

    from signalwire_logs._cli import _safe

    row = ["a\u202eb", "c\td"]
    _safe.echo_row(row, sep="\t")  # a pipe: tabs between cells, a cell's tab escaped
    assert capsys.readouterr().out == "a\u202eb\tc\\td\n"
    monkeypatch.setattr(_safe, "console", lambda **_: Console(force_terminal=True))
    _safe.echo_row(row, sep="\t")  # a terminal: nothing it would act on or reorder by
    assert capsys.readouterr().out == "a\\u202eb\\tc\\td\n"
