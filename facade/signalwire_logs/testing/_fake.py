"""The fake API: request in, reply out, with no I/O of its own."""

from __future__ import annotations

import base64
import datetime
import functools
import hashlib
import json
import re
import threading
import zlib
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlencode

import httpx

from .._client import AsyncSignalWireLogs, SignalWireLogs
from .._families import CXML, LOG_FAMILIES, LogFamily
from ._data import (
    NEWEST,
    SPAN,
    ConferenceLogs,
    DataSet,
    FaxLogs,
    MessageLogs,
    VideoLogs,
    VoiceLogs,
)
from ._faults import (
    HTML,
    BadJSON,
    Bomb,
    Delay,
    Drop,
    Empty,
    Endless,
    Fault,
    NotGzip,
    Redirect,
    Reset,
    Status,
    Trickle,
    Truncate,
    fault_from_dict,
)
from ._live import live_status
from ._transport import FakeTransport, Reply, serve

#: The base URL of in-process clients; nothing is ever sent there.
IN_PROCESS_URL = "https://fake.signalwire.com"

DEFAULT_PROJECT_ID = "9b0f3c9e-6d2a-4a51-9d3b-2f6c1a7e4b10"
DEFAULT_API_TOKEN = "PTfake-token-for-the-local-fake-server"
CONTROL_PATH = "/__fake__/faults"

_REASONS = {
    400: "Bad Request",
    401: "Unauthorized",
    403: "Forbidden",
    404: "Not Found",
    422: "Unprocessable Entity",
    429: "Too Many Requests",
    500: "Internal Server Error",
    502: "Bad Gateway",
    503: "Service Unavailable",
    504: "Gateway Timeout",
}
_ERROR_DOCS = "https://signalwire.com/docs/apis/error-codes"
#: The cXML message list's path (the registry's), with its AccountSid captured.
_CXML_LIST = re.escape(CXML.path).replace(re.escape("{account_sid}"), "(?P<account>[^/]+)")
_CXML_MESSAGE = re.compile(rf"^{_CXML_LIST}/(?P<sid>[^/]+?)(?:\.json)?$")
_CXML_MESSAGES = re.compile(rf"^{_CXML_LIST}(?:\.json)?$")
_CXML_PREFIX = "/api/laml/"
_CXML_ERROR_DOCS = "https://signalwire.com/docs/compatibility-api/reference/errors"
#: The cXML API's error codes for the statuses the fake answers with.
_CXML_CODES = {400: 20001, 401: 20003, 404: 20404, 422: 20001, 429: 20429}


@functools.cache
def _bomb(inflated: int) -> bytes:
    """``inflated`` bytes of white space, gzipped (about 1,000 to 1), made once."""
    packer = zlib.compressobj(9, zlib.DEFLATED, zlib.MAX_WBITS | 16)
    block = b" " * (1 << 20)
    parts = [
        packer.compress(block[: min(len(block), inflated - done)])
        for done in range(0, inflated, len(block))
    ]
    return b"".join([*parts, packer.flush()])


def _json(status: int, body: Any, **headers: str) -> Reply:
    return Reply(status, json.dumps(body).encode(), {"content-type": "application/json", **headers})


def _error(status: int, path: str = "") -> Reply:
    return _json(status, _error_body(status, path))


def _error_body(status: int, path: str, message: str | None = None) -> dict[str, Any]:
    """The error body of the API a path belongs to: cXML's flat one, or /api's."""
    reason = _REASONS.get(status, "Error")
    if path.startswith(_CXML_PREFIX):
        return {
            "code": _CXML_CODES.get(status, 20500),
            "message": message or reason,
            "more_info": _CXML_ERROR_DOCS,
            "status": status,
        }
    return {"error": reason}


def _validation_error(attribute: str, code: str, message: str) -> dict[str, Any]:
    return {
        "type": "validation_error",
        "code": code,
        "message": message,
        "attribute": attribute,
        "url": _ERROR_DOCS,
    }


@dataclass
class _Armed:
    fault: Fault
    times: int
    path: str | None
    after: int


class _Invalid(Exception):
    def __init__(self, errors: list[dict[str, Any]]) -> None:
        self.errors = errors


class _CxmlInvalid(Exception):
    """A bad cXML query: answered 400 with the cXML error body."""


def _parse_moment(name: str, value: str) -> datetime.datetime:
    try:
        if len(value) == 10:
            return datetime.datetime.combine(
                datetime.date.fromisoformat(value), datetime.time(), datetime.UTC
            )
        moment = datetime.datetime.fromisoformat(value)
    except ValueError:
        raise _Invalid(
            [_validation_error(name, "datetime_required", "This value must be a DateTime")]
        ) from None
    return moment if moment.tzinfo else moment.replace(tzinfo=datetime.UTC)


def _int(params: httpx.QueryParams, name: str, default: int, low: int, high: int | None) -> int:
    raw = params.get(name)
    if raw is None:
        return default
    if not raw.isdigit() or int(raw) < low or (high is not None and int(raw) > high):
        bounds = f"between {low} and {high}" if high is not None else f"at least {low}"
        raise _Invalid([_validation_error(name, "invalid_parameter", f"Must be {bounds}")])
    return int(raw)


class FakeSignalWire:
    """A deterministic stand-in for SignalWire's log endpoints.

    Args:
        message_logs: How many message logs it holds (a LaML one has a cXML message).
        fax_logs: How many fax logs it holds.
        voice_logs: How many voice logs (calls, each with its events) it holds.
        video_logs: How many video logs it holds.
        conference_logs: How many conference logs it holds.
        seed: Changes every generated record; the same seed gives the same data.
        project_id: The project ID it accepts (also the cXML AccountSid).
        api_token: The API token it accepts. The defaults are not secrets.
        latency: Seconds to wait before every API answer.
        cache: Answer a repeated request with the same bytes from memory (for benchmarks:
            the fake then costs next to nothing, so a client's own cost shows).
        bursty: Put 80% of each family's records in the middle 10% of its six weeks (real
            traffic is bursty; equal time windows then hold very unequal shares).
        now: Only records created at or before this moment exist (default: all of them).
            Move :attr:`now` forward to make newer records appear, as a live Space would.
        live: Young records are still on their way: a message shows `queued`, then
            `sent`, before its final status, a call `in-progress` before `completed`
            (ages counted at `now`). Without `now`, the clock starts half-way
            through the data (half the records are still to come); move it with
            `advance`, or give `clock`.
        clock: Read before every answer to set `now` (`fake-server --live` runs it
            from the wall clock); None: `now` moves only when told.

    Use it in-process through `transport()` (or `client()`), or over loopback HTTP
    through `serve()`. Faults are armed with `inject()`; `update()` changes a
    record after the fact (a message delivered, a call ended), as SignalWire does.
    """

    def __init__(
        self,
        *,
        message_logs: int = 250,
        fax_logs: int = 120,
        voice_logs: int = 150,
        video_logs: int = 60,
        conference_logs: int = 60,
        seed: int = 0,
        project_id: str = DEFAULT_PROJECT_ID,
        api_token: str = DEFAULT_API_TOKEN,
        latency: float = 0.0,
        cache: bool = False,
        bursty: bool = False,
        now: datetime.datetime | None = None,
        live: bool = False,
        clock: Callable[[], datetime.datetime] | None = None,
    ) -> None:
        self.project_id = project_id
        self._api_token = api_token
        self.seed = seed
        self.latency = latency
        #: Records created after this moment are not there yet (None: all of them are).
        self.now = now
        self.messages = MessageLogs(1, message_logs, seed, bursty=bursty)
        self.faxes = FaxLogs(2, fax_logs, seed, bursty=bursty)
        self.voice = VoiceLogs(3, voice_logs, seed, bursty=bursty)
        self.video = VideoLogs(4, video_logs, seed, bursty=bursty)
        self.conferences = ConferenceLogs(5, conference_logs, seed, bursty=bursty)
        self.live = live
        self.clock = clock
        if live and now is None:
            self.now = NEWEST - SPAN / 2
        #: List path -> the family (a get at path/{id} if it has one) and its records, the
        #: data set above named after it.
        self._families: dict[str, tuple[LogFamily, DataSet]] = {
            family.path: (family, getattr(self, family.name)) for family in LOG_FAMILIES
        }
        self._expected_auth = "Basic " + base64.b64encode(
            f"{project_id}:{api_token}".encode()
        ).decode("ascii")
        self._faults: list[_Armed] = []
        #: (family, index) -> fields changed by update(), laid over the generated record.
        self._changes: dict[tuple[int, int], dict[str, Any]] = {}
        self._cache: dict[str, bytes] | None = {} if cache else None
        self._lock = threading.Lock()
        #: Every API request answered, as (method, path with query), oldest first.
        self.requests: list[tuple[str, str]] = []

    def __repr__(self) -> str:
        return (
            f"FakeSignalWire(message_logs={self.messages.count}, fax_logs={self.faxes.count}, "
            f"voice_logs={self.voice.count}, video_logs={self.video.count}, "
            f"conference_logs={self.conferences.count}, seed={self.seed})"
        )

    @property
    def api_token(self) -> str:
        """The token this fake accepts (a fixed, public test value by default)."""
        return self._api_token

    # -- ways in ----------------------------------------------------------------------------

    def transport(self) -> FakeTransport:
        """An httpx transport serving this fake in-process (sync and async clients)."""
        return FakeTransport(self)

    def client(self, **options: Any) -> SignalWireLogs:
        """A sync client wired to this fake in-process; ``options`` go to the client."""
        return SignalWireLogs(
            project_id=self.project_id,
            api_token=self._api_token,
            base_url=IN_PROCESS_URL,
            http_client=httpx.Client(transport=self.transport()),
            **options,
        )

    def async_client(self, **options: Any) -> AsyncSignalWireLogs:
        """An async client wired to this fake in-process; ``options`` go to the client."""
        return AsyncSignalWireLogs(
            project_id=self.project_id,
            api_token=self._api_token,
            base_url=IN_PROCESS_URL,
            http_client=httpx.AsyncClient(transport=self.transport()),
            **options,
        )

    @contextmanager
    def serve(self, host: str = "127.0.0.1", port: int = 0) -> Iterator[str]:
        """Serve over loopback HTTP for the duration of a ``with`` block; yields the base URL."""
        with serve(self, host, port) as url:
            yield url

    # -- changes ----------------------------------------------------------------------------

    def update(self, log_id: str, **fields: Any) -> None:
        """Change fields of one log from now on (``status="delivered"``, or a new field).

        The generated record is unchanged underneath: the fields given are laid over it in
        every answer (lists and gets), as SignalWire shows a log whose status moved on.

        Raises:
            KeyError: no log of any family has this ID.
        """
        for _, data in self._families.values():
            index = data.index_of(log_id)
            if index is not None:
                with self._lock:
                    self._changes.setdefault((data.family, index), {}).update(fields)
                    if self._cache is not None:
                        self._cache.clear()
                return
        raise KeyError(log_id)

    def advance(self, seconds: float) -> datetime.datetime:
        """Move the clock on by `seconds` (newer records appear, young ones move on).

        Returns:
            The new `now`.

        Raises:
            ValueError: the clock is not set (`now` or `live` not given).
        """
        if self.now is None:
            raise ValueError("the fake has no clock to move: give it now= or live=True")
        with self._lock:
            self.now += datetime.timedelta(seconds=seconds)
            if self._cache is not None:
                self._cache.clear()
            return self.now

    def _visible_from(self, data: DataSet) -> int:
        """The first index that exists at `now` (newer ones are still to come)."""
        return 0 if self.now is None else data.first_index_at_or_before(self.now)

    def _record(self, data: DataSet) -> Callable[[int, str, str], dict[str, Any]]:
        """The family's record builder, with the changes `update()` made."""
        changes = self._changes
        now = self.now if self.live else None
        if not changes and now is None:
            return data.log

        def record(index: int, base: str, project_id: str) -> dict[str, Any]:
            log = data.log(index, base, project_id)
            if now is not None and "status" in log:
                log["status"] = live_status(data, index, log, now)
            changed = changes.get((data.family, index))
            return {**log, **changed} if changed else log

        return record

    # -- faults -----------------------------------------------------------------------------

    def inject(
        self, fault: Fault, *, times: int = 1, path: str | None = None, after: int = 0
    ) -> None:
        """Answer the next ``times`` matching requests with ``fault``.

        Args:
            fault: One of the faults of [`signalwire_logs.testing`][signalwire_logs.testing]
                (``Status(503)``, ``Drop()``…).
            times: How many requests it hits.
            path: Only requests whose path starts with this.
            after: Let this many matching requests through first (fail page 3, say).
        """
        if isinstance(fault, Bomb):
            _bomb(fault.inflated)  # compressed now, so serving it takes no time
        with self._lock:
            self._faults.append(_Armed(fault, times, path, after))

    def clear_faults(self) -> None:
        """Disarm every fault."""
        with self._lock:
            self._faults.clear()

    def _take_fault(self, path: str) -> Fault | None:
        with self._lock:
            for armed in self._faults:
                if armed.path is not None and not path.startswith(armed.path):
                    continue
                if armed.after > 0:
                    armed.after -= 1
                    continue
                armed.times -= 1
                if armed.times <= 0:
                    self._faults.remove(armed)
                return armed.fault
        return None

    # -- requests ---------------------------------------------------------------------------

    def handle(self, request: httpx.Request) -> Reply:
        """Answer one request (its body must have been read)."""
        path = request.url.path
        if path == CONTROL_PATH:
            return self._control(request)
        with self._lock:
            self.requests.append((request.method, request.url.raw_path.decode("ascii")))
            if self.clock is not None:
                self.now = self.clock()
        reply = self._answer(request, path)
        reply.delay += self.latency
        return reply

    def _control(self, request: httpx.Request) -> Reply:
        if request.method == "DELETE":
            self.clear_faults()
            return _json(200, {"faults": 0})
        try:
            data = json.loads(request.content or b"{}")
            times, where, after = data.pop("times", 1), data.pop("path", None), data.pop("after", 0)
            self.inject(fault_from_dict(data), times=times, path=where, after=after)
        except (ValueError, TypeError) as err:
            return _json(400, {"error": str(err)})
        return _json(200, {"faults": len(self._faults)})

    def _answer(self, request: httpx.Request, path: str) -> Reply:
        if request.headers.get("authorization") != self._expected_auth:
            return _error(401, path)
        fault = self._take_fault(path)
        if fault is not None and not isinstance(fault, Delay):
            return self._faulty(fault, request, path)
        reply = self._cached(request, path)
        if isinstance(fault, Delay):
            reply.delay += fault.seconds
        return reply

    def _cached(self, request: httpx.Request, path: str) -> Reply:
        if self._cache is None:
            return self._route(request, path)
        # The same parameters in another order are the same answer: clients that build the
        # query themselves and clients that follow links.next share one entry.
        query = sorted(request.url.params.multi_items())
        key = f"{request.url.netloc.decode('ascii')}{path}?{urlencode(query)}"
        body = self._cache.get(key)
        if body is not None:
            return Reply(200, body)
        reply = self._route(request, path)
        if reply.status == 200:
            self._cache[key] = reply.body
        return reply

    def _faulty(self, fault: Fault, request: httpx.Request, path: str) -> Reply:
        if isinstance(fault, Status):
            body = fault.body if fault.body is not None else _error_body(fault.status, path)
            reply = _json(fault.status, body)
            if fault.retry_after is not None:
                reply.headers["retry-after"] = fault.retry_after
            return reply
        if isinstance(fault, Drop):
            return Reply(action="drop")
        if isinstance(fault, Reset):
            return Reply(action="reset")
        if isinstance(fault, Truncate):
            reply = self._route(request, path)
            reply.action = "truncate"
            return reply
        if isinstance(fault, BadJSON):
            body = self._route(request, path).body
            return Reply(fault.status, body[: max(len(body) // 2, 1)])
        if isinstance(fault, HTML):
            page = f"<html><body><h1>{fault.status} {_REASONS.get(fault.status, 'Error')}</h1>"
            return Reply(
                fault.status, page.encode() + b"</body></html>", {"content-type": "text/html"}
            )
        if isinstance(fault, Empty):
            return Reply(fault.status, b"", {"content-length": "0"})
        if isinstance(fault, Redirect):
            return Reply(fault.status, b"", {"location": fault.location})
        if isinstance(fault, Trickle):
            reply = self._route(request, path)
            reply.action, reply.every = f"trickle-{fault.part}", fault.every
            return reply
        if isinstance(fault, Endless):
            return Reply(action="endless")
        if isinstance(fault, Bomb):
            return Reply(200, _bomb(fault.inflated), {"content-encoding": "gzip"})
        if isinstance(fault, NotGzip):
            reply = self._route(request, path)
            reply.headers["content-encoding"] = "gzip"
            return reply
        raise AssertionError(f"unhandled fault {fault!r}")

    def _route(self, request: httpx.Request, path: str) -> Reply:
        if request.method != "GET":
            return _error(404, path)
        base = f"{request.url.scheme}://{request.url.netloc.decode('ascii')}"
        families = self._families
        try:
            if path in families:
                listed = families[path][1]
                return self._list(listed, self._record(listed), request, base)
            prefix, _, tail = path.rpartition("/")
            if prefix in families and families[prefix][0].get_operation is not None:
                data = families[prefix][1]
                return self._get(data, self._record(data), tail, base)
            owner, _, log_id = prefix.rpartition("/")
            if tail == "events" and owner in families and families[owner][0].events_operation:
                return self._voice_events(log_id)
            match = _CXML_MESSAGE.match(path)
            if match:
                return self._cxml_message(match["account"], match["sid"], path)
            match = _CXML_MESSAGES.match(path)
            if match:
                return self._cxml_messages(match["account"], request)
        except _Invalid as invalid:
            return _json(422, {"errors": invalid.errors})
        except _CxmlInvalid as invalid:
            return _json(400, _error_body(400, path, str(invalid)))
        return _error(404, path)

    def _get(
        self, data: DataSet, record: Callable[[int, str, str], Any], record_id: str, base: str
    ) -> Reply:
        index = data.index_of(record_id)
        if index is None or index < self._visible_from(data):
            return _error(404)
        return _json(200, record(index, base, self.project_id))

    def _voice_events(self, log_id: str) -> Reply:
        index = self.voice.index_of(log_id)
        if index is None or index < self._visible_from(self.voice):
            return _error(404)
        return _json(200, {"data": self.voice.events(index, self.project_id)})

    def _cxml_message(self, account: str, sid: str, path: str) -> Reply:
        index = self.messages.index_of(sid, salt=1)
        if (
            account != self.project_id
            or index is None
            or index < self._visible_from(self.messages)
            or not self.messages.is_laml(index)
        ):
            return _error(404, path)
        return _json(200, self.messages.cxml_message(index, self.project_id))

    def _cxml_messages(self, account: str, request: httpx.Request) -> Reply:
        """The cXML message list: Page/PageSize/PageToken, next_page_uri relative to the Space."""
        path = request.url.path
        if account != self.project_id:
            return _error(404, path)
        params = request.url.params
        try:
            size = _int(params, "PageSize", 50, 1, 1000)
            number = _int(params, "Page", 0, 0, None)
        except _Invalid as invalid:
            raise _CxmlInvalid(invalid.errors[0]["message"]) from None
        data = self.messages
        low, high = self._visible_from(data), data.count
        names = ("DateSent", "DateSent<", "DateSent>", "From", "To", "Status")
        wanted = {name: params[name] for name in names if name in params}
        for name in ("DateSent", "DateSent<", "DateSent>"):
            if name in wanted:
                try:
                    day = datetime.datetime.combine(
                        datetime.date.fromisoformat(wanted[name]), datetime.time(), datetime.UTC
                    )
                except ValueError:
                    raise _CxmlInvalid(f"{name} must be a date (YYYY-MM-DD)") from None
                next_day = day + datetime.timedelta(days=1)
                if name != "DateSent>":  # sent on, or before, the day
                    low = max(low, data.first_index_before(next_day if name == "DateSent" else day))
                if name != "DateSent<":  # sent on, or after, the day
                    high = min(
                        high, data.first_index_before(day if name == "DateSent" else next_day)
                    )
        filters = urlencode(sorted(wanted.items()))
        token = params.get("PageToken")
        if number > 0 and not token:
            raise _CxmlInvalid("PageToken is required for paging.")
        dated = any(name.startswith("DateSent") for name in wanted)

        def visible(index: int) -> bool:
            if not data.is_laml(index) or data.deleted(index):
                return False
            log = data.log(index, "", self.project_id)
            if dated and log["status"] in ("queued", "initiated"):  # never sent: no date_sent
                return False
            return all(
                log[field] == wanted[name]
                for name, field in (("From", "from"), ("To", "to"), ("Status", "status"))
                if name in wanted
            )

        try:
            indexes, start, after_last, has_next = self._select(
                data, low, high, visible, size, token, filters
            )
        except _Invalid:
            raise _CxmlInvalid("PageToken is invalid.") from None

        def uri(page: int, page_token: str | None = None) -> str:
            pairs: list[tuple[str, Any]] = [("Page", page), ("PageSize", size)]
            if page_token:
                pairs.append(("PageToken", page_token))
            extra = f"&{filters}" if filters else ""
            return f"{path}?{urlencode(pairs)}{extra}"

        body = {
            "uri": uri(number, token),
            "first_page_uri": uri(0),
            "next_page_uri": uri(number + 1, self._token(data, "PA", after_last, filters))
            if has_next
            else None,
            "previous_page_uri": uri(number - 1, self._token(data, "PB", start, filters))
            if number > 0
            else None,
            "page": number,
            "page_size": size,
            # "messages": the key the registry's envelope reads (the spec's, checked by
            # the contract tests)
            CXML.envelope.items: [data.cxml_message(i, self.project_id) for i in indexes],
        }
        return _json(200, body)

    # -- paging -----------------------------------------------------------------------------

    def _token(self, data: DataSet, prefix: str, position: int, filters: str) -> str:
        digest = hashlib.sha256(
            f"{self.seed}|{data.family}|{prefix}|{position}|{filters}".encode()
        ).hexdigest()
        return f"{prefix}{digest[:8]}-{position:012x}"

    def _read_token(self, data: DataSet, token: str, filters: str) -> tuple[str, int]:
        match = re.fullmatch(r"(P[AB])[0-9a-f]{8}-([0-9a-f]{12})", token)
        if match and token == self._token(data, match[1], int(match[2], 16), filters):
            return match[1], int(match[2], 16)
        raise _Invalid(
            [_validation_error("page_token", "invalid_page_token", "The page token is invalid")]
        )

    def _window(self, data: DataSet, params: httpx.QueryParams) -> tuple[int, int]:
        """The index range [low, high) the date filters select (index 0 is the newest)."""
        low, high = self._visible_from(data), data.count
        before = params.get("created_before")
        after = params.get("created_after")
        on = params.get("created_on")
        if before:
            low = max(low, data.first_index_before(_parse_moment("created_before", before)))
        if after:
            high = min(high, data.first_index_at_or_before(_parse_moment("created_after", after)))
        if on:
            day = _parse_moment("created_on", on).replace(hour=0, minute=0, second=0, microsecond=0)
            low = max(low, data.first_index_before(day + datetime.timedelta(days=1)))
            high = min(high, data.first_index_before(day))
        return low, max(low, high)

    def _list(
        self,
        data: DataSet,
        record: Callable[[int, str, str], Any],
        request: httpx.Request,
        base: str,
    ) -> Reply:
        params = request.url.params
        include_deleted = params.get("include_deleted", "false")
        if include_deleted not in ("true", "false"):
            raise _Invalid(
                [_validation_error("include_deleted", "invalid_parameter", "Must be a boolean")]
            )
        keep_deleted = include_deleted == "true"
        size = _int(params, "page_size", 50, 1, 1000)
        number = _int(params, "page_number", 0, 0, None)
        low, high = self._window(data, params)
        filter_names = ("include_deleted", "created_before", "created_on", "created_after")
        filters = urlencode([(n, params[n]) for n in filter_names if n in params])
        token = params.get("page_token")
        if number > 0 and not token:
            raise _Invalid(
                [
                    _validation_error(
                        "page_token",
                        "page_token_required",
                        "page_token is required when page_number is greater than 0",
                    )
                ]
            )

        def visible(index: int) -> bool:
            return keep_deleted or not data.deleted(index)

        indexes, start, after_last, has_next = self._select(
            data, low, high, visible, size, token, filters
        )
        path = request.url.path

        def link(**query: Any) -> str:
            pairs = [(k, v) for k, v in query.items() if v is not None]
            extra = f"&{filters}" if filters else ""
            return f"{base}{path}?{urlencode(pairs)}{extra}"

        links = {
            "self": link(page_number=number, page_size=size),
            "first": link(page_size=size),
        }
        if has_next:
            links["next"] = link(
                page_number=number + 1,
                page_size=size,
                page_token=self._token(data, "PA", after_last, filters),
            )
        if number > 0:
            links["prev"] = link(
                page_number=number - 1,
                page_size=size,
                page_token=self._token(data, "PB", start, filters),
            )
        body = {"links": links, "data": [record(i, base, self.project_id) for i in indexes]}
        return _json(200, body)

    def _select(
        self,
        data: DataSet,
        low: int,
        high: int,
        visible: Callable[[int], bool],
        size: int,
        token: str | None,
        filters: str,
    ) -> tuple[list[int], int, int, bool]:
        """One page of a walk over [low, high): its indexes, where it starts, the index after
        its last, and whether any visible record follows."""
        start = low
        indexes: list[int] = []
        if token:
            direction, position = self._read_token(data, token, filters)
            if direction == "PB":  # the page that ends just before `position`
                index = min(position, high) - 1
                while index >= low and len(indexes) < size:
                    if visible(index):
                        indexes.append(index)
                    index -= 1
                indexes.reverse()
                start = indexes[0] if indexes else low
            else:
                start = max(position, low)
        if not indexes:
            index = start
            while index < high and len(indexes) < size:
                if visible(index):
                    indexes.append(index)
                index += 1
        after_last = indexes[-1] + 1 if indexes else high
        following = after_last
        while following < high and not visible(following):
            following += 1
        return indexes, start, after_last, following < high
