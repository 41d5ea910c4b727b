"""The ontology and its shapes: they parse, every term is labelled, every shape is exercised.

Each shape of ``ontology/shapes.ttl`` that has a target needs two examples,
``examples/valid/<shape>.ttl`` (conforms) and ``examples/invalid/<shape>.ttl`` (violates that
shape). The shapes are read from the file, so a new shape without examples fails here.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from pathlib import Path

import pyoxigraph
import pytest
from pyshacl import validate
from rdflib import Graph, Literal, Namespace, URIRef
from rdflib.namespace import OWL, RDF, RDFS, SH, SKOS
from rdflib.term import Node

from ess_core.namespaces import PREFIXES

ONTOLOGY_DIR = Path(__file__).resolve().parents[2] / "ontology"
EXAMPLES_DIR = Path(__file__).resolve().parent / "examples"
ESS = Namespace("https://w3id.org/ess-hdf/ontology#")
SHAPES = Namespace("https://w3id.org/ess-hdf/ontology/shapes#")
CONCEPT_BASE = "https://w3id.org/ess-hdf/id/concept/"
TARGETS = (SH.targetClass, SH.targetSubjectsOf, SH.targetObjectsOf, SH.targetNode)


def targeted_shapes() -> list[str]:
    """Local names of the shapes that have a target, read from shapes.ttl."""
    graph = Graph().parse(ONTOLOGY_DIR / "shapes.ttl", format="turtle")
    names = {
        str(shape).removeprefix(str(SHAPES))
        for target in TARGETS
        for shape in graph.subjects(target, None)
        if isinstance(shape, URIRef)
    }
    return sorted(names)


SHAPE_NAMES = targeted_shapes()


def validate_example(ontology: Graph, shapes: Graph, path: Path) -> tuple[bool, Graph, str]:
    """Validate the example at ``path`` merged with the ontology it refers to.

    No ``focus_nodes`` / ``use_shapes`` shortcut: pyshacl then skips sh:node and qualified
    value shapes, and an invalid example would pass.
    """
    data = Graph()
    data += ontology
    data.parse(path, format="turtle")
    conforms, report, text = validate(data, shacl_graph=shapes, inference="none", inplace=True)
    return bool(conforms), report, str(text)


def iris(nodes: Iterable[Node]) -> set[URIRef]:
    """The IRIs among ``nodes``."""
    return {n for n in nodes if isinstance(n, URIRef)}


def labels(graph: Graph, subject: URIRef, predicate: URIRef) -> set[str]:
    """Languages of the literals ``subject predicate ?``."""
    return {o.language or "" for o in graph.objects(subject, predicate) if isinstance(o, Literal)}


@pytest.mark.parametrize("name", ["ess.ttl", "shapes.ttl"])
def test_parses_with_rdflib_and_pyoxigraph(name: str) -> None:
    path = ONTOLOGY_DIR / name
    with_rdflib = Graph().parse(path, format="turtle")
    with_oxigraph = list(pyoxigraph.parse(path=str(path), format=pyoxigraph.RdfFormat.TURTLE))
    assert len(with_rdflib) == len(with_oxigraph) > 100


def test_every_ess_term_has_fr_en_labels_and_definitions(ontology_graph: Graph) -> None:
    terms = {
        s for s in ontology_graph.subjects() if isinstance(s, URIRef) and s.startswith(str(ESS))
    }
    assert len(terms) > 50
    missing = [
        f"{term.removeprefix(str(ESS))}: {what}"
        for term in sorted(terms)
        for what, predicate in (("rdfs:label", RDFS.label), ("skos:definition", SKOS.definition))
        if not {"fr", "en"} <= labels(ontology_graph, term, predicate)
    ]
    assert not missing, missing


def test_every_ess_term_is_typed(ontology_graph: Graph) -> None:
    kinds = {OWL.Class, OWL.ObjectProperty, OWL.DatatypeProperty, SKOS.Concept}
    untyped = [
        t
        for t in set(ontology_graph.subjects())
        if isinstance(t, URIRef)
        and t.startswith(str(ESS))
        and not kinds & set(ontology_graph.objects(t, RDF.type))
    ]
    assert not untyped


def test_every_concept_is_labelled_and_in_a_scheme(ontology_graph: Graph) -> None:
    schemes = iris(ontology_graph.subjects(RDF.type, SKOS.ConceptScheme))
    concepts = iris(ontology_graph.subjects(RDF.type, SKOS.Concept))
    assert len(concepts) > 100
    problems = []
    for concept in sorted(concepts):
        if not {"fr", "en"} <= labels(ontology_graph, concept, SKOS.prefLabel):
            problems.append(f"{concept}: prefLabel fr+en")
        in_schemes = set(ontology_graph.objects(concept, SKOS.inScheme))
        if len(in_schemes) != 1 or not in_schemes <= schemes:
            problems.append(f"{concept}: exactly one declared scheme")
            continue
        scheme = next(iter(in_schemes))
        if not concept.startswith(str(ESS)) and not concept.startswith(f"{scheme}/"):
            problems.append(f"{concept}: IRI not under its scheme {scheme}")
        top = (concept, SKOS.topConceptOf, scheme) in ontology_graph
        broader = set(ontology_graph.objects(concept, SKOS.broader))
        if top == bool(broader) or not broader <= concepts:
            problems.append(f"{concept}: either a top concept or has a broader concept")
    for scheme in schemes:
        if not scheme.startswith(CONCEPT_BASE):
            problems.append(f"{scheme}: scheme IRI not under {CONCEPT_BASE}")
    assert not problems, problems


def test_ess_terms_used_by_the_shapes_are_defined(
    ontology_graph: Graph, shapes_graph: Graph
) -> None:
    used = {
        term
        for triple in shapes_graph
        for term in triple
        if isinstance(term, URIRef) and term.startswith(str(ESS))
    }
    assert not used - set(ontology_graph.subjects())


def test_every_ess_class_is_the_target_of_a_shape(
    ontology_graph: Graph, shapes_graph: Graph
) -> None:
    classes = {
        c for c in iris(ontology_graph.subjects(RDF.type, OWL.Class)) if c.startswith(str(ESS))
    }
    targeted = set(shapes_graph.objects(None, SH.targetClass))
    assert not classes - targeted


def test_ontology_conforms_to_the_shapes(ontology_graph: Graph, shapes_graph: Graph) -> None:
    conforms, _, text = validate(ontology_graph, shacl_graph=shapes_graph, inference="none")
    assert conforms, text


def test_every_example_names_a_shape() -> None:
    for kind in ("valid", "invalid"):
        orphans = {p.stem for p in (EXAMPLES_DIR / kind).glob("*.ttl")} - set(SHAPE_NAMES)
        assert not orphans, f"{kind} examples without a shape: {sorted(orphans)}"


@pytest.fixture(scope="module")
def valid_examples_report(ontology_graph: Graph, shapes_graph: Graph) -> tuple[bool, Graph, str]:
    """One validation of all valid examples together, merged with the ontology (fast)."""
    data = Graph()
    data += ontology_graph
    for path in sorted((EXAMPLES_DIR / "valid").glob("*.ttl")):
        data.parse(path, format="turtle")
    conforms, report, text = validate(
        data, shacl_graph=shapes_graph, inference="none", inplace=True
    )
    return bool(conforms), report, str(text)


def test_valid_examples_together_conform(valid_examples_report: tuple[bool, Graph, str]) -> None:
    conforms, _, text = valid_examples_report
    assert conforms, text


@pytest.mark.parametrize("shape", SHAPE_NAMES)
def test_valid_example_conforms(shape: str, valid_examples_report: tuple[bool, Graph, str]) -> None:
    path = EXAMPLES_DIR / "valid" / f"{shape}.ttl"
    assert path.exists(), f"add a conforming example {path.relative_to(EXAMPLES_DIR)}"
    example = Graph().parse(path, format="turtle")
    assert len(example) > 0
    _, report, text = valid_examples_report
    failing = set(report.objects(None, SH.focusNode)) & set(example.subjects())
    assert not failing, text


@pytest.mark.parametrize("shape", SHAPE_NAMES)
def test_invalid_example_violates_its_shape(
    shape: str, ontology_graph: Graph, shapes_graph: Graph
) -> None:
    path = EXAMPLES_DIR / "invalid" / f"{shape}.ttl"
    assert path.exists(), f"add a violating example {path.relative_to(EXAMPLES_DIR)}"
    conforms, report, text = validate_example(ontology_graph, shapes_graph, path)
    assert not conforms, f"{path.name} conforms to every shape"
    shape_iri = SHAPES[shape]
    own = {shape_iri, *shapes_graph.objects(shape_iri, SH.property)}
    sources = set(report.objects(None, SH.sourceShape))
    assert sources & own, f"violations come from {sources}, not from {shape}:\n{text}"


def test_documented_examples_conform(ontology_graph: Graph, shapes_graph: Graph) -> None:
    text = (ONTOLOGY_DIR.parent / "docs" / "ONTOLOGY.md").read_text(encoding="utf-8")
    blocks = re.findall(r"```turtle\n(.*?)```", text, flags=re.DOTALL)
    assert len(blocks) >= 10
    header = "".join(
        f"@prefix {p}: <{iri}> .\n" for p, iri in {**PREFIXES, "ess": str(ESS)}.items()
    )
    data = Graph()
    data += ontology_graph
    for block in blocks:
        data.parse(data=header + block, format="turtle")
    conforms, _, text = validate(data, shacl_graph=shapes_graph, inference="none", inplace=True)
    assert conforms, text
