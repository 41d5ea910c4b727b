"""A title opening on a place ("Amiens : …") is a dateline, not an organisation's name, on
invented texts."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from ingest.extract.mentions import registered  # noqa: F401  (declares the mention rules)
from ingest.extract.mentions.document import Document
from ingest.extract.mentions.gazetteers import load_gazetteers
from ingest.extract.pipeline import mention_stage
from ingest.extract.segment.normalise import normalise

REPO = Path(__file__).resolve().parents[4]


def _organisations(text: str, nlp: Any = None) -> list[str]:
    doc = Document(normalise(text), nlp, gazetteers=load_gazetteers(REPO / "data"))
    mention_stage(doc)
    return [m.text for m in doc.mentions if m.kind == "organisation"]


def test_a_commune_opening_a_title_is_a_dateline(nlp: Any) -> None:
    text = (
        "Guise : la ressourcerie Tralivo s'agrandit\n\n"
        "La Ville de Guise a cédé un hangar. À Guise, Tralivo emploie douze salariés.\n"
    )
    found = _organisations(text, nlp)
    assert "Guise" not in found
    assert "Tralivo" in found


def test_a_name_opening_a_title_is_still_a_name() -> None:
    text = (
        "Tralivo, la ressourcerie qui grandit\n\nTralivo emploie douze salariés. Tralivo recrute.\n"
    )
    assert "Tralivo" in _organisations(text)
