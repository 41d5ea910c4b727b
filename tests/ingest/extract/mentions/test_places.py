"""Communes and other territories named in a text, on invented sentences."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from ingest.extract.mentions.document import Document
from ingest.extract.mentions.gazetteers import load_gazetteers
from ingest.extract.mentions.general import commune_mentions, model_places
from ingest.extract.segment.normalise import normalise

REPO = Path(__file__).resolve().parents[4]


def _doc(text: str, nlp: Any = None) -> Document:
    return Document(normalise(text), nlp, gazetteers=load_gazetteers(REPO / "data"))


def _communes(text: str) -> list[tuple[str, str]]:
    doc = _doc(text)
    return sorted((m.text, doc.text[m.start : m.end]) for m in commune_mentions(doc))


def test_a_preposition_fused_with_the_article_of_the_commune() -> None:
    assert _communes("Les locaux sont au Portel depuis mai.") == [("Le Portel", "Portel")]
    assert _communes("Le maire du Quesnoy et celle des Mureaux.") == [
        ("Le Quesnoy", "Quesnoy"),
        ("Les Mureaux", "Mureaux"),
    ]


def test_communes_of_every_region_are_found_after_a_preposition() -> None:
    found = {t for t, _ in _communes("De Guise à Creil, puis à Abbeville et à Mérignac.")}
    assert {"Guise", "Creil", "Abbeville", "Mérignac"} <= found


def test_a_fused_preposition_before_a_name_that_is_no_commune_finds_nothing() -> None:
    assert _communes("Le président du Comité Vert parle au Nord Solidaire.") == []


def test_the_model_s_places_that_are_territories(nlp: Any) -> None:
    doc = _doc("Jeanne Martin travaille à Lyon avec des amis de la Somme.", nlp)
    found = {m.text for m in model_places(doc)}
    assert "Lyon" in found
    assert all(not t.startswith(("la ", "de ")) for t in found)


@settings(max_examples=50, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.text(alphabet=st.sampled_from(list("auduxeLPortlQsnyMé -'’\n.,")), max_size=60))
def test_commune_mentions_never_crash_and_stay_in_the_text(text: str) -> None:
    doc = _doc(text)
    for m in commune_mentions(doc):
        assert 0 <= m.start < m.end <= len(doc.text)
