"""The fake's cXML (LaML) message handlers: the Compatibility API's own paging and errors."""

from __future__ import annotations

import datetime
from collections.abc import Callable
from typing import Any
from urllib.parse import urlencode

import httpx

from .._families import CXML
from ._data import MessageLogs
from ._lists import _Lists
from ._replies import _CxmlInvalid, _error, _int, _Invalid, _json
from ._transport import Reply


class _CxmlLists(_Lists):
    """The cXML message list and get, over the message logs' LaML records."""

    messages: MessageLogs

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
        names = ("DateSent", "DateSent<", "DateSent>", "From", "To", "Status")
        wanted = {name: params[name] for name in names if name in params}
        low, high = self._cxml_window(wanted)
        filters = urlencode(sorted(wanted.items()))
        token = params.get("PageToken")
        if number > 0 and not token:
            raise _CxmlInvalid("PageToken is required for paging.")
        visible = self._cxml_filter(wanted)
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

    def _cxml_window(self, wanted: dict[str, str]) -> tuple[int, int]:
        """The index range [low, high) the DateSent filters select (index 0 is the newest)."""
        data = self.messages
        low, high = self._visible_from(data), data.count
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
        return low, high

    def _cxml_filter(self, wanted: dict[str, str]) -> Callable[[int], bool]:
        """Whether a message is listed: a LaML one, not deleted, matching From/To/Status."""
        data = self.messages
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

        return visible
