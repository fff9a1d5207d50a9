"""Lazy, resumable iteration over cursor-paged lists.

A list call returns a [`SyncPaginator`][signalwire_logs.SyncPaginator] (on
[`SignalWireLogs`][signalwire_logs.SignalWireLogs], used with ``for``) or an
[`AsyncPaginator`][signalwire_logs.AsyncPaginator] (on
[`AsyncSignalWireLogs`][signalwire_logs.AsyncSignalWireLogs], used with ``async for``); type
checkers reject the other loop. Iterating one yields every item, fetching one page at a time
(memory stays flat however long the walk); ``pages()`` yields the pages themselves, each with
the cursor of the page after it, so a walk can be saved and resumed:

```python
for page in client.fax_logs.list(page_size=200).pages():
    save(page.items)
    checkpoint = page.cursor  # a PageCursor; checkpoint.done once the walk is over
...
client.fax_logs.list(resume=checkpoint)  # pages of 200 again; nothing left if it was done
```

A cursor carries its walk's page size (its page number counts pages of that size): a
resumed walk asks it, and ``page_size=`` of another size is a
[`ConfigurationError`][signalwire_logs.ConfigurationError].

Both share `BasePaginator` and the no-I/O walk (``_walk.Walk``, which keeps the
guards below); they differ only in how they wait for a page.

A walk never ends quietly on a page it cannot trust: a next link that is not a string, not a
URL, to another host or path, with a page number that is not an ASCII integer, or with a page
size other than the walk's; a repeated cursor; a page whose records all repeat the previous
page's (the walk keeps only that page's ids); more than ``MAX_EMPTY_PAGES_IN_A_ROW`` empty
pages in a row that each carry a next link; more records than the page size asked for. Each
raises [`PaginationError`][signalwire_logs.PaginationError] when the next page is wanted, or
before the bad page is yielded, so every page before it has reached the caller with its
cursor.
"""

from __future__ import annotations

from collections.abc import AsyncIterator, Iterator
from itertools import islice
from typing import Generic, TypeVar

from ._page import Page, PageCursor, build_each
from ._page_body import NotAPage
from ._transport import AsyncTransport, SyncTransport
from ._walk import MAX_EMPTY_PAGES_IN_A_ROW as MAX_EMPTY_PAGES_IN_A_ROW
from ._walk import ListCall, Walk

__all__ = [
    "AsyncPageIterator",
    "AsyncPaginator",
    "BasePaginator",
    "Page",
    "PageCursor",
    "SyncPageIterator",
    "SyncPaginator",
]

_ItemT = TypeVar("_ItemT")


class SyncPageIterator(Generic[_ItemT]):
    """The pages of a walk on [`SignalWireLogs`][signalwire_logs.SignalWireLogs]; iterate with
    ``for``."""

    def __init__(self, walk: Walk[_ItemT]) -> None:
        self._walk = walk

    def __iter__(self) -> Iterator[Page[_ItemT]]:
        walk = self._walk
        transport = walk.call.transport
        if not isinstance(transport, SyncTransport):  # only if the types were ignored
            raise TypeError("This list belongs to an async client: use `async for`.")
        while (request := walk.next_request()) is not None:
            try:
                body = transport.send(request, walk.read)
            except NotAPage as other:
                body = walk.other_answer(request, other.data)
            yield walk.page(request, body)


class AsyncPageIterator(Generic[_ItemT]):
    """The pages of a walk on [`AsyncSignalWireLogs`][signalwire_logs.AsyncSignalWireLogs]; use
    ``async for``."""

    def __init__(self, walk: Walk[_ItemT]) -> None:
        self._walk = walk

    async def __aiter__(self) -> AsyncIterator[Page[_ItemT]]:
        walk = self._walk
        transport = walk.call.transport
        if not isinstance(transport, AsyncTransport):  # only if the types were ignored
            raise TypeError("This list belongs to a sync client: use `for`, not `async for`.")
        while (request := walk.next_request()) is not None:
            try:
                body = await transport.send(request, walk.read)
            except NotAPage as other:
                body = walk.other_answer(request, other.data)
            yield walk.page(request, body)


class BasePaginator(Generic[_ItemT]):
    """What both paginators share, with no I/O: the list call (its checked arguments) and
    ``limit``.

    ``limit`` caps the items yielded; ``pages()`` yields whole pages and stops after the page
    that reaches it.
    """

    def __init__(self, call: ListCall) -> None:
        self._call = call

    def _items_of(
        self, page: Page[_ItemT], remaining: int | None
    ) -> tuple[Iterator[_ItemT], int | None]:
        """The items of ``page`` to yield, and how many ``limit`` leaves after them."""
        items: Iterator[_ItemT] = build_each(page.body, self._call.item_model, page.request)
        if remaining is None:
            return items, None
        return islice(items, remaining), remaining - min(remaining, len(page))

    def __repr__(self) -> str:
        name = self._call.operation.__name__.rsplit(".", 1)[-1]
        return f"{type(self).__name__}({name}, limit={self._call.limit})"


class SyncPaginator(BasePaginator[_ItemT]):
    """Every item of a list on [`SignalWireLogs`][signalwire_logs.SignalWireLogs], fetched
    lazily page by page: iterate it with ``for``."""

    def pages(self) -> SyncPageIterator[_ItemT]:
        """The pages, one request each; every call starts a new walk."""
        return SyncPageIterator(Walk(self._call))

    def __iter__(self) -> Iterator[_ItemT]:
        remaining = self._call.limit
        for page in self.pages():
            items, remaining = self._items_of(page, remaining)
            yield from items


class AsyncPaginator(BasePaginator[_ItemT]):
    """Every item of a list on
    [`AsyncSignalWireLogs`][signalwire_logs.AsyncSignalWireLogs], fetched lazily page by page:
    iterate it with ``async for``."""

    def pages(self) -> AsyncPageIterator[_ItemT]:
        """The pages, one request each; every call starts a new walk."""
        return AsyncPageIterator(Walk(self._call))

    async def __aiter__(self) -> AsyncIterator[_ItemT]:
        remaining = self._call.limit
        async for page in self.pages():
            items, remaining = self._items_of(page, remaining)
            for item in items:
                yield item
