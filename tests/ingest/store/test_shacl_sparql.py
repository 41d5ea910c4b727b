"""The SHACL shapes compiled to SPARQL agree with pyshacl, result for result.

Compared on every valid and invalid example of ``tests/ontology/examples`` (each with the
ontology), on a sample of the reference geography with faults injected, and on shapes the
compiler does not translate (they must be refused and handed to pyshacl, never skipped).
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from pyoxigraph import Literal, NamedNode, Quad, RdfFormat, Store, parse, serialize
from rdflib import Graph

from ess_core.iris import Iris
from ess_core.namespaces import IGEO, RDF, SCHEMA
from ess_core.settings import Settings
from ingest.rdf.ontology import source_graphs as ontology_graphs
from ingest.store.default_graph import materialise_default_graph
from ingest.store.results import Violation
from ingest.store.shacl_run import focus_sizer, run_checks
from ingest.store.shacl_sparql import compile_shapes
from ingest.store.validate import _run, load_shapes, validate_store

REPO = Path(__file__).resolve().parents[3]
EXAMPLES = REPO / "tests" / "ontology" / "examples"
BASE = "https://w3id.org/ess-hdf/"
SETTINGS = Settings.model_validate({"data_dir": REPO / "data", "ontology_dir": REPO / "ontology"})
TEST_GRAPH = NamedNode(BASE + "graph/test")
_BLANK = re.compile(r"^_:.*")

Key = tuple[str, str, str | None, str | None, str]


@pytest.fixture(scope="module")
def shapes() -> Graph:
    return load_shapes(SETTINGS.shapes_path, BASE)


@pytest.fixture(scope="module")
def ontology_quads() -> list[Quad]:
    return [q for graph in ontology_graphs(SETTINGS) for q in graph.quads()]


def _keys(violations: list[Violation] | tuple[Violation, ...]) -> set[Key]:
    """Result keys; blank nodes lose their (validator-specific) labels."""
    return {
        (
            v.shape,
            _BLANK.sub("_:", v.focus),
            v.path,
            _BLANK.sub("_:", v.value or "") or None,
            v.constraint,
        )
        for v in violations
    }


def _compiled(store: Store, shapes: Graph, small: bool | None = None) -> tuple[set[Key], int]:
    """Violation keys and warning count of the compiled checks (``small``: a join strategy)."""
    materialise_default_graph(store)  # what the build validates: the merge of all graphs
    sizer = focus_sizer(store) if small is None else (lambda _focus: small)
    checks, refused = compile_shapes(shapes, sizer)
    assert not refused, refused
    violations, warnings = run_checks(store, checks)
    return _keys(violations), warnings


def _pyshacl(store: Store, shapes: Graph) -> tuple[set[Key], int]:
    """Violation keys and warning count of pyshacl on the triples of all the store's graphs."""
    data = Graph()
    triples = [q.triple for q in store.quads_for_pattern(None, None, None, None)]
    data.parse(data=serialize(triples, format=RdfFormat.N_TRIPLES), format="nt")
    violations, warnings = _run(data, shapes)
    return _keys(violations), warnings


def _example_store(ontology: list[Quad], path: Path) -> Store:
    store = Store()
    store.bulk_extend(ontology)
    triples = parse(path=str(path), format=RdfFormat.TURTLE)
    store.bulk_extend(Quad(t.subject, t.predicate, t.object, TEST_GRAPH) for t in triples)
    return store


EXAMPLE_FILES = sorted(EXAMPLES.glob("*/*.ttl"))


@pytest.mark.parametrize("path", EXAMPLE_FILES, ids=lambda p: f"{p.parent.name}/{p.stem}")
def test_compiled_shapes_agree_with_pyshacl_on_examples(
    path: Path, shapes: Graph, ontology_quads: list[Quad]
) -> None:
    store = _example_store(ontology_quads, path)
    reference, warnings = _pyshacl(store, shapes)
    assert bool(reference) == (path.parent.name == "invalid")
    for small in (True, False):  # both join strategies give the same results
        compiled, compiled_warnings = _compiled(store, shapes, small)
        assert compiled == reference, (
            f"only compiled: {compiled - reference}\nonly pyshacl: {reference - compiled}"
        )
        assert compiled_warnings == warnings


def _geography_sample() -> list[Quad]:
    from ingest.rdf.geography import geography_quads
    from ingest.reference.reader import Reference, load_reference, reference_path

    ref = load_reference(reference_path(SETTINGS))
    communes = [c for c in ref.communes if c.departement == "80"]
    sample = Reference(ref.path, ref.meta, ref.regions, ref.departements, communes, ref.epcis)
    return list(geography_quads(sample, Iris(BASE)))


def _faults(quads: list[Quad]) -> list[Quad]:
    """Break a few communes: no code, a second name, bad postal codes, a literal parent."""
    communes = sorted(
        {q.subject for q in quads if q.predicate == RDF("type") and q.object == IGEO("Commune")},
        key=str,
    )
    first, second, third = communes[:3]
    graph = quads[0].graph_name
    broken = [q for q in quads if not (q.subject == first and q.predicate == IGEO("codeINSEE"))]
    return [
        *broken,
        Quad(second, IGEO("nom"), Literal("Autre nom"), graph),
        Quad(second, SCHEMA("postalCode"), Literal("8000"), graph),
        Quad(third, SCHEMA("postalCode"), Literal("80000", language="fr"), graph),
        Quad(third, IGEO("subdivisionDirecteDe"), Literal("80"), graph),
    ]


def test_compiled_shapes_agree_with_pyshacl_on_a_geography_sample(
    shapes: Graph, ontology_quads: list[Quad]
) -> None:
    store = Store()
    store.bulk_extend(ontology_quads)
    store.bulk_extend(_faults(_geography_sample()))
    (compiled, _w), (reference, _pw) = _compiled(store, shapes), _pyshacl(store, shapes)
    assert compiled == reference, (
        f"only compiled: {compiled - reference}\nonly pyshacl: {reference - compiled}"
    )
    constraints = {key[4] for key in reference}
    assert {
        "MinCountConstraintComponent",
        "MaxCountConstraintComponent",
        "PatternConstraintComponent",
        "DatatypeConstraintComponent",
        "NodeKindConstraintComponent",
    } <= constraints


UNSUPPORTED = """
@prefix sh: <http://www.w3.org/ns/shacl#> .
@prefix ex: <http://example.org/> .
ex:Lang a sh:NodeShape ; sh:targetClass ex:C ;
    sh:property [ sh:path ex:label ; sh:languageIn ( "fr" ) ] .
ex:Inverse a sh:NodeShape ; sh:targetClass ex:C ;
    sh:property [ sh:path [ sh:inversePath ex:p ] ; sh:maxCount 0 ] .
ex:Typo a sh:NodeShape ; sh:targetClass ex:C ; sh:minCont 1 .
ex:Fine a sh:NodeShape ; sh:targetClass ex:C ; sh:property [ sh:path ex:q ; sh:minCount 1 ] .
"""


def test_unsupported_constructs_are_refused_not_skipped() -> None:
    shapes = Graph().parse(data=UNSUPPORTED, format="turtle")
    checks, refused = compile_shapes(shapes)
    assert {str(s).rsplit("/", 1)[-1] for s in refused} == {"Lang", "Inverse", "Typo"}
    assert "languageIn" in refused[next(s for s in refused if str(s).endswith("Lang"))]
    assert {c.root for c in checks} == {"ex:Fine"}


def test_refused_shapes_are_validated_by_pyshacl() -> None:
    shapes = Graph().parse(data=UNSUPPORTED, format="turtle")
    ex = "http://example.org/"
    store = Store()
    graph = NamedNode(ex + "g")
    node = NamedNode(ex + "n")
    store.add(Quad(node, RDF("type"), NamedNode(ex + "C"), graph))
    store.add(Quad(node, NamedNode(ex + "label"), Literal("x", language="en"), graph))
    store.add(Quad(NamedNode(ex + "m"), NamedNode(ex + "p"), node, graph))
    materialise_default_graph(store)
    validation = validate_store(store, shapes)
    assert {v.constraint for v in validation.violations} == {
        "LanguageInConstraintComponent",
        "MaxCountConstraintComponent",
        "MinCountConstraintComponent",
    }
    assert len(validation.pyshacl_shapes) == 3
    assert validation.sparql_checks == 1


def test_warnings_are_counted_not_reported_as_violations(
    shapes: Graph, ontology_quads: list[Quad]
) -> None:
    store = Store()
    store.bulk_extend(ontology_quads)
    org, thing = NamedNode(BASE + "id/organisation/x"), NamedNode(BASE + "id/project/y")
    store.add(
        Quad(org, RDF("type"), NamedNode("http://www.w3.org/ns/org#Organization"), TEST_GRAPH)
    )
    store.add(
        Quad(
            org,
            NamedNode("http://www.w3.org/2004/02/skos/core#prefLabel"),
            Literal("X", language="fr"),
            TEST_GRAPH,
        )
    )
    store.add(Quad(org, NamedNode(BASE + "ontology#carries"), thing, TEST_GRAPH))
    assert _compiled(store, shapes) == _pyshacl(store, shapes) == (set(), 1)


@pytest.mark.parametrize(
    ("example", "good", "bad"),
    [
        ("InstantShape", '"2024-03-14"^^xsd:date', '"2024-02-30"^^xsd:date'),
        (
            "BuildShape",
            '"2026-11-22T10:30:00Z"^^xsd:dateTime',
            '"2026-11-22T25:30:00Z"^^xsd:dateTime',
        ),
    ],
)
def test_an_impossible_date_fails_both_validators_alike(
    example: str, good: str, bad: str, shapes: Graph, ontology_quads: list[Quad], tmp_path: Path
) -> None:
    text = (EXAMPLES / "valid" / f"{example}.ttl").read_text(encoding="utf-8")
    assert good in text, f"{example}.ttl no longer holds {good}"
    broken = tmp_path / f"{example}.ttl"
    broken.write_text(text.replace(good, bad), encoding="utf-8")
    store = _example_store(ontology_quads, broken)
    reference, _ = _pyshacl(store, shapes)
    compiled, _ = _compiled(store, shapes)
    assert reference, "pyshacl accepts the impossible date: the test proves nothing"
    assert compiled == reference


def test_a_month_13_fails_the_compiled_checks_though_rdflib_accepts_it(
    shapes: Graph, ontology_quads: list[Quad], tmp_path: Path
) -> None:
    """SHACL wants well-formed literals; rdflib does not parse gYearMonth, Oxigraph does."""
    good, bad = '"2024-11"^^xsd:gYearMonth', '"2024-13"^^xsd:gYearMonth'
    text = (EXAMPLES / "valid" / "EventShape.ttl").read_text(encoding="utf-8")
    assert good in text
    broken = tmp_path / "EventShape.ttl"
    broken.write_text(text.replace(good, bad), encoding="utf-8")
    compiled, _ = _compiled(_example_store(ontology_quads, broken), shapes)
    assert any(key[3] and "2024-13" in key[3] for key in compiled), compiled
