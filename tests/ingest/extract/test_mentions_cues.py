"""Organisations a cue announces: a typing word, quotes, a maker, a role, a partnership, an
example, a bracketed list, a local structure's common noun. Invented sentences."""

from ingest.extract.mentions.structural import model_mentions, typed_phrases


def names(text: str) -> list[str]:
    return sorted({m.text for m in typed_phrases(text)})


def test_a_name_in_quotes_after_a_typing_word() -> None:
    assert "Les Voisins Unis" in names('Elle lance un collectif "Les Voisins Unis" cet hiver.')
    assert "La Boulangère" in names("création de la première EBE « La Boulangère » en mai")
    assert "La Table Ronde" in names("un restaurant nommé « La Table Ronde » ouvre")


def test_a_quoted_name_after_a_naming_participle_opening_the_sentence() -> None:
    assert "Mon P'tit Panier" in names("Baptisée \"Mon P'tit Panier\", l'épicerie ouvre.")


def test_a_quoted_name_followed_by_what_it_is() -> None:
    assert "Chez Zaza" in names("elle ouvre « Chez Zaza », un tiers-lieu de quartier")


def test_a_maker_a_founder_and_a_partner() -> None:
    assert "Le Tisserand" in names("un isolant fabriqué par Le Tisserand, à base de laine")
    # a founder: a role title of the lexicon (rule cued-name, tests/…/mentions/test_cued_names.py)
    found = names("en partenariat avec la Ligue des Arts et l'Union Xoise, explique-t-il")
    assert "Ligue des Arts" in found
    assert "Union Xoise" in found


def test_two_carriers_joined_by_et_are_two_names() -> None:
    found = names("une journée animée par la CAXV et l'Abeille, au printemps")
    assert "CAXV" in found
    assert "Abeille" in found
    assert not any(" et " in n for n in found)


def test_an_example_of_a_class_of_organisations() -> None:
    assert "Terre de Liens" in names("des structures comme Terre de Liens se développent")


def test_the_items_of_a_bracketed_list_of_organisations() -> None:
    found = names("le financement des projets (Fonds Xois, Les Fourmis et BDX).")
    assert {"Fonds Xois", "Les Fourmis", "BDX"} <= set(found)
    assert names("des acteurs (moyens, Compétences, Temps)") == []


def test_a_local_structure_named_by_its_noun_and_its_place() -> None:
    assert "centre social de Xbourg" in names("Portée par le centre social de Xbourg, l'épicerie")
    assert "Garage solidaire du Xois" in names("comme le Garage solidaire du Xois, les AMAP")
    assert names("un centre social de l'Xois nous a rejoint") == []


def test_cues_do_not_announce_people_programmes_or_concepts() -> None:
    assert names("un projet porté par Jeanne Xavier depuis") == []
    assert names("la création du Diplôme universitaire en 1995") == []
    assert names("les fondateurs de la SCIC ont voté") == []


def test_a_model_entity_joining_two_names_is_split() -> None:
    text = "avec la Fédération Xoise et la Maison des Yois, explique"
    start = text.index("Fédération")
    end = text.index(", explique")
    found = {m.text for m in model_mentions(text, [], [(start, end, "ORG")])}
    assert found == {"Fédération Xoise", "Maison des Yois"}


def test_a_directory_heading_its_paragraph_repeats() -> None:
    from ingest.extract.mentions.structural import title_lines
    from ingest.extract.segment.lines import segment

    text = (
        "## Structures\n\n#### La Ressourcerie Xoise\n\nLa ressourcerie xoise collecte des "
        "objets.\n\n#### Visibilité et lisibilité\n\nLa visibilité compte.\n"
    )
    found = {m.text for m in title_lines(text, segment(text))}
    assert "La Ressourcerie Xoise" in found or "Ressourcerie Xoise" in found
    assert not any("Visibilité" in n for n in found)
