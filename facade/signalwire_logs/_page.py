"""A page of a list (`Page`) and the cursor after it (`PageCursor`).

Both are public through `signalwire_logs.pagination`. A page holds its answer as sent
(`PageBody`), builds its records from it as they are
read, and carries the cursor its walk read off the next link (once, when the page arrived).
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass
from functools import partial
from operator import methodcaller
from typing import TYPE_CHECKING, Any, Generic, Literal, TypeVar

import httpx
import msgspec

from signalwire_logs_api.types import UNSET

from ._page_body import PageBody, cut_page
from ._response import Model, mismatch

if TYPE_CHECKING:
    import pyarrow

__all__ = [
    "CXML_MESSAGES",
    "LINKS",
    "Envelope",
    "Page",
    "PageCursor",
    "build_each",
    "cursor_after",
    "is_ascii_int",
]

_ItemT = TypeVar("_ItemT")


@dataclass(frozen=True)
class Envelope:
    """How one style of list response carries its records and the way to the next page."""

    #: The field of the list model (and key of the JSON) holding the records.
    items: str
    #: Reads the next page's URL off a list answer's envelope, as decoded JSON (None or
    #: empty at the end; anything else that is not a URL is an error).
    next_link: Callable[[Mapping[str, Any]], object]
    #: The cursor's query parameters, by wire name: (Python argument name, is an integer).
    cursor: Mapping[str, tuple[str, bool]]
    #: Wire names of the token and the page number, for Page.next_page_token/number.
    token: str
    number: str
    #: Wire name of the page size.
    size: str
    #: The key of a record's unique id, to notice a page that repeats the one before.
    record_id: str = "id"


def _links_next(head: Mapping[str, Any]) -> object:
    links = head.get("links")
    return links.get("next") if isinstance(links, Mapping) else None


#: The /api log lists: ``{"links": {"next": url, ...}, "data": [...]}``.
LINKS = Envelope(
    items="data",
    next_link=_links_next,
    cursor={
        "page_number": ("page_number", True),
        "page_size": ("page_size", True),
        "page_token": ("page_token", False),
    },
    token="page_token",
    number="page_number",
    size="page_size",
)
#: The cXML (compatibility API) lists: ``{"next_page_uri": path, "messages": [...], ...}``.
CXML_MESSAGES = Envelope(
    items="messages",
    next_link=methodcaller("get", "next_page_uri"),
    cursor={
        "Page": ("page", True),
        "PageSize": ("page_size", True),
        "PageToken": ("page_token", False),
    },
    token="PageToken",
    number="Page",
    size="PageSize",
    record_id="sid",
)


@dataclass(frozen=True)
class PageCursor:
    """Where a walk stands after a page: pass it back as ``list(..., resume=cursor)``.

    A page number counts pages of the size the walk asked, so the cursor carries that size
    too: a walk resumed from it asks the same size when given no ``page_size=``, and refuses
    another with a [`ConfigurationError`][signalwire_logs.ConfigurationError] (with pages of
    another size, the page number would point elsewhere: records skipped or read twice).

    A finished walk has ``done=True`` and resumes to no records at all, so a checkpoint
    saved after the last page can never start the walk again by accident; with nothing left
    to count, it carries no page size. Its fields are plain values: it round-trips through
    `to_dict()`/`from_dict()` as JSON.

    Example:
        ```python
        checkpoint = page.cursor.to_dict()  # JSON: saved anywhere
        rest = client.fax_logs.list(resume=PageCursor.from_dict(checkpoint))
        ```
    """

    #: The next page's number (``page_number=``, or ``page=`` for cXML lists).
    page_number: int | None = None
    #: The next page's token (``page_token=``).
    page_token: str | None = None
    #: Whether the walk is over: resuming from it yields nothing.
    done: bool = False
    #: The page size of the walk that made the cursor, the size `page_number` counts in
    #: (None: unknown, as in a cursor saved by an earlier version, or a finished cursor).
    page_size: int | None = None

    def to_dict(self) -> dict[str, Any]:
        """The cursor as JSON-ready values (`from_dict()` reads them back).

        Returns:
            ``{"page_number": ..., "page_token": ..., "done": ..., "page_size": ...}``.
        """
        return {
            "page_number": self.page_number,
            "page_token": self.page_token,
            "done": self.done,
            "page_size": self.page_size,
        }

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> PageCursor:
        """A cursor from `to_dict()`'s output.

        A cursor saved by an earlier version, without ``page_size``, loads with a page size
        of None: resumed as before, at the size the new walk asks.

        Args:
            data: The values of `to_dict()`, e.g. read back from JSON.

        Returns:
            The cursor.

        Raises:
            ValueError: ``data`` has another shape, or a value of the wrong type.
        """
        if not isinstance(data, Mapping) or set(data) not in _CURSOR_KEYS:
            raise ValueError(
                f"a page cursor has page_number, page_token, done and page_size: {data!r}"
            )
        number, token, done = data["page_number"], data["page_token"], data["done"]
        size = data.get("page_size")
        if not (number is None or (type(number) is int and number >= 0)):
            raise ValueError(f"page_number must be a non-negative integer or null: {number!r}")
        if not (token is None or isinstance(token, str)) or type(done) is not bool:
            raise ValueError(f"page_token must be a string or null, done a boolean: {data!r}")
        if not (size is None or (type(size) is int and size >= 1)):
            raise ValueError(f"page_size must be a positive integer or null: {size!r}")
        return cls(number, token, done, size)


#: The keys of a saved cursor: today's, and those of one saved before it kept its page size.
_CURSOR_KEYS = (
    {"page_number", "page_token", "done", "page_size"},
    {"page_number", "page_token", "done"},
)


class Page(Generic[_ItemT]):
    """One page of a list: its records, and the cursor of the next page.

    A page from a walk holds its answer as sent (`body`) and builds its records from
    it as they are read: iterating a paginator builds each record just before yielding it,
    so one the loop is done with is freed at once instead of waiting, with a thousand
    others, for the garbage collector; `items` builds the whole list on first access.
    A record that does not match its model raises
    [`APIResponseValidationError`][signalwire_logs.APIResponseValidationError] when built.

    Args:
        items: The records, as generated models (None for a walk's page: built from
            ``body`` by ``item_model`` when read).
        response: The list response, as a generated model; for a walk's page, its envelope
            alone (checked as it arrived), which the records join when `response` is
            read.
        raw_items: The records as decoded JSON; by default each item's ``to_dict()``.
        envelope: How the list response carries its records and its next page.
        body: The answer cut from its bytes (a walk's page; else made from ``raw_items``
            when `body` is read).
        item_model: The generated model of one record (a walk's page).
        request: The request that fetched the page (a walk's page).
        cursor: Where the walk stands after this page, read off its next link by the walk;
            by default read here off ``response``.
        next_url: The next link as sent, when the walk gives ``cursor``.
    """

    __slots__ = (
        "_body",
        "_cursor",
        "_envelope",
        "_item_model",
        "_items",
        "_next_url",
        "_raw_items",
        "_request",
        "_response",
        "_whole",
    )

    def __init__(
        self,
        items: list[_ItemT] | None,
        response: Any,
        raw_items: list[Any] | None = None,
        envelope: Envelope = LINKS,
        *,
        body: PageBody | None = None,
        item_model: type[Model] | None = None,
        request: httpx.Request | None = None,
        cursor: PageCursor | None = None,
        next_url: str | None = None,
    ) -> None:
        self._items = items
        self._response = response
        self._raw_items = raw_items
        self._envelope = envelope
        self._body = body
        self._item_model = item_model
        self._request = request
        #: Whether response holds the records (a walk's holds its envelope alone).
        self._whole = body is None
        if cursor is None:  # a page made by hand: its link read here
            cursor, next_url = cursor_after(envelope.next_link(_json_of(response)), envelope)
        self._cursor = cursor
        self._next_url = next_url

    @property
    def body(self) -> PageBody:
        """The answer as sent: its envelope decoded, each record as the server sent it
        (``records``, ``lines()``), and their ids and times read on demand."""
        if self._body is None:  # a page made by hand: its records, as JSON
            head = _json_of(self._response)
            name = self._envelope.items
            content = msgspec.json.encode({**head, name: self.raw_items})
            self._body = cut_page(content, name, self._envelope.record_id)
        return self._body

    @property
    def request(self) -> httpx.Request | None:
        """The request that fetched this page (None for a page made by hand)."""
        return self._request

    @property
    def raw_items(self) -> list[Any]:
        """The records exactly as the server sent them (decoded JSON), e.g. to store them
        losslessly. Each is checked against its model when that is built."""
        if self._raw_items is None:
            if self._body is None:  # a page made by hand: from its models
                self._raw_items = [item.to_dict() for item in self._items or []]  # type: ignore[attr-defined]
            else:
                self._raw_items = self._body.decoded()
        return self._raw_items

    @property
    def items(self) -> list[_ItemT]:
        """The records of this page, as generated models (built on first access)."""
        if self._items is None:
            self._items = list(self._iter_items())
        return self._items

    def _iter_items(self) -> Iterator[_ItemT]:
        """The records, each built as it is reached (unless `items` built them all)."""
        if self._items is not None:
            return iter(self._items)
        assert self._item_model is not None and self._body is not None  # a walk's page
        return build_each(self._body, self._item_model, self._request)

    @property
    def response(self) -> Any:
        """The whole list response as a generated model (its links, page numbers...)."""
        if not self._whole:
            setattr(self._response, self._envelope.items, self.items)
            self._whole = True
        return self._response

    @property
    def links(self) -> Any:
        """The ``links`` of an /api log list (``self``, ``first``, ``next``, ``prev``)."""
        return self._response.links

    @property
    def has_next_page(self) -> bool:
        """Whether the server announced a next page (even one the walk refuses to follow)."""
        return not self._cursor.done

    @property
    def next_url(self) -> str | None:
        """The next page's URL as sent (``links.next`` or ``next_page_uri``); None at the end."""
        return self._next_url

    @property
    def next_page_token(self) -> str | None:
        """The cursor to resume after this page (pass it as ``page_token=``)."""
        return self._cursor.page_token

    @property
    def next_page_number(self) -> int | None:
        """The page number to resume at (pass it as ``page_number=``, or ``page=`` for cXML)."""
        return self._cursor.page_number

    @property
    def cursor(self) -> PageCursor:
        """The checkpoint after this page: ``list(..., resume=page.cursor)`` continues the
        walk with the next page, or yields nothing once this was the last page."""
        return self._cursor

    def to_arrow(self, *, unknown: Literal["json", "columns"] = "json") -> pyarrow.Table:
        """This page's records as one typed Arrow table (needs ``signalwire-logs[parquet]``).

        The columns are those of [`schema_for()`][signalwire_logs.arrow.schema_for], read from the
        records as sent; each record is first checked against its model. ``unknown`` says
        where fields the spec does not document go (see
        [`to_arrow()`][signalwire_logs.arrow.to_arrow]).

        Raises:
            APIResponseValidationError: a record does not match its model or its column.
        """
        from .arrow import from_json_lines, to_arrow  # pyarrow is an optional extra

        model: type[Any] | None = self._item_model
        items = self._iter_items()  # builds, so checks, each record
        for item in items:
            model = model or type(item)
        if model is None:  # an empty page built from a list of models: its type is all there is
            raise ValueError("An empty page built from a list of models has no schema.")
        try:
            if self._body is not None and self._raw_items is None:  # read from the bytes
                return from_json_lines(self._body.lines(), model, unknown=unknown)
            return to_arrow(self.raw_items, model, unknown=unknown)
        except ValueError as err:
            if self._request is None:  # a page made by hand: no response to blame
                raise
            raise mismatch(model, self.raw_items, self._request, err) from err

    def __len__(self) -> int:
        if self._body is not None:
            return len(self._body.records)
        return len(self.raw_items)

    def __repr__(self) -> str:
        return f"Page(items={len(self)}, next_page_token={self.next_page_token!r})"


def _json_of(response: Any) -> dict[str, Any]:
    """A list response made by hand (a generated model), as JSON."""
    return response.to_dict() if hasattr(response, "to_dict") else {}


def _mismatch_of(
    model: type[Any], request: httpx.Request | None, record: Any, error: Exception
) -> Exception:
    """What ``error``, raised by reading ``record`` as ``model``, means: the response does not
    match the spec (or, on a page made by hand, ``error`` itself)."""
    if request is None:
        return error
    return mismatch(model, record, request, error)


def build_each(body: PageBody, model: type[Model], request: httpx.Request | None) -> Iterator[Any]:
    """Each record of ``body`` built as ``model`` as it is reached; one the model refuses
    raises `APIResponseValidationError` naming ``request``."""
    build: Callable[[Any], Any] = model.from_dict
    return body.models(build, partial(_mismatch_of, model, request))


def cursor_after(
    link: object,
    envelope: Envelope,
    url: httpx.URL | None = None,
    page_size: int | None = None,
) -> tuple[PageCursor, str | None]:
    """The cursor a page's next ``link`` gives (``url``: the link already parsed), and the
    link as sent when it is a string.

    The cursor's page size is ``page_size``, the size the walk asked, or else the link's
    own: the size its page number counts in. A finished cursor has none.

    A link that is there but unusable (a number, an object) still means "not done": the walk
    raises PaginationError on it, and the cursor must not say the walk ended.
    """
    if link is None or link is UNSET or link == "":
        return PageCursor(done=True), None
    if not isinstance(link, str):
        return PageCursor(page_size=page_size), None
    if url is None:
        try:
            url = httpx.URL(link)
        except httpx.InvalidURL:  # the walk raises PaginationError before following it
            return PageCursor(page_size=page_size), link
    query = url.params
    number, size = query.get(envelope.number), query.get(envelope.size)
    if page_size is None and size is not None and is_ascii_int(size) and int(size) >= 1:
        page_size = int(size)
    return PageCursor(
        int(number) if number is not None and is_ascii_int(number) else None,
        query.get(envelope.token),
        page_size=page_size,
    ), link


def is_ascii_int(value: str) -> bool:
    """Whether ``value`` is a non-negative integer in ASCII digits (``str.isdigit()`` accepts
    superscripts, which int() refuses, and other scripts' digits)."""
    return value.isascii() and value.isdigit()
