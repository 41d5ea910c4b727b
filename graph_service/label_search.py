"""Searching the full-text index that the build writes beside the store.

Matches rank as: the whole label equals the query (``exact``), the query is the label's
acronym (``acronym``: an acronym is a name too, "mel" before "Mela"), the label starts with the
query (``prefix``), every word of the query starts a word of the label (``words``). Within a
rank, preferred labels and short labels come first. The index is opened read-only for each
search, so a swapped store brings its own index.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

from ess_core.errors import ServiceError
from ess_core.store_layout import INDEX_FILE_NAME, fold_label

MatchKind = Literal["exact", "prefix", "acronym", "words"]
_RANKS: dict[MatchKind, int] = {"exact": 0, "acronym": 1, "prefix": 2, "words": 3}
MAX_HITS = 1000


class SearchIndexMissingError(ServiceError):
    """The store has no search index (built by an older build, or a remote backend)."""

    status = 503


@dataclass(frozen=True)
class Hit:
    """One node that matches the query, by its best-matching label."""

    iri: str
    kind: str
    label: str
    matched: str
    match: MatchKind
    property: str


def index_path(store_path: Path) -> Path:
    """Where the build writes the index of the store at ``store_path``."""
    return store_path / INDEX_FILE_NAME


def _classify(query: str, folded: str, acronym: str) -> MatchKind:
    if folded == query:
        return "exact"
    if folded.startswith(query):
        return "prefix"
    if acronym and acronym == query.replace(" ", ""):
        return "acronym"
    return "words"


def _fts_query(folded_query: str) -> str:
    """Every word as a quoted prefix: only [a-z0-9] remain after folding, so it is safe."""
    words = folded_query.split()
    return " AND ".join(f'"{w}"*' for w in words)


_SELECT = "SELECT e.iri, n.kind, n.label, e.label, e.folded, e.acronym, e.property, e.preference "
_EXACT = _SELECT + "FROM entries e JOIN nodes n ON n.iri = e.iri WHERE e.folded = ?"
_ACRONYM = (
    _SELECT + "FROM entries e JOIN nodes n ON n.iri = e.iri WHERE e.acronym = ? AND e.acronym <> ''"
)
_PREFIX = (
    _SELECT + "FROM entries e JOIN nodes n ON n.iri = e.iri "
    "WHERE e.folded > ? AND e.folded < ? ORDER BY e.folded LIMIT ?"
)
_WORDS = (
    "SELECT e.iri, n.kind, n.label, e.label, e.folded, e.acronym, e.property, e.preference "
    "FROM (SELECT rowid AS id FROM entries_fts WHERE entries_fts MATCH ? ORDER BY rank LIMIT ?) "
    "AS best JOIN entries e ON e.id = best.id JOIN nodes n ON n.iri = e.iri"
)


def _candidates(
    connection: sqlite3.Connection, folded: str, limit: int
) -> list[tuple[str, str, str, str, str, str, str, int]]:
    """The rows that can rank first, each kind looked up by itself so that none is crowded out
    by thousands of weaker matches: equal labels and acronyms (indexed), the first ``limit``
    labels starting with the query (an index range), the ``limit`` best full-text matches."""
    rows = connection.execute(_EXACT, (folded,)).fetchall()
    rows += connection.execute(_ACRONYM, (folded.replace(" ", ""),)).fetchall()
    rows += connection.execute(_PREFIX, (folded, folded + "\x7f", limit)).fetchall()
    rows += connection.execute(_WORDS, (_fts_query(folded), limit)).fetchall()
    return rows


def search(path: Path, query: str, kinds: Iterable[str] | None = None) -> list[Hit]:
    """Nodes matching ``query``, best first (at most :data:`MAX_HITS`); ``kinds`` restricts
    the IRI kinds."""
    folded = fold_label(query)
    if not folded:
        return []
    if not path.is_file():
        raise SearchIndexMissingError(f"no search index at {path}: rebuild the store")
    wanted = set(kinds) if kinds else None
    connection = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        rows = _candidates(connection, folded, MAX_HITS)
    finally:
        connection.close()
    best: dict[str, tuple[tuple[int, int, int, str], Hit]] = {}
    for iri, kind, label, matched, entry_folded, acro, prop, preference in rows:
        if wanted is not None and kind not in wanted:
            continue
        match = _classify(folded, entry_folded, acro)
        key = (_RANKS[match], preference, len(entry_folded), iri)
        if iri not in best or key < best[iri][0]:
            best[iri] = (key, Hit(iri, kind, label, matched, match, prop))
    return [hit for _key, hit in sorted(best.values(), key=lambda item: item[0])][:MAX_HITS]
