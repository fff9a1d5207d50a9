"""One rule for records: a record is accepted exactly when SignalWire's own published spec
(spec/upstream/) accepts it, with only the corrections spec/overlay.yaml documents.

Checked field by field in every family against the upstream documents themselves: a value
of a JSON type upstream does not give the field fails when the record is built (an
APIResponseValidationError through the client); any string where upstream says only
"string" is accepted and kept as sent; a view that cannot read such a string raises
FieldValueError when read; the Arrow path keeps the text.
"""

from __future__ import annotations

import copy
import json
from typing import Any

import httpx
import pytest

from signalwire_logs import (
    APIResponseValidationError,
    ConferenceLog,
    CxmlMessage,
    FaxLog,
    FieldValueError,
    MessageLog,
    SignalWireLogs,
    VideoLog,
    VoiceLog,
    VoiceLogEvent,
)

import upstream
from conftest import load_example
from helpers import make_client, sequence

LOG_ID = "b7182dc2-00f3-40e4-a5ce-20f164b329df"
CHARGE_DETAILS = [{"description": "Inbound SMS", "charge": 0.00415}]

#: One record per family holding every field upstream gives it (in any of its shapes), each
#: with a valid value.
FULL: dict[type[Any], dict[str, Any]] = {
    MessageLog: load_example("message_log"),
    FaxLog: {**load_example("fax_log"), "remote_station": None},
    VoiceLog: {
        "id": LOG_ID,
        "from": "+12065551212",
        "to": "+12065553434",
        "source": "realtime_api",
        "charge": 0.01,
        "charge_details": CHARGE_DETAILS,
        "created_at": "2024-05-06T12:20:00Z",
        "type": "relay_sip_call",
        "url": None,
        "direction": "inbound",
        "status": "completed",
        "duration": 9,
        "duration_ms": 9638,
        "billing_ms": 60000,
        "parent_id": None,
        "discarded_at": "2024-05-07T12:20:00Z",
    },
    VoiceLogEvent: {
        "event_at": "2024-05-06T12:20:00Z",
        "level": "info",
        "name": "calling_call_initiated",
        "details": {},
        "project_id": LOG_ID,
        "log_id": LOG_ID,
    },
    VideoLog: {
        "id": LOG_ID,
        "source": "realtime_api",
        "type": "video_room_session",
        "url": "https://example.signalwire.com/api/video/room_sessions/x",
        "room_name": "room",
        "status": "completed",
        "locked": False,
        "started_at": "2022-01-01T10:00:00Z",
        "ended_at": None,
        "charge": 0.01,
        "created_at": "2022-01-01T10:00:00Z",
        "charge_details": CHARGE_DETAILS,
        "discarded_at": "2022-01-02T10:00:00Z",
    },
    ConferenceLog: {
        "id": LOG_ID,
        "created_at": "2025-03-11T01:49:49.630Z",
        "project_id": LOG_ID,
        "region": "us1",
        "name": "conference",
        "status": "in-progress",
        "max_size": 2,
        "current_participants": 1,
        "updated_at": "2025-03-12T01:49:49.630Z",
        "type": "relay_conference",
        "recording_url": None,
        "recording_duration": 123,
        "recording_file_size": 12345,
        "source": "realtime_api",
        "url": "https://example.signalwire.com/api/video/room_sessions/x",
        "room_name": None,
        "locked": False,
        "started_at": "2025-03-11T01:49:51.069Z",
        "ended_at": None,
        "charge": "0.50",
        "charge_details": [{"description": "Tax", "charge": "0.50"}],
    },
    CxmlMessage: load_example("cxml_message"),
}

#: A value of each JSON type.
SAMPLES: dict[str, Any] = {
    "string": "text",
    "integer": 7,
    "number": 2.5,
    "boolean": True,
    "null": None,
    "array": ["x"],
    "object": {"x": 1},
}


def _admits(types: set[str], kind: str) -> bool:
    if "any" in types or kind in types:
        return True
    if kind == "string":
        return any(t.startswith("string:") for t in types)
    return kind == "integer" and "number" in types  # 7 is a number too


def _wrong_values() -> list[tuple[type[Any], str, Any]]:
    cases = []
    for model in FULL:
        for field, types in upstream.field_types(model).items():
            cases += [(model, field, v) for k, v in SAMPLES.items() if not _admits(types, k)]
    return cases


def _plain_strings() -> list[tuple[type[Any], str]]:
    """Fields upstream types as a plain string (an enum or a uuid too: open enums and
    identifiers are taken as sent), never narrowed into a stricter format here."""
    return [
        (model, field)
        for model in FULL
        for field, types in upstream.field_types(model).items()
        if "string" in types or "string:uuid" in types or "string:uri" in types
    ]


def test_the_full_records_are_valid_upstream_and_hold_every_upstream_field() -> None:
    for model, record in FULL.items():
        assert set(record) == set(upstream.field_types(model)), model
        name, pointer = upstream.RECORDS[model]
        _doc, shapes = upstream.shapes(model)
        # Valid in one shape once the fields of the others are left out.
        assert any(
            not upstream.upstream_errors(
                name, pointer, {k: v for k, v in record.items() if k in shape["properties"]}
            )
            for shape in shapes
        ), model
        model.from_dict(record)


@pytest.mark.parametrize(
    ("model", "field", "value"),
    _wrong_values(),
    ids=lambda v: v.__name__ if isinstance(v, type) else repr(v),
)
def test_a_json_type_upstream_does_not_give_a_field_fails_when_built(
    model: type[Any], field: str, value: Any
) -> None:
    record = {**copy.deepcopy(FULL[model]), field: value}
    name, pointer = upstream.RECORDS[model]
    refused = upstream.upstream_errors(name, pointer, record)
    assert any(field in problem for problem in refused)  # upstream says no too
    with pytest.raises((TypeError, ValueError), match=f"^{field}"):
        model.from_dict(record)


@pytest.mark.parametrize("model", list(FULL), ids=lambda m: m.__name__)
def test_nested_records_are_checked_against_their_upstream_types_when_built(
    model: type[Any],
) -> None:
    record = FULL[model]
    nested = [k for k, v in record.items() if isinstance(v, list | dict) and v and k != "details"]
    for field in nested:
        inner = record[field][0] if isinstance(record[field], list) else record[field]
        for key, good in inner.items():
            for wrong in ([1], {"a": 1}, True, None if good is not None else 1):
                bad = copy.deepcopy(record)
                (bad[field][0] if isinstance(bad[field], list) else bad[field])[key] = wrong
                with pytest.raises((TypeError, ValueError), match=f"^{field}"):
                    model.from_dict(bad)


@pytest.mark.parametrize(
    ("model", "field"), _plain_strings(), ids=lambda v: v.__name__ if isinstance(v, type) else v
)
def test_any_string_where_upstream_says_string_is_accepted_as_sent(
    model: type[Any], field: str
) -> None:
    for text in ("", "n/a", "Mon, 31 Feb 2018 99:99:99", "\u2603 \x00 \u202e"):
        record = {**FULL[model], field: text}
        built = model.from_dict(record)
        assert built.to_dict()[field] == text


# -- the same through the client: every family, list and get -------------------------------


def _envelope(model: type[Any], record: dict[str, Any]) -> dict[str, Any]:
    if model is CxmlMessage:
        return {
            "uri": "/api/laml/2010-04-01/Accounts/a/Messages?Page=0&PageSize=50",
            "first_page_uri": "/api/laml/2010-04-01/Accounts/a/Messages?Page=0&PageSize=50",
            "next_page_uri": None,
            "previous_page_uri": None,
            "page": 0,
            "page_size": 50,
            "messages": [record],
        }
    if model is VoiceLogEvent:
        return {"data": [record]}
    return {"links": {"self": "s", "first": "f"}, "data": [record]}


_RESOURCES = {
    MessageLog: "message_logs",
    FaxLog: "fax_logs",
    VoiceLog: "voice_logs",
    VideoLog: "video_logs",
    ConferenceLog: "conference_logs",
    CxmlMessage: "cxml_messages",
}


def _fetch(client: SignalWireLogs, model: type[Any], how: str) -> list[Any]:
    if model is VoiceLogEvent:
        events: list[Any] = client.voice_logs.events(LOG_ID).data
        return events
    resource = getattr(client, _RESOURCES[model])
    if how == "get":
        return [resource.get(LOG_ID)]
    return list(resource.list())


@pytest.mark.parametrize(
    ("model", "how"),
    [(model, "list") for model in FULL]
    + [(model, "get") for model in FULL if model not in (ConferenceLog, VoiceLogEvent)],
    ids=lambda v: v.__name__ if isinstance(v, type) else v,
)
def test_through_the_client_a_wrong_json_type_is_an_api_response_validation_error(
    model: type[Any], how: str
) -> None:
    for field, value in [(f, v) for m, f, v in _wrong_values() if m is model][:6]:
        record = {**FULL[model], field: value}
        body = record if how == "get" else _envelope(model, record)
        handler, _ = sequence(httpx.Response(200, json=body))
        with pytest.raises(APIResponseValidationError, match=f"{field} is "):
            _fetch(make_client(handler), model, how)


@pytest.mark.parametrize(
    ("model", "field", "value"),
    [
        (MessageLog, "charge", "abc"),
        (MessageLog, "number_of_segments", "two"),
        (MessageLog, "status", 5),
        (MessageLog, "from", {"number": "+1555"}),
        (MessageLog, "error_code", 30007),
        (FaxLog, "number_of_pages", "2"),
        (VoiceLog, "duration", 1.5),
        (VideoLog, "locked", "false"),
        (ConferenceLog, "charge", 0.5),
        (CxmlMessage, "price", "0.005"),
        (CxmlMessage, "num_segments", True),
    ],
)
def test_the_cases_of_the_issue(model: type[Any], field: str, value: Any) -> None:
    handler, _ = sequence(httpx.Response(200, json=_envelope(model, {**FULL[model], field: value})))
    with pytest.raises(APIResponseValidationError, match=f"{field} is "):
        _fetch(make_client(handler), model, "list")


def test_an_integral_number_is_an_integer_as_json_schema_says() -> None:
    log = MessageLog.from_dict({**FULL[MessageLog], "number_of_segments": 2.0})
    assert log.number_of_segments == 2 and type(log.number_of_segments) is int


# -- views and the Arrow path -----------------------------------------------------------------


def test_views_of_text_upstream_types_as_a_string_fail_when_read_with_a_typed_error() -> None:
    conference = ConferenceLog.from_dict({**FULL[ConferenceLog], "charge": "n/a"})
    message = CxmlMessage.from_dict({**FULL[CxmlMessage], "date_sent": "yesterday"})
    for read in (lambda: conference.charge_decimal, lambda: message.date_sent_datetime):
        with pytest.raises(FieldValueError) as caught:
            read()
        assert isinstance(caught.value, ValueError)
        assert caught.value.value in ("n/a", "yesterday")
    assert message.date_created_datetime.year == 2018


def test_the_arrow_path_keeps_text_its_column_cannot_hold() -> None:
    arrow = pytest.importorskip("signalwire_logs.arrow")
    good, odd = FULL[ConferenceLog], {**FULL[ConferenceLog], "id": "c2", "charge": "n/a"}
    table = arrow.to_arrow([good, odd], ConferenceLog)
    rows = table.to_pylist()
    assert rows[0]["charge"] is not None and rows[0][arrow.EXTRA_COLUMN] is None
    assert rows[1]["charge"] is None
    assert json.loads(rows[1][arrow.EXTRA_COLUMN]) == {"charge": "n/a"}
    wide = arrow.to_arrow([good, odd], ConferenceLog, unknown="columns")
    assert wide.column("charge" + arrow.AS_SENT_SUFFIX).to_pylist() == [None, "n/a"]

    dated = {**FULL[CxmlMessage], "date_created": "yesterday"}
    table = arrow.to_arrow([FULL[CxmlMessage], dated], CxmlMessage)
    rows = table.to_pylist()
    assert rows[0]["date_created"] is not None and rows[1]["date_created"] is None
    assert json.loads(rows[1][arrow.EXTRA_COLUMN]) == {"date_created": "yesterday"}
    assert table.schema.field("date_created").nullable  # text: it may not parse


def test_arrow_read_from_the_bytes_sent_keeps_the_text_the_same_way() -> None:
    arrow = pytest.importorskip("signalwire_logs.arrow")
    odd = {**FULL[ConferenceLog], "charge": "n/a"}
    lines = b"\n".join(json.dumps(r).encode() for r in (FULL[ConferenceLog], odd))
    native = arrow.from_json_lines(lines, ConferenceLog)
    assert native.equals(arrow.to_arrow([FULL[ConferenceLog], odd], ConferenceLog))
    assert json.loads(native.to_pylist()[1][arrow.EXTRA_COLUMN]) == {"charge": "n/a"}
    wide = arrow.from_json_lines(lines, ConferenceLog, unknown="columns")
    assert wide.column("charge" + arrow.AS_SENT_SUFFIX).to_pylist() == [None, "n/a"]
