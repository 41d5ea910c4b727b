"""Renamings and mergers stated next to organisations' names, on invented sentences."""

from __future__ import annotations

import pytest

from ingest.extract.mentions.names import Mention
from ingest.extract.relate.changes import changes


def _org(text: str, name: str) -> Mention:
    start = text.index(name)
    return Mention(start, start + len(name), "organisation", name)


def _changes(text: str, *names: str) -> set[tuple[str, str, str]]:
    found = changes(text, [_org(text, n) for n in names])
    return {(r.kind, r.subject.text, r.object.text) for r in found if r.kind != "founded"}


def test_a_new_name_in_brackets_renames() -> None:
    text = "Elle a dirigé Fortil (devenu Cap Sorel) pendant six ans."
    assert _changes(text, "Fortil", "Cap Sorel") == {("renamed", "Fortil", "Cap Sorel")}


@pytest.mark.parametrize(
    "text",
    ["La Coopérative Ardoise (ex-Atelier Brume) recrute.", "Ardoise, anciennement Brume, recrute."],
)
def test_a_former_name_after_the_name_renames_it(text: str) -> None:
    new, old = ("Coopérative Ardoise", "Atelier Brume") if "ex-" in text else ("Ardoise", "Brume")
    assert _changes(text, new, old) == {("renamed", old, new)}


@pytest.mark.parametrize(
    "text",
    [
        "Née de la fusion de Terre Grise et de la Fabrique Ocre, Ruban Vert ouvre un local.",
        "Ruban Vert est issue de la fusion de Terre Grise avec la Fabrique Ocre.",
    ],
)
def test_the_merged_names_are_succeeded_by_the_new_one(text: str) -> None:
    assert _changes(text, "Terre Grise", "Fabrique Ocre", "Ruban Vert") == {
        ("succeeded-by", "Terre Grise", "Ruban Vert"),
        ("succeeded-by", "Fabrique Ocre", "Ruban Vert"),
    }


def test_an_agent_before_the_subject_does_not_inherit() -> None:
    text = "Créé par Pôle Gris, le Grelot résulte de la fusion du Tinto et de la Varlope."
    assert _changes(text, "Pôle Gris", "Tinto", "Varlope") == set()


def test_a_merger_of_one_name_is_none() -> None:
    text = "Ruban Vert prépare la fusion de Terre Grise l'an prochain."
    assert _changes(text, "Ruban Vert", "Terre Grise") == set()
