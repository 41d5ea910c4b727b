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


def search(path: Path, query: str, kinds: Iterable[str] | None = None) -> list[Hit]:
    """Nodes matching ``query``, best first; ``kinds`` restricts the IRI kinds."""
    folded = fold_label(query)
    if not folded:
        return []
    if not path.is_file():
        raise SearchIndexMissingError(f"no search index at {path}: rebuild the store")
    wanted = set(kinds) if kinds else None
    connection = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        rows = connection.execute(
            "SELECT e.iri, n.kind, n.label, e.label, e.folded, e.acronym, e.property, "
            "e.preference, bm25(entries_fts) FROM entries_fts "
            "JOIN entries e ON e.id = entries_fts.rowid JOIN nodes n ON n.iri = e.iri "
            "WHERE entries_fts MATCH ? LIMIT ?",
            (_fts_query(folded), MAX_HITS * 4),
        ).fetchall()
    finally:
        connection.close()
    best: dict[str, tuple[tuple[int, int, int, float, str], Hit]] = {}
    for iri, kind, label, matched, entry_folded, acro, prop, preference, score in rows:
        if wanted is not None and kind not in wanted:
            continue
        match = _classify(folded, entry_folded, acro)
        key = (_RANKS[match], preference, len(entry_folded), score, iri)
        if iri not in best or key < best[iri][0]:
            best[iri] = (key, Hit(iri, kind, label, matched, match, prop))
    return [hit for _key, hit in sorted(best.values(), key=lambda item: item[0])][:MAX_HITS]
