"""A one-word name cut before its lowercase complement is the same organisation; a head word
alone is not. Invented names."""

from __future__ import annotations

from ingest.curation import Curation
from ingest.extract.resolve.entities import Occurrence, resolve


def occ(start: int, surface: str) -> Occurrence:
    return Occurrence("a", start, start + len(surface), "organisation", surface, surface)


def groups(*surfaces: str) -> list[list[str]]:
    found = resolve([occ(i * 100, s) for i, s in enumerate(surfaces)], [], Curation())
    return sorted(sorted(o.surface for o in e.occurrences) for e in found)


def test_a_cut_name_joins_its_full_name() -> None:
    assert groups("Les Débrouillards", "Les débrouillards du canal") == [
        ["Les Débrouillards", "Les débrouillards du canal"]
    ]


def test_a_head_word_alone_joins_nothing() -> None:
    assert groups("Maison", "Maison du Vélo") == [["Maison"], ["Maison du Vélo"]]


def test_a_short_word_joins_nothing() -> None:
    assert groups("Xora", "Xora des Champs") == [["Xora"], ["Xora des Champs"]]
