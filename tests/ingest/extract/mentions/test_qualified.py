"""Names extended over the département or région right after them, on invented sentences."""

from __future__ import annotations

from pathlib import Path

from ingest.extract.mentions.gazetteers import load_gazetteers
from ingest.extract.mentions.names import Mention
from ingest.extract.mentions.qualified import extend_with_area

REPO = Path(__file__).resolve().parents[4]


def _extend(text: str, name: str, rule: str = "typed-name") -> str:
    start = text.index(name)
    m = Mention(start, start + len(name), "organisation", name, rule=rule)
    (out,) = extend_with_area(text, [m], load_gazetteers(REPO / "data"))
    return out.text


def test_a_departement_or_a_region_after_the_name_belongs_to_it() -> None:
    assert _extend("Le centre social du Val de la Somme ouvre.", "centre social du Val") == (
        "centre social du Val de la Somme"
    )
    assert _extend("La Coopérative des Fermes en Bretagne recrute.", "Coopérative des Fermes") == (
        "Coopérative des Fermes en Bretagne"
    )


def test_a_commune_after_the_name_does_not() -> None:
    assert _extend("L'atelier Vélo Joie de Guise ouvre.", "Vélo Joie") == "Vélo Joie"


def test_a_name_taken_whole_by_a_body_rule_is_left_as_it_is() -> None:
    text = "La CRESS Normandie de la Somme ?"
    assert _extend(text, "CRESS Normandie", rule="body") == "CRESS Normandie"
