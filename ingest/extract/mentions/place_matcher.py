"""Every place name of France found in a text at once, with spaCy's ``PhraseMatcher``.

The names (communes, départements, régions, EPCI, areas; ``ingest.extract.mentions.gazetteers``
loads them from data files) and the text are compared in a folded form that keeps the text's
offsets: lower case, no accents, hyphens and apostrophes as spaces ("Condé-sur-l’Escaut" and
"Conde sur l'Escaut" are one name). What makes a match a place (capitals, a preposition, a
département code…) is decided by ``ingest.extract.mentions.places``.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import cast

from ingest.extract.mentions.phrases import PhraseLexicon, fold_text, name_words, text_doc

__all__ = ["PlaceEntry", "PlaceMatch", "PlaceMatcher", "fold_text", "name_words"]

PlaceKind = str  # commune | departement | region | former-region | epci | area


@dataclass(frozen=True)
class PlaceEntry:
    """A place name as the data writes it, its kind, and where a commune is."""

    name: str
    kind: PlaceKind
    population: int = 0
    departement: str = ""
    region: str = ""


@dataclass(frozen=True)
class PlaceMatch:
    """A span of the text whose folded form is the folded form of ``entries``' names."""

    start: int
    end: int
    entries: tuple[PlaceEntry, ...]


class PlaceMatcher:
    """All the entries' names in one :class:`~ingest.extract.mentions.phrases.PhraseLexicon`
    (span group ``places``); built once per set of entries."""

    def __init__(self, entries: Iterable[PlaceEntry]) -> None:
        self.lexicon = PhraseLexicon("places", ((e.name, e) for e in entries))
        self.entries = cast(dict[str, tuple[PlaceEntry, ...]], self.lexicon.values)

    def matches(self, text: str) -> list[PlaceMatch]:
        """Every span of ``text`` naming an entry (overlapping spans included), in order."""
        return [PlaceMatch(m.start, m.end, m.values) for m in self.lexicon.spans(text_doc(text))]
