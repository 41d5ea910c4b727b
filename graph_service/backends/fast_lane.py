"""The pool's fast lane: single-pattern lookups answered in the service process.

A query that is one triple pattern (``SELECT ?p ?o { <s> ?p ?o }``, ``ASK { ?s a <C> }``…,
see :func:`~graph_service.backends.scan.is_single_scan`) is evaluated by pyoxigraph as one
lazy index scan: its work grows only with its output. Such a query cannot run away as long
as its output is bounded, so it needs no killable process: it runs here, on a read-only
handle, into a buffer bounded at 64 KiB. An answer that outgrows the buffer is dropped and
the query goes to a worker like any other, with its deadline. This saves the round trip to
a worker process, most of the latency of a tiny query. The evaluation is the worker's
(:func:`~graph_service.backends.worker.evaluate`: same formats, limits and errors), without
the frames.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pyoxigraph as ox

from graph_service.backends.procs import service_error
from graph_service.backends.worker import CHUNK, BoundedWriter, SinkFullError, error_of, evaluate


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

    def try_answer(self, req: dict[str, Any]) -> tuple[str, bytes] | None:
        """The result kind and the whole answer; None when it is too big for the lane.

        The errors of the query are raised as the service's exceptions.
        """
        written: list[BoundedWriter] = []

        def writer(header: dict[str, str]) -> BoundedWriter:
            written.append(BoundedWriter(header, self.limit))
            return written[0]

        try:
            evaluate(self.store, req, writer)
        except SinkFullError:
            return None
        except Exception as exc:  # the worker's mapping: syntax -> 400, storage -> 500...
            raise service_error(error_of(exc, req["m"])) from None
        return written[0].header["kind"], bytes(written[0].buf)
