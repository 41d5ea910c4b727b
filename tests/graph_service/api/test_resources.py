"""People, territories, plans, partnerships, events and documents: lists, filters, items."""

from __future__ import annotations

import pytest
from api_fixtures import ID, assert_error_shape
from fastapi.testclient import TestClient

PERSON = f"{ID}person/marie-lefebvre-chombard"
PLAN = f"{ID}plan/pldess-valenciennes-metropole-2021-2026"


def ids(client: TestClient, url: str) -> list[str]:
    response = client.get(url)
    assert response.status_code == 200, response.text
    return [item["id"] for item in response.json()["items"]]


@pytest.mark.parametrize(
    ("url", "expected"),
    [
        ("/api/people", [PERSON]),
        ("/api/people?organisation=regie-de-quartier-d-anzin", [PERSON]),
        ("/api/people?organisation=apes", []),
        ("/api/people?role=president", [PERSON]),
        ("/api/people?territory=epci/245901160", [PERSON]),
        ("/api/people?territory=epci/200093201", []),
        ("/api/people?document=apes-decennie-valenciennois", []),
        ("/api/territories?kind=area", [f"{ID}area/valenciennois"]),
        ("/api/territories?kind=epci", [f"{ID}epci/200093201", f"{ID}epci/245901160"]),  # by code
        ("/api/territories?within=epci/245901160", [f"{ID}commune/59014", f"{ID}commune/59606"]),
        ("/api/territories?within=area/valenciennois", [f"{ID}commune/59014"]),
        (
            "/api/territories?within=region/32&kind=commune",
            [f"{ID}commune/59014", f"{ID}commune/59350", f"{ID}commune/59606"],
        ),
        ("/api/plans?year=2021", [PLAN]),
        ("/api/plans?year=2026", [PLAN]),
        ("/api/plans?year=2027", []),
        ("/api/plans?territory=epci/245901160", [PLAN]),
        ("/api/partnerships?partner=apes", [f"{ID}partnership/apes-regie"]),
        ("/api/partnerships?kind=partner&territory=commune/59014", [f"{ID}partnership/apes-regie"]),
        ("/api/partnerships?kind=funder", []),
        ("/api/events?year=2023&territory=epci/245901160", [f"{ID}event/forum-ess-2023"]),
        ("/api/events?organizer=apes", [f"{ID}event/forum-ess-2023"]),
        ("/api/events?year=2022", []),
        (
            "/api/documents",
            [f"{ID}document/apes-decennie-valenciennois", f"{ID}document/cavm-pldess-2021-2026"],
        ),
        ("/api/documents?year=2021", [f"{ID}document/cavm-pldess-2021-2026"]),
    ],
)
def test_lists_and_filters(client: TestClient, url: str, expected: list[str]) -> None:
    assert ids(client, url) == expected


def test_person_has_only_names_and_roles(client: TestClient) -> None:
    person = client.get("/api/people/marie-lefebvre-chombard").json()
    assert set(person) == {
        "id",
        "name",
        "given_name",
        "family_name",
        "roles",
        "sources",
        "documents",
    }
    assert person["family_name"] == "Lefebvre-Chombard"
    [role] = person["roles"]
    assert role["organisation"]["label"] == "Régie de quartier d'Anzin"
    assert role["sources"][0]["exact"] == "Marie Lefebvre-Chombard, présidente"


def test_territory_with_containment(client: TestClient) -> None:
    epci = client.get("/api/territories/epci/245901160").json()
    assert epci["code"] == "245901160" and "CAVM" in epci["alt_labels"]
    assert [s["label"] for s in epci["subdivisions"]] == ["Anzin", "Valenciennes"]
    assert [r["id"] for r in epci["located_here"]] == [PLAN]
    commune = client.get("/api/territories/commune/59606").json()
    assert {w["id"] for w in commune["within"]} == {f"{ID}departement/59", f"{ID}epci/245901160"}


def test_plan(client: TestClient) -> None:
    plan = client.get("/api/plans/pldess-valenciennes-metropole-2021-2026").json()
    assert (plan["start"], plan["end"], plan["alt_labels"]) == ("2021", "2026", ["PLDESS"])
    assert plan["territories"][0]["id"] == f"{ID}epci/245901160"


def test_partnership(client: TestClient) -> None:
    partnership = client.get("/api/partnerships/apes-regie").json()
    assert partnership["relation_kind"]["label"] == "partenaire"
    assert len(partnership["partners"]) == 2


def test_event(client: TestClient) -> None:
    event = client.get("/api/events/forum-ess-2023").json()
    assert event["start"] == "2023-11-16"
    assert [o["id"] for o in event["organizers"]] == [f"{ID}organisation/apes"]
    assert [o["id"] for o in event["involves"]] == [f"{ID}organisation/la-fabrique-solidaire"]


def test_document(client: TestClient) -> None:
    document = client.get("/api/documents/apes-decennie-valenciennois").json()
    assert (document["issued"], document["mention_count"], document["fact_count"]) == ("2024", 2, 2)
    assert document["publisher"]["id"] == f"{ID}organisation/apes"


@pytest.mark.parametrize(
    "url",
    [
        "/api/people/apes",
        "/api/territories/commune/99999",
        "/api/territories/epci/59606",
        "/api/plans/none",
        "/api/partnerships/none",
        "/api/events/none",
        "/api/documents/none",
    ],
)
def test_unknown_items_are_404(client: TestClient, url: str) -> None:
    assert_error_shape(client.get(url), 404)


def test_unknown_territory_kind_is_422(client: TestClient) -> None:
    assert_error_shape(client.get("/api/territories/canton/12"), 422)
