"""Credentials and the target URL, resolved and validated in one place, before any request."""

from __future__ import annotations

import base64
import importlib.util
import ipaddress
import os
import re
import urllib.request

import httpx

from ._constants import ENV_API_TOKEN, ENV_BASE_URL, ENV_PROJECT_ID, ENV_SPACE
from ._exceptions import ConfigurationError

_SIGNALWIRE_DOMAIN = ".signalwire.com"


_MIN_SECRET = 8


class Credentials:
    """A project ID and API token; the token never appears in ``repr`` or ``str``."""

    __slots__ = ("_api_token", "project_id")

    def __init__(self, project_id: str, api_token: str) -> None:
        self.project_id = project_id
        self._api_token = api_token

    @property
    def api_token(self) -> str:
        """The token itself, for the code that must send it."""
        return self._api_token

    def auth(self) -> httpx.BasicAuth:
        """Basic auth: the project ID as user name, the API token as password."""
        return httpx.BasicAuth(self.project_id, self._api_token)

    def redact(self, text: str) -> str:
        """``text`` with the token in every form it travels in replaced by ``***``: alone,
        as ``project:token``, and base64-encoded as in the Authorization header."""
        pair = f"{self.project_id}:{self._api_token}"
        for secret in (base64.b64encode(pair.encode()).decode(), pair, self._api_token):
            # A toy token of a letter or two (a test's) would blank every word it is part of.
            if len(secret) >= _MIN_SECRET:
                text = text.replace(secret, "***")
        return text

    def __repr__(self) -> str:
        return f"Credentials(project_id={self.project_id!r}, api_token='***')"

    __str__ = __repr__


def _setting(value: str | None, env: str, what: str, argument: str) -> str:
    resolved = value if value is not None else os.environ.get(env)
    if resolved is None or not resolved.strip():
        raise ConfigurationError(
            f"Missing {what}: pass `{argument}=...` or set {env} in the environment."
        )
    if resolved != resolved.strip():
        raise ConfigurationError(f"The {what} has leading or trailing white space.")
    return resolved


def resolve_credentials(project_id: str | None, api_token: str | None) -> Credentials:
    """Take each credential from its argument, else from the environment."""
    project = _setting(project_id, ENV_PROJECT_ID, "project ID", "project_id")
    token = _setting(api_token, ENV_API_TOKEN, "API token", "api_token")
    return Credentials(project, token)


def is_loopback(host: str) -> bool:
    """Whether ``host`` names this machine (localhost, 127.0.0.0/8, ::1)."""
    if host.lower() == "localhost":
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False


# What a Space can be, as typed: its name, its host or its https URL (with or without the
# final slash). ASCII only, matched whole: a Unicode letter that case-folds or IDNA-maps to
# an ASCII one (long s U+017F, dotless i U+0131, the Kelvin sign U+212A) would otherwise name
# a look-alike host that the credentials would be sent to, and ``$`` would let a final
# newline through.
_SPACE_NAME = r"[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?"
_SPACE = re.compile(
    rf"(?P<url>https?://)?(?P<name>{_SPACE_NAME})(?P<host>\.signalwire\.com)?(?P<slash>/)?",
    re.ASCII | re.IGNORECASE,
)

# A URL's userinfo (``user:password@``), query and fragment: where a pasted credential
# would sit, so never repeated in a message.
_USERINFO = re.compile(r"^(?P<scheme>[^:/?#]*://)?(?P<userinfo>[^/?#]*@)")
_QUERY = re.compile(r"[?#].*", re.DOTALL)


def _shown(value: str) -> str:
    """``value`` as an error message may quote it: a URL's userinfo, query and fragment
    blanked (they may hold a credential)."""
    shown = _USERINFO.sub(lambda m: f"{m['scheme'] or ''}***@", value, count=1)
    return repr(_QUERY.sub(lambda m: f"{m[0][0]}***", shown))


def _refuse_secrets(value: str, argument: str) -> None:
    """A credential pasted into a URL (``https://project:token@...``, ``?token=...``) is
    refused without repeating it: the message would reach logs and terminals."""
    if _USERINFO.match(value):
        raise ConfigurationError(
            f"Invalid {argument} {_shown(value)}: credentials do not belong in the URL "
            "(user:password@); pass project_id= and api_token=."
        )
    if _QUERY.search(value):
        raise ConfigurationError(
            f"Invalid {argument} {_shown(value)}: expected no query or fragment (?... or #...)."
        )


def _space_url(space: str) -> httpx.URL:
    """``example``, ``example.signalwire.com`` or ``https://example.signalwire.com``."""
    if "://" in space or "@" in space:
        _refuse_secrets(space, "space")
    form = _SPACE.fullmatch(space)
    if form is None or (form["slash"] and not form["url"]) or (form["url"] and not form["host"]):
        raise ConfigurationError(
            f"Invalid space {_shown(space)}: expected your Space's name ('example'), its host "
            "('example.signalwire.com') or its URL ('https://example.signalwire.com'); "
            "use base_url= for any other server."
        )
    if form["url"] and form["url"].lower() != "https://":
        raise ConfigurationError(f"Invalid space {_shown(space)}: a Space is reached over https.")
    return httpx.URL(f"https://{form['name'].lower()}{_SIGNALWIRE_DOMAIN}")


def _checked_url(value: str, argument: str) -> httpx.URL:
    _refuse_secrets(value, argument)
    try:
        url = httpx.URL(value)
    except (httpx.InvalidURL, TypeError) as err:
        raise ConfigurationError(f"Invalid {argument} {_shown(value)}: {err}") from None
    problem = None
    if url.scheme not in ("http", "https") or not url.host:
        problem = "expected http(s)://host[:port]"
    elif url.userinfo:
        problem = "credentials do not belong in the URL; pass project_id= and api_token="
    elif url.path not in ("", "/") or url.query or url.fragment:
        problem = "expected no path, query or fragment"
    if problem:
        raise ConfigurationError(f"Invalid {argument} {_shown(value)}: {problem}.")
    return url


def resolve_base_url(space: str | None, base_url: str | None) -> httpx.URL:
    """The origin every request goes to.

    In order: the ``base_url`` argument, the ``space`` argument, ``$SIGNALWIRE_BASE_URL``,
    ``$SIGNALWIRE_SPACE``.
    """
    env_base_url = os.environ.get(ENV_BASE_URL) or None
    if base_url is not None:
        url = _checked_url(base_url, "base_url")
    elif space is None and env_base_url is not None:
        url = _checked_url(env_base_url, ENV_BASE_URL)
    else:
        url = _space_url(_setting(space, ENV_SPACE, "space", "space"))
    if url.scheme == "http" and not is_loopback(url.host):
        # Basic auth over plain http would send the API token in clear text.
        raise ConfigurationError(
            f"Refusing plain http to {url.host}: credentials would be sent unencrypted. "
            "Use https (plain http is allowed only to loopback hosts)."
        )
    return url.copy_with(path="/")


_PROXY_SCHEMES = ("http", "https", "socks5", "socks5h")


def resolve_proxy(base_url: httpx.URL) -> str | None:
    """The proxy the client's own connection pool uses, from the environment, checked now.

    Read as httpx and curl read them (``HTTPS_PROXY``, ``ALL_PROXY``, ``NO_PROXY``), but for
    the one origin the client talks to, and never for plain http: the Authorization header
    would reach the proxy in clear text. (An https request goes through a proxy in a CONNECT
    tunnel, encrypted end to end.) A malformed proxy is a ConfigurationError here, rather than
    an ImportError or InvalidURL from httpx later.
    """
    if base_url.scheme != "https":
        return None
    proxies = urllib.request.getproxies()
    value = proxies.get("https") or proxies.get("all")
    if not value or urllib.request.proxy_bypass(base_url.host):
        return None
    if "://" not in value:
        value = f"http://{value}"  # what httpx and curl assume
    try:
        url = httpx.URL(value)
    except (httpx.InvalidURL, TypeError, ValueError) as err:
        raise ConfigurationError(f"Invalid proxy in the environment: {err}") from None
    if url.scheme not in _PROXY_SCHEMES or not url.host:
        raise ConfigurationError(
            f"Invalid proxy in the environment ({url.scheme}://{url.host}): expected "
            f"{', '.join(_PROXY_SCHEMES)}://host[:port]."
        )
    if url.scheme.startswith("socks") and importlib.util.find_spec("socksio") is None:
        raise ConfigurationError(
            "The environment names a SOCKS proxy, which needs `pip install httpx[socks]`."
        )
    return value
