"""follow() on the log resources, sync and async, against the live fake (its clock driven)."""

from __future__ import annotations

import asyncio
import datetime
import itertools

import pytest

from signalwire_logs import FollowEvent, MessageLog
from signalwire_logs._follow import FollowState
from signalwire_logs.testing import FakeSignalWire, Status


def _live(message_logs: int = 400, voice_logs: int = 40) -> FakeSignalWire:
    return FakeSignalWire(
        message_logs=message_logs,
        fax_logs=0,
        voice_logs=voice_logs,
        video_logs=0,
        conference_logs=0,
        live=True,
        seed=7,
    )


def _now(fake: FakeSignalWire) -> datetime.datetime:
    assert fake.now is not None
    return fake.now


def _created(event: FollowEvent[MessageLog]) -> datetime.datetime:
    moment = event.record.created_at
    assert isinstance(moment, datetime.datetime)
    return moment


def _pairs(events: list[FollowEvent[MessageLog]]) -> list[tuple[str, str | None]]:
    return [(str(event.record.id), str(event.record.status)) for event in events]


def test_new_records_and_status_changes_are_each_yielded_once() -> None:
    fake = _live()
    step = fake.messages.step.total_seconds()
    with fake.client(max_retries=0) as client:
        follow = client.message_logs.follow(interval=step / 4, sleep=fake.advance)
        events = list(itertools.islice(follow, 60))
    pairs = _pairs(events)
    assert len(pairs) == len(set(pairs)), "an (id, status) pair was yielded twice"
    new = [e for e in events if e.is_new]
    changed = [e for e in events if not e.is_new]
    assert new and changed
    # Each change follows the record's earlier report, in the order SignalWire moves it.
    for event in changed:
        assert (event.previous_status, str(event.record.status)) in {
            ("queued", "sent"),
            ("sent", "delivered"),
            ("sent", "undelivered"),
            ("sent", "failed"),
            ("queued", "delivered"),
            ("queued", "undelivered"),
            ("queued", "failed"),
        }
    # Nothing that existed before the first poll is reported as new.
    start = _now(fake) - datetime.timedelta(seconds=len(fake.requests) * step / 4)
    assert all(_created(e) > start - fake.messages.step * 2 for e in new)


def test_since_starts_in_the_past() -> None:
    fake = _live()
    since = _now(fake) - fake.messages.step * 10
    with fake.client(max_retries=0) as client:
        first = next(client.message_logs.follow(since=since, sleep=fake.advance))
    assert first.is_new and _created(first) > since
    assert fake.requests[0][1].startswith("/api/messaging/logs?")
    assert "created_after=" in fake.requests[0][1]


def test_transient_failures_are_reported_and_ridden_out() -> None:
    fake = _live()
    fake.inject(Status(503), times=3, path="/api/messaging/logs")
    errors: list[Exception] = []
    step = fake.messages.step.total_seconds()
    with fake.client(max_retries=0) as client:
        follow = client.message_logs.follow(
            interval=step, sleep=fake.advance, on_error=errors.append
        )
        events = list(itertools.islice(follow, 5))
    assert len(errors) == 3 and all("503" in str(e) for e in errors)
    assert len(events) == 5


def test_an_auth_failure_stops_the_follow() -> None:
    fake = _live()
    fake.inject(Status(401), path="/api/messaging/logs")
    with fake.client(max_retries=0) as client, pytest.raises(Exception, match="401"):
        next(client.message_logs.follow(sleep=fake.advance))


def test_async_follow_yields_the_same_events_as_sync() -> None:
    step = _live().messages.step.total_seconds()
    sync_fake = _live()
    with sync_fake.client(max_retries=0) as client:
        follow = client.message_logs.follow(interval=step / 3, sleep=sync_fake.advance)
        expected = _pairs(list(itertools.islice(follow, 20)))

    async def run() -> list[tuple[str, str | None]]:
        fake = _live()

        async def sleep(seconds: float) -> None:
            fake.advance(seconds)

        async with fake.async_client(max_retries=0) as client:
            got: list[FollowEvent[MessageLog]] = []
            async for event in client.message_logs.follow(interval=step / 3, sleep=sleep):
                got.append(event)
                if len(got) == 20:
                    break
            return _pairs(got)

    assert asyncio.run(run()) == expected


def test_voice_calls_are_seen_ending() -> None:
    fake = _live(message_logs=0, voice_logs=400)
    step = fake.voice.step.total_seconds()
    with fake.client(max_retries=0) as client:
        follow = client.voice_logs.follow(interval=step / 2, sleep=fake.advance)
        events = list(itertools.islice(follow, 40))
    assert any(e.previous_status == "in-progress" for e in events)


def test_memory_holds_only_the_window() -> None:
    fake = _live(message_logs=4000)
    step = fake.messages.step
    window = step * 5
    state: FollowState[MessageLog] = FollowState(window=window)
    with fake.client(max_retries=0) as client:
        for _ in range(200):
            batch = []
            for record in client.message_logs.list(page_size=1000, **state.params()):
                if state.enough(record):
                    break
                batch.append(record)
            state.feed(batch)
            fake.advance(step.total_seconds())
            assert len(state) <= 7, "the seen-set grew past the window"
