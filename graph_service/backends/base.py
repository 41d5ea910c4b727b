"""The contract between the HTTP layer and a storage backend.

The HTTP layer never touches pyoxigraph or a remote store directly: it builds a
:class:`QueryRequest`, asks a :class:`Backend` to run it, and streams the answer's chunks.
Backends raise the exceptions of :mod:`ess_core.errors` (syntax -> QuerySyntaxError,
deadline -> QueryTimeout, storage -> StorageError, no acceptable format -> NotAcceptable...).
"""

from __future__ import annotations

from collections.abc import AsyncIterator, Mapping
from dataclasses import dataclass, field
from typing import Literal, Protocol

from graph_service.media_types import ResultKind

Lane = Literal["sparql", "rest"]
__all__ = ["NAMED_QUADS", "Backend", "Lane", "QueryAnswer", "QueryRequest", "ResultKind"]

NAMED_QUADS = "SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } }"
"""Counts the quads of the named graphs: not the default graph, which is their merge."""


@dataclass(frozen=True)
class QueryRequest:
    """One SPARQL query to evaluate.

    ``accept`` is the raw Accept header (or None); the backend picks the format once it knows
    the query form, using :mod:`graph_service.conneg`. ``substitutions`` maps variable names
    (without ``?``) to RDF terms in N-Triples syntax (``<http://...>``, ``"x"@fr``...): they are
    bound as terms, never pasted into the query text. ``timeout_s`` is the deadline.
    """

    query: str
    accept: str | None = None
    default_graphs: tuple[str, ...] = ()
    named_graphs: tuple[str, ...] = ()
    substitutions: Mapping[str, str] = field(default_factory=dict)
    timeout_s: float = 30.0
    base_iri: str | None = None  # resolves relative IRIs in the query (the endpoint's URL)
    lane: Lane = "sparql"  # "rest": REST and named queries (backends/lanes.py)


@dataclass
class QueryAnswer:
    """A started answer: its kind and media type are known, its body streams in chunks.

    ``body`` is the whole answer when the backend already holds it in memory (the chunks then
    give the same bytes): the HTTP layer sends it at once.
    """

    kind: ResultKind
    media_type: str
    chunks: AsyncIterator[bytes]
    body: bytes | None = None


class Backend(Protocol):
    """A place where SPARQL queries are evaluated."""

    async def query(self, request: QueryRequest) -> QueryAnswer:
        """Start evaluating ``request``; raise a ServiceError subclass on failure."""
        ...

    def triple_count(self) -> int:
        """Number of quads in the named graphs (for health)."""
        ...

    async def close(self) -> None:
        """Release processes, handles and connections."""
        ...
