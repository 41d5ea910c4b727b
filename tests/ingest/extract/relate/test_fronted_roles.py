"""Titles fronted before their holder (rule ``role-fronted``), on invented sentences."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from mention_at import mention_at as _m

from ingest.extract.relate.fronted_roles import fronted_roles


def _roles(text: str, org: str, person: str) -> list[tuple[str, str, str | None, int | None]]:
    mentions = [_m(text, org), _m(text, person, "person")]
    return [
        (r.subject.text, r.object.text, r.role, r.start_year) for r in fronted_roles(text, mentions)
    ]


@pytest.mark.parametrize(
    ("text", "role", "year"),
    [
        (
            "Directrice de l'association Terre Vive depuis 2019, Julie Caron ouvre un local.",
            "directrice",
            2019,
        ),
        ("Élue présidente de Terre Vive, Julie Caron ouvre un local.", "présidente", None),
        (
            "Nommée coordinatrice de la recyclerie Terre Vive, Julie Caron recrute.",
            "coordinatrice",
            None,
        ),
    ],
)
def test_a_fronted_title_is_held_by_the_person_after_the_comma(
    text: str, role: str, year: int | None
) -> None:
    assert _roles(text, "Terre Vive", "Julie Caron") == [("Julie Caron", "Terre Vive", role, year)]


@pytest.mark.parametrize(
    "text",
    [
        # the title is not the sentence's opening; the person is not right after the comma
        "Hier, directrice de Terre Vive, Julie Caron ouvre un local.",
        "Directrice de Terre Vive, elle a salué Julie Caron hier.",
        # a verb between the title and the body
        "Directrice, elle quitte Terre Vive, Julie Caron le sait.",
    ],
)
def test_other_sentences_hold_no_fronted_title(text: str) -> None:
    assert _roles(text, "Terre Vive", "Julie Caron") == []


@settings(max_examples=50, deadline=None)
@given(
    st.text(
        alphabet=st.sampled_from(list("Directrice de Terre Vive, Julie Caron.éÉ\n")), max_size=80
    )
)
def test_fronted_roles_never_crash(text: str) -> None:
    mentions = [_m(text, w) for w in ("Terre Vive",) if w in text]
    mentions += [_m(text, w, "person") for w in ("Julie Caron",) if w in text]
    for r in fronted_roles(text, mentions):
        assert r.subject.kind == "person" and r.object.kind == "organisation"


@pytest.mark.parametrize(
    "second",
    [
        "Membre du bureau de Terre Vive, elle plaide pour l'emploi.",
        "Membre du conseil d'administration de l'Union Terre Vive, elle plaide pour l'emploi.",
    ],
)
def test_a_pronoun_after_the_fronted_title_is_the_person_named_before(second: str) -> None:
    org = "Union Terre Vive" if "Union" in second else "Terre Vive"
    text = "Julie Caron dirige la ressourcerie Tralivo. " + second
    assert _roles(text, org, "Julie Caron") == [("Julie Caron", org, "membre", None)]
    # a paragraph between the person and the pronoun: nobody
    text = "Julie Caron dirige la ressourcerie Tralivo.\n\n" + second
    assert _roles(text, org, "Julie Caron") == []


def test_a_fronted_title_of_the_structure_is_held_at_the_text_s_organisation() -> None:
    text = (
        "Terre Vive change de direction. Terre Vive recrute. "
        "Cofondateur de la structure en 2008, Julie Caron reste administratrice."
    )
    mentions = [
        _m(text, "Terre Vive"),
        _m(text, "Terre Vive", nth=1),
        _m(text, "Julie Caron", "person"),
    ]
    found = [(r.subject.text, r.object.start, r.role) for r in fronted_roles(text, mentions)]
    assert found == [("Julie Caron", 0, "cofondateur")]
