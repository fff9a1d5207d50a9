"""What a server's order does to exports: lists are newest first, a sharded export checks it.

Each test serves a log list from a local server on 127.0.0.1 (tests/hostile.py: bounded in
time) in one order, and exports it: an export either holds every record exactly once or
raises PaginationError; it never ends with records missing.
"""

from __future__ import annotations

import datetime
import json
from functools import partial
from pathlib import Path
from typing import TypedDict

import pytest

from signalwire_logs import (
    AsyncSignalWireLogs,
    PaginationError,
    SignalWireLogs,
    aexport_logs,
    export_logs,
)
from signalwire_logs._export._order import span_of
from signalwire_logs.testing import FakeSignalWire

import hostile

Records = list[tuple[datetime.datetime, bytes]]
COUNT = 2_880


@pytest.fixture(scope="module")
def records() -> Records:
    """Message logs as the fake sends them: each its time and its JSON."""
    fake = FakeSignalWire(message_logs=COUNT + 150, seed=22)
    found: Records = []
    for page in fake.client().message_logs.list(page_size=1000).pages():
        times = page.body.times("created_at")
        found += [
            (datetime.datetime.fromisoformat(at), bytes(raw))
            for at, raw in zip(times, page.body.records, strict=True)
        ]
    return found[:COUNT]


class Range(TypedDict):
    created_after: datetime.datetime
    created_before: datetime.datetime


def _range(records: Records) -> Range:
    times = [at for at, _ in records]
    minute = datetime.timedelta(minutes=1)
    return {"created_after": min(times) - minute, "created_before": max(times) + minute}


def _ids(path: Path) -> list[str]:
    return [json.loads(line)["id"] for line in path.read_text().splitlines()]


def _expected(records: Records) -> list[str]:
    return [json.loads(raw)["id"] for _, raw in sorted(records, key=lambda r: r[0], reverse=True)]


def _served(url: str) -> SignalWireLogs:
    return SignalWireLogs(project_id="p", api_token="t", base_url=url, timeout=5, max_retries=0)


def test_a_newest_first_server_exports_every_record_with_shards(
    records: Records, tmp_path: Path
) -> None:
    output = tmp_path / "m.jsonl"
    with hostile.serve(route=hostile.log_list(records)) as url, _served(url) as client:
        result = export_logs(
            client.message_logs, output, concurrency=8, page_size=50, **_range(records)
        )
    assert _ids(output) == _expected(records) and result.records == COUNT


@pytest.mark.parametrize("order", ["oldest", "pages"])
def test_a_server_out_of_order_fails_a_sharded_export(
    records: Records, tmp_path: Path, order: str
) -> None:
    """An oldest-first server used to make 8 shards write 510 of 2,880 records, and exit 0."""
    output = tmp_path / "m.jsonl"
    with (
        hostile.serve(route=hostile.log_list(records, order)) as url,
        _served(url) as client,
        pytest.raises(PaginationError, match=r"newest first.*concurrency=1"),
    ):
        export_logs(client.message_logs, output, concurrency=8, page_size=50, **_range(records))
    assert not output.exists()  # never joined as if it were whole


@pytest.mark.parametrize("order", hostile.ORDERS)
def test_one_walk_exports_every_record_in_any_order(
    records: Records, tmp_path: Path, order: str
) -> None:
    output = tmp_path / "m.jsonl"
    with hostile.serve(route=hostile.log_list(records, order)) as url, _served(url) as client:
        export_logs(client.message_logs, output, page_size=500, **_range(records))
    assert sorted(_ids(output)) == sorted(_expected(records))


@pytest.mark.anyio
async def test_an_oldest_first_server_fails_an_async_sharded_export(
    records: Records, tmp_path: Path
) -> None:
    output = tmp_path / "m.jsonl"
    with hostile.serve(route=hostile.log_list(records, "oldest")) as url:
        async with AsyncSignalWireLogs(
            project_id="p", api_token="t", base_url=url, timeout=5, max_retries=0
        ) as client:
            with pytest.raises(PaginationError, match="out of order"):
                await aexport_logs(
                    client.message_logs, output, concurrency=4, page_size=50, **_range(records)
                )


def _edge_above(records: Records) -> Range:
    """A range cut in two windows whose edge is half a second above the oldest record: that
    record is in the older window, and in the margin under the newer one."""
    times = [at for at, _ in records]
    edge = min(times) + datetime.timedelta(seconds=0.5)
    reach = max(times) - min(times) + datetime.timedelta(minutes=1)
    return {"created_after": edge - reach, "created_before": edge + reach}


@pytest.mark.parametrize(("order", "size"), [("newest", 5), ("oldest", 1), ("pages", 5)])
def test_a_window_walk_does_not_end_on_its_first_page(
    records: Records, tmp_path: Path, order: str, size: int
) -> None:
    """The newer window's first page holds the record in the margin under it (alone, or
    with the oldest of the window): listed newest first, the walk would be over; listed
    otherwise, the rest of the window is still to come. So a walk's first page never ends
    it: the next page, newer than it, is refused."""
    few = records[:22]
    output = tmp_path / "m.jsonl"
    with hostile.serve(route=hostile.log_list(few, order)) as url, _served(url) as client:
        run = partial(export_logs, client.message_logs, output, concurrency=2, page_size=size)
        if order == "newest":
            run(**_edge_above(few))
            assert _ids(output) == _expected(few)
            return
        with pytest.raises(PaginationError, match="after one of"):
            run(**_edge_above(few))


@pytest.mark.parametrize("order", ["oldest", "pages"])
def test_a_server_out_of_order_fails_a_sync_in_windows(
    records: Records, tmp_path: Path, order: str
) -> None:
    """A first load finds the top of its range from the list's first record: listed oldest
    first, it would end the range there and leave every newer record out."""
    from signalwire_logs.sync import sync

    few = records[:300]

    with hostile.serve(route=hostile.log_list(few, order)) as url, _served(url) as client:
        run = partial(sync, client, ["messages"], page_size=50)
        with pytest.raises(PaginationError, match=r"newest first.*concurrency=1"):
            run(concurrency=8, database=tmp_path / "w.duckdb", pipelines_dir=tmp_path / "w")
        (one,) = run(concurrency=1, database=tmp_path / "1.duckdb", pipelines_dir=tmp_path / "1")
    assert one.total == len(few)  # one walk does not rely on the order


def test_the_span_of_a_page() -> None:
    at = datetime.datetime(2024, 6, 1, tzinfo=datetime.UTC)
    second = datetime.timedelta(seconds=1)
    assert span_of([]) is None
    newest_first = span_of([at, at, at - second])
    assert newest_first is not None and newest_first.ordered
    assert (newest_first.oldest, newest_first.newest) == (at - second, at)
    shuffled = span_of([at - second, at, at - 2 * second])
    assert shuffled is not None and not shuffled.ordered and shuffled.disorder == 1
    assert (shuffled.oldest, shuffled.newest) == (at - 2 * second, at)
    mixed = span_of([at.replace(tzinfo=None), at - second])  # naive means UTC
    assert mixed is not None and mixed.ordered and mixed.newest == at
