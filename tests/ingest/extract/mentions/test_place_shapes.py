"""The ``place`` rule: names of places of all France kept by their shape, on invented
sentences (the place names are looked up in the committed reference data)."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from ingest.extract.mentions.gazetteers import Gazetteers, load_gazetteers
from ingest.extract.mentions.place_matcher import PlaceEntry, PlaceMatcher, fold_text
from ingest.extract.mentions.places import opens_sentence, place_mentions, written_as
from ingest.reference.place_names import PlaceNamesError, load_place_names

REPO = Path(__file__).resolve().parents[4]


@pytest.fixture(scope="module")
def gaz() -> Gazetteers:
    return load_gazetteers(REPO / "data")


def _places(text: str, gaz: Gazetteers) -> list[str]:
    return [m.text for m in place_mentions(text, gaz)]


def test_names_of_several_words_are_places_anywhere_in_france(gaz: Gazetteers) -> None:
    text = "Le réseau relie Boulogne-sur-Mer, la Nouvelle-Aquitaine et Saint-Pol-sur-Ternoise."
    assert _places(text, gaz) == [
        "Boulogne-sur-Mer",
        "Nouvelle-Aquitaine",
        "Saint-Pol-sur-Ternoise",
    ]


def test_accents_hyphens_and_apostrophes_may_differ_but_not_the_capitals(gaz: Gazetteers) -> None:
    assert _places("Le chantier de Conde sur l'Escaut recrute.", gaz) == ["Conde sur l'Escaut"]
    assert _places("Un texte en nord-pas-de-calais, sans capitale.", gaz) == []


def test_a_departement_code_makes_a_small_commune_a_place(gaz: Gazetteers) -> None:
    assert _places("La laiterie de la baie, Ponthoile (80), recrute.", gaz) == ["Ponthoile"]
    assert _places("La laiterie de la baie, Ponthoile, recrute.", gaz) == []


def test_a_bare_commune_needs_its_region_named_or_to_be_a_city(gaz: Gazetteers) -> None:
    assert _places("Le club visite Isbergues en mai.", gaz) == []
    assert _places("Le club du Pas-de-Calais visite Isbergues en mai.", gaz) == [
        "Pas-de-Calais",
        "Isbergues",
    ]
    assert _places("Le club visite Mérignac et Lyon en mai.", gaz) == ["Mérignac", "Lyon"]


def test_a_commune_the_text_also_writes_as_a_common_noun_is_not_a_place(gaz: Gazetteers) -> None:
    text = "Le club du Pas-de-Calais rencontre Avion et Lens. Un avion passe."
    assert _places(text, gaz) == ["Pas-de-Calais", "Lens"]


def test_departements_are_places_even_when_the_word_is_also_common(gaz: Gazetteers) -> None:
    assert _places("Une somme de 100 euros vient de la Somme.", gaz) == ["Somme"]


def test_parts_of_other_names_are_not_places(gaz: Gazetteers) -> None:
    # a hyphenated word, a name in capitals, a former région's name going on
    assert _places("Le réseau ARIA-Nord reçoit Jeanne MARTIN et Paul LENS.", gaz) == []
    assert _places("On se retrouve au Centre Ville, puis au centre.", gaz) == []


def test_areas_and_short_names_come_from_data_files(gaz: Gazetteers) -> None:
    text = "Les acteurs du Valenciennois et de la Gohelle se voient à Bruay."
    assert _places(text, gaz) == ["Valenciennois", "Gohelle", "Bruay"]


def test_an_epci_is_named_without_its_kind(gaz: Gazetteers) -> None:
    assert _places("Hier, Valenciennes Métropole a voté le plan.", gaz) == [
        "Valenciennes Métropole"
    ]
    assert gaz.kinds_of("Valenciennes Métropole") == {"epci"}


def test_shapes() -> None:
    assert written_as("Saint-pol", "Saint-Pol") and not written_as("saint-Pol", "Saint-Pol")
    text = "Titre\n\nLens recrute. Puis\nLens encore, et Lens."
    starts = [i for i in range(len(text)) if text.startswith("Lens", i)]
    assert [opens_sentence(text, i) for i in starts] == [True, False, False]


def test_the_matcher_finds_every_entry_at_its_offsets() -> None:
    matcher = PlaceMatcher([PlaceEntry("Val-Fleuri", "commune"), PlaceEntry("Val", "area")])
    found = [(m.start, m.end) for m in matcher.matches("Au Val Fleuri, le val-fleuri.")]
    assert found == [(3, 13), (3, 6), (18, 28), (18, 21)]


def test_a_bad_place_names_file_is_named(tmp_path: Path) -> None:
    path = tmp_path / "place-names.yaml"
    path.write_text("short_names:\n  Val: 12\n", "utf-8")
    with pytest.raises(PlaceNamesError, match=r"place-names\.yaml: short name 'Val'"):
        load_place_names(path)
    assert load_place_names(tmp_path / "absent.yaml").short_names == ()


@given(st.text(max_size=80))
def test_folding_keeps_the_offsets(text: str) -> None:
    assert len(fold_text(text)) == len(text)


@settings(max_examples=50, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.text(alphabet=st.sampled_from(list("LensAvioSm-'’ (59)\n.,àé")), max_size=60))
def test_places_never_crash_and_stay_in_the_text(text: str) -> None:
    gaz = load_gazetteers(REPO / "data")
    for m in place_mentions(text, gaz):
        assert 0 <= m.start < m.end <= len(text) and m.text == text[m.start : m.end]


def test_a_postal_code_of_its_departement_before_a_commune(gaz: Gazetteers) -> None:
    assert _places("Atelier Bleu\n3 rue Haute\n80132 Ponthoile\n", gaz) == ["Ponthoile"]
    assert _places("Atelier Bleu\n3 rue Haute\n59000 Ponthoile\n", gaz) == []
