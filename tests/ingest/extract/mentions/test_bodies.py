"""Bodies of the field from data/reference/bodies.yaml and France Active members, on
invented sentences."""

from __future__ import annotations

from pathlib import Path

from ingest.extract.mentions.document import Document
from ingest.extract.mentions.gazetteers import Gazetteers, PlaceEntry, load_gazetteers, place_key
from ingest.extract.mentions.general import active_members, body_mentions, epci_bodies
from ingest.extract.mentions.places import places
from ingest.extract.segment.normalise import normalise

REPO = Path(__file__).resolve().parents[4]


def _doc(text: str) -> Document:
    return Document(normalise(text), gazetteers=load_gazetteers(REPO / "data"))


def test_a_body_after_an_elided_article_is_found() -> None:
    names = {m.text for m in body_mentions(_doc("Le soutien de l’Etat et d'Avise est acquis."))}
    assert {"Etat", "Avise"} <= names


def test_a_body_inside_a_word_is_not_found() -> None:
    assert not body_mentions(_doc("Les Avisemakers se réunissent."))


def test_a_regional_body_keeps_its_region_and_its_plain_form_is_paired() -> None:
    doc = _doc("La CRESS Bretagne réunit ses membres. La CRESS a voté.")
    found = body_mentions(doc)
    assert {m.text for m in found} == {"CRESS Bretagne", "CRESS"}
    assert {(a.short.text, a.long.text) for a in doc.acronyms} == {("CRESS", "CRESS Bretagne")}


def test_a_body_named_only_with_its_territory() -> None:
    text = "Initiative Aisne a prêté. Une Initiative locale. Initiative France aide aussi."
    assert {m.text for m in body_mentions(_doc(text))} == {"Initiative Aisne", "Initiative France"}


def test_a_france_active_member_is_a_territory_and_active() -> None:
    text = "Le prêt vient de Somme Active et de Bretagne Active. Le mot Actif seul ne suffit pas."
    assert [m.text for m in active_members(_doc(text))] == ["Somme Active", "Bretagne Active"]


def test_a_name_ending_in_active_without_a_territory_is_not_a_member() -> None:
    assert not active_members(_doc("La Ville Active organise une fête."))


def test_a_departmental_body_keeps_its_departement() -> None:
    text = "L'épicerie est agréée par la CAF du Val-de-Marne et aidée par la CAF."
    assert [m.text for m in body_mentions(_doc(text))] == ["CAF du Val-de-Marne", "CAF"]


def test_an_intercommunality_named_with_its_body_word_is_the_body_too() -> None:
    gaz = Gazetteers(
        epcis=frozenset({place_key("Val Joli Métropole"), place_key("Pays des Saules")}),
        place_entries=(
            PlaceEntry("Val Joli Métropole", "epci", 50000),
            PlaceEntry("Pays des Saules", "epci", 9000),
        ),
    )
    text = "Le local est financé par Val Joli Métropole. Le Pays des Saules aide."
    doc = Document(normalise(text), gazetteers=gaz)
    doc.found += places(doc)
    assert [(m.text, m.kind) for m in epci_bodies(doc)] == [("Val Joli Métropole", "organisation")]


def test_an_intercommunality_s_later_words_may_be_in_lower_case() -> None:
    gaz = Gazetteers(
        epcis=frozenset({place_key("Val Joli Métropole")}),
        place_entries=(PlaceEntry("Val Joli Métropole", "epci", 50000),),
    )
    doc = Document(normalise("Le local est financé par Val joli métropole."), gazetteers=gaz)
    doc.found += places(doc)
    assert [m.text for m in epci_bodies(doc)] == ["Val joli métropole"]
    # a first word in lower case is no name
    doc = Document(normalise("Le local est financé par val joli métropole."), gazetteers=gaz)
    doc.found += places(doc)
    assert epci_bodies(doc) == []


def test_a_regional_body_keeps_its_region_s_initials() -> None:
    found = {m.text for m in body_mentions(_doc("Avec la Direccte LRMP et la CRESS ESS."))}
    assert found == {"Direccte LRMP", "CRESS"}
