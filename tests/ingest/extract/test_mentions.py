"""Mention rules on invented snippets shaped like the documents' repeated structures."""

from __future__ import annotations

from typing import Any

from ingest.extract.classify.kinds import is_organisation_name, is_person_name, person_display_name
from ingest.extract.mentions import structural as rules
from ingest.extract.pipeline import find_mentions
from ingest.extract.segment.lines import segment
from ingest.extract.segment.normalise import normalise


def _found(text: str) -> set[tuple[str, str]]:
    return {(m.kind, m.text) for m in rules.quote_headers(text, segment(text))}


def test_quote_header_gives_a_person_and_each_structure() -> None:
    text = "## “ LUCIE MARTIN - La Ruche / Réseau Alpha de 2015 à 2019\n"
    assert _found(text) == {
        ("person", "LUCIE MARTIN"),
        ("organisation", "La Ruche"),
        ("organisation", "Réseau Alpha"),
    }


def test_bare_quote_header_with_structure_on_next_line() -> None:
    text = "“ HUGO BERNARD  \nLa Ruche\n\nUn texte."
    assert _found(text) == {("person", "HUGO BERNARD"), ("organisation", "La Ruche")}


def test_name_line_with_its_role_line() -> None:
    text = "Hugo BERNARD\n\nTrésorier de l'association La Ruche (depuis 2020)\n"
    ((person, role_line),) = rules.name_lines(text, segment(text))
    assert person.text == "Hugo BERNARD"
    assert role_line is not None
    assert [m.text for m in rules.role_line_orgs(text, role_line)] == ["Ruche"]


def test_split_name_over_two_lines() -> None:
    text = "Lina\n\nDUPUIS-FERRAND\n\nDirectrice de l'association Alpha\n"
    ((person, _),) = rules.name_lines(text, segment(text))
    assert person.text == "Lina\n\nDUPUIS-FERRAND"


def test_acronyms_from_lists_inline_and_footnotes() -> None:
    text = (
        "## Liste des sigles\n\nGRAAL\tGroupe Régional des Acteurs de l'Alimentation Locale\n\n"
        "Le Centre Local d'Accueil et d'Entraide (CLAE) et l'ARBRE "
        "(Association pour la Restauration des Bois et des Rivières de l'Est) "
        "travaillent avec la FAL¹.\n\n1- Fédération des Amicales Laïques\n"
    )
    pairs = {(a.short.text, a.long.text) for a in rules.acronyms(text, segment(text))}
    assert pairs == {
        ("GRAAL", "Groupe Régional des Acteurs de l'Alimentation Locale"),
        ("CLAE", "Centre Local d'Accueil et d'Entraide"),
        ("ARBRE", "Association pour la Restauration des Bois et des Rivières de l'Est"),
        ("FAL", "Fédération des Amicales Laïques"),
    }


def test_typed_phrases_and_gazetteer() -> None:
    text = "L'association Les Jardins du Coin travaille avec la Maison des Familles et ALPHA."
    typed = {m.text for m in rules.typed_phrases(text)}
    assert {"Les Jardins du Coin", "Maison des Familles"} <= typed
    known = rules.gazetteer_matches(text, [("ALPHA", "organisation")])
    assert [(m.text, m.rule) for m in known] == [("ALPHA", "gazetteer")]


def test_gazetteer_ignores_website_lines_and_lower_case_words() -> None:
    text = "Le Relais recycle.\nlerelais.org\nun relais de poste"
    found = rules.gazetteer_matches(
        text, [("Le Relais", "organisation"), ("Relais", "organisation")]
    )
    assert [m.start for m in found] == [0]


def test_a_known_name_opening_on_an_article_is_no_name_in_lower_case() -> None:
    text = "L'Épicerie des Prés ouvre. Voici l'épicerie solidaire du quartier."
    found = rules.gazetteer_matches(
        text, [("L'Épicerie des Prés", "organisation"), ("L'épicerie Solidaire", "organisation")]
    )
    assert [m.text for m in found] == ["L'Épicerie des Prés"]


def test_title_lines_confirmed_by_website_or_repetition() -> None:
    text = (
        "\nLa Ruche, un café qui bourdonne\n\nLe lieu accueille tout le monde.\nlaruche-cafe.fr\n"
    )
    assert [m.text for m in rules.title_lines(text, segment(text))] == ["Ruche"]


def test_a_title_name_written_again_in_capitals_is_confirmed() -> None:
    text = "Pôle vert : un lieu pour tous\n\nPÔLE vert ouvre en mai. Le PÔLE VERT recrute.\n"
    assert [m.text for m in rules.title_lines(text, segment(text))] == ["Pôle vert"]
    # in lower case, a common phrase: no confirmation
    text = "Pôle vert : un lieu pour tous\n\nUn pôle vert ouvre en mai.\n"
    assert rules.title_lines(text, segment(text)) == []


def test_person_and_organisation_shapes() -> None:
    assert is_person_name("Hugo BERNARD") and is_person_name("Anne-Lise Van Damme")
    assert not is_person_name("Maison des Familles") and not is_person_name("Plus d'infos")
    assert is_organisation_name("Maison des Familles") and is_organisation_name("GRAAL")
    assert not is_organisation_name("ESS") and not is_organisation_name("Université")
    assert person_display_name("HUGO BERNARD-ROY") == "Hugo Bernard-Roy"


def test_model_mentions_are_filtered_by_shape(nlp: Any) -> None:
    text = (
        "Lors de la réunion, Camille Lefort, présidente de la Maison des Familles, a présenté "
        "le projet avec Thomas Garnier."
    )
    found, _, _ = find_mentions(normalise(text), nlp, [], [])
    people = {m.text for m in found if m.kind == "person"}
    assert {"Camille Lefort", "Thomas Garnier"} <= people
    assert ("organisation", "Maison des Familles") in {(m.kind, m.text) for m in found}


def test_a_title_opening_on_an_ordinal_is_a_description() -> None:
    text = (
        "Quatrième ville de Xland, Bourgval se transforme\n\nQuatrième ville de Xland, vraiment.\n"
    )
    assert rules.title_lines(text, segment(text)) == []
