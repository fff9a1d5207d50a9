"""How the fake answers a request: auth, armed faults, the cache, then the route."""

from __future__ import annotations

import threading
from dataclasses import dataclass
from urllib.parse import urlencode

import httpx

from .._families import LogFamily
from ._cxml import _CxmlLists
from ._data import DataSet
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
)
from ._replies import (
    _CXML_MESSAGE,
    _CXML_MESSAGES,
    _REASONS,
    _bomb,
    _CxmlInvalid,
    _error,
    _error_body,
    _Invalid,
    _json,
)
from ._transport import Reply


@dataclass
class _Armed:
    fault: Fault
    times: int
    path: str | None
    after: int


class _Answers(_CxmlLists):
    """Routes a request to its handler, through the faults armed and the answer cache."""

    #: List path -> the family (a get at path/{id} if it has one) and its records.
    _families: dict[str, tuple[LogFamily, DataSet]]
    _expected_auth: str
    _faults: list[_Armed]
    _cache: dict[str, bytes] | None
    _lock: threading.Lock

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
