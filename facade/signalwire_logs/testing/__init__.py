"""A faithful local fake of SignalWire's log endpoints, for demos and for your own tests.

    from signalwire_logs.testing import FakeSignalWire, Status

    fake = FakeSignalWire(message_logs=2_500, seed=7)
    client = fake.client()                       # in-process, no sockets
    failed = [log for log in client.message_logs.list() if log.error_code]

    fake.inject(Status(503), times=2)            # the next two requests fail, then recover
    with fake.serve() as url:                    # or over loopback HTTP
        ...

It keeps the real contract: page_size 1-1000 (default 50), cursors in ``links.next``,
``page_number`` > 0 only with a valid ``page_token``, date filters, ``include_deleted``,
basic auth, 404 for unknown ids and 422 with the spec's ``errors`` body for bad parameters.
It never reads real credentials: its clients use the fake's own public test values.
"""

from ._fake import DEFAULT_API_TOKEN, DEFAULT_PROJECT_ID, IN_PROCESS_URL, FakeSignalWire
from ._faults import (
    HTML,
    BadJSON,
    Bomb,
    Delay,
    Drop,
    Empty,
    Endless,
    Fault,
    NotGzip,
    Redirect,
    Reset,
    Status,
    Trickle,
    Truncate,
)
from ._transport import FakeServer, FakeTransport

__all__ = [
    "DEFAULT_API_TOKEN",
    "DEFAULT_PROJECT_ID",
    "HTML",
    "IN_PROCESS_URL",
    "BadJSON",
    "Bomb",
    "Delay",
    "Drop",
    "Empty",
    "Endless",
    "FakeServer",
    "FakeSignalWire",
    "FakeTransport",
    "Fault",
    "NotGzip",
    "Redirect",
    "Reset",
    "Status",
    "Trickle",
    "Truncate",
]
