"""Tunable defaults, in one place."""

from __future__ import annotations

import httpx

#: Generous for a page of 1,000 logs, short enough that a dead connection is noticed.
DEFAULT_TIMEOUT = httpx.Timeout(60.0, connect=10.0)
DEFAULT_MAX_RETRIES = 2
#: A page of 1,000 logs is about 0.5 MB of JSON: 32 MiB leaves room for records sixty times
#: larger, and stops an endless or decompression-bomb body before it hurts.
DEFAULT_MAX_RESPONSE_BYTES = 32 * 1024 * 1024
INITIAL_RETRY_DELAY = 0.5
MAX_RETRY_DELAY = 8.0
#: A server asking for a longer pause than this is not retried: the error is raised at once,
#: with its ``retry_after``, so the caller decides.
MAX_RETRY_AFTER_DELAY = 60.0

PAGE_SIZE_MIN = 1
PAGE_SIZE_MAX = 1000

ENV_PROJECT_ID = "SIGNALWIRE_PROJECT_ID"
ENV_API_TOKEN = "SIGNALWIRE_API_TOKEN"
ENV_SPACE = "SIGNALWIRE_SPACE"
ENV_BASE_URL = "SIGNALWIRE_BASE_URL"

#: Headers SignalWire (or a proxy in front of it) may use to identify a request.
REQUEST_ID_HEADERS = ("x-request-id", "x-signalwire-request-id", "request-id", "x-amzn-requestid")
