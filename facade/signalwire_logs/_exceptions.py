"""Every error the client raises.

SignalWireError
├── ConfigurationError (also a ValueError)   bad or missing credentials, space, arguments
├── PaginationError                          a next link that must not be followed
├── ExportFileError (also an OSError)        an export's file cannot be read, written or locked
├── SyncError                                a sync's destination (or dlt) failed
├── APIResponseValidationError               a 2xx body that does not parse into its model
│   └── RecordMismatchError                  ... or is another record than the one asked for
├── FieldValueError (also a ValueError)      a view (charge_decimal...) cannot read its field
├── ResponseTooLargeError                    a body larger than ``max_response_bytes``
├── APIConnectionError                       the request did not get a response
│   └── APITimeoutError
└── APIStatusError                           the server answered with a non-2xx status
    ├── BadRequestError            400
    ├── AuthenticationError        401
    ├── PermissionDeniedError      403
    ├── NotFoundError              404
    ├── UnprocessableEntityError   422   (.errors: the field errors of the body)
    ├── RateLimitError             429   (.retry_after)
    └── InternalServerError        5xx
"""

from __future__ import annotations

import json
from typing import Any

import httpx

from ._constants import REQUEST_ID_HEADERS

__all__ = [
    "APIConnectionError",
    "APIResponseValidationError",
    "APIStatusError",
    "APITimeoutError",
    "AuthenticationError",
    "BadRequestError",
    "ConfigurationError",
    "ExportFileError",
    "FieldValueError",
    "InternalServerError",
    "NotFoundError",
    "PaginationError",
    "PermissionDeniedError",
    "RateLimitError",
    "RecordMismatchError",
    "ResponseTooLargeError",
    "SignalWireError",
    "SyncError",
    "UnprocessableEntityError",
]

_BODY_PREVIEW = 500


class SignalWireError(Exception):
    """Base class of every error raised by signalwire-logs."""


class ConfigurationError(SignalWireError, ValueError):
    """A credential, the space, the base URL or an argument is missing or malformed."""


class PaginationError(SignalWireError):
    """A walk cannot go on safely: a next link to another host or path, or not a URL, or for
    pages of another size; a repeated cursor; a page of nothing but the previous page's
    records; too many empty pages in a row; more records than the page size asked for; in a
    sharded export, a page not listed newest first."""


class ExportFileError(SignalWireError, OSError):
    """A file of an export cannot be read, written or locked.

    A missing directory, a permission, a full disk, a file too large, or another export
    holding the same output: the message names the file and the reason. It is an
    `OSError` too (``errno`` and ``filename`` set when the system gave them).
    """


class SyncError(SignalWireError):
    """A sync failed outside the API: its destination, or dlt (the message says which step)."""


def _describe(request: httpx.Request) -> str:
    # Credentials travel in the Authorization header, never in the URL, so the URL is safe.
    return f"{request.method} {request.url}"


class APIResponseValidationError(SignalWireError):
    """A successful response whose body does not match the model the spec promises."""

    def __init__(self, message: str, *, request: httpx.Request, body: object) -> None:
        super().__init__(f"{message} ({_describe(request)})")
        self.request = request
        #: The body as received: parsed JSON, or text when it is not JSON.
        self.body = body


_VALUE_PREVIEW = 80


class RecordMismatchError(APIResponseValidationError):
    """A get answered with another record than the one it asked for.

    ``get(id)``, a voice log's ``events(id)`` and a cXML message's ``get``/``get_for_log``
    name the record they want; an answer holding another (a proxy, or a kept-alive
    connection, delivering the answer to some other request) is refused rather than
    returned. Not retried: nothing says the same connection would not do it again.
    """

    def __init__(
        self,
        what: str,
        field: str,
        asked: object,
        answered: object,
        *,
        request: httpx.Request,
        body: object,
        record: object = None,
    ) -> None:
        shown = repr(answered)
        shown = shown if len(shown) <= _VALUE_PREVIEW else shown[:_VALUE_PREVIEW] + "…"
        super().__init__(
            f"Asked for the {what} whose {field} is {asked}, the server answered one whose "
            f"{field} is {shown}",
            request=request,
            body=body,
        )
        #: The field compared (``id``, ``sid``, ``account_sid``, an event's ``log_id``).
        self.field = field
        #: The value asked for.
        self.asked = asked
        #: The value the answer holds, as sent.
        self.answered = answered
        #: The record answered, built as its model (not the one asked for).
        self.record: Any = record


class FieldValueError(SignalWireError, ValueError):
    """A derived view cannot read the value its field was sent with.

    A record is accepted as SignalWire's spec types it: a conference ``charge`` or a cXML
    ``date_sent`` is any string there, and is kept as sent. Its view, computed when read
    (``charge_decimal``, ``date_sent_datetime``), raises this when the text is no amount or
    no RFC 2822 date. The field itself, ``to_dict()`` and exports still hold what was sent.
    """

    def __init__(self, where: str, value: object, view: str, expected: str) -> None:
        shown = repr(value)
        if len(shown) > _VALUE_PREVIEW:
            shown = shown[:_VALUE_PREVIEW] + "…"
        super().__init__(f"{where} is {shown}, not {expected}: no {view} view of it")
        #: The field, as ``Model.field`` (``ConferenceLog.charge``).
        self.field = where
        #: The value as sent.
        self.value = value


class APIConnectionError(SignalWireError):
    """The request was sent, or tried, but no response came back."""

    def __init__(self, request: httpx.Request, message: str = "Connection error") -> None:
        super().__init__(f"{message} ({_describe(request)})")
        self.request = request


class APITimeoutError(APIConnectionError):
    """The request timed out: one network operation, or the attempt's whole deadline."""

    def __init__(self, request: httpx.Request, message: str = "Request timed out") -> None:
        super().__init__(request, message)


class ResponseTooLargeError(SignalWireError):
    """A response body, once decoded, is larger than the client's ``max_response_bytes``.

    Not retried: the same request would get the same answer. Reading stopped at the cap.
    """

    def __init__(self, request: httpx.Request, limit: int) -> None:
        super().__init__(
            f"Response body is larger than max_response_bytes={limit:,} once decoded; "
            f"reading stopped there ({_describe(request)})"
        )
        self.request = request
        #: The cap that was passed, in bytes.
        self.limit = limit


class APIStatusError(SignalWireError):
    """The server answered with a status that is not a success."""

    def __init__(
        self,
        response: httpx.Response,
        body: object = None,
        retry_after: float | None = None,
        *,
        is_json: bool = False,
    ) -> None:
        self.response = response
        #: Seconds the server asked the client to wait (``Retry-After``), if it said.
        self.retry_after = retry_after
        self.request = response.request
        self.status_code = response.status_code
        #: The body: parsed JSON, the text when it is not JSON (an HTML error page), or None.
        self.body = body
        self.request_id = next(
            (response.headers[h] for h in REQUEST_ID_HEADERS if h in response.headers), None
        )
        super().__init__(self._message(is_json))

    def _message(self, is_json: bool) -> str:
        details = [f"{self.status_code} {self.response.reason_phrase or 'Error'}"]
        details.append(f"for {_describe(self.request)}")
        if self.request_id:
            details.append(f"(request id {self.request_id})")
        location = self.response.headers.get("location")
        if 300 <= self.status_code < 400 and location:
            details.append(f"(redirect to {location}, not followed)")
        if self.body is None:
            details.append("with an empty body")
        elif is_json:
            details.append(f"- {_preview(json.dumps(self.body, ensure_ascii=False))}")
        else:
            details.append(f"- body is not JSON: {_preview(str(self.body))!r}")
        return " ".join(details)


def _preview(text: str) -> str:
    return text if len(text) <= _BODY_PREVIEW else text[:_BODY_PREVIEW] + "…"


class BadRequestError(APIStatusError):
    """400: the request is invalid."""


class AuthenticationError(APIStatusError):
    """401: the project ID or API token is wrong."""


class PermissionDeniedError(APIStatusError):
    """403: the API token lacks the scope (Messaging, Fax) this endpoint needs."""


class NotFoundError(APIStatusError):
    """404: no such log or message (or a wrong space)."""


class UnprocessableEntityError(APIStatusError):
    """422: invalid parameters; ``errors`` lists each field error of the body."""

    @property
    def errors(self) -> list[dict[str, Any]]:
        """Each error as sent: ``{"type", "code", "message", "attribute", "url"}``."""
        errors = self.body.get("errors") if isinstance(self.body, dict) else None
        return [e for e in errors or [] if isinstance(e, dict)]


class RateLimitError(APIStatusError):
    """429: too many requests; ``retry_after`` is the pause the server asked for, if any."""


class InternalServerError(APIStatusError):
    """5xx: the server failed (retried automatically before this is raised)."""


_STATUS_ERRORS: dict[int, type[APIStatusError]] = {
    400: BadRequestError,
    401: AuthenticationError,
    403: PermissionDeniedError,
    404: NotFoundError,
    422: UnprocessableEntityError,
}


def make_status_error(
    response: httpx.Response, body: object, is_json: bool, retry_after: float | None
) -> APIStatusError:
    """Return the typed error for a non-2xx response, given its decoded body."""
    if response.status_code == 429:
        cls: type[APIStatusError] = RateLimitError
    elif response.status_code >= 500:
        cls = InternalServerError
    else:
        cls = _STATUS_ERRORS.get(response.status_code, APIStatusError)
    return cls(response, body, retry_after, is_json=is_json)
