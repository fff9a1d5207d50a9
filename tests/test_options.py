"""Per-call options (`with_options`) and the HTTP response behind a result (`with_raw_response`)."""

from __future__ import annotations

from typing import Any

import httpx
import pytest

from signalwire_logs import (
    AsyncSignalWireLogs,
    ConfigurationError,
    FaxLog,
    InternalServerError,
    SignalWireLogs,
)

from conftest import load_example
from helpers import API_TOKEN, PROJECT_ID, make_async_client, make_client, sequence

FAX_ID = "b7182dc2-00f3-40e4-a5ce-20f164b329df"


def _fax(**headers: str) -> httpx.Response:
    return httpx.Response(200, json=load_example("fax_log"), headers=headers)


def test_with_options_changes_only_what_is_given_and_shares_the_pool() -> None:
    handler, seen = sequence(httpx.Response(503), _fax(), _fax())
    client = make_client(handler, max_retries=0, timeout=3.0)
    patient = client.with_options(max_retries=1)
    assert type(patient) is SignalWireLogs and patient is not client
    assert (patient.max_retries, patient.timeout, client.max_retries) == (1, 3.0, 0)
    assert patient._http_client is client._http_client  # one connection pool
    assert isinstance(patient.fax_logs.get(FAX_ID), FaxLog)  # retried the 503 once
    # Each client's resources send through its own transport (its own options).
    assert patient.fax_logs is not client.fax_logs
    assert patient.fax_logs._transport is patient._transport is not client._transport
    assert client.fax_logs._transport is client._transport
    assert seen[0].extensions["timeout"]["read"] == pytest.approx(3.0, abs=0.5)
    client.with_options(timeout=7.0).fax_logs.get(FAX_ID)
    assert seen[-1].extensions["timeout"]["read"] == pytest.approx(7.0, abs=0.5)
    with pytest.raises(ConfigurationError, match="max_retries"):
        client.with_options(max_retries=-1)


def test_with_options_never_closes_the_pool_it_shares() -> None:
    with SignalWireLogs(project_id=PROJECT_ID, api_token=API_TOKEN, space="example") as client:
        with client.with_options(timeout=1.0) as copy:
            assert copy._http_client is client._http_client
        assert not client._http_client.is_closed  # the copy's close did nothing
    assert client._http_client.is_closed  # the owner's did


def test_the_original_keeps_its_options() -> None:
    handler, _ = sequence(httpx.Response(503))
    client = make_client(handler, max_retries=0)
    client.with_options(max_retries=5)
    with pytest.raises(InternalServerError):
        client.fax_logs.get(FAX_ID)  # not retried


def test_raw_response_gives_the_headers_and_the_model() -> None:
    handler, seen = sequence(_fax(**{"x-request-id": "req_123", "x-extra": "1"}))
    raw = make_client(handler).with_raw_response.fax_logs.get(FAX_ID)
    assert (raw.status_code, raw.request_id, raw.headers["x-extra"]) == (200, "req_123", "1")
    assert isinstance(raw.parse(), FaxLog) and raw.parse().id == load_example("fax_log")["id"]
    assert raw.http_response.request is seen[0]
    assert "req_123" in repr(raw)


def test_raw_response_is_of_the_attempt_that_succeeded() -> None:
    handler, _ = sequence(
        httpx.Response(500, headers={"x-request-id": "failed"}), _fax(**{"x-request-id": "ok"})
    )
    raw = make_client(handler, max_retries=1).with_raw_response.fax_logs.get(FAX_ID)
    assert raw.request_id == "ok"


def test_raw_response_checks_arguments_and_raises_like_the_plain_call() -> None:
    handler, seen = sequence(httpx.Response(500))
    client = make_client(handler, max_retries=0)
    with pytest.raises(ConfigurationError):
        client.with_raw_response.fax_logs.get("not-a-uuid")
    assert seen == []
    with pytest.raises(InternalServerError):
        client.with_raw_response.fax_logs.get(FAX_ID)


def test_raw_response_of_each_single_record_call() -> None:
    cxml = load_example("cxml_message")
    events: dict[str, list[Any]] = {"data": []}
    answers: list[Any] = [cxml, cxml, events]
    handler, _ = sequence(
        *(httpx.Response(200, json=a, headers={"x-request-id": "r"}) for a in answers)
    )
    raw = make_client(handler, project_id=cxml["account_sid"]).with_raw_response
    assert raw.cxml_messages.get(cxml["sid"]).parse().sid == cxml["sid"]
    assert raw.cxml_messages.get(cxml["sid"]).request_id == "r"
    assert raw.voice_logs.events(FAX_ID).parse().data == []
    # The same methods, wrapped: their names and docs are the plain calls'.
    assert raw.cxml_messages.get_for_log.__name__ == "get_for_log"
    assert "Fetch one log" in (raw.voice_logs.get.__doc__ or "")


@pytest.mark.anyio
async def test_async_with_options_and_raw_response() -> None:
    handler, _ = sequence(httpx.Response(503), _fax(**{"x-request-id": "req_async"}))
    client = make_async_client(handler, max_retries=0)
    patient = client.with_options(max_retries=1)
    assert type(patient) is AsyncSignalWireLogs and patient._http_client is client._http_client
    raw = await patient.with_raw_response.fax_logs.get(FAX_ID)
    assert raw.request_id == "req_async" and isinstance(raw.parse(), FaxLog)
    await patient.close()
    assert not client._http_client.is_closed
