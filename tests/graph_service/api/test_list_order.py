"""Lists sorted with the build's list labels (issue 16) give the same totals, items, labels
and order as lists sorted by the store in SPARQL, on the store built from the repo's data."""

from __future__ import annotations

import shutil
import sqlite3
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from api_fixtures import ID, make_client
from fastapi.testclient import TestClient

from ess_core.settings import Settings
from ess_core.store_layout import INDEX_FILE_NAME
from graph_service.label_search import list_labels, territory_items

ORG = "http://www.w3.org/ns/org#"

LISTS: list[tuple[str, dict[str, Any]]] = [
    ("/api/actors", {}),
    ("/api/actors", {"territory": "departement/59"}),
    ("/api/actors", {"territory": "epci/245901160"}),
    ("/api/actors", {"territory": "commune/59606"}),
    ("/api/actors", {"territory": "commune/00000"}),  # no such commune: no actor
    ("/api/actors", {"territory": "region/32", "kind": "administration"}),
    ("/api/actors", {"year": 2024}),
    ("/api/people", {}),
    ("/api/people", {"territory": "departement/59"}),
    ("/api/events", {"territory": "departement/62"}),
    ("/api/plans", {"territory": "region/32"}),
    ("/api/documents", {}),
    ("/api/events", {}),
    ("/api/plans", {}),
    ("/api/partnerships", {}),
]


def _patient(settings: Settings, **changes: Any) -> Settings:
    return settings.model_copy(update={"query_timeout_s": 300.0, **changes})


def _copy(settings: Settings, folder: Path, *tables: str) -> Settings:
    """Settings of a copy of the store whose index lacks ``tables``."""
    copy = folder / "store"
    shutil.copytree(settings.store_path.resolve(), copy)
    with sqlite3.connect(copy / INDEX_FILE_NAME) as index:
        for table in tables:
            index.execute(f"DROP TABLE {table}")
    return _patient(settings, store_path=copy)


@pytest.fixture(scope="module")
def clients(
    built_settings: Settings, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[tuple[TestClient, TestClient, TestClient]]:
    """The service over the built store (a territory's items and every label from the
    index), over a copy whose index has list labels only (the items from the store), and
    over a copy without either (an index of an older build: sorted in SPARQL)."""
    index = built_settings.store_path / INDEX_FILE_NAME
    labels_only = _copy(built_settings, tmp_path_factory.mktemp("labels"), "territory_items")
    older = _copy(built_settings, tmp_path_factory.mktemp("older"), "territory_items", "list_nodes")
    assert list_labels(index, []) == {}
    assert territory_items(index, f"{ID}departement/59", f"{ORG}Organization")
    assert territory_items(labels_only.store_path / INDEX_FILE_NAME, ID, ORG) is None
    assert list_labels(older.store_path / INDEX_FILE_NAME, []) is None
    with (
        make_client(_patient(built_settings)) as by_index,
        make_client(labels_only) as by_labels,
        make_client(older) as by_query,
    ):
        yield by_index, by_labels, by_query


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
    clients: tuple[TestClient, TestClient, TestClient], path: str, params: dict[str, Any]
) -> None:
    by_index, by_labels, by_query = clients
    expected = _pages(by_query, path, params, 500)
    assert expected["items"] or "00000" in str(params), "a list of the seed data with items"
    assert _pages(by_labels, path, params, 500) == expected
    assert _pages(by_index, path, params, 500) == expected
    assert _pages(by_index, path, params, 7) == expected  # pages cut from the kept order
