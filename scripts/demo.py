"""`make demo`: a realistic session against the bundled fake server. No account, no network.

Starts `signalwire-logs fake-server` on a free loopback port, then uses the CLI (list, a failure
summary by error code, an export, a sync into DuckDB with one SQL query and an HTML report over
it) and the Python facade (find failed messages, follow one to its cXML message, count fax logs
with the async client), and stops the server; then a few seconds of `tail` against a live fake,
where messages appear and change status as time goes.
"""

from __future__ import annotations

import asyncio
import contextlib
import os
import shutil
import signal
import subprocess
import sys
from collections import Counter
from collections.abc import Iterator
from pathlib import Path

from signalwire_logs import AsyncSignalWireLogs, MessageLogStatus, SignalWireLogs
from signalwire_logs.testing import DEFAULT_API_TOKEN, DEFAULT_PROJECT_ID

OUTPUT = Path(__file__).resolve().parent.parent / "demo-output"
CREDENTIALS = {
    "SIGNALWIRE_PROJECT_ID": DEFAULT_PROJECT_ID,
    "SIGNALWIRE_API_TOKEN": DEFAULT_API_TOKEN,
}


def heading(text: str) -> None:
    print(f"\n=== {text}", flush=True)


def cli(url: str, *args: str, env: dict[str, str] | None = None) -> None:
    command = [sys.executable, "-m", "signalwire_logs", "--base-url", url, *args]
    print("$ signalwire-logs " + " ".join(args), flush=True)
    subprocess.run(command, check=True, env=os.environ | CREDENTIALS | (env or {}))


#: "Why did messages fail in the last week, and what did it cost?" in one query (the fake's
#: newest log is from June 2024, so the week is counted back from it, not from today).
WHY_FAILED = """
    SELECT error_code, error_message AS reason,
           count(*) AS messages, round(sum(charge), 4) AS cost_usd
    FROM signalwire_logs.message_logs
    WHERE status IN ('failed', 'undelivered')
      AND created_at > (SELECT max(created_at) FROM signalwire_logs.message_logs) - INTERVAL 7 DAY
    GROUP BY ALL ORDER BY messages DESC, cost_usd DESC
"""


def warehouse(url: str) -> None:
    import duckdb

    database = OUTPUT / "signalwire.duckdb"
    # dlt's working files go with the demo's output, not into the user's ~/.dlt.
    cli(url, "sync", "--database", str(database), env={"DLT_DATA_DIR": str(OUTPUT / ".dlt")})
    print(f"$ duckdb {database.relative_to(OUTPUT.parent)}{WHY_FAILED}", flush=True)
    with duckdb.connect(str(database), read_only=True) as db:
        db.sql(WHY_FAILED).show()


def facade(url: str) -> None:
    with SignalWireLogs(
        project_id=DEFAULT_PROJECT_ID, api_token=DEFAULT_API_TOKEN, base_url=url
    ) as client:
        failed = [
            log
            for log in client.message_logs.list(created_after="2024-06-01", page_size=1000)
            if log.status in (MessageLogStatus.FAILED, MessageLogStatus.UNDELIVERED)
        ]
        print(f"{len(failed)} messages failed since 2024-06-01; the commonest reasons:")
        reasons = Counter((log.error_code, log.error_message) for log in failed)
        for (code, reason), count in reasons.most_common(3):
            print(f"  {count:4d}  {code or '-':>5}  {reason}")
        laml = next(log for log in failed if log.url)
        message = client.cxml_messages.get_for_log(laml)
        print(
            f"log {laml.id} -> cXML message {message.sid}: {message.status}, {message.error_code}"
        )
        call = next(log for log in client.voice_logs.list() if log.type_ == "laml_call")
        events = client.voice_logs.events(call.id).data
        print(
            f"call {call.id}: {call.status}, {call.duration} s; events: "
            + ", ".join(event.name for event in events)
        )
        page = next(iter(client.fax_logs.list(page_size=100).pages()))
        print(f"first fax page: {len(page.items)} logs; resume later from {page.next_page_token}")


async def count_faxes(url: str) -> int:
    async with AsyncSignalWireLogs(
        project_id=DEFAULT_PROJECT_ID, api_token=DEFAULT_API_TOKEN, base_url=url
    ) as client:
        return sum([1 async for _ in client.fax_logs.list(include_deleted=True, page_size=1000)])


@contextlib.contextmanager
def fake_server(*options: str) -> Iterator[str]:
    """`signalwire-logs fake-server` on a free loopback port, for the block; yields its URL."""
    server = subprocess.Popen(
        [sys.executable, "-m", "signalwire_logs", "fake-server", "--port", "0", *options],
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
        text=True,
    )
    try:
        assert server.stdout is not None
        url = server.stdout.readline().strip()
        if not url:
            raise SystemExit("the fake server did not start")
        yield url
    finally:
        server.terminate()
        server.wait(timeout=10)


#: How long the demo lets `tail` run before it presses Ctrl-C.
TAIL_SECONDS = 5


def tail_live() -> None:
    """A few seconds of `tail` against a live fake (about two new messages a second, each
    going from queued to sent to its final status), then Ctrl-C, as a person would."""
    with fake_server("--live", "--rate", "120") as url:
        heading(f"Follow message logs live (a live fake on {url}); Ctrl-C after {TAIL_SECONDS} s")
        args = ["tail", "messages", "--interval", "0.5", "--window", "2h"]
        print("$ signalwire-logs " + " ".join(args), flush=True)
        command = [sys.executable, "-m", "signalwire_logs", "--base-url", url, *args]
        tail = subprocess.Popen(command, env=os.environ | CREDENTIALS)
        try:
            tail.wait(timeout=TAIL_SECONDS)
        except subprocess.TimeoutExpired:
            tail.send_signal(signal.SIGINT)
            tail.wait(timeout=10)
        print(f"(tail exited with {tail.returncode}: 130 means stopped by Ctrl-C)", flush=True)


def main() -> None:
    shutil.rmtree(OUTPUT, ignore_errors=True)
    OUTPUT.mkdir()
    with fake_server() as url:
        heading(f"A fake SignalWire Space is listening on {url}")
        heading("The latest messages")
        cli(url, "messages", "list", "--limit", "5", "--format", "table")
        heading("Why did messages fail? (every message log, grouped by error code)")
        cli(url, "summary", "messages", "--by", "error_code")
        heading("Export every message log, resumably")
        cli(
            url,
            "export",
            "messages",
            "--format",
            "jsonl",
            "--output",
            str(OUTPUT / "messages.jsonl"),
        )
        heading("Sync every family into DuckDB; why did messages fail last week, at what cost?")
        warehouse(url)
        heading("A delivery report of the synced logs: one HTML file, open it in a browser")
        cli(
            url,
            "report",
            "--database",
            str(OUTPUT / "signalwire.duckdb"),
            "--output",
            str(OUTPUT / "report.html"),
        )
        heading("Calls and conferences: voice logs by type, conferences by status")
        cli(url, "summary", "voice", "--by", "type")
        cli(url, "summary", "conferences", "--by", "status")
        heading("Failed messages through the cXML (LaML) API")
        cli(url, "cxml-message", "list", "--status", "failed", "--limit", "3", "--format", "table")
        heading("The same, from Python")
        facade(url)
        total = asyncio.run(count_faxes(url))
        print(f"async client: {total} fax logs, deleted ones included")
    tail_live()
    heading(f"Done. The export, the DuckDB database and the report are in {OUTPUT}")
    print(f"The report: {OUTPUT / 'report.html'}")


if __name__ == "__main__":
    main()
