"""with_options keeps the client's type; with_raw_response keeps each result's type."""

from signalwire_logs import (
    AsyncSignalWireLogs,
    FaxLog,
    RawResponse,
    SignalWireLogs,
)
from signalwire_logs_api.models import VoiceLogEventListResponse


def options(client: SignalWireLogs) -> SignalWireLogs:
    return client.with_options(timeout=5.0, max_retries=0)


def raw(client: SignalWireLogs, fax_id: str) -> FaxLog:
    response: RawResponse[FaxLog] = client.with_raw_response.fax_logs.get(fax_id)
    request_id: str | None = response.request_id
    print(request_id, response.headers.get("content-type"), response.status_code)
    return response.parse()


async def araw(client: AsyncSignalWireLogs, call_id: str) -> VoiceLogEventListResponse:
    response = await client.with_raw_response.voice_logs.events(call_id)
    return response.parse()


def bad(client: SignalWireLogs, aclient: AsyncSignalWireLogs) -> None:
    client.with_options(timeout="5")  # type: ignore[arg-type]
    client.with_options(retries=3)  # type: ignore[call-arg]
    fax: FaxLog = client.with_raw_response.fax_logs.get("x")  # type: ignore[assignment]
    print(client.with_raw_response.conference_logs)  # type: ignore[attr-defined]
    print(fax, aclient.with_raw_response.fax_logs.get("x").parse())  # type: ignore[attr-defined]
