"""Running the `signalwire-logs` command in-process against a served fake (click's runner)."""

from __future__ import annotations

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
