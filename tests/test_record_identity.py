"""A get's answer is the record it asked for, or a RecordMismatchError.

Each test serves, from a local server on 127.0.0.1 (tests/hostile.py: bounded in time), a
real record of the fake's that is not the one asked for: another log, another call's
events, another cXML message or account, a kept-alive connection's stale answer.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any

import httpx
import pytest

from signalwire_logs import (
    APIResponseValidationError,
    AsyncSignalWireLogs,
    RecordMismatchError,
    SignalWireLogs,
)
from signalwire_logs.testing import FakeSignalWire

import hostile

FAKE = FakeSignalWire(
    message_logs=30, fax_logs=3, voice_logs=3, video_logs=3, conference_logs=0, seed=22
)
PROJECT = FAKE.project_id


def _sent(path: str) -> dict[str, Any]:
    """What the fake answers to ``GET path``: a record as SignalWire sends it."""
    with httpx.Client(transport=FAKE.transport(), auth=(PROJECT, FAKE.api_token)) as http:
        body: dict[str, Any] = http.get(f"https://fake.signalwire.com{path}").json()
    return body


def _client(url: str) -> SignalWireLogs:
    return SignalWireLogs(project_id=PROJECT, api_token="t", base_url=url, max_retries=2)


LOGS = {
    "message_logs": ("/api/messaging/logs", FAKE.messages.make_id),
    "fax_logs": ("/api/fax/logs", FAKE.faxes.make_id),
    "voice_logs": ("/api/voice/logs", FAKE.voice.make_id),
    "video_logs": ("/api/video/logs", FAKE.video.make_id),
}


@pytest.mark.parametrize("resource", sorted(LOGS))
def test_get_answered_with_another_log_is_refused(resource: str) -> None:
    path, make_id = LOGS[resource]
    other = _sent(f"{path}/{make_id(1)}")
    requests: list[bytes] = []
    with (
        hostile.serve(hostile.answer(json.dumps(other).encode()), requests) as url,
        _client(url) as client,
        pytest.raises(RecordMismatchError) as caught,
    ):
        getattr(client, resource).get(make_id(0))
    error = caught.value
    assert isinstance(error, APIResponseValidationError)  # what an except clause may name
    assert (error.field, str(error.asked), error.answered) == ("id", make_id(0), make_id(1))
    assert error.body == other and error.request.url.path == f"{path}/{make_id(0)}"
    assert error.record.id == make_id(1)  # the record answered, built as its model
    assert len(requests) == 1  # not retried


def test_get_of_the_same_id_in_capitals_is_the_record_asked_for() -> None:
    log = _sent(f"/api/messaging/logs/{FAKE.messages.make_id(0)}")
    body = json.dumps({**log, "id": log["id"].upper()}).encode()
    with hostile.serve(hostile.answer(body)) as url, _client(url) as client:
        assert client.message_logs.get(FAKE.messages.make_id(0)).id == log["id"].upper()


def test_a_kept_alive_connection_delivering_a_stale_answer_is_refused() -> None:
    first, second = FAKE.messages.make_id(0), FAKE.messages.make_id(1)
    answer = json.dumps(_sent(f"/api/messaging/logs/{first}")).encode()
    connections: list[bytes] = []
    with hostile.serve(hostile.stale(answer), connections) as url, _client(url) as client:
        assert client.message_logs.get(first).id == first
        with pytest.raises(RecordMismatchError, match=f"whose id is {second}"):
            client.message_logs.get(second)
    assert len(connections) == 1  # both requests went over the one kept-alive connection


def test_events_of_another_call_are_refused() -> None:
    call, other = FAKE.voice.make_id(0), FAKE.voice.make_id(1)
    events = _sent(f"/api/voice/logs/{other}/events")
    assert events["data"]  # the fake's calls have events
    mixed = {"data": [{**events["data"][0], "log_id": call}, *events["data"][1:]]}
    body = json.dumps(mixed if len(events["data"]) > 1 else events).encode()
    with (
        hostile.serve(hostile.answer(body)) as url,
        _client(url) as client,
        pytest.raises(RecordMismatchError, match="log_id") as caught,
    ):
        client.voice_logs.events(call)
    assert caught.value.answered == other
    right = json.dumps(_sent(f"/api/voice/logs/{call}/events")).encode()
    with hostile.serve(hostile.answer(right)) as url, _client(url) as client:
        assert client.voice_logs.events(call).data


def _laml() -> list[int]:
    return [i for i in range(30) if FAKE.messages.is_laml(i)]


def _cxml(index: int) -> dict[str, Any]:
    return _sent(f"/api/laml/2010-04-01/Accounts/{PROJECT}/Messages/{FAKE.messages.sid(index)}")


@pytest.mark.parametrize(
    ("change", "field"),
    [
        (lambda body, other: {**body, "sid": other["sid"]}, "sid"),
        (lambda body, _: {**body, "account_sid": "0" * 8 + body["account_sid"][8:]}, "account_sid"),
    ],
    ids=["another message", "another account"],
)
def test_a_cxml_message_of_another_sid_or_account_is_refused(
    change: Callable[[dict[str, Any], dict[str, Any]], dict[str, Any]], field: str
) -> None:
    first, second = _laml()[:2]
    asked, other = _cxml(first), _cxml(second)
    body = json.dumps(change(asked, other)).encode()
    log = _sent(f"/api/messaging/logs/{FAKE.messages.make_id(first)}")
    with hostile.serve(hostile.answer(body)) as url, _client(url) as client:
        with pytest.raises(RecordMismatchError, match=f"whose {field} is"):
            client.cxml_messages.get(asked["sid"])
        log["url"] = url + log["url"].split("signalwire.com", 1)[1]  # the log of this space
        with pytest.raises(RecordMismatchError, match=f"whose {field} is"):
            client.cxml_messages.get_for_log(client.message_logs.item_model.from_dict(log))


@pytest.mark.anyio
async def test_async_gets_check_the_record_too() -> None:
    call, other = FAKE.voice.make_id(0), FAKE.voice.make_id(1)
    body = json.dumps(_sent(f"/api/voice/logs/{other}")).encode()
    with hostile.serve(hostile.answer(body)) as url:
        async with AsyncSignalWireLogs(
            project_id=PROJECT, api_token="t", base_url=url, max_retries=0
        ) as client:
            with pytest.raises(RecordMismatchError):
                await client.voice_logs.get(call)
            events = json.dumps(_sent(f"/api/voice/logs/{other}/events")).encode()
    with hostile.serve(hostile.answer(events)) as url:
        async with AsyncSignalWireLogs(
            project_id=PROJECT, api_token="t", base_url=url, max_retries=0
        ) as client:
            with pytest.raises(RecordMismatchError):
                await client.voice_logs.events(call)
    first = _laml()[0]
    cxml = json.dumps({**_cxml(first), "sid": _cxml(_laml()[1])["sid"]}).encode()
    with hostile.serve(hostile.answer(cxml)) as url:
        async with AsyncSignalWireLogs(
            project_id=PROJECT, api_token="t", base_url=url, max_retries=0
        ) as client:
            with pytest.raises(RecordMismatchError):
                await client.cxml_messages.get(FAKE.messages.sid(first))
