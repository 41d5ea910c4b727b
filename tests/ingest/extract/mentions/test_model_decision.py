"""The organisation decision for names the model tags ORG, on invented sentences."""

from __future__ import annotations

from pathlib import Path

import pytest

from ingest.extract.mentions.gazetteers import Gazetteers, load_gazetteers
from ingest.extract.mentions.model_decision import (
    model_organisation,
    repeated_names,
    runs_into_clause,
)

REPO = Path(__file__).resolve().parents[4]


@pytest.fixture(scope="module")
def gaz() -> Gazetteers:
    return load_gazetteers(REPO / "data")


def _decide(text: str, name: str, gaz: Gazetteers, repeated: bool = False) -> bool:
    start = text.index(name)
    return model_organisation(text, start, start + len(name), gaz, repeated=repeated)


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("Le projet a le soutien de Solidarité Textile Picarde.", "Solidarité Textile Picarde"),
        ("Le projet est soutenu par Vélo Cité Nord et la mairie.", "Vélo Cité Nord"),
        ("Il travaille avec Vélo Cité Nord depuis mai.", "Vélo Cité Nord"),
        ("Le GRAVIR finance la rénovation.", "GRAVIR"),
        ("Les Cré'Actifs accueillent le public.", "Cré'Actifs"),
        # a single word no dictionary holds, named once
        ("Merci à Brivelune pour tout.", "Brivelune"),
    ],
)
def test_names_of_organisations_are_kept(text: str, name: str, gaz: Gazetteers) -> None:
    assert _decide(text, name, gaz)


@pytest.mark.parametrize(
    ("text", "name"),
    [
        # a common noun of the document written with a capital
        ("La Solidarité compte. La solidarité est partout.", "Solidarité"),
        # a topic, a title, a cut-off name, a scheme
        ("Elle parle d'Économie circulaire.", "Économie circulaire"),
        ("Le Président du Conseil des Sages parle.", "Président du Conseil des Sages"),
        ("Le Comité territorial de la ville se réunit.", "Comité territorial de la"),
        ("Le travail de la Régie verte de s", "Régie verte de s"),
        ("Le CDDI est signé.", "CDDI"),
        ("Un AAP Tiers-lieux est ouvert.", "AAP Tiers-lieux"),
        # a person's name, a territory
        ("Jeanne Morel est venue.", "Jeanne Morel"),
        ("Elle vit dans le Pas-de-Calais.", "Pas-de-Calais"),
        # an event in apposition, the expansion of a scheme's acronym
        ("L'événement phare du club, Rencontres Vertes a réuni 80 personnes.", "Rencontres Vertes"),
        ("Le plan AGIR (pour Bouger Ensemble Demain) est lancé.", "Bouger Ensemble Demain"),
        # a single capitalised word seen once
        ("Merci à Bienvenue pour tout.", "Bienvenue"),
        # a body's organ, a legal form alone
        ("Le Conseil d'Administration s'est réuni.", "Conseil d'Administration"),
        ("Elle a rejoint la Société Coopérative en mai.", "Société Coopérative"),
    ],
)
def test_other_names_are_dropped(text: str, name: str, gaz: Gazetteers) -> None:
    assert not _decide(text, name, gaz)


def test_a_single_word_the_model_tags_twice_is_a_name(gaz: Gazetteers) -> None:
    text = "Merci à Bienvenue pour tout."
    assert _decide(text, "Bienvenue", gaz, repeated=True)


def test_repeated_names_counts_org_entities_only() -> None:
    text = "Alpha et Alpha et Beta"
    entities = [(0, 5, "ORG"), (9, 14, "ORG"), (18, 22, "ORG"), (18, 22, "PER")]
    assert repeated_names(text, entities) == frozenset({"Alpha"})


def _decide_head(text: str, name: str, gaz: Gazetteers, repeated: bool = False) -> bool:
    start = text.index(name)
    return model_organisation(
        text, start, start + len(name), gaz, repeated=repeated, trust_head=False
    )


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("Le projet est mené avec la Fondation Terre Solide.", "Fondation Terre Solide"),
        ("L'Union des Jardins Partagés recrute.", "Union des Jardins Partagés"),
        ("Elle a rejoint la Mutuelle des Cheminots du Val.", "Mutuelle des Cheminots du Val"),
    ],
)
def test_a_head_word_name_named_once_is_kept_by_its_context(
    text: str, name: str, gaz: Gazetteers
) -> None:
    assert _decide_head(text, name, gaz)


@pytest.mark.parametrize(
    ("text", "name"),
    [
        # a kind of organisation after an indefinite article
        ("Il a créé un Club régional d'entreprises engagées.", "Club régional d'entreprises"),
        ("Voici la toute première Association pour le bien commun.", "Association pour le bien"),
        # a common noun phrase of the document written with a capital
        ("Le Réseau social aide. Un réseau social est utile.", "Réseau social"),
        # a name and its gloss, a function
        ("Le PHARE - association du bassin aide.", "PHARE - association"),
        ("La Direction des entreprises répond.", "Direction des entreprises"),
        # an acronym seen once
        ("Le FIDOU finance la rénovation.", "FIDOU"),
    ],
)
def test_a_head_word_name_named_once_can_be_dropped_by_its_context(
    text: str, name: str, gaz: Gazetteers
) -> None:
    assert not _decide_head(text, name, gaz)
    assert _decide_head(text, name, gaz, repeated=True) == (name == "FIDOU")


@pytest.mark.parametrize(
    ("name", "clause"),
    [
        ("Département finance deux postes", True),
        ("Ville prête les salles", True),
        ("Mon P'tit coup de pouce", False),
        ("Agence pour le développement régional des entreprises solidaires", False),
        ("Tiers-lieu des transitions", False),
    ],
)
def test_a_span_running_into_a_verb_and_its_object(name: str, clause: bool) -> None:
    assert runs_into_clause(name) is clause
    assert not (clause and _decide(f"Hier, le {name}.", name, load_gazetteers(REPO / "data")))
