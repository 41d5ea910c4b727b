"""Where an organisation is, from the shape of its name and the place after it (invented
sentences)."""

from __future__ import annotations

from dataclasses import replace

from ingest.extract.mentions.names import Mention
from ingest.extract.relate.links import located


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
