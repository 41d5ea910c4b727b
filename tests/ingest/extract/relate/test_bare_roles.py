"""Titles that name no organisation, held at the text's main organisation (rule
``role-bare``), on invented sentences."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st
from mention_at import mention_at as _m

from ingest.extract.relate.bare_roles import bare_roles


def _roles(text: str, people: list[str]) -> set[tuple[str, str, str | None]]:
    mentions = [_m(text, "Ruche Verte"), _m(text, "Ruche Verte", nth=1)]
    mentions += [_m(text, p, "person") for p in people]
    return {(r.subject.text, r.object.text, r.role) for r in bare_roles(text, mentions)}


_OPENING = "La Ruche Verte est une association. La Ruche Verte ouvre un café.\n\n"


def test_a_team_page_and_a_bureau_hold_their_titles_at_the_main_organisation() -> None:
    text = (
        _OPENING
        + "Marie Dupont\nCoordinatrice\n\n"
        + "Le bureau : Paul Roy, président ; Anne Lenoir – trésorière.\n"
    )
    assert _roles(text, ["Marie Dupont", "Paul Roy", "Anne Lenoir"]) == {
        ("Marie Dupont", "Ruche Verte", "coordinatrice"),
        ("Paul Roy", "Ruche Verte", "président"),
        ("Anne Lenoir", "Ruche Verte", "trésorière"),
    }


def test_a_title_with_a_complement_is_not_bare() -> None:
    text = (
        _OPENING + "Paul Roy, maire de Lens, et Anne Lenoir, directrice d'un collège, sont venus."
    )
    assert _roles(text, ["Paul Roy", "Anne Lenoir"]) == set()


def test_an_elected_office_is_not_the_association_s() -> None:
    text = _OPENING + "Le bilan a été présenté devant Paul Roy, adjoint au maire.\n"
    assert _roles(text, ["Paul Roy"]) == set()
    text = _OPENING + "Paul Roy, vice-président, a parlé.\n"
    assert _roles(text, ["Paul Roy"]) == {("Paul Roy", "Ruche Verte", "vice-président")}


def test_no_main_organisation_no_role() -> None:
    text = "Paul Roy, président, a parlé."
    mentions = [_m(text, "Paul Roy", "person")]
    assert bare_roles(text, mentions) == []


@given(st.text(alphabet="abcé PR,;:-–\nprésidnt", max_size=60))
def test_bare_roles_never_crash(words: str) -> None:
    text = _OPENING + "Paul Roy" + words
    for r in bare_roles(
        text,
        [_m(text, "Ruche Verte"), _m(text, "Ruche Verte", nth=1), _m(text, "Paul Roy", "person")],
    ):
        assert r.subject.text == "Paul Roy"


def test_a_title_opening_a_line_before_its_person() -> None:
    text = _OPENING + "Présidente : Anne Lenoir\nTrésorier – Paul Roy\nMerci à Léa Morel.\n"
    assert _roles(text, ["Anne Lenoir", "Paul Roy", "Léa Morel"]) == {
        ("Anne Lenoir", "Ruche Verte", "présidente"),
        ("Paul Roy", "Ruche Verte", "trésorier"),
    }
