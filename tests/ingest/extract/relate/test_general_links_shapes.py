"""Link and role shapes of the general rules (issue 12), each on invented sentences: the
direction of a cue, coordinations, lists after a colon, fronted phrases, bracketed examples,
pronoun subjects, civilities, lower-case names before their acronym."""

from __future__ import annotations

from mention_at import mention_at as _m

from ingest.extract.mentions.names import Mention
from ingest.extract.relate.general import general_links, general_roles
from ingest.extract.relate.roles import context_roles


def _links(text: str, mentions: list[Mention]) -> set[tuple[str, str, str]]:
    return {(r.kind, r.subject.text, r.object.text) for r in general_links(text, mentions)}


def test_a_passive_carrier_carries_the_subject() -> None:
    text = "Le café Tilleul est porté par l'association Racines Vives depuis 2019."
    found = _links(text, [_m(text, "Tilleul"), _m(text, "Racines Vives")])
    assert found == {("carries", "Racines Vives", "Tilleul")}


def test_an_active_federation_makes_its_objects_members() -> None:
    text = "Le Réseau Alpha fédère Atelier Gris, Vélo Bleu et Pain Doré."
    names = ("Réseau Alpha", "Atelier Gris", "Vélo Bleu", "Pain Doré")
    found = _links(text, [_m(text, n) for n in names])
    assert found == {("member-of", n, "Réseau Alpha") for n in names[1:]}


def test_a_coordinated_subject_of_a_together_verb_are_partners() -> None:
    text = "Depuis 2020, Maison Orge et la Ligue Verte œuvrent ensemble pour ouvrir un lieu."
    found = _links(text, [_m(text, "Maison Orge"), _m(text, "Ligue Verte")])
    assert found == {("partner-of", "Maison Orge", "Ligue Verte")}
    text = "Terre Brune et Atelier Sable concluent une convention pour trois ans."
    found = _links(text, [_m(text, "Terre Brune"), _m(text, "Atelier Sable")])
    assert found == {("partner-of", "Terre Brune", "Atelier Sable")}


def test_each_two_co_organisers_are_partners() -> None:
    text = (
        "Dans le cadre du mois de l'ESS, la Maison Orge, Atelier Sable (AS) et le Centre Lin "
        "ont organisé une journée de rencontres."
    )
    names = ("Maison Orge", "Atelier Sable", "Centre Lin")
    found = _links(text, [_m(text, n) for n in names])
    assert found == {
        ("partner-of", "Maison Orge", "Atelier Sable"),
        ("partner-of", "Maison Orge", "Centre Lin"),
        ("partner-of", "Atelier Sable", "Centre Lin"),
    }


def test_a_fronted_participle_s_agents_link_the_subject_after_its_typing_phrase() -> None:
    text = (
        "Financée par la Fondation Orme, le Fonds Gris et Terre Vive, la plateforme Mobilis ouvre."
    )
    names = ("Fondation Orme", "Fonds Gris", "Terre Vive", "Mobilis")
    found = _links(text, [_m(text, n) for n in names])
    assert found == {("funded-by", "Mobilis", n) for n in names[:3]}
    text = "Imaginé et porté par l'Agglo Verte, le tiers-lieu Le Quai ouvre en juin."
    found = _links(text, [_m(text, "Agglo Verte"), _m(text, "Le Quai")])
    assert found == {("carries", "Agglo Verte", "Le Quai")}


def test_a_list_after_a_colon_gives_one_link_per_item() -> None:
    text = (
        "Le Fonds Horizon a financé les structures suivantes :\n"
        "- Atelier Lune, basé à Lens\n"
        "- Cuisine Mobile, pour un projet de 2 000 euros\n"
        "\nAutre chose."
    )
    names = ("Fonds Horizon", "Atelier Lune", "Cuisine Mobile")
    found = _links(text, [_m(text, n) for n in names])
    assert found == {
        ("funded-by", "Atelier Lune", "Fonds Horizon"),
        ("funded-by", "Cuisine Mobile", "Fonds Horizon"),
    }


def test_a_fronted_support_phrase_links_the_organisation_after_it() -> None:
    text = "Avec le soutien de la Fondation Cèdre, Atelier Nord a ouvert une boutique."
    found = _links(text, [_m(text, "Fondation Cèdre"), _m(text, "Atelier Nord")])
    assert found == {("funded-by", "Atelier Nord", "Fondation Cèdre")}


def test_an_intermediary_after_a_fronted_phrase_is_not_its_subject() -> None:
    text = (
        "Terre Vive ouvre. Terre Vive recrute. L'appui de l'Etat, par l'intermédiaire de la "
        "Banque Alpha, devrait nous aider."
    )
    mentions = [_m(text, "Terre Vive"), _m(text, "Terre Vive", nth=1)]
    mentions += [_m(text, "Etat"), _m(text, "Banque Alpha")]
    assert _links(text, mentions) == {
        ("funded-by", "Terre Vive", "Etat"),
        ("funded-by", "Terre Vive", "Banque Alpha"),
    }


def test_a_bracketed_example_is_not_the_subject() -> None:
    text = (
        "Les réseaux d'accompagnement (Relais Est, Boussole) et du financement de ces"
        " projets (Caisse Une, Fonds Deux)."
    )
    names = ("Relais Est", "Boussole", "Caisse Une", "Fonds Deux")
    assert _links(text, [_m(text, n) for n in names]) == set()


def test_the_main_organisation_among_the_objects_is_not_the_subject() -> None:
    text = (
        "Atelier Soleil ouvre. Atelier Soleil recrute.\n"
        "Une réunion animée par la Ville Haute et Atelier Soleil sur le Plan Vert."
    )
    mentions = [
        _m(text, "Atelier Soleil"),
        _m(text, "Atelier Soleil", nth=1),
        _m(text, "Ville Haute"),
        _m(text, "Atelier Soleil", nth=2),
        _m(text, "Plan Vert"),
    ]
    assert _links(text, mentions) == set()


def test_a_member_of_clause_about_a_person_is_no_link() -> None:
    text = "Chercheuse à l'Institut Bleu, membre de la Chaire Verte\n"
    mentions = [_m(text, "Institut Bleu"), _m(text, "Chaire Verte")]
    assert _links(text, mentions) == set()


def test_a_pronoun_subject_takes_the_main_organisation() -> None:
    filler = " Le lieu a ouvert ses portes au printemps, avec un jardin." * 10
    text = (
        "La Communauté Val Clair présente sa politique. La Communauté Val Clair recrute."
        + filler
        + "\nHier, elle a signé une convention de partenariat avec le Réseau Sud et Fonds Est."
    )
    mentions = [
        _m(text, "Communauté Val Clair"),
        _m(text, "Communauté Val Clair", nth=1),
        _m(text, "Réseau Sud"),
        _m(text, "Fonds Est"),
    ]
    assert _links(text, mentions) == {
        ("partner-of", "Communauté Val Clair", "Réseau Sud"),
        ("partner-of", "Communauté Val Clair", "Fonds Est"),
    }
    # in a long text, no pronoun and the main organisation named long before: no subject
    long_text = text.replace(filler, filler * 12).replace("elle a", "on a")
    mentions = [
        _m(long_text, "Communauté Val Clair"),
        _m(long_text, "Communauté Val Clair", nth=1),
        _m(long_text, "Réseau Sud"),
        _m(long_text, "Fonds Est"),
    ]
    assert _links(long_text, mentions) == set()


def test_a_support_cue_inside_a_longer_phrase_is_no_funding() -> None:
    text = "La Ville Rose agit, avec en soutien de la démarche l'Atelier Gris."
    assert _links(text, [_m(text, "Ville Rose"), _m(text, "Atelier Gris")]) == set()


def _roles(text: str, mentions: list[Mention]) -> set[tuple[str, str]]:
    return {(r.subject.text, r.object.text) for r in general_roles(text, mentions)}


def test_a_title_first_role_before_a_civility() -> None:
    text = "Une impulsion donnée par le président de la Métropole Ouest, M. Paul Lenoir, suffit."
    mentions = [_m(text, "Métropole Ouest"), _m(text, "Paul Lenoir", "person")]
    assert _roles(text, mentions) == {("Paul Lenoir", "Métropole Ouest")}


def test_a_role_at_a_lower_case_name_before_its_acronym() -> None:
    text = "Selon Ana Vidal, la directrice de la caisse régionale des coopératives (CRC). Voilà."
    mentions = [_m(text, "CRC"), _m(text, "Ana Vidal", "person")]
    assert _roles(text, mentions) == {("Ana Vidal", "CRC")}


def test_coordinated_people_share_a_plural_title() -> None:
    text = "Étaient là Lise Caron et Marc Petit, conseillers départementaux du Département Est."
    mentions = [
        _m(text, "Lise Caron", "person"),
        _m(text, "Marc Petit", "person"),
        _m(text, "Département Est"),
    ]
    assert _roles(text, mentions) == {
        ("Lise Caron", "Département Est"),
        ("Marc Petit", "Département Est"),
    }


def test_a_title_with_its_remit_before_the_organisation() -> None:
    text = (
        "Étaient présents Lina Morel, vice-présidente en charge du sport, de la culture et"
        " de l'ESS au Conseil départemental du Val Doré, et d'autres."
    )
    mentions = [
        _m(text, "Lina Morel", "person"),
        _m(text, "Conseil départemental du Val Doré"),
    ]
    assert _roles(text, mentions) == {("Lina Morel", "Conseil départemental du Val Doré")}


def test_an_elected_office_goes_to_the_body_of_its_level() -> None:
    text = (
        "Le conseil départemental du Val Doré et la communauté de communes des Prés"
        " accueillent la visite. Étaient là Paul Roy, conseiller départemental du canton."
    )
    mentions = [
        _m(text, "conseil départemental du Val Doré"),
        _m(text, "communauté de communes des Prés"),
        _m(text, "Paul Roy", "person"),
    ]
    found = {(r.subject.text, r.object.text) for r in context_roles(text, mentions, [])}
    assert found == {("Paul Roy", "conseil départemental du Val Doré")}


def test_a_titled_person_takes_no_role_from_the_paragraph() -> None:
    text = (
        "L'association Terre Vive ouvre ses portes. Selon Léa Blanc, directrice de la"
        " Fondation Cèdre, tout va bien."
    )
    mentions = [
        _m(text, "Terre Vive"),
        _m(text, "Léa Blanc", "person"),
        _m(text, "Fondation Cèdre"),
    ]
    known = general_roles(text, mentions)
    assert {(r.subject.text, r.object.text) for r in known} == {("Léa Blanc", "Fondation Cèdre")}
    assert context_roles(text, mentions, known) == []


def test_a_title_after_a_comma_is_not_the_title_of_the_next_name() -> None:
    # the first name was not found as a person: its title is not Paul Simon's
    text = "Devant Marie Xy, vice-présidente de la Ligue Verte, Paul Simon, maire, a parlé."
    found = general_roles(text, [_m(text, "Paul Simon", "person"), _m(text, "Ligue Verte")])
    assert found == []
    text = "La vice-présidente de la Ligue Verte, Marie Xy, a parlé."
    found = general_roles(text, [_m(text, "Marie Xy", "person"), _m(text, "Ligue Verte")])
    assert [(r.subject.text, r.object.text) for r in found] == [("Marie Xy", "Ligue Verte")]


def test_an_organisation_noun_as_subject_stands_for_the_main_organisation() -> None:
    text = (
        "La Ferme Bleue fête ses dix ans. La Ferme Bleue emploie vingt salariés en insertion "
        "et vend ses légumes au marché. Elle ouvre aussi une boutique en centre-ville, près "
        "de la gare, avec des horaires élargis pour les familles du quartier et les écoles. "
        "Les bénévoles y tiennent un atelier de cuisine chaque semaine, et les salariés "
        "accueillent des stagiaires venus de tout le bassin, parfois de très loin. "
        "Le samedi, un repas partagé réunit les voisins autour d'une table dressée dehors. "
        "Depuis 2020, la structure est membre du Réseau Sillon, et le chantier est "
        "conventionné par la Caisse Verte."
    )
    mentions = [
        _m(text, "Ferme Bleue"),
        _m(text, "Ferme Bleue", nth=1),
        _m(text, "Réseau Sillon"),
        _m(text, "Caisse Verte"),
    ]
    found = _links(text, mentions)
    assert ("member-of", "Ferme Bleue", "Réseau Sillon") in found


def test_a_named_list_after_a_colon_belongs_to_the_organisation_before_it() -> None:
    text = "Les partenaires de l'association Terre Vive : Arc Bleu, Cap Sud et Vélocité."
    names = ("Terre Vive", "Arc Bleu", "Cap Sud", "Vélocité")
    found = _links(text, [_m(text, n) for n in names])
    assert found == {("partner-of", "Terre Vive", n) for n in names[1:]}
    # members listed after the network: they are its members
    text = "Les membres du réseau Terre Vive : Arc Bleu et Cap Sud."
    found = _links(text, [_m(text, n) for n in names[:3]])
    assert found == {("member-of", n, "Terre Vive") for n in names[1:3]}


def test_a_short_texts_main_organisation_is_the_subject_of_a_cue_far_from_it() -> None:
    text = (
        "Atelier Gris ouvre un lieu. Atelier Gris répare des vélos. "
        + "Les bénévoles accueillent les habitants chaque semaine. " * 8
        + "Le projet est soutenu par la Fondation Orge."
    )
    mentions = [
        _m(text, "Atelier Gris"),
        _m(text, "Atelier Gris", nth=1),
        _m(text, "Fondation Orge"),
    ]
    assert _links(text, mentions) == {("funded-by", "Atelier Gris", "Fondation Orge")}
    # in a long text (a plan, a report), only when named shortly before the cue
    long_text = text.replace("Le projet", "Plus loin. " * 600 + "Le projet")
    mentions = [
        _m(long_text, "Atelier Gris"),
        _m(long_text, "Atelier Gris", nth=1),
        _m(long_text, "Fondation Orge"),
    ]
    assert _links(long_text, mentions) == set()


def _titled_roles(text: str, mentions: list[Mention]) -> set[tuple[str, str, str | None]]:
    return {(r.subject.text, r.object.text, r.role) for r in general_roles(text, mentions)}


def test_a_title_of_the_association_is_held_at_the_main_organisation() -> None:
    text = (
        "Atelier Gris ouvre. Atelier Gris répare des vélos. « On aime ça », dit Léa Morel, "
        "encadrante du chantier. Paul Roy, président de l'association, approuve."
    )
    mentions = [
        _m(text, "Atelier Gris"),
        _m(text, "Atelier Gris", nth=1),
        _m(text, "Léa Morel", "person"),
        _m(text, "Paul Roy", "person"),
    ]
    assert _titled_roles(text, mentions) == {
        ("Léa Morel", "Atelier Gris", "encadrante"),
        ("Paul Roy", "Atelier Gris", "président"),
    }


def test_a_title_of_a_named_association_is_not_the_main_ones() -> None:
    text = (
        "Atelier Gris ouvre. Atelier Gris répare. Paul Roy, président de l'association "
        "voisine Les Amis du Parc, approuve."
    )
    mentions = [
        _m(text, "Atelier Gris"),
        _m(text, "Atelier Gris", nth=1),
        _m(text, "Paul Roy", "person"),
        _m(text, "Les Amis du Parc"),
    ]
    assert ("Paul Roy", "Atelier Gris", "président") not in _titled_roles(text, mentions)


def test_funding_cues_of_grants_loans_and_awards() -> None:
    text = "Locus a touché 42 000 euros, abondés par la Région Sud et la Fondation Orme."
    names = ("Locus", "Région Sud", "Fondation Orme")
    found = _links(text, [_m(text, n) for n in names])
    assert found == {("funded-by", "Locus", "Région Sud"), ("funded-by", "Locus", "Fondation Orme")}
    text = "Locus a complété son budget par des emprunts auprès de Fonds Gris."
    found = _links(text, [_m(text, "Locus"), _m(text, "Fonds Gris")])
    assert found == {("funded-by", "Locus", "Fonds Gris")}
    text = "La Fondation Orme a récompensé Terre Brune pour son atelier."
    found = _links(text, [_m(text, "Fondation Orme"), _m(text, "Terre Brune")])
    assert found == {("funded-by", "Terre Brune", "Fondation Orme")}


def test_a_tie_between_coordinated_bodies() -> None:
    text = "Le rapprochement entre la recyclerie Terre Brune et Atelier Sable a été voté."
    found = _links(text, [_m(text, "Terre Brune"), _m(text, "Atelier Sable")])
    assert found == {("partner-of", "Terre Brune", "Atelier Sable")}
    text = "Une convention signée entre Maison Orge, Atelier Sable et Centre Lin."
    names = ("Maison Orge", "Atelier Sable", "Centre Lin")
    found = {f[1:] for f in _links(text, [_m(text, n) for n in names])}
    assert found >= {("Maison Orge", "Atelier Sable"), ("Atelier Sable", "Centre Lin")}


def test_a_later_cue_in_a_relative_clause_has_its_own_subject() -> None:
    text = (
        "L'atelier est géré par l'association Terre Ambre, qui s'occupe notamment des "
        "ressourceries Pain Doré et Vélo Bleu."
    )
    names = ("Terre Ambre", "Pain Doré", "Vélo Bleu")
    found = _links(text, [_m(text, n) for n in names])
    assert {
        ("carries", "Terre Ambre", "Pain Doré"),
        ("carries", "Terre Ambre", "Vélo Bleu"),
    } <= found
