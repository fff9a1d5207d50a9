"""Views beside the fields: cXML dates as datetimes, and money as one type in every family."""

from __future__ import annotations

import datetime
from decimal import Decimal
from typing import Any

import httpx
import pytest

from signalwire_logs import (
    APIResponseValidationError,
    ConferenceLog,
    CxmlMessage,
    FaxLog,
    MessageLog,
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


@pytest.mark.parametrize("bad", ["yesterday", "Mon, 13 Aug 2018", ""])
def test_a_malformed_cxml_date_fails_when_the_record_is_built(bad: str) -> None:
    raw = {**load_example("cxml_message"), "date_created": bad}
    with pytest.raises(ValueError):
        CxmlMessage.from_dict(raw)
    handler, _ = sequence(httpx.Response(200, json=raw))
    with pytest.raises(APIResponseValidationError):
        make_client(handler).cxml_messages.get(raw["sid"])


def _conference(charge: Any, detail: Any) -> dict[str, Any]:
    return {
        "id": "c1",
        "type": "video_conference",
        "created_at": "2025-03-11T01:49:51Z",
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


@pytest.mark.parametrize("bad", ["free", "NaN", {"amount": 1}])
def test_a_conference_charge_that_is_no_amount_fails_when_built(bad: Any) -> None:
    with pytest.raises((ValueError, TypeError)):
        ConferenceLog.from_dict(_conference(bad, "0.1"))
