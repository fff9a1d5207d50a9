"""Hostile HTTP servers on loopback: endless bodies, decompression bombs, trickles, lies.

Each server answers every connection with one behaviour (or with what ``route`` makes of the
request: see :func:`log_list`), in a daemon thread, and gives up on its own after
``MAX_SECONDS`` (or when the client hangs up), so no test can hang on it.
Also runnable as a script, to measure a client's peak RSS against one of them in a fresh
process: ``python tests/hostile.py endless|bomb``.
"""

from __future__ import annotations

import contextlib
import datetime
import json
import socket
import sys
import threading
import time
import urllib.parse
import zlib
from collections.abc import Callable, Iterator

MAX_SECONDS = 20.0
# Each connection serves one answer and closes: say so, or a retry may pick the closed
# connection from the pool and fail on that instead of on the behaviour under test.
JSON_HEAD = b"HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nConnection: close\r\n"

Behaviour = Callable[[socket.socket, threading.Event], None]


def _read_request(conn: socket.socket) -> bytes:
    data = b""
    while b"\r\n\r\n" not in data:
        chunk = conn.recv(65536)
        if not chunk:
            break
        data += chunk
    return data


@contextlib.contextmanager
def serve(
    behaviour: Behaviour | None = None,
    requests: list[bytes] | None = None,
    *,
    route: Callable[[str], bytes] | None = None,
) -> Iterator[str]:
    """Serve ``behaviour`` on 127.0.0.1; yields the base URL. Records each request's head.

    With ``route``, each request is answered with the JSON body ``route`` makes of its
    target (the path and query of its request line) instead.
    """
    listener = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    listener.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    listener.bind(("127.0.0.1", 0))
    listener.listen(16)
    listener.settimeout(0.1)
    stop = threading.Event()

    def handle(conn: socket.socket) -> None:
        with conn:
            conn.settimeout(MAX_SECONDS)
            head = _read_request(conn)
            if requests is not None:
                requests.append(head)
            chosen = behaviour if route is None else answer(route(_target(head)))
            assert chosen is not None
            with contextlib.suppress(OSError):
                chosen(conn, stop)

    def accept() -> None:
        started = time.monotonic()
        while not stop.is_set() and time.monotonic() - started < MAX_SECONDS:
            try:
                conn, _ = listener.accept()
            except TimeoutError:
                continue
            except OSError:
                return
            threading.Thread(target=handle, args=(conn,), daemon=True).start()

    thread = threading.Thread(target=accept, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{listener.getsockname()[1]}"
    finally:
        stop.set()
        thread.join(1)
        listener.close()


def _target(head: bytes) -> str:
    """The target of a request line (``GET /api/x?y=1 HTTP/1.1`` -> ``/api/x?y=1``)."""
    line = head.split(b"\r\n", 1)[0].decode("latin-1")
    parts = line.split(" ")
    return parts[1] if len(parts) == 3 else "/"


def _until(stop: threading.Event) -> Iterator[None]:
    started = time.monotonic()
    while not stop.is_set() and time.monotonic() - started < MAX_SECONDS:
        yield


def endless(conn: socket.socket, stop: threading.Event) -> None:
    """A chunked JSON body that never ends."""
    conn.sendall(JSON_HEAD + b"Transfer-Encoding: chunked\r\n\r\n")
    piece = b" " * 65536
    chunk = b"%x\r\n%s\r\n" % (len(piece), piece)
    conn.sendall(b"2\r\n[ \r\n")
    for _ in _until(stop):
        conn.sendall(chunk)


def bomb_body(inflated: int, encoding: str = "gzip") -> bytes:
    """``inflated`` bytes of JSON-ish white space, compressed (about 1,000:1)."""
    wbits = zlib.MAX_WBITS | 16 if encoding == "gzip" else zlib.MAX_WBITS
    packer = zlib.compressobj(9, zlib.DEFLATED, wbits)
    block = b" " * (1 << 20)
    parts = [packer.compress(b"[")]
    parts += [packer.compress(block) for _ in range(inflated >> 20)]
    return b"".join([*parts, packer.compress(b"]"), packer.flush()])


def answer(body: bytes, headers: bytes = b"") -> Behaviour:
    """A complete answer with this body and these extra header lines."""

    def behave(conn: socket.socket, stop: threading.Event) -> None:
        length = b"Content-Length: %d\r\n" % len(body)
        conn.sendall(JSON_HEAD + headers + length + b"\r\n" + body)

    return behave


def stale(body: bytes) -> Behaviour:
    """A kept-alive connection that answers its first request with ``body``, and the next
    request on it with ``body`` again: an answer meant for another request."""

    def behave(conn: socket.socket, stop: threading.Event) -> None:
        head = b"HTTP/1.1 200 OK\r\nContent-Type: application/json\r\n"
        answer = head + b"Content-Length: %d\r\n\r\n" % len(body) + body
        conn.sendall(answer)
        if _read_request(conn):  # the client sent its next request on this connection
            conn.sendall(answer)

    return behave


def trickled_body(every: float) -> Behaviour:
    """Headers at once, then a long body, one byte every ``every`` seconds."""

    def behave(conn: socket.socket, stop: threading.Event) -> None:
        conn.sendall(JSON_HEAD + b"Content-Length: 100000\r\n\r\n")
        for _ in _until(stop):
            conn.sendall(b" ")
            time.sleep(every)

    return behave


def trickled_headers(every: float) -> Behaviour:
    """A status line, then header bytes one every ``every`` seconds, never ending them."""

    def behave(conn: socket.socket, stop: threading.Event) -> None:
        conn.sendall(b"HTTP/1.1 200 OK\r\nX-Slow: ")
        for _ in _until(stop):
            conn.sendall(b"a")
            time.sleep(every)

    return behave


#: How :func:`log_list` orders what it lists: newest first (as SignalWire does), oldest
#: first, or each page newest first but the pages oldest first.
ORDERS = ("newest", "oldest", "pages")


def log_list(
    records: list[tuple[datetime.datetime, bytes]],
    order: str = "newest",
    *,
    page_size: Callable[[int], int] | None = None,
) -> Callable[[str], bytes]:
    """A ``route`` for :func:`serve`: a log list of ``records`` (each its time and its JSON as
    sent), filtered by ``created_after``/``created_before`` (both exclusive) and paged by
    ``page_number``/``page_size`` (the next link carries both and a token), in ``order``
    (one of :data:`ORDERS`). ``page_size`` makes the next link's size of the size asked."""

    def route(target: str) -> bytes:
        query = urllib.parse.parse_qs(urllib.parse.urlsplit(target).query)

        def value(name: str) -> str | None:
            return query[name][0] if name in query else None

        after, before = value("created_after"), value("created_before")
        chosen = [
            (at, raw)
            for at, raw in records
            if (after is None or at > _moment(after)) and (before is None or at < _moment(before))
        ]
        chosen.sort(key=lambda record: record[0], reverse=order != "oldest")
        size, number = int(value("page_size") or 50), int(value("page_number") or 0)
        pages = [chosen[at : at + size] for at in range(0, len(chosen), size)] or [[]]
        if order == "pages":
            pages.reverse()
        page = pages[number] if number < len(pages) else []
        path = urllib.parse.urlsplit(target).path
        links: dict[str, str] = {"self": target, "first": f"{path}?page_size={size}"}
        if number + 1 < len(pages):
            asked = size if page_size is None else page_size(size)
            links["next"] = (
                f"{path}?page_number={number + 1}&page_size={asked}&page_token=PA{number + 1}"
            )
        head = json.dumps({"links": links}).encode()[:-1]
        return head + b',"data":[' + b",".join(raw for _, raw in page) + b"]}"

    return route


def _moment(value: str) -> datetime.datetime:
    moment = datetime.datetime.fromisoformat(value)
    return moment if moment.tzinfo else moment.replace(tzinfo=datetime.UTC)


def _peak_rss(kind: str, bomb_mib: int) -> None:
    """Print the client's peak RSS growth and peak in MB, and seconds, reading one answer."""
    import resource

    from signalwire_logs import ResponseTooLargeError, SignalWireLogs

    behaviour: Behaviour = endless
    if kind == "bomb":
        behaviour = answer(bomb_body(bomb_mib << 20), b"Content-Encoding: gzip\r\n")
    with serve(behaviour) as url:
        client = SignalWireLogs(project_id="p", api_token="t", base_url=url, max_retries=0)
        before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
        started = time.monotonic()
        with contextlib.suppress(ResponseTooLargeError):
            client.fax_logs.get("b7182dc2-00f3-40e4-a5ce-20f164b329df")
        seconds = time.monotonic() - started
        after = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    print(f"{(after - before) / 1024:.1f} {after / 1024:.1f} {seconds:.2f}")


if __name__ == "__main__":
    _peak_rss(sys.argv[1], int(sys.argv[2]) if len(sys.argv) > 2 else 1024)
