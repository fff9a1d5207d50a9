"""Running the `signalwire-logs` command against a served fake: in-process with click's runner
(stdout is not a terminal there), or as a process on a pseudo-terminal."""

from __future__ import annotations

import os
import re
import select
import signal
import struct
import subprocess
import sys
import time

from click.testing import CliRunner, Result

from signalwire_logs._cli._commands import cli
from signalwire_logs.testing import FakeSignalWire

Served = tuple[FakeSignalWire, str]


def run(served: Served, *args: str, env: dict[str, str] | None = None) -> Result:
    """The command with the fake's credentials and URL (stdout is not a terminal here)."""
    fake, url = served
    environment = {
        "SIGNALWIRE_PROJECT_ID": fake.project_id,
        "SIGNALWIRE_API_TOKEN": fake.api_token,
    } | (env or {})
    return CliRunner().invoke(cli, ["--base-url", url, *args], env=environment)


_ANSI = re.compile(r"\x1b\[[0-9;?]*[A-Za-z]|\x1b\][^\x07]*\x07")


def in_terminal(
    served: Served, *args: str, columns: int = 100, interrupt_at: str | None = None, **env: str
) -> tuple[int, str]:
    """Run the CLI on a pty of ``columns`` x 40; its exit status and everything it drew.

    With ``interrupt_at`` (a regular expression), a SIGINT goes to the process group (as
    Ctrl-C does) once what was drawn matches it.
    """
    import fcntl  # POSIX only: the pty tests are skipped elsewhere
    import pty
    import termios

    fake, url = served
    leader, follower = pty.openpty()
    fcntl.ioctl(follower, termios.TIOCSWINSZ, struct.pack("HHHH", 40, columns, 0, 0))
    environment = {
        "PATH": os.environ.get("PATH", ""),
        # The package under test, not another checkout that the venv may point at.
        "PYTHONPATH": os.environ.get("PYTHONPATH", ""),
        "TERM": "xterm-256color",
        "SIGNALWIRE_PROJECT_ID": fake.project_id,
        "SIGNALWIRE_API_TOKEN": fake.api_token,
        "SIGNALWIRE_BASE_URL": url,
    } | env
    process = subprocess.Popen(
        [sys.executable, "-m", "signalwire_logs", *args],
        stdin=follower,
        stdout=follower,
        stderr=follower,
        env=environment,
        close_fds=True,
        start_new_session=interrupt_at is not None,  # its own group, as a shell job has
    )
    os.close(follower)
    output = bytearray()
    deadline = time.monotonic() + 60
    try:
        while time.monotonic() < deadline:
            ready, _, _ = select.select([leader], [], [], 0.2)
            if ready:
                try:
                    chunk = os.read(leader, 65536)
                except OSError:  # EIO: the other side is closed
                    break
                if not chunk:
                    break
                output += chunk
                if interrupt_at and re.search(
                    interrupt_at, _ANSI.sub("", output.decode("utf-8", "replace"))
                ):
                    os.killpg(process.pid, signal.SIGINT)
                    interrupt_at = None
            elif process.poll() is not None:
                break
    finally:
        os.close(leader)
        status = process.wait(timeout=10)
    return status, output.decode("utf-8", "replace")


def screen(text: str) -> list[str]:
    """The lines a user would see (colours stripped, carriage-return redraws resolved)."""
    return [
        line.rsplit("\r", 1)[-1] for line in _ANSI.sub("", text).replace("\r\n", "\n").split("\n")
    ]
