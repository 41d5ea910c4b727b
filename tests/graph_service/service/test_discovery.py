"""Service Description, VoID, DCAT and dumps state the right endpoint, counts and links."""

from __future__ import annotations

import gzip
from collections.abc import Iterator

import pyoxigraph as ox
import pytest
from fastapi.testclient import TestClient

from ess_core.settings import Settings
from graph_service.app import create_app

SD = "http://www.w3.org/ns/sparql-service-description#"
VOID = "http://rdfs.org/ns/void#"
DCAT = "http://www.w3.org/ns/dcat#"
ENDPOINT = "http://127.0.0.1:9999/sparql"


@pytest.fixture
def client(settings: Settings) -> Iterator[TestClient]:
    with TestClient(create_app(settings)) as client:
        yield client


def parse(response: object, fmt: ox.RdfFormat = ox.RdfFormat.TURTLE) -> ox.Store:
    store = ox.Store()
    store.load(response.content, format=fmt)  # type: ignore[attr-defined]
    return store


def values(store: ox.Store, query: str) -> list[str]:
    return [row[0].value for row in store.query(query)]  # type: ignore[union-attr]


def test_service_description(client: TestClient) -> None:
    response = client.get("/sparql", headers={"Accept": "text/turtle"})
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("text/turtle")
    sd = parse(response)
    assert values(sd, f"SELECT ?e {{ ?s a <{SD}Service> ; <{SD}endpoint> ?e }}") == [ENDPOINT]
    assert f"{SD}UnionDefaultGraph" not in values(sd, f"SELECT ?f {{ ?s <{SD}feature> ?f }}")
    default = f"?d <{SD}defaultGraph> ?g . ?g"
    assert values(sd, f"SELECT ?n {{ {default} <{VOID}triples> ?n }}") == ["24"]
    described = values(sd, f"SELECT ?t {{ {default} <http://purl.org/dc/terms/description> ?t }}")
    assert "merge" in described[0]
    names = values(sd, f"SELECT ?n {{ ?d <{SD}namedGraph>/<{SD}name> ?n }} ORDER BY ?n")
    assert names == [
        "https://w3id.org/ess-hdf/graph/document/doc-a",
        "https://w3id.org/ess-hdf/graph/reference/geo",
    ]
    jsonld = client.get("/sparql", headers={"Accept": "application/ld+json"})
    assert jsonld.headers["content-type"].startswith("application/ld+json")
    assert values(parse(jsonld, ox.RdfFormat.JSON_LD), f"SELECT ?e {{ ?s <{SD}endpoint> ?e }}")


def test_void_counts_classes_links(client: TestClient) -> None:
    void = parse(client.get("/.well-known/void"))
    ds = "<http://127.0.0.1:9999/dataset>"
    assert values(void, f"SELECT ?n {{ {ds} <{VOID}triples> ?n }}") == ["24"]
    assert values(void, f"SELECT ?e {{ {ds} <{VOID}sparqlEndpoint> ?e }}") == [ENDPOINT]
    assert values(void, f"SELECT ?n {{ {ds} <{VOID}entities> ?n }}") == ["8"]
    orgs = values(
        void,
        f"SELECT ?n {{ {ds} <{VOID}classPartition> [ <{VOID}class> "
        f"<http://www.w3.org/ns/org#Organization> ; <{VOID}entities> ?n ] }}",
    )
    assert orgs == ["5"]
    links = values(
        void,
        f"SELECT ?n {{ ?l a <{VOID}Linkset> ; <{VOID}linkPredicate> "
        f"<http://www.w3.org/2002/07/owl#sameAs> ; <{VOID}triples> ?n ; "
        f'<{VOID}objectsTarget>/<{VOID}uriSpace> "http://id.insee.fr/" }}',
    )
    assert links == ["3"]
    assert values(void, f"SELECT ?l {{ {ds} <http://purl.org/dc/terms/license> ?l }}")
    dumps = values(void, f"SELECT ?d {{ {ds} <{VOID}dataDump> ?d }} ORDER BY ?d")
    assert dumps == [
        "http://127.0.0.1:9999/dumps/all.nq.gz",
        "http://127.0.0.1:9999/dumps/all.trig.gz",
    ]


def test_dcat_distributions(client: TestClient) -> None:
    dcat = parse(
        client.get("/dataset", headers={"Accept": "application/n-triples"}), ox.RdfFormat.N_TRIPLES
    )
    urls = values(
        dcat,
        f"SELECT ?u {{ ?d a <{DCAT}Dataset> ; <{DCAT}distribution>/"
        f"<{DCAT}downloadURL> ?u }} ORDER BY ?u",
    )
    assert urls == [
        "http://127.0.0.1:9999/dumps/all.nq.gz",
        "http://127.0.0.1:9999/dumps/all.trig.gz",
    ]
    assert values(dcat, f"SELECT ?e {{ ?s <{DCAT}endpointURL> ?e }}") == [ENDPOINT]


@pytest.mark.parametrize(
    ("path", "fmt", "count"),
    [
        ("/dumps/all.nq.gz", ox.RdfFormat.N_QUADS, 24),
        ("/dumps/all.trig.gz", ox.RdfFormat.TRIG, 24),
        ("/dumps/graph/reference/geo.nq.gz", ox.RdfFormat.N_QUADS, 9),
        ("/dumps/graph/document/doc-a.trig.gz", ox.RdfFormat.TRIG, 15),
    ],
)
def test_dumps(client: TestClient, path: str, fmt: ox.RdfFormat, count: int) -> None:
    response = client.get(path)
    assert response.status_code == 200
    assert response.headers["content-type"] == "application/gzip"
    quads = list(ox.parse(gzip.decompress(response.content), format=fmt))
    assert len(quads) == count
    assert all(q.graph_name.value.startswith("https://w3id.org/ess-hdf/graph/") for q in quads)


def test_unknown_dump_is_404(client: TestClient) -> None:
    assert client.get("/dumps/graph/nothing.nq.gz").status_code == 404
    assert client.get("/dumps/all.ttl.gz").status_code == 404


def test_read_only_graph_store(client: TestClient) -> None:
    geo = "https://w3id.org/ess-hdf/graph/reference/geo"
    response = client.get(
        "/store", params={"graph": geo}, headers={"Accept": "application/n-triples"}
    )
    assert response.status_code == 200
    assert len(list(ox.parse(response.content, format=ox.RdfFormat.N_TRIPLES))) == 9
    assert client.head("/store", params={"graph": geo}).status_code == 200
    assert client.get("/store", params={"graph": "http://nothing.example/"}).status_code == 404
    assert client.head("/store/no/such/graph").status_code == 404
    assert client.get("/store", params={"graph": "not an iri>"}).status_code == 400
    assert client.get("/store").status_code == 400
    assert client.put("/store", params={"graph": geo}, content=b"").status_code == 403
    union = client.get("/store?default", headers={"Accept": "application/n-triples"})
    assert len(list(ox.parse(union.content, format=ox.RdfFormat.N_TRIPLES))) == 24
