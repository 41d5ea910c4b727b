"""Link and location rules for links stated away from a cue next to both organisations, and
the antecedents they rely on (invented sentences)."""

from __future__ import annotations

from ingest.extract.mentions.structural import Mention
from ingest.extract.pipeline import find_mentions
from ingest.extract.relate.antecedent import initials, subject_before
from ingest.extract.relate.context import Context
from ingest.extract.relate.link_cues import cue_links
from ingest.extract.relate.links import links, located
from ingest.extract.relate.location_cues import settled
from ingest.extract.relate.testimony import first_person_links
from ingest.extract.segment.normalise import normalise

_ORGS = [
    "Jardins de Sable",
    "Ville de Marchiennes",
    "Communauté de communes Pévèle Carembault",
    "CCPC",
    "Ressourcerie du Moulin",
    "Atelier Boussole",
    "Région Hauts-de-France",
    "Coopérative Tisserande",
    "Fonds Horizon",
    "Collectif Lumière",
]


def _mentions(text: str, places: tuple[str, ...] = ()) -> tuple[str, list[Mention]]:
    norm = normalise(text)
    gazetteer = [(n, "organisation") for n in _ORGS]
    found, _, _ = find_mentions(norm, None, gazetteer, places)  # type: ignore[arg-type]
    return norm.text, found


def _links(text: str) -> set[tuple[str, str, str]]:
    norm, found = _mentions(text)
    return {(r.kind, r.subject.text, r.object.text) for r in cue_links(norm, found)}


def _places(text: str, places: tuple[str, ...]) -> set[tuple[str, str]]:
    norm, found = _mentions(text, places)
    rels = settled(norm, found) + located(norm, found)
    return {(r.subject.text, r.object.text) for r in rels}


def test_initials_skip_function_words() -> None:
    assert initials("Communauté de communes Pévèle Carembault") == "CCPC"
    assert initials("Métropole Européenne de Lille") == "MEL"


def test_funder_named_first() -> None:
    text = "Avec le soutien de la Région Hauts-de-France, Jardins de Sable a ouvert un verger."
    assert ("funded-by", "Jardins de Sable", "Région Hauts-de-France") in _links(text)


def test_funder_first_needs_the_funded_right_after_the_comma() -> None:
    text = (
        "Avec le soutien de la Région Hauts-de-France, des habitants venus de tout le "
        "quartier ont rencontré Jardins de Sable."
    )
    assert not any(k == "funded-by" for k, _, _ in _links(text))


def test_support_of_by_the_collectivity_of_the_previous_sentence() -> None:
    text = (
        "La Ville de Marchiennes renouvelle son plan pour trois ans. Celui-ci prévoit un "
        "appel à projets et le soutien à la Ressourcerie du Moulin."
    )
    assert ("funded-by", "Ressourcerie du Moulin", "Ville de Marchiennes") in _links(text)


def test_support_of_needs_a_collectivity() -> None:
    text = "Atelier Boussole organise le soutien à la Ressourcerie du Moulin."
    assert not _links(text)


def test_support_received_without_funder_is_the_collectivity_named_last() -> None:
    text = (
        "Le plan de la CCPC a été voté en mars. Enfin, la Ressourcerie du Moulin, qui "
        "rassemble des bénévoles, a reçu un soutien important."
        " La Communauté de communes Pévèle Carembault publie ses comptes."
    )
    assert ("funded-by", "Ressourcerie du Moulin", "CCPC") in _links(text)


def test_support_received_with_funder() -> None:
    text = "Atelier Boussole a obtenu un soutien du Fonds Horizon pour son local."
    assert ("funded-by", "Atelier Boussole", "Fonds Horizon") in _links(text)


def test_joint_work_with_a_pronoun_after_the_collectivity() -> None:
    text = (
        "La CCPC finance des cafés citoyens depuis 2015. La collectivité aide les porteurs "
        "de projet.\n\nEn 2020, elle a conduit puis mené un diagnostic des besoins avec "
        "Atelier Boussole.\n\nSigle : Communauté de communes Pévèle Carembault."
    )
    assert ("partner-of", "CCPC", "Atelier Boussole") in _links(text)


def test_joint_work_with_the_bare_ville() -> None:
    text = (
        "La Ville de Marchiennes ouvre un appel. Selon Paul Martin de la Coopérative "
        "Tisserande, qui a participé à des ateliers avec la Ville, le bilan est bon."
    )
    assert ("partner-of", "Coopérative Tisserande", "Ville de Marchiennes") in _links(text)


def test_pair_with_partnership_noun() -> None:
    text = "Atelier Boussole et la Ressourcerie du Moulin : Un partenariat de dix ans."
    assert ("partner-of", "Atelier Boussole", "Ressourcerie du Moulin") in _links(text)


def test_carried_by_at_sentence_start_needs_the_carried_thing_before() -> None:
    text = (
        "Portée par le Collectif Lumière (membre du Fonds Horizon), l'épicerie propose des paniers."
    )
    norm, found = _mentions(text)
    assert not [r for r in links(norm, found) if r.kind == "carries"]


def test_coordinated_names_without_cue_are_not_partners() -> None:
    assert not _links("Atelier Boussole et la Ressourcerie du Moulin recrutent.")


def test_ties_with_a_listed_enumeration() -> None:
    text = (
        "La Ville de Marchiennes anime le réseau.\n- Cette politique a resserré les liens avec "
        "les acteurs du réemploi (Ressourcerie du Moulin, Atelier Boussole) et de la finance "
        "(Fonds Horizon)."
    )
    links = _links(text)
    for other in ("Ressourcerie du Moulin", "Atelier Boussole", "Fonds Horizon"):
        assert ("partner-of", "Ville de Marchiennes", other) in links


def test_ties_stop_at_a_relative_clause() -> None:
    text = (
        "Atelier Boussole tisse des liens avec le Fonds Horizon, qui soutient aussi la "
        "Ressourcerie du Moulin."
    )
    links = _links(text)
    assert ("partner-of", "Atelier Boussole", "Fonds Horizon") in links
    assert ("partner-of", "Atelier Boussole", "Ressourcerie du Moulin") not in links


def test_settled_with_a_participle_after_the_subject_sentence() -> None:
    text = (
        "Jardins de Sable est une ferme urbaine. Installée au cœur de Douai, elle accueille "
        "des écoles."
    )
    assert ("Jardins de Sable", "Douai") in _places(text, ("Douai",))


def test_settled_with_a_common_noun_never_a_collectivity() -> None:
    text = (
        "La Ville de Marchiennes prête des salles. Le collectif trouve un local à Douai "
        "l'année suivante."
    )
    assert not _places(text, ("Douai",))


def test_area_served_is_not_a_seat() -> None:
    text = "Le Collectif Lumière de la Région de Douai fête ses dix ans."
    found = _places(text, ("Douai",))
    assert not any(place == "Douai" for _, place in found)


def test_subject_before_prefers_the_sentence_organisation() -> None:
    norm, found = _mentions("Atelier Boussole travaille avec le Fonds Horizon.")
    ctx = Context(norm, found)
    fund = next(m for m in found if m.text == "Fonds Horizon")
    subject = subject_before(ctx, fund.start, exclude=[fund])
    assert subject is not None
    assert subject.text == "Atelier Boussole"


def _testimony(text: str) -> set[tuple[str, str, str]]:
    norm, found = _mentions(text)
    return {(r.kind, r.subject.text, r.object.text) for r in first_person_links(norm, found)}


def test_testimony_under_a_quote_header() -> None:
    text = (
        "## “ LUCIE MARTIN - Atelier Boussole\n\n"
        "Notre entrée dans le Fonds Horizon puis dans la Coopérative Tisserande a tout changé."
    )
    links = _testimony(text)
    assert ("member-of", "Atelier Boussole", "Fonds Horizon") in links
    assert ("member-of", "Atelier Boussole", "Coopérative Tisserande") in links


def test_testimony_signed_below_after_an_earlier_signature() -> None:
    text = (
        "“ LUCIE MARTIN - Atelier Boussole\n\nUn premier témoignage.\n\n"
        "**Paul DURAND**\n\nRessourcerie du Moulin\n\n"
        "Notre adhésion au Fonds Horizon nous a ouvert des portes.\n\n"
        "**Marc LEROY**\n\nCollectif Lumière\n"
    )
    assert _testimony(text) == {("member-of", "Collectif Lumière", "Fonds Horizon")}


def test_testimony_needs_a_speaker() -> None:
    assert not _testimony("Notre entrée dans le Fonds Horizon date de 2019.")


def test_support_of_skips_a_name_that_goes_on_past_the_mention() -> None:
    text = (
        "La Ville de Marchiennes renouvelle son plan. Celui-ci prévoit le soutien au "
        "Fonds Horizon Quartiers Nord."
    )
    assert not _links(text)


def test_pronoun_after_a_person_is_not_an_organisation() -> None:
    text = (
        "Atelier Boussole ouvre un café. Marc Leroy en est le gérant depuis 2019. "
        "Il travaille avec la Ressourcerie du Moulin."
    )
    norm, found = _mentions(text)
    found.append(Mention(32, 42, "person", "Marc Leroy"))  # no model in these tests
    rels = {(r.kind, r.subject.text, r.object.text) for r in cue_links(norm, sorted(found))}
    assert not rels


def test_a_fronted_carrier_with_the_carried_named_after_it_is_left_to_the_general_rule() -> None:
    text = (
        "Le Collectif Lumière ouvre un lieu.\n\n"
        "Imaginé et porté par le Fonds Horizon, le tiers-lieu Atelier Boussole ouvre en juin."
    )
    norm, found = _mentions(text)
    assert ("Fonds Horizon", "Collectif Lumière") not in {
        (r.subject.text, r.object.text) for r in links(norm, found) if r.kind == "carries"
    }
