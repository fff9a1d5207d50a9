"""The fake's list and get handlers: filters, pages, page tokens and links."""

from __future__ import annotations

import datetime
import hashlib
import re
from collections.abc import Callable
from typing import Any
from urllib.parse import urlencode

import httpx

from ._data import DataSet, VoiceLogs
from ._live import _Records
from ._replies import _error, _int, _Invalid, _json, _parse_moment, _validation_error
from ._transport import Reply


def _token_required() -> dict[str, Any]:
    """The 422 error for a page_number past 0 without the page_token that leads there."""
    return _validation_error(
        "page_token",
        "page_token_required",
        "page_token is required when page_number is greater than 0",
    )


def _include_deleted(params: httpx.QueryParams) -> bool:
    """The include_deleted flag: "true" or "false" (the default), else a 422."""
    include_deleted: str = params.get("include_deleted", "false")
    if include_deleted not in ("true", "false"):
        raise _Invalid(
            [_validation_error("include_deleted", "invalid_parameter", "Must be a boolean")]
        )
    return include_deleted == "true"


class _Lists(_Records):
    """Lists and gets of the /api log families (their data sets live on the fake)."""

    project_id: str
    seed: int
    voice: VoiceLogs

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
        keep_deleted = _include_deleted(params)
        size = _int(params, "page_size", 50, 1, 1000)
        number = _int(params, "page_number", 0, 0, None)
        low, high = self._window(data, params)
        filter_names = ("include_deleted", "created_before", "created_on", "created_after")
        filters = urlencode([(n, params[n]) for n in filter_names if n in params])
        token = params.get("page_token")
        if number > 0 and not token:
            raise _Invalid([_token_required()])

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
