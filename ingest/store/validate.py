"""SHACL validation of a freshly loaded store against ``ontology/shapes.ttl`` (pyshacl).

The data graph is the union of all graphs (ontology included: concepts and rdfs:subClassOf
live there), read from the store into an in-memory rdflib graph. Reading costs more than
validating, so only the triples the shapes can look at are read (:mod:`ingest.store.shapeplan`).
Measured on 526k quads: splitting the shapes into two groups validated in two processes was
slower (the groups share ~40% of their triples, and the two cores are shared), so one
process validates everything.
"""

from __future__ import annotations

import time
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

import pyshacl
from pyoxigraph import QueryTriples, RdfFormat, Store, serialize
from rdflib import BNode, Graph, URIRef
from rdflib.namespace import RDF, RDFS, SH
from rdflib.term import Node

from ingest.rdf.ontology import read_turtle
from ingest.store.incremental import read_closure
from ingest.store.shapeplan import Group, plan_groups


@dataclass(frozen=True)
class Violation:
    """One SHACL result of severity sh:Violation."""

    shape: str
    focus: str
    message: str
    path: str | None
    value: str | None


@dataclass(frozen=True)
class Validation:
    """Outcome of a validation: violations, counts and timings."""

    violations: tuple[Violation, ...]
    warnings: int
    data_triples: int
    read_s: float
    validate_s: float

    @property
    def conforms(self) -> bool:
        return not self.violations


def load_shapes(path: Path, base: str) -> Graph:
    """The shapes graph, rebased onto ``base``; a syntax error names the file."""
    nt = serialize((q.triple for q in read_turtle(path, base)), format=RdfFormat.N_TRIPLES)
    shapes = Graph()
    shapes.parse(data=nt, format="nt")
    return shapes


def _iris(iris: set[URIRef]) -> str:
    return " ".join(f"<{iri}>" for iri in sorted(iris))


def group_queries(group: Group | None) -> list[str]:
    """SPARQL CONSTRUCT queries (over the union graph) reading what ``group`` needs."""
    if group is None:
        return ["CONSTRUCT { ?s ?p ?o } WHERE { ?s ?p ?o }"]
    queries = [f"CONSTRUCT {{ ?s ?p ?o }} WHERE {{ VALUES ?p {{ {_iris(group.predicates)} }} "
               "?s ?p ?o }"]
    if group.closed_classes:
        queries.append(f"CONSTRUCT {{ ?s ?p ?o }} WHERE {{ VALUES ?c {{ "
                       f"{_iris(group.closed_classes)} }} "
                       f"?s a/<{RDFS.subClassOf}>* ?c . ?s ?p ?o }}")
    return queries


def _read_nt(store: Store, group: Group | None) -> bytes:
    chunks = []
    for query in group_queries(group):
        triples = store.query(query, use_default_graph_as_union=True)
        assert isinstance(triples, QueryTriples)  # noqa: S101 (a CONSTRUCT query)
        chunks.append(triples.serialize(format=RdfFormat.N_TRIPLES) or b"")
    return b"".join(chunks)


def _shape_name(shapes: Graph, shape: Node | None) -> str:
    if isinstance(shape, BNode):
        parents = list(shapes.subjects(SH.property, shape))
        path = shapes.value(shape, SH.path)
        owner = _shape_name(shapes, parents[0]) if parents else "anonymous shape"
        if isinstance(path, URIRef):
            return f"{owner} (property {shapes.namespace_manager.normalizeUri(path)})"
        return owner
    return shapes.namespace_manager.normalizeUri(shape) if isinstance(shape, URIRef) else str(shape)


def _violations(results: Graph, shapes: Graph) -> tuple[list[Violation], int]:
    violations: list[Violation] = []
    warnings = 0
    for result in results.subjects(RDF.type, SH.ValidationResult):
        if results.value(result, SH.resultSeverity) != SH.Violation:
            warnings += 1
            continue
        path = results.value(result, SH.resultPath)
        value = results.value(result, SH.value)
        violations.append(Violation(
            shape=_shape_name(shapes, results.value(result, SH.sourceShape)),
            focus=str(results.value(result, SH.focusNode)),
            message=str(results.value(result, SH.resultMessage) or "constraint not met"),
            path=str(path) if path is not None else None,
            value=str(value) if value is not None else None,
        ))
    return violations, warnings


def _run(data: Graph, shapes: Graph) -> tuple[list[Violation], int]:
    _conforms, results, _text = pyshacl.validate(
        data, shacl_graph=shapes, inference="none", abort_on_first=False, allow_warnings=True,
        allow_infos=True, advanced=False, inplace=True, meta_shacl=False, debug=False,
    )
    return _violations(results, shapes)


def validate_store(store: Store, shapes: Graph, only_graphs: Sequence[str] | None = None
                   ) -> Validation:
    """Validate the store's union graph against ``shapes`` (inference none).

    Only the triples the shapes can look at are read (see :mod:`ingest.store.shapeplan`).
    With ``only_graphs``, only the forward closure of those graphs' nodes is validated (see
    :mod:`ingest.store.incremental`): the caller knows the other graphs are valid.
    """
    started = time.perf_counter()
    if only_graphs is not None:
        data = read_closure(store, only_graphs)
    else:
        groups = plan_groups(shapes, {}, 1)
        data = Graph()
        data.parse(data=_read_nt(store, groups[0] if groups else None), format="nt")
    read = time.perf_counter()
    violations, warnings = _run(data, shapes)
    violations.sort(key=lambda v: (v.focus, v.shape, v.message))
    return Validation(
        violations=tuple(violations), warnings=warnings, data_triples=len(data),
        read_s=read - started, validate_s=time.perf_counter() - read,
    )
