"""The fault matrix: every fault against list, get and export, over loopback HTTP.

Each cell either recovers (retried to the same records as a clean run) or raises its typed
error, with the cursor of the last complete page available, from which a resumed run yields
exactly the clean run's records. The table in docs/guides/failures.md is rendered from MATRIX
(a test checks).
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

from signalwire_logs import (
    APIConnectionError,
    APIResponseValidationError,
    APIStatusError,
    APITimeoutError,
    InternalServerError,
    RateLimitError,
    ResponseTooLargeError,
    SignalWireError,
    SignalWireLogs,
    export_logs,
)
from signalwire_logs.testing import (
    HTML,
    BadJSON,
    Bomb,
    Delay,
    Drop,
    Empty,
    Endless,
    FakeSignalWire,
    Fault,
    NotGzip,
    Redirect,
    Reset,
    Status,
    Trickle,
    Truncate,
)

from conftest import ROOT

PAGE = 50
#: Also each attempt's whole deadline: short, but with room for a loaded CI machine.
TIMEOUT = 0.5
#: Pages of 50 are ~25 KB; a small cap keeps the inflating of a bomb well inside TIMEOUT.
MAX_RESPONSE_BYTES = 4 * 1024 * 1024


@dataclass(frozen=True)
class Cell:
    name: str
    fault: Fault
    times: int
    error: type[SignalWireError] | None = None

    @property
    def outcome(self) -> str:
        return "retried, recovers" if self.error is None else f"raises `{self.error.__name__}`"


MATRIX = [
    Cell("connection reset (TCP RST)", Reset(), 1),
    Cell("connection reset, every attempt", Reset(), 10, APIConnectionError),
    Cell("connection closed before the answer", Drop(), 1),
    Cell("connection closed mid-body", Truncate(), 1),
    Cell(f"read timeout (server slower than {TIMEOUT} s)", Delay(2 * TIMEOUT), 1),
    Cell("read timeout, every attempt", Delay(2 * TIMEOUT), 10, APITimeoutError),
    Cell("429 with `Retry-After: 1`", Status(429, retry_after="1"), 1),
    Cell("429 without `Retry-After`", Status(429), 1),
    Cell(
        "429 with `Retry-After: 3600` (over the 60 s cap)",
        Status(429, retry_after="3600"),
        1,
        RateLimitError,
    ),
    Cell("500, twice", Status(500), 2),
    Cell("502 HTML error page, twice", HTML(502), 2),
    Cell("503, three times (more than `max_retries=2`)", Status(503), 3, InternalServerError),
    Cell("502 HTML error page, every attempt", HTML(502), 10, InternalServerError),
    Cell("200 with truncated JSON", BadJSON(), 1),
    Cell("200 with truncated JSON, every attempt", BadJSON(), 10, APIResponseValidationError),
    Cell("200 with an empty body", Empty(), 1),
    Cell("302 redirect to another host", Redirect(), 1, APIStatusError),
    Cell(
        f"body trickled a byte every 0.05 s, past the {TIMEOUT} s deadline",
        Trickle("body"),
        1,
    ),
    Cell("body trickled, every attempt", Trickle("body"), 10, APITimeoutError),
    Cell(
        "headers trickled a byte every 0.05 s, every attempt",
        Trickle("headers"),
        10,
        APITimeoutError,
    ),
    Cell("200 with a body that never ends", Endless(), 1, ResponseTooLargeError),
    Cell("gzip bomb (64 KiB inflating to 64 MiB)", Bomb(), 1, ResponseTooLargeError),
    Cell("labelled gzip, not gzip", NotGzip(), 1),
    Cell("labelled gzip, not gzip, every attempt", NotGzip(), 10, APIResponseValidationError),
]
OPERATIONS = ["list", "get", "export"]


def render_table() -> str:
    """The fault-matrix table of docs/guides/failures.md."""
    lines = [
        "| fault | list | get | export |",
        "|---|---|---|---|",
    ]
    for cell in MATRIX:
        walk = cell.outcome + ("" if cell.error is None else ", resumable")
        lines.append(f"| {cell.name} | {walk} | {cell.outcome} | {walk} |")
    return "\n".join(lines) + "\n"


@pytest.fixture(scope="module")
def baseline() -> dict[str, Any]:
    fake = FakeSignalWire(message_logs=140, fax_logs=10, seed=21)
    client = fake.client()
    logs = [log.to_dict() for log in client.message_logs.list(page_size=PAGE)]
    return {"logs": logs, "ids": [log["id"] for log in logs]}


@pytest.fixture
def server() -> Iterator[tuple[FakeSignalWire, SignalWireLogs]]:
    fake = FakeSignalWire(message_logs=140, fax_logs=10, seed=21)
    with fake.serve() as url:
        client = SignalWireLogs(
            project_id=fake.project_id,
            api_token=fake.api_token,
            base_url=url,
            timeout=TIMEOUT,
            max_response_bytes=MAX_RESPONSE_BYTES,
        )
        with client:
            yield fake, client


def _arm(fake: FakeSignalWire, cell: Cell, path: str, after: int) -> None:
    fake.inject(cell.fault, times=cell.times, path=path, after=after)


def _list(
    fake: FakeSignalWire, client: SignalWireLogs, cell: Cell, baseline: dict[str, Any]
) -> None:
    _arm(fake, cell, "/api/messaging/logs", after=1)  # the second page fails
    pages = []
    if cell.error is None:
        pages = list(client.message_logs.list(page_size=PAGE).pages())
        assert [log.id for page in pages for log in page.items] == baseline["ids"]
        return
    with pytest.raises(cell.error):
        for page in client.message_logs.list(page_size=PAGE).pages():
            pages.append(page)
    assert len(pages) == 1 and pages[-1].next_page_token
    fake.clear_faults()
    rest = client.message_logs.list(
        page_size=PAGE,
        page_number=pages[-1].next_page_number,
        page_token=pages[-1].next_page_token,
    )
    assert [log.id for log in pages[0].items] + [log.id for log in rest] == baseline["ids"]


def _get(
    fake: FakeSignalWire, client: SignalWireLogs, cell: Cell, baseline: dict[str, Any]
) -> None:
    _arm(fake, cell, "/api/messaging/logs/", after=0)
    wanted = baseline["logs"][7]
    if cell.error is None:
        got = client.message_logs.get(wanted["id"]).to_dict()
        assert {**got, "url": None} == {**wanted, "url": None}  # url names the serving host
    else:
        with pytest.raises(cell.error):
            client.message_logs.get(wanted["id"])


def _export(
    fake: FakeSignalWire, client: SignalWireLogs, cell: Cell, baseline: dict[str, Any], tmp: Path
) -> None:
    output = tmp / "messages.jsonl"
    _arm(fake, cell, "/api/messaging/logs", after=1)
    if cell.error is not None:
        with pytest.raises(cell.error):
            export_logs(client.message_logs, output, page_size=PAGE)
        cursor = json.loads((tmp / "messages.jsonl.cursor").read_text())
        assert (cursor["records"], cursor["complete"]) == (PAGE, False)
        fake.clear_faults()
    export_logs(client.message_logs, output, page_size=PAGE, resume=cell.error is not None)
    exported = [json.loads(line)["id"] for line in output.read_text().splitlines()]
    assert exported == baseline["ids"]


@pytest.mark.parametrize("operation", OPERATIONS)
@pytest.mark.parametrize("cell", MATRIX, ids=[c.name for c in MATRIX])
def test_fault_matrix(
    cell: Cell,
    operation: str,
    server: tuple[FakeSignalWire, SignalWireLogs],
    baseline: dict[str, Any],
    sleeps: list[float],
    tmp_path: Path,
) -> None:
    fake, client = server
    if operation == "list":
        _list(fake, client, cell, baseline)
    elif operation == "get":
        _get(fake, client, cell, baseline)
    else:
        _export(fake, client, cell, baseline, tmp_path)
    if cell.error is None:
        assert sleeps, "a recovered fault must have been retried"


def test_the_failures_guide_shows_this_matrix() -> None:
    assert render_table() in (ROOT / "docs" / "guides" / "failures.md").read_text()
