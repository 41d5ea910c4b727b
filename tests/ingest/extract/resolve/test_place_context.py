"""Homonymous communes resolved by what the document names near them or most (invented
texts; the place names are looked up in the committed reference data)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from ess_core.settings import Settings
from ingest.extract.resolve.place_context import Named, PlaceResolution
from ingest.extract.resolve.territories import TerritoryResolver

REPO = Path(__file__).resolve().parents[4]
COMMUNE = "https://w3id.org/ess-hdf/id/commune/"


@pytest.fixture(scope="module")
def places() -> PlaceResolution:
    return PlaceResolution(TerritoryResolver.from_settings(Settings(data_dir=REPO / "data")))


def _named(text: str, *names: str) -> list[Named]:
    return [
        Named(m.start(), m.end(), name)
        for name in names
        for m in re.finditer(rf"\b{re.escape(name)}\b", text)
    ]


def _resolve(places: PlaceResolution, text: str, name: str, *others: str) -> str | None:
    ctx = places.context(text, _named(text, name, *others))
    iri = places.resolve(name, ctx)
    return iri.removeprefix(COMMUNE) if iri else None


def test_without_context_the_most_populous_homonym(places: PlaceResolution) -> None:
    assert _resolve(places, "Le club de Marly recrute.", "Marly") == "59383"


def test_a_departement_code_after_the_name(places: PlaceResolution) -> None:
    assert _resolve(places, "Le club de Marly (57) recrute.", "Marly") == "57447"
    assert _resolve(places, "Une structure basée à Mérignac (16) ouvre.", "Mérignac") == "16216"


def test_a_departement_named_near_the_commune(places: PlaceResolution) -> None:
    text = "En Moselle, le club de Marly recrute."
    assert _resolve(places, text, "Marly", "Moselle") == "57447"


def test_the_nearest_departement_wins_over_the_most_named(places: PlaceResolution) -> None:
    far = " Le reste du texte parle d'autre chose, longuement, sans nommer de lieu." * 4
    text = "Le Nord, le Nord, le Nord." + far + "Dans la Moselle, le club de Marly recrute."
    assert _resolve(places, text, "Marly", "Nord", "Moselle") == "57447"


def test_a_region_named_in_the_document(places: PlaceResolution) -> None:
    text = "Le réseau du Grand Est se réunit. Plus loin dans le texte, le club de Marly."
    assert _resolve(places, text, "Marly", "Grand Est") == "57447"


def test_the_registered_territory_counts(places: PlaceResolution) -> None:
    text = "Le club de Marly recrute."
    ctx = places.context(text, _named(text, "Marly"), territory="Moselle")
    assert places.resolve("Marly", ctx) == COMMUNE + "57447"


def test_short_names_come_from_data(places: PlaceResolution) -> None:
    text = "Un café à Bruay, dans le Nord."
    assert _resolve(places, text, "Bruay", "Nord") == "59112"
    assert _resolve(places, "Un café à Bruay.", "Bruay") == "62178"


def test_local_resolution_keeps_communes_of_the_named_areas(places: PlaceResolution) -> None:
    text = "Dans le Nord, le club de Marly; à Lyon aussi."
    ctx = places.context(text, _named(text, "Marly", "Nord", "Lyon"))
    assert places.resolve("Marly", ctx, anywhere=False) == COMMUNE + "59383"
    assert places.resolve("Lyon", ctx, anywhere=False) is None
    assert places.resolve("Lyon", ctx) is not None
    assert places.resolve("Nord", ctx, anywhere=False) == (
        "https://w3id.org/ess-hdf/id/departement/59"
    )
