"""Short forms ("la Région") resolved from the document's own names, on invented sentences."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from ingest.extract.mentions import registered  # noqa: F401  (declares the mention rules)
from ingest.extract.mentions.document import Document
from ingest.extract.mentions.gazetteers import load_gazetteers
from ingest.extract.mentions.general import (
    anaphora_mentions,
    document_region,
    institution_mentions,
)
from ingest.extract.pipeline import mention_stage
from ingest.extract.segment.normalise import normalise

REPO = Path(__file__).resolve().parents[4]


def test_the_region_of_a_document_is_the_one_it_names_most() -> None:
    gaz = load_gazetteers(REPO / "data")
    text = "Des ateliers dans la Somme, dans l'Oise et en Bretagne."
    assert document_region(text, gaz) == "Hauts-de-France"
    assert document_region("Un atelier en Bretagne, un autre en Normandie.", gaz) is None
    assert document_region("Un atelier sans lieu.", gaz) is None


def test_la_region_without_a_qualified_name_is_the_documents_region() -> None:
    text = "Le chantier d'Amiens, dans la Somme, ouvre. La Région finance les travaux."
    doc = Document(normalise(text), gazetteers=load_gazetteers(REPO / "data"))
    found = anaphora_mentions(doc)
    assert [(m.text, text[m.start : m.end]) for m in found] == [
        ("Région Hauts-de-France", "Région")
    ]


def test_la_region_of_a_document_naming_only_communes_is_their_region() -> None:
    text = "Le chantier de Guise ouvre à Guise. La Région finance les travaux."
    doc = Document(normalise(text), gazetteers=load_gazetteers(REPO / "data"))
    assert [(m.text, text[m.start : m.end]) for m in anaphora_mentions(doc)] == [
        ("Région Hauts-de-France", "Région")
    ]


def test_la_region_in_a_document_naming_no_region_is_left_alone() -> None:
    doc = Document(
        normalise("La Région finance les travaux."), gazetteers=load_gazetteers(REPO / "data")
    )
    assert anaphora_mentions(doc) == []


def test_le_departement_is_the_one_whose_communes_the_document_names() -> None:
    text = "Le chantier de Guise ouvre à Guise. Le Département finance les travaux."
    doc = Document(normalise(text), gazetteers=load_gazetteers(REPO / "data"))
    found = anaphora_mentions(doc)
    assert [(m.text, text[m.start : m.end]) for m in found] == [
        ("Département de l’Aisne", "Département")
    ]


def test_a_council_of_a_field_is_no_departement() -> None:
    text = "Le Conseil départemental de l'économie verte (CDEV) se réunit. Le Département aide."
    doc = Document(normalise(text), gazetteers=load_gazetteers(REPO / "data"))
    assert all("économie" not in m.text for m in anaphora_mentions(doc))


def test_la_ville_is_the_commune_the_document_names_most() -> None:
    text = "À Lens, l'atelier ouvre. Les habitants de Lens aiment. La Ville prête un local."
    doc = Document(normalise(text), gazetteers=load_gazetteers(REPO / "data"))
    assert [m.text for m in anaphora_mentions(doc) if m.text.startswith("Ville")] == [
        "Ville de Lens"
    ]


def test_l_agglo_is_the_intercommunal_body_the_document_names() -> None:
    text = (
        "La communauté d'agglomération du Val Doré signe une convention. "
        "Depuis, l'agglo soutient la recyclerie."
    )
    doc = Document(normalise(text), gazetteers=load_gazetteers(REPO / "data"))
    doc.found += institution_mentions(doc)
    found = [(m.text, text[m.start : m.end]) for m in anaphora_mentions(doc)]
    assert found == [("communauté d'agglomération du Val Doré", "agglo")]


def test_an_agglo_named_after_an_elided_article_is_a_body() -> None:
    text = "Le projet est soutenu par l'Agglo du Val Doré depuis 2020."
    doc = Document(normalise(text), gazetteers=load_gazetteers(REPO / "data"))
    assert [m.text for m in institution_mentions(doc)] == ["Agglo du Val Doré"]


def test_an_intercommunality_ends_before_a_second_name_after_et_la() -> None:
    text = "Avec la Communauté d'agglomération Val Doré et la Maison Bleue, nous avançons."
    doc = Document(normalise(text), gazetteers=load_gazetteers(REPO / "data"))
    assert [m.text for m in institution_mentions(doc)] == ["Communauté d'agglomération Val Doré"]


def test_an_economic_social_and_environmental_council_keeps_its_commas() -> None:
    text = "Avec le Conseil Economique, Social et Environnemental Communal de Lens, une soirée."
    doc = Document(normalise(text), gazetteers=load_gazetteers(REPO / "data"))
    assert [m.text for m in institution_mentions(doc)] == [
        "Conseil Economique, Social et Environnemental Communal de Lens"
    ]


def test_a_model_span_running_into_a_clause_leaves_the_short_form_resolved(nlp: Any) -> None:
    text = (
        "À Guise (Aisne), la recyclerie ouvre un site. La Ville prête le local et le "
        "Département finance deux postes."
    )
    doc = Document(normalise(text), nlp, gazetteers=load_gazetteers(REPO / "data"))
    mention_stage(doc)
    names = {m.text for m in doc.mentions if m.kind == "organisation"}
    assert "Département de l’Aisne" in names
    assert not any("finance" in n for n in names)


def test_a_region_name_with_a_mark_inside_stays_whole_after_its_head() -> None:
    text = "La présidente de la Région Occitanie / Pyrénées-Méditerranée a parlé."
    doc = Document(normalise(text), gazetteers=load_gazetteers(REPO / "data"))
    assert [m.text for m in institution_mentions(doc)] == [
        "Région Occitanie / Pyrénées-Méditerranée"
    ]


def test_a_region_or_a_town_in_lower_case_is_the_place_not_the_body() -> None:
    text = "La région Bretagne compte des ateliers ; la ville de Rennes aussi."
    doc = Document(normalise(text), gazetteers=load_gazetteers(REPO / "data"))
    assert institution_mentions(doc) == []


def test_the_urban_policy_is_no_town_hall() -> None:
    text = "À Lens, l'atelier ouvre. Les habitants de Lens aiment. La Ville aide les quartiers "
    text += "de la politique de la Ville."
    doc = Document(normalise(text), gazetteers=load_gazetteers(REPO / "data"))
    starts = [m.start for m in anaphora_mentions(doc) if m.text.startswith("Ville")]
    assert starts == [text.index("Ville aide")]


def test_a_commune_named_like_a_region_gives_no_town_hall() -> None:
    text = "En Bretagne, des ateliers. La Bretagne aide. La Ville aussi."
    doc = Document(normalise(text), gazetteers=load_gazetteers(REPO / "data"))
    assert not [m for m in anaphora_mentions(doc) if m.text.startswith("Ville")]
