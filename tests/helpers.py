"""In-process stand-ins for the API, for facade tests (no network, no sleeping)."""

from __future__ import annotations

import copy
import inspect
import json
import re
import threading
import uuid
from collections.abc import Callable
from functools import cached_property
from pathlib import Path
from types import ModuleType
from typing import Any

import httpx

from signalwire_logs import AsyncSignalWireLogs, RecordMismatchError, SignalWireLogs
from signalwire_logs._resources import Resource

from conftest import load_example

BASE = "https://example.signalwire.com"
PROJECT_ID = "c38dacad-2f6c-4de1-93d6-cc732e0c70c5"
API_TOKEN = "PTsuper-secret-token-0123456789"
#: The date range of the fake's data sets, for exports that need one (sharded ones do).
RANGE: dict[str, Any] = {"created_after": "2024-05-01", "created_before": "2024-06-15"}

Handler = Callable[[httpx.Request], httpx.Response]


def facade_methods(client: Any) -> dict[ModuleType, Any]:
    """Generated operation module -> the bound facade method that calls it.

    A resource declares `_<method>_operation = <generated module>` for each of its methods.
    """
    found = {}
    for name in dir(type(client)):
        if not isinstance(inspect.getattr_static(type(client), name), cached_property):
            continue
        resource = getattr(client, name)
        if not isinstance(resource, Resource):
            continue
        for cls in type(resource).__mro__:
            for attr, value in vars(cls).items():
                match = re.fullmatch(r"_(\w+)_operation", attr)
                if match and isinstance(value, ModuleType):
                    found[value] = getattr(resource, match[1])
    return found


def make_client(handler: Handler, **kwargs: Any) -> SignalWireLogs:
    http = httpx.Client(transport=httpx.MockTransport(handler))
    options: dict[str, Any] = {"project_id": PROJECT_ID, "api_token": API_TOKEN, "space": "example"}
    return SignalWireLogs(**(options | kwargs), http_client=http)


def make_async_client(handler: Handler, **kwargs: Any) -> AsyncSignalWireLogs:
    http = httpx.AsyncClient(transport=httpx.MockTransport(handler))
    options: dict[str, Any] = {"project_id": PROJECT_ID, "api_token": API_TOKEN, "space": "example"}
    return AsyncSignalWireLogs(**(options | kwargs), http_client=http)


def fax_log(index: int) -> dict[str, Any]:
    record: dict[str, Any] = copy.deepcopy(load_example("fax_log"))
    record["id"] = str(uuid.uuid5(uuid.NAMESPACE_URL, f"fax-{index}"))
    return record


class Pager:
    """Serves ``total`` fax logs in pages, following SignalWire's cursor contract.

    ``page_number`` > 0 must come with the token this pager issued for that page.
    """

    def __init__(self, total: int, *, next_host: str = "example.signalwire.com") -> None:
        self.records = [fax_log(i) for i in range(total)]
        self.next_host = next_host
        self.requests: list[httpx.Request] = []

    @staticmethod
    def token(page_number: int) -> str:
        return f"PA{uuid.uuid5(uuid.NAMESPACE_URL, f'page-{page_number}')}"

    def __call__(self, request: httpx.Request) -> httpx.Response:
        self.requests.append(request)
        params = request.url.params
        size = int(params.get("page_size", "50"))
        number = int(params.get("page_number", "0"))
        if number > 0 and params.get("page_token") != self.token(number):
            return httpx.Response(422, json={"errors": [{"code": "invalid_page_token"}]})
        chunk = self.records[number * size : (number + 1) * size]
        links = {
            "self": f"{BASE}/api/fax/logs?page_number={number}&page_size={size}",
            "first": f"{BASE}/api/fax/logs?page_size={size}",
        }
        if (number + 1) * size < len(self.records):
            links["next"] = (
                f"https://{self.next_host}/api/fax/logs?page_number={number + 1}"
                f"&page_size={size}&page_token={self.token(number + 1)}"
            )
        return httpx.Response(200, json={"links": links, "data": chunk})


def sequence(*responses: httpx.Response | Exception) -> tuple[Handler, list[httpx.Request]]:
    """A handler answering each request with the next response (or raising the exception)."""
    pending = list(responses)
    seen: list[httpx.Request] = []

    def handler(request: httpx.Request) -> httpx.Response:
        seen.append(request)
        answer = pending.pop(0)
        if isinstance(answer, Exception):
            raise answer
        return answer

    return handler, seen


def exported_ids(path: Path) -> list[str]:
    """The ids of a JSONL export, in file order."""
    return [json.loads(line)["id"] for line in path.read_text().splitlines()]


def answered(call: Callable[[], Any]) -> Any:
    """What a get returned, or the record a mock answered in place of the one asked for:
    Prism serves its examples whatever the id, so a get's identity check refuses them
    (RecordMismatchError), after building the record, which is what a contract test reads."""
    try:
        return call()
    except RecordMismatchError as error:
        assert error.record is not None
        return error.record


def told_of_splits(monkeypatch: Any) -> threading.Event:
    """An event set once any export or sync plan splits a window (work stealing)."""
    from signalwire_logs._export._shards import Plan, Shard

    event, split = threading.Event(), Plan._split

    def split_and_tell(plan: Plan, shard: Shard) -> Shard:
        older = split(plan, shard)
        event.set()
        return older

    monkeypatch.setattr(Plan, "_split", split_and_tell)
    return event


class HoldUntilSplit(httpx.BaseTransport):
    """Holds every next page until some worker has split a window (at most 10 s): what the
    idle workers do, without depending on how fast the threads run."""

    def __init__(self, inner: httpx.BaseTransport, split: threading.Event) -> None:
        self.inner, self.split = inner, split

    def handle_request(self, request: httpx.Request) -> httpx.Response:
        if "page_token" in request.url.params and not self.split.wait(10):
            self.split.set()  # no split came: let the walk end, and the assertion fail
        return self.inner.handle_request(request)


def fake_client_through(fake: Any, transport: httpx.BaseTransport) -> SignalWireLogs:
    """A client of ``fake`` whose requests pass through ``transport`` (which wraps the
    fake's own, to hold or watch them)."""
    from signalwire_logs.testing import IN_PROCESS_URL

    return SignalWireLogs(
        project_id=fake.project_id,
        api_token=fake.api_token,
        base_url=IN_PROCESS_URL,
        http_client=httpx.Client(transport=transport),
    )
