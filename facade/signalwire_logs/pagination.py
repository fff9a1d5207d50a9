"""Lazy, resumable iteration over cursor-paged lists.

A list call returns a :class:`SyncPaginator` (on :class:`~signalwire_logs.SignalWireLogs`, used
with ``for``) or an :class:`AsyncPaginator` (on :class:`~signalwire_logs.AsyncSignalWireLogs`,
used with ``async for``); type checkers reject the other loop. Iterating one yields every item,
fetching one page at a time (memory stays flat however long the walk); ``pages()`` yields the
pages themselves, each with the cursor of the page after it, so a walk can be saved and
resumed::

    for page in client.fax_logs.list(page_size=1000).pages():
        save(page.items)
        checkpoint = page.cursor  # a PageCursor; checkpoint.done once the walk is over
    ...
    client.fax_logs.list(page_size=1000, resume=checkpoint)  # nothing left if it was done

Both share :class:`BasePaginator` and the no-I/O walk (``_Walk``); they differ only in how
they wait for a page.

A walk never ends quietly on a page it cannot trust: a next link that is not a string, not a
URL, to another host or path, or with a page number that is not an ASCII integer; a repeated
cursor; a page whose records all repeat the previous page's (the walk keeps only that page's
ids); more than ``MAX_EMPTY_PAGES_IN_A_ROW`` empty pages in a row that each carry a next link;
more records than the page size asked for. Each raises
:class:`~signalwire_logs.PaginationError` when the next page is wanted, or before the bad page
is yielded, so every page before it has reached the caller with its cursor.
"""

from __future__ import annotations

from collections.abc import AsyncIterator, Callable, Iterator, Mapping
from dataclasses import dataclass, field
from functools import cache, partial
from itertools import islice
from operator import attrgetter, itemgetter
from types import ModuleType
from typing import TYPE_CHECKING, Any, Generic, Literal, TypeVar

import httpx
import msgspec

from signalwire_logs_api.types import UNSET

from ._base_client import (
    AsyncAPIClient,
    BaseClient,
    Model,
    SyncAPIClient,
    decode_json,
    mismatch,
    parse_model,
)
from ._constants import PAGE_SIZE_MAX
from ._exceptions import PaginationError

if TYPE_CHECKING:
    import pyarrow

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
    #: Wire name of the page size.
    size: str
    #: The key of a record's unique id, to notice a page that repeats the one before.
    record_id: str = "id"


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
    size="page_size",
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
    size="PageSize",
    record_id="sid",
)

#: Empty pages that still carry a next link, in a row, before a walk gives up: a server may
#: skip over a stretch with nothing to show, but not forever.
MAX_EMPTY_PAGES_IN_A_ROW = 10


@dataclass(slots=True)
class _Sent:
    """A list answer as a walk reads it: its envelope decoded, its records kept as the JSON
    the server sent.

    Each record is decoded only when it is built, just before the caller gets it: decoding
    the whole page first left a thousand dicts to be read again from cold memory, which cost
    more than decoding them (a walk of 1,000-record pages took a third less CPU this way).
    An export writing JSON lines decodes none at all.
    """

    head: dict[str, Any]
    records: list[msgspec.Raw]
    body: bytes  #: the whole answer (no extra memory: every Raw above is a view of it)
    #: Each record's id (msgspec.UNSET where it has none), for the walk's repeated-page
    #: check: read with the times for an export; else gathered as the records are built, or
    #: read from ``body`` when the check needs them first (None until then).
    ids: list[Any] | None = None
    #: Each record's time field (msgspec.UNSET where missing), for an export's windows.
    times: list[Any] = field(default_factory=list)

    def lines(self) -> list[msgspec.Raw] | list[bytes]:
        """The records as sent, each on one line (for JSON lines).

        A record sent over several lines is the one exception: JSON strings cannot hold a
        raw line break, so each one is white space between tokens, and a space is as good.
        One look at the whole answer says whether any record needs it (almost never).
        """
        if b"\n" not in self.body and b"\r" not in self.body:
            return self.records
        return [bytes(raw).replace(b"\n", b" ").replace(b"\r", b" ") for raw in self.records]


#: An answer's top level in one pass: its arrays (the records) as the JSON sent, each item
#: on its own, and everything else decoded (integers of any size exact; a number beyond a
#: float's range fails here, and the answer is then decoded the usual way).
_TOP = msgspec.json.Decoder(
    dict[str, list[msgspec.Raw] | dict[str, Any] | str | int | float | bool | None]
)


@cache
def _stamps(items: str, record_id: str, time_field: str | None) -> msgspec.json.Decoder[Any]:
    """Reads each record's id (and ``time_field``) off a list answer, skipping the rest."""
    fields: list[tuple[str, Any, Any]] = [("key", Any, msgspec.UNSET)]
    rename = {"key": record_id}
    if time_field is not None:
        # A string or nothing: anything else fails here, and the page is then decoded the
        # usual way, where the record at fault is named. (Typed, it reads a third faster.)
        fields.append(("time", str | msgspec.UnsetType, msgspec.UNSET))
        rename["time"] = time_field
    # gc=False: a stamp holds decoded JSON, which cannot refer back to it, so it is never in
    # a cycle; a thousand objects the collector tracks would cost a collection a page.
    stamp = msgspec.defstruct("_Stamp", fields, rename=rename, gc=False)
    page = msgspec.defstruct("_Stamps", [("records", list[stamp])], rename={"records": items})  # type: ignore[valid-type]
    return msgspec.json.Decoder(page)


@cache
def _sent_decoder(items: str, record_id: str, time_field: str | None) -> Callable[[bytes], _Sent]:
    """Reads a list answer whose records sit under ``items`` into a :class:`_Sent`; raises
    (a msgspec error, LookupError) on anything else, which is then decoded the usual way."""
    stamps = None if time_field is None else _stamps(items, record_id, time_field)

    def decode(content: bytes) -> _Sent:
        head = _TOP.decode(content)
        records = head.pop(items)  # a page without them: KeyError
        if not isinstance(records, list):
            raise LookupError(items)
        for key, value in head.items():  # another array of the envelope: decoded too
            if isinstance(value, list):
                head[key] = list(map(decode_json, value))
        sent = _Sent(head, records, content)
        if stamps is not None:  # an export: every record an object (or this fails), and
            read = stamps.decode(content).records  # its id and time read in one pass
            sent.ids, sent.times = [stamp.key for stamp in read], [stamp.time for stamp in read]
        return sent

    return decode


def _sent_ids(sent: _Sent, items: str, record_id: str) -> list[object]:
    """The ids of a page read as sent; empty when a record has none (or is not an object)."""
    if sent.ids is None:
        try:
            read = _stamps(items, record_id, None).decode(sent.body).records
            sent.ids = [stamp.key for stamp in read]
        except msgspec.ValidationError:  # its model will say what is wrong with it
            sent.ids = []
    return [] if msgspec.UNSET in sent.ids else sent.ids


def _first_id(sent: _Sent, record_id: str) -> object:
    """The first record's id (msgspec.UNSET if there is none), decoding that record alone
    unless the ids were read with the page."""
    if sent.ids is not None:
        return sent.ids[0] if sent.ids else msgspec.UNSET
    try:
        first = decode_json(sent.records[0]) if sent.records else None
    except msgspec.DecodeError:
        return msgspec.UNSET
    return first.get(record_id, msgspec.UNSET) if isinstance(first, dict) else msgspec.UNSET


@dataclass(frozen=True)
class PageCursor:
    """Where a walk stands after a page: pass it back as ``list(..., resume=cursor)``.

    A finished walk has ``done=True`` and resumes to no records at all, so a checkpoint
    saved after the last page can never start the walk again by accident. Its fields are
    plain values (it round-trips through :meth:`to_dict`/:meth:`from_dict` as JSON).
    """

    #: The next page's number (``page_number=``, or ``page=`` for cXML lists).
    page_number: int | None = None
    #: The next page's token (``page_token=``).
    page_token: str | None = None
    #: Whether the walk is over: resuming from it yields nothing.
    done: bool = False

    def to_dict(self) -> dict[str, Any]:
        """The cursor as JSON-ready values."""
        return {"page_number": self.page_number, "page_token": self.page_token, "done": self.done}

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> PageCursor:
        """A cursor from :meth:`to_dict`'s output; ``ValueError`` if it has another shape."""
        if not isinstance(data, Mapping) or set(data) != {"page_number", "page_token", "done"}:
            raise ValueError(f"a page cursor has page_number, page_token and done: {data!r}")
        number, token, done = data["page_number"], data["page_token"], data["done"]
        if not (number is None or (type(number) is int and number >= 0)):
            raise ValueError(f"page_number must be a non-negative integer or null: {number!r}")
        if not (token is None or isinstance(token, str)) or type(done) is not bool:
            raise ValueError(f"page_token must be a string or null, done a boolean: {data!r}")
        return cls(number, token, done)


class Page(Generic[_ItemT]):
    """One page of a list: its records, and the cursor of the next page.

    A page from a walk builds its records from the JSON as they are read. Iterating a
    :class:`Paginator` builds each record just before yielding it, so one the loop is done
    with is freed at once instead of waiting, with a thousand others, for the garbage
    collector; :attr:`items` builds the whole list on first access. A record that does not
    match its model raises :class:`~signalwire_logs.APIResponseValidationError` when built.
    """

    __slots__ = (
        "_envelope",
        "_has_next",
        "_item_model",
        "_items",
        "_next",
        "_parse_response",
        "_raw_items",
        "_request",
        "_response",
        "_sent",
    )

    def __init__(
        self,
        items: list[_ItemT],
        response: Any,
        raw_items: list[Any] | None = None,
        envelope: Envelope = LINKS,
    ) -> None:
        self._items: list[_ItemT] | None = items
        self._raw_items: list[Any] | None = (
            [item.to_dict() for item in items] if raw_items is None else raw_items  # type: ignore[attr-defined]
        )
        self._sent: _Sent | None = None
        self._response = response
        self._parse_response: Callable[[], Any] | None = None
        self._item_model: type[Model] | None = None
        self._request: httpx.Request | None = None
        self._envelope = envelope
        link = envelope.next_link(response)
        self._next = link if isinstance(link, str) and link else None
        # A link that is there but unusable (a number, an object) still means "not done":
        # the walk raises PaginationError on it, and the cursor must not say the walk ended.
        self._has_next = link not in (None, UNSET, "")

    @classmethod
    def _lazy(
        cls,
        records: list[Any] | _Sent,
        head: Any,
        envelope: Envelope,
        item_model: type[Model],
        request: httpx.Request,
        parse_response: Callable[[], Any],
    ) -> Page[_ItemT]:
        """A page whose records are built as read; ``head`` is its envelope without them.
        ``records``: decoded, or kept as the JSON sent (each then decoded as it is built, all
        of them at once if :attr:`raw_items` is read first)."""
        sent, raw_items = (records, []) if isinstance(records, _Sent) else (None, records)
        page: Page[_ItemT] = cls([], head, raw_items, envelope)  # the next link is read off head
        page._items = None  # built from the records when wanted
        if sent is not None:
            page._raw_items = None  # decoded from sent.records when wanted
            page._sent = sent
        page._response = None  # parsed whole when wanted
        page._parse_response = parse_response
        page._item_model = item_model
        page._request = request
        return page

    @property
    def raw_items(self) -> list[Any]:
        """The records exactly as the server sent them (decoded JSON), e.g. to store them
        losslessly. Each is checked against its model when that is built."""
        if self._raw_items is None:
            assert self._sent is not None
            self._raw_items = [decode_json(record) for record in self._sent.records]
        return self._raw_items

    @property
    def items(self) -> list[_ItemT]:
        """The records of this page, as generated models (built on first access)."""
        if self._items is None:
            self._items = list(self._build_each())
        return self._items

    def _iter_items(self) -> Iterator[_ItemT]:
        """The records, each built as it is reached (unless :attr:`items` built them all)."""
        return iter(self._items) if self._items is not None else self._build_each()

    def _build_each(self) -> Iterator[_ItemT]:
        model, request = self._item_model, self._request
        assert model is not None and request is not None
        from_dict = model.from_dict
        raw: Any = None
        try:
            sent = self._sent
            if self._raw_items is None and sent is not None:  # decoded one by one
                # The ids are gathered on the way, for the walk's check of the next page.
                key, ids = self._envelope.record_id, list[object]()
                gather = ids.append
                for raw in sent.records:
                    record = decode_json(raw)
                    item = from_dict(record)
                    gather(record.get(key, msgspec.UNSET))  # a dict: from_dict took it
                    yield item  # type: ignore[misc]  # the paginator's item type
                if sent.ids is None:
                    sent.ids = ids
            else:
                for raw in self.raw_items:
                    yield from_dict(raw)  # type: ignore[misc]  # the paginator's item type
        except Exception as err:
            if isinstance(raw, msgspec.Raw):  # the error shows the record, decoded
                raw = decode_json(raw)
            raise mismatch(model, raw, request, err) from err

    @property
    def response(self) -> Any:
        """The whole list response as a generated model (its links, page numbers...)."""
        if self._response is None:
            assert self._parse_response is not None
            self._response = self._parse_response()
        return self._response

    @property
    def links(self) -> Any:
        """The ``links`` of an /api log list (``self``, ``first``, ``next``, ``prev``)."""
        return self.response.links

    @property
    def has_next_page(self) -> bool:
        """Whether the server announced a next page (even one the walk refuses to follow)."""
        return self._has_next

    @property
    def next_url(self) -> str | None:
        """The next page's URL as sent (``links.next`` or ``next_page_uri``); None at the end."""
        return self._next

    def _next_query(self) -> httpx.QueryParams:
        try:
            return httpx.URL(self._next).params if self._next else httpx.QueryParams()
        except httpx.InvalidURL:  # the walk raises PaginationError before following it
            return httpx.QueryParams()

    @property
    def next_page_token(self) -> str | None:
        """The cursor to resume after this page (pass it as ``page_token=``)."""
        token: str | None = self._next_query().get(self._envelope.token)
        return token

    @property
    def next_page_number(self) -> int | None:
        """The page number to resume at (pass it as ``page_number=``, or ``page=`` for cXML)."""
        value = self._next_query().get(self._envelope.number)
        return int(value) if value is not None and _is_ascii_int(value) else None

    @property
    def cursor(self) -> PageCursor:
        """The checkpoint after this page: ``list(..., resume=page.cursor)`` continues the
        walk with the next page, or yields nothing once this was the last page."""
        if not self.has_next_page:
            return PageCursor(done=True)
        return PageCursor(self.next_page_number, self.next_page_token)

    def to_arrow(self, *, unknown: Literal["json", "columns"] = "json") -> pyarrow.Table:
        """This page's records as one typed Arrow table (needs ``signalwire-logs[parquet]``).

        The columns are those of :func:`signalwire_logs.arrow.schema_for`, read from the
        records as sent; each record is first checked against its model. ``unknown`` says
        where fields the spec does not document go (see :func:`signalwire_logs.arrow.to_arrow`).

        Raises:
            APIResponseValidationError: a record does not match its model or its column.
        """
        from .arrow import to_arrow  # pyarrow is an optional extra

        model: type[Any] | None = self._item_model
        items = self._iter_items()  # builds, so checks, each record
        for item in items:
            model = model or type(item)
        if model is None:  # an empty page built from models: its type is all there is
            raise ValueError("An empty page built from a list of models has no schema.")
        try:
            return to_arrow(self.raw_items, model, unknown=unknown)
        except ValueError as err:
            if self._request is None:  # a page made by hand: no response to blame
                raise
            raise mismatch(model, self.raw_items, self._request, err) from err

    def _invalid(self, model: type[Any], raw: Any, error: Exception) -> Exception:
        """What ``error``, raised by reading ``raw`` (one of :attr:`raw_items`), means: the
        response does not match ``model`` (or, on a page made by hand, ``error`` itself)."""
        if self._request is None:
            return error
        return mismatch(model, raw, self._request, error)

    def __len__(self) -> int:
        if self._raw_items is None and self._sent is not None:
            return len(self._sent.records)
        return len(self.raw_items)

    def __repr__(self) -> str:
        return f"Page(items={len(self)}, next_page_token={self.next_page_token!r})"


def _is_ascii_int(value: str) -> bool:
    # str.isdigit() accepts superscripts, which int() refuses, and other scripts' digits.
    return value.isascii() and value.isdigit()


class _Walk(Generic[_ItemT]):
    """The no-I/O state of one walk: what to request next, and when to stop."""

    def __init__(self, paginator: BasePaginator[_ItemT], *, time_field: str | None = None) -> None:
        self.client = paginator._client
        self.operation = paginator._operation
        self.model = paginator._model
        self.item_model = paginator._item_model
        self.envelope = paginator._envelope
        self.extra_query = paginator._extra_query
        #: Reads each answer with its records kept as the JSON sent (see _Sent); time_field:
        #: each record's value of it is read too (for an export's windows).
        self.decode = _sent_decoder(self.envelope.items, self.envelope.record_id, time_field)
        self.remaining = paginator._limit
        self._params = paginator._params
        # Only what the next request needs: holding the whole page would keep its thousands
        # of objects alive while the next one is parsed, for the garbage collector to sweep.
        # A walk resumed from a finished cursor has nothing left: it counts as started
        # with no next link, so it requests nothing.
        self._started = paginator._done
        #: What following the last page's next link gives: the next request's parameters,
        #: None at the end, or the PaginationError to raise when the next page is wanted.
        self._next: dict[str, Any] | PaginationError | None = None
        #: The ids of the last page's records (at most a page's worth, so memory stays flat).
        #: The last page's ids, when the repeated-page check needs them (see _check_progress).
        self._last_ids: Callable[[], list[object]] | None = None
        self._empty_in_a_row = 0
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
        if self._next is None or (self.remaining is not None and self.remaining <= 0):
            return None
        if isinstance(self._next, PaginationError):
            raise self.client._redacted(self._next)
        self._params = self._next
        return self._params

    def page(self, request: httpx.Request, body: object) -> Page[_ItemT]:
        """Record a fetched page, from its decoded JSON."""
        name = self.envelope.items
        if isinstance(body, _Sent):
            head = self.client._parse(self.model, {**body.head, name: []}, request)
            page: Page[_ItemT] = Page._lazy(
                body,
                head,
                self.envelope,
                self.item_model,
                request,
                # Not a closure over the page: a cycle would free each page (and its body)
                # only when the garbage collector ran, not when the walk moved on.
                partial(_parse_sent, self.model, body, name, request),
            )
            key = self.envelope.record_id
            ids = partial(_sent_ids, body, name, key)
            return self._after(page, head, len(body.records), _first_id(body, key), ids)
        raw = body.get(name) if isinstance(body, dict) else None
        if not isinstance(body, dict) or not isinstance(raw, list):
            head = self.client._parse(self.model, body, request)  # says what is wrong, or
            page = Page(getattr(head, name), head, None, self.envelope)  # is a page
        else:
            # The envelope is checked now (links, page numbers); its records are built as
            # they are read. The whole model is parsed only if page.response is asked for.
            head = self.client._parse(self.model, {**body, name: []}, request)
            page = Page._lazy(
                raw,
                head,
                self.envelope,
                self.item_model,
                request,
                partial(parse_model, self.model, body, request),
            )
        read = _ids(page.raw_items, self.envelope.record_id)
        first = read[0] if read else msgspec.UNSET
        return self._after(page, head, len(page.raw_items), first, lambda: read)

    def _after(
        self,
        page: Page[_ItemT],
        head: Any,
        count: int,
        first: object,
        ids: Callable[[], list[object]],
    ) -> Page[_ItemT]:
        """Check a page of ``count`` records (the first one's id, and all their ids when
        asked), and learn from its envelope (``head``) the way on."""
        self._check_progress(count, first, ids)
        # Followed now, raised (if it cannot be) only when the next page is wanted.
        try:
            self._next = self._follow(self.envelope.next_link(head))
        except PaginationError as err:
            self._next = err
        if self.remaining is not None:
            self.remaining -= len(page)
        return page

    def _check_progress(self, count: int, first: object, ids: Callable[[], list[object]]) -> None:
        """Refuse a page of ``count`` records that cannot be right, before it reaches the
        caller. ``first``: its first record's id (msgspec.UNSET if none); ``ids()``: all of
        them, or empty when one has none. All ids are read only when the first one repeats
        one of the last page's (which a walk gathers as it builds them, so a usual page
        costs no pass over its records)."""
        size = self._params.get(self.envelope.cursor[self.envelope.size][0]) or PAGE_SIZE_MAX
        if count > size:
            raise PaginationError(
                f"The server sent {count:,} records for a page of at most {size}."
            )
        last = self._last_ids() if self._last_ids is not None else []
        if first is not msgspec.UNSET and first in last:
            current = ids()
            if current and _all_in(current, last):
                raise PaginationError(
                    f"The server sent the previous page's {count} records again under a "
                    "new cursor: stopping rather than walking in place."
                )
        self._last_ids = ids
        self._empty_in_a_row = 0 if count else self._empty_in_a_row + 1
        if self._empty_in_a_row > MAX_EMPTY_PAGES_IN_A_ROW:
            raise PaginationError(
                f"More than {MAX_EMPTY_PAGES_IN_A_ROW} empty pages in a row, each with a next "
                "link: stopping rather than walking on forever."
            )

    def _follow(self, next_link: object) -> dict[str, Any] | None:
        """The next request's parameters from a page's next link; None when there is none."""
        if next_link is None or next_link is UNSET or next_link == "":
            return None
        if not isinstance(next_link, str):
            raise PaginationError(
                f"The next page's link is not a URL but a {type(next_link).__name__}: "
                f"{_preview(next_link)}"
            )
        base = self.client.base_url
        try:
            url = base.join(next_link)  # a cXML next_page_uri is a path: relative to the Space
        except httpx.InvalidURL as err:
            raise PaginationError(
                f"The next page's link is not a valid URL ({err}): {_preview(next_link)}"
            ) from None
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


def _parse_sent(model: type[Model], sent: _Sent, items: str, request: httpx.Request) -> Any:
    """The whole list response of a page read as sent, as ``model``."""
    return parse_model(model, {**sent.head, items: list(map(decode_json, sent.records))}, request)


def _ids(records: list[Any], key: str) -> list[object]:
    """Each record's id, in order; empty when a record has none (its model will say so)."""
    try:
        return list(map(itemgetter(key), records))  # the cheap way, on every page
    except (TypeError, KeyError, IndexError):
        return []


def _all_in(ids: list[object], previous: list[object]) -> bool:
    # Reached only when the first id repeats, so the usual page costs no set at all.
    try:
        return frozenset(ids) <= frozenset(previous)
    except TypeError:  # an id that is a list or an object: not an id to compare
        return False


def _as_int(name: str, value: str) -> int:
    if not _is_ascii_int(value):
        raise PaginationError(f"The next page's link carries a non-integer {name}: {value!r}")
    return int(value)


def _preview(value: object) -> str:
    text = repr(value)
    return text if len(text) <= 200 else text[:200] + "…"


class SyncPageIterator(Generic[_ItemT]):
    """The pages of a walk on :class:`~signalwire_logs.SignalWireLogs`; iterate with ``for``."""

    def __init__(self, walk: _Walk[_ItemT]) -> None:
        self._walk = walk

    def __iter__(self) -> Iterator[Page[_ItemT]]:
        walk = self._walk
        client = walk.client
        if not isinstance(client, SyncAPIClient):  # only if the types were ignored
            raise TypeError("This list belongs to an async client: use `async for`.")
        while (params := walk.next_params()) is not None:
            request, body = client._fetch(walk.operation, params, walk.extra_query, walk.decode)
            yield walk.page(request, body)


class AsyncPageIterator(Generic[_ItemT]):
    """The pages of a walk on :class:`~signalwire_logs.AsyncSignalWireLogs`; use ``async for``."""

    def __init__(self, walk: _Walk[_ItemT]) -> None:
        self._walk = walk

    async def __aiter__(self) -> AsyncIterator[Page[_ItemT]]:
        walk = self._walk
        client = walk.client
        if not isinstance(client, AsyncAPIClient):  # only if the types were ignored
            raise TypeError("This list belongs to a sync client: use `for`, not `async for`.")
        while (params := walk.next_params()) is not None:
            request, body = await client._fetch(
                walk.operation, params, walk.extra_query, walk.decode
            )
            yield walk.page(request, body)


class BasePaginator(Generic[_ItemT]):
    """What both paginators share, with no I/O: the list call's arguments and ``limit``.

    ``limit`` caps the items yielded; ``pages()`` yields whole pages and stops after the page
    that reaches it.
    """

    def __init__(
        self,
        client: BaseClient[Any],
        operation: ModuleType,
        model: type[Model],
        item_model: type[Model],
        params: dict[str, Any],
        limit: int | None = None,
        *,
        envelope: Envelope = LINKS,
        extra_query: Mapping[str, str] | None = None,
        done: bool = False,
    ) -> None:
        self._client = client
        self._done = done
        self._operation = operation
        self._model = model
        self._item_model = item_model
        self._params = params
        self._limit = limit
        self._envelope = envelope
        self._extra_query = extra_query

    def _items_of(
        self, page: Page[_ItemT], remaining: int | None
    ) -> tuple[Iterator[_ItemT], int | None]:
        """The items of ``page`` to yield, and how many ``limit`` leaves after them."""
        items = page._iter_items()
        if remaining is None:
            return items, None
        return islice(items, remaining), remaining - min(remaining, len(page))

    def __repr__(self) -> str:
        name = self._operation.__name__.rsplit(".", 1)[-1]
        return f"{type(self).__name__}({name}, limit={self._limit})"


class SyncPaginator(BasePaginator[_ItemT]):
    """Every item of a list on :class:`~signalwire_logs.SignalWireLogs`, fetched lazily page
    by page: iterate it with ``for``."""

    def pages(self) -> SyncPageIterator[_ItemT]:
        """The pages, one request each; every call starts a new walk."""
        return SyncPageIterator(_Walk(self))

    def _pages_with_times(self, time_field: str) -> SyncPageIterator[_ItemT]:
        """The pages, each with its records' ``time_field`` read (for an export)."""
        return SyncPageIterator(_Walk(self, time_field=time_field))

    def __iter__(self) -> Iterator[_ItemT]:
        remaining = self._limit
        for page in self.pages():
            items, remaining = self._items_of(page, remaining)
            yield from items


class AsyncPaginator(BasePaginator[_ItemT]):
    """Every item of a list on :class:`~signalwire_logs.AsyncSignalWireLogs`, fetched lazily
    page by page: iterate it with ``async for``."""

    def pages(self) -> AsyncPageIterator[_ItemT]:
        """The pages, one request each; every call starts a new walk."""
        return AsyncPageIterator(_Walk(self))

    def _pages_with_times(self, time_field: str) -> AsyncPageIterator[_ItemT]:
        """The pages, each with its records' ``time_field`` read (for an export)."""
        return AsyncPageIterator(_Walk(self, time_field=time_field))

    async def __aiter__(self) -> AsyncIterator[_ItemT]:
        remaining = self._limit
        async for page in self.pages():
            items, remaining = self._items_of(page, remaining)
            for item in items:
                yield item
