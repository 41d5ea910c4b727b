"""Founding years stated next to an organisation, on invented sentences."""

from __future__ import annotations

import pytest

from ingest.extract.mentions.names import Mention
from ingest.extract.relate.changes import changes


def _org(text: str, name: str) -> Mention:
    start = text.index(name)
    return Mention(start, start + len(name), "organisation", name)


def _founded(text: str, *names: str) -> set[tuple[str, int | None]]:
    found = changes(text, [_org(text, n) for n in names])
    return {(r.subject.text, r.start_year) for r in found if r.kind == "founded"}


@pytest.mark.parametrize(
    ("text", "name", "year"),
    [
        ("Les Jardins Unis, créés en 2004, recrutent.", "Les Jardins Unis", 2004),
        ("Vélo Vert, qui existe depuis 1998, ouvre un atelier.", "Vélo Vert", 1998),
        (
            "« Nous avons fondé l'association Pain Partagé en 2011 », dit-elle.",
            "Pain Partagé",
            2011,
        ),
        ("Depuis sa création en 2013, le Réseau Bleu réunit les acteurs.", "Réseau Bleu", 2013),
        ("Terre Vive a vu le jour en 2016 dans un garage.", "Terre Vive", 2016),
        ("À Guise, Terre Vive a ouvert ses portes en novembre 2011.", "Terre Vive", 2011),
        ("Terre Vive forme, depuis sa création en 2009, des jeunes.", "Terre Vive", 2009),
        ("Fondée en 2012 à Guise, Terre Vive recrute.", "Terre Vive", 2012),
        ("Créée en 2018, Terre Vive recrute.", "Terre Vive", 2018),
    ],
)
def test_a_founding_year_next_to_the_name(text: str, name: str, year: int) -> None:
    assert _founded(text, name) == {(name, year)}


def test_a_founding_year_before_a_demonstrative_is_the_last_organisation_named() -> None:
    text = "L'Atelier du Lin fête ses trente ans. Née en mars 1994, cette recyclerie grandit."
    assert _founded(text, "Atelier du Lin") == {("Atelier du Lin", 1994)}


def test_a_year_after_a_name_without_a_founding_verb_is_not_a_founding() -> None:
    text = "Nous avons rencontré Pain Partagé en 2011 à Lyon."
    assert _founded(text, "Pain Partagé") == set()


def test_a_year_first_and_a_name_in_another_sentence_is_not_a_founding() -> None:
    text = "Depuis sa création en 2013, le projet avance. Le Réseau Bleu suit."
    assert _founded(text, "Réseau Bleu") == set()


def test_a_founding_participle_before_a_pronoun_is_the_text_s_organisation() -> None:
    def named_twice(text: str) -> list[Mention]:
        second = text.index("Pain Partagé", text.index("Pain Partagé") + 1)
        return [
            _org(text, "Pain Partagé"),
            Mention(second, second + 12, "organisation", "Pain Partagé"),
        ]

    text = "L'association Pain Partagé recrute. Pain Partagé forme. Créée en 1988, elle aide."
    found = {(r.subject.text, r.start_year) for r in changes(text, named_twice(text))}
    assert found == {("Pain Partagé", 1988)}
    text = "L'association Pain Partagé recrute. Pain Partagé forme. Née en 1975, elle y travaille."
    assert changes(text, named_twice(text)) == []


@pytest.mark.parametrize(
    ("text", "name", "year"),
    [
        ("Fondés par Paul Roy en 1985, les Jardins Unis recrutent.", "Jardins Unis", 1985),
        ("Ouverte début 2022, l'épicerie Pain Partagé accueille tous.", "Pain Partagé", 2022),
        ("Depuis son ouverture en 1997, « Terre Vive » accueille.", "Terre Vive", 1997),
        ("Un collectif a fondé en mars 2023 le tiers lieu Terre Vive.", "Terre Vive", 2023),
    ],
)
def test_more_shapes_of_a_founding_year(text: str, name: str, year: int) -> None:
    assert _founded(text, name) == {(name, year)}


def test_a_kind_of_organisation_founded_is_the_text_s_own() -> None:
    text = "Terre Vive recrute. Terre Vive forme. La coopérative se crée en 2014 à Guise."
    second = text.index("Terre Vive", 1)
    mentions = [
        _org(text, "Terre Vive"),
        Mention(second, second + 10, "organisation", "Terre Vive"),
    ]
    found = {(r.subject.text, r.start_year) for r in changes(text, mentions) if r.kind == "founded"}
    assert found == {("Terre Vive", 2014)}
