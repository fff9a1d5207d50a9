"""The fake's answers as bytes: JSON replies, each API's error bodies, parameter checks."""

from __future__ import annotations

import datetime
import functools
import json
import re
import zlib
from typing import Any

import httpx

from .._families import CXML
from ._transport import Reply

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
