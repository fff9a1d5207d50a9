"""One list answer, cut once from its bytes: `PageBody`.

A page's body is read once, where it arrives: its envelope (links, page numbers) decoded, and
each record kept as the JSON the server sent. Everything else reads from there, as it needs
it: the walk the first record's id and, rarely, all of them (to notice a page that repeats
the one before); iteration each record decoded and built just before the caller gets it; an
export the records' times (read with their ids, in one pass) and the records as JSON lines.

Two cutters, one result. msgspec cuts the usual answer in one pass, each record a view of the
answer's bytes. What it refuses (a lone surrogate escape such as ``"\\ud800"``, ``NaN``, a
charset other than UTF-8) is cut by walking the answer's text with the json module and
slicing each record out of it: one record msgspec cannot read never changes how the others
are cut, and every record is the bytes sent whichever cutter ran (re-encoded as UTF-8 only
when the answer came in another charset). A record is decoded on its own, by msgspec or, for
what msgspec refuses (``1e400`` passes the cut but not a decode), by the json module; a
record its model refuses is reported where it is built.
"""

from __future__ import annotations

import codecs
import json
import re
from collections.abc import Callable, Iterator
from functools import cache
from typing import Any, TypeVar

import msgspec

__all__ = ["NotAPage", "PageBody", "cut_page", "decode_json", "decode_record"]

_T = TypeVar("_T")

#: msgspec reads integers of any size exactly (orjson turns one past 64 bits into a float,
#: silently, and guarding against that cost a scan of every body: ~0.4 ms a page of 1,000).
decode_json = msgspec.json.Decoder().decode

#: An answer's top level in one pass: its arrays as the JSON sent, each item on its own, and
#: everything else decoded (integers of any size exact).
_TOP = msgspec.json.Decoder(
    dict[str, list[msgspec.Raw] | dict[str, Any] | str | int | float | bool | None]
)

#: The json module's scanner, for what msgspec refuses; strict: no raw control character in
#: a string (as msgspec), so a record never holds a raw line break inside a string.
_JSON = json.JSONDecoder()
_SPACE = re.compile(r"[ \t\n\r]*")


def decode_record(raw: msgspec.Raw | bytes) -> Any:
    """One record's JSON, decoded by msgspec, or by the json module when msgspec refuses it
    (a lone surrogate escape, NaN, a number beyond a float's range)."""
    try:
        return decode_json(raw)
    except msgspec.DecodeError:
        return json.loads(bytes(raw))


class NotAPage(ValueError):
    """A JSON answer that is not a list answer: no array under the records' key."""

    def __init__(self, data: object) -> None:
        super().__init__("The answer holds no array of records.")
        #: The answer, decoded.
        self.data = data


def cut_page(content: bytes, items: str, record_id: str, charset: str | None = None) -> PageBody:
    """Cut a list answer whose records sit under ``items`` into a `PageBody`.

    Args:
        content: The answer's bytes.
        items: The key of the records' array (``"data"``, ``"messages"``).
        record_id: The key of a record's id (``"id"``, ``"sid"``).
        charset: The answer's declared charset (UTF-8 when None); matters only for an
            answer msgspec refuses.

    Raises:
        NotAPage: the answer is JSON of another shape (its decoded value attached).
        ValueError: the answer is not JSON.
    """
    try:
        if not _is_utf8(charset):  # msgspec would keep the records' bytes in that charset
            raise msgspec.DecodeError(charset)
        top = _TOP.decode(content)
    except (msgspec.DecodeError, RecursionError):  # not msgspec's JSON: the json module's
        head, records = _cut_text(_text(content, charset), items)
    else:
        found = top.pop(items, None)
        if not isinstance(found, list):
            raise NotAPage(decode_record(content))
        for key, value in top.items():  # another array of the envelope: decoded too
            if isinstance(value, list):
                top[key] = list(map(decode_record, value))
        head, records = top, found
    return PageBody(head, records, content, items, record_id)


def _is_utf8(charset: str | None) -> bool:
    if charset is None:
        return True
    try:
        return codecs.lookup(charset).name == "utf-8"
    except LookupError:  # an unknown charset: read as UTF-8, like one not declared
        return True


def _text(content: bytes, charset: str | None) -> str:
    try:
        return content.decode(charset or "utf-8")
    except (LookupError, ValueError):  # an unknown or lying charset
        return content.decode("utf-8", errors="replace")


def _skip(text: str, at: int) -> int:
    """Where the first character at or after ``at`` that is not JSON white space is."""
    match = _SPACE.match(text, at)
    assert match is not None  # the pattern matches the empty string too
    return match.end()


def _cut_text(text: str, items: str) -> tuple[dict[str, Any], list[msgspec.Raw]]:
    """The envelope decoded and each record's text (re-encoded as UTF-8), walking the top
    object with the json module; raises NotAPage or ValueError (as json.loads would)."""
    scan = _JSON.raw_decode
    at = _skip(text, 0)
    if not text.startswith("{", at):
        raise NotAPage(_JSON.decode(text))
    head: dict[str, Any] = {}
    records: list[msgspec.Raw] | None = None
    at = _skip(text, at + 1)
    if text.startswith("}", at):
        at += 1
    else:
        while True:
            key, at = scan(text, at)
            at = _skip(text, at)
            if not isinstance(key, str) or not text.startswith(":", at):
                raise ValueError(f"Not a JSON object member at character {at}")
            at = _skip(text, at + 1)
            if key == items and text.startswith("[", at):
                records, at = _cut_array(text, at)
            else:
                head[key], at = scan(text, at)
                if key == items:  # a repeated key: the last one counts, as in json.loads
                    records = None
            at = _skip(text, at)
            if text.startswith("}", at):
                at += 1
                break
            if not text.startswith(",", at):
                raise ValueError(f"Expecting ',' or '}}' at character {at}")
            at = _skip(text, at + 1)
    if _skip(text, at) != len(text):
        raise ValueError(f"Extra data at character {at}")
    if records is None:
        raise NotAPage(head)
    head.pop(items, None)
    return head, records


def _cut_array(text: str, at: int) -> tuple[list[msgspec.Raw], int]:
    """Each item of the array opening at ``at``, as the text sent; and where it ends."""
    scan = _JSON.raw_decode
    records: list[msgspec.Raw] = []
    at = _skip(text, at + 1)
    if text.startswith("]", at):
        return records, at + 1
    while True:
        _, end = scan(text, at)
        records.append(msgspec.Raw(text[at:end].encode()))
        at = _skip(text, end)
        if text.startswith("]", at):
            return records, at + 1
        if not text.startswith(",", at):
            raise ValueError(f"Expecting ',' or ']' at character {at}")
        at = _skip(text, at + 1)


@cache
def _stamps(items: str, record_id: str, time_field: str | None) -> msgspec.json.Decoder[Any]:
    """Reads each record's id (and ``time_field``) off a list answer, skipping the rest."""
    fields: list[tuple[str, Any, Any]] = [("key", Any, msgspec.UNSET)]
    rename = {"key": record_id}
    if time_field is not None:
        # A string or nothing: anything else fails here, and the records are then read one
        # by one. (Typed, it reads a third faster.)
        fields.append(("time", str | msgspec.UnsetType, msgspec.UNSET))
        rename["time"] = time_field
    # gc=False: a stamp holds decoded JSON, which cannot refer back to it, so it is never in
    # a cycle; a thousand objects the collector tracks would cost a collection a page.
    stamp = msgspec.defstruct("_Stamp", fields, rename=rename, gc=False)
    page = msgspec.defstruct("_Stamps", [("records", list[stamp])], rename={"records": items})  # type: ignore[valid-type]
    return msgspec.json.Decoder(page)


#: Marks the first record as not decoded yet (None is a record's value).
_NOT_READ: Any = object()


class PageBody:
    """One list answer, cut once: the envelope decoded and each record as the server sent it.

    Built by the walk from an answer's bytes (`cut_page()`), read through
    `body`. Every record is the exact bytes sent,
    whatever the cutter: a record one decoder refuses never changes how its neighbours are
    cut or written.
    """

    __slots__ = (
        "_content",
        "_first",
        "_ids",
        "_items",
        "_record_id",
        "_time_field",
        "_times",
        "head",
        "records",
    )

    def __init__(
        self,
        head: dict[str, Any],
        records: list[msgspec.Raw],
        content: bytes,
        items: str,
        record_id: str,
    ) -> None:
        #: The envelope as decoded JSON, without the records (links, page numbers...).
        self.head = head
        #: Each record exactly as sent: a bytes-like view of the answer (UTF-8 JSON).
        self.records = records
        self._content = content  # every record above is a view of it (no extra memory)
        self._items = items
        self._record_id = record_id
        #: Each record's id (msgspec.UNSET where it has none), once read.
        self._ids: list[Any] | None = None
        self._time_field: str | None = None
        self._times: list[Any] = []
        self._first: Any = _NOT_READ  # the first record decoded, for first_id and models

    def lines(self) -> list[msgspec.Raw] | list[bytes]:
        """The records as sent, each on one line (for JSON lines).

        A record sent over several lines is the one exception: JSON strings cannot hold a
        raw line break, so each one is white space between tokens, and a space is as good.
        One look at the whole answer says whether any record needs it (almost never).
        """
        if b"\n" not in self._content and b"\r" not in self._content:
            return self.records
        return [bytes(raw).replace(b"\n", b" ").replace(b"\r", b" ") for raw in self.records]

    def ids(self) -> list[Any]:
        """Each record's id (``msgspec.UNSET`` where a record has none or is not an object),
        read once; gathered on the way when `models()` built every record."""
        if self._ids is None:
            self._ids = self._stamps(None)[0]
        return self._ids

    def times(self, field: str) -> list[Any]:
        """Each record's value of ``field`` (read with the ids, in one pass, and kept).

        The string sent, or ``msgspec.UNSET`` where a record has none; when some record's
        value is not a string (or a record is one msgspec refuses), the records are read one
        by one and each value is what it decodes to, so the caller's own check of it names
        the record at fault.
        """
        if self._time_field != field:
            self._ids, self._times = self._stamps(field)
            self._time_field = field
        return self._times

    def _stamps(self, field: str | None) -> tuple[list[Any], list[Any]]:
        try:
            read = _stamps(self._items, self._record_id, field).decode(self._content).records
        except (msgspec.DecodeError, RecursionError):  # ValidationError is a DecodeError
            read = None
        if read is None or len(read) != len(self.records):
            return self._stamps_one_by_one(field)
        times = [stamp.time for stamp in read] if field is not None else []
        return [stamp.key for stamp in read], times

    def _stamps_one_by_one(self, field: str | None) -> tuple[list[Any], list[Any]]:
        ids: list[Any] = []
        times: list[Any] = []
        for raw in self.records:
            record = decode_record(raw)
            if not isinstance(record, dict):
                record = {}
            ids.append(record.get(self._record_id, msgspec.UNSET))
            if field is not None:
                times.append(record.get(field, msgspec.UNSET))
        return ids, times

    def where(self, field: str, values: frozenset[str]) -> PageBody:
        """This answer with only the records whose ``field`` is one of ``values`` (a filter
        the client applies where the API has none), each still as sent; the envelope as is."""
        found = self.times(field)
        kept = [
            raw
            for raw, value in zip(self.records, found, strict=True)
            if isinstance(value, str) and value in values
        ]
        if len(kept) == len(self.records):
            return self
        # The whole answer stays the content: lines() looks at it for line breaks.
        return PageBody(self.head, kept, self._content, self._items, self._record_id)

    def first_id(self) -> Any:
        """The first record's id (``msgspec.UNSET`` if there is none), decoding that record
        alone, once (`models()` builds it from that decoding), unless the ids were read."""
        if self._ids is not None:
            return self._ids[0] if self._ids else msgspec.UNSET
        if not self.records:
            return msgspec.UNSET
        if self._first is _NOT_READ:
            try:
                self._first = decode_record(self.records[0])
            except (ValueError, RecursionError):  # reported where the record is built
                return msgspec.UNSET
        if not isinstance(self._first, dict):
            return msgspec.UNSET
        return self._first.get(self._record_id, msgspec.UNSET)

    def decoded(self) -> list[Any]:
        """Every record decoded (a new list each call: the caller keeps it if it wants)."""
        try:
            return list(map(decode_json, self.records))
        except msgspec.DecodeError:  # one msgspec refuses: each by whichever reads it
            return list(map(decode_record, self.records))

    def models(
        self, build: Callable[[Any], _T], invalid: Callable[[Any, Exception], Exception]
    ) -> Iterator[_T]:
        """Each record decoded and built by ``build``, one at a time, just before the caller
        gets it; the ids are gathered on the way (see `ids()`).

        Decoding each record just before it is built, rather than the whole page first,
        keeps it in cache (a walk of 1,000-record pages took a third less CPU this way), and
        the caller's loop frees each model it is done with at once.

        Args:
            build: Makes a model of one decoded record (a generated model's ``from_dict``).
            invalid: What to raise for a record ``build`` (or its decoding) refuses, given
                the record (decoded if it can be) and the error.
        """
        key, ids = self._record_id, list[Any]()
        gather = ids.append
        records = iter(self.records)
        raw: Any = None
        try:
            if self._first is not _NOT_READ:  # decoded already, by first_id
                raw, first, self._first = next(records), self._first, _NOT_READ
                item = build(first)
                gather(first.get(key, msgspec.UNSET))  # a dict: build took it
                yield item
            for raw in records:
                try:
                    record = decode_json(raw)
                except msgspec.DecodeError:
                    record = json.loads(bytes(raw))
                item = build(record)
                gather(record.get(key, msgspec.UNSET))
                yield item
        except Exception as err:
            raise invalid(_shown(raw), err) from err
        if self._ids is None:
            self._ids = ids

    def __len__(self) -> int:
        return len(self.records)

    def __repr__(self) -> str:
        return f"PageBody(records={len(self.records)}, head={sorted(self.head)!r})"


def _shown(raw: Any) -> Any:
    """A record for an error: decoded if it can be, else its text."""
    if not isinstance(raw, msgspec.Raw | bytes):
        return raw
    try:
        return decode_record(raw)
    except (ValueError, RecursionError):
        return bytes(raw).decode(errors="replace")
