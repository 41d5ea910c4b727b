"""A query worker process: ``python worker.py STORE_PATH`` (run by path, not by package).

It opens the store read-only, then reads requests on stdin and writes frames on stdout, one
request at a time. A frame is one type byte, a 4-byte big-endian length, then the payload:

* ``R`` ready (empty), sent once after the store is open;
* ``H`` header (JSON ``{"kind", "format"}``), sent just before the first data frame;
* ``D`` a chunk of the serialized answer (about 64 KiB);
* ``E`` end of the answer; ``X`` an error (JSON ``{"error", "message"}``) instead of ``E``.

The worker never knows deadlines: the pool kills it (SIGKILL) when one passes. Pipes give
backpressure: a client that reads slowly blocks the worker on its next write. It imports
nothing from the project so that it starts fast.
"""

from __future__ import annotations

import json
import os
import struct
import sys
from collections.abc import Callable
from typing import IO, Any, Protocol, cast

import pyoxigraph as ox

HEADER = struct.Struct(">cI")
CHUNK = 1 << 16
RESULT_TAG = b"<result>"


class TooManyRowsError(Exception):
    """The SELECT has more solutions than the limit."""


class SinkFullError(Exception):
    """A bounded sink is full (the in-process fast lane gives the query to a worker)."""


def frame(kind: bytes, payload: bytes = b"") -> bytes:
    """One frame's bytes."""
    return HEADER.pack(kind, len(payload)) + payload


def write_all(fd: int, data: bytes) -> None:
    """Write ``data`` on ``fd``, blocking until the pipe took all of it."""
    view = memoryview(data)
    while view:
        view = view[os.write(fd, view) :]


def write_frame(fd: int, kind: bytes, payload: bytes = b"") -> None:
    """Write one frame."""
    write_all(fd, frame(kind, payload))


def read_exact(fd: int, size: int) -> bytes | None:
    """Read exactly ``size`` bytes from ``fd``; None at end of file."""
    parts = bytearray()
    while len(parts) < size:
        got = os.read(fd, size - len(parts))
        if not got:
            return None
        parts += got
    return bytes(parts)


Sink = Callable[[bytes], None]


class FrameWriter:
    """A binary file that cuts what pyoxigraph serializes into ``D`` frames for ``sink``."""

    def __init__(self, sink: Sink, header: dict[str, str]) -> None:
        self.sink, self.header, self.buf, self.started = sink, header, bytearray(), False

    def write(self, data: bytes) -> int:
        self.buf += data
        if len(self.buf) >= CHUNK:
            self.send()
        return len(data)

    def flush(self) -> None:
        """pyoxigraph calls it; frames leave when full or at the end."""

    def send(self, end: bool = False) -> None:
        """Send the buffer (with the header first, and the end mark if ``end``) in one write."""
        parts = [] if self.started else [frame(b"H", json.dumps(self.header).encode())]
        self.started = True
        if self.buf:
            parts.append(frame(b"D", bytes(self.buf)))
        if end:
            parts.append(frame(b"E"))
        self.sink(b"".join(parts))
        self.buf.clear()


class CountingBuffer:
    """Holds an XML result in memory while counting its ``<result>`` elements."""

    def __init__(self, limit: int) -> None:
        self.limit, self.rows, self.buf, self.over = limit, 0, bytearray(), False

    def write(self, data: bytes) -> int:
        tail = bytes(self.buf[-(len(RESULT_TAG) - 1) :])
        self.rows += (tail + bytes(data)).count(RESULT_TAG)
        if self.rows > self.limit:
            self.over = True
            raise TooManyRowsError
        self.buf += data
        return len(data)

    def flush(self) -> None:
        """Nothing to flush: the buffer is read once serialization ends."""


def _term(ntriples: str) -> Any:
    quad = next(iter(ox.parse(f"<urn:s> <urn:p> {ntriples} .", ox.RdfFormat.N_TRIPLES)))
    return quad.object


class Writer(Protocol):
    """Where :func:`evaluate` serializes an answer: a binary file with a header and a buffer."""

    header: dict[str, str]
    buf: bytearray

    def write(self, data: bytes) -> int:
        """Take serialized bytes."""
        ...

    def flush(self) -> None:
        """Called by pyoxigraph."""
        ...

    def send(self, end: bool = False) -> None:
        """Pass on what is buffered; ``end`` once the answer is complete."""
        ...


def _within_limit(
    result: ox.QuerySolutions | ox.QueryBoolean, limit: int, writer: Writer
) -> ox.QuerySolutions | None:
    """Serialize as XML while counting rows; the solutions again, or None if XML is wanted."""
    counted = CountingBuffer(limit)
    try:
        result.serialize(cast(IO[bytes], counted), ox.QueryResultsFormat.XML)
    except Exception:
        if counted.over:
            raise TooManyRowsError from None
        raise
    if writer.header["format"] == "XML":
        writer.buf += counted.buf
        return None
    parsed = ox.parse_query_results(bytes(counted.buf), ox.QueryResultsFormat.XML)
    return cast(ox.QuerySolutions, parsed)


def evaluate(
    store: ox.Store,
    req: dict[str, Any],
    writer: Callable[[dict[str, str]], Writer],
) -> None:
    """Evaluate one request into the writer made for its header (``kind``, ``format``)."""
    options: dict[str, Any] = {"base_iri": req["b"]} if req["b"] else {}
    if req["dg"] or req["ng"]:
        options["default_graph"] = [ox.NamedNode(g) for g in req["dg"]]
        if req["ng"]:
            options["named_graphs"] = [ox.NamedNode(g) for g in req["ng"]]
    else:
        options["use_default_graph_as_union"] = req["u"]
    if req["s"]:
        options["substitutions"] = {ox.Variable(k): _term(v) for k, v in req["s"].items()}
    result = store.query(req["q"], **options)
    if isinstance(result, ox.QueryTriples):
        out = writer({"kind": "graph", "format": req["f"]["graph"]})
        result.serialize(cast(IO[bytes], out), getattr(ox.RdfFormat, req["f"]["graph"]))
    else:
        kind = "solutions" if isinstance(result, ox.QuerySolutions) else "boolean"
        fmt = req["f"][kind]
        out = writer({"kind": kind, "format": fmt})
        answer: ox.QuerySolutions | ox.QueryBoolean | None = result
        if kind == "solutions" and req["m"] > 0:
            answer = _within_limit(result, req["m"], out)
        if answer is not None:
            answer.serialize(cast(IO[bytes], out), getattr(ox.QueryResultsFormat, fmt))
    out.send(end=True)


def error_of(exc: BaseException, limit: int) -> dict[str, str]:
    """The ``X`` frame's payload for a failure (the pool maps it to the service's error)."""
    if isinstance(exc, TooManyRowsError):
        return {
            "error": "ResultTooLarge",
            "message": f"the result has more than {limit} rows, "
            "the service's limit (setting ESS_MAX_RESULT_ROWS): add a LIMIT or narrow it",
        }
    if isinstance(exc, SyntaxError):
        return {"error": "QuerySyntaxError", "message": str(exc)}
    if isinstance(exc, ValueError):
        return {"error": "BadRequest", "message": str(exc)}
    return {"error": "StorageError", "message": f"{type(exc).__name__}: {exc}"}


def answer(store: ox.Store, req: dict[str, Any], out: Sink) -> None:
    """Evaluate one request; a failure becomes an ``X`` frame.

    A sink that cannot take more (a closed pipe, a full bounded sink) raises again when the
    ``X`` frame is written, so its error reaches the caller.
    """
    try:
        evaluate(store, req, lambda header: FrameWriter(out, header))
    except Exception as exc:  # every failure is reported to the pool as a frame
        out(frame(b"X", json.dumps(error_of(exc, req["m"])).encode()))


class BoundedWriter:
    """A :class:`Writer` that keeps the answer in memory up to ``limit`` bytes, then raises
    SinkFullError for good (the in-process fast lane)."""

    def __init__(self, header: dict[str, str], limit: int) -> None:
        self.header, self.limit, self.buf = header, limit, bytearray()

    def write(self, data: bytes) -> int:
        self.buf += data
        if len(self.buf) > self.limit:
            raise SinkFullError
        return len(data)

    def flush(self) -> None:
        """Nothing to flush: the buffer is the answer."""

    def send(self, end: bool = False) -> None:
        """Check the limit (an XML answer counted for its rows lands in ``buf`` whole)."""
        if len(self.buf) > self.limit:
            raise SinkFullError


def main() -> None:
    """Serve requests from stdin until it closes (``worker.py STORE [NICENESS]``)."""
    if len(sys.argv) > 2 and int(sys.argv[2]) > 0:
        os.nice(int(sys.argv[2]))  # a lower CPU priority than the service and the REST lane
    out = os.dup(1)
    os.dup2(2, 1)  # stray prints go to stderr, never into the frame stream
    store = ox.Store.read_only(sys.argv[1])
    write_frame(out, b"R")
    while True:
        head = read_exact(0, HEADER.size)
        if head is None:
            return
        _, size = HEADER.unpack(head)
        body = read_exact(0, size)
        if body is None:
            return
        try:
            answer(store, json.loads(body), lambda data: write_all(out, data))
        except BrokenPipeError:
            return


if __name__ == "__main__":
    main()
