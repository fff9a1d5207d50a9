"""The generated models parse every documented example and survive what the server may add."""

from __future__ import annotations

import copy
import datetime
from typing import Any

import pytest

from signalwire_logs_api.models import (
    CxmlMessage,
    FaxLog,
    FaxLogListResponse,
    FaxLogStatus,
    MessageLog,
    MessageLogDirection,
    MessageLogStatus,
)

from conftest import load_example

MODELS: list[tuple[str, Any]] = [
    ("message_log", MessageLog),
    ("fax_log", FaxLog),
    ("fax_log_list", FaxLogListResponse),
    ("cxml_message", CxmlMessage),
]


def _same_instant(value: Any) -> Any:
    """Normalise date-times: `Z` comes back as `+00:00`, the same instant."""
    if isinstance(value, dict):
        return {key: _same_instant(item) for key, item in value.items()}
    if isinstance(value, list):
        return [_same_instant(item) for item in value]
    if isinstance(value, str) and len(value) >= 20 and value[10:11] == "T":
        return datetime.datetime.fromisoformat(value)
    return value


@pytest.mark.parametrize(("name", "model"), MODELS)
def test_documented_example_round_trips(name: str, model: Any) -> None:
    example = load_example(name)
    parsed = model.from_dict(example)
    assert _same_instant(parsed.to_dict()) == _same_instant(example)


def test_message_log_error_fields() -> None:
    log = MessageLog.from_dict(load_example("message_log"))
    assert log.error_code == "21601"
    assert log.error_message == "From number is not a SMS-capable phone number."
    assert log.status is MessageLogStatus.FAILED
    assert log.created_at == datetime.datetime(2024, 5, 6, 12, 20, tzinfo=datetime.UTC)
    ok = MessageLog.from_dict({**load_example("message_log"), "error_code": None})
    assert ok.error_code is None


def test_unknown_enum_values_parse_as_strings() -> None:
    example = {**load_example("message_log"), "status": "read", "direction": "sideways"}
    log = MessageLog.from_dict(example)
    assert log.status == "read" and not isinstance(log.status, MessageLogStatus)
    assert log.direction == "sideways" and not isinstance(log.direction, MessageLogDirection)
    assert log.to_dict()["status"] == "read"


def test_unknown_fax_status_inside_a_page_parses() -> None:
    page = copy.deepcopy(load_example("fax_log_list"))
    page["data"][0]["status"] = "partially-delivered"
    parsed = FaxLogListResponse.from_dict(page)
    assert parsed.data[0].status == "partially-delivered"
    page["data"][0]["status"] = "completed"
    assert FaxLogListResponse.from_dict(page).data[0].status is FaxLogStatus.COMPLETED


def test_added_fields_are_kept_and_emitted() -> None:
    example = {**load_example("fax_log"), "billing_group": "north"}
    fax = FaxLog.from_dict(example)
    assert fax["billing_group"] == "north"
    assert fax.to_dict()["billing_group"] == "north"


def test_nullable_fax_fields() -> None:
    example = {**load_example("fax_log"), "direction": None, "quality": None}
    example |= {"number_of_pages": None, "from": None, "remote_station": None}
    fax = FaxLog.from_dict(example)
    assert (fax.direction, fax.quality, fax.number_of_pages, fax.from_) == (None, None, None, None)


def test_cxml_message_keeps_non_uuid_identifiers() -> None:
    message = CxmlMessage.from_dict(load_example("cxml_message"))
    assert message.messaging_service_sid == "b3877c40-da60-4998-90ad-b792e98472ms"
    media = message.subresource_uris.media
    assert isinstance(media, str) and media.endswith("/Media.json")


# -- nested records built on first access (spec/templates/model.py.jinja) ---------------------


def test_a_parsed_model_equals_one_built_by_hand() -> None:
    example = load_example("fax_log")
    parsed = FaxLog.from_dict(example)
    built = FaxLog(
        **{field.name.lstrip("_"): getattr(parsed, field.name) for field in _init_fields(FaxLog)}
    )
    built.additional_properties = {}
    assert parsed == built and repr(parsed) == repr(built)
    assert FaxLog.from_dict(example) == FaxLog.from_dict(example)
    assert FaxLog.from_dict(example) != FaxLog.from_dict({**example, "status": "failed"})


def _init_fields(model: Any) -> list[Any]:
    import attrs

    return [field for field in attrs.fields(model) if field.init]


def test_deferred_fields_copy_pickle_and_evolve() -> None:
    import pickle

    import attrs

    log = MessageLog.from_dict(load_example("message_log"))
    assert copy.deepcopy(log) == log and pickle.loads(pickle.dumps(log)) == log
    assert attrs.evolve(log, error_code="30001").error_code == "30001"
    assert attrs.evolve(log, error_code="30001").error_message == log.error_message


def test_setting_a_field_before_reading_it_wins() -> None:
    log = MessageLog.from_dict(load_example("message_log"))
    log.status = MessageLogStatus.DELIVERED
    assert log.status is MessageLogStatus.DELIVERED
    assert log.to_dict()["status"] == "delivered"


def test_unknown_attributes_still_raise() -> None:
    log = MessageLog.from_dict(load_example("message_log"))
    assert not hasattr(log, "no_such_field")
    with pytest.raises(AttributeError, match="no_such_field"):
        log.no_such_field  # type: ignore[attr-defined]  # noqa: B018


def test_missing_required_fields_fail_in_from_dict_not_later() -> None:
    example = load_example("message_log")
    for field in ("status", "error_code", "id", "created_at"):
        broken = {k: v for k, v in example.items() if k != field}
        with pytest.raises(KeyError, match=field):
            MessageLog.from_dict(broken)
    with pytest.raises(ValueError):
        MessageLog.from_dict({**example, "created_at": "yesterday"})


def test_extra_fields_are_kept() -> None:
    log = MessageLog.from_dict({**load_example("message_log"), "segments_billed": 2})
    assert log.additional_properties == {"segments_billed": 2}
    assert MessageLog.from_dict(load_example("message_log")).additional_properties == {}


def test_nested_records_are_checked_in_from_dict_and_built_on_access() -> None:
    from signalwire_logs_api.models import ChargeDetail

    example = load_example("message_log")
    log = MessageLog.from_dict(example)
    assert not _is_set(log, "charge_details")  # not built by from_dict...
    assert all(isinstance(item, ChargeDetail) for item in log.charge_details)  # ...but on access
    assert log.charge_details[0].charge == example["charge_details"][0]["charge"]
    assert _is_set(log, "charge_details")
    broken = {**example, "charge_details": [{"description": "SMS"}]}
    with pytest.raises(KeyError, match="charge_details: missing \\['charge'\\]"):
        MessageLog.from_dict(broken)
    with pytest.raises(
        TypeError, match="charge_details\\[\\] is a string, where the spec has an object"
    ):
        MessageLog.from_dict({**example, "charge_details": ["not a record"]})
    # The nested records' own fields are checked too, though they are built later.
    wrong = {**example, "charge_details": [{"description": "SMS", "charge": "0.1"}]}
    with pytest.raises(TypeError, match=r"charge_details\[\]\.charge is a string"):
        MessageLog.from_dict(wrong)


def _is_set(model: Any, name: str) -> bool:
    """Whether the slot holds a value, without triggering the model's __getattr__."""
    try:
        object.__getattribute__(model, name)
    except AttributeError:
        return False
    return True


def test_unset_fields_read_well_and_survive_pickle_and_copy() -> None:
    import copy
    import pickle

    from signalwire_logs_api.models import VoiceLog
    from signalwire_logs_api.types import UNSET

    deleted = {
        "id": "x",
        "discarded_at": "2024-05-06T12:20:00Z",
        "created_at": "2024-05-01T00:00:00Z",
    }
    log = VoiceLog.from_dict(deleted)
    assert "status=UNSET" in repr(log) and "object at 0x" not in repr(log)
    for clone in (pickle.loads(pickle.dumps(log)), copy.deepcopy(log)):
        assert clone.status is UNSET and clone == log
        assert (
            clone.to_dict()
            == log.to_dict()
            == {
                **deleted,
                "created_at": "2024-05-01T00:00:00+00:00",
                "discarded_at": "2024-05-06T12:20:00+00:00",
            }
        )


def test_optional_nested_records_are_checked_too() -> None:
    from signalwire_logs_api.models import VoiceLog
    from signalwire_logs_api.types import UNSET

    call = {"id": "x", "created_at": "2024-05-01T00:00:00Z", "type": "laml_call"}
    assert VoiceLog.from_dict(call).charge_details is UNSET
    priced = VoiceLog.from_dict({**call, "charge_details": [{"description": "d", "charge": 1.5}]})
    assert not _is_set(priced, "charge_details")
    assert isinstance(priced.charge_details, list) and priced.charge_details[0].charge == 1.5
    with pytest.raises(KeyError, match="charge_details: missing"):
        VoiceLog.from_dict({**call, "charge_details": [{"description": "d"}]})


def test_nullable_dates_parse_or_fail_in_from_dict() -> None:
    import datetime

    from signalwire_logs_api.models import VideoLog
    from signalwire_logs_api.types import UNSET

    base = {"id": "x", "created_at": "2022-01-01T10:00:00Z"}
    session = VideoLog.from_dict({**base, "started_at": "2022-01-01T10:00:00Z", "ended_at": None})
    assert session.started_at == datetime.datetime(2022, 1, 1, 10, tzinfo=datetime.UTC)
    assert session.ended_at is None and VideoLog.from_dict(base).started_at is UNSET
    with pytest.raises(ValueError):
        VideoLog.from_dict({**base, "started_at": "at ten"})  # not kept as a string
