"""The fake keeps SignalWire's contract, and every response it sends validates against the spec."""

from __future__ import annotations

import json
import re
from typing import Any

import httpx
import pytest

from signalwire_logs import (
    APIResponseValidationError,
    APIStatusError,
    AuthenticationError,
    InternalServerError,
    NotFoundError,
    RateLimitError,
    SignalWireLogs,
    UnprocessableEntityError,
)
from signalwire_logs.testing import (
    HTML,
    BadJSON,
    Delay,
    Drop,
    Empty,
    FakeSignalWire,
    Redirect,
    Status,
    Truncate,
)

from conftest import response_validator

LISTS = {"/api/messaging/logs": "message_logs", "/api/fax/logs": "fax_logs"}
TEMPLATES = [
    (re.compile(r"^/api/messaging/logs$"), "/api/messaging/logs"),
    (re.compile(r"^/api/fax/logs$"), "/api/fax/logs"),
    (re.compile(r"^/api/messaging/logs/[^/]+$"), "/api/messaging/logs/{id}"),
    (re.compile(r"^/api/fax/logs/[^/]+$"), "/api/fax/logs/{id}"),
    (
        re.compile(r"^/api/laml/2010-04-01/Accounts/[^/]+/Messages/[^/]+$"),
        "/api/laml/2010-04-01/Accounts/{AccountSid}/Messages/{Sid}",
    ),
]


class SpecCheckingTransport(httpx.BaseTransport):
    """Wraps the fake's transport and validates every body it sends against the spec."""

    def __init__(self, fake: FakeSignalWire, spec: dict[str, Any]) -> None:
        self.inner = fake.transport()
        self.spec = spec
        self.checked: list[tuple[str, int]] = []

    def handle_request(self, request: httpx.Request) -> httpx.Response:
        response = self.inner.handle_request(request)
        response.read()
        template = next(t for pattern, t in TEMPLATES if pattern.match(request.url.path))
        validator = response_validator(self.spec, template, str(response.status_code))
        errors = [e.message for e in validator.iter_errors(response.json())]
        assert errors == [], f"{request.url} -> {response.status_code}: {errors[:3]}"
        self.checked.append((template, response.status_code))
        return response


@pytest.fixture
def fake() -> FakeSignalWire:
    return FakeSignalWire(message_logs=1_234, fax_logs=345, seed=3)


@pytest.fixture
def checked(fake: FakeSignalWire, spec: dict[str, Any]) -> SpecCheckingTransport:
    return SpecCheckingTransport(fake, spec)


def _client(fake: FakeSignalWire, transport: httpx.BaseTransport, **kw: Any) -> SignalWireLogs:
    return SignalWireLogs(
        project_id=fake.project_id,
        api_token=fake.api_token,
        base_url="https://fake.signalwire.com",
        http_client=httpx.Client(transport=transport),
        **kw,
    )


def test_every_response_of_a_full_walk_validates(
    fake: FakeSignalWire, checked: SpecCheckingTransport
) -> None:
    client = _client(fake, checked)
    messages = list(client.message_logs.list(page_size=100, include_deleted=True))
    faxes = list(client.fax_logs.list(page_size=1000))
    assert len(messages) == 1_234 and len(faxes) < 345  # some fax logs are deleted
    for log in messages[:40]:
        assert client.message_logs.get(log.id).id == log.id
        if log.url:
            assert client.cxml_messages.get_for_log(log).status == log.status
    assert client.fax_logs.get(faxes[0].id).id == faxes[0].id
    templates = {t for t, status in checked.checked if status == 200}
    assert templates == {t for _, t in TEMPLATES}


@pytest.mark.parametrize(
    ("call", "error"),
    [
        (lambda c: c.fax_logs.get("00000000-0000-4000-8000-000000000000"), NotFoundError),
        (lambda c: c.message_logs.get("00000000-0000-4000-8000-000000000000"), NotFoundError),
        (lambda c: c.cxml_messages.get("00000000-0000-4000-8000-000000000000"), NotFoundError),
        (
            lambda c: list(c.message_logs.list(page_number=3, page_token="PAforged-token")),
            UnprocessableEntityError,
        ),
    ],
)
def test_error_responses_validate(
    fake: FakeSignalWire, checked: SpecCheckingTransport, call: Any, error: type[Exception]
) -> None:
    with pytest.raises(error):
        call(_client(fake, checked))
    assert checked.checked[-1][1] in (404, 422)


@pytest.mark.parametrize(
    "query", ["/api/fax/logs?created_on=June", "/api/messaging/logs?created_after=2024-13-45"]
)
def test_bad_dates_get_the_spec_422(
    fake: FakeSignalWire, checked: SpecCheckingTransport, query: str
) -> None:
    # The client refuses these before sending (tests/test_arguments.py): ask without it.
    http = httpx.Client(transport=checked, auth=(fake.project_id, fake.api_token))
    assert http.get(f"https://fake.signalwire.com{query}").status_code == 422
    assert checked.checked[-1][1] == 422


def test_bad_credentials_get_the_spec_401(fake: FakeSignalWire, spec: dict[str, Any]) -> None:
    client = SignalWireLogs(
        project_id=fake.project_id,
        api_token="wrong",
        base_url="https://fake.signalwire.com",
        http_client=httpx.Client(transport=fake.transport()),
    )
    with pytest.raises(AuthenticationError) as caught:
        client.fax_logs.get("00000000-0000-4000-8000-000000000000")
    assert caught.value.body == {"error": "Unauthorized"}
    assert response_validator(spec, "/api/fax/logs/{id}", "401").is_valid(caught.value.body)


def _raw(fake: FakeSignalWire, url: str) -> httpx.Response:
    http = httpx.Client(transport=fake.transport(), auth=(fake.project_id, fake.api_token))
    return http.get(f"https://example.signalwire.com{url}")


def test_links_are_shaped_like_seed_003(fake: FakeSignalWire) -> None:
    first = _raw(fake, "/api/fax/logs").json()
    links = first["links"]
    assert len(first["data"]) == 50  # the default page size
    base = "https://example.signalwire.com/api/fax/logs"
    assert links["self"] == f"{base}?page_number=0&page_size=50"
    assert links["first"] == f"{base}?page_size=50"
    assert re.fullmatch(
        rf"{re.escape(base)}\?page_number=1&page_size=50&page_token=PA[\w-]+", links["next"]
    )
    assert "prev" not in links
    second = _raw(fake, links["next"].removeprefix("https://example.signalwire.com")).json()
    assert second["links"]["prev"].startswith(f"{base}?page_number=0&page_size=50&page_token=PB")
    back = _raw(fake, second["links"]["prev"].removeprefix("https://example.signalwire.com"))
    assert back.json()["data"] == first["data"]


def test_page_size_bounds_and_token_rules(fake: FakeSignalWire) -> None:
    assert len(_raw(fake, "/api/messaging/logs?page_size=1000").json()["data"]) == 1000
    for query, attribute in [
        ("page_size=0", "page_size"),
        ("page_size=1001", "page_size"),
        ("page_number=-1", "page_number"),
        ("page_number=1", "page_token"),
        ("include_deleted=maybe", "include_deleted"),
    ]:
        response = _raw(fake, f"/api/messaging/logs?{query}")
        assert response.status_code == 422, query
        assert response.json()["errors"][0]["attribute"] == attribute


def test_last_page_has_no_next(fake: FakeSignalWire) -> None:
    client = fake.client()
    pages = list(client.fax_logs.list(page_size=1000, include_deleted=True).pages())
    assert len(pages) == 1 and "next" not in pages[0].links.to_dict()


def test_filters(fake: FakeSignalWire) -> None:
    client = fake.client()
    everything = list(client.message_logs.list(page_size=1000, include_deleted=True))
    visible = list(client.message_logs.list(page_size=1000))
    assert 0 < len(everything) - len(visible) < len(everything) // 10
    day = [
        log.created_at.date().isoformat()
        for log in client.message_logs.list(created_on="2024-06-01")
    ]
    assert day and set(day) == {"2024-06-01"}
    window = list(client.message_logs.list(created_after="2024-06-10", created_before="2024-06-12"))
    assert window and {log.created_at.day for log in window} == {10, 11}
    created = [log.created_at for log in everything]
    assert created == sorted(created, reverse=True)  # newest first


def test_data_is_deterministic_and_realistic() -> None:
    first = [log.to_dict() for log in FakeSignalWire(seed=1).client().message_logs.list(limit=200)]
    again = [log.to_dict() for log in FakeSignalWire(seed=1).client().message_logs.list(limit=200)]
    other = [log.to_dict() for log in FakeSignalWire(seed=2).client().message_logs.list(limit=200)]
    assert first == again and first != other
    codes = {log["error_code"] for log in first}
    assert {"30001", None} <= codes
    assert any(log["error_message"] == "Queue overflow" for log in first)
    assert {log["status"] for log in first} >= {"delivered", "failed", "undelivered", "received"}
    faxes = [f.to_dict() for f in FakeSignalWire(seed=1).client().fax_logs.list(page_size=200)]
    assert any(f["error_message"] == "The call dropped prematurely" for f in faxes)


# -- faults ------------------------------------------------------------------------------------


def test_status_faults_are_retried(fake: FakeSignalWire, sleeps: list[float]) -> None:
    fake.inject(Status(503), times=2)
    fake.inject(Status(429, retry_after="2"))
    assert len(list(fake.client(max_retries=3).fax_logs.list(limit=10))) == 10
    assert sleeps == [0.5, 1.0, 2.0]


def test_fault_after_n_requests_on_a_path(fake: FakeSignalWire) -> None:
    fake.inject(Status(500), path="/api/fax/logs", after=2, times=5)
    pages = fake.client(max_retries=0).fax_logs.list(page_size=50).pages()
    got = []
    with pytest.raises(InternalServerError):
        for page in pages:
            got.append(page)
    assert len(got) == 2 and got[-1].next_page_token  # resumable from the last good page


@pytest.mark.parametrize(
    ("fault", "error"),
    [
        (HTML(502), InternalServerError),
        (BadJSON(), APIResponseValidationError),
        (Empty(), APIResponseValidationError),
        (Redirect(), APIStatusError),
        (Status(429, retry_after="600"), RateLimitError),
    ],
)
def test_faults_surface_as_typed_errors(
    fake: FakeSignalWire, fault: Any, error: type[Exception], sleeps: list[float]
) -> None:
    fake.inject(fault, times=5)
    with pytest.raises(error):
        fake.client().fax_logs.get(fake.faxes.make_id(0))


@pytest.mark.parametrize("fault", [Drop(), Truncate()])
def test_connection_faults_are_retried_in_process_and_over_http(
    fake: FakeSignalWire, fault: Any, sleeps: list[float]
) -> None:
    fake.inject(fault)
    assert fake.client().fax_logs.get(fake.faxes.make_id(1)).id == fake.faxes.make_id(1)
    fake.inject(fault)
    with fake.serve() as url:
        client = SignalWireLogs(project_id=fake.project_id, api_token=fake.api_token, base_url=url)
        with client:
            assert len(list(client.fax_logs.list(limit=120))) == 120
    assert len(sleeps) == 2


def test_delay_and_latency(fake: FakeSignalWire) -> None:
    fake.inject(Delay(0.01))
    fake.latency = 0.001
    assert fake.client().fax_logs.get(fake.faxes.make_id(2))


def test_http_control_endpoint_arms_faults(fake: FakeSignalWire, sleeps: list[float]) -> None:
    with fake.serve() as url:
        armed = httpx.post(
            f"{url}/__fake__/faults", json={"fault": "status", "status": 503, "times": 2}
        )
        assert armed.json() == {"faults": 1}
        bad = httpx.post(f"{url}/__fake__/faults", json={"fault": "nope"})
        assert bad.status_code == 400 and "unknown fault" in bad.json()["error"]
        with SignalWireLogs(
            project_id=fake.project_id, api_token=fake.api_token, base_url=url
        ) as c:
            assert c.fax_logs.get(fake.faxes.make_id(3))
    assert sleeps == [0.5, 1.0]


@pytest.mark.anyio
async def test_async_client_over_the_fake(fake: FakeSignalWire) -> None:
    async with fake.async_client() as client:
        ids = [log.id async for log in client.message_logs.list(page_size=500)]
        assert len(ids) == len(set(ids)) > 1000
        message = await client.message_logs.get(ids[0])
        assert message.id == ids[0]


def test_repr_does_not_show_the_token(fake: FakeSignalWire) -> None:
    assert fake.api_token not in repr(fake)
    assert json.dumps(fake.requests)  # the request log holds no headers
