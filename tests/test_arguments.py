"""Arguments are checked before any request: dates, ranges and the cXML status filter."""

from __future__ import annotations

import datetime
import warnings
from typing import Any

import pytest

from signalwire_logs import ConfigurationError, CxmlMessageStatus
from signalwire_logs._dates import moment, parse_date

from helpers import Pager, make_async_client, make_client

UTC = datetime.UTC
PLUS_2 = datetime.timezone(datetime.timedelta(hours=2))


@pytest.mark.parametrize(
    ("arguments", "message"),
    [
        ({"created_after": "yesterday"}, r"created_after must be a date \('2024-05-01'"),
        ({"created_before": "2024-13-01"}, "created_before must be a date .* ISO 8601"),
        ({"created_after": "2024-05-01T25:00"}, "created_after must be"),
        ({"created_after": "\uff12\uff10\uff12\uff14-05-01"}, "created_after must be"),
        ({"created_after": object()}, "created_after must be"),
        ({"created_on": "2024-05-01T10:00:00Z"}, r"created_on must be a day \('2024-05-01'"),
        ({"created_on": datetime.datetime(2024, 5, 1)}, "created_on must be a day"),
        (
            {"created_after": "2024-06-01", "created_before": "2024-05-01"},
            "select nothing: created_after=2024-06-01, created_before=2024-05-01",
        ),
        ({"created_after": "2024-05-01", "created_before": "2024-05-01"}, "select nothing"),
        (
            {
                "created_after": datetime.datetime(2024, 5, 1, 12, tzinfo=UTC),
                "created_before": datetime.datetime(2024, 5, 1, 13, tzinfo=PLUS_2),  # 11:00Z
            },
            "select nothing",
        ),
        ({"created_on": "2024-05-01", "created_after": "2024-05-02"}, "select nothing"),
        ({"created_on": "2024-05-01", "created_before": "2024-05-01"}, "select nothing"),
    ],
)
@pytest.mark.parametrize("factory", [make_client, make_async_client])
def test_bad_date_filters_fail_before_any_request(
    factory: Any, arguments: dict[str, Any], message: str
) -> None:
    pager = Pager(10)
    with pytest.raises(ConfigurationError, match=message):
        factory(pager).fax_logs.list(**arguments)
    assert pager.requests == []


def _sent(**arguments: Any) -> dict[str, str]:
    pager = Pager(1)
    list(make_client(pager).fax_logs.list(**arguments))
    (request,) = pager.requests
    return {k: v for k, v in request.url.params.items() if k.startswith("created")}


def test_dates_are_sent_in_one_form_naive_datetimes_as_utc() -> None:
    naive = datetime.datetime(2024, 5, 1, 12, 30)
    aware = datetime.datetime(2024, 5, 1, 14, 30, tzinfo=PLUS_2)
    assert _sent(created_after=naive) == {"created_after": "2024-05-01T12:30:00Z"}
    assert _sent(created_after=aware) == {"created_after": "2024-05-01T12:30:00Z"}
    assert _sent(created_after="2024-05-01T12:30:00") == {"created_after": "2024-05-01T12:30:00Z"}
    assert _sent(created_after="2024-05-01T14:30+02:00") == {
        "created_after": "2024-05-01T12:30:00Z"
    }
    assert _sent(created_before=datetime.date(2024, 5, 2), created_on="2024-05-01") == {
        "created_before": "2024-05-02",
        "created_on": "2024-05-01",
    }


def test_one_meaning_of_a_date_for_every_caller() -> None:
    # The export engine and the CLI share these: a day is its midnight UTC, naive is UTC.
    assert moment("x", "2024-05-01") == datetime.datetime(2024, 5, 1, tzinfo=UTC)
    assert moment("x", datetime.date(2024, 5, 1)) == datetime.datetime(2024, 5, 1, tzinfo=UTC)
    assert moment("x", datetime.datetime(2024, 5, 1, 3)) == datetime.datetime(
        2024, 5, 1, 3, tzinfo=UTC
    )
    assert parse_date("x", "2024-05-01") == datetime.date(2024, 5, 1)
    assert moment("x", "2024-05-01T02:00:00+02:00").tzinfo is UTC


@pytest.mark.parametrize(
    ("arguments", "message"),
    [
        ({"date_sent": "2024-05-01T10:00:00Z"}, r"date_sent must be a day \('2024-05-01'"),
        ({"date_sent_after": datetime.datetime(2024, 5, 1)}, "date_sent_after must be a day"),
        ({"date_sent_before": "May 1"}, "date_sent_before must be a day"),
        (
            {"date_sent_after": "2024-05-02", "date_sent_before": "2024-05-01"},
            "select no day: date_sent_after=2024-05-02, date_sent_before=2024-05-01",
        ),
        ({"date_sent": "2024-05-01", "date_sent_after": "2024-05-02"}, "select no day"),
        ({"status": 3}, "status must be a string"),
    ],
)
def test_bad_cxml_filters_fail_before_any_request(arguments: dict[str, Any], message: str) -> None:
    pager = Pager(10)
    with pytest.raises(ConfigurationError, match=message):
        make_client(pager).cxml_messages.list(**arguments)
    assert pager.requests == []


def test_cxml_day_range_is_inclusive() -> None:
    pager = Pager(10)
    make_client(pager).cxml_messages.list(
        date_sent="2024-05-01", date_sent_after="2024-05-01", date_sent_before="2024-05-01"
    )
    assert pager.requests == []  # one day, accepted; nothing sent until iterated


def test_cxml_status_takes_the_documented_ones_and_warns_on_others() -> None:
    client = make_client(Pager(1))
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        client.cxml_messages.list(status="failed")
        client.cxml_messages.list(status=CxmlMessageStatus.UNDELIVERED)
    with pytest.warns(UserWarning, match="'Failed' is not a documented cXML") as caught:
        client.cxml_messages.list(status="Failed")
    assert caught[0].filename == __file__  # points at the caller's line
