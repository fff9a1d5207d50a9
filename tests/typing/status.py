"""Message logs take status= (the client's filter): the enum, its values, or several."""

from signalwire_logs import (
    AsyncSignalWireLogs,
    LogResource,
    MessageLog,
    MessageLogStatus,
    SignalWireLogs,
)


def good(client: SignalWireLogs) -> list[MessageLog]:
    logs = list(client.message_logs.list(status=["failed"], limit=10))
    logs += client.message_logs.list(status="failed,undelivered")
    logs += client.message_logs.list(status=MessageLogStatus.FAILED)
    logs += client.message_logs.list(status=[MessageLogStatus.FAILED, "undelivered"])
    logs += client.message_logs.list(status=("failed",), created_after="2024-05-01")
    return logs


def still_a_log_resource(client: SignalWireLogs) -> LogResource[MessageLog]:
    return client.message_logs  # status= is one more argument, not another list


async def agood(client: AsyncSignalWireLogs) -> list[MessageLog]:
    return [log async for log in client.message_logs.list(status=["failed"])]


def bad(client: SignalWireLogs) -> None:
    client.message_logs.list(status=3)  # type: ignore[arg-type]
    client.message_logs.list(status=[MessageLogStatus.FAILED, 3])  # type: ignore[list-item]
    client.fax_logs.list(status="failed")  # type: ignore[call-arg]
