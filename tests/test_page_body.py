"""A list answer is cut once into a PageBody: the envelope decoded, each record as sent.

Whichever cutter runs (msgspec, or the json module for what msgspec refuses), every record is
the exact bytes the server sent: one record a decoder refuses never changes its neighbours.
"""

from __future__ import annotations

import json
from typing import Any

import msgspec
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from signalwire_logs._page_body import NotAPage, PageBody, cut_page

#: Records as a server might write them: numbers and escapes json.dumps would not produce.
RECORDS = [
    b'{"id": "a", "v": 1.10, "created_at": "2024-05-01T00:00:00Z"}',
    b'{"id":"b","n":1E2,"e":"\\u00e9","created_at":"2024-05-02T00:00:00Z"}',
    b'{ "id" : "c" , "big": 123456789012345678901234567890, "created_at": "2024-05-03T00:00:00Z" }',
]


def _answer(records: list[bytes], head: bytes = b'"links": {"self": "s", "first": "f"}') -> bytes:
    return b"{" + head + b', "data": [' + b", ".join(records) + b"]}"


@pytest.mark.parametrize(
    "odd",
    [rb'"\ud800"', b"NaN", b"-Infinity", b"1e400", rb'"\udfff\ud800"'],
    ids=["surrogate", "nan", "infinity", "huge", "reversed-pair"],
)
def test_one_refused_record_leaves_every_record_as_sent(odd: bytes) -> None:
    records = [*RECORDS[:1], b'{"id": "x", "odd": ' + odd + b"}", *RECORDS[1:]]
    body = cut_page(_answer(records), "data", "id")
    assert [bytes(raw) for raw in body.records] == records
    assert [bytes(line) for line in body.lines()] == records
    assert body.ids() == ["a", "x", "b", "c"]
    assert body.head == {"links": {"self": "s", "first": "f"}}
    decoded = body.decoded()
    assert decoded[0] == {"id": "a", "v": 1.1, "created_at": "2024-05-01T00:00:00Z"}
    assert decoded[3]["big"] == 123456789012345678901234567890  # exact, either way


def test_a_refused_envelope_leaves_every_record_as_sent() -> None:
    content = _answer(RECORDS, head=b'"note": "\\ud800", "links": {"self": "s", "first": "f"}')
    body = cut_page(content, "data", "id")
    assert [bytes(raw) for raw in body.records] == RECORDS
    assert body.head["note"] == "\ud800"


def test_an_answer_in_another_charset_is_cut_and_each_record_reencoded_as_utf8() -> None:
    records = ['{"id": "a", "name": "Zoë"}', '{"id": "b", "name": "Åsa"}']
    content = ('{"data": [' + ", ".join(records) + "]}").encode("latin-1")
    body = cut_page(content, "data", "id", charset="latin-1")
    assert [bytes(raw) for raw in body.records] == [r.encode() for r in records]


def test_lines_put_a_record_sent_over_several_lines_on_one() -> None:
    record = b'{\n  "id": "a",\r\n  "v": 1.10\n}'
    body = cut_page(b'{"data": [' + record + b"]}", "data", "id")
    assert bytes(body.records[0]) == record
    assert [bytes(line) for line in body.lines()] == [b'{   "id": "a",    "v": 1.10 }']


def test_times_and_ids_are_read_in_one_pass_and_kept() -> None:
    body = cut_page(_answer(RECORDS), "data", "id")
    times = body.times("created_at")
    assert times == [f"2024-05-0{i}T00:00:00Z" for i in (1, 2, 3)]
    assert body.ids() == ["a", "b", "c"] and body.times("created_at") is times
    assert body.times("missing") == [msgspec.UNSET] * 3


def test_a_time_that_is_not_a_string_is_read_as_decoded_for_the_caller_to_refuse() -> None:
    records = [RECORDS[0], b'{"id": "b", "created_at": 17}', b'{"id": "c", "odd": NaN}']
    body = cut_page(_answer(records), "data", "id")
    assert body.times("created_at") == ["2024-05-01T00:00:00Z", 17, msgspec.UNSET]
    assert body.ids() == ["a", "b", "c"]


def test_records_are_built_one_at_a_time_and_their_ids_kept() -> None:
    body = cut_page(_answer(RECORDS), "data", "id")
    assert body.first_id() == "a"
    built = body.models(dict, lambda record, error: error)
    assert next(built) == json.loads(RECORDS[0])
    assert [record["id"] for record in built] == ["b", "c"]
    assert body.ids() == ["a", "b", "c"]


def test_a_record_its_model_refuses_is_reported_decoded() -> None:
    body = cut_page(_answer([*RECORDS[:1], b'{"id": "bad", "n": NaN}']), "data", "id")

    def build(record: dict[str, Any]) -> dict[str, Any]:
        if record["id"] == "bad":
            raise ValueError("no")
        return record

    reported: list[Any] = []

    def invalid(record: Any, error: Exception) -> Exception:
        reported.append(record)
        return RuntimeError(error)

    with pytest.raises(RuntimeError):
        list(body.models(build, invalid))
    assert reported[0]["id"] == "bad"


@pytest.mark.parametrize(
    ("content", "data"),
    [
        (b'{"links": {}}', {"links": {}}),
        (b'{"data": {}}', {"data": {}}),
        (b"[1, 2]", [1, 2]),
        (b'"text"', "text"),
        (b'{"data": {}, "x": NaN}', None),  # the json module's reading: NaN != NaN
        (b'{"data": [], "data": 5}', {"data": 5}),  # the last key counts, as in json.loads
    ],
)
def test_json_of_another_shape_is_not_a_page(content: bytes, data: Any) -> None:
    with pytest.raises(NotAPage) as caught:
        cut_page(content, "data", "id")
    if data is not None:
        assert caught.value.data == data


@pytest.mark.parametrize(
    "content", [b"", b"<html>", b'{"data": [1, 2', b'{"data": []} tail', b'{"data": [1,]}']
)
def test_what_is_not_json_is_a_value_error(content: bytes) -> None:
    with pytest.raises(ValueError) as caught:
        cut_page(content, "data", "id")
    assert not isinstance(caught.value, NotAPage)


_scalars = st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text()
_json = st.recursive(
    _scalars,
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(), inner, max_size=3),
    max_leaves=8,
)


@settings(max_examples=100, deadline=None)
@given(
    records=st.lists(st.dictionaries(st.text(max_size=5), _json, max_size=4), max_size=5),
    indent=st.sampled_from([None, 1, "\t"]),
    refuse=st.booleans(),
)
def test_both_cutters_give_every_record_as_sent(
    records: list[dict[str, Any]], indent: int | str | None, refuse: bool
) -> None:
    # Each record written on its own (any layout the json module writes), the answer joined
    # around them; a lone surrogate in the envelope sends it to the json module's cutter.
    texts = [json.dumps(record, indent=indent).encode() for record in records]
    head = b'"note": "\\ud800", ' if refuse else b""
    content = b"{" + head + b'"data": [\n' + b" ,\n".join(texts) + b"\n]}"
    body = cut_page(content, "data", "id")
    assert [bytes(raw) for raw in body.records] == texts
    assert body.decoded() == records
    assert isinstance(body, PageBody) and len(body) == len(records)
