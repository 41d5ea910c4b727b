"""General relation rules on invented sentences: roles, links and locations from lexicons."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from mention_at import mention_at as _m

from ingest.extract.mentions.gazetteers import load_gazetteers
from ingest.extract.mentions.names import Mention
from ingest.extract.pipeline import extract
from ingest.extract.relate.context import Context
from ingest.extract.relate.general import (
    general_links,
    general_located,
    general_roles,
    main_organisation,
)

REPO = Path(__file__).resolve().parents[4]


def _links(text: str, *names: str) -> set[tuple[str, str, str]]:
    """(kind, subject, object) of the links ``general_links`` finds between every place
    ``text`` writes one of the organisations ``names``."""
    mentions = sorted(_m(text, n, "organisation", k) for n in names for k in range(text.count(n)))
    return {(r.kind, r.subject.text, r.object.text) for r in general_links(text, mentions)}


def test_role_by_apposition_with_years() -> None:
    text = "Jeanne Morel, présidente de l'association Les Jardins Unis depuis 2021, sourit."
    people = [_m(text, "Jeanne Morel", "person")]
    orgs = [_m(text, "Les Jardins Unis", "organisation")]
    (role,) = general_roles(text, people + orgs)
    assert (role.subject.text, role.object.text, role.role, role.start_year) == (
        "Jeanne Morel",
        "Les Jardins Unis",
        "présidente",
        2021,
    )


def test_role_with_the_title_first_and_a_bracketed_acronym() -> None:
    text = "Le directeur du Groupement des Ateliers Verts (GAV), Paul Simon, a parlé."
    people = [_m(text, "Paul Simon", "person")]
    orgs = [_m(text, "Groupement des Ateliers Verts", "organisation")]
    (role,) = general_roles(text, people + orgs)
    assert (role.subject.text, role.object.text) == ("Paul Simon", "Groupement des Ateliers Verts")


def test_role_in_brackets_and_for() -> None:
    text = "Luc Blanc (Atelier Bleu – ESS) était là.\nLa présidente Ana Roy pour Terre Vive."
    mentions = [
        _m(text, "Luc Blanc", "person"),
        _m(text, "Ana Roy", "person"),
        _m(text, "Atelier Bleu", "organisation"),
        _m(text, "Terre Vive", "organisation"),
    ]
    pairs = {(r.subject.text, r.object.text) for r in general_roles(text, mentions)}
    assert pairs == {("Luc Blanc", "Atelier Bleu"), ("Ana Roy", "Terre Vive")}


def test_no_role_without_a_title_or_a_shape() -> None:
    text = "Jeanne Morel a visité Les Jardins Unis."
    mentions = [_m(text, "Jeanne Morel", "person"), _m(text, "Les Jardins Unis", "organisation")]
    assert general_roles(text, mentions) == []


def test_links_from_the_first_cue_of_a_sentence() -> None:
    text = "La Ferme Haute travaille en partenariat avec Vélo Vert et Atelier Bleu. Rien ici."
    mentions = [_m(text, n, "organisation") for n in ("Ferme Haute", "Vélo Vert", "Atelier Bleu")]
    found = {(r.kind, r.subject.text, r.object.text) for r in general_links(text, mentions)}
    assert found == {
        ("partner-of", "Ferme Haute", "Vélo Vert"),
        ("partner-of", "Ferme Haute", "Atelier Bleu"),
    }


def test_links_fall_back_on_the_main_organisation() -> None:
    text = (
        "Terre Vive ouvre. Terre Vive recrute. Avec le soutien de la Fondation Lune, "
        "le projet grandit."
    )
    mentions = [
        _m(text, "Terre Vive", "organisation"),
        _m(text, "Terre Vive", "organisation", 1),
        _m(text, "Fondation Lune", "organisation"),
    ]
    assert main_organisation(mentions) == mentions[0]
    found = {(r.subject.text, r.object.text) for r in general_links(text, mentions)}
    assert found == {("Terre Vive", "Fondation Lune")}


def test_a_role_at_a_unit_of_the_organisation_or_after_a_bare_a() -> None:
    for text in (
        "Julie Caron, membre du conseil d'administration de l'association Terre Vive, a voté.",
        "Julie Caron, responsable du pôle insertion de Terre Vive, encadre dix salariés.",
        "Julie Caron, bénévole à Terre Vive depuis 2012, trie les dons.",
    ):
        mentions = [_m(text, "Julie Caron", "person"), _m(text, "Terre Vive", "organisation")]
        found = {(r.subject.text, r.object.text) for r in general_roles(text, mentions)}
        assert found == {("Julie Caron", "Terre Vive")}, text


def _paired(text: str, acronym: str, expansion: str) -> list[Mention]:
    """An acronym and its expansion in brackets, as the mention stage pairs them."""
    return [
        replace(_m(text, acronym), rule="acronym-inline"),
        replace(_m(text, expansion), rule="acronym-inline"),
    ]


def test_an_acronym_and_its_expansion_count_as_one_main_organisation() -> None:
    text = "Le local est confié à l'ARVE (Atelier régional de valorisation). Bois Joli aide."
    mentions = [*_paired(text, "ARVE", "Atelier régional de valorisation"), _m(text, "Bois Joli")]
    assert main_organisation(mentions) == mentions[0]
    # apart, each is named once: no main organisation
    assert main_organisation([replace(m, rule="model-org") for m in mentions]) is None


def test_a_short_text_holds_a_bare_title_at_its_main_organisation() -> None:
    text = (
        "Sur la friche Vieux Moulin, l'ARVE (Atelier régional de valorisation) ouvre. "
        "Comme l'explique Paul Henrion, le directeur, tout est prêt."
    )
    mentions = [
        _m(text, "Vieux Moulin"),
        *_paired(text, "ARVE", "Atelier régional de valorisation"),
        _m(text, "Paul Henrion", "person"),
    ]
    topic = Context(text, mentions).topic(text.index("Paul"))
    assert topic is not None and topic.text == "ARVE"


def test_a_topic_named_after_the_sentence_is_not_the_topic() -> None:
    text = "Paul Henrion, le président, sourit. Plus tard, le Département aide la commune."
    mentions = [_m(text, "Paul Henrion", "person"), _m(text, "Département")]
    assert Context(text, mentions).topic(0) is None
    # within its sentence it is
    text = "Paul Henrion, le président de la structure, parle de Terre Vive."
    mentions = [_m(text, "Paul Henrion", "person"), _m(text, "Terre Vive")]
    topic = Context(text, mentions).topic(0)
    assert topic is not None and topic.text == "Terre Vive"


def test_located_after_a_settling_cue() -> None:
    text = "Atelier Bleu, une association basée à Guise, recrute."
    mentions = [_m(text, "Atelier Bleu", "organisation"), _m(text, "Guise", "territory")]
    (rel,) = general_located(text, mentions)
    assert (rel.kind, rel.subject.text, rel.object.text) == ("located-in", "Atelier Bleu", "Guise")


@settings(
    max_examples=20, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(st.text(alphabet=st.characters(codec="utf-8", exclude_categories=("Cs",)), max_size=300))
def test_extraction_never_crashes_and_is_stable(nlp: Any, text: str) -> None:
    gaz = load_gazetteers(REPO / "data")
    first = extract("doc", text, nlp, (), (), gaz)
    second = extract("doc", text, nlp, (), (), gaz)
    assert first == second
    assert all(0 <= o.start <= o.end <= len(text) for o in first.occurrences)


def test_cue_heads_keep_the_preposition_a_cue_ends_on() -> None:
    from ingest.extract.relate.general import cue_heads

    heads = {(p.pattern, tuple(sorted(preps))) for p, preps, _, _ in cue_heads()}
    assert any("soutenue" in p and preps == ("par",) for p, preps in heads)
    assert any("membre" in p and "du" in preps for p, preps in heads)


def test_a_fronted_membership_of_a_person_is_no_link() -> None:
    text = (
        "Terre Vive ouvre. Terre Vive recrute. Julie Caron dirige Terre Vive. "
        "Membre du bureau de la Fédération Lune, elle plaide pour l'emploi."
    )
    mentions = [
        _m(text, "Terre Vive", "organisation"),
        _m(text, "Terre Vive", "organisation", 1),
        _m(text, "Julie Caron", "person"),
        _m(text, "Terre Vive", "organisation", 2),
        _m(text, "Fédération Lune", "organisation"),
    ]
    assert general_links(text, mentions) == []


def test_each_object_takes_the_kind_of_the_cue_before_it() -> None:
    text = (
        "Terre Vive ouvre. Terre Vive recrute. Elle fait partie du réseau Lune et travaille "
        "en lien avec la Ville de Xbourg."
    )
    assert _links(text, "Terre Vive", "Lune", "Ville de Xbourg") == {
        ("member-of", "Terre Vive", "Lune"),
        ("partner-of", "Terre Vive", "Ville de Xbourg"),
    }


def test_the_only_organisation_of_a_short_text_s_headline_leads() -> None:
    text = "Le réseau Lune fête ses vingt ans\n\nCréé en 2004, il compte 25 clubs. Bois Joli aide."
    mentions = [_m(text, "Lune", "organisation"), _m(text, "Bois Joli", "organisation")]
    assert main_organisation(mentions) is None
    assert main_organisation(mentions, text) == mentions[0]
    # two organisations in the headline: none leads
    text = "Lune et Bois Joli signent\n\nUne convention est signée."
    mentions = [_m(text, "Lune", "organisation"), _m(text, "Bois Joli", "organisation")]
    assert main_organisation(mentions, text) is None


def test_funders_named_before_a_cue_with_no_object_fund_the_text_s_organisation() -> None:
    text = (
        "Terre Vive ouvre. Terre Vive recrute. La Région Xland et le Département de Yval "
        "participent aussi au financement."
    )
    assert _links(text, "Terre Vive", "Région Xland", "Département de Yval") == {
        ("funded-by", "Terre Vive", "Région Xland"),
        ("funded-by", "Terre Vive", "Département de Yval"),
    }


def test_an_organisation_that_runs_another_carries_it() -> None:
    text = "L'association Terre Vive gère le Centre social du Marais et la Maison Bleue."
    assert _links(text, "Terre Vive", "Centre social du Marais", "Maison Bleue") == {
        ("carries", "Terre Vive", "Centre social du Marais"),
        ("carries", "Terre Vive", "Maison Bleue"),
    }


def test_an_acronym_in_brackets_before_the_cue_is_the_subject() -> None:
    text = "Elle dépend de l'Union Lune (UL) qui regroupe trois sites : Bois Joli et Vélo Vert."
    found = _links(text, "Union Lune", "UL", "Bois Joli", "Vélo Vert")
    assert ("member-of", "Bois Joli", "UL") in found
    assert ("member-of", "Vélo Vert", "UL") in found


def test_a_relative_clause_s_cue_has_its_own_subject() -> None:
    text = (
        "Terre Vive ouvre. Terre Vive recrute. Elle est membre de l'Union Lune qui fédère "
        "Bois Joli et Vélo Vert."
    )
    assert _links(text, "Terre Vive", "Union Lune", "Bois Joli", "Vélo Vert") == {
        ("member-of", "Terre Vive", "Union Lune"),
        ("member-of", "Bois Joli", "Union Lune"),
        ("member-of", "Vélo Vert", "Union Lune"),
    }


def test_an_object_pronoun_before_a_verb_cue_is_the_text_s_organisation() -> None:
    text = (
        "L'épicerie Terre Vive ouvre. Terre Vive aide 50 familles. C'est le CIAS de Xbourg qui "
        "la gère, et la Fondation Lune la soutient."
    )
    found = _links(text, "Terre Vive", "CIAS de Xbourg", "Fondation Lune")
    assert ("carries", "CIAS de Xbourg", "Terre Vive") in found


def test_a_title_and_its_body_in_brackets_after_a_person() -> None:
    text = (
        "Étaient là Paul Xavier (président Lune Verte) et Anne Roux (directrice de la Ruche Bleue)."
    )
    mentions = [
        _m(text, "Paul Xavier", "person"),
        _m(text, "Lune Verte", "organisation"),
        _m(text, "Anne Roux", "person"),
        _m(text, "Ruche Bleue", "organisation"),
    ]
    found = {(r.subject.text, r.object.text, r.role) for r in general_roles(text, mentions)}
    assert ("Paul Xavier", "Lune Verte", "président") in found
    assert ("Anne Roux", "Ruche Bleue", "directrice") in found


def test_a_title_then_a_copula_then_the_person() -> None:
    text = (
        "L'association Ruche Verte fête ses dix ans.\n"
        "Le bureau :\n"
        "– La trésorière est Anne Roy.\n"
        "– Le président est M. Paul Lenoir, président de Cap Marais.\n"
    )
    mentions = [
        _m(text, "Ruche Verte"),
        _m(text, "Anne Roy", "person"),
        _m(text, "Paul Lenoir", "person"),
        _m(text, "Cap Marais"),
    ]
    found = {(r.subject.text, r.object.text, r.role) for r in general_roles(text, mentions)}
    assert ("Anne Roy", "Ruche Verte", "trésorière") in found
    assert ("Paul Lenoir", "Ruche Verte", "président") in found
    assert ("Paul Lenoir", "Cap Marais", "président") in found


def test_a_plural_title_before_its_organisation_then_the_people_listed() -> None:
    text = "Les cofondateurs de la Ferme Ouverte, Lise Bontemps et Hugo Marais, accueillent."
    mentions = [
        _m(text, "Ferme Ouverte"),
        _m(text, "Lise Bontemps", "person"),
        _m(text, "Hugo Marais", "person"),
    ]
    found = {(r.subject.text, r.object.text) for r in general_roles(text, mentions)}
    assert found == {("Lise Bontemps", "Ferme Ouverte"), ("Hugo Marais", "Ferme Ouverte")}


def test_at_the_head_of_an_organisation_is_a_role() -> None:
    text = "Claire Morin, à la tête de la Scop Bois Liant depuis 2018, a signé."
    mentions = [_m(text, "Claire Morin", "person"), _m(text, "Bois Liant")]
    found = {(r.subject.text, r.object.text, r.start_year) for r in general_roles(text, mentions)}
    assert found == {("Claire Morin", "Bois Liant", 2018)}


def test_a_second_title_of_a_person_s_chain_and_a_dot_inside_a_name() -> None:
    text = "« Venez », dit Lina Marrot, directrice de Tisse.net et co-fondatrice du club Rive Nord."
    mentions = [
        _m(text, "Lina Marrot", "person"),
        _m(text, "Tisse.net"),
        _m(text, "club Rive Nord"),
    ]
    found = {(r.subject.text, r.object.text, r.role) for r in general_roles(text, mentions)}
    assert found == {
        ("Lina Marrot", "Tisse.net", "directrice"),
        ("Lina Marrot", "club Rive Nord", "co-fondatrice"),
    }


def test_a_verb_of_taking_an_office_gives_the_role_at_the_text_s_organisation() -> None:
    text = (
        "La Chambre régionale des Tisserands a élu son bureau.\n"
        "Paul Vasseur, directeur de Terre Ambre, a été élu président. Anne Ricard occupe le "
        "poste de vice-présidente. Lucie Dorme devient trésorière de la Chambre. Hugo Marais "
        "devient secrétaire de Cap Marais."
    )
    names = ("Chambre régionale des Tisserands", "Terre Ambre", "Cap Marais")
    people = ("Paul Vasseur", "Anne Ricard", "Lucie Dorme", "Hugo Marais")
    mentions = [_m(text, n) for n in names] + [_m(text, p, "person") for p in people]
    found = {
        (r.subject.text, r.object.text, r.role)
        for r in general_roles(text, mentions)
        if r.rule == "role-elected"
    }
    assert found == {
        ("Paul Vasseur", "Chambre régionale des Tisserands", "président"),
        ("Anne Ricard", "Chambre régionale des Tisserands", "vice-présidente"),
        ("Lucie Dorme", "Chambre régionale des Tisserands", "trésorière"),
        ("Hugo Marais", "Cap Marais", "secrétaire"),
    }


def test_a_verb_of_holding_an_office_named_by_its_noun() -> None:
    text = "Paul Vasseur, qui occupait la présidence de Terre Ambre depuis 2009, a passé la main."
    mentions = [_m(text, "Paul Vasseur", "person"), _m(text, "Terre Ambre")]
    found = {
        (r.subject.text, r.object.text, r.role, r.start_year) for r in general_roles(text, mentions)
    }
    assert found == {("Paul Vasseur", "Terre Ambre", "président", 2009)}


def test_a_title_after_a_chain_of_titles() -> None:
    text = (
        "La remise des prix a eu lieu devant Paul Vasseur, ancien haut-commissaire, président "
        "de Terre Ambre et coprésident de Cap Marais, absent ce jour."
    )
    mentions = [_m(text, "Paul Vasseur", "person"), _m(text, "Terre Ambre"), _m(text, "Cap Marais")]
    found = {(r.subject.text, r.object.text) for r in general_roles(text, mentions)}
    assert found == {("Paul Vasseur", "Terre Ambre"), ("Paul Vasseur", "Cap Marais")}


def test_a_person_a_copula_and_a_title_of_an_organisation() -> None:
    text = "Lina Marrot est salariée de la Ligue Verte. Paul Roy est bénévole, le samedi."
    mentions = [
        _m(text, "Lina Marrot", "person"),
        _m(text, "Ligue Verte"),
        _m(text, "Paul Roy", "person"),
    ]
    found = {(r.subject.text, r.object.text) for r in general_roles(text, mentions)}
    assert found == {("Lina Marrot", "Ligue Verte")}


def test_an_interview_s_first_person_title_at_the_text_s_organisation() -> None:
    text = (
        "La recyclerie Terre Vive ouvre. Terre Vive recrute.\n"
        "Je m'appelle Lina Marrot et je suis la directrice de la recyclerie depuis 2016."
    )
    second = text.index("Terre Vive", text.index("Terre Vive") + 1)
    mentions = [
        _m(text, "Terre Vive"),
        Mention(second, second + 10, "organisation", "Terre Vive"),
        _m(text, "Lina Marrot", "person"),
    ]
    found = {(r.subject.text, r.object.text, r.start_year) for r in general_roles(text, mentions)}
    assert ("Lina Marrot", "Terre Vive", 2016) in found
