"""Local structures named by their common noun and place, and typed names after adjectives
(invented sentences)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from ingest.extract.mentions.document import Document
from ingest.extract.mentions.gazetteers import load_gazetteers
from ingest.extract.mentions.general import capitalised_after_cue, listed_after_cue, typed_heads
from ingest.extract.mentions.org_cues import cued_organisations
from ingest.extract.segment.normalise import normalise

REPO = Path(__file__).resolve().parents[4]


def _local(text: str) -> list[str]:
    return [m.text for m in cued_organisations(text) if m.rule == "cue-local"]


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("Elle est orientée par la mission locale de Bourgval.", "mission locale de Bourgval"),
        ("La Mission locale d'Arvelle aide les jeunes.", "Mission locale d'Arvelle"),
        ("Un accord avec le lycée agricole de Bourgval.", "lycée agricole de Bourgval"),
        ("Il passe au centre social du Marais.", "centre social du Marais"),
    ],
)
def test_a_local_structure_and_its_place(text: str, name: str) -> None:
    assert _local(text) == [name]


def test_a_local_noun_without_a_place_is_no_name() -> None:
    assert _local("La mission locale aide les jeunes de la ville.") == []


def _typed(text: str) -> list[str]:
    doc = Document(normalise(text), None, gazetteers=load_gazetteers(REPO / "data"))
    return [m.text for m in capitalised_after_cue(doc)]


def test_a_typed_name_after_lower_case_adjectives() -> None:
    text = "On croise l'épicerie itinérante Le Panier Roulant et le collectif citoyen Les Amis."
    assert _typed(text) == ["Le Panier Roulant", "Les Amis"]


@pytest.mark.parametrize(
    "text",
    [
        "Il faut une plateforme type BRAVO pour acheter.",
        "L'association présidée par Jeanne Morel aide.",
        "L'association basée à Bourgval aide.",
    ],
)
def test_a_function_word_or_participle_stops_the_typed_name(text: str) -> None:
    assert _typed(text) == []


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("On a réparé au Repair Café de Bourgval hier.", "Repair Café de Bourgval"),
        ("Elle visite la Brasserie du Moulin Neuf.", "Brasserie du Moulin Neuf"),
        # a sentence's opening word is no part of the name
        ("Demain Garage Solidaire du Val ouvre.", "Garage Solidaire du Val"),
    ],
)
def test_a_name_opening_on_a_typing_head(text: str, name: str) -> None:
    doc = Document(normalise(text), gazetteers=load_gazetteers(REPO / "data"))
    assert [m.text for m in typed_heads(doc)] == [name]


def test_a_typed_name_after_a_complement_of_the_typing_noun() -> None:
    doc = Document(
        normalise("C'est une branche de l'association d'insertion Orme Vive, fondée en 2001."),
        gazetteers=load_gazetteers(REPO / "data"),
    )
    assert [m.text for m in capitalised_after_cue(doc)] == ["Orme Vive"]


def test_a_listed_company_and_its_commune() -> None:
    text = "Elle regroupe trois sites : la Recyclerie de Laon, Brivelune à Guise et Tralivo."
    doc = Document(normalise(text), gazetteers=load_gazetteers(REPO / "data"))
    assert [m.text for m in listed_after_cue(doc)] == ["Recyclerie de Laon", "Brivelune", "Tralivo"]


def test_a_list_after_a_plural_typing_noun_keeps_its_first_item(nlp: Any) -> None:
    text = "Le réseau regroupe les trois associations Pain Doré, Vélo Bleu et Terre Brune."
    doc = Document(normalise(text), nlp, gazetteers=load_gazetteers(REPO / "data"))
    assert [m.text for m in listed_after_cue(doc)] == ["Pain Doré", "Vélo Bleu", "Terre Brune"]


def test_a_list_after_a_kind_of_organisation_and_a_colon(nlp: Any) -> None:
    text = (
        "La Fondation Orme a récompensé trois associations : Pain Doré, Vélo Bleu et Terre Brune."
    )
    doc = Document(normalise(text), nlp, gazetteers=load_gazetteers(REPO / "data"))
    assert [m.text for m in listed_after_cue(doc)] == ["Pain Doré", "Vélo Bleu", "Terre Brune"]
