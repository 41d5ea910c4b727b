"""Roles whose organisation the sentence implies: by its common noun, by an academic title, by
the initiative it founded, or by the portrait that quotes the person. Invented sentences."""

from __future__ import annotations

from ingest.extract.pipeline import find_mentions
from ingest.extract.relate import relations as relate
from ingest.extract.segment.normalise import normalise


def _roles(text: str, gazetteer: list[tuple[str, str]]) -> set[tuple[object, ...]]:
    norm = normalise(text)
    found, _, _ = find_mentions(norm, None, gazetteer, ())  # type: ignore[arg-type]
    return {
        (r.subject.text, r.object.text, r.start_year)
        for r in relate.context_roles(norm.text, found, [])
    }


def test_the_common_noun_names_the_organisation_met_before() -> None:
    text = (
        "Les ateliers ont lieu à la Maison de quartier Les Tilleuls depuis des années.\n\n"
        "« On répare tout », dit Paul Xavier, salarié de la maison de quartier. Il sourit."
    )
    roles = _roles(text, [("Paul Xavier", "person")])
    assert ("Paul Xavier", "Maison de quartier Les Tilleuls", None) in roles


def test_the_common_noun_without_a_named_organisation_gives_no_role() -> None:
    text = "« On répare tout », dit Paul Xavier, salarié de la maison de quartier. Il sourit."
    assert _roles(text, [("Paul Xavier", "person")]) == set()


def test_a_teacher_at_the_university_named_before_with_the_year() -> None:
    text = (
        "L'Université de Xbourg ouvre une filière.\n\n"
        "Les conférences, co-animées par Anne Roux, responsable du Master à l'université "
        "depuis 2009, attirent du monde."
    )
    roles = _roles(text, [("Anne Roux", "person")])
    assert ("Anne Roux", "Université de Xbourg", 2009) in roles


def test_people_listed_after_an_academic_title() -> None:
    text = (
        "L'Université de Xbourg ouvre une filière. Des enseignants universitaires "
        "(Anne Roux et Marc Petit) lancent un diplôme."
    )
    roles = _roles(text, [("Anne Roux", "person"), ("Marc Petit", "person")])
    assert {
        ("Anne Roux", "Université de Xbourg", None),
        ("Marc Petit", "Université de Xbourg", None),
    } <= roles


def test_the_founders_of_the_initiative_named_just_before() -> None:
    text = (
        "L'association Les Tilleuls ouvre un café. À l'origine de cette initiative, "
        "un couple, Paul et Anne Xavier, voisins du quartier."
    )
    roles = _roles(text, [("Anne Xavier", "person")])
    assert ("Anne Xavier", "Les Tilleuls", None) in roles


def test_a_title_for_another_body_is_not_held_at_the_paragraphs_organisation() -> None:
    text = (
        "La Ligue Verte fête ses dix ans. Devant Paul Xavier, secrétaire général pour les "
        "affaires rurales, la fête commence."
    )
    gazetteer = [("Paul Xavier", "person"), ("Ligue Verte", "organisation")]
    assert _roles(text, gazetteer) == set()
    text = "La Ligue Verte fête ses dix ans. Devant Paul Xavier, secrétaire, la fête commence."
    assert ("Paul Xavier", "Ligue Verte", None) in _roles(text, gazetteer)


def test_a_possessive_title_after_the_name_is_held_at_the_text_s_organisation() -> None:
    text = (
        "La ressourcerie Tralivo ouvre un second magasin. Créée en 2014, Tralivo emploie "
        "vingt salariés. « Nous avons triplé la collecte », se réjouit Anne Roux, sa directrice."
    )
    roles = _roles(text, [("Anne Roux", "person"), ("Tralivo", "organisation")])
    assert ("Anne Roux", "Tralivo", None) in roles


def test_a_possessive_title_before_the_name_and_its_comma() -> None:
    text = (
        "L'association Tralivo fête ses dix ans. Tralivo emploie vingt salariés.\n\n"
        "Son président, Paul Xavier, ancien maire de Xbourg, salue l'équipe."
    )
    roles = _roles(text, [("Paul Xavier", "person"), ("Tralivo", "organisation")])
    assert ("Paul Xavier", "Tralivo", None) in roles


def test_the_years_of_a_title_after_the_name() -> None:
    text = (
        "Le tiers-lieu Tralivo accueille 300 personnes. Tralivo est une SCIC.\n\n"
        "« On avance », explique Anne Roux, coordinatrice du lieu depuis 2021."
    )
    roles = _roles(text, [("Anne Roux", "person"), ("Tralivo", "organisation")])
    assert ("Anne Roux", "Tralivo", 2021) in roles


def test_an_elected_office_of_no_collectivity_named_is_no_role_at_the_topic() -> None:
    text = (
        "La Fédération Lune organise une table ronde. La Fédération Lune invite.\n\n"
        "Elle réunira Anne Roux, conseillère départementale, et des dirigeants."
    )
    roles = _roles(text, [("Anne Roux", "person"), ("Fédération Lune", "organisation")])
    assert roles == set()


def test_a_kind_noun_stands_for_the_short_text_s_organisation() -> None:
    text = (
        "L'entreprise Tralivo reprise par ses salariés. Tralivo devient une Scop.\n\n"
        "« Nous y sommes arrivés », confie Anne Roux, gérante de la coopérative."
    )
    roles = _roles(text, [("Anne Roux", "person"), ("Tralivo", "organisation")])
    assert ("Anne Roux", "Tralivo", None) in roles


def test_a_kind_noun_followed_by_a_name_is_not_the_text_s_organisation() -> None:
    text = (
        "La Fédération Lune réunit ses membres. La Fédération Lune remet un prix.\n\n"
        "« On trie tout », explique Anne Roux, fondatrice de l'association amiénoise Les Bennes."
    )
    roles = _roles(text, [("Anne Roux", "person"), ("Fédération Lune", "organisation")])
    assert ("Anne Roux", "Fédération Lune", None) not in roles


def test_a_title_naming_a_body_not_found_is_no_role_at_the_topic() -> None:
    text = (
        "La Fédération Lune réunit ses membres. La Fédération Lune remet un prix.\n\n"
        "« On avance », souligne Anne Roux, directrice générale adjointe du Rameau, qui sourit."
        " Paul Xavier, président de l'institut Godin de Xbourg, approuve."
    )
    people = [("Anne Roux", "person"), ("Paul Xavier", "person")]
    roles = _roles(text, [*people, ("Fédération Lune", "organisation")])
    assert roles == set()


def test_the_structure_of_a_text_about_a_council_is_not_the_council() -> None:
    text = (
        "Le Département de Xland aide la ressourcerie. Le Département de Xland paie.\n\n"
        "« On trie », explique Anne Roux, gérante de la structure."
    )
    roles = _roles(text, [("Anne Roux", "person"), ("Département de Xland", "organisation")])
    assert ("Anne Roux", "Département de Xland", None) not in roles


def test_a_title_naming_the_short_form_of_a_body_named_before() -> None:
    text = (
        "L'Office de la Jeunesse de Xbourg ouvre un service. « On l'a créé ensemble, explique "
        "Anne Roux, la directrice de l'Office. »"
    )
    roles = _roles(
        text, [("Anne Roux", "person"), ("Office de la Jeunesse de Xbourg", "organisation")]
    )
    assert ("Anne Roux", "Office de la Jeunesse de Xbourg", None) in roles


def test_a_longer_name_after_the_title_is_not_a_short_form() -> None:
    text = (
        "Le Conseil départemental de Xland accueille. Devant Paul Xavier, Président du Conseil "
        "économique de Xland, la séance s'ouvre."
    )
    roles = _roles(
        text, [("Paul Xavier", "person"), ("Conseil départemental de Xland", "organisation")]
    )
    assert roles == set()


def test_a_new_title_before_a_civility_and_the_name() -> None:
    text = (
        "L'Union Lune recrute. Le bureau de l'Union Lune vient de désigner son nouveau "
        "Directeur, M. Paul Xavier, qui arrive en octobre."
    )
    roles = _roles(text, [("Paul Xavier", "person"), ("Union Lune", "organisation")])
    assert {(p, o.removeprefix("L'")) for p, o, _ in roles} == {("Paul Xavier", "Union Lune")}


def test_a_title_governing_its_body_without_a_preposition() -> None:
    text = (
        "L'association Terre Ambre a voté. Terre Ambre recrute.\n\n"
        "Paul Xavier, représentant l'Union Sable, était présent."
    )
    roles = _roles(text, [("Paul Xavier", "person"), ("Union Sable", "organisation")])
    assert {(p, o) for p, o, _ in roles} == {("Paul Xavier", "Union Sable")}
