"""HTML pages: home with counts, entity page with sources, search page; offline assets only."""

from __future__ import annotations

import re
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).parent / "api"))  # the REST tests' helpers
from api_fixtures import assert_error_shape, build_test_store, make_client
from fastapi.testclient import TestClient


@pytest.fixture(scope="module")
def client(tmp_path_factory: pytest.TempPathFactory) -> Iterator[TestClient]:
    with make_client(build_test_store(tmp_path_factory.mktemp("pages"))) as test_client:
        yield test_client


def _html(client: TestClient, url: str) -> str:
    response = client.get(url)
    assert response.status_code == 200, response.text
    assert response.headers["content-type"].startswith("text/html")
    html = response.text
    external = re.findall(r'(?:src|href)="(https?://[^"]+)"', html)
    assert all(
        "w3id.org/ess-hdf/" in url or url.startswith("http://www.w3.org/") or "/ns/" in url
        for url in external
    ), external  # links, never assets
    assert re.findall(r"<script(?![^>]*src=\"/static/)", html) == []  # local files only
    return html


def test_home_counts_and_links(client: TestClient) -> None:
    html = _html(client, "/")
    assert re.search(r'<div class="n">4</div>\s*<a href="/api/actors">acteurs</a>', html)
    assert 'href="/page/document/apes-decennie-valenciennois"' in html and 'href="/docs"' in html


def test_entity_page_shows_facts_relations_and_sources(client: TestClient) -> None:
    html = _html(client, "/page/organisation/regie-de-quartier-d-anzin")
    assert "<h1>Régie de quartier d&#39;Anzin</h1>" in html
    assert 'href="/page/commune/59014">Anzin</a>' in html
    assert 'href="/page/person/marie-lefebvre-chombard">Marie Lefebvre-Chombard</a>' in html
    assert "<mark>Marie Lefebvre-Chombard, présidente</mark>" in html
    assert "relevé par modèle" in html and "confiance 80 %" in html
    assert '<span class="kind">organisation</span>' in html and "<h2>Identité</h2>" in html
    assert 'href="/data/organisation/regie-de-quartier-d-anzin.ttl"' in html


def test_search_page(client: TestClient) -> None:
    html = _html(client, "/search?q=cavm")
    assert 'href="/page/epci/245901160"' in html and "trouvé par « CAVM »" in html
    assert "<form" in _html(client, "/search")


def test_stylesheet_and_docs_are_local(client: TestClient) -> None:
    assert client.get("/static/style.css").headers["content-type"].startswith("text/css")
    assert client.get("/static/../pages.py").status_code == 404
    for page in ("/docs", "/redoc"):
        html = client.get(page).text
        assert "cdn" not in html.lower() and "fonts.googleapis" not in html
        for asset in re.findall(r'(?:src|href)="(/docs/assets/[^"]+)"', html):
            assert client.get(asset).status_code == 200


def test_unknown_page_is_404(client: TestClient) -> None:
    assert_error_shape(client.get("/page/person/nobody"), 404)


BROWSER = "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8"


def test_a_browser_gets_an_html_error_page_with_the_same_status(client: TestClient) -> None:
    response = client.get("/page/actor/no-such-thing", headers={"Accept": BROWSER})
    assert response.status_code == 404
    assert response.headers["content-type"].startswith("text/html")
    assert "Page introuvable" in response.text and "no resource" in response.text
    assert response.headers["vary"] == "Accept"
    missing = client.get("/no/such/route", headers={"Accept": BROWSER})
    assert missing.status_code == 404 and "<h1>404" in missing.text


def test_api_clients_keep_the_json_error_body(client: TestClient) -> None:
    for accept in (None, "*/*", "application/json", "application/json, text/html;q=0.5"):
        headers = {"Accept": accept} if accept else {}
        response = client.get("/page/actor/no-such-thing", headers=headers)
        assert response.status_code == 404
        assert response.json()["ok"] is False and response.json()["status"] == 404
    sparql = client.get("/sparql", params={"query": "SELEC"}, headers={"Accept": BROWSER})
    assert sparql.status_code == 400 and sparql.json()["status"] == 400


def test_incoming_links_come_a_page_at_a_time(
    client: TestClient, monkeypatch: pytest.MonkeyPatch
) -> None:
    def communes(html: str) -> set[str]:
        part = html.split("<h2>Communes", 1)[1].split("</p>", 1)[0]
        return set(re.findall(r'href="/page/(commune/\d+)"', part))

    everything = _html(client, "/page/departement/59")
    every_commune = communes(everything)
    total = len(every_commune)
    assert total >= 3 and f"<h2>Communes ({total})</h2>" in everything
    assert "pager" not in everything
    monkeypatch.setattr("graph_service.pages.PAGE_LINKS", 2)
    first = _html(client, "/page/departement/59")
    assert f"<h2>Communes ({total})</h2>" in first
    assert f"Liens 1\u20132 sur {total}" in first and 'href="?offset=2"' in first
    pages, offset = [communes(first)], 2
    while offset < total:
        html = _html(client, f"/page/departement/59?offset={offset}")
        assert 'href="?offset=' in html
        pages.append(communes(html))
        offset += 2
    assert all(len(page) <= 2 for page in pages)
    assert set().union(*pages) == every_commune
