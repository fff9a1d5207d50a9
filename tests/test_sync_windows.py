"""The sync's parallel walk: time windows walked at once, every record handed over once."""

from __future__ import annotations

import datetime
import json
from typing import Any

import pytest

from signalwire_logs import InternalServerError
from signalwire_logs._sync_windows import walk
from signalwire_logs.testing import FakeSignalWire, Status

from helpers import HoldUntilSplit, fake_client_through, told_of_splits


def _ids(lines: list[Any], request: Any) -> list[Any]:
    return [[json.loads(bytes(line))["id"] for line in lines]]


def _walk(fake: FakeSignalWire, client: Any = None, **options: Any) -> list[str]:
    arguments: dict[str, Any] = {
        "time_field": "created_at",
        "start": None,
        "filters": {"include_deleted": True},
        "page_size": 100,
        "concurrency": 8,
    }
    arguments.update(options)
    batches = walk((client or fake.client()).message_logs, _ids, **arguments)
    return [record for batch in batches for record in batch]


@pytest.mark.parametrize("bursty", [False, True], ids=["even", "bursty"])
def test_every_record_once_whatever_the_windows(bursty: bool) -> None:
    fake = FakeSignalWire(message_logs=3_000, seed=5, bursty=bursty)
    expected = [log.id for log in fake.client().message_logs.list(include_deleted=True)]
    got = _walk(fake)
    assert len(got) == len(set(got)) == len(expected) and set(got) == set(expected)
    created_before = [path for _, path in fake.requests if "created_before" in path]
    assert len(created_before) > 8  # probed, then walked in windows


def test_the_probes_bound_the_history_and_an_empty_family_reads_nothing() -> None:
    fake = FakeSignalWire(message_logs=0, seed=5)
    assert _walk(fake) == []
    assert len(fake.requests) == 8  # the newest record, and the seven probes sent with it


def test_an_incremental_window_starts_as_one_walk(monkeypatch: pytest.MonkeyPatch) -> None:
    fake = FakeSignalWire(message_logs=3_000, seed=5)
    logs = list(fake.client().message_logs.list(include_deleted=True))
    start = logs[150].created_at  # a short window: 150 records, two pages
    fake.requests.clear()
    got = _walk(fake, start=start, now=logs[0].created_at + datetime.timedelta(seconds=1))
    assert sorted(got) == sorted(log.id for log in logs[:150])
    assert len(fake.requests) == 2  # one walk, never split: not worth it
    fake.requests.clear()
    start = logs[-1].created_at - datetime.timedelta(seconds=1)  # a long one
    gate = fake_client_through(fake, HoldUntilSplit(fake.transport(), told_of_splits(monkeypatch)))
    now = logs[0].created_at + datetime.timedelta(seconds=1)
    got = _walk(fake, gate, start=start, now=now)
    assert sorted(got) == sorted(log.id for log in logs)
    windows = {path.split("created_after=")[1].split("&")[0] for _, path in fake.requests}
    assert len(windows) > 1  # split as soon as its first page showed how much was left


def test_a_failure_in_one_window_stops_the_walk_and_is_raised() -> None:
    fake = FakeSignalWire(message_logs=3_000, seed=5)
    fake.inject(Status(500), times=50, path="/api/messaging/logs", after=12)
    client = fake.client(max_retries=0)
    batches = walk(
        client.message_logs,
        _ids,
        time_field="created_at",
        start=None,
        filters={},
        page_size=100,
        concurrency=4,
    )
    with pytest.raises(InternalServerError):
        for _ in batches:
            pass


def test_stopping_early_ends_every_worker() -> None:
    fake = FakeSignalWire(message_logs=3_000, seed=5)
    batches = walk(
        fake.client().message_logs,
        _ids,
        time_field="created_at",
        start=None,
        filters={},
        page_size=100,
        concurrency=4,
    )
    next(iter(batches))
    batches.close()  # type: ignore[attr-defined]  # a generator: its workers are joined
    served = len(fake.requests)
    assert served < 40
