"""Dataset statistics and dumps computed through any Backend (embedded pool or remote store).

Both only use SPARQL through :class:`~graph_service.backends.base.Backend`, so they work
unchanged over a remote store. Dumps are streamed graph by graph (one CONSTRUCT per named
graph, as N-Triples, rewritten line by line into N-Quads or TriG) and gzipped on the fly:
memory stays flat whatever the size of the dataset.
"""

from __future__ import annotations

import json
import zlib
from collections.abc import AsyncIterator, Iterable
from dataclasses import dataclass, field
from typing import Literal

from graph_service.backends.base import Backend, QueryRequest

LINK_PREDICATES = (
    "http://www.w3.org/2002/07/owl#sameAs",
    "http://www.w3.org/2004/02/skos/core#exactMatch",
    "http://www.w3.org/2004/02/skos/core#closeMatch",
    "http://www.w3.org/2000/01/rdf-schema#seeAlso",
)
DumpFormat = Literal["nq", "trig"]


@dataclass
class DatasetStats:
    """What VoID and the service description state about the data."""

    quads: int = 0
    """Quads of all named graphs (a triple stated by two graphs counts twice)."""
    default_triples: int = 0
    """Triples of the service's default graph (each distinct triple once, as built)."""
    graphs: dict[str, int] = field(default_factory=dict)
    classes: dict[str, int] = field(default_factory=dict)
    properties: dict[str, int] = field(default_factory=dict)
    entities: int = 0
    links: list[tuple[str, str, int]] = field(default_factory=list)
    """(link predicate, target IRI space, number of links)."""


async def select(backend: Backend, query: str, timeout_s: float) -> list[dict[str, str]]:
    """Run a SELECT and return its rows as {variable: lexical value}."""
    answer = await backend.query(
        QueryRequest(query, accept="application/sparql-results+json", timeout_s=timeout_s)
    )
    body = b"".join([chunk async for chunk in answer.chunks])
    rows = json.loads(body)["results"]["bindings"]
    return [{name: cell["value"] for name, cell in row.items()} for row in rows]


async def dataset_stats(backend: Backend, base_iri: str, timeout_s: float) -> DatasetStats:
    """Count quads per graph, triples of the default graph, instances per class, triples per
    property (in the default graph), entities, links."""
    stats = DatasetStats()
    rows = await select(
        backend,
        "SELECT ?g (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } } GROUP BY ?g ORDER BY ?g",
        timeout_s,
    )
    stats.graphs = {row["g"]: int(row["n"]) for row in rows}
    stats.quads = sum(stats.graphs.values())
    rows = await select(backend, "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }", timeout_s)
    stats.default_triples = int(rows[0]["n"]) if rows else 0
    rows = await select(
        backend,
        "SELECT ?c (COUNT(DISTINCT ?s) AS ?n) WHERE { GRAPH ?g "
        "{ ?s a ?c } } GROUP BY ?c ORDER BY DESC(?n) ?c",
        timeout_s,
    )
    stats.classes = {row["c"]: int(row["n"]) for row in rows}
    rows = await select(
        backend,
        "SELECT ?p (COUNT(*) AS ?n) WHERE { ?s ?p ?o } GROUP BY ?p ORDER BY DESC(?n) ?p",
        timeout_s,
    )
    stats.properties = {row["p"]: int(row["n"]) for row in rows}
    rows = await select(
        backend,
        "SELECT (COUNT(DISTINCT ?s) AS ?n) WHERE { GRAPH ?g "
        f'{{ ?s ?p ?o }} FILTER(STRSTARTS(STR(?s), "{base_iri}id/")) }}',
        timeout_s,
    )
    stats.entities = int(rows[0]["n"]) if rows else 0
    predicates = " ".join(f"<{p}>" for p in LINK_PREDICATES)
    rows = await select(
        backend,
        f"""
        SELECT ?p ?space (COUNT(*) AS ?n) WHERE {{
          VALUES ?p {{ {predicates} }}
          GRAPH ?g {{ ?s ?p ?o }}
          FILTER(isIRI(?o) && !STRSTARTS(STR(?o), "{base_iri}"))
          BIND(REPLACE(STR(?o), "^([a-z]+://[^/#]+[/#]).*$", "$1") AS ?space)
        }} GROUP BY ?p ?space ORDER BY ?p ?space""",
        timeout_s,
    )
    stats.links = [(row["p"], row["space"], int(row["n"])) for row in rows]
    return stats


def _quads(chunk: bytes, graph: bytes) -> bytes:
    """N-Triples lines (complete) to N-Quads lines in ``graph``."""
    return chunk.replace(b" .\n", b" " + graph + b" .\n")


async def dump(
    backend: Backend, graphs: Iterable[str], fmt: DumpFormat, timeout_s: float
) -> AsyncIterator[bytes]:
    """The quads of ``graphs`` as N-Quads or TriG, graph after graph."""
    for iri in graphs:
        name = f"<{iri}>".encode()
        answer = await backend.query(
            QueryRequest(
                f"CONSTRUCT {{ ?s ?p ?o }} WHERE {{ GRAPH <{iri}> {{ ?s ?p ?o }} }}",
                accept="application/n-triples",
                timeout_s=timeout_s,
            )
        )
        if fmt == "trig":
            yield name + b" {\n"
        rest = b""
        async for chunk in answer.chunks:
            data = rest + chunk
            cut = data.rfind(b"\n") + 1
            rest = data[cut:]
            yield _quads(data[:cut], name) if fmt == "nq" else data[:cut]
        if rest:  # N-Triples always ends lines; kept for a remote that does not
            yield _quads(rest + b"\n", name) if fmt == "nq" else rest + b"\n"
        if fmt == "trig":
            yield b"}\n"


async def gzipped(chunks: AsyncIterator[bytes], level: int = 6) -> AsyncIterator[bytes]:
    """Compress a stream into one gzip member, chunk by chunk."""
    compressor = zlib.compressobj(level, zlib.DEFLATED, 31)
    async for chunk in chunks:
        out = compressor.compress(chunk)
        if out:
            yield out
    yield compressor.flush()
