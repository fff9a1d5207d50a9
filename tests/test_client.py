"""The sync facade: each endpoint, paging, errors, retries, credentials."""

from __future__ import annotations

import base64
import datetime
import json
import logging
import re
import types
import uuid
from email.utils import format_datetime
from typing import Any

import httpx
import pytest

import signalwire_logs
from signalwire_logs import (
    APIConnectionError,
    APIResponseValidationError,
    APIStatusError,
    APITimeoutError,
    AsyncSignalWireLogs,
    AuthenticationError,
    BadRequestError,
    ConfigurationError,
    CxmlMessage,
    FaxLog,
    FaxLogStatus,
    InternalServerError,
    MessageLog,
    NotFoundError,
    Page,
    PaginationError,
    PaginationLinks,
    PermissionDeniedError,
    RateLimitError,
    SignalWireLogs,
    UnprocessableEntityError,
)
from signalwire_logs._transport import parse_retry_after
from signalwire_logs_api.models import FaxLogListResponse

from conftest import load_example
from helpers import API_TOKEN, PROJECT_ID, Pager, fax_log, make_client, sequence

FAX_ID = "b7182dc2-00f3-40e4-a5ce-20f164b329df"
CXML = load_example("cxml_message")


def _json(body: Any, status: int = 200, **headers: str) -> httpx.Response:
    return httpx.Response(status, json=body, headers=headers)


# -- each endpoint -----------------------------------------------------------------------------


def test_get_message_log() -> None:
    asked = "a6d2c3e0-0000-4000-8000-000000000001"
    handler, seen = sequence(_json({**load_example("message_log"), "id": asked}))
    log = make_client(handler).message_logs.get(asked)
    assert isinstance(log, MessageLog)
    assert (log.error_code, log.error_message) == (
        "21601",
        load_example("message_log")["error_message"],
    )
    (request,) = seen
    assert request.url == (
        "https://example.signalwire.com/api/messaging/logs/a6d2c3e0-0000-4000-8000-000000000001"
    )
    expected = base64.b64encode(f"{PROJECT_ID}:{API_TOKEN}".encode()).decode()
    assert request.headers["authorization"] == f"Basic {expected}"
    assert request.headers["accept"] == "application/json"


def test_get_fax_log() -> None:
    handler, seen = sequence(_json(load_example("fax_log")))
    fax = make_client(handler).fax_logs.get(uuid.UUID(FAX_ID))
    assert isinstance(fax, FaxLog) and fax.status is FaxLogStatus.COMPLETED
    assert seen[0].url.path == f"/api/fax/logs/{FAX_ID}"


def test_get_cxml_message_defaults_account_to_project() -> None:
    handler, seen = sequence(_json({**CXML, "account_sid": PROJECT_ID}))
    message = make_client(handler).cxml_messages.get(CXML["sid"])
    assert isinstance(message, CxmlMessage) and message.error_code == "30001"
    assert seen[0].url.path == (
        f"/api/laml/2010-04-01/Accounts/{PROJECT_ID}/Messages/{CXML['sid']}"
    )


def test_get_for_log_follows_the_log_url() -> None:
    log = MessageLog.from_dict(load_example("message_log"))
    account, sid = str(log.url).rsplit("/Accounts/", 1)[1].split("/Messages/")
    handler, seen = sequence(_json({**CXML, "account_sid": account, "sid": sid}))
    make_client(handler).cxml_messages.get_for_log(log)
    assert seen[0].url == str(log.url)


def test_get_for_relay_log_without_url_is_a_clear_error() -> None:
    log = MessageLog.from_dict({**load_example("message_log"), "url": None})
    handler, seen = sequence()
    with pytest.raises(ConfigurationError, match="Relay messages have none"):
        make_client(handler).cxml_messages.get_for_log(log)
    assert seen == []


def test_an_argument_that_is_not_valid_unicode_is_a_clear_error() -> None:
    # A lone surrogate (bytes a terminal could not decode) cannot go into a URL.
    handler, seen = sequence()
    client = make_client(handler)
    with pytest.raises(ConfigurationError, match="not valid Unicode"):
        next(iter(client.cxml_messages.list(to="+1206\udc80")))
    assert seen == []


def test_get_for_log_pointing_elsewhere_is_refused() -> None:
    url = "https://evil.example.com/api/laml/2010-04-01/Accounts/a/Messages/b"
    log = MessageLog.from_dict({**load_example("message_log"), "url": url})
    with pytest.raises(ConfigurationError, match="not to a cXML message of this space"):
        make_client(sequence()[0]).cxml_messages.get_for_log(log)


def test_malformed_id_is_refused_before_any_request() -> None:
    handler, seen = sequence()
    with pytest.raises(ConfigurationError, match="id must be a UUID"):
        make_client(handler).fax_logs.get("../../api/other")
    assert seen == []


def test_list_message_logs_sends_filters() -> None:
    page = {"links": {"self": "s", "first": "f"}, "data": [load_example("message_log")]}
    handler, seen = sequence(_json(page))
    logs = list(
        make_client(handler).message_logs.list(
            created_after=datetime.date(2024, 5, 1),
            created_before="2024-06-01T00:00:00Z",
            include_deleted=True,
            page_size=1000,
        )
    )
    assert [log.error_code for log in logs] == ["21601"]
    assert dict(seen[0].url.params) == {
        "include_deleted": "true",
        "created_before": "2024-06-01T00:00:00Z",
        "created_after": "2024-05-01",
        "page_size": "1000",
    }


# -- paging ------------------------------------------------------------------------------------


def test_walk_2500_records_over_three_pages() -> None:
    pager = Pager(2500)
    logs = list(make_client(pager).fax_logs.list(page_size=1000))
    assert [log.id for log in logs] == [r["id"] for r in pager.records]
    assert len(pager.requests) == 3
    assert [r.url.params.get("page_token") for r in pager.requests] == [
        None,
        Pager.token(1),
        Pager.token(2),
    ]


def test_pages_expose_cursor_and_resume_without_gaps_or_duplicates() -> None:
    pager = Pager(2500)
    client = make_client(pager)
    first = next(iter(client.fax_logs.list(page_size=1000).pages()))
    assert len(first.items) == 1000 and first.has_next_page
    assert (first.next_page_number, first.next_page_token) == (1, Pager.token(1))
    # ... the process stops here; later, from the saved cursor:
    rest = client.fax_logs.list(
        page_size=1000, page_number=first.next_page_number, page_token=first.next_page_token
    )
    ids = [log.id for log in first.items] + [log.id for log in rest]
    assert ids == [r["id"] for r in pager.records]


def test_last_page_has_no_cursor() -> None:
    pages = list(make_client(Pager(30)).fax_logs.list(page_size=20).pages())
    assert [len(p) for p in pages] == [20, 10]
    assert pages[-1].next_page_token is None and not pages[-1].has_next_page


def test_limit_stops_early() -> None:
    pager = Pager(2500)
    logs = list(make_client(pager).fax_logs.list(page_size=1000, limit=1500))
    assert len(logs) == 1500 and len(pager.requests) == 2


def test_limit_alone_sets_the_page_size() -> None:
    pager = Pager(2500)
    assert len(list(make_client(pager).fax_logs.list(limit=10))) == 10
    assert [r.url.params["page_size"] for r in pager.requests] == ["10"]


@pytest.mark.parametrize(
    ("arguments", "asked", "requests"),
    [
        ({}, "1000", 3),  # not the server's default of 50: 50 requests for 2,500 records
        ({"limit": 1500}, "1000", 2),  # more than a page: the largest page
        ({"limit": 999}, "999", 1),  # fewer: no more records than wanted
        ({"page_size": 50}, "50", 50),  # asked for: as asked
        ({"page_size": 20, "limit": 10}, "20", 1),
    ],
)
def test_a_walk_asks_the_largest_page_unless_told_otherwise(
    arguments: dict[str, Any], asked: str, requests: int
) -> None:
    pager = Pager(2500)
    logs = list(make_client(pager).fax_logs.list(**arguments))
    assert len(logs) == arguments.get("limit", 2500)
    assert [r.url.params["page_size"] for r in pager.requests] == [asked] * requests


def test_a_walk_resumed_at_the_default_size_asks_the_same_size() -> None:
    # A page number counts pages of the size the walk asked: a cursor saved from a walk left
    # at the default resumes, at the default, exactly where it stopped.
    pager = Pager(2500)
    client = make_client(pager)
    first = next(iter(client.fax_logs.list().pages()))
    rest = list(client.fax_logs.list(resume=first.cursor))
    assert [log.id for log in [*first.items, *rest]] == [r["id"] for r in pager.records]
    assert {r.url.params["page_size"] for r in pager.requests} == {"1000"}


def test_list_is_lazy() -> None:
    pager = Pager(10)
    make_client(pager).fax_logs.list()
    assert pager.requests == []


@pytest.mark.parametrize(
    ("arguments", "message"),
    [
        ({"page_size": 0}, "page_size must be an integer between 1 and 1000"),
        ({"page_size": 1001}, "page_size must be an integer between 1 and 1000"),
        ({"page_size": "100"}, "page_size must be an integer between 1 and 1000"),
        ({"page_number": 1.5}, "page_number must be an integer at least 0"),
        ({"page_number": -1}, "page_number must be an integer at least 0"),
        ({"page_number": 2}, "page_number > 0 requires page_token"),
        ({"limit": 0}, "limit must be an integer at least 1"),
        ({"include_deleted": "yes"}, "include_deleted must be True or False"),
        ({"created_on": 20240501}, "created_on must be a day"),
    ],
)
def test_bad_list_arguments_fail_before_any_request(
    arguments: dict[str, Any], message: str
) -> None:
    pager = Pager(10)
    with pytest.raises(ConfigurationError, match=message):
        make_client(pager).fax_logs.list(**arguments)
    assert pager.requests == []


def test_next_link_to_another_host_is_never_followed() -> None:
    pager = Pager(30, next_host="evil.example.com")
    got = []
    with pytest.raises(PaginationError, match=re.escape("another host: https://evil.example.com")):
        for page in make_client(pager).fax_logs.list(page_size=20).pages():
            got.append(page)
    assert {r.url.host for r in pager.requests} == {"example.signalwire.com"}
    # The page that carried the bad link still reached the caller, whole.
    assert len(got) == 1 and len(got[0].items) == 20


def test_repeated_cursor_is_an_error_not_a_loop() -> None:
    links = {"self": "s", "first": "f", "next": "/api/fax/logs?page_number=1&page_token=PAx"}
    page = {"links": links, "data": [load_example("fax_log")]}
    handler, seen = sequence(*[_json(page) for _ in range(3)])
    # The second page repeats the first's records too: that is noticed first, so the
    # duplicate never reaches the caller.
    with pytest.raises(PaginationError, match=r"repeated a cursor|records again"):
        list(make_client(handler).fax_logs.list())
    assert len(seen) == 2


def test_raw_items_are_the_records_as_sent() -> None:
    record = {**load_example("fax_log"), "brand_new_field": 1}
    handler, _ = sequence(_json({"links": {"self": "s", "first": "f"}, "data": [record]}))
    page = next(iter(make_client(handler).fax_logs.list().pages()))
    assert page.raw_items == [record] and page.items[0]["brand_new_field"] == 1
    envelope = FaxLogListResponse(links=PaginationLinks(self_="s", first="f"), data=[])
    odd = Page([FaxLog.from_dict(record)], envelope)
    assert odd.raw_items[0]["id"] == record["id"]  # without the JSON, built from the models


def test_empty_page_with_a_next_link_does_not_end_the_walk() -> None:
    more = {"self": "s", "first": "f", "next": "/api/fax/logs?page_number=1&page_token=PAy"}
    handler, _ = sequence(
        _json({"links": more, "data": []}),
        _json({"links": {"self": "s", "first": "f"}, "data": [load_example("fax_log")]}),
    )
    assert len(list(make_client(handler).fax_logs.list())) == 1


def _fax_page(records: list[Any], links: dict[str, str] | None = None) -> httpx.Response:
    return _json({"links": links or {"self": "s", "first": "f"}, "data": records})


def test_records_are_built_as_they_are_read_and_freed_after() -> None:
    import gc
    import weakref

    records = [fax_log(i) for i in range(3)]
    handler, _ = sequence(_fax_page(records))
    seen = []
    gc.disable()  # only reference counting may free them: no collector run hides a leak
    try:
        for log in make_client(handler).fax_logs.list():
            seen.append(weakref.ref(log))
            assert all(ref() is None for ref in seen[:-1])  # the ones before are gone already
        del log
    finally:
        gc.enable()
    assert [ref() for ref in seen] == [None] * 3


def test_a_bad_record_mid_page_raises_when_reached() -> None:
    records = [fax_log(0), {**fax_log(1), "created_at": "yesterday"}, fax_log(2)]
    handler, _ = sequence(_fax_page(records), _fax_page(records))
    read = []
    with pytest.raises(APIResponseValidationError, match="does not match FaxLog: ValueError"):
        for log in make_client(handler).fax_logs.list():
            read.append(log.id)
    assert read == [records[0]["id"]]  # the records before it arrived, nothing after it
    page = next(iter(make_client(handler).fax_logs.list().pages()))
    assert len(page) == 3 and page.has_next_page is False  # the envelope itself is fine
    with pytest.raises(APIResponseValidationError, match="FaxLog"):
        page.items  # noqa: B018  (building them is what is tested)


def test_a_bad_envelope_raises_at_once() -> None:
    handler, _ = sequence(_json({"links": {"first": "f"}, "data": [fax_log(0)]}))
    with pytest.raises(APIResponseValidationError, match="FaxLogListResponse"):
        next(iter(make_client(handler).fax_logs.list().pages()))


def test_page_response_is_the_whole_envelope() -> None:
    more = {"self": "s", "first": "f", "next": "/api/fax/logs?page_number=1&page_token=PAy"}
    handler, _ = sequence(_fax_page([fax_log(0), fax_log(1)], more))
    page = next(iter(make_client(handler).fax_logs.list().pages()))
    assert isinstance(page.response, FaxLogListResponse)
    assert [log.id for log in page.response.data] == [log.id for log in page.items]
    assert page.links.next_ == more["next"] and page.next_page_token == "PAy"


# -- errors ------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("status", "error_class"),
    [
        (400, BadRequestError),
        (401, AuthenticationError),
        (403, PermissionDeniedError),
        (404, NotFoundError),
        (422, UnprocessableEntityError),
        (429, RateLimitError),
        (500, InternalServerError),
        (503, InternalServerError),
        (418, APIStatusError),
    ],
)
def test_status_errors_are_typed(status: int, error_class: type[APIStatusError]) -> None:
    handler, _ = sequence(_json({"error": "Nope"}, status, **{"x-request-id": "req-42"}))
    with pytest.raises(error_class) as caught:
        make_client(handler, max_retries=0).fax_logs.get(FAX_ID)
    error = caught.value
    assert type(error) is error_class
    assert (error.status_code, error.body, error.request_id) == (
        status,
        {"error": "Nope"},
        "req-42",
    )
    assert error.request.url.path == f"/api/fax/logs/{FAX_ID}"
    assert f"{status}" in str(error) and "req-42" in str(error) and "GET https://" in str(error)


def test_422_lists_the_field_errors() -> None:
    body = {
        "errors": [
            {
                "type": "validation_error",
                "code": "datetime_required",
                "message": "This value must be a DateTime",
                "attribute": "created_before",
                "url": "https://signalwire.com/docs/apis/error-codes",
            }
        ]
    }
    handler, _ = sequence(_json(body, 422))
    # (the server's verdict, whatever the client checked: "yesterday" never gets this far)
    with pytest.raises(UnprocessableEntityError) as caught:
        list(make_client(handler).fax_logs.list(created_before="2024-05-01"))
    assert [e["attribute"] for e in caught.value.errors] == ["created_before"]


def test_html_error_page_is_an_api_status_error_saying_so() -> None:
    page = httpx.Response(502, text="<html><body>Bad Gateway</body></html>")
    handler, _ = sequence(page)
    with pytest.raises(InternalServerError, match="body is not JSON: '<html>") as caught:
        make_client(handler, max_retries=0).fax_logs.get(FAX_ID)
    assert caught.value.body == "<html><body>Bad Gateway</body></html>"


def test_non_iana_status_is_a_typed_error() -> None:
    handler, _ = sequence(_json({}, 520))
    with pytest.raises(InternalServerError):
        make_client(handler, max_retries=0).fax_logs.get(FAX_ID)


@pytest.mark.parametrize(
    ("response", "message"),
    [
        (httpx.Response(200, text='{"id": "trunc'), "not JSON"),
        (httpx.Response(200, text=""), "empty"),
        (httpx.Response(200, json={"id": "x"}), "does not match FaxLog: KeyError"),
        (httpx.Response(200, json=[1, 2]), "does not match FaxLog"),
    ],
)
def test_unparseable_success_body_is_a_validation_error(
    response: httpx.Response, message: str, sleeps: list[float]
) -> None:
    handler, seen = sequence(*[response] * 3)
    with pytest.raises(APIResponseValidationError, match=message):
        make_client(handler).fax_logs.get(FAX_ID)
    # A body that is not JSON was cut short on the way: retried. A wrong shape is final.
    assert len(seen) == (3 if message in ("not JSON", "empty") else 1)


@pytest.mark.parametrize(
    ("body", "message"),
    [
        (b'{"links": {"self": "s", "first": "f"}, "data": [{"id": "tr', "not JSON"),
        (b"", "empty"),
        (b'{"links": {"self": "s", "first": "f"}}', "does not match FaxLogListResponse"),
        (b"[1, 2]", "does not match FaxLogListResponse"),
        (b'"a page"', "does not match FaxLogListResponse"),
        (b"null", "does not match FaxLogListResponse"),
    ],
)
def test_a_page_that_is_not_json_is_retried_one_of_another_shape_is_final(
    body: bytes, message: str, sleeps: list[float]
) -> None:
    # The walk reads each answer inside the transport's retry loop: a page cut short on the
    # way is fetched again, JSON of another shape (even a string, or null) is not.
    handler, seen = sequence(*[httpx.Response(200, content=body)] * 3)
    with pytest.raises(APIResponseValidationError, match=message):
        list(make_client(handler).fax_logs.list())
    assert len(seen) == (3 if message in ("not JSON", "empty") else 1)


def test_truncated_success_body_is_retried(sleeps: list[float]) -> None:
    handler, seen = sequence(httpx.Response(200, text='{"id": "tr'), _json(load_example("fax_log")))
    assert make_client(handler).fax_logs.get(FAX_ID).id == FAX_ID
    assert len(seen) == 2


def test_redirect_is_not_followed_and_says_where_it_pointed() -> None:
    moved = httpx.Response(302, headers={"location": "https://evil.example.com/x"})
    handler, seen = sequence(moved)
    with pytest.raises(
        APIStatusError, match=re.escape("redirect to https://evil.example.com/x, not followed")
    ):
        make_client(handler).fax_logs.get(FAX_ID)
    assert len(seen) == 1


def test_unknown_enum_value_passes_through_the_facade() -> None:
    handler, _ = sequence(_json({**load_example("fax_log"), "status": "shredded"}))
    assert make_client(handler).fax_logs.get(FAX_ID).status == "shredded"


# -- retries -----------------------------------------------------------------------------------


def test_retries_5xx_then_succeeds(sleeps: list[float]) -> None:
    handler, seen = sequence(_json({}, 503), _json({}, 502), _json(load_example("fax_log")))
    assert make_client(handler).fax_logs.get(FAX_ID).id == FAX_ID
    assert len(seen) == 3
    assert sleeps == [0.5, 1.0]  # exponential backoff, jitter pinned


def test_gives_up_after_max_retries(sleeps: list[float]) -> None:
    handler, seen = sequence(*[_json({"error": "Internal Server Error"}, 500)] * 4)
    with pytest.raises(InternalServerError):
        make_client(handler, max_retries=3).fax_logs.get(FAX_ID)
    assert len(seen) == 4 and len(sleeps) == 3


def test_retry_after_seconds_is_honoured(sleeps: list[float]) -> None:
    handler, _ = sequence(_json({}, 429, **{"retry-after": "7"}), _json(load_example("fax_log")))
    make_client(handler).fax_logs.get(FAX_ID)
    assert sleeps == [7.0]


def test_retry_after_http_date_is_honoured(sleeps: list[float]) -> None:
    when = datetime.datetime.now(datetime.UTC) + datetime.timedelta(seconds=30)
    retry = _json({}, 503, **{"retry-after": format_datetime(when, usegmt=True)})
    handler, _ = sequence(retry, _json(load_example("fax_log")))
    make_client(handler).fax_logs.get(FAX_ID)
    assert 25 < sleeps[0] <= 30


def test_retry_after_beyond_the_cap_is_raised_at_once(sleeps: list[float]) -> None:
    handler, seen = sequence(_json({}, 429, **{"retry-after": "3600"}))
    with pytest.raises(RateLimitError) as caught:
        make_client(handler).fax_logs.get(FAX_ID)
    assert caught.value.retry_after == 3600 and len(seen) == 1 and sleeps == []


@pytest.mark.parametrize("status", [400, 401, 403, 404, 422])
def test_4xx_is_never_retried(sleeps: list[float], status: int) -> None:
    handler, seen = sequence(_json({}, status), _json(load_example("fax_log")))
    with pytest.raises(APIStatusError):
        make_client(handler).fax_logs.get(FAX_ID)
    assert len(seen) == 1 and sleeps == []


def test_408_is_retried(sleeps: list[float]) -> None:
    handler, seen = sequence(_json({}, 408), _json(load_example("fax_log")))
    make_client(handler).fax_logs.get(FAX_ID)
    assert len(seen) == 2


def test_connection_errors_are_retried_then_raised(sleeps: list[float]) -> None:
    handler, seen = sequence(
        httpx.ConnectError("refused"), httpx.RemoteProtocolError("dropped"), httpx.ConnectError("x")
    )
    with pytest.raises(APIConnectionError, match="Connection error") as caught:
        make_client(handler).fax_logs.get(FAX_ID)
    assert not isinstance(caught.value, APITimeoutError)
    assert isinstance(caught.value.__cause__, httpx.ConnectError)
    assert len(seen) == 3 and len(sleeps) == 2


def test_timeouts_are_retried_then_raised(sleeps: list[float]) -> None:
    handler, seen = sequence(httpx.ReadTimeout("slow"), _json(load_example("fax_log")))
    make_client(handler).fax_logs.get(FAX_ID)
    assert len(seen) == 2 and len(sleeps) == 1
    handler, _ = sequence(httpx.ReadTimeout("slow"))
    with pytest.raises(APITimeoutError, match="timed out"):
        make_client(handler, max_retries=0).fax_logs.get(FAX_ID)


def test_a_failed_page_mid_walk_is_retried(sleeps: list[float]) -> None:
    pager = Pager(2500)
    flaky = {"count": 0}

    def handler(request: httpx.Request) -> httpx.Response:
        if request.url.params.get("page_number") == "2" and flaky["count"] == 0:
            flaky["count"] += 1
            return httpx.Response(502, text="<html>Bad Gateway</html>")
        return pager(request)

    assert len(list(make_client(handler).fax_logs.list(page_size=1000))) == 2500
    assert len(sleeps) == 1


@pytest.mark.parametrize(
    ("headers", "expected"),
    [
        ({"retry-after": "2"}, 2.0),
        ({"retry-after": "1.5"}, 1.5),
        ({"retry-after-ms": "250"}, 0.25),
        ({"retry-after": "Wed, 21 Oct 2015 07:28:30 GMT"}, 30.0),
        ({"retry-after": "-3"}, 0.0),
        ({"retry-after": "soon"}, None),
        ({}, None),
    ],
)
def test_parse_retry_after(headers: dict[str, str], expected: float | None) -> None:
    now = datetime.datetime(2015, 10, 21, 7, 28, tzinfo=datetime.UTC).timestamp()
    assert parse_retry_after(httpx.Headers(headers), now=now) == expected


# -- credentials and target --------------------------------------------------------------------


def test_credentials_from_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SIGNALWIRE_PROJECT_ID", PROJECT_ID)
    monkeypatch.setenv("SIGNALWIRE_API_TOKEN", API_TOKEN)
    monkeypatch.setenv("SIGNALWIRE_SPACE", "acme.signalwire.com")
    client = SignalWireLogs()
    assert client.project_id == PROJECT_ID
    assert str(client.base_url) == "https://acme.signalwire.com/"


def test_base_url_from_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SIGNALWIRE_BASE_URL", "http://127.0.0.1:8765")
    monkeypatch.setenv("SIGNALWIRE_SPACE", "acme")
    client = SignalWireLogs(project_id=PROJECT_ID, api_token=API_TOKEN)
    assert str(client.base_url) == "http://127.0.0.1:8765/"
    # An explicit space wins over the environment's base URL.
    spaced = SignalWireLogs(project_id=PROJECT_ID, api_token=API_TOKEN, space="other")
    assert str(spaced.base_url) == "https://other.signalwire.com/"
    monkeypatch.setenv("SIGNALWIRE_BASE_URL", "http://192.0.2.1")
    with pytest.raises(ConfigurationError, match="unencrypted"):
        SignalWireLogs(project_id=PROJECT_ID, api_token=API_TOKEN)


@pytest.mark.parametrize(
    ("missing", "message"),
    [
        (
            "project_id",
            "Missing project ID: pass `project_id=...` or set SIGNALWIRE_PROJECT_ID",
        ),
        ("api_token", "Missing API token: pass `api_token=...` or set SIGNALWIRE_API_TOKEN"),
        ("space", "Missing space: pass `space=...` or set SIGNALWIRE_SPACE"),
    ],
)
def test_missing_credentials_name_what_is_missing(missing: str, message: str) -> None:
    options: dict[str, Any] = {"project_id": PROJECT_ID, "api_token": API_TOKEN, "space": "example"}
    del options[missing]
    with pytest.raises(ConfigurationError, match=re.escape(message)) as caught:
        SignalWireLogs(**options)
    assert isinstance(caught.value, ValueError)


@pytest.mark.parametrize(
    ("space", "url"),
    [
        ("example", "https://example.signalwire.com/"),
        ("Example.SignalWire.com", "https://example.signalwire.com/"),
        ("https://example.signalwire.com", "https://example.signalwire.com/"),
        ("https://example.signalwire.com/", "https://example.signalwire.com/"),
    ],
)
def test_space_forms(space: str, url: str) -> None:
    client = SignalWireLogs(project_id=PROJECT_ID, api_token=API_TOKEN, space=space)
    assert str(client.base_url) == url


@pytest.mark.parametrize(
    "space",
    [
        "evil.com/x",
        "example.signalwire.com.evil.com",
        "evil.com#.signalwire.com",
        "ex ample",
        "https://evil.com",
        "http://example.signalwire.com",
        "https://user:pw@example.signalwire.com",
        "https://example.signalwire.com/api?x=1",
        "",
    ],
)
def test_bad_spaces_are_refused(space: str) -> None:
    with pytest.raises(ConfigurationError):
        SignalWireLogs(project_id=PROJECT_ID, api_token=API_TOKEN, space=space)


def test_plain_http_only_to_loopback() -> None:
    for url in ("http://127.0.0.1:8080", "http://localhost:9000", "http://[::1]:8000"):
        SignalWireLogs(project_id=PROJECT_ID, api_token=API_TOKEN, base_url=url)
    with pytest.raises(ConfigurationError, match="unencrypted"):
        SignalWireLogs(project_id=PROJECT_ID, api_token=API_TOKEN, base_url="http://10.1.2.3")


def test_bad_max_retries() -> None:
    with pytest.raises(ConfigurationError, match="max_retries"):
        SignalWireLogs(project_id=PROJECT_ID, api_token=API_TOKEN, space="x", max_retries=-1)


def test_token_never_in_repr_errors_or_logs(
    sleeps: list[float], caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.DEBUG)
    handler, _ = sequence(_json({}, 503), _json({"error": "Unauthorized"}, 401))
    client = make_client(handler)
    with pytest.raises(AuthenticationError) as caught:
        client.fax_logs.get(FAX_ID)
    encoded = base64.b64encode(f"{PROJECT_ID}:{API_TOKEN}".encode()).decode()
    texts = [repr(client), str(caught.value), repr(caught.value), caplog.text]
    texts += [repr(client._credentials), repr(caught.value.request)]
    assert "Retrying GET" in caplog.text
    for text in texts:
        assert API_TOKEN not in text and encoded not in text


# -- client lifecycle --------------------------------------------------------------------------


def test_owned_pool_is_closed_but_a_shared_one_is_not() -> None:
    with SignalWireLogs(project_id=PROJECT_ID, api_token=API_TOKEN, space="x") as client:
        pool = client._http_client
    assert pool.is_closed
    shared = httpx.Client()
    with SignalWireLogs(project_id=PROJECT_ID, api_token=API_TOKEN, space="x", http_client=shared):
        pass
    assert not shared.is_closed
    shared.close()


def test_timeout_default_and_override() -> None:
    handler, seen = sequence(_json(load_example("fax_log")), _json(load_example("fax_log")))
    make_client(handler).fax_logs.get(FAX_ID)
    make_client(handler, timeout=3.0).fax_logs.get(FAX_ID)
    # Each read may take the timeout, cut to what is left of the attempt's deadline (the
    # read timeout too), so a hair under it here.
    assert seen[0].extensions["timeout"]["read"] == pytest.approx(60.0, abs=0.5)
    assert seen[0].extensions["timeout"]["connect"] == 10.0
    assert seen[1].extensions["timeout"]["read"] == pytest.approx(3.0, abs=0.5)


def test_public_surface_is_pinned() -> None:
    public = [
        name
        for name, value in vars(signalwire_logs).items()
        if not name.startswith("_") and not isinstance(value, types.ModuleType)
    ]
    assert sorted(signalwire_logs.__all__) == sorted([*public, "__version__"])


def test_an_export_checks_a_page_before_writing_any_of_it(tmp_path: Any) -> None:
    from signalwire_logs import export_logs

    more = {"self": "s", "first": "f", "next": "/api/fax/logs?page_number=1&page_token=PAy"}
    good = [fax_log(0), fax_log(1)]
    bad = [fax_log(2), {**fax_log(3), "created_at": "yesterday"}]
    handler, _ = sequence(_fax_page(good, more), _fax_page(bad))
    output = tmp_path / "faxes.jsonl"
    with pytest.raises(APIResponseValidationError):
        export_logs(make_client(handler).fax_logs, output)
    written = [json.loads(line)["id"] for line in output.read_text().splitlines()]
    assert written == [r["id"] for r in good]  # nothing of the bad page
    cursor = json.loads((tmp_path / "faxes.jsonl.cursor").read_text())
    [shard] = cursor["shards"]
    assert (cursor["records"], cursor["complete"]) == (2, False)
    saved = {"page_number": 1, "page_token": "PAy", "done": False, "page_size": 1000}
    assert shard["cursor"] == saved  # the size the export's walk asked


def test_clients_share_one_tls_context_that_verifies_certificates() -> None:
    # Made once per process (loading the CA roots costs ~50 ms a client), never weakened.
    import ssl

    from signalwire_logs._base_client import tls_context

    contexts = []
    for client in (
        SignalWireLogs(project_id=PROJECT_ID, api_token=API_TOKEN, space="example"),
        AsyncSignalWireLogs(project_id=PROJECT_ID, api_token=API_TOKEN, space="example"),
    ):
        pool: Any = client._http_client._transport._pool  # type: ignore[union-attr]
        contexts.append(pool._ssl_context)
    assert contexts == [tls_context(), tls_context()]
    assert tls_context().verify_mode == ssl.CERT_REQUIRED and tls_context().check_hostname
