"""One node per real person or organisation: acronyms, fuzzy names, curation, vetoes."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from ingest.curation import CuratedEntity, Curation
from ingest.extract.resolve.entities import Occurrence, norm, resolve


def occ(doc: str, start: int, kind: str, surface: str, method: str = "rule") -> Occurrence:
    return Occurrence(doc, start, start + len(surface), kind, surface, surface, method, 0.9)


OCCURRENCES = [
    occ("a", 0, "organisation", "GRAAL"),
    occ("a", 10, "organisation", "Groupe Régional des Acteurs de l'Alimentation Locale"),
    occ("b", 0, "organisation", "le GRAAL"),
    occ("a", 80, "person", "LUCIE MARTIN"),
    occ("b", 30, "person", "Lucie Martin"),
    occ("b", 50, "person", "Lucie MARTINS"),
    occ("a", 100, "person", "Paul Lemaire"),
    occ("b", 70, "person", "Anne Lemaire"),
    occ("b", 90, "organisation", "Maison des Familles"),
    occ("b", 120, "organisation", "Maison des Familles de Lomme"),
    occ("a", 140, "organisation", "Grand Chantier", method="model"),
]


def keys(entities: list) -> dict[str, tuple[str, ...]]:  # type: ignore[type-arg]
    return {
        f"{e.kind}/{e.key}": tuple(sorted({o.surface for o in e.occurrences})) for e in entities
    }


def test_acronyms_fuzzy_names_and_places_merge() -> None:
    found = keys(
        resolve(
            OCCURRENCES,
            [("organisation", "GRAAL", "Groupe Régional des Acteurs de l'Alimentation Locale")],
            Curation(),
        )
    )
    assert found["organisation/graal"] == (
        "GRAAL",
        "Groupe Régional des Acteurs de l'Alimentation Locale",
        "le GRAAL",
    )
    assert found["person/lucie-martin"] == ("LUCIE MARTIN", "Lucie MARTINS", "Lucie Martin")
    assert "person/paul-lemaire" in found and "person/anne-lemaire" in found
    assert found["organisation/maison-des-familles"] == (
        "Maison des Familles",
        "Maison des Familles de Lomme",
    )


def test_a_lone_model_guess_is_not_an_organisation() -> None:
    assert "organisation/grand-chantier" not in keys(resolve(OCCURRENCES, [], Curation()))


def test_curation_names_the_node_and_vetoes_merges() -> None:
    curation = Curation(
        entities=(CuratedEntity("organisation", "Graal Hauts-de-France", ("GRAAL",)),),
        not_same_as=(("person", frozenset({"Lucie Martin", "Lucie Martins"})),),
    )
    found = keys(resolve(OCCURRENCES, [], curation))
    assert "organisation/graal-hauts-de-france" in found
    assert "person/lucie-martin" in found and "person/lucie-martins" in found


def test_rejected_mentions_are_dropped() -> None:
    curation = Curation(rejected=(("b", "Anne Lemaire", None, None),))
    assert "person/anne-lemaire" not in keys(resolve(OCCURRENCES, [], curation))


def test_norm() -> None:
    assert norm("person", "GÉRALDINE DU-PONT") == "geraldine du pont"
    assert norm("organisation", "l'Association Les Amis") == "les amis"
    # a town's council by any of its names
    assert norm("organisation", "mairie de Guise") == norm("organisation", "Ville de Guise")


def test_a_town_council_and_a_club_written_two_ways_are_one_node() -> None:
    found = keys(
        resolve(
            [
                occ("a", 0, "organisation", "Ville de Guise"),
                occ("a", 40, "organisation", "mairie de Guise"),
                occ("a", 80, "organisation", "club Rive Nord"),
                occ("a", 120, "organisation", "Rive Nord"),
            ],
            [],
            Curation(),
        )
    )
    assert sorted(found.values()) == [
        ("Rive Nord", "club Rive Nord"),
        ("Ville de Guise", "mairie de Guise"),
    ]


@given(st.permutations(OCCURRENCES))
def test_the_order_of_the_input_does_not_matter(shuffled: list[Occurrence]) -> None:
    assert resolve(shuffled, [], Curation()) == resolve(OCCURRENCES, [], Curation())
