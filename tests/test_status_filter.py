"""Message logs' status= (a filter the client applies: the API has none): in list(), in
exports (resume, shards), and on the command line (list, summary, export)."""

from __future__ import annotations

import csv
import json
import warnings
from collections import Counter
from pathlib import Path
from typing import Any

import anyio
import pytest

from signalwire_logs import (
    ConfigurationError,
    MessageLogFilters,
    MessageLogStatus,
    aexport_logs,
    export_logs,
)
from signalwire_logs.testing import FakeSignalWire

from cli_helpers import run

WANTED = {"failed", "undelivered"}
RANGE: dict[str, Any] = {"created_after": "2000-01-01", "created_before": "2100-01-01"}


@pytest.fixture(scope="module")
def fake() -> FakeSignalWire:
    return FakeSignalWire(message_logs=2_345, seed=11)


def _expected(fake: FakeSignalWire, statuses: set[str] = WANTED) -> list[str]:
    return [log.id for log in fake.client().message_logs.list() if log.status in statuses]


def test_list_keeps_only_the_statuses_asked_for(fake: FakeSignalWire) -> None:
    client = fake.client()
    every = Counter(str(log.status) for log in client.message_logs.list())
    assert every["failed"] and every["undelivered"] and every["delivered"]  # a real filter
    for status in (
        ["failed", "undelivered"],
        [MessageLogStatus.UNDELIVERED, MessageLogStatus.FAILED],
        "failed,undelivered",
        ("undelivered", "failed", "failed"),
    ):
        ids = [log.id for log in client.message_logs.list(status=status)]
        assert ids == _expected(fake)


def test_limit_counts_the_logs_kept(fake: FakeSignalWire) -> None:
    logs = list(fake.client().message_logs.list(status="failed", limit=30))
    assert len(logs) == 30 and {str(log.status) for log in logs} == {"failed"}
    assert [log.id for log in logs] == _expected(fake, {"failed"})[:30]


def test_pages_hold_only_the_logs_kept_and_resume_exactly(fake: FakeSignalWire) -> None:
    pages = fake.client().message_logs.list(status=WANTED, page_size=500).pages()
    first = next(iter(pages))
    assert first.items and {str(log.status) for log in first.items} <= WANTED
    assert len(first) == len(first.body.records) == len(first.raw_items)
    rest = fake.client().message_logs.list(status=WANTED, page_size=500, resume=first.cursor)
    assert [log.id for log in first.items] + [log.id for log in rest] == _expected(fake)


def test_a_status_filter_asks_for_full_pages(fake: FakeSignalWire) -> None:
    pages = list(fake.client().message_logs.list(status="failed", limit=5).pages())
    assert pages[0].request is not None
    assert pages[0].request.url.params["page_size"] == "1000"


def test_async_list_filters_the_same(fake: FakeSignalWire) -> None:
    async def main() -> list[str]:
        async with fake.async_client() as client:
            return [log.id async for log in client.message_logs.list(status=["failed"])]

    assert anyio.run(main) == _expected(fake, {"failed"})


def test_an_undocumented_status_warns_and_a_bad_one_is_refused(fake: FakeSignalWire) -> None:
    client = fake.client()
    with pytest.warns(UserWarning, match="'bogus' is not a documented message log status"):
        assert list(client.message_logs.list(status=["failed", "bogus"])) != []
    for bad in (3, [3], ",", []):
        with pytest.raises(ConfigurationError, match="status"):
            client.message_logs.list(status=bad)  # type: ignore[arg-type]


# -- exports -----------------------------------------------------------------------------------


def _ids(path: Path) -> list[str]:
    return [json.loads(line)["id"] for line in path.read_text().splitlines()]


def test_an_export_keeps_the_statuses_and_saves_them_sorted(
    fake: FakeSignalWire, tmp_path: Path
) -> None:
    output = tmp_path / "m.jsonl"
    status: Any = ["undelivered", MessageLogStatus.FAILED]
    result = export_logs(fake.client().message_logs, output, filters={"status": status})
    assert _ids(output) == _expected(fake) and result.records == len(_expected(fake))
    cursor = json.loads((tmp_path / "m.jsonl.cursor").read_text())
    assert cursor["filters"] == {"status": ["failed", "undelivered"]}
    assert cursor["records"] == result.records


def test_a_resumed_export_follows_its_statuses_and_refuses_others(
    fake: FakeSignalWire, tmp_path: Path
) -> None:
    output = tmp_path / "m.jsonl"
    client = fake.client()

    def stop(progress: Any) -> None:
        raise KeyboardInterrupt

    with pytest.raises(KeyboardInterrupt):
        export_logs(
            client.message_logs,
            output,
            page_size=200,
            filters={"status": "failed,undelivered"},
            on_progress=stop,
        )
    assert 0 < len(_ids(output)) < len(_expected(fake))
    with pytest.raises(ConfigurationError, match="belongs to another export"):
        export_logs(client.message_logs, output, resume=True, filters={"status": "failed"})
    # The same statuses in another order, or none given (the cursor file's): the rest.
    same: MessageLogFilters = {"status": ["undelivered", "failed"]}
    export_logs(client.message_logs, output, resume=True, page_size=200, filters=same)
    assert _ids(output) == _expected(fake)


def test_a_sharded_export_filters_each_window(fake: FakeSignalWire, tmp_path: Path) -> None:
    output = tmp_path / "m.jsonl"
    filters: MessageLogFilters = {"status": list(WANTED)}
    result = export_logs(
        fake.client().message_logs, output, concurrency=4, page_size=50, filters=filters, **RANGE
    )
    assert _ids(output) == _expected(fake) and result.records == len(_expected(fake))


def test_an_async_export_filters_the_same(fake: FakeSignalWire, tmp_path: Path) -> None:
    async def main() -> None:
        async with fake.async_client() as client:
            await aexport_logs(
                client.message_logs,
                tmp_path / "m.csv",
                format="csv",
                filters={"status": ["failed"]},
            )

    anyio.run(main)
    with (tmp_path / "m.csv").open(newline="") as handle:
        assert [row["id"] for row in csv.DictReader(handle)] == _expected(fake, {"failed"})
    assert len(_expected(fake, {"failed"})) > 100  # several pages of them


def test_other_families_have_no_status_filter(fake: FakeSignalWire, tmp_path: Path) -> None:
    with pytest.raises(ConfigurationError, match="Bad filters"):  # a type checker's error too
        export_logs(fake.client().fax_logs, tmp_path / "f.jsonl", filters={"status": "failed"})  # type: ignore[call-overload]


# -- the command line --------------------------------------------------------------------------


@pytest.fixture
def served(fake: FakeSignalWire) -> Any:
    with fake.serve() as url:
        yield fake, url


def test_cli_list_takes_repeated_and_comma_separated_statuses(served: Any) -> None:
    fake = served[0]
    for args in (
        ["--status", "failed", "--status", "undelivered"],
        ["--status", "failed,undelivered"],
    ):
        result = run(served, "messages", "list", *args, "--limit", "1000", "--format", "jsonl")
        assert result.exit_code == 0, result.output
        ids = [json.loads(line)["id"] for line in result.stdout.splitlines()]
        assert ids == _expected(fake)
    limited = run(
        served, "messages", "list", "--status", "failed", "--limit", "7", "--format", "jsonl"
    )
    assert len(limited.stdout.splitlines()) == 7


def test_cli_help_says_the_filter_is_the_clients(served: Any) -> None:
    for command in (["messages", "list"], ["summary"], ["export"]):
        text = " ".join(run(served, *command, "--help").stdout.split())
        assert "--status" in text and "the API has no status filter" in text, command


def test_cli_summary_by_status_of_the_statuses_asked_for(served: Any) -> None:
    result = run(served, "summary", "messages", "--status", "failed,undelivered", "--format", "csv")
    assert result.exit_code == 0, result.output
    counts = {
        line.split(",")[0]: int(line.split(",")[1]) for line in result.stdout.splitlines()[1:]
    }
    every = Counter(str(log.status) for log in served[0].client().message_logs.list())
    assert counts == {status: every[status] for status in WANTED}
    refused = run(served, "summary", "faxes", "--status", "failed")
    assert refused.exit_code == 2 and "faxes has no status filter" in refused.stderr


def test_cli_export_with_statuses_and_a_resume_asking_for_others(
    served: Any, tmp_path: Path
) -> None:
    output = tmp_path / "m.jsonl"
    done = run(served, "export", "messages", "-o", str(output), "--status", "undelivered,failed")
    assert done.exit_code == 0, done.output
    assert _ids(output) == _expected(served[0])
    other = run(served, "export", "messages", "-o", str(output), "--resume", "--status", "sent")
    assert other.exit_code == 2 and "belongs to another export" in other.stderr
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        one = run(
            served,
            "export",
            "cxml-message",
            "-o",
            str(tmp_path / "c.jsonl"),
            "--status",
            "failed,sent",
        )
    assert one.exit_code == 2 and "takes one status" in one.stderr
