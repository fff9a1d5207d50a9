"""A plain loopback server for `make bench`: pre-serialized pages of message logs, nothing else.

The bundled fake is a full `http.server` application (a thread and an `httpx.Request` per
request, routing, filters). This one answers a request with bytes made before the first one
arrived, from a few lines of parsing, so that a benchmark against it measures the clients
alone and no ratio depends on the fake's own costs. It speaks HTTP/1.1 with keep-alive,
checks the Authorization header and the cursor, and serves `GET /api/messaging/logs` (pages
linked by `links.next`, as SignalWire does) and `GET /api/messaging/logs/{id}` for the first
`GETTABLE` records (ids from `record_id`).

    python scripts/_bench_server.py RECORDS PAGE_SIZE PROJECT_ID API_TOKEN

prints its base URL on the first line of stdout and serves until it is terminated.
"""

from __future__ import annotations

import base64
import json
import socket
import sys
import threading
from urllib.parse import parse_qs, urlsplit

from signalwire_logs.testing import FakeSignalWire

PATH = "/api/messaging/logs"
#: Distinct records the pages are made of; each served record still gets its own id.
POOL = 5_000
#: Records also served one by one (for the single `get` benchmark).
GETTABLE = 1_000


def _answer(status: str, body: bytes) -> bytes:
    head = f"HTTP/1.1 {status}\r\nContent-Type: application/json\r\nContent-Length: {len(body)}"
    return f"{head}\r\n\r\n".encode() + body


def record_id(index: int) -> str:
    """A distinct UUID-shaped id per record (the records are served newest first)."""
    return f"{index:08x}-5eed-4000-8000-{(index * 2654435761) % 2**48:012x}"


def _token(page: int) -> str:
    return f"PA{page * 7919:x}"


class Pages:
    """Every answer, serialized once: the pages of the walk and each record by id."""

    def __init__(self, records: int, page_size: int, base: str, project_id: str) -> None:
        data = FakeSignalWire(message_logs=POOL).messages
        # Each pooled record as JSON with its id cut off: `{"id":"...",` + tail.
        tails = []
        for index in range(POOL):
            text = json.dumps(data.log(index, base, project_id), separators=(",", ":"))
            assert text.startswith('{"id":"')
            tails.append(text[text.index('",', 7) + 1 :])
        self.pages: list[bytes] = []
        self.records: dict[str, bytes] = {}
        for number, start in enumerate(range(0, records, page_size)):
            items = []
            for index in range(start, min(start + page_size, records)):
                record = f'{{"id":"{record_id(index)}"{tails[index % POOL]}'
                items.append(record)
                if index < GETTABLE:
                    self.records[record_id(index)] = _answer("200 OK", record.encode())
            links = {
                "self": f"{base}{PATH}?page_number={number}&page_size={page_size}",
                "first": f"{base}{PATH}?page_size={page_size}",
            }
            if start + page_size < records:
                links["next"] = (
                    f"{base}{PATH}?page_number={number + 1}&page_size={page_size}"
                    f"&page_token={_token(number + 1)}"
                )
            head = json.dumps(links, separators=(",", ":"))
            body = f'{{"links":{head},"data":[{",".join(items)}]}}'
            self.pages.append(_answer("200 OK", body.encode()))
        self.page_size = page_size

    def answer(self, target: str) -> bytes:
        """The bytes for a request target (path and query), or a 400/404."""
        url = urlsplit(target)
        if url.path == PATH:
            query = {name: values[-1] for name, values in parse_qs(url.query).items()}
            number = int(query.get("page_number", "0"))
            if int(query.get("page_size", "50")) != self.page_size or not (
                0 <= number < len(self.pages)
            ):
                return _answer("400 Bad Request", b'{"error":"unexpected page"}')
            if number and query.get("page_token") != _token(number):
                return _answer("400 Bad Request", b'{"error":"bad page_token"}')
            return self.pages[number]
        if url.path.startswith(PATH + "/"):
            record = self.records.get(url.path[len(PATH) + 1 :])
            if record is not None:
                return record
        return _answer("404 Not Found", b'{"error":"not found"}')


def _serve(connection: socket.socket, pages: Pages, authorization: bytes) -> None:
    connection.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
    unauthorized = _answer("401 Unauthorized", b'{"error":"unauthorized"}')
    buffer = b""
    with connection:
        while True:
            while b"\r\n\r\n" not in buffer:
                chunk = connection.recv(65536)
                if not chunk:
                    return
                buffer += chunk
            head, buffer = buffer.split(b"\r\n\r\n", 1)  # GET requests: no body
            lines = head.split(b"\r\n")
            target = lines[0].split(b" ")[1].decode("ascii")
            headers = {
                name.strip().lower(): value.strip()
                for name, _, value in (line.partition(b":") for line in lines[1:])
            }
            if headers.get(b"authorization") != authorization:
                connection.sendall(unauthorized)
            else:
                connection.sendall(pages.answer(target))
            if headers.get(b"connection", b"").lower() == b"close":
                return


def main() -> None:
    records, page_size = int(sys.argv[1]), int(sys.argv[2])
    project_id, api_token = sys.argv[3], sys.argv[4]
    listener = socket.create_server(("127.0.0.1", 0), backlog=128)
    base = f"http://127.0.0.1:{listener.getsockname()[1]}"
    pages = Pages(records, page_size, base, project_id)
    authorization = b"Basic " + base64.b64encode(f"{project_id}:{api_token}".encode())
    print(base, flush=True)
    while True:
        connection, _ = listener.accept()
        threading.Thread(
            target=_serve, args=(connection, pages, authorization), daemon=True
        ).start()


if __name__ == "__main__":
    main()
