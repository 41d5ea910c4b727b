"""Where an organisation is, from the shape of its name and the place after it (invented
sentences)."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

from ingest.extract.mentions.document import Document
from ingest.extract.mentions.gazetteers import load_gazetteers
from ingest.extract.mentions.names import Mention
from ingest.extract.relate.general import general_located
from ingest.extract.relate.links import located
from ingest.extract.relate.location_cues import in_communes
from ingest.extract.segment.normalise import normalise

REPO = Path(__file__).resolve().parents[4]


def _m(text: str, name: str, kind: str) -> Mention:
    start = text.index(name)
    return Mention(start, start + len(name), kind, name)  # type: ignore[arg-type]


def _pairs(text: str, mentions: list[Mention]) -> set[tuple[str, str]]:
    return {(r.subject.text, r.object.text) for r in located(text, mentions)}


def test_a_quoted_name_then_its_commune() -> None:
    text = "Elle fournit l'épicerie « Le Panier Vert » d'Abbeville."
    mentions = [_m(text, "Le Panier Vert", "organisation"), _m(text, "Abbeville", "territory")]
    assert _pairs(text, mentions) == {("Le Panier Vert", "Abbeville")}


def test_an_expansion_in_brackets_then_its_commune() -> None:
    text = "La PAV (Pépinière des Ateliers Verts) de Guise ouvre."
    mentions = [
        _m(text, "Pépinière des Ateliers Verts", "organisation"),
        _m(text, "Guise", "territory"),
    ]
    assert _pairs(text, mentions) == {("Pépinière des Ateliers Verts", "Guise")}


def test_a_fused_article_names_the_commune() -> None:
    text = "L'atelier Bois Joli du Portel recrute."
    place = replace(_m(text, "Portel", "territory"), text="Le Portel")
    assert _pairs(text, [_m(text, "Bois Joli", "organisation"), place]) == {
        ("Bois Joli", "Le Portel")
    }
    # "du" before a place named as written is not enough ("… du Nord")
    text = "L'atelier Bois Joli du Nord recrute."
    assert (
        _pairs(text, [_m(text, "Bois Joli", "organisation"), _m(text, "Nord", "territory")])
        == set()
    )


def test_a_communal_body_is_in_its_commune_but_not_the_town_itself() -> None:
    text = "Le Conseil citoyen communal de Guise et la Ville de Guise."
    council = _m(text, "Conseil citoyen communal de Guise", "organisation")
    town = _m(text, "Ville de Guise", "organisation")
    places = [
        Mention(text.index("Guise"), text.index("Guise") + 5, "territory", "Guise"),
        Mention(text.rindex("Guise"), text.rindex("Guise") + 5, "territory", "Guise"),
    ]
    assert _pairs(text, [council, town, *places]) == {
        ("Conseil citoyen communal de Guise", "Guise")
    }


def test_a_settling_verb_a_few_words_before_the_commune() -> None:
    text = "L'atelier Bois Joli, installé depuis 2012 rue des Lilas à Guise, recrute."
    mentions = [_m(text, "Bois Joli", "organisation"), _m(text, "Guise", "territory")]
    assert {(r.subject.text, r.object.text) for r in general_located(text, mentions)} == {
        ("Bois Joli", "Guise")
    }


def test_a_pronoun_settled_in_a_commune_is_the_organisation_named_before() -> None:
    text = "L'atelier Bois Joli recrute. Elle a ouvert ses portes en mai à Guise."
    mentions = [_m(text, "Bois Joli", "organisation"), _m(text, "Guise", "territory")]
    assert {(r.subject.text, r.object.text) for r in general_located(text, mentions)} == {
        ("Bois Joli", "Guise")
    }


def test_an_organisation_is_located_in_a_commune_not_a_region() -> None:
    text = "Le Réseau Vert de Bretagne et l'atelier Bois Joli de Guise."
    doc = Document(normalise(text), gazetteers=load_gazetteers(REPO / "data"))
    doc.mentions = [
        _m(text, "Réseau Vert", "organisation"),
        _m(text, "Bretagne", "territory"),
        _m(text, "Bois Joli", "organisation"),
        _m(text, "Guise", "territory"),
    ]
    rule = in_communes(lambda d: located(d.text, d.mentions))
    assert {(r.subject.text, r.object.text) for r in rule(doc)} == {("Bois Joli", "Guise")}
