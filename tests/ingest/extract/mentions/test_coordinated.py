"""Names listed beside an organisation already found (rule ``coordinated-name``), on invented
sentences."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from ingest.extract import rules
from ingest.extract.mentions import registered  # noqa: F401  (declares the mention rules)
from ingest.extract.mentions.coordinated import coordinated_names
from ingest.extract.mentions.document import Document
from ingest.extract.mentions.gazetteers import load_gazetteers
from ingest.extract.segment.normalise import normalise

REPO = Path(__file__).resolve().parents[4]


def _coordinated(text: str, nlp: Any) -> list[str]:
    doc = Document(normalise(text), nlp, gazetteers=load_gazetteers(REPO / "data"))
    for rule in rules.rules("mentions"):  # the rules before it, as the mention stage runs them
        if rule.name == "coordinated-name":
            break
        if rule.matcher is not None:
            doc.found += rule.matcher(doc)
    return [m.text for m in coordinated_names(doc)]


@pytest.mark.parametrize(
    ("text", "names"),
    [
        ("Étaient présents : Le Relais Bleu, la Cress et l'Urscop.", ["Le Relais Bleu"]),
        (
            "Le projet associe France Active, Les Pieds Agiles et Bois Joli.",
            ["Pieds Agiles", "Bois Joli"],
        ),
        # a list after a plural typing noun
        (
            "Trois associations, Vélo Cité, Bois Joli et Cap Marais, ont fondé le collectif.",
            ["Vélo Cité", "Bois Joli", "Cap Marais"],
        ),
        # an item with a gloss in brackets; the model's guess of an acronym listed among them
        (
            "Autour de la table : la Cress, Tralivo (réseau de garages), Bois Joli et l'Urscop.",
            ["Tralivo", "Bois Joli"],
        ),
        # items with words in lower case or opening with a place; a known name written again
        (
            "Lina Marrot dirige l'association Brivelune. Pour aller plus loin, Somme vert "
            "emploi, Tralivo, Cap travail Nord, les Gardettes, Brivelune et Vélo Cité ont "
            "décidé de se regrouper.",
            ["Somme vert emploi", "Tralivo", "Cap travail Nord", "Gardettes", "Vélo Cité"],
        ),
    ],
)
def test_a_name_listed_beside_a_known_organisation(nlp: Any, text: str, names: list[str]) -> None:
    assert _coordinated(text, nlp) == names


@pytest.mark.parametrize(
    "text",
    [
        # a person opening with a given name, places
        "Étaient présents : Hélène Corbin et l'Urscop.",
        "France Active intervient à Lille, Arras et Amiens.",
        # words in lower case after a preposition are no item
        "Le projet réunit la Cress, France Active, les amis de Vieux Moulin engagés et le Relais.",
        # a sentence opening on a preposition and a comma
        "En matière d'emploi, France Active et la Cress agissent.",
        # a table's row is no sentence
        "- Réseaux à mobiliser : PHARE, Cress, Bois Joli -\t8",
    ],
)
def test_other_neighbours_of_a_known_organisation(nlp: Any, text: str) -> None:
    assert _coordinated(text, nlp) == []


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.text(alphabet=st.sampled_from(list("AbCé ,.et l'Cress Urscop\n")), max_size=80))
def test_coordinated_names_never_crash_and_stay_in_the_text(text: str) -> None:
    doc = Document(normalise(text), None, gazetteers=load_gazetteers(REPO / "data"))
    for m in coordinated_names(doc):
        assert doc.text[m.start : m.end] == m.text


def test_a_long_run_of_hyphenated_names_is_read_in_linear_time() -> None:
    # every "-" may join two words or stay inside one: read one way, 400 parts take
    # milliseconds (2**n ways before, hours at 40 parts)
    text = "Le Relais Bleu, " + "-".join(["Ab"] * 400) + "# et la Cress."
    doc = Document(normalise(text), None, gazetteers=load_gazetteers(REPO / "data"))
    assert list(coordinated_names(doc)) is not None


def test_a_listed_company_and_its_commune_are_its_name_and_its_place(nlp: Any) -> None:
    text = (
        "Ils visitent trois sociétés coopératives : Brivelune de Guise, Tralivo d'Abbeville "
        "et la Ressourcerie de Laon."
    )
    found = _coordinated(text, nlp)
    assert "Brivelune" in found
    assert not any(n.startswith("Brivelune ") for n in found)
