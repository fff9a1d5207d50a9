"""How a live fake shows a young record: still on its way, as SignalWire would.

A record's final status is a pure function of (seed, index); a live fake shows a message as
`queued` then `sent` before its final status, and a call as `in-progress` before it is
`completed`, depending only on its age at the fake's clock. Ages are counted in the data
set's own step (the time between two records), so the same fake at any speed shows about one
status change per new record.
"""

from __future__ import annotations

import datetime
from typing import Any

from ._data import DataSet, MessageLogs, VoiceLogs

#: Message statuses a live fake delays (each passes through queued, then sent).
_MESSAGE_FINAL = frozenset({"delivered", "undelivered", "failed"})


def live_status(data: DataSet, index: int, log: dict[str, Any], now: datetime.datetime) -> Any:
    """The status record `index` shows at `now` (its final one once it is old enough)."""
    final = log.get("status")
    age = (now - data.created_at(index)) / data.step
    if isinstance(data, MessageLogs) and final in _MESSAGE_FINAL:
        if age < 1:
            return "queued"
        if age < 2:
            return "sent"
    if isinstance(data, VoiceLogs) and final == "completed" and age < 2:
        return "in-progress"
    return final
