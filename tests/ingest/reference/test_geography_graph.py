"""The geography and curated-areas graphs, loaded into a real store."""

from __future__ import annotations

from pathlib import Path

import pytest
from pyoxigraph import NamedNode, Quad, Store

from ess_core.iris import Iris
from ess_core.namespaces import ORG, RDF, ROV, prefixes
from ess_core.settings import Settings
from ingest.rdf.geography import source_graphs
from ingest.reference.reader import load_reference, reference_path

REPO = Path(__file__).resolve().parents[3]
BASE = "https://w3id.org/ess-hdf/"


@pytest.fixture(scope="module")
def settings() -> Settings:
    return Settings(data_dir=REPO / "data")


@pytest.fixture(scope="module")
def store(settings: Settings) -> Store:
    store = Store()
    for graph in source_graphs(settings):
        store.bulk_extend(graph.quads())
    return store


def select(store: Store, query: str) -> list[dict[str, str]]:
    head = "".join(f"PREFIX {p}: <{iri}>\n" for p, iri in prefixes(Iris(BASE)).items())
    solutions = store.query(head + query, use_default_graph_as_union=True)
    return [
        {v.value: s[v].value for v in solutions.variables if s[v] is not None} for s in solutions
    ]


def test_graphs_and_origins(settings: Settings) -> None:
    graphs = source_graphs(settings)
    assert [(g.graph, g.origin_kind) for g in graphs] == [
        (BASE + "graph/reference/geo", "reference"),
        (BASE + "graph/curation/areas", "curation"),
    ]
    assert all(path.exists() for g in graphs for path in g.inputs)


def test_counts_match_the_reference_file(store: Store, settings: Settings) -> None:
    ref = load_reference(reference_path(settings))
    rows = select(
        store,
        """SELECT ?c (COUNT(DISTINCT ?x) AS ?n) WHERE {
        VALUES ?c { igeo:Commune igeo:Intercommunalite igeo:Departement igeo:Region
                    igeo:ArrondissementMunicipal } ?x a ?c } GROUP BY ?c""",
    )
    counts = {r["c"].rsplit("#", 1)[1]: int(r["n"]) for r in rows}
    com = {c.type for c in ref.communes if c.zone == "com"}
    assert com == {"commune-actuelle"}, "overseas collectivities have only current communes"

    def cog(items: list[str]) -> int:  # the source's entries minus overseas collectivities
        return sum(1 for zone in items if zone != "com")

    assert counts == {
        "Commune": ref.meta["commune_types"]["commune-actuelle"]
        - sum(1 for c in ref.communes if c.zone == "com"),
        "ArrondissementMunicipal": ref.meta["commune_types"]["arrondissement-municipal"],
        "Intercommunalite": ref.meta["counts"]["epci"],
        "Departement": cog([d.zone for d in ref.departements.values()]),
        "Region": cog([r.zone for r in ref.regions.values()]),
    }
    assert (counts["Commune"], counts["Departement"], counts["Region"]) == (34_875, 101, 18)


def test_valenciennes(store: Store) -> None:
    rows = select(
        store,
        """SELECT * WHERE {
        ?c igeo:codeINSEE "59606" ; igeo:nom ?nom ; skos:prefLabel ?label ;
           schema:postalCode ?cp ; igeo:subdivisionDirecteDe ?epci, ?dep .
        ?epci a igeo:Intercommunalite ; ess:siren ?siren ; org:classification ?kind ;
              igeo:typeDEPCI ?inseeKind .
        ?dep a igeo:Departement ; igeo:subdivisionDirecteDe ?reg . ?reg igeo:codeINSEE ?r .
        ?obs a qb:Observation ; qb:dataSet ?ds ; sdmx-dimension:refArea ?c ;
             sdmx-dimension:refPeriod ?year ; ess:population ?pop .
        ?ds a qb:DataSet }""",
    )
    assert len(rows) == 1
    row = rows[0]
    assert row["c"] == BASE + "id/commune/59606" and row["nom"] == "Valenciennes"
    assert row["cp"] == "59300" and row["siren"] == "245901160" and row["r"] == "32"
    assert row["kind"] == BASE + "id/concept/epci-kind/ca"
    assert row["inseeKind"] == "http://id.insee.fr/codes/geo/typeDEPCI/CA"
    assert row["year"] == "2023" and int(row["pop"]) > 40_000


def test_arrondissements_municipaux_and_former_codes(store: Store) -> None:
    rows = select(
        store,
        """SELECT ?p WHERE {
        ?a a igeo:ArrondissementMunicipal ; igeo:codeINSEE "75101" ;
           igeo:subdivisionDirecteDe ?p }""",
    )
    assert rows == [{"p": BASE + "id/commune/75056"}]
    rows = select(store, 'SELECT ?c WHERE { ?c ess:formerCodeINSEE "62482" }')
    assert rows == [{"c": BASE + "id/commune/62178"}]  # a former code of Bruay-la-Buissière


def test_areas_graph(store: Store) -> None:
    area = NamedNode(BASE + "id/area/bassin-minier")
    rows = select(
        store,
        f"""SELECT ?part ?doc WHERE {{
        GRAPH <{BASE}graph/curation/areas> {{ <{area.value}> a ess:Area ;
            dcterms:hasPart ?part ; dcterms:source ?doc }} }}""",
    )
    assert rows == [
        {
            "part": BASE + "id/epci/245901160",
            "doc": BASE + "id/document/apes-decennie-valenciennois",
        }
    ]


def test_base_iri_setting_is_followed() -> None:
    other = Settings(data_dir=REPO / "data", base_iri="https://example.org/x/")
    quads = source_graphs(other)[0].quads()
    first = next(iter(quads))
    assert first.graph_name.value == "https://example.org/x/graph/reference/geo"


def test_a_sample_conforms_to_the_shapes(settings: Settings) -> None:
    """Nord, Pas-de-Calais and Paris (all EPCI, départements, régions) pass ontology/shapes.ttl;
    the whole graph is validated by the build."""
    from ingest.rdf.geography import area_quads, geography_quads
    from ingest.rdf.ontology import source_graphs as ontology_graphs
    from ingest.reference.areas import areas_path, load_areas
    from ingest.reference.reader import Reference
    from ingest.store.validate import load_shapes, validate_store

    ref = load_reference(reference_path(settings))
    sample = Reference(
        ref.path,
        ref.meta,
        ref.regions,
        ref.departements,
        [c for c in ref.communes if c.departement in {"59", "62", "75"}],
        ref.epcis,
    )
    store = Store()
    onto = Settings(data_dir=REPO / "data", ontology_dir=REPO / "ontology")
    for graph in ontology_graphs(onto):
        store.bulk_extend(graph.quads())
    store.bulk_extend(geography_quads(sample, Iris(BASE)))
    store.bulk_extend(area_quads(load_areas(areas_path(settings)), Iris(BASE)))
    # An EPCI is also an organisation (docs/ONTOLOGY.md): its EPCI kind must still conform.
    cavm, graph = NamedNode(BASE + "id/epci/245901160"), NamedNode(BASE + "graph/test")
    store.add(Quad(cavm, RDF("type"), ORG("Organization"), graph))
    store.add(Quad(cavm, RDF("type"), ROV("RegisteredOrganization"), graph))
    store.add(Quad(cavm, ROV("orgType"), NamedNode(BASE + "id/concept/legal-form/epci"), graph))
    validation = validate_store(store, load_shapes(onto.shapes_path, BASE))
    assert validation.violations == ()
