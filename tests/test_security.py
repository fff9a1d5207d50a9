"""Credentials never leak: not in logs at DEBUG, reprs, errors, exports or cursor files."""

from __future__ import annotations

import base64
import logging
from pathlib import Path

import httpx
import pytest
from click.testing import CliRunner

from signalwire_logs import (
    ConfigurationError,
    PaginationError,
    SignalWireError,
    SignalWireLogs,
    export_logs,
)
from signalwire_logs._cli._commands import cli
from signalwire_logs.testing import Drop, FakeSignalWire, Status

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
