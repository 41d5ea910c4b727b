"""Organisations named without a typing word before them (invented sentences)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from ingest.extract.mentions.appositions import named_as, region_qualified, typed_appositions
from ingest.extract.mentions.document import Document
from ingest.extract.mentions.gazetteers import load_gazetteers
from ingest.extract.segment.normalise import normalise

REPO = Path(__file__).resolve().parents[4]


def _doc(text: str, nlp: Any = None) -> Document:
    return Document(normalise(text), nlp, gazetteers=load_gazetteers(REPO / "data"))


def _appositions(text: str) -> list[str]:
    return [m.text for m in typed_appositions(_doc(text))]


def test_a_capitalised_name_before_a_comma_and_a_typing_noun() -> None:
    assert _appositions("Le projet est soutenu par Vélocité Douce, une association locale.") == [
        "Vélocité Douce"
    ]


def test_two_names_opening_a_sentence_with_lower_case_words() -> None:
    text = "Bois joli et Terre Vive, deux coopératives, recrutent. Bois joli paie bien."
    assert _appositions(text) == ["Bois joli", "Terre Vive"]


def test_an_opening_adverb_or_clause_is_no_name() -> None:
    assert _appositions("Désormais, l'association recrute.") == []
    assert _appositions("Née en mai 1990, cette association recrute.") == []
    assert _appositions("En 2015, une association est née.") == []
    assert _appositions("Ainsi, en 2017, l'association a grandi.") == []


def test_a_territory_is_no_organisation() -> None:
    assert _appositions("Elle travaille à Guise, une structure y est née.") == []


def test_a_quoted_name_after_a_naming_verb() -> None:
    doc = _doc("Baptisée « Le Petit Panier », l'épicerie ouvre. Elle est dite « bien ».")
    assert [m.text for m in named_as(doc)] == ["Le Petit Panier"]


def test_a_name_qualified_by_a_region_is_an_organisation(nlp: Any) -> None:
    doc = _doc("Elle a rejoint le Réseau Vert Bretagne en 2019 avec la Région Bretagne.", nlp)
    assert "Réseau Vert Bretagne" in {m.text for m in region_qualified(doc)}
    assert "Région Bretagne" not in {m.text for m in region_qualified(doc)}


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.text(alphabet=st.sampled_from(list("AbV éet,.«» une associationDeux\n")), max_size=80))
def test_appositions_never_crash_and_stay_in_the_text(text: str) -> None:
    doc = _doc(text)
    for m in [*typed_appositions(doc), *named_as(doc)]:
        assert 0 <= m.start < m.end <= len(doc.text)
        assert doc.text[m.start : m.end] == m.text


def test_a_noun_phrase_in_apposition_outweighs_a_person_tag(nlp: Any) -> None:
    text = "Énergie Partagée, le mouvement national de l'énergie citoyenne, investit."
    assert [m.text for m in typed_appositions(_doc(text, nlp))] == ["Énergie Partagée"]


def test_a_participle_clause_opening_the_sentence_is_no_name() -> None:
    assert _appositions("Installée à Bourgval, l'association recrute.") == []
    assert _appositions("Fondée en 2010 à Bourgval, la coopérative aide.") == []
    # the agents of an opening participle, whatever their list: not the subject's name
    text = "Financée par la Fondation Orme et le Fonds Gris, la plateforme Mobilis ouvre."
    assert _appositions(text) == []


def test_the_last_of_two_names_joined_by_et_la_before_the_comma() -> None:
    text = "Le projet est porté par Terre Vive et la Fondation Orme, une association."
    assert _appositions(text) == ["Fondation Orme"]
