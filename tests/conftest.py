from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from ruamel.yaml import YAML

ROOT = Path(__file__).resolve().parent.parent
SPEC_PATH = ROOT / "spec" / "openapi.yaml"
EXAMPLES_DIR = ROOT / "spec" / "examples"


def load_example(name: str) -> Any:
    """Return a documented response example vendored from the seeds (spec/examples/)."""
    return json.loads((EXAMPLES_DIR / f"{name}.json").read_text(encoding="utf-8"))


@pytest.fixture(scope="session")
def spec() -> dict[str, Any]:
    loaded: dict[str, Any] = YAML(typ="safe", pure=True).load(SPEC_PATH)
    return loaded


@pytest.fixture(autouse=True)
def _clean_environ(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    # A developer's real credentials must never leak into a test.
    for name in ("SIGNALWIRE_PROJECT_ID", "SIGNALWIRE_API_TOKEN", "SIGNALWIRE_SPACE"):
        monkeypatch.delenv(name, raising=False)
    yield
