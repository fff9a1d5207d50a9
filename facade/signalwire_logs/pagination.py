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

from collections.abc import AsyncIterator, Iterator
from types import ModuleType
from typing import Any, Generic, Protocol, TypeVar

import httpx

from signalwire_logs_api.models import PaginationLinks
from signalwire_logs_api.types import Unset

from ._base_client import AsyncAPIClient, BaseClient, Model, SyncAPIClient
from ._exceptions import PaginationError

__all__ = ["Page", "PageIterator", "Paginator"]

_ItemT = TypeVar("_ItemT")

#: Query parameters that move through a list; the next link supplies all three.
_CURSOR_PARAMS = ("page_number", "page_size", "page_token")


class ListResponse(Model, Protocol[_ItemT]):
    """A generated list envelope: ``{links: {...}, data: [...]}``."""

    @property
    def data(self) -> list[_ItemT]: ...

    @property
    def links(self) -> PaginationLinks: ...


class Page(Generic[_ItemT]):
    """One page of a list: its items and links, and the cursor of the next page."""

    __slots__ = ("_next", "items", "links", "raw_items")

    def __init__(
        self, items: list[_ItemT], links: PaginationLinks, raw_items: list[Any] | None = None
    ) -> None:
        #: The records of this page, as generated models.
        self.items = items
        #: The same records exactly as the server sent them (decoded JSON), e.g. to store them
        #: losslessly; each was parsed into its model first, so each is valid.
        self.raw_items: list[Any] = (
            [item.to_dict() for item in items] if raw_items is None else raw_items  # type: ignore[attr-defined]
        )
        #: The page's ``links`` (``self``, ``first``, ``next``, ``prev``) as sent.
        self.links = links
        next_link = links.next_
        self._next = None if isinstance(next_link, Unset) or not next_link else next_link

    @property
    def has_next_page(self) -> bool:
        """Whether the server announced a next page (``links.next``)."""
        return self._next is not None

    @property
    def next_url(self) -> str | None:
        """The ``links.next`` URL, or None on the last page."""
        return self._next

    def _next_query(self) -> httpx.QueryParams:
        return httpx.URL(self._next).params if self._next else httpx.QueryParams()

    @property
    def next_page_token(self) -> str | None:
        """The cursor to resume after this page (pass it as ``page_token=``)."""
        token: str | None = self._next_query().get("page_token")
        return token

    @property
    def next_page_number(self) -> int | None:
        """The page number to resume at (pass it as ``page_number=``)."""
        value = self._next_query().get("page_number")
        return int(value) if value is not None and value.isdigit() else None

    def __len__(self) -> int:
        return len(self.items)

    def __repr__(self) -> str:
        return f"Page(items={len(self.items)}, next_page_token={self.next_page_token!r})"


class _Walk(Generic[_ItemT]):
    """The no-I/O state of one walk: what to request next, and when to stop."""

    def __init__(
        self,
        client: BaseClient[Any],
        operation: ModuleType,
        model: type[ListResponse[_ItemT]],
        params: dict[str, Any],
        limit: int | None,
    ) -> None:
        self.client = client
        self.operation = operation
        self.model = model
        self.remaining = limit
        self._params = params
        # Only what the next request needs: holding the whole page would keep its thousands
        # of objects alive while the next one is parsed, for the garbage collector to sweep.
        self._started = False
        self._next_url: str | None = None
        self._path = operation._get_kwargs()["url"]
        number = params.get("page_number")
        # A resumed walk starts at a cursor: the server sending it back again is a repeat too.
        self._seen = {(params.get("page_token"), None if number is None else str(number))}

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

    def page(self, fetched: tuple[ListResponse[_ItemT], object]) -> Page[_ItemT]:
        """Record a fetched page: its model and the JSON it was parsed from."""
        response, body = fetched
        raw = body.get("data") if isinstance(body, dict) else None
        page = Page(response.data, response.links, raw if isinstance(raw, list) else None)
        self._next_url = page.next_url
        if self.remaining is not None:
            self.remaining -= len(page.items)
        return page

    def _follow(self, next_url: str) -> dict[str, Any]:
        base = self.client.base_url
        url = base.join(next_url)
        if (url.scheme, url.host, url.port) != (base.scheme, base.host, base.port):
            raise PaginationError(
                f"Refusing to follow links.next to another host: {url.scheme}://{url.host} "
                f"(the client talks to {base.host})."
            )
        if url.path != self._path:
            raise PaginationError(f"Refusing to follow links.next to another path: {url.path}")
        query = url.params
        cursor = (query.get("page_token"), query.get("page_number"))
        if cursor in self._seen:
            raise PaginationError(
                f"The server repeated a cursor ({cursor[0]!r}, page {cursor[1]}): stopping "
                "rather than looping over the same pages."
            )
        self._seen.add(cursor)
        params = dict(self._params)
        for name in _CURSOR_PARAMS:
            value = query.get(name)
            if value is not None:
                params[name] = value if name == "page_token" else _as_int(name, value)
        return params


def _as_int(name: str, value: str) -> int:
    try:
        return int(value)
    except ValueError:
        raise PaginationError(f"links.next carries a non-integer {name}: {value!r}") from None


class PageIterator(Generic[_ItemT]):
    """The pages of a walk; iterate with ``for`` (sync client) or ``async for`` (async)."""

    def __init__(self, walk: _Walk[_ItemT]) -> None:
        self._walk = walk

    def __iter__(self) -> Iterator[Page[_ItemT]]:
        walk = self._walk
        if not isinstance(walk.client, SyncAPIClient):
            raise TypeError("This list belongs to an async client: use `async for`.")
        while (params := walk.next_params()) is not None:
            yield walk.page(walk.client._request_with_body(walk.operation, walk.model, params))

    async def __aiter__(self) -> AsyncIterator[Page[_ItemT]]:
        walk = self._walk
        if not isinstance(walk.client, AsyncAPIClient):
            raise TypeError("This list belongs to a sync client: use `for`, not `async for`.")
        while (params := walk.next_params()) is not None:
            fetched = await walk.client._request_with_body(walk.operation, walk.model, params)
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
        model: type[ListResponse[_ItemT]],
        params: dict[str, Any],
        limit: int | None = None,
    ) -> None:
        self._client = client
        self._operation = operation
        self._model = model
        self._params = params
        self._limit = limit

    def pages(self) -> PageIterator[_ItemT]:
        """The pages, one request each; every call starts a new walk."""
        walk: _Walk[_ItemT] = _Walk(
            self._client, self._operation, self._model, self._params, self._limit
        )
        return PageIterator(walk)

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
