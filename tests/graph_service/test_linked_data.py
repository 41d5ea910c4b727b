"""Dereferenceable IRIs: 303 to a page or to data by Accept; data with provenance; 404/406."""

from __future__ import annotations

import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).parent / "api"))  # the REST tests' helpers
from api_fixtures import ID, assert_error_shape, build_test_store, make_client
from fastapi.testclient import TestClient
from pyoxigraph import NamedNode, RdfFormat, parse

PUBLIC = "http://data.example.org/ess/"
PERSON = "person/marie-lefebvre-chombard"


@pytest.fixture(scope="module")
def client(tmp_path_factory: pytest.TempPathFactory) -> Iterator[TestClient]:
    settings = build_test_store(tmp_path_factory.mktemp("ld"), public_url=PUBLIC)
    with make_client(settings) as test_client:
        yield test_client


@pytest.mark.parametrize(
    ("accept", "location"),
    [
        ("text/html", f"{PUBLIC}page/{PERSON}"),
        ("text/html,application/xhtml+xml,*/*;q=0.8", f"{PUBLIC}page/{PERSON}"),
        ("text/turtle", f"{PUBLIC}data/{PERSON}.ttl"),
        ("application/ld+json", f"{PUBLIC}data/{PERSON}.jsonld"),
        ("application/n-triples", f"{PUBLIC}data/{PERSON}.nt"),
        ("text/turtle;q=0.5, application/ld+json", f"{PUBLIC}data/{PERSON}.jsonld"),
        ("*/*", f"{PUBLIC}page/{PERSON}"),
    ],
)
def test_303_by_accept_on_public_url(client: TestClient, accept: str, location: str) -> None:
    response = client.get(f"/id/{PERSON}", headers={"Accept": accept})
    assert response.status_code == 303
    assert response.headers["location"] == location
    assert "accept" in response.headers["vary"].lower()


def test_unknown_iri_is_404_and_unacceptable_is_406(client: TestClient) -> None:
    assert_error_shape(client.get("/id/person/nobody", headers={"Accept": "text/turtle"}), 404)
    page = client.get("/id/person/nobody", headers={"Accept": "text/html"})  # a browser
    assert page.status_code == 404 and page.headers["content-type"].startswith("text/html")
    assert_error_shape(client.get(f"/id/{PERSON}", headers={"Accept": "image/png"}), 406)


def _graph(client: TestClient, path: str, fmt: RdfFormat) -> set[tuple[str, str, str]]:
    response = client.get(path)
    assert response.status_code == 200, response.text
    assert response.headers["content-type"].startswith(fmt.media_type)
    return {
        (t.subject.value, t.predicate.value, t.object.value)
        for t in parse(response.content, format=fmt)
    }


def test_data_is_the_description_with_provenance(client: TestClient) -> None:
    triples = _graph(client, "/data/organisation/regie-de-quartier-d-anzin.ttl", RdfFormat.TURTLE)
    regie = f"{ID}organisation/regie-de-quartier-d-anzin"
    oa = "http://www.w3.org/ns/oa#"
    assert (
        regie,
        "http://www.w3.org/2004/02/skos/core#prefLabel",
        "Régie de quartier d'Anzin",
    ) in triples
    assert (
        f"{ID}commune/59014",
        "http://www.w3.org/2004/02/skos/core#prefLabel",
        "Anzin",
    ) in triples  # label of a linked node
    membership = f"{ID}membership/marie-lefebvre-chombard-regie-president"
    assert (membership, "http://www.w3.org/ns/org#organization", regie) in triples  # incoming
    mention = f"{ID}mention/apes-decennie-valenciennois-100-135"
    assert (mention, f"{oa}hasBody", regie) in triples
    document = f"{ID}document/apes-decennie-valenciennois"
    assert (f"{mention}#target", f"{oa}hasSource", document) in triples
    assert (f"{mention}#position", f"{oa}start", "100") in triples
    assert (f"{mention}#quote", f"{oa}exact", "Régie de quartier d'Anzin") in triples
    assert (
        f"{ID}mention/apes-decennie-valenciennois-200-260",
        f"{oa}hasBody",
        membership,
    ) in triples
    assert (document, "http://purl.org/dc/terms/title", "Dix ans d'économie solidaire") in triples
    assert not any(s == f"{ID}mention/cavm-pldess-2021-2026-10-40" for s, _, _ in triples)


def test_formats_agree(client: TestClient) -> None:
    path = f"/data/{PERSON}"
    turtle = _graph(client, f"{path}.ttl", RdfFormat.TURTLE)
    assert turtle == _graph(client, f"{path}.nt", RdfFormat.N_TRIPLES)
    assert turtle == _graph(client, f"{path}.jsonld", RdfFormat.JSON_LD)
    assert (f"{ID}{PERSON}", "http://xmlns.com/foaf/0.1/name", "Marie Lefebvre-Chombard") in turtle


def test_bad_data_paths_are_404(client: TestClient) -> None:
    assert_error_shape(client.get(f"/data/{PERSON}.png"), 404)
    assert_error_shape(client.get("/data/person/nobody.ttl"), 404)
    assert_error_shape(client.get(f"/data/{PERSON}"), 404)


def test_base_iri_mapping_is_documented() -> None:
    text = (Path(__file__).parents[2] / "docs" / "LINKED_DATA.md").read_text(encoding="utf-8")
    for needed in ("ESS_BASE_IRI", "ESS_PUBLIC_URL", "303", "/page/", "/data/"):
        assert needed in text
    assert NamedNode(ID)  # the documented default base is a valid IRI


def test_head_is_answered_like_get(client: TestClient) -> None:
    response = client.head(f"/id/{PERSON}", headers={"Accept": "text/turtle"})
    assert response.status_code == 303
    assert response.headers["location"] == f"{PUBLIC}data/{PERSON}.ttl"
