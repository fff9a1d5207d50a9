"""One walk over a list, with no I/O: what to request next, what each answer is, when to stop.

The sync and async page iterators (`signalwire_logs.pagination`) only send what
`Walk.next_request()` asks for, with `Walk.read()` as the reader of the answer (inside
the transport's retry loop: an answer cut short is fetched again), and hand what it cut to
`Walk.page()`.

What a walk guarantees, kept here:

- It never ends quietly on a page it cannot trust. A next link that is not a string, not a
  URL, to another host or path, with a page number that is not an ASCII integer, or with a
  page size other than the walk's (the first link sets it when the walk asked for none); a
  repeated cursor; a page whose records all repeat the previous page's; more than
  `MAX_EMPTY_PAGES_IN_A_ROW` empty pages in a row that each carry a next link; more
  records than the page size asked for. Each raises `PaginationError`:
  a bad page before it is yielded, a bad next link only when the next page is wanted, so every
  page before it has reached the caller with its cursor.
- A page's next link is parsed once, when the page arrives, into its cursor and the next
  request's parameters (or the error to raise when they are wanted).
- Memory stays flat: the walk holds the last page's body alone (its ids, for the
  repeated-page check, are read only when the next page's first id is one of them).
- A resumed walk starts at its cursor (the server sending that cursor back is a repeat too),
  and one resumed from a finished cursor requests nothing.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from types import ModuleType
from typing import Any, Generic, TypeVar

import httpx
import msgspec

from ._constants import PAGE_SIZE_MAX
from ._exceptions import PaginationError
from ._page import LINKS, Envelope, Page, PageCursor, cursor_after, is_ascii_int
from ._page_body import NotAPage, PageBody, cut_page
from ._response import Model, read_json
from ._transport import BaseTransport

__all__ = ["MAX_EMPTY_PAGES_IN_A_ROW", "ListCall", "Walk"]

_ItemT = TypeVar("_ItemT")

#: Empty pages that still carry a next link, in a row, before a walk gives up: a server may
#: skip over a stretch with nothing to show, but not forever.
MAX_EMPTY_PAGES_IN_A_ROW = 10

#: What following a page's next link gives: the next request's parameters, None at the end,
#: or the PaginationError to raise when the next page is wanted.
_Next = dict[str, Any] | PaginationError | None


@dataclass(frozen=True, slots=True)
class ListCall:
    """One list call, its arguments checked: what each walk of its paginator starts from."""

    #: What sends the requests (the client's).
    transport: BaseTransport[Any]
    #: The generated list operation (builds each request).
    operation: ModuleType
    #: The generated models of one list answer and of one record.
    list_model: type[Model]
    item_model: type[Model]
    #: The operation's arguments for the first request (a resumed walk's cursor included).
    params: dict[str, Any]
    #: The most records to yield (None: all of them).
    limit: int | None = None
    #: How the answers carry their records and next link.
    envelope: Envelope = LINKS
    #: Query parameters the generated operation cannot send (see cxml_messages.list).
    extra_query: Mapping[str, str] | None = None
    #: Whether it resumes a finished walk (nothing left to request).
    done: bool = False
    #: A filter the client applies where the API has none: (field, values) keeps only the
    #: records whose field is one of the values (message logs' ``status``). The walk's
    #: checks see every record sent; its pages, items and ``limit`` only those kept.
    only: tuple[str, frozenset[str]] | None = None


class Walk(Generic[_ItemT]):
    """The no-I/O state of one walk: what to request next, and when to stop."""

    def __init__(self, call: ListCall) -> None:
        self.call = call
        #: Records left before the call's limit (None: no limit).
        self.remaining = call.limit
        self._params = call.params
        # A walk resumed from a finished cursor counts as started with no next link.
        self._started = call.done
        self._next: _Next = None
        #: The last page's body, for its ids (see _check_progress); nothing more, so a page
        #: the caller is done with is freed while the next one is read.
        self._last: PageBody | None = None
        self._empty_in_a_row = 0
        self._path = call.operation._get_kwargs(**call.params)["url"]
        # A resumed walk starts at a cursor: the server sending it back again is a repeat too.
        self._seen = {self._cursor_key(call.params, python_names=True)}

    def next_request(self) -> httpx.Request | None:
        """The next request, or None when the walk is over.

        A bad next link is raised here, when the next page is wanted, so the page that
        carried it has already reached the caller (with the cursor to resume from).
        """
        call = self.call
        if not self._started:
            self._started = True
        elif self._next is None or (self.remaining is not None and self.remaining <= 0):
            return None
        elif isinstance(self._next, PaginationError):
            raise call.transport.redacted(self._next)
        else:
            self._params = self._next
        return call.transport.build_request(call.operation, self._params, call.extra_query)

    def read(self, response: httpx.Response, content: bytes) -> PageBody:
        """A list answer's bytes, cut (the transport's reader of each answer of the walk).

        Raises:
            APIResponseValidationError: the body is not JSON (the transport tries again).
            NotAPage: it is JSON of another shape (see `other_answer()`).
        """
        envelope = self.call.envelope
        try:
            return cut_page(content, envelope.items, envelope.record_id, response.charset_encoding)
        except NotAPage:
            raise
        except ValueError:  # not JSON: read as any answer, which says so
            raise NotAPage(read_json(response, content)) from None

    def other_answer(self, request: httpx.Request, data: object) -> PageBody:
        """An answer that is JSON but holds no array of records: its model says what is wrong
        (raised), or takes it as a page with no records (an empty object for them)."""
        call = self.call
        call.transport.parse(call.list_model, data, request)
        assert isinstance(data, dict)  # the model took it
        name = call.envelope.items
        head = {key: value for key, value in data.items() if key != name}
        return PageBody(head, [], b"", name, call.envelope.record_id)

    def page(self, request: httpx.Request, body: PageBody) -> Page[_ItemT]:
        """Check a page before it reaches the caller, and learn the way on from its envelope."""
        call = self.call
        # The envelope is checked now (links, page numbers); it becomes the page's response
        # once its records are built. The next link is read off the JSON, once.
        empty = {**body.head, call.envelope.items: []}
        response = call.transport.parse(call.list_model, empty, request)
        self._check_progress(body)
        cursor, next_url, self._next = self._follow(call.envelope.next_link(body.head))
        if call.only is not None:
            body = body.where(*call.only)
        if self.remaining is not None:
            self.remaining -= len(body.records)
        return Page(
            None,
            response,
            envelope=call.envelope,
            body=body,
            item_model=call.item_model,
            request=request,
            cursor=cursor,
            next_url=next_url,
        )

    def _check_progress(self, body: PageBody) -> None:
        """Refuse a page that cannot be right, before it reaches the caller.

        A page repeats the last one when all its ids are among the last page's: read only when
        its first id is one of them (the last page's ids were gathered as its records were
        built, or read with an export's times), so a usual page costs no pass over its records.
        """
        count = len(body.records)
        size_name = self.call.envelope.cursor[self.call.envelope.size][0]
        size = self._params.get(size_name) or PAGE_SIZE_MAX
        if count > size:
            raise PaginationError(
                f"The server sent {count:,} records for a page of at most {size}."
            )
        last, self._last = self._last, body
        if last is not None and count:
            first = body.first_id()
            if first is not msgspec.UNSET and first in _usable(last.ids()):
                current = _usable(body.ids())
                if current and _all_in(current, _usable(last.ids())):
                    raise PaginationError(
                        f"The server sent the previous page's {count} records again under a "
                        "new cursor: stopping rather than walking in place."
                    )
        self._empty_in_a_row = 0 if count else self._empty_in_a_row + 1
        if self._empty_in_a_row > MAX_EMPTY_PAGES_IN_A_ROW:
            raise PaginationError(
                f"More than {MAX_EMPTY_PAGES_IN_A_ROW} empty pages in a row, each with a next "
                "link: stopping rather than walking on forever."
            )

    def _follow(self, link: object) -> tuple[PageCursor, str | None, _Next]:
        """A page's next link, parsed once: the page's cursor, the link as sent, and what the
        next request will be (its parameters, None at the end, or the error to raise)."""
        envelope = self.call.envelope
        # The cursor carries the size this walk asked: the size its page number counts in.
        size = self._params.get(envelope.cursor[envelope.size][0])
        if not isinstance(link, str) or not link:  # no URL to parse: the end, or an error
            cursor, _ = cursor_after(link, envelope, page_size=size)
            if cursor.done:
                return cursor, None, None
            return (
                cursor,
                None,
                PaginationError(
                    f"The next page's link is not a URL but a {type(link).__name__}: "
                    f"{_preview(link)}"
                ),
            )
        try:
            url = self.call.transport.base_url.join(link)  # a cXML next_page_uri is a path
        except httpx.InvalidURL as err:
            error = PaginationError(
                f"The next page's link is not a valid URL ({err}): {_preview(link)}"
            )
            return PageCursor(page_size=size), link, error
        cursor, _ = cursor_after(link, envelope, url, size)
        try:
            return cursor, link, self._params_at(url)
        except PaginationError as err:
            return cursor, link, err

    def _params_at(self, url: httpx.URL) -> dict[str, Any]:
        """The next request's parameters, from a next link that may be followed."""
        base = self.call.transport.base_url
        if (url.scheme, url.host, url.port) != (base.scheme, base.host, base.port):
            raise PaginationError(
                f"Refusing to follow the next page to another host: {url.scheme}://{url.host} "
                f"(the client talks to {base.host})."
            )
        if url.path not in (self._path, self._path + ".json"):
            raise PaginationError(f"Refusing to follow the next page to another path: {url.path}")
        query = url.params
        key = self._cursor_key(query)
        if key in self._seen:
            raise PaginationError(
                f"The server repeated a cursor ({key[0]!r}, page {key[1]}): stopping "
                "rather than looping over the same pages."
            )
        self._seen.add(key)
        params = dict(self._params)
        envelope = self.call.envelope
        for wire, (name, is_int) in envelope.cursor.items():
            value = query.get(wire)
            if value is not None:
                params[name] = _as_int(wire, value) if is_int else value
        size = envelope.cursor[envelope.size][0]
        if self._params.get(size) not in (None, params[size]):
            # A page number counts pages of the size asked: followed with either size, a
            # walk could skip records or read them twice.
            raise PaginationError(
                f"The next page's link asks for pages of {params[size]} records, not the "
                f"{self._params[size]} this walk asks for: refusing to follow it."
            )
        return params

    def _cursor_key(self, values: Mapping[str, Any], python_names: bool = False) -> tuple[Any, ...]:
        """What tells one cursor from another: the token, and the page number (0 if none)."""
        envelope = self.call.envelope
        token, number = envelope.token, envelope.number
        if python_names:
            token, number = envelope.cursor[token][0], envelope.cursor[number][0]
        page = values.get(number)
        return values.get(token), "0" if page is None else str(page)


def _usable(ids: list[Any]) -> list[Any]:
    """``ids``, or none at all when a record has none (its model will say what is wrong)."""
    return [] if msgspec.UNSET in ids else ids


def _all_in(ids: list[object], previous: list[object]) -> bool:
    # Reached only when the first id repeats, so the usual page costs no set at all.
    try:
        return frozenset(ids) <= frozenset(previous)
    except TypeError:  # an id that is a list or an object: not an id to compare
        return False


def _as_int(name: str, value: str) -> int:
    if not is_ascii_int(value):
        raise PaginationError(f"The next page's link carries a non-integer {name}: {value!r}")
    return int(value)


def _preview(value: object) -> str:
    text = repr(value)
    return text if len(text) <= 200 else text[:200] + "…"
