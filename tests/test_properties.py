"""Whatever the server sends, the client returns a model or raises a SignalWireError.

Bodies are generated from the response schemas of spec/openapi.yaml (hypothesis-jsonschema),
then mutated the ways real servers drift: unknown enum values, extra fields, nulls, odd dates,
huge numbers, non-UUID ids, wrong types, missing fields, other statuses, non-JSON bodies.
"""

from __future__ import annotations

import copy
import gzip
import json
from itertools import islice
from typing import Any

import httpx
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from hypothesis_jsonschema import from_schema

from signalwire_logs import SignalWireError
from signalwire_logs.testing import FakeSignalWire

from conftest import deref
from helpers import PROJECT_ID, facade_methods, make_client

# Formats hypothesis-jsonschema does not know; they constrain nothing here anyway.
_UNKNOWN_FORMATS = {"double", "int32", "int64", "float"}

JSON = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(max_size=8),
    lambda inner: (
        st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=5), inner, max_size=3)
    ),
    max_leaves=8,
)
ODD_VALUES: st.SearchStrategy[Any] = st.sampled_from(
    [
        None,
        "",
        "not-a-uuid",
        "2024-13-45T99:99:99Z",
        "yesterday",
        "2024-05-06",
        "+99999-01-01T00:00:00Z",
        10**40,
        -(10**30),
        1e308,
        -0.0,
        True,
        [],
        {},
        "🙂" * 3,
        "refunded",
    ]
)


def _inline(node: Any, spec: dict[str, Any]) -> Any:
    if isinstance(node, dict):
        if "$ref" in node:
            return _inline(deref(spec, node["$ref"]), spec)
        inlined = {
            key: _inline(value, spec)
            for key, value in node.items()
            if not (key == "format" and value in _UNKNOWN_FORMATS)
        }
        if inlined.get("type") == "array":
            inlined.setdefault("maxItems", 3)  # big pages add time, not coverage
        return inlined
    if isinstance(node, list):
        return [_inline(item, spec) for item in node]
    return node


def _schema(spec: dict[str, Any], operation_id: str) -> dict[str, Any]:
    for item in spec["paths"].values():
        operation = item["get"]
        if operation["operationId"].replace("-", "_") == operation_id:
            schema = operation["responses"]["200"]["content"]["application/json"]["schema"]
            return dict(_inline(schema, spec))
    raise LookupError(operation_id)


def _objects(node: Any) -> list[dict[str, Any]]:
    """Every JSON object inside ``node``, itself included."""
    if isinstance(node, dict):
        return [node] + [found for value in node.values() for found in _objects(value)]
    if isinstance(node, list):
        return [found for value in node for found in _objects(value)]
    return []


def _fresh(draw: st.DrawFn) -> Any:
    # A copy: ODD_VALUES holds shared objects ([] and {}), and inserting one twice and then
    # mutating it would build a cycle no JSON document can have.
    return copy.deepcopy(draw(JSON | ODD_VALUES))


@st.composite
def _mutated(draw: st.DrawFn, body: Any) -> Any:
    """Change a few values anywhere in the body, or add and remove fields."""
    for _ in range(draw(st.integers(1, 4))):
        containers = _objects(body)
        if not containers:
            return _fresh(draw)
        target = draw(st.sampled_from(containers))
        action = draw(st.sampled_from(["set", "delete", "add"]))
        if action == "add" or not target:
            target[draw(st.text(min_size=1, max_size=6))] = _fresh(draw)
        elif action == "delete":
            del target[draw(st.sampled_from(sorted(target)))]
        else:
            target[draw(st.sampled_from(sorted(target)))] = _fresh(draw)
    return body


#: What each get asks for (see _call), and the account of a cXML message.
ASKED = "b7182dc2-00f3-40e4-a5ce-20f164b329df"


def _call(method: Any) -> Any:
    if method.__name__ == "list":
        return next(iter(method().pages()))
    return method(ASKED)


def _as_asked(operation: str, body: Any) -> Any:
    """``body`` made the record ``_call`` asks for (a get checks that its answer is)."""
    if not isinstance(body, dict):
        return body
    if operation == "get_cxml_message":
        return {**body, "sid": ASKED, "account_sid": PROJECT_ID}
    if operation == "list_voice_log_events" and isinstance(body.get("data"), list):
        events = [{**e, "log_id": ASKED} if isinstance(e, dict) else e for e in body["data"]]
        return {**body, "data": events}
    if operation.startswith("get_"):
        return {**body, "id": ASKED}
    return body


def _check(method_name: str, response: httpx.Response) -> None:
    client = make_client(lambda request: response, max_retries=0)
    method = next(
        m for op, m in facade_methods(client).items() if op.__name__.endswith(method_name)
    )
    try:
        result = _call(method)
    except SignalWireError:
        return
    assert result is not None


def _operations() -> list[str]:
    client = make_client(lambda request: httpx.Response(500))
    return sorted(op.__name__.rsplit(".", 1)[1] for op in facade_methods(client))


def _encode(body: Any) -> bytes:
    # json.dumps writes inf as `Infinity`, which Python's decoder accepts too: keep it.
    return json.dumps(body, allow_nan=True).encode()


PROPERTY = settings(
    max_examples=15,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)


@pytest.mark.parametrize("operation", _operations())
def test_valid_bodies_parse(operation: str, spec: dict[str, Any]) -> None:
    @PROPERTY
    @given(body=from_schema(_schema(spec, operation)))
    def check(body: Any) -> None:
        content = _encode(_as_asked(operation, body))
        client = make_client(lambda request: httpx.Response(200, content=content))
        method = next(
            m for op, m in facade_methods(client).items() if op.__name__.endswith(operation)
        )
        assert _call(method) is not None  # a valid body must parse, not merely not crash

    check()


def _realistic_bodies(operation: str) -> list[Any]:
    """Bodies as the fake server sends them for this operation (cheap to make, realistic)."""
    fake = FakeSignalWire(
        message_logs=20, fax_logs=20, voice_logs=8, video_logs=8, conference_logs=8, seed=5
    )
    http = httpx.Client(transport=fake.transport(), auth=(fake.project_id, fake.api_token))
    base = "https://fake.signalwire.com"
    paths = {
        "list_message_logs": ["/api/messaging/logs?page_size=3"],
        "list_fax_logs": ["/api/fax/logs?page_size=3"],
        "get_message_log": [f"/api/messaging/logs/{fake.messages.make_id(i)}" for i in range(6)],
        "get_fax_log": [f"/api/fax/logs/{fake.faxes.make_id(i)}" for i in range(6)],
        "list_voice_logs": ["/api/voice/logs?page_size=5&include_deleted=true"],
        "list_video_logs": ["/api/video/logs?page_size=5&include_deleted=true"],
        "list_conference_logs": ["/api/logs/conferences?page_size=5"],
        "list_cxml_messages": [f"/api/laml/2010-04-01/Accounts/{fake.project_id}/Messages"],
        "get_voice_log": [f"/api/voice/logs/{fake.voice.make_id(i)}" for i in range(6)],
        "get_video_log": [f"/api/video/logs/{fake.video.make_id(i)}" for i in range(6)],
        "list_voice_log_events": [
            f"/api/voice/logs/{fake.voice.make_id(i)}/events" for i in range(3)
        ],
        "get_cxml_message": [
            f"/api/laml/2010-04-01/Accounts/{fake.project_id}/Messages/{fake.messages.sid(i)}"
            for i in range(20)
            if fake.messages.is_laml(i)
        ],
    }
    bodies = [http.get(base + path).json() for path in paths[operation]]
    assert bodies, operation
    return bodies


@pytest.mark.parametrize("operation", _operations())
def test_mutated_bodies_parse_or_raise_signalwire_errors(operation: str) -> None:
    @settings(PROPERTY, max_examples=50)
    @given(data=st.data())
    def check(data: st.DataObject) -> None:
        body = copy.deepcopy(data.draw(st.sampled_from(bodies)))
        body = data.draw(_mutated(body))
        _check(operation, httpx.Response(200, content=_encode(body)))

    bodies = _realistic_bodies(operation)
    check()


@pytest.mark.parametrize("operation", _operations())
def test_any_status_and_body_raises_only_signalwire_errors(operation: str) -> None:
    @PROPERTY
    @given(
        status=st.integers(100, 999).filter(lambda s: not 200 <= s < 300) | st.just(200),
        content=st.binary(max_size=64) | JSON.map(_encode),
        headers=st.dictionaries(
            st.sampled_from(["retry-after", "content-type", "location", "x-request-id"]),
            st.text(alphabet=st.characters(min_codepoint=32, max_codepoint=126), max_size=20),
        ),
    )
    def check(status: int, content: bytes, headers: dict[str, str]) -> None:
        if status < 200 and status != 101:
            status = 200  # httpx treats 1xx as interim; a final 1xx is not a real answer
        _check(operation, httpx.Response(status, content=content, headers=headers))

    check()


def test_mutation_reaches_the_models(spec: dict[str, Any]) -> None:
    """The mutations above are worth something only if some of them are rejected."""
    body = {"id": 5, "status": None}
    with pytest.raises(SignalWireError):
        _call_raising("get_fax_log", body)


def _call_raising(operation: str, body: Any) -> None:
    client = make_client(lambda request: httpx.Response(200, content=_encode(body)), max_retries=0)
    method = next(m for op, m in facade_methods(client).items() if op.__name__.endswith(operation))
    _call(method)


# -- the network's failures, not only the server's answers -----------------------------------

_HTTPX_ERRORS = sorted(
    {
        cls
        for cls in vars(httpx).values()
        if isinstance(cls, type)
        and issubclass(cls, Exception)
        and cls.__module__.startswith("httpx")
        # Raised only by response.raise_for_status() and by reading a cookie jar.
        and not issubclass(cls, httpx.HTTPStatusError | httpx.CookieConflict)
    },
    key=lambda cls: cls.__name__,
)
_ENCODINGS = ["gzip", "deflate", "br", "zstd", "gzip, gzip", "identity", "x-gzip", "compress"]


def _raising(cls: type[Exception]) -> Any:
    def handler(request: httpx.Request) -> httpx.Response:
        if issubclass(cls, httpx.RequestError):
            raise cls("boom", request=request)
        try:
            error = cls("boom")
        except TypeError:  # StreamConsumed & co take no message
            error = cls()
        raise error

    return handler


@st.composite
def _network_failures(draw: st.DrawFn, bodies: list[Any]) -> Any:
    """A transport that raises any httpx error, or streams a body that lies about itself."""
    kind = draw(st.sampled_from(["raise", "encoding", "too-large", "next-link"]))
    if kind == "raise":
        return _raising(draw(st.sampled_from(_HTTPX_ERRORS)))
    body = copy.deepcopy(draw(st.sampled_from(bodies)))
    content = _encode(body)
    headers: dict[str, str] = {"content-type": "application/json"}
    if kind == "encoding":
        headers["content-encoding"] = draw(st.sampled_from(_ENCODINGS))
        packed = gzip.compress(content) if "gzip" in headers["content-encoding"] else content
        content = draw(st.sampled_from([packed, content, packed[: len(packed) // 2], b""]))
    elif kind == "too-large":
        content += b" " * draw(st.integers(1, 4096))
    elif isinstance(body, dict) and isinstance(body.get("links"), dict):
        body["links"]["next"] = draw(JSON | st.text(max_size=40) | ODD_VALUES)
        content = _encode(body)
    elif isinstance(body, dict) and "next_page_uri" in body:
        body["next_page_uri"] = draw(JSON | st.text(max_size=40) | ODD_VALUES)
        content = _encode(body)

    def handler(request: httpx.Request) -> httpx.Response:
        return httpx.Response(200, headers=headers, stream=httpx.ByteStream(content))

    return handler


@pytest.mark.parametrize("operation", _operations())
def test_network_failures_raise_only_signalwire_errors(operation: str) -> None:
    @settings(PROPERTY, max_examples=30)
    @given(data=st.data())
    def check(data: st.DataObject) -> None:
        handler = data.draw(_network_failures(bodies))
        largest = max(len(_encode(body)) for body in bodies)
        client = make_client(handler, max_retries=0, max_response_bytes=largest + 512)
        method = next(
            m for op, m in facade_methods(client).items() if op.__name__.endswith(operation)
        )
        try:
            if method.__name__ == "list":
                list(islice(method().pages(), 3))  # far enough to follow a next link
            else:
                _call(method)
        except SignalWireError:
            pass

    bodies = _realistic_bodies(operation)
    check()
