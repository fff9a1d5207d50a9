"""The fake API: request in, reply out, with no I/O of its own.

`FakeSignalWire` holds the data sets, the clock and the public ways in; its answers are built
by the parts it inherits: `_answers` (auth, faults, cache, routing), `_cxml` (the cXML message
handlers), `_lists` (the /api list and get handlers), `_live` (the records at the fake's clock),
and `_replies` (the reply bodies and parameter checks).
"""

from __future__ import annotations

import base64
import datetime
import json
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any

import httpx

from .._client import AsyncSignalWireLogs, SignalWireLogs
from .._families import LOG_FAMILIES, LogFamily
from ._answers import _Answers, _Armed
from ._data import (
    NEWEST,
    SPAN,
    ConferenceLogs,
    DataSet,
    FaxLogs,
    MessageLogs,
    VideoLogs,
    VoiceLogs,
)
from ._faults import Bomb, Fault, fault_from_dict
from ._replies import _bomb, _json
from ._transport import FakeTransport, Reply, serve

#: The base URL of in-process clients; nothing is ever sent there.
IN_PROCESS_URL = "https://fake.signalwire.com"

DEFAULT_PROJECT_ID = "9b0f3c9e-6d2a-4a51-9d3b-2f6c1a7e4b10"
DEFAULT_API_TOKEN = "PTfake-token-for-the-local-fake-server"
CONTROL_PATH = "/__fake__/faults"


class FakeSignalWire(_Answers):
    """A deterministic stand-in for SignalWire's log endpoints.

    Args:
        message_logs: How many message logs it holds (a LaML one has a cXML message).
        fax_logs: How many fax logs it holds.
        voice_logs: How many voice logs (calls, each with its events) it holds.
        video_logs: How many video logs it holds.
        conference_logs: How many conference logs it holds.
        seed: Changes every generated record; the same seed gives the same data.
        project_id: The project ID it accepts (also the cXML AccountSid).
        api_token: The API token it accepts. The defaults are not secrets.
        latency: Seconds to wait before every API answer.
        cache: Answer a repeated request with the same bytes from memory (for benchmarks:
            the fake then costs next to nothing, so a client's own cost shows).
        bursty: Put 80% of each family's records in the middle 10% of its six weeks (real
            traffic is bursty; equal time windows then hold very unequal shares).
        now: Only records created at or before this moment exist (default: all of them).
            Move `now` forward to make newer records appear, as a live Space would.
        live: Young records are still on their way: a message shows `queued`, then
            `sent`, before its final status, a call `in-progress` before `completed`
            (ages counted at `now`). Without `now`, the clock starts half-way
            through the data (half the records are still to come); move it with
            `advance`, or give `clock`.
        clock: Read before every answer to set `now` (`fake-server --live` runs it
            from the wall clock); None: `now` moves only when told.

    Use it in-process through `transport()` (or `client()`), or over loopback HTTP
    through `serve()`. Faults are armed with `inject()`; `update()` changes a
    record after the fact (a message delivered, a call ended), as SignalWire does.
    """

    def __init__(
        self,
        *,
        message_logs: int = 250,
        fax_logs: int = 120,
        voice_logs: int = 150,
        video_logs: int = 60,
        conference_logs: int = 60,
        seed: int = 0,
        project_id: str = DEFAULT_PROJECT_ID,
        api_token: str = DEFAULT_API_TOKEN,
        latency: float = 0.0,
        cache: bool = False,
        bursty: bool = False,
        now: datetime.datetime | None = None,
        live: bool = False,
        clock: Callable[[], datetime.datetime] | None = None,
    ) -> None:
        self.project_id = project_id
        self._api_token = api_token
        self.seed = seed
        self.latency = latency
        #: Records created after this moment are not there yet (None: all of them are).
        self.now = now
        self.messages = MessageLogs(1, message_logs, seed, bursty=bursty)
        self.faxes = FaxLogs(2, fax_logs, seed, bursty=bursty)
        self.voice = VoiceLogs(3, voice_logs, seed, bursty=bursty)
        self.video = VideoLogs(4, video_logs, seed, bursty=bursty)
        self.conferences = ConferenceLogs(5, conference_logs, seed, bursty=bursty)
        self.live = live
        self.clock = clock
        if live and now is None:
            self.now = NEWEST - SPAN / 2
        #: List path -> the family (a get at path/{id} if it has one) and its records, the
        #: data set above named after it.
        self._families: dict[str, tuple[LogFamily, DataSet]] = {
            family.path: (family, getattr(self, family.name)) for family in LOG_FAMILIES
        }
        self._expected_auth = "Basic " + base64.b64encode(
            f"{project_id}:{api_token}".encode()
        ).decode("ascii")
        self._faults: list[_Armed] = []
        #: (family, index) -> fields changed by update(), laid over the generated record.
        self._changes: dict[tuple[int, int], dict[str, Any]] = {}
        self._cache: dict[str, bytes] | None = {} if cache else None
        self._lock = threading.Lock()
        #: Every API request answered, as (method, path with query), oldest first.
        self.requests: list[tuple[str, str]] = []

    def __repr__(self) -> str:
        return (
            f"FakeSignalWire(message_logs={self.messages.count}, fax_logs={self.faxes.count}, "
            f"voice_logs={self.voice.count}, video_logs={self.video.count}, "
            f"conference_logs={self.conferences.count}, seed={self.seed})"
        )

    @property
    def api_token(self) -> str:
        """The token this fake accepts (a fixed, public test value by default)."""
        return self._api_token

    # -- ways in ----------------------------------------------------------------------------

    def transport(self) -> FakeTransport:
        """An httpx transport serving this fake in-process (sync and async clients)."""
        return FakeTransport(self)

    def client(self, **options: Any) -> SignalWireLogs:
        """A sync client wired to this fake in-process; ``options`` go to the client."""
        return SignalWireLogs(
            project_id=self.project_id,
            api_token=self._api_token,
            base_url=IN_PROCESS_URL,
            http_client=httpx.Client(transport=self.transport()),
            **options,
        )

    def async_client(self, **options: Any) -> AsyncSignalWireLogs:
        """An async client wired to this fake in-process; ``options`` go to the client."""
        return AsyncSignalWireLogs(
            project_id=self.project_id,
            api_token=self._api_token,
            base_url=IN_PROCESS_URL,
            http_client=httpx.AsyncClient(transport=self.transport()),
            **options,
        )

    @contextmanager
    def serve(self, host: str = "127.0.0.1", port: int = 0) -> Iterator[str]:
        """Serve over loopback HTTP for the duration of a ``with`` block; yields the base URL."""
        with serve(self, host, port) as url:
            yield url

    # -- changes ----------------------------------------------------------------------------

    def update(self, log_id: str, **fields: Any) -> None:
        """Change fields of one log from now on (``status="delivered"``, or a new field).

        The generated record is unchanged underneath: the fields given are laid over it in
        every answer (lists and gets), as SignalWire shows a log whose status moved on.

        Raises:
            KeyError: no log of any family has this ID.
        """
        for _, data in self._families.values():
            index = data.index_of(log_id)
            if index is not None:
                with self._lock:
                    self._changes.setdefault((data.family, index), {}).update(fields)
                    if self._cache is not None:
                        self._cache.clear()
                return
        raise KeyError(log_id)

    def advance(self, seconds: float) -> datetime.datetime:
        """Move the clock on by `seconds` (newer records appear, young ones move on).

        Returns:
            The new `now`.

        Raises:
            ValueError: the clock is not set (`now` or `live` not given).
        """
        if self.now is None:
            raise ValueError("the fake has no clock to move: give it now= or live=True")
        with self._lock:
            self.now += datetime.timedelta(seconds=seconds)
            if self._cache is not None:
                self._cache.clear()
            return self.now

    def inject(
        self, fault: Fault, *, times: int = 1, path: str | None = None, after: int = 0
    ) -> None:
        """Answer the next ``times`` matching requests with ``fault``.

        Args:
            fault: One of the faults of [`signalwire_logs.testing`][signalwire_logs.testing]
                (``Status(503)``, ``Drop()``…).
            times: How many requests it hits.
            path: Only requests whose path starts with this.
            after: Let this many matching requests through first (fail page 3, say).
        """
        if isinstance(fault, Bomb):
            _bomb(fault.inflated)  # compressed now, so serving it takes no time
        with self._lock:
            self._faults.append(_Armed(fault, times, path, after))

    def clear_faults(self) -> None:
        """Disarm every fault."""
        with self._lock:
            self._faults.clear()

    # -- requests ---------------------------------------------------------------------------

    def handle(self, request: httpx.Request) -> Reply:
        """Answer one request (its body must have been read)."""
        path = request.url.path
        if path == CONTROL_PATH:
            return self._control(request)
        with self._lock:
            self.requests.append((request.method, request.url.raw_path.decode("ascii")))
            if self.clock is not None:
                self.now = self.clock()
        reply = self._answer(request, path)
        reply.delay += self.latency
        return reply

    def _control(self, request: httpx.Request) -> Reply:
        if request.method == "DELETE":
            self.clear_faults()
            return _json(200, {"faults": 0})
        try:
            data = json.loads(request.content or b"{}")
            times, where, after = data.pop("times", 1), data.pop("path", None), data.pop("after", 0)
            self.inject(fault_from_dict(data), times=times, path=where, after=after)
        except (ValueError, TypeError) as err:
            return _json(400, {"error": str(err)})
        return _json(200, {"faults": len(self._faults)})
