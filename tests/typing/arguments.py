"""Arguments are typed: dates as DateLike, the cXML status as CxmlMessageStatus or a string."""

import datetime

from signalwire_logs import CxmlMessageStatus, DateLike, SignalWireLogs


def good(client: SignalWireLogs, since: DateLike) -> None:
    client.message_logs.list(created_after=since, created_before=datetime.date(2024, 6, 1))
    client.fax_logs.list(created_after=datetime.datetime(2024, 5, 1, tzinfo=datetime.UTC))
    client.cxml_messages.list(status=CxmlMessageStatus.FAILED, date_sent_after="2024-05-01")
    client.cxml_messages.list(status="failed")


def bad(client: SignalWireLogs) -> None:
    client.message_logs.list(created_after=object())  # type: ignore[arg-type]
    client.message_logs.list(created_after=1714521600)  # type: ignore[arg-type]
    client.message_logs.list(page_size="100")  # type: ignore[arg-type]
    client.cxml_messages.list(status=3)  # type: ignore[arg-type]
    client.fax_logs.list(since="2024-05-01")  # type: ignore[call-arg]
