from __future__ import annotations

import json
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import jsonschema
import pytest

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "scripts"))
from apply_overlay import load as load_yaml  # noqa: E402  # the one YAML reader (PyYAML)

SPEC_PATH = ROOT / "spec" / "openapi.yaml"
EXAMPLES_DIR = ROOT / "spec" / "examples"


def load_example(name: str) -> Any:
    """Return a documented response example vendored from the seeds (spec/examples/)."""
    return json.loads((EXAMPLES_DIR / f"{name}.json").read_text(encoding="utf-8"))


def deref(spec: dict[str, Any], ref: str) -> dict[str, Any]:
    """The node a local `#/...` reference points to."""
    node: Any = spec
    for part in ref.removeprefix("#/").split("/"):
        node = node[part]
    return dict(node)


def response_validator(spec: dict[str, Any], path: str, status: str) -> jsonschema.Validator:
    """A JSON Schema validator for the body of `GET path` answering `status`."""
    response = spec["paths"][path]["get"]["responses"][status]
    if "$ref" in response:
        response = deref(spec, response["$ref"])
    schema = response["content"]["application/json"]["schema"]
    # The whole spec is the root document, so `#/components/...` references resolve.
    return jsonschema.Draft202012Validator({**spec, **schema})


@pytest.fixture(scope="session")
def spec() -> dict[str, Any]:
    loaded: dict[str, Any] = load_yaml(SPEC_PATH)
    return loaded


@pytest.fixture(autouse=True)
def _clean_environ(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    # A developer's real credentials must never leak into a test.
    for name in (
        "SIGNALWIRE_PROJECT_ID",
        "SIGNALWIRE_API_TOKEN",
        "SIGNALWIRE_SPACE",
        "SIGNALWIRE_BASE_URL",
    ):
        monkeypatch.delenv(name, raising=False)
    yield


@pytest.fixture
def sleeps(monkeypatch: pytest.MonkeyPatch) -> list[float]:
    """Record retry sleeps instead of sleeping, for both clients; pin jitter to 1."""
    from signalwire_logs._transport import AsyncTransport, BaseTransport, SyncTransport

    recorded: list[float] = []

    async def async_sleep(self: object, seconds: float) -> None:
        recorded.append(seconds)

    monkeypatch.setattr(SyncTransport, "_sleep", lambda self, seconds: recorded.append(seconds))
    monkeypatch.setattr(AsyncTransport, "_sleep", async_sleep)
    monkeypatch.setattr(BaseTransport, "_jitter", lambda self: 1.0)
    return recorded


@pytest.fixture
def anyio_backend() -> str:
    return "asyncio"


@pytest.fixture
def served() -> Iterator[tuple[Any, str]]:
    """A fresh fake, served on loopback: (fake, base URL)."""
    from signalwire_logs.testing import FakeSignalWire

    fake = FakeSignalWire(message_logs=2_345, fax_logs=321, seed=11)
    with fake.serve() as url:
        yield fake, url
