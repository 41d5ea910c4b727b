"""A title line above the name it belongs to (rule ``role-line-before``) and a name alone on
its line (rule ``name-alone``), on invented blocks."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from ingest.extract.mentions import registered  # noqa: F401  (declares the mention rules)
from ingest.extract.mentions.document import Document
from ingest.extract.mentions.gazetteers import load_gazetteers
from ingest.extract.pipeline import mention_stage
from ingest.extract.relate.relations import run as relate
from ingest.extract.segment.normalise import normalise

REPO = Path(__file__).resolve().parents[4]


def _roles(text: str, nlp: Any) -> set[tuple[str, str, str | None, str]]:
    doc = Document(normalise(text), nlp, gazetteers=load_gazetteers(REPO / "data"))
    mention_stage(doc)
    return {
        (r.subject.text, r.object.text, r.role, r.rule) for r in relate(doc) if r.kind == "role"
    }


def test_a_caption_written_title_first(nlp: Any) -> None:
    text = (
        "Le lieu ouvre samedi.\n\nPrésidente de l'association Les Jardins du Lac\nJeanne Martin\n"
    )
    assert ("Jeanne Martin", "Jardins du Lac", "Présidente", "role-line-before") in {
        (s, o.removeprefix("Les "), r, rule) for s, o, r, rule in _roles(text, nlp)
    }


@pytest.mark.parametrize(
    "text",
    [
        # the usual order: the name, then its title (rule role-line-role)
        "Le lieu ouvre samedi.\n\nJeanne Martin\nPrésidente de la Maison Verte\nLuc Bernard\n",
        # a paragraph that opens with a title is no caption
        "Le lieu ouvre samedi.\n\nPrésidente de la Maison Verte depuis dix ans, elle a tout "
        "vu changer, des premiers bénévoles aux ateliers d'aujourd'hui, et le dit.\nLuc Bernard\n",
    ],
)
def test_no_title_first_reading_elsewhere(nlp: Any, text: str) -> None:
    assert not {r for r in _roles(text, nlp) if r[3] == "role-line-before"}


def _people(text: str, nlp: Any) -> set[str]:
    doc = Document(normalise(text), nlp, gazetteers=load_gazetteers(REPO / "data"))
    mention_stage(doc)
    return {m.text for m in doc.mentions if m.kind == "person" and m.rule == "name-alone"}


def test_a_name_alone_on_its_line_opening_with_a_given_name(nlp: Any) -> None:
    text = "Le lieu ouvre samedi.\n\nDirectrice de la Maison Verte\nJeanne Martin\n"
    assert _people(text, nlp) == {"Jeanne Martin"}


@pytest.mark.parametrize(
    "text",
    [
        "Le lieu ouvre samedi.\n\nNos partenaires\nTerre Ferme\n",  # no given name
        "Le lieu ouvre samedi.\n\nJeanne Martin a ouvert la séance.\n",  # not alone
    ],
)
def test_other_short_lines_are_no_name_alone(nlp: Any, text: str) -> None:
    assert _people(text, nlp) == set()
