"""Kind and legal form of an organisation: read from its names, else from a typing word next
to one of its occurrences. Invented names and sentences."""

from ingest.extract.classify.kinds import legal_form, organisation_kind, typed_in_context


def test_an_acronym_is_typed_by_its_expansion() -> None:
    names = ["FCSX", "Association des Centres Sociaux de la Région de Xville"]
    assert legal_form(names) == "association"
    assert organisation_kind(names) == "network"


def test_a_collective_of_networks_is_a_network() -> None:
    assert organisation_kind("Collectif de réseaux pour la culture") == "network"
    assert organisation_kind("Collectif des habitants") == "collective"


def test_collectivities_by_their_names() -> None:
    assert legal_form("Ville de Xbourg") == "commune"
    assert organisation_kind("Ville de Xbourg") == "administration"
    assert legal_form("Xbourg Métropole") == "epci"
    assert legal_form("Région Grand Xest") == "region"
    assert legal_form("Conseil départemental du Xord") == "departement"


def test_a_district_centre_is_not_a_town_hall() -> None:
    assert legal_form("Maison de quartier Centre Ville de Xbourg") is None
    assert organisation_kind("Maison de quartier Centre Ville de Xbourg") is None


def test_names_that_look_typed_but_are_not() -> None:
    assert legal_form("Université Populaire de Xbourg") is None
    assert organisation_kind("Université Populaire de Xbourg") is None
    assert legal_form("Conseil de développement de Xbourg Métropole") is None
    assert organisation_kind("Conseil de développement de Xbourg Métropole") == "governance-body"


def test_chambers_clusters_and_third_places() -> None:
    assert organisation_kind("Chambre des Métiers du Xord") == "chamber"
    assert organisation_kind(["PXA", "Pôle Xois des Acteurs Réunis"]) == "cluster"
    assert organisation_kind("Tiers-lieu de la Gare") == "third-place"


def test_a_typing_word_before_an_occurrence() -> None:
    assert legal_form("Zorbak", ["le projet est porté par l'association "]) == "association"
    assert legal_form("Zorbak", ["lancée par la SCOP "]) == "scop"
    assert organisation_kind("Zorbak", ["un atelier du tiers-lieu "]) == "third-place"
    assert organisation_kind("Zorbak", ["ils ont monté le collectif « "]) == "collective"
    assert organisation_kind("Zorbak", ["création de la première EBE « "]) == "enterprise"


def test_a_typing_word_after_an_occurrence() -> None:
    assert legal_form("Zorbak", [], [" (SCIC) vend des paniers"]) == "scic"
    assert legal_form("Zorbak", [], [" est une association de quartier"]) == "association"
    assert legal_form("Zorbak", [], [" ou la SCOP qui répare"]) == "scop"
    assert organisation_kind("Zorbak", [], [", tiers-lieu culturel du centre"]) == "third-place"


def test_a_name_in_a_list_is_not_a_typing_word() -> None:
    after = [", Fondation des Amis, Caisse Xoise"]
    assert typed_in_context((), after) == (None, None)
    assert legal_form("Zorbak", ["financés par la Fondation "]) is None


def test_a_typing_word_far_from_the_name_says_nothing() -> None:
    assert legal_form("Zorbak", ["l'association a aidé le projet "]) is None
    assert legal_form("Zorbak", [], [" a rejoint une association"]) is None


def test_what_the_organisation_does_just_after_its_name() -> None:
    assert organisation_kind("Zorbak", [], [" accompagne les porteurs de projets"]) == (
        "support-structure"
    )
    assert organisation_kind("Zorbak", [], [" qui propose un financement à taux zéro"]) == "funder"
    assert organisation_kind("Zorbak", [], [" fédère 12 structures du territoire"]) == "network"
    assert organisation_kind("Zorbak", [], [" a rejoint des structures voisines"]) is None


def test_a_footnote_mark_after_the_typing_word() -> None:
    assert organisation_kind("Zorbak", ["la première EBE<sup>3</sup> « "]) == "enterprise"
    assert organisation_kind("Zorbak", ["la première EBE3 « "]) == "enterprise"


def test_the_class_a_name_is_an_example_or_a_list_item_of() -> None:
    window = "et du financement des projets (Fonds Xois, Les Fourmis, "
    assert organisation_kind("BDX", [window]) == "funder"
    assert organisation_kind("X", ["l'accompagnement des créateurs (Incub, "]) == (
        "support-structure"
    )
    assert organisation_kind("X", ["des PTCE comme "]) == "cluster"
    assert legal_form("X", ["des associations comme "]) == "association"
    assert organisation_kind("X", ["chercheuse en histoire au sein de la "]) == "research"
    assert organisation_kind("X", ["au sein de la "]) is None


def test_the_region_and_the_department_by_their_common_noun() -> None:
    assert organisation_kind("Région") == "administration"
    assert legal_form("Région") == "region"
    assert legal_form("Département") == "departement"
