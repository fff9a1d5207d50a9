"""``signalwire-logs fake-server``: the bundled fake API on a loopback port."""

from __future__ import annotations

import datetime
import time
from collections.abc import Callable

import click

from .._config import is_loopback
from ..testing import FakeServer, FakeSignalWire
from ._safe import echo


@click.command("fake-server")
@click.option("--host", default="127.0.0.1", show_default=True, help="A loopback address.")
@click.option("--port", type=click.IntRange(0, 65535), default=8765, show_default=True)
@click.option("--message-logs", type=click.IntRange(min=0), default=2500, show_default=True)
@click.option("--fax-logs", type=click.IntRange(min=0), default=600, show_default=True)
@click.option("--voice-logs", type=click.IntRange(min=0), default=1500, show_default=True)
@click.option("--video-logs", type=click.IntRange(min=0), default=300, show_default=True)
@click.option("--conference-logs", type=click.IntRange(min=0), default=300, show_default=True)
@click.option("--seed", type=int, default=0, show_default=True)
@click.option("--latency", type=click.FloatRange(min=0), default=0.0, help="Seconds per answer.")
@click.option("--cache", is_flag=True, help="Serve repeated requests from memory (benchmarks).")
@click.option("--bursty", is_flag=True, help="80% of the records in 10% of the time span.")
@click.option(
    "--live", is_flag=True, help="Records appear and change status as time goes (for tail)."
)
@click.option(
    "--rate",
    type=click.FloatRange(min=0, min_open=True),
    default=30.0,
    show_default=True,
    help="With --live: about this many new message logs a minute (the fake's clock speed).",
)
def fake_server(
    host: str,
    port: int,
    message_logs: int,
    fax_logs: int,
    voice_logs: int,
    video_logs: int,
    conference_logs: int,
    seed: int,
    latency: float,
    cache: bool,
    bursty: bool,
    live: bool,
    rate: float,
) -> None:
    """Serve a local fake of the API (no account needed) until interrupted.

    The first line printed is its URL. It accepts the project ID and token it prints.
    """
    if not is_loopback(host):
        raise click.BadParameter("the fake serves loopback addresses only", param_hint="--host")
    fake = FakeSignalWire(
        message_logs=message_logs,
        fax_logs=fax_logs,
        voice_logs=voice_logs,
        video_logs=video_logs,
        conference_logs=conference_logs,
        seed=seed,
        latency=latency,
        cache=cache,
        bursty=bursty,
        live=live,
    )
    if live:
        fake.clock = _clock(fake, rate)
    server = FakeServer(fake, host, port)
    echo(server.url)
    echo(
        f"Fake SignalWire on {server.url} ({message_logs:,} message, {fax_logs:,} fax, "
        f"{voice_logs:,} voice, {video_logs:,} video and {conference_logs:,} conference logs)\n"
        f"  export SIGNALWIRE_PROJECT_ID={fake.project_id}\n"
        f"  export SIGNALWIRE_API_TOKEN={fake.api_token}   # a public test value\n"
        f"  export SIGNALWIRE_BASE_URL={server.url}\n"
        f"  signalwire-logs messages list",
        err=True,
    )
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        pass
    finally:
        server.stop()


def _clock(fake: FakeSignalWire, rate: float) -> Callable[[], datetime.datetime]:
    """The fake's clock from the wall clock, sped up so `rate` message logs appear a minute."""
    assert fake.now is not None
    begin, started = fake.now, time.monotonic()
    speed = rate / 60 * fake.messages.step.total_seconds()  # fake seconds per real second

    def now() -> datetime.datetime:
        return begin + datetime.timedelta(seconds=(time.monotonic() - started) * speed)

    return now
