"""One function for any log family, through the resource protocols."""

from typing import Any, TypeVar

from signalwire_logs import (
    AsyncLogResource,
    AsyncSignalWireLogs,
    ExportSource,
    FaxLog,
    LogResource,
    MessageLog,
    PageCursor,
    SignalWireLogs,
)

T = TypeVar("T")


def first(resource: LogResource[T]) -> T | None:
    return next(iter(resource.list(limit=1)), None)


def count(resource: LogResource[Any]) -> int:
    return sum(1 for _ in resource.list())


def failed(resource: LogResource[MessageLog]) -> list[MessageLog]:
    return [log for log in resource.list(limit=100) if log.error_code]


def resumed(resource: LogResource[T], cursor: PageCursor) -> list[T]:
    return list(resource.list(resume=cursor, limit=10))  # every argument list takes


def as_source(resource: LogResource[Any]) -> ExportSource:
    return resource  # a log resource is what an export needs


async def acount(resource: AsyncLogResource[Any]) -> int:
    return len([item async for item in resource.list()])


async def use(client: SignalWireLogs, aclient: AsyncSignalWireLogs) -> None:
    fax: FaxLog | None = first(client.fax_logs)
    print(fax, count(client.conference_logs), failed(client.message_logs))
    print(await acount(aclient.fax_logs))
    print(resumed(client.video_logs, PageCursor(page_number=1, page_token="t")))
    print(as_source(client.voice_logs))
    source: ExportSource = client.cxml_messages  # not a LogResource, but an ExportSource
    print(source.family, source.time_field)
    failed(client.fax_logs)  # type: ignore[arg-type]
    count(aclient.fax_logs)  # type: ignore[arg-type]
