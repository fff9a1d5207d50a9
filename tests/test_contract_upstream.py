"""Contract tests against SignalWire's own published documents, not our patched spec.

Prism serves the log operations of spec/upstream/signalwire-rest.openapi.yaml and
spec/upstream/compatibility.openapi.yaml (each operation and every schema it refers to,
unedited: see ``upstream.log_operations``), with static answers (the documents' examples)
and dynamic ones (bodies generated from their schemas). Every family is walked and got
through the facade: every request must be one upstream accepts (no ``sl-violations``), and
every body upstream accepts must be read, each of its records built and each view either
computed or refused with FieldValueError.

What is the mock's fault is reported (a ``MockFault`` warning) and not counted: a body that
breaks upstream's own schema (beyond fields it does not document, which the client keeps),
a page longer than the ``page_size`` asked, and the walk's refusal to follow the fake next
links Prism makes up (the same page again, or not a URL).
"""

from __future__ import annotations

import contextlib
import json
import re
import uuid
import warnings
from collections.abc import Iterator
from typing import Any

import httpx
import pytest
from prism import require as require_prism
from prism import serve as serve_prism

from signalwire_logs import (
    APIResponseValidationError,
    FieldValueError,
    PaginationError,
    SignalWireLogs,
)

import upstream
from helpers import answered

PROJECT_ID = str(uuid.uuid4())
LAML = "/api/laml/2010-04-01"  # in the compatibility document's server URL, not its paths
DYNAMIC_ROUNDS = 8
MAX_PAGES = 3


class MockFault(UserWarning):
    """Something Prism did that SignalWire's documents do not allow: reported, not counted."""


@pytest.fixture(scope="module")
def servers(tmp_path_factory: pytest.TempPathFactory) -> Iterator[dict[str, str]]:
    require_prism()
    folder = tmp_path_factory.mktemp("upstream")
    urls: dict[str, str] = {}
    with contextlib.ExitStack() as stack:
        for name in ("rest", "compatibility"):
            path = folder / f"{name}.json"
            path.write_text(json.dumps(upstream.log_operations(name)), encoding="utf-8")
            urls[name] = stack.enter_context(serve_prism(path, startup=120))
        yield urls


class Router(httpx.BaseTransport):
    """The Space's host, served by the two Prism mocks: the cXML API (whose document puts
    /api/laml/2010-04-01 in its server URL) by the compatibility one, the rest by the REST
    one. Records every request Prism found not to match the document."""

    def __init__(self, urls: dict[str, str], dynamic: bool) -> None:
        self._urls = {name: httpx.URL(url) for name, url in urls.items()}
        self._inner = httpx.HTTPTransport()
        self._dynamic = dynamic
        self.violations: list[tuple[str, str]] = []
        self.count = 0

    def handle_request(self, request: httpx.Request) -> httpx.Response:
        path = request.url.raw_path.decode()
        name = "compatibility" if path.startswith(LAML + "/") else "rest"
        target = self._urls[name]
        request.url = request.url.copy_with(
            scheme=target.scheme,
            host=target.host,
            port=target.port,
            raw_path=path.removeprefix(LAML).encode() if name == "compatibility" else path.encode(),
        )
        if self._dynamic:
            request.headers["Prefer"] = "dynamic=true"
        response = self._inner.handle_request(request)
        self.count += 1
        if "sl-violations" in response.headers:
            self.violations.append((str(request.url), response.headers["sl-violations"]))
        return response

    def close(self) -> None:
        self._inner.close()


def _client(router: Router) -> SignalWireLogs:
    # The Space itself: the documents' own links and URLs name example.signalwire.com.
    return SignalWireLogs(
        project_id=PROJECT_ID,
        api_token="any-token",
        space="example",
        http_client=httpx.Client(transport=router),
        max_retries=0,
    )


#: Each operation the client calls: the upstream document, its path there, and the
#: JSON pointer of its 200 answer's schema.
def _answer(name: str, path: str) -> tuple[str, str]:
    escaped = path.replace("~", "~0").replace("/", "~1")
    return name, f"/paths/{escaped}/get/responses/200/content/application~1json/schema"


_RECORD_MODELS = {model.__name__: where for model, where in upstream.RECORDS.items()}


def _blame(error: APIResponseValidationError, answer: tuple[str, str]) -> list[str]:
    """Why the body that failed is not valid upstream either (empty: it is, and the client
    is wrong). Fields upstream does not document are left out: the client keeps them."""
    match = re.match(r"Response does not match (\w+)", str(error))
    name, pointer = _RECORD_MODELS.get(match[1] if match else "", answer)
    return upstream.upstream_errors(name, pointer, error.body, undocumented=True)


def _check_views(record: Any) -> None:
    """Every view of a record reads or says, with FieldValueError, that it cannot."""
    for view in dir(type(record)):
        if view.endswith(("_decimal", "_datetime")):
            with contextlib.suppress(FieldValueError):
                getattr(record, view)
    for nested in getattr(record, "charge_details", None) or ():
        _check_views(nested)


class Tally:
    """Records read, and the mock's faults by kind (reported once, at the end)."""

    def __init__(self) -> None:
        self.records = 0
        self.faults: dict[str, list[str]] = {}

    def fault(self, operation: tuple[str, str], kind: str, detail: object) -> None:
        path = operation[1].split("/")[2].replace("~1", "/")
        self.faults.setdefault(f"{kind} ({path})", []).append(str(detail))

    def report(self) -> None:
        if self.faults:
            lines = [f"{len(v)} x {k}, e.g. {v[0][:160]}" for k, v in sorted(self.faults.items())]
            warnings.warn(MockFault("not counted:\n" + "\n".join(lines)), stacklevel=2)


def _walk(resource: Any, answer: tuple[str, str], tally: Tally, **arguments: Any) -> None:
    pages = 0
    try:
        for page in resource.list(page_size=1000, **arguments).pages():
            for record in page.items:
                _check_views(record)
                tally.records += 1
            pages += 1
            if pages == MAX_PAGES:
                break
    except APIResponseValidationError as error:
        problems = _blame(error, answer)
        assert problems, f"upstream accepts a body the client refused: {error}"
        tally.fault(answer, "a body that breaks upstream's own schema", problems[:3])
    except PaginationError as error:
        assert pages >= 1, f"the first page of {answer[1]} was refused: {error}"
        tally.fault(answer, "a made-up next link or page", error)


def _get(call: Any, answer: tuple[str, str], tally: Tally) -> None:
    try:
        record = answered(call)
    except APIResponseValidationError as error:
        problems = _blame(error, answer)
        assert problems, f"upstream accepts a body the client refused: {error}"
        tally.fault(answer, "a body that breaks upstream's own schema", problems[:3])
        return
    for item in getattr(record, "data", None) or [record]:
        _check_views(item)
        tally.records += 1


def _every_family(client: SignalWireLogs, tally: Tally) -> None:
    some_id = str(uuid.uuid4())
    for resource, path in [
        (client.message_logs, "/api/messaging/logs"),
        (client.fax_logs, "/api/fax/logs"),
        (client.voice_logs, "/api/voice/logs"),
        (client.video_logs, "/api/video/logs"),
        (client.conference_logs, "/api/logs/conferences"),
    ]:
        _walk(resource, _answer("rest", path), tally, include_deleted=True)
        if path != "/api/logs/conferences":
            _get(lambda r=resource: r.get(some_id), _answer("rest", path + "/{id}"), tally)
    events = _answer("rest", "/api/voice/logs/{id}/events")
    _get(lambda: client.voice_logs.events(some_id), events, tally)
    messages = "/Accounts/{AccountSid}/Messages"
    _walk(client.cxml_messages, _answer("compatibility", messages), tally, status="failed")
    single = _answer("compatibility", messages + "/{Sid}")
    _get(lambda: client.cxml_messages.get(some_id), single, tally)


@pytest.mark.parametrize("dynamic", [False, True], ids=["static", "dynamic"])
def test_every_family_reads_what_the_upstream_documents_allow(
    servers: dict[str, str], dynamic: bool
) -> None:
    router = Router(servers, dynamic)
    tally = Tally()
    with _client(router) as client:
        for _ in range(DYNAMIC_ROUNDS if dynamic else 1):
            _every_family(client, tally)
    tally.report()
    assert router.violations == []
    assert router.count >= 12
    # What is counted: records read. The mock's faults are reported above, not counted, but
    # they cannot be all there is.
    assert tally.records >= (12 if not dynamic else 40), tally.faults


def test_static_answers_hold_strings_where_upstream_says_string(servers: dict[str, str]) -> None:
    with _client(Router(servers, dynamic=False)) as client:
        # The compatibility document has no example for the message's dates, so Prism sends
        # "string": a string, as upstream types them, taken as sent; only the view refuses it.
        message = answered(lambda: client.cxml_messages.get(str(uuid.uuid4())))
        assert isinstance(message.date_sent, str)
        try:
            assert message.date_sent_datetime is None or message.date_sent_datetime.tzinfo
        except FieldValueError as error:
            assert error.value == message.date_sent
        assert message.date_sent == "string"  # Prism's word for a string it has no example of
