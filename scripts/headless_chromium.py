"""Open a local page in headless Chromium and report what it did: requests, console errors, a
screenshot. Used by the report's browser tests and to take the docs' pictures of a report.

    python scripts/headless_chromium.py report.html light.png dark.png [HEIGHT]

It speaks Chromium's DevTools protocol over ``--remote-debugging-pipe`` (fds 3 and 4 of the
browser), so it needs no package beyond the browser itself (Debian: ``apt-get install
chromium``) and opens no port. Every wait is bounded.
"""

from __future__ import annotations

import base64
import json
import os
import select
import shutil
import sys
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

#: Seconds any one answer or event may take before the browser is given up on.
TIMEOUT = 60.0


def find_chromium() -> str | None:
    """The Chromium (or Chrome) executable on PATH, if there is one."""
    for name in ("chromium", "chromium-browser", "google-chrome", "chrome"):
        path = shutil.which(name)
        if path:
            return path
    return None


@dataclass
class Visit:
    """What a page did while it loaded."""

    requests: list[str] = field(default_factory=list)
    """Every URL the page asked for, the page itself first."""
    errors: list[str] = field(default_factory=list)
    """Console errors and warnings, uncaught exceptions, and the browser's own log errors
    (a Content-Security-Policy violation is one)."""
    screenshot: bytes = b""
    """The whole page as a PNG."""
    background: str = ""
    """The body's computed background colour (tells which colour scheme the page used)."""


class Browser:
    """One headless Chromium, driven over its DevTools pipe."""

    def __init__(self, executable: str, profile: str) -> None:
        to_browser_read, self._write = os.pipe()
        self._read, from_browser_write = os.pipe()
        log = os.open(os.path.join(profile, "chromium.log"), os.O_WRONLY | os.O_CREAT, 0o600)
        arguments = [
            executable,
            "--headless",
            "--remote-debugging-pipe",
            f"--user-data-dir={profile}",
            "--no-first-run",
            "--no-default-browser-check",
            "--disable-gpu",
            "--disable-extensions",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--hide-scrollbars",
            "--mute-audio",
            "about:blank",
        ]
        if os.geteuid() == 0:  # Chromium refuses to run as root with its sandbox
            arguments.insert(1, "--no-sandbox")
        null = os.open(os.devnull, os.O_RDONLY)
        try:
            self._pid = os.posix_spawn(
                executable,
                arguments,
                os.environ,
                file_actions=[
                    (os.POSIX_SPAWN_DUP2, null, 0),
                    (os.POSIX_SPAWN_DUP2, log, 1),
                    (os.POSIX_SPAWN_DUP2, log, 2),
                    (os.POSIX_SPAWN_DUP2, to_browser_read, 3),
                    (os.POSIX_SPAWN_DUP2, from_browser_write, 4),
                ],
            )
        finally:
            for fd in (null, log, to_browser_read, from_browser_write):
                os.close(fd)
        self._buffer = b""
        self._next_id = 0
        self.events: list[dict[str, Any]] = []

    def send(self, method: str, session: str | None = None, **params: Any) -> dict[str, Any]:
        """Call a DevTools method and return its result (events met meanwhile are kept)."""
        self._next_id += 1
        message: dict[str, Any] = {"id": self._next_id, "method": method, "params": params}
        if session is not None:
            message["sessionId"] = session
        os.write(self._write, json.dumps(message).encode() + b"\0")
        while True:
            answer = self._receive(time.monotonic() + TIMEOUT)
            if answer.get("id") == self._next_id:
                if "error" in answer:
                    raise RuntimeError(f"{method}: {answer['error']}")
                result: dict[str, Any] = answer.get("result", {})
                return result
            self.events.append(answer)

    def wait_for(self, method: str, session: str) -> dict[str, Any]:
        """The next event named ``method`` from the tab of ``session`` (others are kept:
        another tab's late event must not pass for this one's)."""
        deadline = time.monotonic() + TIMEOUT
        for n, event in enumerate(self.events):
            if event.get("method") == method and event.get("sessionId") == session:
                return self.events.pop(n)
        while True:
            event = self._receive(deadline)
            if event.get("method") == method and event.get("sessionId") == session:
                return event
            self.events.append(event)

    def _receive(self, deadline: float) -> dict[str, Any]:
        while b"\0" not in self._buffer:
            left = deadline - time.monotonic()
            if left <= 0 or not select.select([self._read], [], [], left)[0]:
                raise TimeoutError("Chromium did not answer in time")
            chunk = os.read(self._read, 1 << 20)
            if not chunk:
                raise RuntimeError("Chromium closed its DevTools pipe (did it crash?)")
            self._buffer += chunk
        message, _, self._buffer = self._buffer.partition(b"\0")
        answer: dict[str, Any] = json.loads(message)
        return answer

    def close(self) -> None:
        with suppress(OSError, RuntimeError, TimeoutError):
            self.send("Browser.close")
        for fd in (self._write, self._read):
            os.close(fd)
        deadline = time.monotonic() + 10
        while time.monotonic() < deadline:
            pid, _ = os.waitpid(self._pid, os.WNOHANG)
            if pid:
                return
            time.sleep(0.05)
        os.kill(self._pid, 9)
        os.waitpid(self._pid, 0)


@contextmanager
def chromium(executable: str | None = None) -> Iterator[Browser]:
    """A headless Chromium for the duration of a ``with`` block, with a throwaway profile."""
    path = executable or find_chromium()
    if path is None:
        raise FileNotFoundError("no Chromium on PATH (Debian: apt-get install chromium)")
    with tempfile.TemporaryDirectory(prefix="chromium-") as profile:
        browser = Browser(path, profile)
        try:
            yield browser
        finally:
            browser.close()


def _open(browser: Browser, page: Path, *, scheme: str, width: int) -> tuple[str, str]:
    """A new tab that has loaded ``page``: its target and session ids.

    The tab starts blank and is told to navigate only once its domains are enabled and its
    emulation set, then waits (bounded by :data:`TIMEOUT`) for the load event: polling
    ``document.readyState`` for a fixed while instead let a slow, loaded machine evaluate in a
    page that had not arrived yet.
    """
    target = browser.send("Target.createTarget", url="about:blank")["targetId"]
    try:
        return target, _load(browser, target, page, scheme=scheme, width=width)
    except BaseException:
        with suppress(OSError, RuntimeError, TimeoutError):
            browser.send("Target.closeTarget", targetId=target)
        raise


def _load(browser: Browser, target: str, page: Path, *, scheme: str, width: int) -> str:
    """Attach to the blank tab ``target``, set it up, load ``page``; the session id."""
    attached = browser.send("Target.attachToTarget", targetId=target, flatten=True)
    session: str = attached["sessionId"]
    for domain in ("Page", "Network", "Runtime", "Log"):
        browser.send(f"{domain}.enable", session)
    browser.send(
        "Emulation.setEmulatedMedia",
        session,
        features=[{"name": "prefers-color-scheme", "value": scheme}],
    )
    browser.send(
        "Emulation.setDeviceMetricsOverride",
        session,
        width=width,
        height=900,
        deviceScaleFactor=1,
        mobile=False,
    )
    # Only what this navigation causes is reported (see visit).
    browser.events = [e for e in browser.events if e.get("sessionId") != session]
    browser.send("Page.navigate", session, url=page.resolve().as_uri())
    browser.wait_for("Page.loadEventFired", session)
    return session


def _value(browser: Browser, session: str, expression: str) -> Any:
    """The value of ``expression`` in the tab of ``session``; raises if it threw."""
    answer = browser.send("Runtime.evaluate", session, expression=expression, returnByValue=True)
    if "exceptionDetails" in answer:
        raise RuntimeError(f"{expression!r} threw: {answer['exceptionDetails']}")
    return answer["result"].get("value")


def _close(browser: Browser, target: str, session: str) -> list[dict[str, Any]]:
    """Close a tab; the events it sent (nothing of one tab may be read as another's)."""
    browser.send("Target.closeTarget", targetId=target)
    mine = [e for e in browser.events if e.get("sessionId") == session]
    browser.events = [e for e in browser.events if e.get("sessionId") != session]
    return mine


def visit(
    browser: Browser,
    page: Path,
    *,
    scheme: str = "light",
    width: int = 1000,
    height: int | None = None,
) -> Visit:
    """Open ``page`` in a new tab in the given colour scheme; what it requested and logged.

    Args:
        browser: From :func:`chromium`.
        page: A local HTML file.
        scheme: ``"light"`` or ``"dark"``: what ``prefers-color-scheme`` says.
        width: The viewport's width in CSS pixels.
        height: Cut the screenshot at this height (default: the whole page).
    """
    target, session = _open(browser, page, scheme=scheme, width=width)
    try:
        background = _value(browser, session, "getComputedStyle(document.body).backgroundColor")
        metrics = browser.send("Page.getLayoutMetrics", session)["cssContentSize"]
        shot = browser.send(
            "Page.captureScreenshot",
            session,
            format="png",
            captureBeyondViewport=True,
            clip={
                "x": 0,
                "y": 0,
                "width": width,
                "height": min(metrics["height"], height or metrics["height"]),
                "scale": 1,
            },
        )
    finally:
        events = _close(browser, target, session)
    result = Visit(screenshot=base64.b64decode(shot["data"]), background=background or "")
    for event in events:
        method, params = event.get("method"), event.get("params", {})
        if method == "Network.requestWillBeSent":
            result.requests.append(params["request"]["url"])
        elif method == "Runtime.consoleAPICalled" and params.get("type") in ("error", "warning"):
            result.errors.append(f"console.{params['type']}: {params.get('args')}")
        elif method == "Runtime.exceptionThrown":
            result.errors.append(f"exception: {params.get('exceptionDetails')}")
        elif method == "Log.entryAdded" and params["entry"].get("level") in ("error", "warning"):
            result.errors.append(f"log: {params['entry'].get('text')}")
    return result


def evaluate(browser: Browser, page: Path, expression: str, *, scheme: str = "light") -> Any:
    """The value of a JavaScript expression in ``page`` once it has loaded (run by DevTools,
    not by the page); raises if the expression threw."""
    target, session = _open(browser, page, scheme=scheme, width=1000)
    try:
        return _value(browser, session, expression)
    finally:
        _close(browser, target, session)


def main(arguments: list[str]) -> int:
    if len(arguments) not in (3, 4):
        print(__doc__.splitlines()[3].strip(), file=sys.stderr)
        return 2
    page, light, dark = (Path(a) for a in arguments[:3])
    height = int(arguments[3]) if len(arguments) == 4 else None
    with chromium() as browser:
        for scheme, out in (("light", light), ("dark", dark)):
            seen = visit(browser, page, scheme=scheme, height=height)
            out.write_bytes(seen.screenshot)
            print(f"{out}: {len(seen.requests)} request(s), {len(seen.errors)} error(s)")
            for error in seen.errors:
                print(f"  {error}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
