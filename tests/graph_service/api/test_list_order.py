"""Lists sorted with the build's list labels (issue 16) give the same totals, items, labels
and order as lists sorted by the store in SPARQL, on the store built from the repo's data."""

from __future__ import annotations

import shutil
import sqlite3
from collections.abc import Iterator
from typing import Any

import pytest
from api_fixtures import make_client
from fastapi.testclient import TestClient

from ess_core.settings import Settings
from ess_core.store_layout import INDEX_FILE_NAME
from graph_service.label_search import list_labels

LISTS: list[tuple[str, dict[str, Any]]] = [
    ("/api/actors", {}),
    ("/api/actors", {"territory": "departement/59"}),
    ("/api/actors", {"territory": "epci/245901160"}),
    ("/api/actors", {"territory": "region/32", "kind": "administration"}),
    ("/api/actors", {"year": 2024}),
    ("/api/people", {}),
    ("/api/people", {"territory": "departement/59"}),
    ("/api/documents", {}),
    ("/api/events", {}),
    ("/api/plans", {}),
    ("/api/partnerships", {}),
]


def _patient(settings: Settings, **changes: Any) -> Settings:
    return settings.model_copy(update={"query_timeout_s": 300.0, **changes})


@pytest.fixture(scope="module")
def clients(
    built_settings: Settings, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[tuple[TestClient, TestClient]]:
    """The service over the built store, and over a copy whose index has no list labels
    (an index of an older build: the lists are sorted in SPARQL)."""
    copy = tmp_path_factory.mktemp("sparql-sorted") / "store"
    shutil.copytree(built_settings.store_path.resolve(), copy)
    with sqlite3.connect(copy / INDEX_FILE_NAME) as index:
        index.execute("DROP TABLE list_labels")
    assert list_labels(built_settings.store_path / INDEX_FILE_NAME, []) == {}
    assert list_labels(copy / INDEX_FILE_NAME, []) is None
    with (
        make_client(_patient(built_settings)) as by_index,
        make_client(_patient(built_settings, store_path=copy)) as by_query,
    ):
        yield by_index, by_query


def _pages(client: TestClient, path: str, params: dict[str, Any], limit: int) -> dict[str, Any]:
    """Every item of the list, read page by page, with the totals each page gave."""
    items, totals, offset = [], set(), 0
    while True:
        response = client.get(path, params={**params, "limit": limit, "offset": offset})
        assert response.status_code == 200, response.text
        body = response.json()
        items += [(item["id"], item["label"], item["kind"]) for item in body["items"]]
        totals.add(body["total"])
        offset += limit
        if offset >= body["total"]:
            return {"totals": totals, "items": items}


@pytest.mark.parametrize(("path", "params"), LISTS)
def test_the_same_list_as_sorted_by_the_store(
    clients: tuple[TestClient, TestClient], path: str, params: dict[str, Any]
) -> None:
    by_index, by_query = clients
    expected = _pages(by_query, path, params, 500)
    assert expected["items"], "a list of the seed data with items"
    assert _pages(by_index, path, params, 500) == expected
    assert _pages(by_index, path, params, 7) == expected  # pages cut from the kept order
