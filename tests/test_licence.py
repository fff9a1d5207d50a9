"""The wheel is MIT and carries nothing under signalwire/docs' CC BY-NC-SA 4.0.

The wheel is built (offline, with the project's own build backend) and every file in it is
read: none may hold a sentence of SignalWire's documentation vendored in spec/upstream/ or
spec/error-codes/ (checked as any run of 8 of its words), nor any of those files themselves.
Codes, kinds, links and field names are facts and may be there; explanations are ours.
"""

from __future__ import annotations

import functools
import re
import subprocess
import sys
import zipfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import yaml

from conftest import ROOT

#: Words in a row that make a copied sentence.
RUN = 8
_WORD = re.compile(r"[A-Za-z][A-Za-z0-9_'\u2019-]*")
_SENTENCE_END = re.compile(r"(?<=[.!?])\s+|\n\s*\n|\s*[-*]\s+(?=[A-Z])")
_TAG = re.compile(r"<[^>]+>|\{[^}]*\}|`|\*\*|\[|\]\([^)]*\)")

UPSTREAM = ROOT / "spec" / "upstream"
ERROR_CODES = ROOT / "spec" / "error-codes"


def _texts(node: Any) -> Iterator[str]:
    """The prose of an OpenAPI document: its descriptions, summaries and titles."""
    if isinstance(node, dict):
        for key, value in node.items():
            if key in ("description", "summary", "title") and isinstance(value, str):
                yield value
            else:
                yield from _texts(value)
    elif isinstance(node, list):
        for value in node:
            yield from _texts(value)


def _sources() -> Iterator[str]:
    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    for path in sorted(UPSTREAM.glob("*.yaml")):
        yield from _texts(yaml.load(path.read_text(encoding="utf-8"), Loader=loader))
    for path in sorted(ERROR_CODES.glob("*.mdx")):
        text = path.read_text(encoding="utf-8")
        yield text.split("---", 2)[-1]  # without the front matter (ids, slugs)


def _words(text: str) -> list[str]:
    return [word.lower() for word in _WORD.findall(_TAG.sub(" ", text))]


@functools.cache
def vendored_runs() -> frozenset[tuple[str, ...]]:
    """Every run of RUN words inside one sentence of the vendored documentation."""
    runs: set[tuple[str, ...]] = set()
    for text in _sources():
        for sentence in _SENTENCE_END.split(text):
            words = _words(sentence)
            runs.update(tuple(words[i : i + RUN]) for i in range(len(words) - RUN + 1))
    return frozenset(runs)


def copied(text: str) -> set[str]:
    """The runs of vendored sentences found in ``text``."""
    words = _words(text)
    found = {tuple(words[i : i + RUN]) for i in range(len(words) - RUN + 1)}
    return {" ".join(run) for run in found & vendored_runs()}


@pytest.fixture(scope="module")
def wheel(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The wheel, built from this checkout with the installed backend (no network)."""
    pytest.importorskip("hatchling", reason="the build backend (extra `dev`)")
    out = tmp_path_factory.mktemp("wheel")
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "pip",
            "wheel",
            "--no-build-isolation",
            "--no-deps",
            "--no-index",
            "--quiet",
            "--wheel-dir",
            str(out),
            str(ROOT),
        ],
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert result.returncode == 0, result.stderr[-3000:]
    (built,) = out.glob("signalwire_logs-*.whl")
    return built


def test_the_check_finds_a_copied_sentence() -> None:
    # A cause from compatibility-api.mdx, and a description from the REST document.
    assert copied("x: The fee for the operation you are trying to perform costs more, y")
    assert copied("Returns a list of Conferences. The API token used to authenticate must have")
    assert not copied("The fee for the call: see the reference.")


def test_the_wheel_carries_no_vendored_documentation(wheel: Path) -> None:
    vendored = {path.read_bytes() for path in [*UPSTREAM.iterdir(), *ERROR_CODES.glob("*.mdx")]}
    problems = []
    with zipfile.ZipFile(wheel) as archive:
        names = archive.namelist()
        assert any(name.endswith("signalwire_logs/error_codes.py") for name in names)
        assert any(name.startswith("signalwire_logs_api/models/") for name in names)
        for name in names:
            data = archive.read(name)
            if data in vendored or name.endswith((".yaml", ".mdx")):
                problems.append(f"{name}: a vendored file")
                continue
            text = data.decode("utf-8", errors="replace")
            problems += [f"{name}: ...{run}..." for run in sorted(copied(text))[:3]]
    assert problems == []


def test_the_wheel_is_mit_and_says_what_it_is(wheel: Path) -> None:
    with zipfile.ZipFile(wheel) as archive:
        metadata = next(n for n in archive.namelist() if n.endswith(".dist-info/METADATA"))
        text = archive.read(metadata).decode()
        licences = [n for n in archive.namelist() if "/licenses/" in n]
    assert "License-Expression: MIT" in text
    assert sorted(Path(n).name for n in licences) == ["LICENSE", "NOTICE"]
