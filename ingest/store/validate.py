"""SHACL validation of a freshly loaded store against ``ontology/shapes.ttl``.

The data graph is the store's default graph, the merge of all graphs that the build
materialises (:mod:`ingest.store.default_graph`; ontology included: concepts and
rdfs:subClassOf live there). A full validation runs in the store: every root shape the SPARQL
compiler supports (:mod:`ingest.store.shacl_sparql`, all of ours today) becomes queries run by
Oxigraph (:mod:`ingest.store.shacl_run`); a shape it refuses is validated by pyshacl on an
in-memory rdflib graph holding only the triples that shape can look at
(:mod:`ingest.store.shapeplan`). Reading triples into rdflib costs more than validating them
(~60 µs a triple), which is why the big reference geography is not read any more.
An incremental validation (:mod:`ingest.store.incremental`) reads the forward closure of the
changed graphs (~20k triples) and validates it with pyshacl.
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
from ingest.store.results import Violation
from ingest.store.shacl_run import focus_sizer, run_checks
from ingest.store.shacl_sparql import compile_shapes, shape_name
from ingest.store.shapeplan import Group, plan_groups, reachable

__all__ = ["Validation", "Violation", "load_shapes", "validate_store", "validate_with_pyshacl"]


@dataclass(frozen=True)
class Validation:
    """Outcome of a validation: violations, counts and timings.

    ``data_triples`` is the number of triples pyshacl read (0 when every shape ran in the
    store); ``sparql_s`` the time of the compiled checks; ``pyshacl_shapes`` the root shapes
    the compiler refused, validated by pyshacl instead.
    """

    violations: tuple[Violation, ...]
    warnings: int
    data_triples: int
    read_s: float
    validate_s: float
    sparql_s: float = 0.0
    sparql_checks: int = 0
    pyshacl_shapes: tuple[str, ...] = ()

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
    """SPARQL CONSTRUCT queries (over the default graph) reading what ``group`` needs."""
    if group is None:
        return ["CONSTRUCT { ?s ?p ?o } WHERE { ?s ?p ?o }"]
    queries = [
        f"CONSTRUCT {{ ?s ?p ?o }} WHERE {{ VALUES ?p {{ {_iris(group.predicates)} }} ?s ?p ?o }}"
    ]
    if group.closed_classes:
        queries.append(
            f"CONSTRUCT {{ ?s ?p ?o }} WHERE {{ VALUES ?c {{ "
            f"{_iris(group.closed_classes)} }} "
            f"?s a/<{RDFS.subClassOf}>* ?c . ?s ?p ?o }}"
        )
    return queries


def _read_nt(store: Store, group: Group | None, union: bool = False) -> bytes:
    chunks = []
    for query in group_queries(group):
        triples = store.query(query, use_default_graph_as_union=union)
        assert isinstance(triples, QueryTriples)  # noqa: S101 (a CONSTRUCT query)
        chunks.append(triples.serialize(format=RdfFormat.N_TRIPLES) or b"")
    return b"".join(chunks)


def _text(node: Node | None) -> str:
    return f"_:{node}" if isinstance(node, BNode) else str(node)


def _violations(results: Graph, shapes: Graph) -> tuple[list[Violation], int]:
    violations: list[Violation] = []
    warnings = 0
    nested = set(results.objects(None, SH.detail))  # details of an sh:node result, not results
    for result in results.subjects(RDF.type, SH.ValidationResult):
        if result in nested:
            continue
        if results.value(result, SH.resultSeverity) != SH.Violation:
            warnings += 1
            continue
        path = results.value(result, SH.resultPath)
        value = results.value(result, SH.value)
        component = results.value(result, SH.sourceConstraintComponent)
        violations.append(
            Violation(
                shape=shape_name(shapes, results.value(result, SH.sourceShape)),
                focus=_text(results.value(result, SH.focusNode)),
                message=str(results.value(result, SH.resultMessage) or "constraint not met"),
                path=str(path) if path is not None else None,
                value=_text(value) if value is not None else None,
                constraint=str(component).removeprefix(str(SH)) if component is not None else "",
            )
        )
    return violations, warnings


def _run(data: Graph, shapes: Graph) -> tuple[list[Violation], int]:
    _conforms, results, _text = pyshacl.validate(
        data,
        shacl_graph=shapes,
        inference="none",
        abort_on_first=False,
        allow_warnings=True,
        allow_infos=True,
        advanced=False,
        inplace=True,
        meta_shacl=False,
        debug=False,
    )
    return _violations(results, shapes)


def subshapes(shapes: Graph, roots: Sequence[Node]) -> Graph:
    """The part of ``shapes`` that ``roots`` use (their own triples and every node they reach)."""
    part = Graph()
    for node in {n for root in roots for n in reachable(shapes, root)}:
        for triple in shapes.triples((node, None, None)):
            part.add(triple)
    return part


def _pyshacl(
    store: Store, shapes: Graph, only_graphs: Sequence[str] | None, union: bool = False
) -> tuple[list[Violation], int, int, float, float]:
    started = time.perf_counter()
    if only_graphs is not None:
        data = read_closure(store, only_graphs, union=union)
    else:
        groups = plan_groups(shapes, {}, 1)
        data = Graph()
        data.parse(data=_read_nt(store, groups[0] if groups else None, union), format="nt")
    read = time.perf_counter()
    violations, warnings = _run(data, shapes)
    return violations, warnings, len(data), read - started, time.perf_counter() - read


def validate_with_pyshacl(store: Store, shapes: Graph) -> Validation:
    """Validate every shape with pyshacl on the triples they can look at (the reference the
    compiled checks are measured and tested against)."""
    found, warnings, triples, read_s, validate_s = _pyshacl(store, shapes, None)
    found.sort(key=lambda v: (v.focus, v.shape, v.message))
    return Validation(tuple(found), warnings, triples, read_s, validate_s, pyshacl_shapes=("all",))


def validate_store(
    store: Store, shapes: Graph, only_graphs: Sequence[str] | None = None, *, union: bool = False
) -> Validation:
    """Validate the store's default graph (the merge of all graphs) against ``shapes``
    (inference none); with ``union``, the union of the named graphs (a store built with
    ``ESS_UNION_DEFAULT_GRAPH``, which has no default graph of its own).

    Shapes the SPARQL compiler supports run as queries in the store; pyshacl validates the
    others on the triples they can look at (see :mod:`ingest.store.shapeplan`). With
    ``only_graphs``, pyshacl validates only the forward closure of those graphs' nodes (see
    :mod:`ingest.store.incremental`): the caller knows the other graphs are valid.
    """
    if only_graphs is not None:
        found, warnings, triples, read_s, validate_s = _pyshacl(store, shapes, only_graphs, union)
        found.sort(key=lambda v: (v.focus, v.shape, v.message))
        return Validation(
            tuple(found), warnings, triples, read_s, validate_s, pyshacl_shapes=("all",)
        )
    started = time.perf_counter()
    checks, refused = compile_shapes(shapes, focus_sizer(store, union=union))
    violations, warnings = run_checks(store, checks, union=union)
    sparql_s = time.perf_counter() - started
    triples, read_s, validate_s = 0, 0.0, 0.0
    if refused:
        found, more, triples, read_s, validate_s = _pyshacl(
            store, subshapes(shapes, list(refused)), None, union
        )
        violations += found  # a shape both reach (through sh:node) is reported once
        violations = list({v.key(): v for v in violations}.values())
        warnings += more
    violations.sort(key=lambda v: (v.focus, v.shape, v.message))
    return Validation(
        violations=tuple(violations),
        warnings=warnings,
        data_triples=triples,
        read_s=read_s,
        validate_s=validate_s,
        sparql_s=sparql_s,
        sparql_checks=len(checks),
        pyshacl_shapes=tuple(sorted(shape_name(shapes, r) for r in refused)),
    )
