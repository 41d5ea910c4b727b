"""Bulk-load the source graphs and their merge (the default graph) in one pass, as N-Quads.

Each source's quads are serialised to N-Quads by pyoxigraph (in Rust: Python makes no object
per quad beyond what its provider yields). Every line of a source's bytes must end with
`` <graph> .`` and a newline (a newline inside a literal is escaped, so it only ends lines):
counting those endings checks that every quad is in its graph, and one ``bytes.replace`` of
them gives the same triples as default-graph lines. One ``bulk_load`` of the named lines then
the default lines fills the store, each distinct triple once in the default graph
(:mod:`ingest.store.default_graph`), without the ~1 M Python ``Quad`` objects that
``bulk_extend(with_default_graph(...))`` made (docs/BENCHMARKS.md: about a quarter less CPU).
``lenient`` parsing skips checking IRIs again: pyoxigraph checked them when the provider made
its terms.

An input of :data:`PARALLEL_MIN_BYTES` up to :data:`PARALLEL_MAX_BYTES` is loaded by
:func:`load_lines` as ``threads`` parts of whole lines (``ESS_LOAD_THREADS``), one
``bulk_load`` each in its own thread, into the same store: the loader releases the GIL, so a
second part parses on a second core while one ``bulk_load`` of such an input parses, then
writes (1 M synthetic triples, 193 MiB: 11.7-15.6 s in one, 5.4 s in two parts). A larger
input is loaded in one ``bulk_load``, whose own threads already write a batch while it parses
the next (docs/BENCHMARKS.md, session 10). The loader renames blank nodes, consistently
within one load only: every line holding ``_:`` (a blank node, or those characters in a
literal) goes to the first part, so a blank node is one node as in a single load, and a file
holding any is loaded in one part. ``tests/ingest/store/test_bulk_parts.py`` compares the
stores (canonical N-Quads). Every thread is joined before an error is raised: a part that
fails leaves a half-loaded store behind, which the build removes with its new version
folder (nothing is swapped in).

A provider whose data is bad keeps the error of :func:`~ingest.store.sources.checked_quads`
(``file: message``): on any mismatch the slow path walks the quads again to name it.
"""

from __future__ import annotations

import io
import os
import re
import threading
from collections.abc import Callable, Iterable
from itertools import pairwise
from pathlib import Path

from pyoxigraph import DefaultGraph, RdfFormat, Store, serialize

from ingest.rdf.sources import SourceGraph
from ingest.store.errors import BuildError
from ingest.store.sources import INPUT_ERRORS, checked_quads, describe_error

__all__ = [
    "PARALLEL_MAX_BYTES",
    "PARALLEL_MIN_BYTES",
    "default_lines",
    "load_lines",
    "load_sources",
    "load_threads",
    "source_nquads",
    "split_lines",
]

PARALLEL_MIN_BYTES = 32 * 2**20
"""Below this many bytes, one ``bulk_load``: the seed data and the tests' stores load as before."""

PARALLEL_MAX_BYTES = 512 * 2**20
"""From this many bytes on, one ``bulk_load`` too: the loader's own threads (it writes a
batch while it parses the next) already keep 2 cores busy; parts were no faster at 10 M
triples and took up to 20 % more CPU (docs/BENCHMARKS.md, session 10)."""


def load_threads(setting: int) -> int:
    """Parts of a large bulk load: ``setting`` (``ESS_LOAD_THREADS``), or the CPU count for 0."""
    return setting or os.cpu_count() or 1


BLANK_LINE = re.compile(rb"^[^\n]*_:[^\n]*(?:\n|\Z)", re.MULTILINE)
"""A line that may hold a blank node (``_:`` anywhere in it)."""


def _cuts(size: int, parts: int, newline_at: Callable[[int], int]) -> list[int]:
    """Offsets cutting ``size`` bytes into at most ``parts`` pieces of whole lines, none empty
    (``newline_at(offset)``: the first newline at or after ``offset``, -1 if none)."""
    cuts = [0]
    for i in range(1, parts):
        end = newline_at(max(size * i // parts, cuts[-1]))
        if end < 0 or end + 1 >= size:
            break
        if end + 1 > cuts[-1]:
            cuts.append(end + 1)
    return [*cuts, size]


def split_lines(data: bytes, parts: int) -> list[bytes]:
    """``data`` cut into at most ``parts`` pieces of whole lines, every line that may hold a
    blank node in the first."""
    blank = b"".join(BLANK_LINE.findall(data)) if b"_:" in data else b""
    if blank:
        data = BLANK_LINE.sub(b"", data)
    cuts = _cuts(len(data), parts, lambda offset: data.find(b"\n", offset))
    pieces = [data[start:end] for start, end in pairwise(cuts)]
    if blank:
        pieces[0] = blank + (b"" if blank.endswith(b"\n") else b"\n") + pieces[0]
    return pieces


def _find_in(path: Path, what: bytes, offset: int = 0, block_size: int = 1 << 16) -> int:
    """The offset of the first ``what`` (one or two bytes) at or after ``offset``, or -1."""
    with path.open("rb") as file:
        file.seek(offset)
        tail = b""
        while block := file.read(block_size):
            found = (tail + block).find(what)
            if found >= 0:
                return offset - len(tail) + found
            offset += len(block)
            tail = block[-1:]
    return -1


class _Range(io.RawIOBase):
    """The bytes ``[start, end)`` of a file, read as a file of their own."""

    def __init__(self, path: Path, start: int, end: int) -> None:
        super().__init__()
        self._file = path.open("rb")
        self._file.seek(start)
        self._left = end - start

    def readable(self) -> bool:
        return True

    def readinto(self, buffer: bytearray | memoryview) -> int:  # type: ignore[override]
        view = memoryview(buffer)[: self._left]
        count = self._file.readinto(view) if len(view) else 0
        self._left -= count
        return count

    def close(self) -> None:
        self._file.close()
        super().close()


def _parts(data: bytes | Path, parts: int) -> list[bytes | io.BufferedReader]:
    if isinstance(data, bytes):
        return list(split_lines(data, parts))
    size = data.stat().st_size
    if _find_in(data, b"_:", block_size=1 << 24) >= 0:
        parts = 1
    cuts = _cuts(size, parts, lambda offset: _find_in(data, b"\n", offset))
    return [io.BufferedReader(_Range(data, start, end), 1 << 20) for start, end in pairwise(cuts)]


def _load_part(
    store: Store, part: bytes | io.BufferedReader, format: RdfFormat, to_graph: DefaultGraph | None
) -> None:
    store.bulk_load(part, format=format, lenient=True, to_graph=to_graph)


def load_lines(
    store: Store,
    data: bytes | Path,
    *,
    threads: int = 1,
    format: RdfFormat = RdfFormat.N_QUADS,
    to_graph: DefaultGraph | None = None,
    min_bytes: int | None = None,
) -> None:
    """Bulk-load ``data`` (N-Quads or N-Triples: bytes, or a file) into ``store``, leniently:
    in one ``bulk_load`` below ``min_bytes`` (:data:`PARALLEL_MIN_BYTES`) or from
    :data:`PARALLEL_MAX_BYTES` on, else as ``threads`` parts of whole lines loaded at once, one
    thread each. Raises the first part's error once every thread has ended."""
    size = len(data) if isinstance(data, bytes) else data.stat().st_size
    least = PARALLEL_MIN_BYTES if min_bytes is None else min_bytes
    if threads <= 1 or not least <= size < PARALLEL_MAX_BYTES:
        source = data if isinstance(data, bytes) else None
        path = None if isinstance(data, bytes) else data
        store.bulk_load(source, format=format, path=path, lenient=True, to_graph=to_graph)
        return
    errors: list[BaseException] = []

    def run(part: bytes | io.BufferedReader) -> None:
        try:
            _load_part(store, part, format, to_graph)
        except BaseException as exc:  # raised by the calling thread, after every join
            errors.append(exc)
        finally:
            if not isinstance(part, bytes):
                part.close()

    workers = [threading.Thread(target=run, args=(part,)) for part in _parts(data, threads)]
    try:
        for worker in workers:
            worker.start()
    finally:  # no error leaves a part still writing into the store
        for worker in workers:
            if worker.ident is not None:
                worker.join()
    if errors:
        raise errors[0]


def _suffix(graph: str) -> bytes:
    return f" <{graph}> .\n".encode()


def _explain(source: SourceGraph, problem: str) -> BuildError:
    """The error :func:`checked_quads` gives for ``source`` (walking its quads again)."""
    for _quad in checked_quads(source):
        pass
    return BuildError(f"{describe_error(ValueError(problem), source.inputs)} ({source.graph})")


def source_nquads(source: SourceGraph) -> bytes:
    """The N-Quads of ``source``, each quad checked to be in its graph."""
    try:
        data = serialize(source.quads(), format=RdfFormat.N_QUADS) or b""
    except INPUT_ERRORS as exc:
        raise BuildError(describe_error(exc, source.inputs)) from None
    if data.count(b"\n") != data.count(_suffix(source.graph)):
        raise _explain(source, "quad outside its graph")
    return data


def default_lines(source: SourceGraph, nquads: bytes) -> bytes:
    """The lines of ``nquads`` (``source``'s) moved to the default graph."""
    return nquads.replace(_suffix(source.graph), b" .\n")


def load_sources(
    store: Store, sources: Iterable[SourceGraph], *, default_graph: bool = True, threads: int = 1
) -> None:
    """Load every source's quads into its graph and (unless ``default_graph`` is false: a
    store queried with the union of its graphs, ``bench/union_default_load.py``) their
    triples into the default graph; in ``threads`` parts if large (:func:`load_lines`)."""
    named: list[bytes] = []
    default: list[bytes] = []
    checked = list(sources)
    for source in checked:
        data = source_nquads(source)
        named.append(data)
        if default_graph:
            default.append(default_lines(source, data))
    blob = b"".join(named + default)
    named.clear()
    default.clear()
    try:
        load_lines(store, blob, threads=threads)
    except SyntaxError as exc:  # a default-graph quad naming its graph as object, say
        for source in checked:
            _explain(source, str(exc))
        raise BuildError(f"the sources' quads could not be loaded: {exc}") from None
