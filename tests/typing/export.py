"""export_logs takes a resource, a known format, dates and the family's own filters; anything
else is rejected (mypy says "no overload variant matches": the filters are typed per family)."""

import datetime

from signalwire_logs import (
    AsyncSignalWireLogs,
    CxmlMessageFilters,
    CxmlMessageStatus,
    ExportResult,
    ExportSource,
    LogFilters,
    LogResource,
    SignalWireLogs,
    aexport_logs,
    export_logs,
)


def good(client: SignalWireLogs) -> ExportResult:
    return export_logs(
        client.fax_logs,
        "faxes.csv",
        format="csv",
        created_after=datetime.date(2024, 5, 1),
        created_before="2024-06-01T00:00:00Z",
    )


def good_filters(client: SignalWireLogs, resource: LogResource[object]) -> None:
    export_logs(client.message_logs, "m.jsonl", filters={"include_deleted": True})
    export_logs(client.message_logs, "m.jsonl", filters={"status": ["failed", "undelivered"]})
    export_logs(client.voice_logs, "v.jsonl", filters={"created_after": datetime.date(2024, 5, 1)})
    export_logs(
        client.cxml_messages,
        "c.jsonl",
        filters={"status": CxmlMessageStatus.FAILED, "date_sent_after": "2024-05-01"},
    )
    kept: CxmlMessageFilters = {"from_": "+15551234567", "account_sid": "b7182dc2"}
    export_logs(client.cxml_messages, "c.jsonl", filters=kept)
    deleted: LogFilters = {"include_deleted": True}
    export_logs(resource, "any.jsonl", filters=deleted)  # any log family takes the log filters


async def agood(client: AsyncSignalWireLogs) -> None:
    await aexport_logs(client.message_logs, "m.jsonl", filters={"created_on": "2024-05-01"})
    await aexport_logs(client.cxml_messages, "c.jsonl", filters={"to": "+15551234567"})


def bad(client: SignalWireLogs, aclient: AsyncSignalWireLogs) -> None:
    export_logs(client.message_logs, "a.xml", format="xml")  # type: ignore[call-overload]
    export_logs(client.message_logs, "a.jsonl", created_after=object())  # type: ignore[call-overload]
    export_logs(aclient.message_logs, "a.jsonl")  # type: ignore[call-overload]
    export_logs("messages", "a.jsonl")  # type: ignore[call-overload]


def bad_filters(client: SignalWireLogs, aclient: AsyncSignalWireLogs, source: ExportSource) -> None:
    # A filter the family does not take: misspelt, or another family's.
    export_logs(client.message_logs, "m.jsonl", filters={"bogus": 1})  # type: ignore[call-overload]
    export_logs(client.fax_logs, "f.jsonl", filters={"date_sent": "2024-05-01"})  # type: ignore[call-overload]
    export_logs(client.fax_logs, "f.jsonl", filters={"status": "failed"})  # type: ignore[call-overload]
    export_logs(client.cxml_messages, "c.jsonl", filters={"created_after": "2024-05-01"})  # type: ignore[call-overload]
    # A filter's value of the wrong type.
    export_logs(client.video_logs, "v.jsonl", filters={"include_deleted": "yes"})  # type: ignore[call-overload]
    export_logs(client.message_logs, "m.jsonl", filters={"status": 3})  # type: ignore[call-overload]
    export_logs(client.cxml_messages, "c.jsonl", filters={"to": 15551234567})  # type: ignore[call-overload]
    # A resource of no known family takes no filters.
    export_logs(source, "s.jsonl", filters={"include_deleted": True})  # type: ignore[call-overload]


async def abad_filters(client: AsyncSignalWireLogs) -> None:
    await aexport_logs(client.fax_logs, "f.jsonl", filters={"bogus": 1})  # type: ignore[call-overload]
    await aexport_logs(client.cxml_messages, "c.jsonl", filters={"to": 1})  # type: ignore[call-overload]
