"""What a get asks for, and the check that its answer is that record.

A get names the record it wants in its path (a log's id, a cXML message's account and sid,
the call whose events it wants), and its answer names the record it holds. They must agree:
an answer meant for another request (a proxy that mixed answers up, a kept-alive connection
that delivers a stale one) is a `RecordMismatchError`, raised once the answer is built as its
model (an answer its model refuses is an `APIResponseValidationError` saying why, first).
Each function here gives a get's parameters and that check. Ids compare as UUIDs (in any
case), as the API's are; a value that is not one is not the record asked for.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Mapping
from typing import Any
from uuid import UUID

import httpx

from signalwire_logs_api.models import MessageLog
from signalwire_logs_api.types import Unset

from ._arguments import checked_uuid
from ._exceptions import ConfigurationError, RecordMismatchError
from ._transport import Check

__all__ = ["Get", "cxml_message", "cxml_message_of", "events_of", "one_log"]

_CXML_MESSAGE_PATH = re.compile(
    r"^/api/laml/2010-04-01/Accounts/(?P<account>[^/]+)/Messages/(?P<sid>[^/.]+)(?:\.json)?$"
)

#: A get's parameters, and the check that its answer is the record asked for.
Get = tuple[dict[str, Any], Check]


def one_log(model: type[Any], id: str | UUID) -> Get:
    """A log's ``get``: its parameters, and the check of an answer that must be that log
    (a ``model``: ``MessageLog`` reads as "message log" in the error)."""
    wanted = checked_uuid("id", id)
    return {"id": wanted}, _Asked(_spoken(model.__name__), {"id": wanted}).check


@functools.cache
def _spoken(name: str) -> str:
    """A model's name as words: ``MessageLog`` -> ``"message log"`` (once per model: a
    get's own work is kept small, see ``make bench``)."""
    return re.sub(r"(?<!^)(?=[A-Z])", " ", name).lower()


def events_of(id: str | UUID) -> Get:
    """A voice log's ``events``: its parameters, and the check of an answer whose every
    event must belong to that call."""
    wanted = checked_uuid("id", id)
    return {"id": wanted}, _Asked("voice log events", {"log_id": wanted}, "data").check


def cxml_message(account_sid: UUID, sid: UUID) -> Get:
    """A cXML message's ``get``: its parameters, and the check of an answer that must be
    that message of that account."""
    wanted = {"account_sid": account_sid, "sid": sid}
    return dict(wanted), _Asked("cXML message", wanted).check


def cxml_message_of(log: MessageLog, base: httpx.URL) -> tuple[str, str]:
    """The account and sid of the cXML message a LaML message log points to (its ``url``).

    Raises:
        ConfigurationError: the log has no url (Relay messages) or it points elsewhere than
            to a cXML message on ``base``.
    """
    url = log.url
    if url is None or isinstance(url, Unset):
        raise ConfigurationError(
            f"Message log {log.id} has no cXML message: its url is null (Relay messages have none)."
        )
    target = base.join(url)
    match = _CXML_MESSAGE_PATH.match(target.path)
    if target.host != base.host or match is None:
        raise ConfigurationError(
            f"Message log {log.id} points to {url!r}, not to a cXML message of this space."
        )
    return match["account"], match["sid"]


class _Asked:
    """The fields a record (or each item of its list ``items``) must hold."""

    def __init__(self, what: str, fields: Mapping[str, UUID], items: str | None = None) -> None:
        self._what = what
        self._fields = fields
        self._items = items
        #: Each UUID asked for as the API writes it (lowercase): an answer that holds it so
        #: is the record asked for without parsing it; any other spelling is parsed.
        self._written = {field: str(wanted) for field, wanted in fields.items()}

    def check(self, record: object, data: object, request: httpx.Request) -> None:
        """Raise RecordMismatchError unless ``record`` (built from ``data``) is the one asked
        for."""
        records = [record] if self._items is None else getattr(record, self._items)
        for item in records:
            for field, wanted in self._fields.items():
                value = getattr(item, field)
                if value != self._written[field] and not _same(value, wanted):
                    raise RecordMismatchError(
                        self._what, field, wanted, value, request=request, body=data, record=record
                    )


def _same(value: object, wanted: UUID) -> bool:
    if not isinstance(value, str):
        return False
    try:
        return UUID(value) == wanted
    except ValueError:
        return False
