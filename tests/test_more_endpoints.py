"""Voice, video and conference logs, and the cXML message list: end to end through the fake,
and the cXML paging rules through hand-made answers."""

from __future__ import annotations

import datetime
from typing import Any

import httpx
import pytest

from signalwire_logs import (
    ConferenceLog,
    ConfigurationError,
    CxmlMessage,
    NotFoundError,
    PaginationError,
    VideoLog,
    VoiceLog,
    VoiceLogEvent,
)
from signalwire_logs._families import FAMILIES
from signalwire_logs.testing import FakeSignalWire
from signalwire_logs_api.types import UNSET

from helpers import PROJECT_ID, make_client, sequence

CXML_PATH = f"/api/laml/2010-04-01/Accounts/{PROJECT_ID}/Messages"


@pytest.fixture(scope="module")
def fake() -> FakeSignalWire:
    return FakeSignalWire(
        message_logs=300, voice_logs=120, video_logs=50, conference_logs=45, seed=7
    )


# -- log families through the fake --------------------------------------------------------------


def test_voice_logs_come_in_every_shape(fake: FakeSignalWire) -> None:
    with fake.client() as client:
        logs = list(client.voice_logs.list(include_deleted=True, page_size=25))
    assert len(logs) == 120 and all(isinstance(log, VoiceLog) for log in logs)
    assert len({log.id for log in logs}) == 120
    deleted = [log for log in logs if log.discarded_at is not UNSET]
    assert deleted and all(log.type_ is UNSET and log.status is UNSET for log in deleted)
    kinds = {log.type_ for log in logs if log.type_ is not UNSET}
    assert {"laml_call", "dialogflow_call", "fabric_subscriber_device_leg"} <= kinds
    dialogflow = next(log for log in logs if log.type_ == "dialogflow_call")
    assert dialogflow.direction is UNSET and isinstance(dialogflow.duration, int)
    fabric = next(log for log in logs if log.type_ == "fabric_subscriber_device_leg")
    assert fabric.status is None and fabric.duration is UNSET


def test_deleted_voice_logs_are_left_out_unless_asked_for(fake: FakeSignalWire) -> None:
    with fake.client() as client:
        logs = list(client.voice_logs.list())
    assert logs and all(log.discarded_at is UNSET for log in logs)
    assert len(logs) == sum(not fake.voice.deleted(i) for i in range(120))


def test_voice_log_get_and_events(fake: FakeSignalWire) -> None:
    with fake.client() as client:
        first = next(iter(client.voice_logs.list()))
        assert client.voice_logs.get(first.id) == first
        events = client.voice_logs.events(first.id).data
        assert events and all(isinstance(event, VoiceLogEvent) for event in events)
        assert {event.log_id for event in events} == {first.id}
        assert [e.event_at for e in events] == sorted(e.event_at for e in events)
        with pytest.raises(NotFoundError):
            client.voice_logs.events("b7182dc2-00f3-40e4-a5ce-20f164b329df")
        with pytest.raises(ConfigurationError, match="id must be a UUID"):
            client.voice_logs.events("not-a-uuid")


def test_video_and_conference_logs(fake: FakeSignalWire) -> None:
    with fake.client() as client:
        videos = list(client.video_logs.list(page_size=7))
        conferences = list(client.conference_logs.list(page_size=7))
        assert client.video_logs.get(videos[3].id) == videos[3]
    assert videos and all(isinstance(log, VideoLog) for log in videos)
    assert len(conferences) == sum(not fake.conferences.deleted(i) for i in range(45))
    assert all(isinstance(c, ConferenceLog) for c in conferences)
    video_sessions = [c for c in conferences if c.type_ == "video_conference_session"]
    assert video_sessions and all(isinstance(c.charge, str) for c in video_sessions)
    relay = [c for c in conferences if c.type_ == "relay_conference"]
    assert relay and all(c.recording_url is not UNSET for c in relay)
    created = [c.created_at for c in conferences]
    assert created == sorted(created, reverse=True)


@pytest.mark.anyio
async def test_the_async_client_has_the_same_resources(fake: FakeSignalWire) -> None:
    async with fake.async_client() as client:
        voice = [log async for log in client.voice_logs.list(limit=30)]
        events = await client.voice_logs.events(voice[0].id)
        videos = [log async for log in client.video_logs.list()]
        conferences = [log async for log in client.conference_logs.list(limit=5)]
        messages = [m async for m in client.cxml_messages.list(limit=120, page_size=50)]
    assert len(voice) == 30 and events.data and videos and len(conferences) == 5
    assert len(messages) == 120 and all(isinstance(m, CxmlMessage) for m in messages)


def test_every_family_s_walk_asks_the_largest_page_by_default(fake: FakeSignalWire) -> None:
    # The spec's maximum is the same 1,000 for every family (see test_spec.py), cXML's
    # PageSize too; the server's default of 50 would take 20 times the round trips.
    before = len(fake.requests)
    with fake.client() as client:
        for family in FAMILIES:
            list(getattr(client, family.attribute).list())
    asked = [httpx.URL(path).params for _, path in fake.requests[before:]]
    assert len(asked) >= len(FAMILIES)
    assert {params.get("page_size") or params.get("PageSize") for params in asked} == {"1000"}


# -- the cXML message list -----------------------------------------------------------------------


def test_cxml_list_walks_every_laml_message(fake: FakeSignalWire) -> None:
    with fake.client() as client:
        pages = list(client.cxml_messages.list(page_size=40).pages())
        messages = [message for page in pages for message in page.items]
    expected = [
        fake.messages.sid(i)
        for i in range(300)
        if fake.messages.is_laml(i) and not fake.messages.deleted(i)
    ]
    assert [m.sid for m in messages] == expected
    assert all(len(page) == 40 for page in pages[:-1]) and not pages[-1].has_next_page
    assert pages[0].next_page_number == 1 and str(pages[0].next_page_token).startswith("PA")
    assert str(pages[0].next_url).startswith("/api/laml/")  # relative to the Space


def test_cxml_list_resumes_from_a_page_cursor(fake: FakeSignalWire) -> None:
    with fake.client() as client:
        pages = list(client.cxml_messages.list(page_size=30).pages())
        second = pages[1]
        resumed = list(
            client.cxml_messages.list(
                page_size=30, page=second.next_page_number, page_token=second.next_page_token
            )
        )
    assert [m.sid for m in resumed] == [m.sid for page in pages[2:] for m in page.items]


def test_cxml_list_filters(fake: FakeSignalWire) -> None:
    with fake.client() as client:
        everything = list(client.cxml_messages.list(page_size=1000))
        failed = list(client.cxml_messages.list(status="failed"))
        number = everything[0].to
        to_number = list(client.cxml_messages.list(to=number))
        window = list(
            client.cxml_messages.list(
                date_sent_after=datetime.date(2024, 5, 20), date_sent_before="2024-06-01"
            )
        )
        on_day = list(client.cxml_messages.list(date_sent="2024-05-25"))
    assert failed and {m.status for m in failed} == {"failed"}
    assert to_number and {m.to for m in to_number} == {number}
    sent = [_day(m) for m in window]
    assert sent and all(
        datetime.date(2024, 5, 21) <= day < datetime.date(2024, 6, 1) for day in sent
    )
    expected = [
        m.sid for m in everything if m.date_sent and "2024-05-21" <= str(_day(m)) < "2024-06-01"
    ]
    assert [m.sid for m in window] == expected
    assert on_day and {_day(m) for m in on_day} == {datetime.date(2024, 5, 25)}


def _day(message: CxmlMessage) -> datetime.date:
    from email.utils import parsedate_to_datetime

    assert isinstance(message.date_sent, str)
    return parsedate_to_datetime(message.date_sent).date()


def test_cxml_list_sends_the_date_filters_the_generated_layer_lacks() -> None:
    handler, seen = sequence(_cxml_page([], next_uri=None))
    client = make_client(handler)
    list(client.cxml_messages.list(date_sent_before="2024-06-01", date_sent_after="2024-05-01"))
    (request,) = seen
    assert request.url.path == CXML_PATH
    assert request.url.params["DateSent<"] == "2024-06-01"
    assert request.url.params["DateSent>"] == "2024-05-01"
    assert "DateSent" not in request.url.params


@pytest.mark.parametrize(("limit", "asked"), [(None, "1000"), (7, "7"), (5000, "1000")])
def test_cxml_list_asks_the_largest_page_or_the_limit(limit: int | None, asked: str) -> None:
    handler, seen = sequence(_cxml_page([], next_uri=None))
    list(make_client(handler).cxml_messages.list(limit=limit))
    assert seen[0].url.params["PageSize"] == asked


def test_cxml_list_follows_next_page_uri_and_keeps_the_filters() -> None:
    first = _cxml_page([_message("a")], next_uri=f"{CXML_PATH}?Page=1&PageSize=1&PageToken=PAx")
    handler, seen = sequence(first, _cxml_page([_message("b")], next_uri=None))
    client = make_client(handler)
    sids = [
        m.sid
        for m in client.cxml_messages.list(
            page_size=1, from_="+15551234567", date_sent_after="2024-05-01"
        )
    ]
    assert sids == ["a", "b"]
    second = seen[1].url
    assert (second.host, second.path) == ("example.signalwire.com", CXML_PATH)
    assert second.params["PageToken"] == "PAx" and second.params["Page"] == "1"
    assert second.params["From"] == "+15551234567" and second.params["DateSent>"] == "2024-05-01"


@pytest.mark.parametrize(
    ("next_uri", "message"),
    [
        ("https://evil.example.com" + CXML_PATH + "?Page=1&PageToken=PAx", "another host"),
        ("/api/laml/2010-04-01/Accounts/x/Calls?Page=1&PageToken=PAx", "another path"),
        (CXML_PATH + "?Page=0", "repeated a cursor"),
        (CXML_PATH + "?Page=one&PageToken=PAx", "non-integer Page"),
    ],
)
def test_cxml_list_refuses_a_bad_next_page_uri(next_uri: str, message: str) -> None:
    handler, seen = sequence(_cxml_page([_message("a")], next_uri=next_uri))
    walked = []
    with pytest.raises(PaginationError, match=message):
        for item in make_client(handler).cxml_messages.list():
            walked.append(item.sid)
    assert walked == ["a"] and len(seen) == 1  # the page that carried it still arrived


@pytest.mark.parametrize(
    ("arguments", "message"),
    [
        ({"page": 2}, "page > 0 requires page_token"),
        ({"page_size": 0}, "page_size must be an integer between 1 and 1000"),
        ({"date_sent": "May 1st"}, "date_sent must be a day"),
        ({"date_sent_before": 20240501}, "date_sent_before must be a day"),
        ({"from_": 15551234567}, "from_ must be a string"),
        ({"account_sid": "nope"}, "account_sid must be a UUID"),
        ({"limit": 0}, "limit must be an integer"),
    ],
)
def test_cxml_list_rejects_bad_arguments_before_sending(
    arguments: dict[str, Any], message: str
) -> None:
    handler, seen = sequence()
    with pytest.raises(ConfigurationError, match=message):
        make_client(handler).cxml_messages.list(**arguments)
    assert seen == []


def test_cxml_errors_carry_the_cxml_body(fake: FakeSignalWire) -> None:
    with fake.client() as client, pytest.raises(NotFoundError) as caught:
        next(iter(client.cxml_messages.list(account_sid="b7182dc2-00f3-40e4-a5ce-20f164b329df")))
    body = caught.value.body
    assert isinstance(body, dict) and (body["code"], body["status"]) == (20404, 404)


def _cxml_page(messages: list[dict[str, Any]], next_uri: str | None) -> httpx.Response:
    return httpx.Response(
        200,
        json={
            "uri": f"{CXML_PATH}?Page=0&PageSize=50",
            "first_page_uri": f"{CXML_PATH}?Page=0&PageSize=50",
            "next_page_uri": next_uri,
            "previous_page_uri": None,
            "page": 0,
            "page_size": 50,
            "messages": messages,
        },
    )


def _message(sid: str) -> dict[str, Any]:
    from conftest import load_example

    return {**load_example("cxml_message"), "sid": sid}


def test_new_lists_retry_through_faults_like_the_others(sleeps: list[float]) -> None:
    from signalwire_logs.testing import Drop, Status, Truncate

    fake = FakeSignalWire(message_logs=200, voice_logs=90, seed=3)
    with fake.client() as client:
        clean_cxml = [m.sid for m in client.cxml_messages.list(page_size=20)]
        clean_voice = [log.id for log in client.voice_logs.list(page_size=20)]
        cxml_path = f"/api/laml/2010-04-01/Accounts/{fake.project_id}/Messages"
        fake.inject(Status(503), path=cxml_path, after=1)
        fake.inject(Truncate(), path=cxml_path, after=2)
        fake.inject(Drop(), path="/api/voice/logs", after=2)
        fake.inject(Status(429, retry_after="1"), path="/api/voice/logs", after=3)
        assert [m.sid for m in client.cxml_messages.list(page_size=20)] == clean_cxml
        assert [log.id for log in client.voice_logs.list(page_size=20)] == clean_voice
    assert len(sleeps) == 4 and 1.0 in sleeps


def test_a_token_without_the_video_scope_is_a_permission_error() -> None:
    from signalwire_logs import PermissionDeniedError

    handler, _ = sequence(httpx.Response(403, json={"error": "Forbidden"}))
    with pytest.raises(PermissionDeniedError):
        list(make_client(handler).video_logs.list())
