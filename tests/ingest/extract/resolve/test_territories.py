"""Territory names of the documents resolve to official nodes and curated areas."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from ingest.extract.resolve.territories import TerritoryResolver, acronym, name_key

REPO = Path(__file__).resolve().parents[4]
BASE = "https://w3id.org/ess-hdf/"
RESOLVER = TerritoryResolver.from_reference(
    REPO / "data/reference/decoupage-administratif.jsonl.gz",
    areas=REPO / "data/curation/areas.yaml",
)


def best(name: str, **kwargs: str) -> str:
    matches = RESOLVER.resolve(name, **kwargs)  # type: ignore[arg-type]
    assert matches, name
    return matches[0].iri.removeprefix(BASE + "id/")


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("Condé-sur-Escaut", "commune/59153"),
        ("Conde sur l'Escaut", "commune/59153"),
        ("Bruay-la-Buissière", "commune/62178"),
        ("Bruay la Buissiere", "commune/62178"),
        ("BRUAY-LA-BUISSIERE", "commune/62178"),
        ("Roubaix", "commune/59512"),
        ("Valenciennes", "commune/59606"),
        ("Isbergues", "commune/62473"),
        ("Roncq", "commune/59508"),
        ("St-Amand-les-Eaux", "commune/59526"),
        ("Valenciennes Métropole", "epci/245901160"),
        ("CA Valenciennes Métropole", "epci/245901160"),
        ("Communauté d'Agglomération de Valenciennes Métropole", "epci/245901160"),
        ("CAVM", "epci/245901160"),
        ("Métropole Européenne de Lille", "epci/200093201"),
        ("MEL", "epci/200093201"),
        ("CA de Béthune-Bruay, Artois-Lys Romane", "epci/200072460"),
        ("Communauté d'agglomération Béthune Bruay Artois Lys Romane", "epci/200072460"),
        ("CABBALR", "epci/200072460"),
        ("Nord", "departement/59"),
        ("Hauts-de-France", "region/32"),
        ("Hainaut-Cambrésis", "area/hainaut-cambresis"),
        ("le Bassin minier", "area/bassin-minier"),
        ("Artois", "area/artois"),
        ("Lys Romane", "area/lys-romane"),
        ("Valenciennois", "area/valenciennois"),
    ],
)
def test_document_names(name: str, expected: str) -> None:
    assert best(name) == expected


def test_departement_breaks_ties() -> None:
    both = RESOLVER.resolve("Marly")
    assert {m.code for m in both[:2]} == {"59383", "57447"}
    assert both[0].score == both[1].score == 1.0
    assert best("Marly", departement="57") == "commune/57447"
    assert best("Marly", departement="Nord") == "commune/59383"
    assert RESOLVER.resolve("Marly", departement="59")[1].score < 1.0


def test_kind_filter_and_former_communes() -> None:
    assert best("Paris", kind="departement") == "departement/75"
    assert [m.kind for m in RESOLVER.resolve("Valenciennes", kind="epci")] == []
    former = RESOLVER.resolve("Labuissière", departement="62")
    assert former and former[0].iri == BASE + "id/commune/62178" and former[0].score < 1.0


def test_approximate_names_score_lower() -> None:
    match = RESOLVER.resolve("Bruay la Buisiere")[0]
    assert match.code == "62178" and 0.5 < match.score < 1.0
    assert RESOLVER.resolve("Agglomération imaginaire de Nulle-Part") == []


def test_acronyms_need_capitals() -> None:
    assert acronym("CA Valenciennes Métropole") == "CAVM"
    assert all(m.kind != "epci" for m in RESOLVER.resolve("mel"))


def test_keys_ignore_accents_case_hyphens_articles() -> None:
    assert name_key("Condé-sur-l'Escaut") == name_key("CONDE SUR ESCAUT") == "conde sur escaut"


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=60), st.sampled_from([None, "59", "Nord", "xx", ""]))
def test_never_crashes_and_is_deterministic(text: str, departement: str | None) -> None:
    first = RESOLVER.resolve(text, departement=departement)
    assert first == RESOLVER.resolve(text, departement=departement)
    assert all(0 < m.score <= 1 for m in first)
    assert [m.score for m in first] == sorted((m.score for m in first), reverse=True)
