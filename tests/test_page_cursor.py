"""A page cursor carries the page size of its walk: a resume asks that size, or refuses
another, so that no record is skipped or read twice (a page number counts pages of a size)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import httpx
import pytest

from signalwire_logs import ConfigurationError, PageCursor, export_logs
from signalwire_logs.testing import FakeSignalWire, Status

from helpers import exported_ids


def _sizes(fake: FakeSignalWire, since: int = 0) -> list[str | None]:
    """The page size each request since the ``since``-th asked (``page_size``/``PageSize``)."""
    sizes = []
    for _method, path in fake.requests[since:]:
        params = httpx.URL(path).params
        sizes.append(params.get("page_size", params.get("PageSize")))
    return sizes


def _started(fake: FakeSignalWire, walked: int = 2) -> tuple[list[str], PageCursor]:
    """The fax log ids a walk of 50-record pages read in ``walked`` pages, and its cursor."""
    pages = iter(fake.client().fax_logs.list(page_size=50).pages())
    ids: list[str] = []
    for _ in range(walked):
        page = next(pages)
        ids.extend(str(log.id) for log in page.items)
    return ids, page.cursor


@pytest.fixture
def fake() -> FakeSignalWire:
    return FakeSignalWire(fax_logs=230)


def _all_ids(fake: FakeSignalWire) -> list[str]:
    return [str(log.id) for log in fake.client().fax_logs.list()]


def test_a_cursor_knows_the_page_size_of_its_walk(fake: FakeSignalWire) -> None:
    _ids, cursor = _started(fake)
    assert cursor.page_size == 50 and not cursor.done
    pages = list(fake.client().fax_logs.list(page_size=50, resume=cursor).pages())
    assert pages[-1].cursor == PageCursor(done=True)  # nothing left to count: no size


def test_a_resume_with_no_page_size_asks_the_cursors_and_reads_exactly_the_rest(
    fake: FakeSignalWire,
) -> None:
    ids, cursor = _started(fake)
    since = len(fake.requests)
    rest = [str(log.id) for log in fake.client().fax_logs.list(resume=cursor)]
    assert _sizes(fake, since) == ["50"] * 3  # 117 records left (deleted ones are not listed)
    assert ids + rest == _all_ids(fake)


def test_a_resume_with_a_small_limit_still_asks_the_cursors_size(fake: FakeSignalWire) -> None:
    ids, cursor = _started(fake)
    since = len(fake.requests)
    rest = [str(log.id) for log in fake.client().fax_logs.list(resume=cursor, limit=7)]
    assert _sizes(fake, since) == ["50"]  # the limit stops the walk; the size is the cursor's
    assert ids + rest == _all_ids(fake)[:107]


def test_a_resume_with_another_page_size_is_refused_before_any_request(
    fake: FakeSignalWire,
) -> None:
    _ids, cursor = _started(fake)
    since = len(fake.requests)
    with pytest.raises(ConfigurationError, match=r"page_size=1000 .* 50-record") as caught:
        fake.client().fax_logs.list(page_size=1000, resume=cursor)
    assert "page_size=50" in str(caught.value)  # says what would work
    assert fake.requests[since:] == []
    same = [str(log.id) for log in fake.client().fax_logs.list(page_size=50, resume=cursor)]
    assert _ids + same == _all_ids(fake)


def test_the_status_filter_resumes_at_its_cursors_size() -> None:
    # status= asks 1,000 a page when given no page_size: a resume must not.
    fake = FakeSignalWire(message_logs=600, seed=4)
    client = fake.client()
    first = next(iter(client.message_logs.list(status="delivered", page_size=200).pages()))
    assert first.cursor.page_size == 200
    since = len(fake.requests)
    rest = list(client.message_logs.list(status="delivered", resume=first.cursor))
    assert set(_sizes(fake, since)) == {"200"}
    every = [log.id for log in client.message_logs.list(status="delivered")]
    assert [log.id for log in first.items] + [log.id for log in rest] == every
    with pytest.raises(ConfigurationError, match="page_size=1000"):
        client.message_logs.list(status="delivered", page_size=1000, resume=first.cursor)


def test_a_cxml_resume_asks_the_cursors_page_size() -> None:
    fake = FakeSignalWire(message_logs=120)
    client = fake.client()
    pages = list(client.cxml_messages.list(page_size=20).pages())
    assert pages[1].cursor.page_size == 20
    since = len(fake.requests)
    rest = [m.sid for m in client.cxml_messages.list(resume=pages[1].cursor)]
    assert rest == [m.sid for p in pages[2:] for m in p.items]
    assert set(_sizes(fake, since)) == {"20"}
    since = len(fake.requests)
    with pytest.raises(ConfigurationError, match="page_size=1000"):
        client.cxml_messages.list(page_size=1000, resume=pages[1].cursor)
    assert fake.requests[since:] == []


def test_a_cursor_round_trips_as_json(fake: FakeSignalWire) -> None:
    _ids, cursor = _started(fake)
    saved = json.dumps(cursor.to_dict())
    assert json.loads(saved)["page_size"] == 50
    assert PageCursor.from_dict(json.loads(saved)) == cursor
    done = PageCursor(done=True)
    assert PageCursor.from_dict(json.loads(json.dumps(done.to_dict()))) == done


@pytest.mark.parametrize("size", [0, -1, "50", 50.0, True])
def test_a_cursor_with_a_bad_page_size_is_refused(size: object) -> None:
    data = {"page_number": 1, "page_token": "t", "done": False, "page_size": size}
    with pytest.raises(ValueError, match="page_size"):
        PageCursor.from_dict(data)


def test_a_cursor_saved_before_it_kept_its_size_resumes_as_before(fake: FakeSignalWire) -> None:
    ids, cursor = _started(fake)
    old = {key: value for key, value in cursor.to_dict().items() if key != "page_size"}
    loaded = PageCursor.from_dict(old)
    assert loaded == PageCursor(cursor.page_number, cursor.page_token, False)
    assert loaded.page_size is None
    since = len(fake.requests)
    rest = [str(log.id) for log in fake.client().fax_logs.list(page_size=50, resume=loaded)]
    assert set(_sizes(fake, since)) == {"50"}
    assert ids + rest == _all_ids(fake)
    since = len(fake.requests)
    list(fake.client().fax_logs.list(resume=loaded))  # its size unknown: the default, as before
    assert set(_sizes(fake, since)) == {"1000"}
    with pytest.raises(ValueError):
        PageCursor.from_dict({"page_number": 1, "page_token": "t"})


@pytest.mark.anyio
async def test_the_async_client_resumes_at_the_cursors_size(fake: FakeSignalWire) -> None:
    ids, cursor = _started(fake)
    since = len(fake.requests)
    async with fake.async_client() as client:
        with pytest.raises(ConfigurationError, match="page_size=1000"):
            client.fax_logs.list(page_size=1000, resume=cursor)
        assert fake.requests[since:] == []
        rest = [str(log.id) async for log in client.fax_logs.list(resume=cursor)]
        assert _sizes(fake, since) == ["50"] * 3
        async for page in client.fax_logs.list(page_size=50).pages():
            assert page.cursor.page_size == 50
            break
    assert ids + rest == _all_ids(fake)


def test_an_export_cursor_file_saved_without_page_sizes_still_resumes(tmp_path: Path) -> None:
    fake = FakeSignalWire(fax_logs=230)
    client = fake.client(max_retries=0)
    output = tmp_path / "f.jsonl"
    fake.inject(Status(500), path="/api/fax/logs", after=2, times=10_000)
    with pytest.raises(Exception, match="500"):
        export_logs(client.fax_logs, output, page_size=50)
    path = tmp_path / "f.jsonl.cursor"
    data: dict[str, Any] = json.loads(path.read_text())
    [shard] = data["shards"]
    assert shard["cursor"]["page_size"] == 50 and data["records"] == 100
    del shard["cursor"]["page_size"]  # as an earlier version saved it
    path.write_text(json.dumps(data))
    fake.clear_faults()
    since = len(fake.requests)
    result = export_logs(client.fax_logs, output, resume=True)
    assert set(_sizes(fake, since)) == {"50"}  # the cursor file's page size
    assert exported_ids(output) == _all_ids(fake)
    assert result.resumed and result.written == result.records - 100
