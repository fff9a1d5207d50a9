"""Contract tests against Prism: a mock server no one here wrote, driven by spec/openapi.yaml.

Prism checks every request we send against the spec (violations come back in the
`sl-violations` header) and answers with bodies built from the spec: static ones, and random
ones with `Prefer: dynamic=true`. Every facade operation must send requests Prism accepts and
parse whatever Prism returns.
"""

from __future__ import annotations

import inspect
import uuid
from collections.abc import Iterator
from typing import Any

import httpx
import pytest
from prism import require as require_prism
from prism import serve as serve_prism

from signalwire_logs import SignalWireLogs
from signalwire_logs_api.types import UNSET

from conftest import ROOT
from helpers import answered, facade_methods

PROJECT_ID = str(uuid.uuid4())
DYNAMIC_ROUNDS = 15


@pytest.fixture(scope="module")
def prism() -> Iterator[str]:
    require_prism()
    with serve_prism(ROOT / "spec" / "openapi.yaml", startup=60) as url:
        yield url


class Recorder:
    def __init__(self) -> None:
        self.violations: list[tuple[str, str]] = []
        self.count = 0

    def __call__(self, response: httpx.Response) -> None:
        self.count += 1
        if "sl-violations" in response.headers:
            self.violations.append((str(response.request.url), response.headers["sl-violations"]))


def _client(url: str, recorder: Recorder, dynamic: bool) -> SignalWireLogs:
    http = httpx.Client(
        headers={"Prefer": "dynamic=true"} if dynamic else {},
        event_hooks={"response": [recorder]},
    )
    return SignalWireLogs(
        project_id=PROJECT_ID, api_token="any-token", base_url=url, http_client=http
    )


# Every list parameter at once, so Prism checks how each one is serialised: the log lists'
# and the cXML message list's (each method gets those it takes).
LIST_ARGUMENTS = {
    "include_deleted": True,
    "created_before": "2024-06-01",
    "created_on": "2024-05-15",
    "created_after": "2024-05-01T00:00:00Z",
    "page_size": 1000,
    "page_number": 1,
    "page_token": "PAbff61159-faab-48b3-959a-3021a8f5beca",
    "date_sent": "2024-05-15",
    "date_sent_before": "2024-06-01",
    "date_sent_after": "2024-05-01",
    "from_": "+15551234567",
    "to": "+15557654321",
    "status": "delivered",
    "page": 1,
}


def _call(method: Any) -> list[Any]:
    """Call a facade method with valid arguments; return what it parsed."""
    if method.__name__ == "list":
        # resume= is page_number/page_token by another name (a PageCursor): no wire parameter.
        accepted = set(inspect.signature(method).parameters) - {"limit", "account_sid", "resume"}
        assert accepted <= LIST_ARGUMENTS.keys(), (
            f"no test value for {accepted - LIST_ARGUMENTS.keys()}"
        )
        arguments = {name: LIST_ARGUMENTS[name] for name in accepted}
        page = next(iter(method(**arguments).pages()))  # first page: Prism's next links are fake
        return list(page.items)
    return [answered(lambda: method(str(uuid.uuid4())))]


@pytest.mark.parametrize("dynamic", [False, True], ids=["static", "dynamic"])
def test_every_operation_agrees_with_prism(prism: str, dynamic: bool) -> None:
    recorder = Recorder()
    client = _client(prism, recorder, dynamic)
    methods = facade_methods(client)
    assert len(methods) >= 5
    for operation, method in methods.items():
        model = method.__self__._list_model if method.__name__ == "list" else None
        for _ in range(DYNAMIC_ROUNDS if dynamic else 1):
            for record in _call(method):
                assert type(record).__module__.startswith("signalwire_logs_api.models"), operation
            if model is not None:
                assert model.__name__.endswith("ListResponse")
    assert recorder.count >= len(methods)
    assert recorder.violations == []


def test_static_mode_serves_the_documented_examples(prism: str) -> None:
    client = _client(prism, Recorder(), dynamic=False)
    fax = answered(lambda: client.fax_logs.get(str(uuid.uuid4())))
    assert (fax.error_code, fax.error_message) == ("34004", "The call dropped prematurely")
    log = answered(lambda: client.message_logs.get(str(uuid.uuid4())))
    assert log.error_code == "21601"
    message = answered(lambda: client.cxml_messages.get(str(uuid.uuid4())))
    assert message.messaging_service_sid == "b3877c40-da60-4998-90ad-b792e98472ms"
    call = answered(lambda: client.voice_logs.get(str(uuid.uuid4())))
    assert (call.type_, call.direction) == ("dialogflow_call", UNSET)  # a shape without one
    first = next(iter(client.cxml_messages.list().pages()))
    assert first.next_page_token == "PA0a059168ead041af" and first.next_page_number == 1
    assert [log.type_ for log in client.conference_logs.list(limit=2)] == [
        "relay_conference",
        "video_conference_session",
    ]


def test_violations_are_detected(prism: str) -> None:
    """The check above is worth something only if Prism flags a bad request."""
    response = httpx.get(
        f"{prism}/api/fax/logs", params={"page_size": 5000}, auth=(PROJECT_ID, "any-token")
    )
    assert "page_size must be <= 1000" in response.headers["sl-violations"]
    unauthenticated = httpx.get(f"{prism}/api/fax/logs")
    assert unauthenticated.status_code == 401
