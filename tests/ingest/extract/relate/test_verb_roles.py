"""Roles stated by a verb (rule ``role-verb``), on invented sentences: the person subject of
"diriger", "présider", "fonder"…, or the agent of their participle."""

from __future__ import annotations

from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from ingest.extract.mentions.document import Document
from ingest.extract.mentions.names import Mention
from ingest.extract.relate.verb_roles import verb_roles
from ingest.extract.segment.normalise import normalise


def _roles(nlp: Any, text: str, people: list[str], orgs: list[str]) -> set[tuple[Any, ...]]:
    doc = Document(normalise(text), nlp)
    mentions = []
    for kind, names in (("person", people), ("organisation", orgs)):
        for name in names:
            start = doc.text.index(name)
            mentions.append(Mention(start, start + len(name), kind, name))
    return {
        (r.subject.text, r.role, r.object.text, r.start_year)
        for r in verb_roles(doc.text, doc.sentences, mentions)
    }


@pytest.mark.parametrize(
    ("text", "person", "org", "want"),
    [
        (
            "Jean Lefort préside l'association Pas à Pas depuis 2018.",
            "Jean Lefort",
            "Pas à Pas",
            ("Jean Lefort", "président", "Pas à Pas", 2018),
        ),
        (
            # a typing phrase between the object and the name, which the model may cut off
            "Ancienne éducatrice, Anne Roux dirige depuis 2017 le chantier d'insertion "
            "Les Jardins de Xbourg, près de la gare.",
            "Anne Roux",
            "Les Jardins de Xbourg",
            ("Anne Roux", "directeur", "Les Jardins de Xbourg", 2017),
        ),
        (
            "Sophie Marchand, qui dirige Envie Verte, insiste sur la formation.",
            "Sophie Marchand",
            "Envie Verte",
            ("Sophie Marchand", "directeur", "Envie Verte", None),
        ),
        (
            "L'association Les Jardins du Marais est présidée par Hélène Corbin depuis 2021.",
            "Hélène Corbin",
            "Les Jardins du Marais",
            ("Hélène Corbin", "président", "Les Jardins du Marais", 2021),
        ),
        (
            # a demonym before the agent's name
            "L'association Terre Ambre, présidée par le Laonnois Paul Vasseur, recrute.",
            "Paul Vasseur",
            "Terre Ambre",
            ("Paul Vasseur", "président", "Terre Ambre", None),
        ),
        (
            "Créée par Paul Henrion en 2015, l'association Vélo Bonheur compte 200 adhérents.",
            "Paul Henrion",
            "Vélo Bonheur",
            ("Paul Henrion", "fondateur", "Vélo Bonheur", None),
        ),
        (
            "Marion Dufresne a fondé la SCIC Bois Partagé en 2019.",
            "Marion Dufresne",
            "Bois Partagé",
            ("Marion Dufresne", "fondateur", "Bois Partagé", None),
        ),
    ],
)
def test_a_verb_of_holding_a_role(
    nlp: Any, text: str, person: str, org: str, want: tuple[Any, ...]
) -> None:
    assert _roles(nlp, text, [person], [org]) == {want}


@pytest.mark.parametrize(
    ("text", "people", "orgs"),
    [
        # an organisation that carries another is no role
        ("La Fabrique Verte, fondée par Cap Sud, emploie 12 salariés.", [], ["La Fabrique Verte"]),
        # the person visits, the verb's object is not an organisation
        ("Jean Lefort dirige la visite de Pas à Pas.", ["Jean Lefort"], ["Pas à Pas"]),
    ],
)
def test_no_role_without_a_person_and_an_organisation_in_place(
    nlp: Any, text: str, people: list[str], orgs: list[str]
) -> None:
    assert _roles(nlp, text, people, orgs) == set()


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.text(alphabet=st.sampled_from(list("Ab éJ,.dirigeprésidéepar ")), max_size=60))
def test_verb_roles_never_crash(text: str) -> None:
    doc = Document(normalise(text), None)
    assert verb_roles(doc.text, doc.sentences, []) == []


def test_a_fronted_founding_whose_subject_is_a_common_noun(nlp: Any) -> None:
    text = (
        "La recyclerie Terre Vive recrute. Terre Vive collecte des meubles.\n\n"
        "Fondée en 2011 par Paul Morvan, aujourd'hui retraité, la structure compte 35 salariés."
    )
    doc = Document(normalise(text), nlp)
    first = doc.text.index("Terre Vive")
    second = doc.text.index("Terre Vive", first + 1)
    person = doc.text.index("Paul Morvan")
    mentions = [
        Mention(first, first + 10, "organisation", "Terre Vive"),
        Mention(second, second + 10, "organisation", "Terre Vive"),
        Mention(person, person + 11, "person", "Paul Morvan"),
    ]
    found = {
        (r.subject.text, r.role, r.object.start)
        for r in verb_roles(doc.text, doc.sentences, mentions)
    }
    assert found == {("Paul Morvan", "fondateur", first)}
