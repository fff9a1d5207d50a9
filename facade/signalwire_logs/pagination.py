"""Lazy, resumable iteration over cursor-paged lists.

A list call returns a :class:`Paginator`. Iterating it yields every item, fetching one page at
a time (memory stays flat however long the walk); :meth:`Paginator.pages` yields the pages
themselves, each with the cursor of the page after it, so a walk can be saved and resumed::

    for page in client.fax_logs.list(page_size=1000).pages():
        save(page.items)
        checkpoint(page.next_page_number, page.next_page_token)
    ...
    client.fax_logs.list(page_size=1000, page_number=n, page_token=token)  # resume

The same objects serve both clients: use ``for`` with :class:`~signalwire_logs.SignalWireLogs`
and ``async for`` with :class:`~signalwire_logs.AsyncSignalWireLogs`.
"""

from __future__ import annotations

from collections.abc import AsyncIterator, Callable, Iterator, Mapping
from dataclasses import dataclass
from operator import attrgetter
from types import ModuleType
from typing import Any, Generic, TypeVar

import httpx

from ._base_client import AsyncAPIClient, BaseClient, Model, SyncAPIClient
from ._exceptions import PaginationError

__all__ = ["Page", "PageIterator", "Paginator"]

_ItemT = TypeVar("_ItemT")


@dataclass(frozen=True)
class Envelope:
    """How one style of list response carries its records and the way to the next page."""

    #: The field of the list model (and key of the JSON) holding the records.
    items: str
    #: Reads the next page's URL off a parsed list model (None, empty or Unset at the end).
    next_link: Callable[[Any], object]
    #: The cursor's query parameters, by wire name: (Python argument name, is an integer).
    cursor: Mapping[str, tuple[str, bool]]
    #: Wire names of the token and the page number, for Page.next_page_token/number.
    token: str
    number: str


#: The /api log lists: ``{"links": {"next": url, ...}, "data": [...]}``.
LINKS = Envelope(
    items="data",
    next_link=attrgetter("links.next_"),
    cursor={
        "page_number": ("page_number", True),
        "page_size": ("page_size", True),
        "page_token": ("page_token", False),
    },
    token="page_token",
    number="page_number",
)
#: The cXML (compatibility API) lists: ``{"next_page_uri": path, "messages": [...], ...}``.
CXML_MESSAGES = Envelope(
    items="messages",
    next_link=attrgetter("next_page_uri"),
    cursor={
        "Page": ("page", True),
        "PageSize": ("page_size", True),
        "PageToken": ("page_token", False),
    },
    token="PageToken",
    number="Page",
)


class Page(Generic[_ItemT]):
    """One page of a list: its records, and the cursor of the next page."""

    __slots__ = ("_envelope", "_next", "items", "raw_items", "response")

    def __init__(
        self,
        items: list[_ItemT],
        response: Any,
        raw_items: list[Any] | None = None,
        envelope: Envelope = LINKS,
    ) -> None:
        #: The records of this page, as generated models.
        self.items = items
        #: The same records exactly as the server sent them (decoded JSON), e.g. to store them
        #: losslessly; each was parsed into its model first, so each is valid.
        self.raw_items: list[Any] = (
            [item.to_dict() for item in items] if raw_items is None else raw_items  # type: ignore[attr-defined]
        )
        #: The whole list response as a generated model (its links, page numbers...).
        self.response = response
        self._envelope = envelope
        next_link = envelope.next_link(response)
        self._next = next_link if isinstance(next_link, str) and next_link else None

    @property
    def links(self) -> Any:
        """The ``links`` of an /api log list (``self``, ``first``, ``next``, ``prev``)."""
        return self.response.links

    @property
    def has_next_page(self) -> bool:
        """Whether the server announced a next page."""
        return self._next is not None

    @property
    def next_url(self) -> str | None:
        """The next page's URL as sent (``links.next`` or ``next_page_uri``); None at the end."""
        return self._next

    def _next_query(self) -> httpx.QueryParams:
        return httpx.URL(self._next).params if self._next else httpx.QueryParams()

    @property
    def next_page_token(self) -> str | None:
        """The cursor to resume after this page (pass it as ``page_token=``)."""
        token: str | None = self._next_query().get(self._envelope.token)
        return token

    @property
    def next_page_number(self) -> int | None:
        """The page number to resume at (pass it as ``page_number=``, or ``page=`` for cXML)."""
        value = self._next_query().get(self._envelope.number)
        return int(value) if value is not None and value.isdigit() else None

    def __len__(self) -> int:
        return len(self.items)

    def __repr__(self) -> str:
        return f"Page(items={len(self.items)}, next_page_token={self.next_page_token!r})"


class _Walk(Generic[_ItemT]):
    """The no-I/O state of one walk: what to request next, and when to stop."""

    def __init__(self, paginator: Paginator[_ItemT]) -> None:
        self.client = paginator._client
        self.operation = paginator._operation
        self.model = paginator._model
        self.envelope = paginator._envelope
        self.extra_query = paginator._extra_query
        self.remaining = paginator._limit
        self._params = paginator._params
        # Only what the next request needs: holding the whole page would keep its thousands
        # of objects alive while the next one is parsed, for the garbage collector to sweep.
        self._started = False
        self._next_url: str | None = None
        self._path = self.operation._get_kwargs(**self._params)["url"]
        # A resumed walk starts at a cursor: the server sending it back again is a repeat too.
        self._seen = {self._cursor_of(self._params, python_names=True)}

    def _cursor_of(self, values: Mapping[str, Any], python_names: bool = False) -> tuple[Any, ...]:
        token, number = self.envelope.token, self.envelope.number
        if python_names:
            token, number = self.envelope.cursor[token][0], self.envelope.cursor[number][0]
        page = values.get(number)
        return values.get(token), "0" if page is None else str(page)  # no number: page 0

    def next_params(self) -> dict[str, Any] | None:
        """The parameters of the next request, or None when the walk is over.

        A bad next link is raised here, when the next page is wanted, so the page that
        carried it has already reached the caller (with the cursor to resume from).
        """
        if not self._started:
            self._started = True
            return self._params
        if self._next_url is None or (self.remaining is not None and self.remaining <= 0):
            return None
        self._params = self._follow(self._next_url)
        return self._params

    def page(self, fetched: tuple[Any, object]) -> Page[_ItemT]:
        """Record a fetched page: its model and the JSON it was parsed from."""
        response, body = fetched
        name = self.envelope.items
        raw = body.get(name) if isinstance(body, dict) else None
        items = getattr(response, name)
        page = Page(items, response, raw if isinstance(raw, list) else None, self.envelope)
        self._next_url = page.next_url
        if self.remaining is not None:
            self.remaining -= len(items)
        return page

    def _follow(self, next_url: str) -> dict[str, Any]:
        base = self.client.base_url
        url = base.join(next_url)  # a cXML next_page_uri is a path: relative to the Space
        if (url.scheme, url.host, url.port) != (base.scheme, base.host, base.port):
            raise PaginationError(
                f"Refusing to follow the next page to another host: {url.scheme}://{url.host} "
                f"(the client talks to {base.host})."
            )
        if url.path not in (self._path, self._path + ".json"):
            raise PaginationError(f"Refusing to follow the next page to another path: {url.path}")
        query = url.params
        cursor = self._cursor_of(query)
        if cursor in self._seen:
            raise PaginationError(
                f"The server repeated a cursor ({cursor[0]!r}, page {cursor[1]}): stopping "
                "rather than looping over the same pages."
            )
        self._seen.add(cursor)
        params = dict(self._params)
        for wire, (name, is_int) in self.envelope.cursor.items():
            value = query.get(wire)
            if value is not None:
                params[name] = _as_int(wire, value) if is_int else value
        return params


def _as_int(name: str, value: str) -> int:
    try:
        return int(value)
    except ValueError:
        raise PaginationError(
            f"The next page's link carries a non-integer {name}: {value!r}"
        ) from None


class PageIterator(Generic[_ItemT]):
    """The pages of a walk; iterate with ``for`` (sync client) or ``async for`` (async)."""

    def __init__(self, walk: _Walk[_ItemT]) -> None:
        self._walk = walk

    def __iter__(self) -> Iterator[Page[_ItemT]]:
        walk = self._walk
        client = walk.client
        if not isinstance(client, SyncAPIClient):
            raise TypeError("This list belongs to an async client: use `async for`.")
        while (params := walk.next_params()) is not None:
            fetched = client._request_with_body(
                walk.operation, walk.model, params, walk.extra_query
            )
            yield walk.page(fetched)

    async def __aiter__(self) -> AsyncIterator[Page[_ItemT]]:
        walk = self._walk
        client = walk.client
        if not isinstance(client, AsyncAPIClient):
            raise TypeError("This list belongs to a sync client: use `for`, not `async for`.")
        while (params := walk.next_params()) is not None:
            fetched = await client._request_with_body(
                walk.operation, walk.model, params, walk.extra_query
            )
            yield walk.page(fetched)


class Paginator(Generic[_ItemT]):
    """Every item of a list, fetched lazily page by page.

    Iterate it with ``for`` (or ``async for`` on the async client). ``limit`` caps the items
    yielded; :meth:`pages` yields whole pages and stops after the page that reaches it.
    """

    def __init__(
        self,
        client: BaseClient[Any],
        operation: ModuleType,
        model: type[Model],
        params: dict[str, Any],
        limit: int | None = None,
        *,
        envelope: Envelope = LINKS,
        extra_query: Mapping[str, str] | None = None,
    ) -> None:
        self._client = client
        self._operation = operation
        self._model = model
        self._params = params
        self._limit = limit
        self._envelope = envelope
        self._extra_query = extra_query

    def pages(self) -> PageIterator[_ItemT]:
        """The pages, one request each; every call starts a new walk."""
        return PageIterator(_Walk(self))

    def __iter__(self) -> Iterator[_ItemT]:
        remaining = self._limit
        for page in self.pages():
            items = page.items if remaining is None else page.items[:remaining]
            yield from items
            if remaining is not None:
                remaining -= len(items)

    async def __aiter__(self) -> AsyncIterator[_ItemT]:
        remaining = self._limit
        async for page in self.pages():
            items = page.items if remaining is None else page.items[:remaining]
            for item in items:
                yield item
            if remaining is not None:
                remaining -= len(items)

    def __repr__(self) -> str:
        return f"Paginator({self._operation.__name__.rsplit('.', 1)[-1]}, limit={self._limit})"
