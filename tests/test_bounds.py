"""Each attempt is bounded in memory and time against hostile servers on loopback.

The servers (tests/hostile.py) send endless bodies, decompression bombs, bodies that are not
what their Content-Encoding says, and bodies or headers trickled a byte at a time.
"""

from __future__ import annotations

import gzip
import json
import subprocess
import sys
import time
import zlib
from pathlib import Path
from typing import Any

import httpx
import pytest

from signalwire_logs import (
    APIResponseValidationError,
    APITimeoutError,
    AsyncSignalWireLogs,
    ConfigurationError,
    ResponseTooLargeError,
    SignalWireLogs,
)

import hostile
from helpers import make_client

FAX_ID = "b7182dc2-00f3-40e4-a5ce-20f164b329df"
HERE = Path(__file__).resolve().parent


def _client(url: str, **options: Any) -> SignalWireLogs:
    return SignalWireLogs(project_id="p", api_token="t", base_url=url, **options)


def _async_client(url: str, **options: Any) -> AsyncSignalWireLogs:
    return AsyncSignalWireLogs(project_id="p", api_token="t", base_url=url, **options)


def test_an_endless_body_stops_at_the_cap() -> None:
    with (
        hostile.serve(hostile.endless) as url,
        _client(url, max_response_bytes=1 << 20) as client,
        pytest.raises(ResponseTooLargeError, match="max_response_bytes=1,048,576") as err,
    ):
        client.fax_logs.get(FAX_ID)
    assert err.value.limit == 1 << 20


@pytest.mark.anyio
async def test_an_endless_body_stops_at_the_cap_async() -> None:
    with hostile.serve(hostile.endless) as url:
        async with _async_client(url, max_response_bytes=1 << 20) as client:
            with pytest.raises(ResponseTooLargeError):
                await client.fax_logs.get(FAX_ID)


@pytest.mark.parametrize("encoding", ["gzip", "deflate"])
def test_a_decompression_bomb_stops_at_the_cap(encoding: str) -> None:
    bomb = hostile.bomb_body(16 << 20, encoding)
    assert len(bomb) < 64 << 10
    served = hostile.answer(bomb, b"Content-Encoding: %s\r\n" % encoding.encode())
    requests: list[bytes] = []
    with (
        hostile.serve(served, requests) as url,
        _client(url, max_response_bytes=1 << 20) as client,
        pytest.raises(ResponseTooLargeError),
    ):
        client.fax_logs.get(FAX_ID)
    assert len(requests) == 1  # not retried: the same request would get the same answer
    assert b"accept-encoding: gzip, deflate\r\n" in requests[0].lower()


def test_the_cap_counts_decoded_bytes_and_a_body_within_it_parses() -> None:
    record = json.dumps(hostile_fax()).encode()
    for encoding, packed in [
        ("gzip", gzip.compress(record)),
        ("deflate", zlib.compress(record)),
        ("deflate", zlib.compress(record)[2:-4]),  # raw deflate, no zlib wrapper
        ("identity", record),
    ]:
        served = hostile.answer(packed, b"Content-Encoding: %s\r\n" % encoding.encode())
        with hostile.serve(served) as url:
            assert _client(url).fax_logs.get(FAX_ID).id == hostile_fax()["id"]
            with pytest.raises(ResponseTooLargeError):
                _client(url, max_response_bytes=len(record) - 1).fax_logs.get(FAX_ID)


def hostile_fax() -> dict[str, Any]:
    from conftest import load_example

    record: dict[str, Any] = load_example("fax_log")
    return record


@pytest.mark.parametrize(
    ("encoding", "body"),
    [("gzip", b'{"not": "gzip"}'), ("deflate", b"\x00\x01garbage"), ("br", b"{}")],
)
def test_a_body_that_is_not_its_encoding_is_a_validation_error(
    encoding: str, body: bytes, sleeps: list[float]
) -> None:
    served = hostile.answer(body, b"Content-Encoding: %s\r\n" % encoding.encode())
    requests: list[bytes] = []
    with (
        hostile.serve(served, requests) as url,
        _client(url) as client,
        pytest.raises(APIResponseValidationError, match="cannot be decoded"),
    ):
        client.fax_logs.get(FAX_ID)
    assert len(requests) == 3  # a broken proxy, likely: retried like a truncated body


def test_the_in_process_path_is_capped_too() -> None:
    client = make_client(
        lambda r: httpx.Response(200, content=b" " * 2048), max_response_bytes=1024
    )
    with pytest.raises(ResponseTooLargeError):
        client.fax_logs.get(FAX_ID)


@pytest.mark.parametrize("value", [0, -1, 1.5, True, "10"])
def test_the_cap_must_be_a_positive_integer(value: Any) -> None:
    with pytest.raises(ConfigurationError, match="max_response_bytes"):
        SignalWireLogs(project_id="p", api_token="t", space="x", max_response_bytes=value)


TRICKLES = {
    "body": hostile.trickled_body(0.05),
    "headers": hostile.trickled_headers(0.05),
}


@pytest.mark.parametrize("part", sorted(TRICKLES))
def test_a_trickle_ends_at_the_attempt_deadline(part: str) -> None:
    # Without the deadline, each byte arriving within the read timeout keeps the call alive
    # until the server gives up (hostile.MAX_SECONDS), and that ends as a connection error.
    with hostile.serve(TRICKLES[part]) as url, _client(url, timeout=0.5, max_retries=0) as c:
        started = time.monotonic()
        with pytest.raises(APITimeoutError, match=r"0\.5 s deadline"):
            c.fax_logs.get(FAX_ID)
    assert time.monotonic() - started < hostile.MAX_SECONDS / 2  # not when the server quit


@pytest.mark.anyio
@pytest.mark.parametrize("part", sorted(TRICKLES))
async def test_a_trickle_ends_at_the_attempt_deadline_async(part: str) -> None:
    with hostile.serve(TRICKLES[part]) as url:
        async with _async_client(url, timeout=0.5, max_retries=0) as client:
            started = time.monotonic()
            with pytest.raises(APITimeoutError, match=r"0\.5 s deadline"):
                await client.fax_logs.get(FAX_ID)
    assert time.monotonic() - started < hostile.MAX_SECONDS / 2


def test_each_retry_gets_its_own_deadline(sleeps: list[float]) -> None:
    requests: list[bytes] = []
    with hostile.serve(TRICKLES["body"], requests) as url, _client(url, timeout=0.3) as client:
        started = time.monotonic()
        with pytest.raises(APITimeoutError):
            client.fax_logs.get(FAX_ID)
    assert len(requests) == 3 and len(sleeps) == 2
    assert time.monotonic() - started >= 0.9  # three whole attempts, not one shared budget


@pytest.mark.parametrize("kind", ["endless", "bomb"])
def test_peak_memory_stays_near_the_cap(kind: str) -> None:
    # In a fresh process, so the figure is this client's alone. Unbounded, either answer
    # grows the process by gigabytes; with the 32 MiB default cap, by about the cap.
    run = subprocess.run(
        [sys.executable, str(HERE / "hostile.py"), kind, "256"],
        capture_output=True,
        text=True,
        timeout=60,
        check=True,
    )
    growth_mb = float(run.stdout.split()[0])
    assert growth_mb < 100, run.stdout
