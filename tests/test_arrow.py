"""Records as typed Arrow tables: the schema read off each model, and lossless values."""

from __future__ import annotations

import datetime
import decimal
import email.utils
import json
from pathlib import Path
from typing import Any

import pyarrow as pa
import pytest

from signalwire_logs import (
    APIResponseValidationError,
    ConferenceLog,
    CxmlMessage,
    FaxLog,
    MessageLog,
    VideoLog,
    VoiceLog,
    export_logs,
)
from signalwire_logs import arrow as arrow_module
from signalwire_logs.arrow import EXTRA_COLUMN, TIMESTAMP, from_json_lines, schema_for, to_arrow
from signalwire_logs.testing import FakeSignalWire, Status

MODELS = [MessageLog, FaxLog, VoiceLog, VideoLog, ConferenceLog, CxmlMessage]
ENUM = pa.dictionary(pa.int32(), pa.string())


@pytest.fixture(scope="module")
def fake() -> FakeSignalWire:
    return FakeSignalWire(
        message_logs=120, fax_logs=60, voice_logs=120, video_logs=60, conference_logs=90, seed=4
    )


def _records(fake: FakeSignalWire, attribute: str) -> list[Any]:
    resource = getattr(fake.client(), attribute)
    return [raw for page in resource.list(page_size=1000).pages() for raw in page.raw_items]


@pytest.mark.parametrize("model", MODELS, ids=lambda m: m.__name__)
def test_every_family_has_a_typed_schema(model: type[Any]) -> None:
    schema = schema_for(model)
    assert schema.names[-1] == EXTRA_COLUMN
    assert "from_" not in schema.names and "type_" not in schema.names  # wire names
    assert all(not pa.types.is_null(field.type) for field in schema)


def test_message_log_columns() -> None:
    schema = schema_for(MessageLog)
    assert schema.field("created_at").type == TIMESTAMP == pa.timestamp("us", tz="UTC")
    assert schema.field("number_of_segments").type == pa.int64()
    assert schema.field("charge").type == pa.float64()
    assert schema.field("status").type == ENUM and schema.field("direction").type == ENUM
    assert schema.field("charge_details").type == pa.list_(
        pa.struct([("description", pa.string()), ("charge", pa.float64())])
    )
    assert schema.field("error_code").type == pa.string()
    # What every record has is not nullable; what may be null or absent is.
    assert not schema.field("id").nullable and not schema.field("created_at").nullable
    assert schema.field("error_code").nullable and schema.field("url").nullable


def test_conference_money_is_an_exact_decimal_and_cxml_dates_are_timestamps() -> None:
    conference = schema_for(ConferenceLog)
    assert pa.types.is_decimal(conference.field("charge").type)
    assert pa.types.is_decimal(conference.field("charge_details").type.value_type.field(1).type)
    cxml = schema_for(CxmlMessage)
    for name in ("date_created", "date_sent", "date_updated"):
        assert cxml.field(name).type == TIMESTAMP
    assert pa.types.is_struct(cxml.field("subresource_uris").type)


@pytest.mark.parametrize(
    ("attribute", "model"),
    [
        ("message_logs", MessageLog),
        ("fax_logs", FaxLog),
        ("voice_logs", VoiceLog),
        ("video_logs", VideoLog),
        ("conference_logs", ConferenceLog),
    ],
)
def test_values_arrive_as_sent(fake: FakeSignalWire, attribute: str, model: type[Any]) -> None:
    raw = _records(fake, attribute)
    table = to_arrow(raw, model)
    assert table.schema == schema_for(model) and table.num_rows == len(raw)
    for sent, row in zip(raw, table.to_pylist(), strict=True):
        for name, value in sent.items():
            got = row[name]
            if name.endswith("_at") and value is not None:
                moment = datetime.datetime.fromisoformat(value.replace("Z", "+00:00"))
                assert got == moment and got.utcoffset() == datetime.timedelta(0)
            elif isinstance(got, decimal.Decimal):
                assert got == decimal.Decimal(value)
            elif name == "charge_details" and model is ConferenceLog:
                assert [(d["description"], decimal.Decimal(d["charge"])) for d in value] == [
                    (d["description"], d["charge"]) for d in got
                ]
            else:
                assert got == value, (name, value, got)
        assert row[EXTRA_COLUMN] is None


def test_cxml_dates_are_parsed_from_rfc_2822(fake: FakeSignalWire) -> None:
    page = next(iter(fake.client().cxml_messages.list(page_size=20).pages()))
    table = page.to_arrow()
    first = table.to_pylist()[0]
    sent = email.utils.parsedate_to_datetime(page.raw_items[0]["date_created"])
    assert first["date_created"] == sent
    assert first["date_created"].utcoffset() == datetime.timedelta(0)
    assert first["subresource_uris"]["media"].endswith("/Media.json")


def test_unknown_fields_are_kept_as_json_or_as_columns(fake: FakeSignalWire) -> None:
    raw = _records(fake, "message_logs")[:3]
    raw[0] = {**raw[0], "carrier": {"name": "Acme", "mcc": 310}, "segments_billed": 2}
    raw[2] = {**raw[2], "segments_billed": 5}
    table = to_arrow(raw, MessageLog)
    extra = table.column(EXTRA_COLUMN).to_pylist()
    assert json.loads(extra[0]) == {"carrier": {"name": "Acme", "mcc": 310}, "segments_billed": 2}
    assert extra[1] is None and json.loads(extra[2]) == {"segments_billed": 5}

    wide = to_arrow(raw, MessageLog, unknown="columns")
    assert EXTRA_COLUMN not in wide.schema.names
    assert wide.schema.field("segments_billed").type == pa.int64()
    assert wide.column("segments_billed").to_pylist() == [2, None, 5]
    assert json.loads(wide.column("carrier")[0].as_py()) == {"name": "Acme", "mcc": 310}


def test_a_value_that_does_not_fit_is_a_typed_error(fake: FakeSignalWire) -> None:
    raw = _records(fake, "message_logs")[:2]
    with pytest.raises(ValueError, match="do not fit"):
        to_arrow([{**raw[0], "number_of_segments": 2**70}], MessageLog)
    with pytest.raises(ValueError, match="required field 'created_at'"):
        to_arrow([{k: v for k, v in raw[1].items() if k != "created_at"}], MessageLog)


def test_page_to_arrow_checks_the_page_first() -> None:
    fake = FakeSignalWire(message_logs=30, seed=2)
    links = {"self": "/api/messaging/logs", "first": "/api/messaging/logs"}
    big: dict[str, Any] = {"links": links, "data": [{**fake.messages.log(0, "", fake.project_id)}]}
    big["data"][0]["number_of_segments"] = 2**70  # valid JSON and a valid int, but not int64
    fake.inject(Status(200, body=big), path="/api/messaging/logs")
    page = next(iter(fake.client().message_logs.list().pages()))
    with pytest.raises(APIResponseValidationError, match="MessageLog"):
        page.to_arrow()
    good = next(iter(fake.client().message_logs.list(page_size=10).pages()))
    assert good.to_arrow().num_rows == 10


# -- Arrow's own JSON reader over the records as sent ---------------------------------------

_FAMILIES = [
    ("message_logs", MessageLog),
    ("fax_logs", FaxLog),
    ("voice_logs", VoiceLog),
    ("video_logs", VideoLog),
    ("conference_logs", ConferenceLog),
    ("cxml_messages", CxmlMessage),
]


def _native_only(monkeypatch: pytest.MonkeyPatch) -> None:
    """Make the decoded-records path fail, so a table can only come from Arrow's reader."""

    def refuse(*args: Any, **kwargs: Any) -> Any:
        raise AssertionError("the records were decoded, not read by Arrow")

    monkeypatch.setattr(arrow_module, "to_arrow", refuse)


@pytest.mark.parametrize("bursty", [False, True], ids=["even", "bursty"])
@pytest.mark.parametrize(("attribute", "model"), _FAMILIES, ids=[a for a, _ in _FAMILIES])
def test_the_native_reader_gives_the_table_the_decoded_records_give(
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    attribute: str,
    model: type[Any],
    bursty: bool,
) -> None:
    fake = FakeSignalWire(
        message_logs=500, fax_logs=300, voice_logs=600, video_logs=300, conference_logs=300,
        seed=11, bursty=bursty,
    )  # fmt: skip
    resource = getattr(fake.client(), attribute)
    deleted = {} if attribute == "cxml_messages" else {"include_deleted": True}
    output = tmp_path / "records.jsonl"  # each record exactly as sent, one per line
    export_logs(resource, output, **deleted)  # type: ignore[call-overload]
    sent = output.read_bytes()
    records = [json.loads(line) for line in sent.splitlines()]
    if attribute in ("voice_logs", "video_logs"):
        assert any("discarded_at" in r for r in records)  # deleted logs: three fields only
    for unknown in ("json", "columns"):
        expected = to_arrow(records, model, unknown=unknown)
        with monkeypatch.context() as patch:
            _native_only(patch)
            native = from_json_lines(sent, model, unknown=unknown)
        assert native.equals(expected), unknown
        assert native.num_rows == len(records)
    pages = list(resource.list(page_size=200, **deleted).pages())
    with monkeypatch.context() as patch:
        _native_only(patch)  # page.to_arrow() reads its bytes the same way
        tables = [page.to_arrow() for page in pages]
    whole = to_arrow(records, model)  # one dictionary per enum column, not one per page
    assert all(table.schema == whole.schema for table in tables)
    assert pa.concat_tables(tables).to_pylist() == whole.to_pylist()


def test_undocumented_fields_read_natively_land_where_they_did(
    fake: FakeSignalWire, monkeypatch: pytest.MonkeyPatch
) -> None:
    raw = _records(fake, "message_logs")[:6]
    raw[0] = {**raw[0], "carrier": {"name": "Acme", "mcc": 310}, "segments_billed": 2}
    raw[2] = {**raw[2], "segments_billed": 5, "note": None}
    raw[4] = {**raw[4], "charge_details": [{"description": "SMS", "charge": 1.5, "unit": "USD"}]}
    lines = [json.dumps(record).encode() for record in raw]
    for unknown in ("json", "columns"):
        with monkeypatch.context() as patch:
            _native_only(patch)
            native = from_json_lines(lines, MessageLog, unknown=unknown)
        assert native.equals(to_arrow(raw, MessageLog, unknown=unknown)), unknown
    extra = from_json_lines(lines, MessageLog).column(EXTRA_COLUMN).to_pylist()
    assert json.loads(extra[0]) == {"carrier": {"name": "Acme", "mcc": 310}, "segments_billed": 2}
    assert json.loads(extra[2]) == {"segments_billed": 5, "note": None} and extra[4] is None


@pytest.mark.parametrize(
    "change",
    [
        pytest.param(lambda line: line.replace(b'"to":', b'"to":"x","to":'), id="duplicate key"),
        pytest.param(lambda line: line.replace(b'"id":"', b'"id":"\\ud800'), id="lone surrogate"),
        pytest.param(lambda line: line.replace(b'"id":"', b'"id":"\\ud83d\\ude00 '), id="pair"),
        pytest.param(lambda line: line.replace(b'"id":"', '"id":"Ω '.encode()), id="utf-8"),
    ],
)
def test_what_arrows_reader_refuses_is_read_the_python_way(
    fake: FakeSignalWire, change: Any
) -> None:
    raw = _records(fake, "message_logs")[:3]
    lines = [json.dumps(record, separators=(",", ":")).encode() for record in raw]
    lines[1] = change(lines[1])
    decoded = [json.loads(line) for line in lines]
    try:
        expected = to_arrow(decoded, MessageLog)
    except ValueError as err:  # a lone surrogate is not Unicode: no string column holds it
        with pytest.raises(ValueError, match="do not fit"):
            from_json_lines(lines, MessageLog)
        assert "surrogate" in str(err)
    else:
        assert from_json_lines(lines, MessageLog).equals(expected)


def test_invalid_utf_8_and_values_that_do_not_fit_are_errors(fake: FakeSignalWire) -> None:
    raw = _records(fake, "message_logs")[:2]
    lines = [json.dumps(record).encode() for record in raw]
    with pytest.raises(ValueError):  # Arrow's reader would have taken the bytes as they are
        from_json_lines([lines[0].replace(b'"id": "', b'"id": "\xff'), lines[1]], MessageLog)
    big = json.dumps({**raw[0], "number_of_segments": 2**70}).encode()
    with pytest.raises(ValueError, match="do not fit"):
        from_json_lines([big], MessageLog)
    with pytest.raises(ValueError, match="required field 'created_at'"):
        from_json_lines([json.dumps({**raw[1], "created_at": None}).encode()], MessageLog)
    assert from_json_lines(b"", MessageLog).equals(to_arrow([], MessageLog))
