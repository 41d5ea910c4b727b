"""Every place name of France found in a text at once, with spaCy's ``PhraseMatcher``.

The names (communes, départements, régions, EPCI, areas; ``ingest.extract.mentions.gazetteers``
loads them from data files) and the text are compared in a folded form that keeps the text's
offsets: lower case, no accents, hyphens and apostrophes as spaces ("Condé-sur-l’Escaut" and
"Conde sur l'Escaut" are one name). What makes a match a place (capitals, a preposition, a
département code…) is decided by ``ingest.extract.mentions.places``.
"""

from __future__ import annotations

import re
import unicodedata
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache

from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc
from spacy.vocab import Vocab

PlaceKind = str  # commune | departement | region | former-region | epci | area
_TOKEN = re.compile(r"\w+|[^\w\s]")


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


@cache
def _fold_char(c: str) -> str:
    if c in "-‐‑–'’`´":
        return " "
    base = unicodedata.normalize("NFKD", c)[:1].lower()
    return base if len(base) == 1 else c


def fold_text(text: str) -> str:
    """``text`` folded character by character (same length, same offsets).

    >>> fold_text("Condé-sur-l’Escaut")
    'conde sur l escaut'
    """
    return "".join(_fold_char(c) for c in text)


def name_words(name: str) -> tuple[str, ...]:
    """The folded words of a name, as the matcher compares them."""
    return tuple(_TOKEN.findall(fold_text(name)))


class PlaceMatcher:
    """All the entries' names, matched at once; built once per set of entries."""

    def __init__(self, entries: Iterable[PlaceEntry]) -> None:
        self.vocab = Vocab()
        self.matcher = PhraseMatcher(self.vocab, attr="ORTH")
        by_key: dict[tuple[str, ...], list[PlaceEntry]] = defaultdict(list)
        for entry in entries:
            key = name_words(entry.name)
            if key and entry not in by_key[key]:
                by_key[key].append(entry)
        self.entries = {" ".join(k): tuple(v) for k, v in by_key.items()}
        self.matcher.add("PLACE", [Doc(self.vocab, words=list(k)) for k in by_key])

    def matches(self, text: str) -> list[PlaceMatch]:
        """Every span of ``text`` naming an entry (overlapping spans included), in order."""
        tokens = [(m.start(), m.end(), m.group()) for m in _TOKEN.finditer(fold_text(text))]
        if not tokens:
            return []
        doc = Doc(self.vocab, words=[t for _, _, t in tokens])
        out = []
        for _, i, j in self.matcher(doc):
            key = " ".join(t for _, _, t in tokens[i:j])
            out.append(PlaceMatch(tokens[i][0], tokens[j - 1][1], self.entries[key]))
        return sorted(out, key=lambda m: (m.start, -m.end))
