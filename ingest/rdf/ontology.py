"""The ontology graph: ``ontology/ess.ttl`` loaded into ``<base>graph/ontology``.

The Turtle files of ``ontology/`` are written against the default base IRI; when the
``ESS_BASE_IRI`` setting differs, every IRI starting with the default base is mapped onto the
configured one, term by term (never by text replacement).
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

from pyoxigraph import BlankNode, Literal, NamedNode, Quad, RdfFormat, parse

from ess_core.iris import Iris
from ess_core.settings import DEFAULT_BASE_IRI, Settings
from ingest.rdf.sources import SourceGraph

Term = NamedNode | BlankNode | Literal


def rebase_term(term: Term, base: str) -> Term:
    """``term`` with its IRI (or literal datatype) moved from the default base to ``base``."""
    if isinstance(term, NamedNode):
        if term.value.startswith(DEFAULT_BASE_IRI):
            return NamedNode(base + term.value[len(DEFAULT_BASE_IRI) :])
        return term
    if isinstance(term, Literal) and term.datatype.value.startswith(DEFAULT_BASE_IRI):
        datatype = NamedNode(base + term.datatype.value[len(DEFAULT_BASE_IRI) :])
        return Literal(term.value, datatype=datatype)
    return term


def read_turtle(path: Path, base: str, graph: NamedNode | None = None) -> Iterator[Quad]:
    """Quads of the Turtle file ``path``, rebased onto ``base``, in ``graph`` (or default).

    Blank nodes are renamed so that two files never share one. A syntax error raises
    :class:`SyntaxError` whose message names the file and the position.
    """
    try:
        for quad in parse(path=path, format=RdfFormat.TURTLE, rename_blank_nodes=True):
            subject, predicate, obj = quad.subject, quad.predicate, quad.object
            if base != DEFAULT_BASE_IRI:
                subject = rebase_term(subject, base)
                predicate = rebase_term(predicate, base)
                obj = rebase_term(obj, base)
            if graph is None:
                yield Quad(subject, predicate, obj)
            else:
                yield Quad(subject, predicate, obj, graph)
    except SyntaxError as exc:
        raise SyntaxError(f"{path}: {exc}") from None
    except OSError as exc:
        raise OSError(f"{path}: cannot read: {exc.strerror or exc}") from None


def source_graphs(settings: Settings) -> list[SourceGraph]:
    """The ontology graph (``ontology/ess.ttl``); shapes are not loaded."""
    iris = Iris(settings.base_iri)
    graph = iris.graph("ontology")
    path = settings.ontology_path
    return [
        SourceGraph(
            graph=graph,
            origin_kind="ontology",
            inputs=(path,),
            quads=lambda: read_turtle(path, settings.base_iri, NamedNode(graph)),
        )
    ]
