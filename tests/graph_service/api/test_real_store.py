"""The REST layer, search and dereferencing on the store built from the repo's real inputs."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from api_fixtures import ID, REPO, make_client
from fastapi.testclient import TestClient
from pyoxigraph import Store

from ess_core.settings import Settings
from ess_core.store_layout import INDEX_FILE_NAME
from graph_service.api.client import prologue

CAVM = f"{ID}epci/245901160"


@pytest.fixture(scope="module")
def real(built_settings: Settings) -> Iterator[TestClient]:
    # correctness, not speed: a CI machine under load must not hit the 30 s deadline
    with make_client(_patient(built_settings)) as client:
        yield client


def test_the_build_writes_the_search_index_into_the_store(built_settings: Settings) -> None:
    assert (built_settings.store_path / INDEX_FILE_NAME).is_file()


def test_search_on_real_names(real: TestClient) -> None:
    first = real.get("/api/search", params={"q": "valenciennes"}).json()["items"][0]
    assert (first["id"], first["match"]) == (f"{ID}commune/59606", "exact")
    found = real.get("/api/search", params={"q": "cavm"}).json()["items"]
    assert CAVM in [hit["id"] for hit in found[:2]]
    epci = real.get("/api/search", params={"q": "Valenciennes metropole", "type": "territory"})
    assert epci.json()["items"][0]["id"] == CAVM
    person = real.get("/api/search", params={"q": "Lefebvre Chombard"}).json()["items"][0]
    assert person["kind"] == "person" and "lefebvre-chombard" in person["id"]
    roles = real.get(f"/api/people/{person['id'].rsplit('/', 1)[1]}").json()["roles"]
    assert roles and roles[0]["sources"], "a person of the documents has a role, with sources"


def test_epci_and_its_communes(real: TestClient) -> None:
    epci = real.get("/api/territories/epci/245901160").json()
    assert epci["code"] == "245901160"
    assert f"{ID}commune/59606" in {s["id"] for s in epci["subdivisions"]}
    communes = real.get(
        "/api/territories", params={"within": "epci/245901160", "kind": "commune"}
    ).json()
    direct = [s for s in epci["subdivisions"] if s["id"].startswith(f"{ID}commune/")]
    assert communes["total"] == len(direct) > 10


def test_documents_of_the_registry(real: TestClient) -> None:
    documents = real.get("/api/documents").json()
    assert f"{ID}document/apes-decennie-valenciennois" in {d["id"] for d in documents["items"]}
    document = real.get("/api/documents/apes-decennie-valenciennois").json()
    assert document["issued"].startswith("2024")


def test_named_queries_and_dereferencing(real: TestClient) -> None:
    names = {q["name"] for q in real.get("/api/queries").json()["items"]}
    assert names == {p.stem for p in (REPO / "queries").glob("*.rq")}
    response = real.get("/id/commune/59606", headers={"Accept": "text/turtle"})
    assert response.status_code == 303
    data = real.get("/data/commune/59606.ttl")
    assert data.status_code == 200 and "Valenciennes" in data.text
    assert real.get("/page/commune/59606").status_code == 200


# The containment filter as it was written before it was walked from the territory
# (issue 16): the same actors must come out of the rewritten one.
_CONTAINED = """SELECT DISTINCT ?t ?item WHERE {
  ?item a org:Organization ;
    (ess:locatedIn|dcterms:spatial)/(igeo:subdivisionDirecteDe|^dcterms:hasPart)* ?t }"""


def test_territory_filter_gives_the_actors_of_the_path_from_the_actor(
    real: TestClient, built_settings: Settings
) -> None:
    store = Store.read_only(str(built_settings.store_path))
    expected: dict[str, set[str]] = {}
    query = prologue(built_settings.base_iri) + _CONTAINED
    for row in store.query(query, use_default_graph_as_union=False):  # type: ignore[union-attr]
        expected.setdefault(row["t"].value, set()).add(row["item"].value)  # type: ignore[index]
    del store
    kinds = {t.split("/id/", 1)[1].split("/", 1)[0] for t in expected}
    assert {"commune", "epci", "departement", "region"} <= kinds, kinds
    for territory, actors in sorted(expected.items()):
        got: set[str] = set()
        offset = 0
        while True:
            page = real.get(
                "/api/actors", params={"territory": territory, "limit": 500, "offset": offset}
            ).json()
            got |= {item["id"] for item in page["items"]}
            offset += 500
            if offset >= page["total"]:
                break
        assert page["total"] == len(actors), territory
        assert got == actors, territory


def _patient(settings: Settings) -> Settings:
    return settings.model_copy(update={"query_timeout_s": 300.0})
