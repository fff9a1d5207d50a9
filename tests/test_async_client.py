"""The async facade: twins of the main sync cases."""

from __future__ import annotations

import httpx
import pytest

from signalwire_logs import (
    AsyncSignalWireLogs,
    ConfigurationError,
    CxmlMessage,
    FaxLog,
    InternalServerError,
    MessageLog,
    NotFoundError,
    PaginationError,
    RateLimitError,
)

from conftest import load_example
from helpers import API_TOKEN, PROJECT_ID, Pager, make_async_client, make_client, sequence

pytestmark = pytest.mark.anyio

FAX_ID = "b7182dc2-00f3-40e4-a5ce-20f164b329df"


async def test_get_each_endpoint() -> None:
    # Each answer is the record asked for (the client checks it).
    message_log = {**load_example("message_log"), "id": "a6d2c3e0-0000-4000-8000-000000000001"}
    cxml = {**load_example("cxml_message"), "account_sid": PROJECT_ID}
    sid = message_log["url"].rsplit("/", 1)[1]
    handler, seen = sequence(
        httpx.Response(200, json=message_log),
        httpx.Response(200, json={**load_example("fax_log"), "id": FAX_ID}),
        httpx.Response(200, json=cxml),
        httpx.Response(200, json={**cxml, "sid": sid}),
    )
    async with make_async_client(handler) as client:
        log = await client.message_logs.get("a6d2c3e0-0000-4000-8000-000000000001")
        assert isinstance(log, MessageLog) and log.error_code == "21601"
        assert isinstance(await client.fax_logs.get(FAX_ID), FaxLog)
        assert isinstance(await client.cxml_messages.get(cxml["sid"]), CxmlMessage)
        assert isinstance(await client.cxml_messages.get_for_log(log), CxmlMessage)
    assert [r.url.path.split("/")[2] for r in seen] == ["messaging", "fax", "laml", "laml"]
    assert seen[2].url.path.endswith(f"/Accounts/{PROJECT_ID}/Messages/{cxml['sid']}")


async def test_walk_2500_records_over_three_pages() -> None:
    pager = Pager(2500)
    client = make_async_client(pager)
    ids = [log.id async for log in client.fax_logs.list(page_size=1000)]
    assert ids == [r["id"] for r in pager.records]
    assert len(pager.requests) == 3


async def test_resume_from_a_saved_cursor() -> None:
    pager = Pager(2500)
    client = make_async_client(pager)
    first = await anext(aiter(client.fax_logs.list(page_size=1000).pages()))
    rest = client.fax_logs.list(
        page_size=1000, page_number=first.next_page_number, page_token=first.next_page_token
    )
    ids = [log.id for log in first.items] + [log.id async for log in rest]
    assert ids == [r["id"] for r in pager.records]


async def test_limit() -> None:
    pager = Pager(2500)
    logs = [log async for log in make_async_client(pager).fax_logs.list(limit=1500)]
    assert len(logs) == 1500 and len(pager.requests) == 2


async def test_a_walk_asks_the_largest_page_by_default() -> None:
    pager = Pager(2500)
    logs = [log async for log in make_async_client(pager).fax_logs.list()]
    assert len(logs) == 2500
    assert [r.url.params["page_size"] for r in pager.requests] == ["1000"] * 3


async def test_bad_page_size_fails_before_any_request() -> None:
    pager = Pager(10)
    with pytest.raises(ConfigurationError, match="page_size"):
        make_async_client(pager).fax_logs.list(page_size=5000)
    assert pager.requests == []


async def test_typed_errors() -> None:
    handler, _ = sequence(httpx.Response(404, json={"error": "Not Found"}))
    with pytest.raises(NotFoundError) as caught:
        await make_async_client(handler).fax_logs.get(FAX_ID)
    assert caught.value.body == {"error": "Not Found"}


async def test_retry_then_success_honouring_retry_after(sleeps: list[float]) -> None:
    handler, seen = sequence(
        httpx.Response(429, headers={"retry-after": "4"}),
        httpx.ConnectError("refused"),
        httpx.Response(200, json=load_example("fax_log")),
    )
    fax = await make_async_client(handler).fax_logs.get(FAX_ID)
    assert fax.id == FAX_ID and len(seen) == 3
    assert sleeps == [4.0, 1.0]


async def test_gives_up_on_persistent_5xx(sleeps: list[float]) -> None:
    handler, seen = sequence(*[httpx.Response(500, text="<html>oops</html>")] * 3)
    with pytest.raises(InternalServerError, match="not JSON"):
        await make_async_client(handler).fax_logs.get(FAX_ID)
    assert len(seen) == 3


async def test_rate_limit_without_retries() -> None:
    handler, _ = sequence(httpx.Response(429, json={"errors": []}))
    with pytest.raises(RateLimitError):
        await make_async_client(handler, max_retries=0).fax_logs.get(FAX_ID)


async def test_next_link_to_another_host_is_never_followed() -> None:
    pager = Pager(30, next_host="evil.example.com")
    with pytest.raises(PaginationError, match="another host"):
        [log async for log in make_async_client(pager).fax_logs.list(page_size=20)]
    assert {r.url.host for r in pager.requests} == {"example.signalwire.com"}


async def test_mixing_sync_and_async_iteration_is_a_clear_error() -> None:
    # Type checkers reject both loops (tests/typing); code that skips them fails at once.
    pager = Pager(1)
    with pytest.raises(TypeError, match="AsyncPaginator' object is not iterable"):
        list(make_async_client(pager).fax_logs.list())  # type: ignore[call-overload]
    with pytest.raises(TypeError, match="async for' requires an object with __aiter__"):
        [log async for log in make_client(pager).fax_logs.list()]  # type: ignore[attr-defined]
    assert pager.requests == []


async def test_owned_pool_is_closed() -> None:
    async with AsyncSignalWireLogs(
        project_id=PROJECT_ID, api_token=API_TOKEN, space="example"
    ) as client:
        pool = client._http_client
    assert pool.is_closed
