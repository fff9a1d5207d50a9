"""A walk stops with a PaginationError, never silently, on a page it cannot trust.

In each case the pages before the bad one have reached the caller, with their cursors.
"""

from __future__ import annotations

import gc
import json
from typing import Any

import httpx
import pytest

from signalwire_logs import APIResponseValidationError, PaginationError
from signalwire_logs.pagination import MAX_EMPTY_PAGES_IN_A_ROW, Page
from signalwire_logs.testing import FakeSignalWire

from helpers import BASE, fax_log, make_client, sequence


def _page(records: list[Any], next_link: object = None) -> httpx.Response:
    links: dict[str, Any] = {"self": "s", "first": "f"}
    if next_link is not None:
        links["next"] = next_link
    return httpx.Response(200, json={"links": links, "data": records})


def _next(number: int, token: str = "PAx") -> str:
    return f"{BASE}/api/fax/logs?page_number={number}&page_size=10&page_token={token}{number}"


def _walk(
    *answers: httpx.Response, page_size: int = 10, whole: bool = False
) -> tuple[list[Page[Any]], Exception]:
    handler, _ = sequence(*(_whole(answer) if whole else answer for answer in answers))
    pages: list[Page[Any]] = []
    with pytest.raises(PaginationError) as caught:
        for page in make_client(handler, max_retries=0).fax_logs.list(page_size=page_size).pages():
            pages.append(page)
    return pages, caught.value


def _whole(answer: httpx.Response) -> httpx.Response:
    """The answer with a lone surrogate in its envelope: msgspec refuses it, so the page is
    cut by the json module's walk of its text rather than by msgspec."""
    body = {**json.loads(answer.content), "note": "\ud800"}
    return httpx.Response(answer.status_code, content=json.dumps(body).encode())


#: Each guard holds for pages cut as usual (by msgspec) and for pages cut by the json module
#: (what msgspec cannot read): records kept as sent either way, decoded one by one.
BOTH_READINGS = pytest.mark.parametrize("whole", [False, True], ids=["as sent", "whole"])


@pytest.mark.parametrize("link", [5, 1.5, True, {"href": "/api/fax/logs"}, ["/api/fax/logs"]])
def test_a_next_link_that_is_not_a_string_is_an_error_not_the_end(link: object) -> None:
    pages, error = _walk(_page([fax_log(0)], link))
    assert len(pages) == 1 and "not a URL" in str(error)
    # Its checkpoint must not claim the walk is over: resuming from "done" would lose the rest.
    assert pages[0].has_next_page and not pages[0].cursor.done


@pytest.mark.parametrize(
    "link",
    [
        "http://[::1",  # httpx.InvalidURL
        "https://exa mple.signalwire.com/api/fax/logs",
        f"{BASE}/api/fax/logs?page_number=²&page_token=PAx",  # int() refuses it
        f"{BASE}/api/fax/logs?page_number=١٢&page_token=PAx",  # int() reads it as 12
        f"{BASE}/api/fax/logs?page_number=+3&page_token=PAx",
        f"{BASE}/api/fax/logs?page_size=ten&page_token=PAx",
    ],
)
def test_a_next_link_must_be_a_url_with_ascii_integer_page_numbers(link: str) -> None:
    pages, _ = _walk(_page([fax_log(0)], link))
    assert len(pages) == 1
    assert pages[0].next_page_number is None  # reading the cursor never raises


def test_a_cxml_next_page_uri_that_is_not_a_url_is_an_error() -> None:
    fake = FakeSignalWire(message_logs=20, seed=3)
    messages = f"/api/laml/2010-04-01/Accounts/{fake.project_id}/Messages"
    with httpx.Client(transport=fake.transport(), auth=(fake.project_id, fake.api_token)) as h:
        body = h.get(f"https://fake.signalwire.com{messages}?PageSize=2").json()
    body["next_page_uri"] = "http://[::1/Messages?Page=1"
    handler, _ = sequence(httpx.Response(200, json=body))
    client = make_client(handler, project_id=fake.project_id)
    pages: list[Any] = []
    with pytest.raises(PaginationError, match="not a valid URL"):
        pages.extend(client.cxml_messages.list(page_size=2).pages())
    assert len(pages) == 1


def _sized(number: int, size: int) -> str:
    return f"{BASE}/api/fax/logs?page_number={number}&page_size={size}&page_token=PAx{number}"


@pytest.mark.parametrize("size", [5, 50, 1000])
def test_a_next_link_for_pages_of_another_size_is_an_error(size: int) -> None:
    # A page number counts pages of the size asked: page 1 of pages of 50 is not page 1 of
    # pages of 10, whichever size the walk went on with.
    pages, error = _walk(_page([fax_log(0)], _sized(1, size)), page_size=10)
    assert len(pages) == 1 and f"pages of {size} records, not the 10" in str(error)
    assert pages[0].cursor.page_token == "PAx1"  # the page reached the caller with its cursor


def test_a_walk_left_at_the_default_size_holds_every_link_to_it() -> None:
    seen: list[httpx.Request] = []

    def handler(request: httpx.Request) -> httpx.Response:
        seen.append(request)
        if len(seen) > 3:  # only a walk that followed the third link gets here: the end
            return _page([fax_log(len(seen))])
        size = int(request.url.params["page_size"]) if len(seen) < 3 else 20
        return _page([fax_log(len(seen))], _sized(len(seen), size))

    walked: list[Any] = []
    with pytest.raises(PaginationError, match=r"pages of 20 records, not the 1000"):
        walked.extend(make_client(handler, max_retries=0).fax_logs.list())
    assert len(walked) == 3 and {r.url.params["page_size"] for r in seen} == {"1000"}


def test_a_link_without_a_page_size_keeps_the_walk_s() -> None:
    link = f"{BASE}/api/fax/logs?page_number=1&page_token=PAx1"
    handler, seen = sequence(_page([fax_log(0)], link), _page([fax_log(1)]))
    assert len(list(make_client(handler).fax_logs.list(page_size=10))) == 2
    assert seen[1].url.params["page_size"] == "10"


def test_a_cxml_next_page_uri_for_pages_of_another_size_is_an_error() -> None:
    fake = FakeSignalWire(message_logs=20, seed=3)
    messages = f"/api/laml/2010-04-01/Accounts/{fake.project_id}/Messages"
    with httpx.Client(transport=fake.transport(), auth=(fake.project_id, fake.api_token)) as h:
        body = h.get(f"https://fake.signalwire.com{messages}?PageSize=2").json()
    assert "PageSize=2" in body["next_page_uri"]
    body["next_page_uri"] = body["next_page_uri"].replace("PageSize=2", "PageSize=1000")
    handler, _ = sequence(httpx.Response(200, json=body))
    client = make_client(handler, project_id=fake.project_id)
    pages: list[Any] = []
    with pytest.raises(PaginationError, match="pages of 1000 records, not the 2"):
        pages.extend(client.cxml_messages.list(page_size=2).pages())
    assert len(pages) == 1


@BOTH_READINGS
def test_the_same_records_under_ever_new_cursors_stop_the_walk(whole: bool) -> None:
    records = [fax_log(i) for i in range(10)]
    answers = [_page(records, _next(n, f"PA{n}")) for n in range(1, 6)]
    pages, error = _walk(*answers, whole=whole)
    assert len(pages) == 1 and "previous page's 10 records again" in str(error)


def test_overlapping_pages_are_not_no_progress() -> None:
    first = [fax_log(i) for i in range(10)]
    second = [fax_log(i) for i in range(5, 15)]  # half new: progress, however odd
    handler, _ = sequence(_page(first, _next(1)), _page(second))
    walked = list(make_client(handler).fax_logs.list(page_size=10))
    assert len(walked) == 20


@BOTH_READINGS
def test_empty_pages_with_a_next_link_are_bounded(whole: bool) -> None:
    empties = [_page([], _next(n)) for n in range(1, MAX_EMPTY_PAGES_IN_A_ROW + 1)]
    # Up to the bound, a walk goes on past empty pages to the records after them...
    handler, _ = sequence(*empties, _page([fax_log(0)]))
    assert len(list(make_client(handler).fax_logs.list(page_size=10))) == 1
    # ...and one more empty page in a row is an error.
    more = [*empties, _page([], _next(99))]
    pages, error = _walk(*more, whole=whole)
    assert len(pages) == MAX_EMPTY_PAGES_IN_A_ROW and "empty pages in a row" in str(error)


@BOTH_READINGS
def test_more_records_than_the_page_size_is_an_error(whole: bool) -> None:
    pages, error = _walk(
        _page([fax_log(i) for i in range(10)], _next(1)),
        _page([fax_log(i) for i in range(10, 300)]),
        whole=whole,
    )
    assert len(pages) == 1 and "290 records for a page of at most 10" in str(error)


def test_pages_read_as_sent_or_whole_are_the_same() -> None:
    # Records cut by msgspec, or by the json module when msgspec cannot read the answer:
    # each record the bytes sent either way, and the same records, models, cursors, envelope.
    records = [fax_log(i) for i in range(12)]
    answers = [_page(records[:10], _next(1)), _page(records[10:])]
    walks = []
    for whole in (False, True):
        sent_answers = [_whole(a) if whole else a for a in answers]
        handler, _ = sequence(*sent_answers)
        pages = list(make_client(handler).fax_logs.list(page_size=10).pages())
        for page, answer in zip(pages, sent_answers, strict=True):
            assert [json.loads(bytes(raw)) for raw in page.body.records] == page.raw_items
            assert all(bytes(raw) in answer.content for raw in page.body.records)
        walks.append(pages)
    sent, decoded = walks
    assert [len(p) for p in sent] == [len(p) for p in decoded] == [10, 2]
    assert [p.cursor for p in sent] == [p.cursor for p in decoded]
    assert [p.items for p in sent] == [p.items for p in decoded]
    assert (
        [p.raw_items for p in sent]
        == [p.raw_items for p in decoded]
        == [records[:10], records[10:]]
    )
    assert sent[0].links == decoded[0].links


def test_a_bad_record_read_as_sent_fails_as_a_mismatch_showing_the_record() -> None:
    bad = {**fax_log(1), "created_at": "yesterday"}
    handler, _ = sequence(_page([fax_log(0), bad]))
    walked: list[Any] = []
    with pytest.raises(APIResponseValidationError, match="FaxLog") as caught:
        walked.extend(make_client(handler).fax_logs.list(page_size=10))
    assert len(walked) == 1 and caught.value.body == bad


def test_pages_are_freed_when_the_walk_moves_on_not_by_the_garbage_collector() -> None:
    # A page holds its body (the records as sent): one kept alive by a reference cycle
    # waits for the collector, and a long walk's memory grows until it runs.
    client = FakeSignalWire(fax_logs=30).client()
    gc.collect()
    gc.disable()
    gc.set_debug(gc.DEBUG_SAVEALL)
    try:
        for page in client.fax_logs.list(page_size=10).pages():
            assert page.items and page.response.links is not None
        del page
        gc.collect()
        assert not [found for found in gc.garbage if isinstance(found, Page)]
    finally:
        gc.set_debug(0)
        gc.garbage.clear()
        gc.enable()


def test_repeated_records_are_caught_while_the_records_are_built() -> None:
    # Iterating builds each record and gathers its id, which the check of the next page
    # then uses instead of reading the ids again.
    records = [fax_log(i) for i in range(10)]
    handler, _ = sequence(*[_page(records, _next(n, f"PA{n}")) for n in range(1, 6)])
    seen: list[Any] = []
    with pytest.raises(PaginationError, match="previous page's 10 records again"):
        for item in make_client(handler).fax_logs.list(page_size=10):
            seen.append(item)
    assert len(seen) == 10


def _as_sent(record: str) -> str:
    """A record's JSON text, written the way a server might (not as json.dumps would)."""
    return record.replace('"v": 1', '"v": 1.10').replace('"n": 2', '"n": 1E2')


@pytest.mark.parametrize("bad", [r'"\ud800"', "NaN", "1e400"], ids=["surrogate", "nan", "huge"])
def test_a_record_one_decoder_refuses_never_changes_its_neighbours_bytes(bad: str) -> None:
    # msgspec refuses a lone surrogate escape and NaN (so the page is cut by the json module)
    # and a number past a float's range (when that record is decoded): every other record
    # keeps its bytes exactly, numbers and escapes as written, and the bad one is cut as sent.
    texts = [
        json.dumps({**fax_log(i), "v": 1, "n": 2, "e": "\u00e9"}).replace("\\u00e9", r"\u00e9")
        for i in range(3)
    ]
    texts = [_as_sent(text) for text in texts]
    texts[1] = texts[1][:-1] + f', "odd": {bad}}}'
    content = '{"links": {"self": "s", "first": "f"},\n "data": [' + ",\n ".join(texts) + "]}"
    handler, _ = sequence(httpx.Response(200, content=content.encode()))
    (page,) = make_client(handler).fax_logs.list(page_size=10).pages()
    lines = [bytes(line) for line in page.body.lines()]
    assert lines == [text.encode() for text in texts]
    assert b"1.10" in lines[0] and b"1E2" in lines[2] and rb"\u00e9" in lines[2]
    assert [bytes(raw) for raw in page.body.records] == lines  # one line each already
    assert [log.id for log in page.items] == [fax_log(i)["id"] for i in range(3)]
    assert page.body.ids() == [fax_log(i)["id"] for i in range(3)]
