"""Names where the sentence takes an organisation (rule ``cued-name``), on invented sentences."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from ingest.extract.mentions.cued_names import cued_names
from ingest.extract.mentions.document import Document
from ingest.extract.mentions.gazetteers import load_gazetteers
from ingest.extract.segment.normalise import normalise

REPO = Path(__file__).resolve().parents[4]


def _cued(text: str, nlp: Any = None) -> list[str]:
    doc = Document(normalise(text), nlp, gazetteers=load_gazetteers(REPO / "data"))
    return [m.text for m in cued_names(doc)]


@pytest.mark.parametrize(
    ("text", "names"),
    [
        ("Il travaille avec la Ruche Verte depuis mai.", ["Ruche Verte"]),
        ("Avec l'appui de Terre Commune, la mairie a créé un jardin.", ["Terre Commune"]),
        ("Grâce à Trois Petits Pas, le quartier respire.", ["Trois Petits Pas"]),
        ("Le chantier adhère à Cap Vers Demain depuis mai.", ["Cap Vers Demain"]),
        # any past participle before "par", and the names coordinated after it
        (
            "Le local est labellisé par la Ruche Verte, Cap Demain et Bois Joli.",
            ["Ruche Verte", "Cap Demain", "Bois Joli"],
        ),
        # a phrase said of organisations after the name
        ("Les Petits Potagers, membre du réseau, ont ouvert un local.", ["Les Petits Potagers"]),
        ("En 2019, Cap Vers Demain a rejoint le groupement.", ["Cap Vers Demain"]),
        # after an example word, a coined word named once
        ("Trois coopératives, dont Brivelune, basée à Guise, ont signé.", ["Brivelune"]),
        # an acronym named once, governed by a cue
        ("Le chantier travaille avec l'UDIFA depuis mai.", ["UDIFA"]),
        # a role title and its preposition: the name is the body the person serves
        ("Il cite Lina Marrot, directrice de La Fabrique Verte.", ["La Fabrique Verte"]),
        (
            "Claire Vasse, ancienne présidente de Terres d'Envies, siège au conseil.",
            ["Terres d'Envies"],
        ),
        ("Paul Henrion est coordinateur de Vélo Bonheur depuis mai.", ["Vélo Bonheur"]),
        ("Elle est chargée de mission à la Maison Ouverte.", ["Maison Ouverte"]),
        ("Il est l'un des fondateurs du Jardin Partagé.", ["Jardin Partagé"]),
        ("l'un des fondateurs du Cowork Xville raconte", ["Cowork Xville"]),
        ("Le président d'Aube Verte et de Cap Marais a signé.", ["Aube Verte", "Cap Marais"]),
        # a verb of running or founding a body, the seat of a body
        ("Sophie Marchand, qui dirige Envie Verte, insiste sur la formation.", ["Envie Verte"]),
        ("Le siège de Coop Sud est situé à Hirson.", ["Coop Sud"]),
        # a name settled somewhere, a name and its commune in brackets
        ("Les Ateliers Verts, installés à Chauny, recrutent.", ["Les Ateliers Verts"]),
        ("Le Grenier Vert (Abbeville) organise une braderie samedi.", ["Le Grenier Vert"]),
        # one capitalised word after a title, when no dictionary holds it: a coined name
        ("Selon Lina Marrot, directrice de Brivelune, le local ouvre.", ["Brivelune"]),
        # a person, then the body the person speaks for in brackets
        ("Arnaud Besson (Tralivo) a présenté le projet.", ["Tralivo"]),
        # lower-case words up to the end of the clause after a title
        ("Hervé Lamy, délégué régional de Scop nord, salue le projet.", ["Scop nord"]),
        ("Selon Marc Tillet, président de Laon nature initiatives.", ["Laon nature initiatives"]),
        ("Le délégué régional des Scop du Nord sera, jeudi, à Laon.", ["Scop du Nord"]),
        # a name in quotes, subject of a verb said of organisations
        ("Depuis 1997, « Le Bon accueil » remplit sa mission.", ["Le Bon accueil"]),
        # a new or a former name, the names a merger joined
        ("Elle a quitté Fortil (devenu Cap Sorel) en mai.", ["Cap Sorel"]),
        ("Ardoise (ex-Atelier Brume) recrute.", ["Atelier Brume"]),
        (
            "Le Grelot résulte de la fusion du Tinto et de la Varlope.",
            ["Tinto", "Varlope"],
        ),
        # the model tags a person, but the name opens with no given name
        (
            "Avec le soutien de Solidarité Textile Rurale, ils trient.",
            ["Solidarité Textile Rurale"],
        ),
    ],
)
def test_a_name_where_the_sentence_takes_an_organisation(
    nlp: Any, text: str, names: list[str]
) -> None:
    assert _cued(text, nlp) == names


@pytest.mark.parametrize(
    "text",
    [
        # people the model recognises, places, titles, topics, days
        "Elle a discuté avec Jean-Pierre Martinot hier.",
        "Le trajet entre Lille et Lens passe par Arras.",
        "Il est venu avec Madame la Maire et avec le Président.",
        "Le projet est soutenu par la Commission permanente.",
        # the rest of a list once one item is not a name; an upper-case heading
        "Le lien avec l'ESS, Bois Joli et Cap Demain est fort.",
        "LE LIEN ENTRE ACTEURS DE L'ESS\nVotes",
        # a kind of organisation after an indefinite article
        "Elle a travaillé avec une Association de quartier.",
        # one capitalised word after a title is the short form of a longer name
        "Il salue la directrice de l'Office et son équipe.",
        # a name and a word that is no commune in brackets; a person and a place in brackets
        "Le Grenier Vert (association) organise une braderie samedi.",
        "Arnaud Besson (Arras) a présenté le projet.",
        "Arnaud Besson (Crédit Photo) a présenté le projet.",
        # an elected office names a territory, not a body
        "Elle est maire de Vieux Moulin et conseillère de Bois Joli.",
    ],
)
def test_other_capitalised_words_after_a_cue_are_no_name(nlp: Any, text: str) -> None:
    assert _cued(text, nlp) == []


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.text(alphabet=st.sampled_from(list("AbV éet,.«» avec par membre deL'\n")), max_size=80))
def test_cued_names_never_crash_and_stay_in_the_text(text: str) -> None:
    doc = Document(normalise(text), None, gazetteers=load_gazetteers(REPO / "data"))
    for m in cued_names(doc):
        assert 0 <= m.start < m.end <= len(doc.text)
        assert doc.text[m.start : m.end] == m.text


def test_an_elided_article_and_a_common_noun_is_no_name(nlp: Any) -> None:
    text = "L'association, adhérente du réseau, travaille avec Cap Vers Demain."
    assert _cued(text, nlp) == ["Cap Vers Demain"]
