"""In-process backend: SPARQL over a pyoxigraph Store opened in this process.

pyoxigraph's result iterators are *unsendable*: touched from a thread other than the one
that made them, they abort the process. So one worker thread evaluates a query **and**
serializes it into a :class:`~graph_service.backends.streaming.ChunkWriter`, which hands
64 KiB chunks to the event loop through a bounded queue. The Store itself is thread-safe.
"""

from __future__ import annotations

import asyncio
import logging
import time
from concurrent.futures import Future, ThreadPoolExecutor
from pathlib import Path
from typing import IO, Any, cast

from pyoxigraph import (
    NamedNode,
    QueryBoolean,
    QueryResultsFormat,
    QuerySolutions,
    QueryTriples,
    RdfFormat,
    Store,
    Variable,
    parse,
)

from ess_core.errors import (
    BadRequest,
    InvalidParameter,
    QuerySyntaxError,
    QueryTimeout,
    ServiceError,
    StorageError,
)
from graph_service import conneg
from graph_service.backends.base import NAMED_QUADS, QueryAnswer, QueryRequest, ResultKind
from graph_service.backends.streaming import Cancelled, Channel, ChunkWriter
from graph_service.media_types import rdf_format
from graph_service.sparql_text import has_dataset_clause

log = logging.getLogger(__name__)


def parse_term(name: str, text: str) -> Any:
    """The pyoxigraph term written ``text`` in N-Triples syntax."""
    try:
        triples = list(parse(f"<urn:x:s> <urn:x:p> {text} .".encode(), format=RdfFormat.N_TRIPLES))
    except SyntaxError as exc:
        raise InvalidParameter(f"Substitution ?{name} is not an N-Triples term: {exc}") from None
    if len(triples) != 1:
        raise InvalidParameter(f"Substitution ?{name} must be exactly one RDF term.")
    return triples[0].object


def _graphs(iris: tuple[str, ...]) -> list[NamedNode]:
    try:
        return [NamedNode(iri) for iri in iris]
    except ValueError as exc:
        raise BadRequest(f"Invalid graph IRI in the dataset: {exc}") from None


def _serialize(
    results: QuerySolutions | QueryBoolean | QueryTriples, writer: ChunkWriter, media_type: str
) -> None:
    out = cast(IO[bytes], writer)
    if isinstance(results, QueryTriples):
        results.serialize(out, cast(RdfFormat, rdf_format("graph", media_type)))
    else:
        results.serialize(out, cast(QueryResultsFormat, rdf_format("solutions", media_type)))


def named_quads(store: Store) -> int:
    """Quads of the store's named graphs (its default graph, their merge, is not counted)."""
    rows = store.query(NAMED_QUADS)
    assert isinstance(rows, QuerySolutions)  # noqa: S101 (a SELECT query)
    return int(next(iter(rows))["n"].value)


def _log_crash(job: Future[None]) -> None:
    if not job.cancelled() and (error := job.exception()) is not None:
        log.error("SPARQL worker crashed", exc_info=error)


def _kind(results: QuerySolutions | QueryBoolean | QueryTriples) -> ResultKind:
    if isinstance(results, QuerySolutions):
        return "solutions"
    return "boolean" if isinstance(results, QueryBoolean) else "graph"


class EmbeddedBackend:
    """Queries a local Oxigraph store, opened read-only, in worker threads of this process,
    streaming their answers (the service uses killable worker processes instead: pool.py)."""

    def __init__(
        self,
        path: Path,
        *,
        union_default_graph: bool = False,
        workers: int = 4,
    ) -> None:
        try:
            store = Store.read_only(str(path))
        except OSError as exc:
            raise StorageError(f"Cannot open the Oxigraph store at {path}: {exc}") from None
        self._store: Store | None = store
        self.path = path
        self._union = union_default_graph
        self._executor = ThreadPoolExecutor(max_workers=workers, thread_name_prefix="ess-sparql")
        self._count: int | None = None

    def _require_store(self) -> Store:
        if self._store is None:
            raise StorageError("The store is closed.")
        return self._store

    def _options(self, request: QueryRequest) -> dict[str, Any]:
        options: dict[str, Any] = {"base_iri": request.base_iri}
        if request.default_graphs or request.named_graphs:
            options["default_graph"] = _graphs(request.default_graphs)
            options["named_graphs"] = _graphs(request.named_graphs)
        elif self._union and not has_dataset_clause(request.query):
            options["use_default_graph_as_union"] = True
        if request.substitutions:
            try:
                options["substitutions"] = {
                    Variable(name): parse_term(name, text)
                    for name, text in request.substitutions.items()
                }
            except ValueError as exc:
                raise InvalidParameter(f"Invalid substitution variable: {exc}") from None
        return options

    async def query(self, request: QueryRequest) -> QueryAnswer:
        """Start the query in a worker thread; return once its kind and format are known."""
        store = self._require_store()
        options = self._options(request)
        loop = asyncio.get_running_loop()
        channel = Channel(loop)
        deadline = time.monotonic() + request.timeout_s
        job = self._executor.submit(self._evaluate, store, request, options, channel, deadline)
        job.add_done_callback(_log_crash)
        try:
            kind, media_type, whole = await channel.head
        except asyncio.CancelledError:
            channel.cancel()
            raise
        return QueryAnswer(kind, media_type, channel.chunks(whole))

    @staticmethod
    def _evaluate(
        store: Store,
        request: QueryRequest,
        options: dict[str, Any],
        channel: Channel,
        deadline: float,
    ) -> None:
        """Worker thread: evaluate, negotiate, serialize into the channel."""
        try:
            results = store.query(request.query, **options)
            kind = _kind(results)
            media_type, _ = conneg.result_format(kind, request.accept)
            writer = ChunkWriter(channel, kind, media_type, deadline)
            _serialize(results, writer, media_type)
            writer.close()
        except SyntaxError as exc:
            channel.fail(QuerySyntaxError(str(exc)))
        except TimeoutError:  # before OSError, its base class
            channel.fail(QueryTimeout(f"The query ran past its {request.timeout_s:g} s deadline."))
        except OSError as exc:
            channel.fail(StorageError(f"The store failed while answering: {exc}"))
        except ServiceError as exc:
            channel.fail(exc)
        except Cancelled:
            pass
        finally:
            channel.fail(StorageError("The query failed unexpectedly."))  # no-op once closed

    def triple_count(self) -> int:
        """Number of quads in the named graphs, counted once (the store is read-only)."""
        if self._count is None:
            try:
                count = named_quads(self._require_store())
            except OSError as exc:
                raise StorageError(f"The store failed while counting: {exc}") from None
            self._count = count
        return self._count

    async def close(self) -> None:
        """Stop the worker threads and release the store."""
        self._executor.shutdown(wait=False, cancel_futures=True)
        self._store = None
