"""The pool's fast lane: single-pattern lookups answered in the service process.

A query that is one triple pattern (``SELECT ?p ?o { <s> ?p ?o }``, ``ASK { ?s a <C> }``…,
see :func:`~graph_service.backends.scan.is_single_scan`) is evaluated by pyoxigraph as one
lazy index scan: its work grows only with its output. Such a query cannot run away as long
as its output is bounded, so it needs no killable process: it runs here, on a read-only
handle, into a sink bounded at 64 KiB. An answer that outgrows the sink is dropped and the
query goes to a worker like any other. This saves the round trip to a worker process,
most of the latency of a tiny query. The code is the worker's (same formats, limits and
errors).
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pyoxigraph as ox

from graph_service.backends.procs import Frame, frame_error, split_frames
from graph_service.backends.worker import CHUNK, BoundedSink, SinkFullError, answer


class FastLane:
    """Answers small single-scan queries in this process."""

    def __init__(self, store_path: Path, limit: int = CHUNK) -> None:
        self.store_path, self.limit = store_path, limit
        self._store: ox.Store | None = None

    @property
    def store(self) -> ox.Store:
        """A read-only handle on the store, opened on first use."""
        if self._store is None:
            self._store = ox.Store.read_only(str(self.store_path))
        return self._store

    def try_answer(self, req: dict[str, Any]) -> tuple[dict[str, Any], list[bytes]] | None:
        """(header, chunks) of the whole answer; None when it is too big for the lane.

        The errors of the query are raised as the service's exceptions.
        """
        sink = BoundedSink(self.limit)
        try:
            answer(self.store, req, sink)
        except SinkFullError:
            return None
        frames: list[Frame] = split_frames(bytes(sink.data))
        kind, body = frames[0]
        if kind == b"X":
            raise frame_error(body)
        return json.loads(body), [data for kind, data in frames[1:] if kind == b"D"]
