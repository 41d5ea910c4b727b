"""A minimal HTTP/1.1 client over asyncio streams, for the load test on loopback.

httpx costs the load generator two to three times the CPU the service spends on a small
request; on a machine of two cores the generator then measures mostly itself. This client
does only what the load test needs: GET with a few headers on one kept-alive connection,
bodies by ``Content-Length`` or chunked, a new connection when the server closes one.
"""

from __future__ import annotations

import asyncio
from urllib.parse import urlencode, urlsplit


class Connection:
    """One kept-alive connection to ``host:port`` (opened on first use, reopened if closed)."""

    def __init__(self, host: str, port: int) -> None:
        self.host, self.port = host, port
        self._reader: asyncio.StreamReader | None = None
        self._writer: asyncio.StreamWriter | None = None

    async def get(
        self, path: str, params: dict[str, str] | None = None, headers: dict[str, str] | None = None
    ) -> tuple[int, bytes]:
        """The status and the whole body of ``GET path?params``."""
        target = f"{path}?{urlencode(params)}" if params else path
        lines = [f"GET {target} HTTP/1.1", f"Host: {self.host}:{self.port}"]
        lines += [f"{name}: {value}" for name, value in (headers or {}).items()]
        request = ("\r\n".join(lines) + "\r\n\r\n").encode()
        if self._writer is None:
            await self._open()
        try:
            return await self._exchange(request)
        except (ConnectionError, asyncio.IncompleteReadError):
            await self._open()  # a kept-alive connection the server had closed: once more
            return await self._exchange(request)

    async def _open(self) -> None:
        await self.close()
        self._reader, self._writer = await asyncio.open_connection(self.host, self.port)

    async def _exchange(self, request: bytes) -> tuple[int, bytes]:
        assert self._reader is not None and self._writer is not None  # noqa: S101
        self._writer.write(request)
        await self._writer.drain()
        head = await self._reader.readuntil(b"\r\n\r\n")
        status_line, *header_lines = head.decode("latin-1").split("\r\n")
        status = int(status_line.split(" ", 2)[1])
        fields = {}
        for line in header_lines:
            if ":" in line:
                name, value = line.split(":", 1)
                fields[name.strip().lower()] = value.strip()
        if "content-length" in fields:
            body = await self._reader.readexactly(int(fields["content-length"]))
        elif fields.get("transfer-encoding", "").lower() == "chunked":
            body = await self._chunked()
        else:
            body = await self._reader.read()
            fields["connection"] = "close"
        if fields.get("connection", "").lower() == "close":
            await self.close()
        return status, body

    async def _chunked(self) -> bytes:
        assert self._reader is not None  # noqa: S101
        parts = []
        while True:
            size = int((await self._reader.readuntil(b"\r\n")).split(b";")[0], 16)
            if size == 0:
                await self._reader.readuntil(b"\r\n")  # no trailers are sent
                return b"".join(parts)
            parts.append(await self._reader.readexactly(size))
            await self._reader.readexactly(2)

    async def close(self) -> None:
        """Close the connection (the next request opens another)."""
        writer, self._reader, self._writer = self._writer, None, None
        if writer is not None:
            writer.close()
            try:
                await writer.wait_closed()
            except ConnectionError:
                pass


def connection_for(base: str) -> Connection:
    """A connection to the server of the URL ``base`` (``http://127.0.0.1:PORT/``)."""
    parts = urlsplit(base)
    return Connection(parts.hostname or "127.0.0.1", parts.port or 80)
