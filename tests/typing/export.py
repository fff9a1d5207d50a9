"""export_logs takes a resource, a known format and dates; anything else is rejected."""

import datetime

from signalwire_logs import AsyncSignalWireLogs, ExportResult, SignalWireLogs, export_logs


def good(client: SignalWireLogs) -> ExportResult:
    return export_logs(
        client.fax_logs,
        "faxes.csv",
        format="csv",
        created_after=datetime.date(2024, 5, 1),
        created_before="2024-06-01T00:00:00Z",
    )


def bad(client: SignalWireLogs, aclient: AsyncSignalWireLogs) -> None:
    export_logs(client.message_logs, "a.xml", format="xml")  # type: ignore[arg-type]
    export_logs(client.message_logs, "a.jsonl", created_after=object())  # type: ignore[arg-type]
    export_logs(aclient.message_logs, "a.jsonl")  # type: ignore[arg-type]
    export_logs("messages", "a.jsonl")  # type: ignore[arg-type]
