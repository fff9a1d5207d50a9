"""A sync list is walked with `for`, an async one with `async for`; not the other way."""

from signalwire_logs import (
    AsyncPaginator,
    AsyncSignalWireLogs,
    FaxLog,
    MessageLog,
    Page,
    SignalWireLogs,
    SyncPaginator,
)


def sync_walk(client: SignalWireLogs) -> list[str]:
    paginator: SyncPaginator[MessageLog] = client.message_logs.list(limit=10)
    pages: list[Page[FaxLog]] = list(client.fax_logs.list().pages())
    return [log.id for log in paginator] + [fax.id for page in pages for fax in page.items]


async def async_walk(client: AsyncSignalWireLogs) -> list[str]:
    paginator: AsyncPaginator[MessageLog] = client.message_logs.list(limit=10)
    ids = [log.id async for log in paginator]
    async for page in client.cxml_messages.list().pages():
        ids.extend(message.sid for message in page.items)
    return ids


async def sync_list_in_async_for(client: SignalWireLogs) -> None:
    async for _ in client.message_logs.list():  # type: ignore[attr-defined]
        pass


def async_list_in_for(client: AsyncSignalWireLogs) -> None:
    for _ in client.message_logs.list():  # type: ignore[attr-defined]
        pass


def async_list_to_list(client: AsyncSignalWireLogs) -> None:
    print(list(client.fax_logs.list()))  # type: ignore[call-overload]


def wrong_item_type(client: SignalWireLogs) -> SyncPaginator[FaxLog]:
    return client.message_logs.list()  # type: ignore[return-value]
