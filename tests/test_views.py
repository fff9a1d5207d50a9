"""Views beside the fields: cXML dates as datetimes, and money as one type in every family."""

from __future__ import annotations

import datetime
from decimal import Decimal
from typing import Any

import httpx
import pytest

from signalwire_logs import (
    ConferenceLog,
    CxmlMessage,
    FaxLog,
    FieldValueError,
    MessageLog,
    SignalWireError,
    VoiceLog,
)
from signalwire_logs_api.types import UNSET

from conftest import load_example
from helpers import make_client, sequence

UTC = datetime.UTC


def test_cxml_dates_are_datetimes_beside_the_raw_strings() -> None:
    raw = {
        **load_example("cxml_message"),
        "date_sent": "Mon, 13 Aug 2018 23:38:46 +0200",
        "date_updated": "Mon, 13 Aug 2018 21:38:46 -0000",  # RFC 2822: zone unknown -> UTC
    }
    message = CxmlMessage.from_dict(raw)
    assert message.date_created == "Mon, 13 Aug 2018 21:38:46 +0000"  # kept as sent
    assert message.date_created_datetime == datetime.datetime(2018, 8, 13, 21, 38, 46, tzinfo=UTC)
    assert message.date_sent_datetime == message.date_created_datetime  # same instant
    assert message.date_updated_datetime.tzinfo is not None
    assert message.date_updated_datetime == message.date_created_datetime
    assert CxmlMessage.from_dict({**raw, "date_sent": None}).date_sent_datetime is None
    assert message.to_dict() == raw


@pytest.mark.parametrize(
    "bad", ["yesterday", "Mon, 13 Aug 2018", "", "Mon, 31 Feb 2018 21:38:46 +0000"]
)
def test_a_cxml_date_upstream_types_as_a_string_is_kept_and_its_view_fails_when_read(
    bad: str,
) -> None:
    # SignalWire's spec types the cXML dates as plain strings: the record is accepted as
    # sent, and only the datetime view, when read, raises (a typed error, not ValueError).
    raw = {**load_example("cxml_message"), "date_created": bad, "date_sent": bad}
    message = CxmlMessage.from_dict(raw)
    assert message.date_created == bad and message.to_dict() == raw
    for view in ("date_created_datetime", "date_sent_datetime"):
        with pytest.raises(FieldValueError, match=rf"CxmlMessage\.{view[:-9]} is ") as caught:
            getattr(message, view)
        assert isinstance(caught.value, SignalWireError) and caught.value.value == bad
    assert message.date_updated_datetime.tzinfo is not None  # the other views still read
    handler, _ = sequence(httpx.Response(200, json=raw))
    client = make_client(handler, project_id=raw["account_sid"])
    assert client.cxml_messages.get(raw["sid"]).date_sent == bad


def _conference(charge: Any, detail: Any) -> dict[str, Any]:
    return {
        "id": "c1",
        "type": "video_conference",
        "created_at": "2025-03-11T01:49:51Z",
        "status": "completed",
        "charge": charge,
        "charge_details": [{"description": "Tax", "charge": detail}],
    }


def test_money_is_a_decimal_in_every_family() -> None:
    message = MessageLog.from_dict(load_example("message_log"))
    fax = FaxLog.from_dict(load_example("fax_log"))
    cxml = CxmlMessage.from_dict(load_example("cxml_message"))
    conference = ConferenceLog.from_dict(_conference("0.50", "0.00415"))
    amounts = [
        message.charge_decimal,
        fax.charge_decimal,
        cxml.price_decimal,
        conference.charge_decimal,
    ]
    assert all(isinstance(a, Decimal) for a in amounts)
    assert cxml.price_decimal == Decimal("0.005")  # the digits sent, not 0.005000000000000000104
    assert conference.charge_decimal == Decimal("0.50") and conference.charge == "0.50"
    assert conference.charge_details is not UNSET
    assert conference.charge_details[0].charge_decimal == Decimal("0.00415")
    details = message.charge_details
    assert all(isinstance(d.charge_decimal, Decimal) for d in details)
    assert sum((Decimal("0.1"), Decimal("0.2"))) == Decimal("0.3")  # why Decimal, not float
    assert (
        VoiceLog.from_dict({"id": "v", "created_at": "2024-05-01T00:00:00Z"}).charge_decimal
        is UNSET
    )
    assert (
        CxmlMessage.from_dict({**load_example("cxml_message"), "price": None}).price_decimal is None
    )


@pytest.mark.parametrize("bad", ["free", "NaN", "-Infinity", "1,50", ""])
def test_a_conference_charge_upstream_types_as_a_string_is_kept_and_its_view_fails(
    bad: str,
) -> None:
    raw = _conference(bad, bad)
    conference = ConferenceLog.from_dict(raw)
    assert conference.charge == bad and conference.to_dict()["charge"] == bad
    with pytest.raises(FieldValueError, match=r"ConferenceLog\.charge is .*, not an amount"):
        _ = conference.charge_decimal
    assert conference.charge_details is not UNSET
    with pytest.raises(FieldValueError, match=r"ConferenceChargeDetail\.charge is "):
        _ = conference.charge_details[0].charge_decimal
    handler, _ = sequence(
        httpx.Response(200, json={"links": {"self": "s", "first": "f"}, "data": [raw]})
    )
    (listed,) = make_client(handler).conference_logs.list()
    assert listed.charge == bad


@pytest.mark.parametrize("bad", [{"amount": 1}, 0.5, None, ["0.5"]])
def test_a_conference_charge_of_another_json_type_fails_when_built(bad: Any) -> None:
    with pytest.raises(TypeError, match=r"charge is .*, where the spec has a string"):
        ConferenceLog.from_dict(_conference(bad, "0.1"))
    with pytest.raises(TypeError, match=r"charge_details\[\]\.charge is "):
        ConferenceLog.from_dict(_conference("0.1", bad))


def test_a_view_of_a_number_that_is_no_amount_is_a_typed_error() -> None:
    # json.loads reads NaN and Infinity (msgspec does not): a number no Decimal can sum.
    log = MessageLog.from_dict({**load_example("message_log"), "charge": float("nan")})
    with pytest.raises(FieldValueError, match=r"MessageLog\.charge is nan, not an amount"):
        _ = log.charge_decimal
