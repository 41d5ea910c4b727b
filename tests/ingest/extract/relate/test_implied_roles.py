"""Titles that name their body (rule ``role-implied``), on invented sentences."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st
from mention_at import mention_at as _m

from ingest.extract.mentions.names import Mention
from ingest.extract.relate.implied_roles import implied_roles


def _roles(text: str, mentions: list[Mention]) -> set[tuple[str, str, str | None]]:
    return {(r.subject.text, r.object.text, r.role) for r in implied_roles(text, mentions)}


def test_councillors_listed_before_their_title_sit_at_the_departements_council() -> None:
    text = (
        "Le conseil départemental du Val Doré aide la ferme. Étaient là Léa Morel et "
        "Paul Roy, conseillers départementaux du canton de Bourg 1."
    )
    mentions = [
        _m(text, "conseil départemental du Val Doré"),
        _m(text, "Léa Morel", "person"),
        _m(text, "Paul Roy", "person"),
    ]
    assert _roles(text, mentions) == {
        ("Léa Morel", "conseil départemental du Val Doré", "conseillers départementaux"),
        ("Paul Roy", "conseil départemental du Val Doré", "conseillers départementaux"),
    }


def test_a_prefect_before_or_after_the_name_serves_the_state() -> None:
    text = "L'État soutient le projet. Le préfet Marc Petit et Anne Roy, sous-préfète, ont signé."
    mentions = [_m(text, "État"), _m(text, "Marc Petit", "person"), _m(text, "Anne Roy", "person")]
    assert _roles(text, mentions) == {
        ("Marc Petit", "État", "préfet"),
        ("Anne Roy", "État", "sous-préfète"),
    }


def test_no_body_of_that_kind_named_gives_no_role() -> None:
    text = "Léa Morel, conseillère régionale, a parlé de l'Atelier Gris."
    mentions = [_m(text, "Léa Morel", "person"), _m(text, "Atelier Gris")]
    assert _roles(text, mentions) == set()


@given(st.text(alphabet="abcéLMP ,.-préfetconsilr", max_size=80))
def test_implied_roles_never_crash(words: str) -> None:
    text = f"L'État aide. Léa Morel{words}"
    mentions = [_m(text, "État"), _m(text, "Léa Morel", "person")]
    for r in implied_roles(text, mentions):
        assert r.subject.text == "Léa Morel" and r.object.text == "État"
