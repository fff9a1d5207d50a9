"""Credentials never leak: not in logs at DEBUG, reprs, errors, exports or cursor files."""

from __future__ import annotations

import base64
import json
import logging
import socket
import threading
from pathlib import Path

import httpx
import pytest
from click.testing import CliRunner

from signalwire_logs import (
    APIConnectionError,
    AsyncSignalWireLogs,
    ConfigurationError,
    PaginationError,
    SignalWireError,
    SignalWireLogs,
    export_logs,
)
from signalwire_logs._cli._commands import cli
from signalwire_logs.testing import Drop, FakeSignalWire, Status

import hostile

SECRET = "PTvery-secret-token-7f3a9c"


def _forms(project_id: str) -> list[str]:
    basic = base64.b64encode(f"{project_id}:{SECRET}".encode()).decode()
    return [SECRET, basic, f"Basic {basic}"]


def test_nothing_secret_anywhere(
    tmp_path: Path, caplog: pytest.LogCaptureFixture, sleeps: list[float]
) -> None:
    caplog.set_level(logging.DEBUG)  # httpx, httpcore and signalwire_logs all log at DEBUG
    fake = FakeSignalWire(message_logs=300, api_token=SECRET)
    texts: list[str] = []
    with fake.serve() as url:
        client = SignalWireLogs(project_id=fake.project_id, api_token=SECRET, base_url=url)
        fake.inject(Status(503))
        fake.inject(Drop())
        paginator = client.message_logs.list(page_size=100)
        pages = list(paginator.pages())
        texts += [repr(client), repr(paginator), repr(pages[0]), repr(fake), str(client.__dict__)]
        output = tmp_path / "m.jsonl"
        export_logs(client.message_logs, output, page_size=100)
        texts += [output.read_text(), (tmp_path / "m.jsonl.cursor").read_text()]
        wrong = SignalWireLogs(project_id=fake.project_id, api_token=SECRET + "x", base_url=url)
        with pytest.raises(SignalWireError) as caught:
            wrong.fax_logs.get(fake.faxes.make_id(0))
        texts += [str(caught.value), repr(caught.value), repr(caught.value.__dict__)]
        result = CliRunner().invoke(
            cli,
            ["--base-url", url, "--api-token", SECRET + "x", "faxes", "get", fake.faxes.make_id(0)],
            env={"SIGNALWIRE_PROJECT_ID": fake.project_id},
        )
        assert result.exit_code == 1
        texts += [result.output]
    texts.append(caplog.text)
    assert "HTTP Request: GET" in caplog.text and "Retrying GET" in caplog.text  # logs were on
    for text in texts:
        for secret in _forms(fake.project_id):
            assert secret not in text


def test_no_basic_auth_over_plain_http_to_a_remote_host() -> None:
    for url in ("http://example.com", "http://10.0.0.5:8080", "http://192.168.1.1"):
        with pytest.raises(ConfigurationError, match="unencrypted"):
            SignalWireLogs(project_id="p", api_token=SECRET, base_url=url)


def test_a_next_link_to_another_host_is_never_requested() -> None:
    asked: list[str] = []

    def handler(request: httpx.Request) -> httpx.Response:
        asked.append(str(request.url.host))
        links = {
            "self": "s",
            "first": "f",
            "next": "https://evil.example.com/api/fax/logs?page_token=PAx",
        }
        return httpx.Response(200, json={"links": links, "data": []})

    client = SignalWireLogs(
        project_id="p",
        api_token=SECRET,
        space="example",
        http_client=httpx.Client(transport=httpx.MockTransport(handler)),
    )
    with pytest.raises(PaginationError):
        list(client.fax_logs.list())
    assert asked == ["example.signalwire.com"]


@pytest.mark.parametrize(
    "space",
    ["evil.com/x", "evil.com#", "example.signalwire.com@evil.com", "a/../b", "x?y=1", "ex%2Fample"],
)
def test_space_names_cannot_inject_a_host_or_path(space: str) -> None:
    with pytest.raises(ConfigurationError, match="Invalid space"):
        SignalWireLogs(project_id="p", api_token=SECRET, space=space)


def test_cli_options_repr_hides_the_token() -> None:
    from signalwire_logs._cli._options import Options as _Options

    options = _Options("p", SECRET, "example", None, 2, None)
    assert SECRET not in repr(options) and "'p'" in repr(options)


# -- proxies: the credentials never cross a clear-text hop ------------------------------------


@pytest.mark.parametrize("variable", ["HTTP_PROXY", "http_proxy", "ALL_PROXY"])
def test_plain_http_never_goes_through_an_environment_proxy(
    variable: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    proxied: list[bytes] = []
    fake = FakeSignalWire(fax_logs=3, api_token=SECRET)
    with hostile.serve(hostile.answer(b"{}"), proxied) as proxy, fake.serve() as url:
        monkeypatch.setenv(variable, proxy)
        with SignalWireLogs(project_id=fake.project_id, api_token=SECRET, base_url=url) as c:
            assert len(list(c.fax_logs.list())) == 3  # straight to the server
    assert proxied == []


def test_https_goes_through_an_environment_proxy_in_a_tunnel(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    seen: list[bytes] = []
    with hostile.serve(hostile.answer(b""), seen) as proxy:
        monkeypatch.setenv("HTTPS_PROXY", proxy)
        client = SignalWireLogs(project_id="p", api_token=SECRET, space="example", max_retries=0)
        with client, pytest.raises(APIConnectionError):
            client.fax_logs.get("b7182dc2-00f3-40e4-a5ce-20f164b329df")
    assert seen and seen[0].startswith(b"CONNECT example.signalwire.com:443 ")
    for secret in _forms("p"):
        assert secret.encode() not in b"".join(seen)


def test_no_proxy_is_honoured(monkeypatch: pytest.MonkeyPatch) -> None:
    from signalwire_logs._config import resolve_proxy

    monkeypatch.setenv("HTTPS_PROXY", "proxy.internal:3128")
    assert (
        resolve_proxy(httpx.URL("https://example.signalwire.com")) == "http://proxy.internal:3128"
    )
    monkeypatch.setenv("NO_PROXY", ".signalwire.com")
    assert resolve_proxy(httpx.URL("https://example.signalwire.com")) is None


@pytest.mark.parametrize(
    "proxy", ["http://[::1", "ftp://proxy.internal", "socks5://proxy.internal:1080", "http://"]
)
def test_a_malformed_environment_proxy_is_a_configuration_error(
    proxy: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    # socksio is not installed here: httpx would raise ImportError on the first request.
    monkeypatch.setenv("HTTPS_PROXY", proxy)
    with pytest.raises(ConfigurationError, match="proxy"):
        SignalWireLogs(project_id="p", api_token=SECRET, space="example")
    with pytest.raises(ConfigurationError, match="proxy"):
        AsyncSignalWireLogs(project_id="p", api_token=SECRET, space="example")


# -- error pages that echo the request -------------------------------------------------------


def _echo(status: bytes, content_type: bytes, json_body: bool) -> hostile.Behaviour:
    """Answer with the request's own head, Authorization included, as a broken proxy might."""

    def behave(conn: socket.socket, stop: threading.Event) -> None:
        head = last[0].decode("latin-1")
        body = json.dumps({"echo": head, "headers": head.split("\r\n")}) if json_body else head
        encoded = body.encode()
        auth = next(line for line in head.split("\r\n") if line.lower().startswith("authorization"))
        lines = [
            b"HTTP/1.1 " + status,
            b"Connection: close",
            b"Content-Type: " + content_type,
            b"X-Request-Id: " + auth.encode(),
            b"Location: /?" + auth.encode(),
            b"Content-Length: %d" % len(encoded),
        ]
        conn.sendall(b"\r\n".join(lines) + b"\r\n\r\n" + encoded)

    last: list[bytes] = []
    behave.requests = last  # type: ignore[attr-defined]
    return behave


@pytest.mark.parametrize(
    ("status", "content_type", "json_body"),
    [
        (b"400 Bad Request", b"application/json", True),
        (b"502 Bad Gateway", b"text/html", False),
        (b"302 Found", b"text/plain", False),
        (b"200 OK", b"text/plain", False),
        (b"200 OK", b"application/json", True),
    ],
)
def test_an_error_that_echoes_the_request_shows_no_secret(
    status: bytes, content_type: bytes, json_body: bool, sleeps: list[float]
) -> None:
    behaviour = _echo(status, content_type, json_body)
    with hostile.serve(behaviour, behaviour.requests) as url:  # type: ignore[attr-defined]
        client = SignalWireLogs(project_id="p", api_token=SECRET, base_url=url)
        with pytest.raises(SignalWireError) as caught:
            client.fax_logs.get("b7182dc2-00f3-40e4-a5ce-20f164b329df")
    error = caught.value
    texts = [str(error), repr(error), repr(error.__dict__), repr(getattr(error, "body", None))]
    assert "***" in texts[0] or "***" in texts[3]  # the echo was there, and was blanked
    for text in texts:
        for secret in _forms("p"):
            assert secret not in text
