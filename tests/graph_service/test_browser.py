"""The pages in Debian's Chromium (Playwright, system browser) against a real uvicorn server
over the store built from the repository's data: search, entity page with its sources, query
editor, network picture, map, list download; every request the pages make stays on 127.0.0.1.

Needs ``make browser`` (apt-get chromium) and ``make assets`` (npm ci): ``make test`` runs both.
"""

from __future__ import annotations

import re
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest
from live_server import uvicorn_serving

from ess_core.settings import Settings
from graph_service.static_files import VENDOR

CHROMIUM = Path("/usr/bin/chromium")
ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
REPO = Path(__file__).resolve().parents[2]
pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def base(built_settings: Settings, tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """A uvicorn server on 127.0.0.1 over the store built from the repo's data."""
    if not CHROMIUM.exists() or not (VENDOR / ".stamp").exists():
        pytest.fail("browser tests need `make browser` (chromium) and `make assets` (npm ci)")
    with uvicorn_serving(
        built_settings.store_path,
        tmp_path_factory.mktemp("browser"),
        public_url=True,
        tries=200,
        ESS_QUERIES_DIR=str(REPO / "queries"),
    ) as url:
        yield url


@pytest.fixture(scope="module")
def browser() -> Iterator[object]:
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=str(CHROMIUM), args=ARGS)
        yield chromium
        chromium.close()


@pytest.fixture()
def page(browser: object, base: str) -> Iterator[object]:
    """A fresh page that records every request it makes; none may leave 127.0.0.1."""
    context = browser.new_context(accept_downloads=True)  # type: ignore[attr-defined]
    tab = context.new_page()
    requests: list[str] = []
    tab.on("request", lambda request: requests.append(request.url))
    yield tab
    context.close()
    outside = [
        url
        for url in requests
        if not url.startswith(base) and not url.startswith(("data:", "blob:", "about:"))
    ]
    assert requests and outside == [], outside


def test_search_cress_shows_roles_and_source_sentences(page: object, base: str) -> None:
    page.goto(f"{base}/")  # type: ignore[attr-defined]
    page.fill("input[name=q]", "cress")  # type: ignore[attr-defined]
    page.press("input[name=q]", "Enter")  # type: ignore[attr-defined]
    page.click("ul.hits a[href='/page/organisation/cress']")  # type: ignore[attr-defined]
    page.wait_for_selector("h1")  # type: ignore[attr-defined]
    text = page.inner_text("main")  # type: ignore[attr-defined]
    assert "rôle" in text and re.search(r"depuis \d{4}|\d{4}\u2013\d{4}", text)
    sentence = page.inner_text("blockquote.passage")  # type: ignore[attr-defined]
    highlighted = page.inner_text("blockquote.passage mark")  # type: ignore[attr-defined]
    assert len(sentence) > len(highlighted) + 20  # the sentence, not only the name


def test_editor_runs_an_example_and_shows_rows(page: object, base: str) -> None:
    page.goto(f"{base}/query")  # type: ignore[attr-defined]
    page.wait_for_selector("#yasgui[data-ready=true] .yasqe")  # type: ignore[attr-defined]
    page.click("button.example[data-name='epci-communes']")  # type: ignore[attr-defined]
    page.wait_for_selector(".yasr tbody tr", timeout=20_000)  # type: ignore[attr-defined]
    assert page.locator(".yasr tbody tr").count() > 5  # type: ignore[attr-defined]


def test_editor_charts_a_count_by_class(page: object, base: str) -> None:
    page.goto(f"{base}/query")  # type: ignore[attr-defined]
    page.wait_for_selector("#yasgui[data-ready=true] .yasqe")  # type: ignore[attr-defined]
    page.click("button.example[data-name='geo-counts']")  # type: ignore[attr-defined]
    page.wait_for_selector(".yasr tbody tr", timeout=20_000)  # type: ignore[attr-defined]
    page.click(".yasr .select_chart")  # type: ignore[attr-defined]
    page.wait_for_selector(".yasr svg.ess-chart rect.bar")  # type: ignore[attr-defined]
    rows = page.locator(".yasr svg.ess-chart rect.bar").count()  # type: ignore[attr-defined]
    assert rows == 5  # communes, arrondissements, EPCI, départements, régions


def test_apes_network_draws_its_partners(page: object, base: str) -> None:
    page.goto(f"{base}/network/organisation/apes")  # type: ignore[attr-defined]
    page.wait_for_selector("#network[data-ready=true] canvas")  # type: ignore[attr-defined]
    nodes = page.get_attribute("#network", "data-nodes")  # type: ignore[attr-defined]
    assert nodes is not None and int(nodes) > 2


def test_map_shows_markers(page: object, base: str) -> None:
    page.goto(f"{base}/map")  # type: ignore[attr-defined]
    page.wait_for_selector("#map[data-ready=true] svg circle.marker")  # type: ignore[attr-defined]
    assert page.locator("#map circle.marker").count() >= 1  # type: ignore[attr-defined]
    # Actors placed by commune, each inside its department's outline (the fitted projection).
    inside, total = page.evaluate(  # type: ignore[attr-defined]
        """() => {
        const dots = [...document.querySelectorAll('#map circle.marker.commune')];
        const within = dots.filter((d) => {
          const shape = document.querySelector('#map path[id="' + d.dataset.dep + '"]');
          const p = new DOMPoint(d.cx.baseVal.value, d.cy.baseVal.value);
          return shape && shape.isPointInFill(p);
        });
        return [within.length, dots.length];
      }"""
    )
    assert total >= 1 and inside >= 0.8 * total, (inside, total)


def test_list_filtered_by_territory_downloads_csv(page: object, base: str, tmp_path: Path) -> None:
    page.goto(f"{base}/lists/actors")  # type: ignore[attr-defined]
    page.fill("input[name=territory]", "epci/245901160")  # type: ignore[attr-defined]
    page.click("form.filters button")  # type: ignore[attr-defined]
    page.wait_for_url(re.compile(r"territory=epci"))  # type: ignore[attr-defined]
    total = int(page.inner_text("#total"))  # type: ignore[attr-defined]
    with page.expect_download() as info:  # type: ignore[attr-defined]
        page.click("a#csv")  # type: ignore[attr-defined]
    target = tmp_path / "actors.csv"
    info.value.save_as(target)
    lines = target.read_text("utf-8").splitlines()
    assert lines[0] == "label,kind,id" and len(lines) - 1 == total > 0


@pytest.mark.parametrize(
    "path",
    [
        "/",
        "/search?q=cress",
        "/query",
        "/lists/actors",
        "/lists/people",
        "/lists/plans",
        "/lists/events",
        "/lists/documents",
        "/page/organisation/cress",
        "/page/epci/245901160",
        "/page/document/apes-decennie-valenciennois",
        "/network/organisation/apes",
        "/network/epci/245901160",
        "/timeline/epci/245901160",
        "/page/dataset/population-municipale",
        "/page/plan/valenciennes-metropole-pldess-2021",
        "/map",
    ],
)
def test_every_page_type_weighs_under_a_megabyte(base: str, path: str) -> None:
    with urllib.request.urlopen(f"{base}{path}", timeout=30) as response:
        assert response.status == 200 and len(response.read()) <= 1_000_000
