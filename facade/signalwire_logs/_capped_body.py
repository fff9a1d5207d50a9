"""The body of one answer, decoded chunk by chunk within a cap: `CappedBody`.

A body is read in chunks and decoded here (gzip, deflate), so a few kilobytes that would
inflate to gigabytes stop at the cap, and refused once it passes the cap, whatever the server
sends (an endless body, a decompression bomb). The transport reads every answer through it,
within the attempt's deadline (``_deadline.py``).
"""

from __future__ import annotations

import zlib
from typing import Any

import httpx

__all__ = ["ACCEPT_ENCODING", "BadEncoding", "BodyTooLarge", "CappedBody"]


class BodyTooLarge(Exception):
    """The decoded body passed the cap (caught by the transport, which knows the request)."""


class BadEncoding(Exception):
    """The body cannot be decoded as its Content-Encoding says."""


#: What we ask for and can decode, each within the cap. Sent explicitly, so a server that
#: answers in another encoding (br, zstd) is at fault, whatever optional packages are around.
ACCEPT_ENCODING = "gzip, deflate"
_INFLATE_STEP = 1 << 20


class CappedBody:
    """A response body, decoded chunk by chunk, that fails once it passes ``limit`` bytes.

    gzip and deflate are inflated here with an output bound, so a few kilobytes that would
    inflate to gigabytes stop at the cap; chunks are joined once, at the end.
    """

    def __init__(self, headers: httpx.Headers, limit: int) -> None:
        self._limit = limit
        self._size = 0
        self._chunks: list[bytes] = []
        codings = [
            c.strip().lower()
            for c in headers.get("content-encoding", "").split(",")
            if c.strip().lower() not in ("", "identity")
        ]
        if len(codings) > 1 or (codings and codings[0] not in ("gzip", "x-gzip", "deflate")):
            raise BadEncoding(f"unsupported Content-Encoding {headers['content-encoding']!r}")
        self._coding = codings[0] if codings else None
        self._inflater: Any = None
        if self._coding in ("gzip", "x-gzip"):
            self._inflater = zlib.decompressobj(zlib.MAX_WBITS | 16)
        elif self._coding == "deflate":
            self._inflater = zlib.decompressobj()
        self._first = True

    def _keep(self, chunk: bytes) -> None:
        self._size += len(chunk)
        if self._size > self._limit:
            raise BodyTooLarge
        self._chunks.append(chunk)

    def feed(self, raw: bytes) -> None:
        """Add the next chunk as received."""
        if self._inflater is None:
            self._keep(raw)
            return
        try:
            self._inflate(raw)
        except zlib.error as err:
            if not (self._first and self._coding == "deflate"):
                raise BadEncoding(f"{self._coding}: {err}") from None
            # Some servers send raw deflate data without the zlib wrapper (httpx accepts it).
            self._inflater = zlib.decompressobj(-zlib.MAX_WBITS)
            self._inflate_checked(raw)
        self._first = False

    def _inflate_checked(self, raw: bytes) -> None:
        try:
            self._inflate(raw)
        except zlib.error as err:
            raise BadEncoding(f"{self._coding}: {err}") from None

    def _inflate(self, data: bytes) -> None:
        # In steps of at most a MiB (one byte over what is left shows the cap is passed), so
        # memory stays within the cap plus a step whatever the compression ratio.
        while data:
            step = min(self._limit - self._size + 1, _INFLATE_STEP)
            self._keep(self._inflater.decompress(data, step))
            data = self._inflater.unconsumed_tail

    def whole(self, content: bytes) -> bytes:
        """A body an in-process transport already read and decoded, checked against the cap."""
        self._keep(content)
        return content

    def content(self) -> bytes:
        """The whole decoded body."""
        if self._inflater is not None:
            try:
                self._keep(self._inflater.flush())
            except zlib.error as err:
                raise BadEncoding(f"{self._coding}: {err}") from None
        return b"".join(self._chunks)
