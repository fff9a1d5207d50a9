"""What a Space or a base URL can be, checked before any request or DNS lookup, and a
credential pasted into a URL refused without being repeated (library and CLI)."""

from __future__ import annotations

import socket
from collections.abc import Iterator
from typing import Any

import pytest
from click.testing import CliRunner

from signalwire_logs import AsyncSignalWireLogs, ConfigurationError, SignalWireLogs
from signalwire_logs._cli._commands import cli

import hostile

SECRET = "PTpasted-secret-5e1d0b"
PROJECT = "3f8e42c1-0c4e-4f26-9d3e-1f0a9b8c7d6e"


@pytest.fixture
def no_network(monkeypatch: pytest.MonkeyPatch) -> Iterator[list[object]]:
    """Every DNS lookup and every connection, through a proxy that records them: a request
    to any https host goes to the proxy first (CONNECT), a lookup through getaddrinfo."""
    seen: list[object] = []
    lookup = socket.getaddrinfo

    def recorded(*args: Any, **kwargs: Any) -> Any:
        seen.append(("getaddrinfo", args[0]))
        return lookup(*args, **kwargs)

    monkeypatch.setattr(socket, "getaddrinfo", recorded)
    requests: list[bytes] = []
    with hostile.serve(hostile.answer(b"{}"), requests) as proxy:
        monkeypatch.setenv("HTTPS_PROXY", proxy)
        monkeypatch.setenv("NO_PROXY", "")
        seen.clear()  # the proxy's own set-up
        yield seen
    seen.extend(requests)


# Not a Space: control characters, white space inside, Unicode letters that fold or
# IDNA-map to ASCII ones (a look-alike host the credentials would go to), bidi overrides.
NOT_SPACES = [
    "exa\nmple",
    "exa\x00mple",
    "exa\rmple",
    "exa\tmple",
    "ex ample",
    "\u017fpace",  # long s, which IDNA maps to "s"
    "\u0131con",  # dotless i
    "\u212aelvin",  # the Kelvin sign, which case-folds to "k"
    "exa\u202emple",  # a right-to-left override
    "ex\u00e4mple",  # ä: an IDNA label (xn--...), not a Space name
    "example\u3002signalwire\u3002com",  # ideographic full stops, which IDNA reads as dots
    "https://\u017fpace.signalwire.com",
    "https://exa\nmple.signalwire.com",
    "example.signalwire.com\n.evil.com",
    "a" * 64,
    "-example",
    "example-",
    "example/",
    "https://example",
    "https://example.signalwire.com:443",
    "https://example.signalwire.com/api",
]


@pytest.mark.parametrize("space", NOT_SPACES)
def test_what_is_not_a_space_name_is_refused_before_any_lookup(
    space: str, no_network: list[object]
) -> None:
    with pytest.raises(ConfigurationError, match="Invalid space") as caught:
        SignalWireLogs(project_id=PROJECT, api_token=SECRET, space=space)
    with pytest.raises(ConfigurationError, match="Invalid space"):
        AsyncSignalWireLogs(project_id=PROJECT, api_token=SECRET, space=space)
    message = str(caught.value)
    assert message.isprintable()  # the name is quoted with its control characters escaped
    assert no_network == []


@pytest.mark.parametrize("space", ["exa\nmple", "\u017fpace", "exa\x00mple", "exa\u202emple"])
def test_the_cli_refuses_them_in_one_line_with_exit_2(space: str, no_network: list[object]) -> None:
    env = {"SIGNALWIRE_PROJECT_ID": PROJECT, "SIGNALWIRE_API_TOKEN": SECRET}
    # An environment variable cannot hold a NUL: that one is tried as an option only.
    for where in (["--space", space], []) if "\x00" not in space else (["--space", space],):
        result = CliRunner().invoke(
            cli,
            [*where, "messages", "list", "--limit", "1"],
            env=env if where else env | {"SIGNALWIRE_SPACE": space},
        )
        assert result.exit_code == 2, result.output
        assert result.stdout == ""
        lines = result.stderr.splitlines()
        assert len(lines) == 1 and lines[0].startswith("Error: Invalid space "), lines
        assert lines[0].isprintable()
        assert "Traceback" not in result.output
    assert no_network == []


@pytest.mark.parametrize(
    ("space", "host"),
    [
        ("example", "example"),
        ("Example-2", "example-2"),
        ("e", "e"),
        ("a" * 63, "a" * 63),
        ("example.signalwire.com", "example"),
        ("EXAMPLE.SignalWire.COM", "example"),
        ("https://example.signalwire.com", "example"),
        ("https://example.signalwire.com/", "example"),
    ],
)
def test_the_documented_forms_are_accepted(space: str, host: str) -> None:
    client = SignalWireLogs(project_id=PROJECT, api_token=SECRET, space=space)
    assert str(client.base_url) == f"https://{host}.signalwire.com/"


# A credential pasted into a URL: the userinfo (project:token@) or the query (?token=).
PASTED = [
    ("space", f"https://{PROJECT}:{SECRET}@example.signalwire.com"),
    ("space", f"{PROJECT}:{SECRET}@example.signalwire.com"),
    ("space", f"https://{SECRET}@example.signalwire.com"),
    ("space", f"https://example.signalwire.com/?api_token={SECRET}"),
    ("space", f"https://example.signalwire.com#{SECRET}"),
    ("base_url", f"https://{PROJECT}:{SECRET}@example.signalwire.com"),
    ("base_url", f"http://{PROJECT}:{SECRET}@127.0.0.1:8080"),
    ("base_url", f"https://example.signalwire.com/?token={SECRET}"),
    ("base_url", f"https://example.signalwire.com?{SECRET}"),
    ("base_url", f"https://{PROJECT}:{SECRET}@exa mple.com/\x7f"),  # not even a URL
    ("base_url", f"https://example.signalwire.com/#{SECRET}"),
]


@pytest.mark.parametrize(("argument", "value"), PASTED)
def test_a_credential_in_a_url_is_refused_without_repeating_it(
    argument: str, value: str, monkeypatch: pytest.MonkeyPatch, no_network: list[object]
) -> None:
    with pytest.raises(ConfigurationError) as caught:
        if argument == "base_url":
            SignalWireLogs(project_id=PROJECT, api_token="another-token", base_url=value)
        else:
            SignalWireLogs(project_id=PROJECT, api_token="another-token", space=value)
    texts = [str(caught.value), repr(caught.value), repr(caught.value.args)]
    assert "***" in texts[0]
    for text in texts:
        assert SECRET not in text
    # From the environment too (SIGNALWIRE_BASE_URL, SIGNALWIRE_SPACE).
    variable = "SIGNALWIRE_BASE_URL" if argument == "base_url" else "SIGNALWIRE_SPACE"
    monkeypatch.setenv(variable, value)
    with pytest.raises(ConfigurationError) as caught:
        SignalWireLogs(project_id=PROJECT, api_token="another-token")
    assert SECRET not in str(caught.value)
    assert no_network == []


@pytest.mark.parametrize(("argument", "value"), PASTED)
def test_the_cli_does_not_repeat_it_either(
    argument: str, value: str, no_network: list[object]
) -> None:
    flag = "--base-url" if argument == "base_url" else "--space"
    result = CliRunner().invoke(
        cli,
        [flag, value, "faxes", "list", "--limit", "1"],
        env={"SIGNALWIRE_PROJECT_ID": PROJECT, "SIGNALWIRE_API_TOKEN": "another-token"},
    )
    assert result.exit_code == 2, result.output
    assert SECRET not in result.output and SECRET not in result.stderr
    assert len(result.stderr.splitlines()) == 1 and "***" in result.stderr
    assert no_network == []
