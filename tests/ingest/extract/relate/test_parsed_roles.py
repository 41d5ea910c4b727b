"""Roles read from the dependency parse (rule ``role-parse``), on invented sentences: the
person a title is attached to, the organisation it governs, the whole title, the years."""

from __future__ import annotations

from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from ingest.extract.mentions.document import Document
from ingest.extract.mentions.names import Mention
from ingest.extract.relate.parsed_roles import parsed_roles
from ingest.extract.relate.relation import Relation
from ingest.extract.segment.normalise import normalise


def _m(text: str, name: str, kind: str = "organisation") -> Mention:
    start = text.index(name)
    return Mention(start, start + len(name), kind, name)  # type: ignore[arg-type]


def _roles(nlp: Any, text: str, people: list[str], orgs: list[str]) -> list[Relation]:
    doc = Document(normalise(text), nlp)
    mentions = [_m(doc.text, p, "person") for p in people] + [_m(doc.text, o) for o in orgs]
    return parsed_roles(doc.text, doc.sentences, mentions)


def _pairs(found: list[Relation]) -> set[tuple[str, str]]:
    return {(r.subject.text, r.object.text) for r in found}


def test_a_title_after_a_quote_attribution(nlp: Any) -> None:
    text = (
        "« Nous voulons grandir », explique Jeanne Martin, directrice de l'association Terre Vive."
    )
    (role,) = _roles(nlp, text, ["Jeanne Martin"], ["Terre Vive"])
    assert (role.subject.text, role.object.text, role.role) == (
        "Jeanne Martin",
        "Terre Vive",
        "directrice",
    )


def test_the_title_first_and_the_name_apposed(nlp: Any) -> None:
    text = "La présidente de la Fondation Arc-en-Ciel, Paule Lenoir, a ouvert la séance."
    found = _roles(nlp, text, ["Paule Lenoir"], ["Fondation Arc-en-Ciel"])
    assert _pairs(found) == {("Paule Lenoir", "Fondation Arc-en-Ciel")}


def test_a_copula_with_a_start_year(nlp: Any) -> None:
    text = "Paul Lenoir est le directeur général de la coopérative Vélocité depuis 2019."
    (role,) = _roles(nlp, text, ["Paul Lenoir"], ["Vélocité"])
    assert (role.object.text, role.role, role.start_year) == ("Vélocité", "directeur général", 2019)


def test_the_whole_title_up_to_its_organisation(nlp: Any) -> None:
    text = (
        "Jeanne Martin, vice-présidente en charge de l'économie sociale à la Fondation "
        "Arc-en-Ciel, était présente."
    )
    (role,) = _roles(nlp, text, ["Jeanne Martin"], ["Fondation Arc-en-Ciel"])
    assert role.role == "vice-présidente en charge de l'économie sociale"


def test_two_people_each_with_their_own_organisation(nlp: Any) -> None:
    text = (
        "Marie Durand, trésorière de la Ligue Verte, et Paul Lenoir, président de Vélocité, "
        "ont signé."
    )
    found = _roles(nlp, text, ["Marie Durand", "Paul Lenoir"], ["Ligue Verte", "Vélocité"])
    assert _pairs(found) == {("Marie Durand", "Ligue Verte"), ("Paul Lenoir", "Vélocité")}


def test_a_title_whose_clause_ends_before_the_organisation_names_none(nlp: Any) -> None:
    text = "Devant Marie Durand, secrétaire générale, le directeur Paul Lenoir a salué Vélocité."
    assert _roles(nlp, text, ["Marie Durand", "Paul Lenoir"], ["Vélocité"]) == []


def test_an_organisation_merely_near_a_person_is_not_theirs(nlp: Any) -> None:
    text = "Paul Lenoir a rencontré la Ligue Verte hier."
    assert _roles(nlp, text, ["Paul Lenoir"], ["Ligue Verte"]) == []


@settings(
    max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(st.text(min_size=0, max_size=200))
def test_any_text_parses_without_error(nlp: Any, text: str) -> None:
    doc = Document(normalise(text), nlp)
    for sentence in doc.sentences:
        assert 0 <= sentence.start <= sentence.end <= len(doc.text)
        assert all(0 <= t.head < len(sentence.tokens) for t in sentence.tokens)
        assert all(doc.text[t.start : t.end] == t.text for t in sentence.tokens)
    people = [Mention(0, min(3, len(doc.text)), "person", doc.text[:3])]
    assert all(r.kind == "role" for r in parsed_roles(doc.text, doc.sentences, people))


def test_a_common_noun_stands_for_the_organisation_named_before(nlp: Any) -> None:
    text = (
        "La Ferme Bleue ouvre ses portes. « Nous grandissons », explique Jeanne Martin, "
        "fondatrice de la ferme."
    )
    (role,) = _roles(nlp, text, ["Jeanne Martin"], ["Ferme Bleue"])
    assert (role.object.text, role.role) == ("Ferme Bleue", "fondatrice")


def test_a_common_noun_before_a_name_not_found_stands_for_nothing(nlp: Any) -> None:
    text = (
        "L'association Terre Vive recrute. Terre Vive grandit. Paul Lenoir, fondateur de "
        "l'association voisine Les Bois Joyeux, approuve."
    )
    assert _roles(nlp, text, ["Paul Lenoir"], ["Terre Vive"]) == []


def test_inclusive_and_feminine_titles_are_whole(nlp: Any) -> None:
    text = (
        "Léa Roy, déléguée générale de la Ligue Verte, et Tom Blanc, coordinateur·rice de Vélocité."
    )
    found = {
        r.object.text: r.role
        for r in _roles(nlp, text, ["Léa Roy", "Tom Blanc"], ["Ligue Verte", "Vélocité"])
    }
    assert found == {"Ligue Verte": "déléguée générale", "Vélocité": "coordinateur·rice"}


def test_a_possessive_title_belongs_to_the_organisation_of_the_sentence_before(nlp: Any) -> None:
    text = "L'association Terre Vive ouvre un atelier. Son fondateur, Paul Lenoir, y tient."
    doc = Document(normalise(text), nlp)
    mentions = [_m(doc.text, "Paul Lenoir", "person"), _m(doc.text, "Terre Vive")]
    found = parsed_roles(doc.text, doc.sentences, mentions)
    assert [(r.subject.text, r.object.text, r.rule) for r in found] == [
        ("Paul Lenoir", "Terre Vive", "role-possessive")
    ]
    text = "Son fondateur, Paul Lenoir, y tient."  # nothing named before: no organisation
    doc = Document(normalise(text), nlp)
    assert parsed_roles(doc.text, doc.sentences, [_m(doc.text, "Paul Lenoir", "person")]) == []


def test_a_possessive_title_ending_the_sentence_goes_to_the_main_organisation(nlp: Any) -> None:
    text = (
        "La Ferme Bleue fête ses dix ans.\n\nCréée en 2014 près du canal, la Ferme Bleue "
        "emploie vingt salariés. « Nous grandissons », explique Jeanne Martin, sa directrice."
    )
    doc = Document(normalise(text), nlp)
    first = doc.text.index("Ferme Bleue")
    second = doc.text.index("Ferme Bleue", first + 1)
    mentions = [
        _m(doc.text, "Jeanne Martin", "person"),
        Mention(first, first + 11, "organisation", "Ferme Bleue"),
        Mention(second, second + 11, "organisation", "Ferme Bleue"),
    ]
    found = parsed_roles(doc.text, doc.sentences, mentions)
    assert [(r.subject.text, r.object.text, r.role) for r in found] == [
        ("Jeanne Martin", "Ferme Bleue", "Directrice")
    ]
