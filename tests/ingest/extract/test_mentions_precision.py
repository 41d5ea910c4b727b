"""Precision and recall rules of the actor pipeline (MENTIONS-2), on invented sentences:
common phrases that look like curated names, councils that keep their number, names broken
across lines, colophons, quoted names, short forms and unspelt acronyms."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from ingest.extract.mentions.gazetteers import load_gazetteers
from ingest.extract.mentions.names import EntityKind
from ingest.extract.mentions.org_cues import cued_organisations
from ingest.extract.mentions.short_forms import (
    expand_short_forms,
    extend_class_names,
    extend_noun_names,
    initial_pairs,
)
from ingest.extract.mentions.structural import (
    Mention,
    gazetteer_matches,
    model_mentions,
    typed_phrases,
)
from ingest.extract.pipeline import find_mentions
from ingest.extract.relate.links import links, located
from ingest.extract.relate.roles import appositions
from ingest.extract.segment.lines import segment
from ingest.extract.segment.normalise import normalise


def _texts(mentions: list[Mention], kind: str = "organisation") -> list[str]:
    return [m.text for m in mentions if m.kind == kind]


def _org(text: str, name: str, surface: str | None = None, kind: str = "organisation") -> Mention:
    start = text.index(surface or name)
    return Mention(start, start + len(surface or name), kind, name)  # type: ignore[arg-type]


def test_a_lower_case_idiom_is_not_the_curated_name() -> None:
    names: list[tuple[str, EntityKind]] = [
        ("Le Fil", "organisation"),
        ("Maison Bleue", "organisation"),
    ]
    text = "Qui reprend le fil ? La maison bleue du coin et Le Fil, atelier de couture."
    assert _texts(gazetteer_matches(text, names)) == ["maison bleue", "Le Fil"]


def test_a_curated_common_phrase_typing_another_name_is_not_that_name() -> None:
    names: list[tuple[str, EntityKind]] = [("L'épicerie Solidaire", "organisation")]
    text = "L'épicerie solidaire Le Panier Bleu ouvre. L'épicerie solidaire de la rue aide."
    assert _texts(gazetteer_matches(text, names)) == ["L'épicerie solidaire"]
    assert text.rindex("L'épicerie") == gazetteer_matches(text, names)[0].start


def test_a_short_curated_name_is_found_in_capitals() -> None:
    text = "Partager un salarié via le GERAS ou le Géras."
    assert _texts(gazetteer_matches(text, [("Géras", "organisation")])) == ["GERAS", "Géras"]


def test_a_county_council_keeps_its_number() -> None:
    text = "Créer un budget citoyen (inspiration Conseil Departemental 80) et le reste."
    assert "Conseil Departemental 80" in _texts(typed_phrases(text))


def test_a_head_word_after_an_indefinite_article_is_a_kind_not_a_name() -> None:
    text = "Il faut créer un Pôle Territorial de Coopération. Le Pôle Vert de Laon aide."
    assert _texts(typed_phrases(text)) == ["Pôle Vert de Laon"]


def test_two_head_names_joined_by_et_and_an_article_are_two() -> None:
    text = "Elle travaille avec le Centre Hospitalier de Lens et la Maison du Vélo de Lille."
    assert _texts(typed_phrases(text)) == ["Centre Hospitalier de Lens", "Maison du Vélo de Lille"]


def test_a_bare_council_is_the_documents_numbered_one_or_nothing() -> None:
    text = "Le Conseil départemental 80 vote. Le Conseil départemental finance."
    second = text.rindex("Conseil départemental")
    bare = Mention(second, second + 21, "organisation", "Conseil départemental")
    numbered = _org(text, "Conseil départemental 80")
    assert _texts(expand_short_forms(text, [numbered, bare])) == ["Conseil départemental 80"] * 2
    assert expand_short_forms(text, [bare]) == []


def test_a_name_broken_after_a_connector_stays_whole() -> None:
    text = (
        "Les vélos sont rangés à la Maison de\nquartier Les Tilleuls de Douai, puis à la"
        " Maison du\nVélo."
    )
    found = _texts(typed_phrases(text))
    assert "Maison de\nquartier Les Tilleuls de Douai" in found
    assert "Maison du\nVélo" in found


def test_colophon_credits_name_people_and_the_printer() -> None:
    text = "Rédaction Anne Dupuis et Paul Leroy ; Illustrations Léa Morel ; Impression La Gravure."
    lines = segment(text)
    spans = [
        (text.index("Rédaction"), text.index(" et"), "MISC"),
        (text.index("Paul"), text.index(" ;"), "PER"),
        (text.index("Illustrations"), text.index(" ; Imp"), "PER"),
    ]
    people = _texts(model_mentions(text, lines, spans), "person")
    assert people == ["Anne Dupuis", "Paul Leroy", "Léa Morel"]  # no "Dupuis Leroy"
    assert "La Gravure" in _texts(cued_organisations(text))


def test_a_quoted_name_is_one_name() -> None:
    text = (
        'Le centre lance un collectif "Vivre et Agir" et des projets d\'habitat partagé'
        " « La Maison de Zoé »."
    )
    found = _texts(cued_organisations(text))
    assert "Vivre et Agir" in found and "La Maison de Zoé" in found


def test_what_a_speaker_founded_and_a_camel_case_venue() -> None:
    text = "Il faut agir ! Donc on a créé Douai en transition. Rendez-vous au CaféLivre de Lens."
    found = _texts(cued_organisations(text))
    assert "Douai en transition" in found and "CaféLivre" in found
    assert _texts(cued_organisations("Utiliser l'outil MeetUp pour animer.")) == []


def test_a_mayor_holds_office_at_the_commune() -> None:
    text = "Un élu référent, Jean Roux (maire de Saint-Pol-sur-Ternoise) et la chargée de mission."
    mayor = [m for m in cued_organisations(text) if m.rule == "mayor"]
    assert [(m.text, text[m.start : m.end]) for m in mayor] == [
        ("Ville de Saint-Pol-sur-Ternoise", "Saint-Pol-sur-Ternoise")
    ]
    roles = appositions(text, [_org(text, "Jean Roux", kind="person"), *mayor])
    assert [(r.subject.text, r.object.text, r.role) for r in roles] == [
        ("Jean Roux", "Ville de Saint-Pol-sur-Ternoise", "Maire")
    ]


def test_the_documents_only_ptce_and_club() -> None:
    text = (
        "Le réseau porte le PTCE Les Voisins depuis 2020. Le PTCE grandit ; les PTCE essaiment."
        " Le Club des Créateurs Solidaires du Douaisis se réunit ; le Club Créateurs vote."
    )
    ptce = [
        Mention(m.start(), m.start() + 4, "programme", "PTCE")
        for m in __import__("re").finditer("PTCE", text)
    ]
    club = _org(text, "Club des Créateurs Solidaires du Douaisis")
    short = _org(text, "Club Créateurs")
    found = expand_short_forms(text, extend_class_names(text, [*ptce, club, short]))
    assert [m.text for m in found] == [
        "PTCE Les Voisins",
        "PTCE Les Voisins",
        "PTCE",  # "les PTCE": the class
        "Club des Créateurs Solidaires du Douaisis",
        "Club des Créateurs Solidaires du Douaisis",
    ]


def test_an_acronym_pairs_with_the_only_name_it_abbreviates() -> None:
    text = "L'Atelier Citoyen Solidaire ouvre. L'ACS recrute."
    long, short = _org(text, "Atelier Citoyen Solidaire"), _org(text, "ACS")
    pairs = initial_pairs([long, short], [])
    assert [(p.short.text, p.long.text) for p in pairs] == [("ACS", "Atelier Citoyen Solidaire")]


def test_a_directory_heading_typed_by_its_paragraph() -> None:
    text = "#### Solenn\n\nL'association Solenn aide les familles depuis 2010.\n"
    found, _, _ = find_mentions(normalise(text), None, [], [])
    assert any(m.text == "Solenn" and m.rule == "title-line" for m in found)


def test_what_an_organisation_developed_in_quotes_is_carried_by_it() -> None:
    text = (
        "#### Solenn\n\nL'association Solenn aide les familles. Plus tard, l'association a"
        " développé un café nommé « Le Petit Pot » ainsi que des projets d'habitat partagé"
        " « La Maison de Zoé »."
    )
    norm = normalise(text)
    found, _, _ = find_mentions(norm, None, [], [])
    carried = {
        (r.subject.text, r.object.text) for r in links(norm.text, found) if r.kind == "carries"
    }
    assert carried == {("Solenn", "Le Petit Pot"), ("Solenn", "La Maison de Zoé")}


def test_a_singular_verb_keeps_a_name_with_et_whole() -> None:
    one = cued_organisations("des structures comme Terre et Mer qui accueille des jeunes.")
    two = cued_organisations("des structures comme Graines et Océan qui accueillent des jeunes.")
    assert _texts(one) == ["Terre et Mer"]
    assert _texts(two) == ["Graines", "Océan"]


def test_an_acronym_before_a_commune_is_a_local_branch_located_there() -> None:
    text = "Les mardis du bénévolat de la MJC Arras reprennent."
    norm = normalise(text)
    found, _, _ = find_mentions(norm, None, [], ["Arras"])
    assert "MJC Arras" in _texts(found)
    located_in = {(r.subject.text, r.object.text) for r in located(norm.text, found)}
    assert located_in == {("MJC Arras", "Arras")}


def test_a_person_span_running_onto_a_title_line_ends_at_the_line() -> None:
    text = "Notre équipe\n\nPrésidente : Anne Roy\nTrésorier – Paul Martin\n"
    start = text.index("Anne Roy")
    entities = [(start, text.index("Trésorier") + len("Trésorier"), "PER")]
    found = model_mentions(text, segment(text), entities)
    assert _texts(found, "person") == ["Anne Roy"]


def test_a_typing_noun_alone_or_a_law_is_no_organisation() -> None:
    text = (
        "Le Réseau Vert est une association Loi 1901 portée par des Ressourceries. "
        "La Maison Bleue du Parc aide."
    )
    found, _, _ = find_mentions(normalise(text), None, [], [])
    names = _texts(found)
    assert "Maison Bleue du Parc" in names
    assert not [n for n in names if n.startswith(("Loi", "Ressourceries"))]


def test_an_acronym_the_model_guesses_is_an_organisation_among_listed_ones(nlp: Any) -> None:
    text = "« Nos partenaires : Fondation Orvale, la Cress, Tralivo (réseau), UNPAC – syndicat. »"
    gazetteers = load_gazetteers(Path(__file__).resolve().parents[3] / "data")
    found, _, _ = find_mentions(normalise(text), nlp, [], [], gazetteers)
    rules = {m.text: m.rule for m in found if m.kind == "organisation"}
    assert rules["UNPAC"] == "coordinated-name"


def test_a_body_in_brackets_after_a_person_holds_the_persons_role(nlp: Any) -> None:
    text = (
        "À la table, Paul Henrion (Terre Vive) et Julie Caron (Atelier Bleu) ont débattu. "
        "Terre Vive ouvre un local. Julie Caron (Crédit Photo) sourit."
    )
    found, _, _ = find_mentions(normalise(text), nlp, [], [])
    kinds = {m.text: m.kind for m in found}
    assert kinds["Terre Vive"] == "organisation" and kinds["Paul Henrion"] == "person"
    # a credit in brackets, named once with no head word, is no body
    assert kinds.get("Crédit Photo") != "organisation"


def test_the_name_written_again_without_its_club_is_the_same_body() -> None:
    text = "Le club Rive Nord réunit vingt entreprises. Rive Nord organise un forum."
    first = _org(text, "Rive Nord")
    again = text.index("Rive Nord", first.end)
    second = Mention(again, again + 9, "organisation", "Rive Nord")
    assert [m.text for m in extend_noun_names(text, [first, second])] == ["club Rive Nord"] * 2


def test_a_lower_case_club_or_institute_before_a_name_is_part_of_it() -> None:
    text = (
        "Elle a fondé le club IAE Laonnois, puis l'association Terre Vive avec l'institut Castor."
    )
    names = [_org(text, n) for n in ("IAE Laonnois", "Terre Vive", "Castor")]
    assert [m.text for m in extend_noun_names(text, names)] == [
        "club IAE Laonnois",
        "Terre Vive",
        "institut Castor",
    ]


def test_a_head_word_and_a_level_in_lower_case_open_a_name() -> None:
    text = "La Chambre régionale des Tisserands et le Syndicat local de Laon ont voté."
    assert [m.text for m in typed_phrases(text) if m.rule == "org-head"] == [
        "Chambre régionale des Tisserands",
        "Syndicat local de Laon",
    ]
