"""One function for any log family, through the resource protocols."""

from typing import Any, TypeVar

from signalwire_logs import (
    AsyncLogResource,
    AsyncSignalWireLogs,
    FaxLog,
    LogResource,
    MessageLog,
    SignalWireLogs,
)

T = TypeVar("T")


def first(resource: LogResource[T]) -> T | None:
    return next(iter(resource.list(limit=1)), None)


def count(resource: LogResource[Any]) -> int:
    return sum(1 for _ in resource.list())


def failed(resource: LogResource[MessageLog]) -> list[MessageLog]:
    return [log for log in resource.list(limit=100) if log.error_code]


async def acount(resource: AsyncLogResource[Any]) -> int:
    return len([item async for item in resource.list()])


async def use(client: SignalWireLogs, aclient: AsyncSignalWireLogs) -> None:
    fax: FaxLog | None = first(client.fax_logs)
    print(fax, count(client.conference_logs), failed(client.message_logs))
    print(await acount(aclient.fax_logs))
    failed(client.fax_logs)  # type: ignore[arg-type]
    count(aclient.fax_logs)  # type: ignore[arg-type]
