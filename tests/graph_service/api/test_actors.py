"""/api/actors: filters (with territorial containment), one actor with its sources, JSON-LD."""

from __future__ import annotations

import pytest
from api_fixtures import BASE, ID, assert_error_shape, names
from fastapi.testclient import TestClient

REGIE = f"{ID}organisation/regie-de-quartier-d-anzin"
APES = f"{ID}organisation/apes"
FABRIQUE = f"{ID}organisation/la-fabrique-solidaire"
CAFE = f"{ID}organisation/cafe-les-amis"


def ids(client: TestClient, query: str) -> list[str]:
    response = client.get(f"/api/actors{query}")
    assert response.status_code == 200, response.text
    body = response.json()
    assert body["total"] == len(body["items"])
    return [item["id"] for item in body["items"]]


def test_list_is_sorted_by_label(client: TestClient) -> None:
    assert ids(client, "") == [APES, CAFE, FABRIQUE, REGIE]


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("?kind=association", [APES, REGIE]),
        (f"?kind={ID}concept/organisation-kind/scic", [FABRIQUE]),
        ("?legal_form=association-loi-1901", [APES]),
        ("?sector=insertion", [REGIE]),
        ("?territory=commune/59014", [REGIE]),
        ("?territory=epci/245901160", [FABRIQUE, REGIE]),  # communes of the EPCI
        ("?territory=departement/59", [APES, FABRIQUE, REGIE]),
        ("?territory=area/valenciennois", [REGIE]),  # parts of an area
        (f"?territory={ID}epci/200093201", [APES]),
        ("?year=2024", [REGIE]),
        ("?year=2021", [FABRIQUE]),
        ("?document=cavm-pldess-2021-2026", [FABRIQUE]),
        ("?kind=association&territory=epci/245901160", [REGIE]),
        ("?kind=unknown-kind", []),
    ],
)
def test_filters(client: TestClient, query: str, expected: list[str]) -> None:
    assert ids(client, query) == expected


@pytest.mark.parametrize(
    ("query", "parameter"),
    [
        ("?territory=canton/12", "territory"),
        ("?territory=", "territory"),
        ("?year=abc", "year"),
        ("?year=20", "year"),
        ("?kind=---", "kind"),
    ],
)
def test_bad_filter_is_422_naming_the_parameter(
    client: TestClient, query: str, parameter: str
) -> None:
    body = assert_error_shape(client.get(f"/api/actors{query}"), 422)
    assert names(body, parameter)


def test_one_actor_with_facts_relations_and_sources(client: TestClient) -> None:
    response = client.get("/api/actors/regie-de-quartier-d-anzin")
    assert response.status_code == 200
    actor = response.json()
    assert actor["id"] == REGIE and actor["label"] == "Régie de quartier d'Anzin"
    assert [k["label"] for k in actor["kinds"]] == ["association"]
    assert actor["territories"] == [{"id": f"{ID}commune/59014", "label": "Anzin"}]
    [role] = actor["roles"]
    assert role["person"]["label"] == "Marie Lefebvre-Chombard"
    assert role["role"]["id"] == f"{ID}concept/role/president" and role["start"] == "2019"
    [source] = role["sources"]
    assert source["document"]["id"] == f"{ID}document/apes-decennie-valenciennois"
    assert (source["start"], source["end"], source["method"], source["confidence"]) == (
        200,
        235,
        "model",
        0.8,
    )
    assert source["exact"] == "Marie Lefebvre-Chombard, présidente"
    [partnership] = actor["partnerships"]
    assert {p["id"] for p in partnership["partners"]} == {APES, REGIE}
    [own] = actor["sources"]
    assert own["exact"] == "Régie de quartier d'Anzin" and own["method"] == "rule"
    assert [d["id"] for d in actor["documents"]] == [f"{ID}document/apes-decennie-valenciennois"]


def test_events_of_an_actor(client: TestClient) -> None:
    [event] = client.get("/api/actors/apes").json()["events"]
    assert event["id"] == f"{ID}event/forum-ess-2023" and event["date"] == "2023-11-16"
    [founding] = client.get("/api/actors/regie-de-quartier-d-anzin").json()["events"]
    assert founding["date"] == "1998" and f"{BASE}ontology#Founding" in founding["types"]


@pytest.mark.parametrize("slug", ["nobody", "marie-lefebvre-chombard", "..%2F..", "a b"])
def test_unknown_actor_is_404(client: TestClient, slug: str) -> None:
    assert_error_shape(client.get(f"/api/actors/{slug}"), 404)


def test_json_ld_on_request(client: TestClient) -> None:
    response = client.get("/api/actors/apes", headers={"Accept": "application/ld+json"})
    assert response.headers["content-type"].startswith("application/ld+json")
    body = response.json()
    assert body["@context"].endswith("/api/context.jsonld") and body["id"] == APES
    plain = client.get("/api/actors/apes")
    assert plain.headers["content-type"].startswith("application/json")
    assert 'rel="http://www.w3.org/ns/json-ld#context"' in plain.headers["link"]


def test_json_ld_list_and_context(client: TestClient) -> None:
    body = client.get("/api/actors", headers={"Accept": "application/ld+json"}).json()
    assert "@context" in body and len(body["items"]) == 4
    context = client.get("/api/context.jsonld")
    assert context.headers["content-type"].startswith("application/ld+json")
    terms = context.json()["@context"]
    for key in ("id", "label", "items", "total", "sources", "roles", "kinds", "territories"):
        assert key in terms


def test_json_ld_expands_with_rdflib(client: TestClient) -> None:
    from rdflib import Graph, URIRef

    body = client.get("/api/actors/apes", headers={"Accept": "application/ld+json"}).json()
    body["@context"] = client.get("/api/context.jsonld").json()["@context"]
    graph = Graph().parse(data=body, format="json-ld")
    label = URIRef("http://www.w3.org/2004/02/skos/core#prefLabel")
    assert str(graph.value(URIRef(APES), label)) == "Acteurs pour une économie solidaire"


def test_unacceptable_accept_is_406(client: TestClient) -> None:
    assert_error_shape(client.get("/api/actors", headers={"Accept": "image/png"}), 406)


def test_json_ld_sources_expand_to_mentions(client: TestClient) -> None:
    from rdflib import Graph, Literal, URIRef

    body = client.get(
        "/api/actors/regie-de-quartier-d-anzin", headers={"Accept": "application/ld+json"}
    ).json()
    body["@context"] = client.get("/api/context.jsonld").json()["@context"]
    graph = Graph().parse(data=body, format="json-ld")
    oa = "http://www.w3.org/ns/oa#"
    mention = URIRef(f"{ID}mention/apes-decennie-valenciennois-100-135")
    assert (mention, URIRef(f"{oa}hasBody"), URIRef(REGIE)) in graph
    assert graph.value(mention, URIRef(f"{oa}start")) == Literal(100)
    membership = URIRef(f"{ID}membership/marie-lefebvre-chombard-regie-president")
    assert (membership, URIRef("http://www.w3.org/ns/org#organization"), URIRef(REGIE)) in graph
