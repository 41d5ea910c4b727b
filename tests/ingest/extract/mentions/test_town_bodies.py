"""A town's council written in lower case (rule ``town-body``), on invented sentences."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from ingest.extract.mentions.document import Document
from ingest.extract.mentions.gazetteers import load_gazetteers
from ingest.extract.mentions.town_bodies import town_bodies
from ingest.extract.segment.normalise import normalise

REPO = Path(__file__).resolve().parents[4]
GAZ = load_gazetteers(REPO / "data")


def _bodies(text: str) -> list[str]:
    return [m.text for m in town_bodies(Document(normalise(text), gazetteers=GAZ))]


@pytest.mark.parametrize(
    ("text", "found"),
    [
        ("La ville de Guise met un local à disposition.", ["ville de Guise"]),
        ("Le chantier travaille avec la commune de Guise.", ["commune de Guise"]),
        ("La ville de Guise (Aisne) a financé les travaux.", ["ville de Guise"]),
        ("Le projet est soutenu par la ville de Guise.", ["ville de Guise"]),
        ("Ainsi, la ville de Guise s'est donné les moyens d'agir.", ["ville de Guise"]),
    ],
)
def test_a_town_council_that_acts_or_that_a_cue_governs(text: str, found: list[str]) -> None:
    assert _bodies(text) == found


@pytest.mark.parametrize(
    "text",
    [
        "La ville de Guise compte 5 000 habitants.",
        "Elle habite la ville de Guise depuis 2010.",
        "La ville de Bourgvalneuf met un local à disposition.",  # no such commune
    ],
)
def test_a_town_that_is_only_a_place_or_no_commune(text: str) -> None:
    assert _bodies(text) == []


@given(st.text(alphabet="la vilecomudGs ()'", max_size=60))
def test_town_bodies_never_crash_and_stay_in_the_text(text: str) -> None:
    doc = Document(normalise(text), gazetteers=GAZ)
    for m in town_bodies(doc):
        assert doc.text[m.start : m.end] == m.text
