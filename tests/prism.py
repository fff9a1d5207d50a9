"""Prism, the mock server the contract tests drive: where it is, and one running on loopback."""

from __future__ import annotations

import contextlib
import os
import socket
import subprocess
import time
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest

from conftest import ROOT

PRISM = ROOT / "node_modules" / ".bin" / "prism"


def require() -> None:
    """Skip the calling fixture's tests when Prism is not installed (fail on CI)."""
    if not PRISM.exists():
        reason = f"Prism is not installed at {PRISM}: run `make test` (it runs `npm ci`)"
        if os.environ.get("CI"):
            pytest.fail(f"{reason}. CI must run the contract tests.")
        pytest.skip(f"CONTRACT TESTS SKIPPED: {reason}")


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
        return port


@contextlib.contextmanager
def serve(document: Path, *, startup: float) -> Iterator[str]:
    """Prism mocking ``document`` on a free loopback port, up within ``startup`` seconds;
    yields its URL, and stops it afterwards."""
    port = _free_port()
    process = subprocess.Popen(
        [str(PRISM), "mock", str(document), "-h", "127.0.0.1", "-p", str(port)],
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
    )
    url = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + startup
        while True:
            try:
                httpx.get(url, timeout=1)
                break
            except httpx.TransportError:
                if process.poll() is not None or time.monotonic() > deadline:
                    output = process.stdout.read().decode() if process.stdout else ""
                    pytest.fail(f"Prism did not start on {document.name}: {output[-2000:]}")
                time.sleep(0.2)
        yield url
    finally:
        process.terminate()
        process.wait(timeout=10)
