"""How a live fake shows a young record: still on its way, as SignalWire would.

A record's final status is a pure function of (seed, index); a live fake shows a message as
`queued` then `sent` before its final status, and a call as `in-progress` before it is
`completed`, depending only on its age at the fake's clock. Ages are counted in the data
set's own step (the time between two records), so the same fake at any speed shows about one
status change per new record.
"""

from __future__ import annotations

import datetime
from collections.abc import Callable
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


class _Records:
    """The records a fake shows at its clock: those that exist at `now`, with their changes."""

    #: Records created after this moment are not there yet (None: all of them are).
    now: datetime.datetime | None
    live: bool
    #: (family, index) -> fields changed by update(), laid over the generated record.
    _changes: dict[tuple[int, int], dict[str, Any]]

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
