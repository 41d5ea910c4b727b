"""Searching the full-text index that the build writes beside the store.

Matches rank as: the whole label equals the query (``exact``), the query is the label's
acronym (``acronym``: an acronym is a name too, "mel" before "Mela"), the label starts with the
query (``prefix``), every word of the query starts a word of the label (``words``). Within a
rank, preferred labels and short labels come first, then IRIs in order.

Each kind of match is looked up by itself, so that none is crowded out by thousands of weaker
ones: equal labels and acronyms through their indexes, prefixes and words through the
full-text table. The build numbers the entries in the order the search ranks them within a
kind (:func:`ingest.store.label_index.entry_id`), and the full-text table gives its matches
in that order: a search reads the best matches of each kind, stops once it has enough, and
ranks nothing itself (no ``bm25`` over thousands of matches).

Each thread keeps its connection to the index (its page cache stays warm); the connection
belongs to one file, named by its inode, so a swapped store brings its own index.
"""

from __future__ import annotations

import json
import os
import sqlite3
import stat
import threading
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

from ess_core.errors import ServiceError
from ess_core.store_layout import INDEX_FILE_NAME, fold_label

MatchKind = Literal["exact", "prefix", "acronym", "words"]
_RANKS: dict[MatchKind, int] = {"exact": 0, "acronym": 1, "prefix": 2, "words": 3}
MAX_HITS = 1000

Row = tuple[int, str, str, str, str, str, str, int]
"""id, iri, kind, matched label, folded, acronym, property, preference."""


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


def _quoted(folded_query: str) -> str:
    """The query as one FTS5 string: only [a-z0-9] and spaces remain after folding."""
    return f'"{folded_query}"'


def _words_query(folded_query: str) -> str:
    """Every word as a prefix, in either column (a label or its acronym)."""
    return " AND ".join(f"{_quoted(w)}*" for w in folded_query.split())


def _prefix_query(folded_query: str) -> str:
    """The label starts with the query: the phrase at the column's first token, its last
    word a prefix (the same as ``folded.startswith(query)``, folded labels being words of
    ``[a-z0-9]`` separated by one space)."""
    return f"folded : ^ {_quoted(folded_query)}*"


_SELECT = "SELECT e.id, e.iri, e.kind, e.label, e.folded, e.acronym, e.property, e.preference "
_EXACT = _SELECT + "FROM entries e WHERE e.folded = ?"
_ACRONYM = _SELECT + "FROM entries e WHERE e.acronym = ? AND e.acronym <> ''"
_MATCHES = (
    _SELECT + "FROM entries_fts JOIN entries e ON e.id = entries_fts.rowid "
    "WHERE entries_fts MATCH ? AND entries_fts.rowid > ?"
)
_BY_ID = " ORDER BY entries_fts.rowid LIMIT ?"


def _kinds_clause(kinds: Sequence[str] | None) -> str:
    return f" AND e.kind IN ({', '.join('?' * len(kinds))})" if kinds else ""


def _in_order(
    connection: sqlite3.Connection,
    match: str,
    kinds: Sequence[str] | None,
    need: int,
    counts: Callable[[Row], bool],
) -> list[Row]:
    """Full-text matches of ``match`` in id order (best first) until ``need`` distinct IRIs
    among the rows that ``counts``, or no more matches."""
    sql = _MATCHES + _kinds_clause(kinds) + _BY_ID
    rows: list[Row] = []
    found: set[str] = set()
    last, chunk = -1, need + 16
    while True:
        batch = connection.execute(sql, (match, last, *(kinds or ()), chunk)).fetchall()
        rows += batch
        found.update(row[1] for row in batch if counts(row))
        if len(batch) < chunk or len(found) >= need:
            return rows
        last, chunk = batch[-1][0], min(chunk * 2, 4 * MAX_HITS)


def _candidates(
    connection: sqlite3.Connection, folded: str, kinds: Sequence[str] | None, need: int
) -> list[Row]:
    """Rows enough to rank the best ``need`` nodes: every equal label and acronym, then the
    best prefixes and the best other matches until each gives ``need`` nodes of its own kind
    (the other matches are not read when the prefixes already give ``need``)."""
    clause, values = _kinds_clause(kinds), tuple(kinds or ())
    rows: list[Row] = connection.execute(_EXACT + clause, (folded, *values)).fetchall()
    rows += connection.execute(_ACRONYM + clause, (folded.replace(" ", ""), *values)).fetchall()

    def kind_is(kind: MatchKind) -> Callable[[Row], bool]:
        return lambda row: _classify(folded, row[4], row[5]) == kind

    prefixes = _in_order(connection, _prefix_query(folded), kinds, need, kind_is("prefix"))
    rows += prefixes
    if len({row[1] for row in prefixes if kind_is("prefix")(row)}) < need:
        rows += _in_order(connection, _words_query(folded), kinds, need, kind_is("words"))
    return rows


class _Connections(threading.local):
    """This thread's open index, with the identity of the file it opened."""

    def __init__(self) -> None:
        self.opened: dict[str, tuple[tuple[int, int, int], sqlite3.Connection]] = {}


_OPEN = _Connections()


def _connect(path: Path) -> sqlite3.Connection:
    """This thread's read-only connection to the index at ``path``, reopened when another
    file is there (a rebuilt store swapped in)."""
    try:
        found = os.stat(path)
    except FileNotFoundError:
        found = None
    if found is None or not stat.S_ISREG(found.st_mode):
        raise SearchIndexMissingError(f"no search index at {path}: rebuild the store")
    identity = (found.st_dev, found.st_ino, found.st_mtime_ns)
    key = str(path)
    if key in _OPEN.opened:
        opened_identity, connection = _OPEN.opened[key]
        if opened_identity == identity:
            return connection
        connection.close()
        del _OPEN.opened[key]
    connection = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)
    _OPEN.opened[key] = (identity, connection)
    return connection


def _display_labels(connection: sqlite3.Connection, iris: list[str]) -> dict[str, str]:
    labels: dict[str, str] = {}
    for start in range(0, len(iris), 500):
        chunk = iris[start : start + 500]
        marks = ", ".join("?" * len(chunk))
        sql = f"SELECT iri, label FROM nodes WHERE iri IN ({marks})"  # noqa: S608 (only marks)
        labels.update(connection.execute(sql, chunk).fetchall())
    return labels


_MATCHED_IRIS = (
    "SELECT e.id, e.iri FROM entries_fts JOIN entries e ON e.id = entries_fts.rowid "
    "WHERE entries_fts MATCH ? AND entries_fts.rowid > ?"
)


def count(path: Path, query: str, kinds: Iterable[str] | None = None) -> int:
    """How many nodes match ``query`` (as :func:`search` finds them), up to :data:`MAX_HITS`."""
    folded = fold_label(query)
    if not folded:
        return 0
    wanted = sorted(set(kinds)) if kinds else None
    connection = _connect(path)
    clause, values = _kinds_clause(wanted), tuple(wanted or ())
    # every match has all the query's words as prefixes (the full-text query), but for an
    # acronym given in several words ("ca vm"): those are read by their index
    found = {row[1] for row in connection.execute(_EXACT + clause, (folded, *values))}
    found.update(
        row[1] for row in connection.execute(_ACRONYM + clause, (folded.replace(" ", ""), *values))
    )
    sql = _MATCHED_IRIS + clause + _BY_ID
    last, chunk = -1, MAX_HITS + 16
    while len(found) < MAX_HITS:
        batch = connection.execute(sql, (_words_query(folded), last, *values, chunk)).fetchall()
        found.update(iri for _id, iri in batch)
        if len(batch) < chunk:
            break
        last = batch[-1][0]
    return min(len(found), MAX_HITS)


def search(
    path: Path, query: str, kinds: Iterable[str] | None = None, limit: int = MAX_HITS
) -> list[Hit]:
    """Nodes matching ``query``, best first: the first ``limit`` (at most :data:`MAX_HITS`);
    ``kinds`` restricts the IRI kinds. Fewer than ``limit`` hits means there are no more;
    :func:`count` gives how many there are."""
    folded = fold_label(query)
    if not folded:
        return []
    wanted = sorted(set(kinds)) if kinds else None
    need = max(0, min(limit, MAX_HITS))
    connection = _connect(path)
    rows = _candidates(connection, folded, wanted, need) if need else []
    best: dict[str, tuple[tuple[int, int, int, str], Row, MatchKind]] = {}
    for row in rows:
        _id, iri, _kind, _matched, entry_folded, acro, _prop, preference = row
        match = _classify(folded, entry_folded, acro)
        key = (_RANKS[match], preference, len(entry_folded), iri)
        if iri not in best or key < best[iri][0]:
            best[iri] = (key, row, match)
    ranked = sorted(best.values(), key=lambda item: item[0])[:need]
    labels = _display_labels(connection, [row[1] for _key, row, _match in ranked])
    return [
        Hit(row[1], row[2], labels.get(row[1], row[3]), row[3], match, row[6])
        for _key, row, match in ranked
    ]


_HAS_TABLE = "SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name = ?"
_LIST_LABELS = (
    "SELECT n.iri, n.label FROM json_each(?) AS j JOIN list_nodes AS n ON n.iri = j.value "
    "WHERE n.label IS NOT NULL"
)
_COVERED = "SELECT 1 FROM territory_classes WHERE iri = ?"
_TERRITORY_ITEMS = (
    "SELECT n.iri, n.label FROM territory_items AS m JOIN list_nodes AS n ON n.id = m.item "
    "WHERE m.territory = (SELECT id FROM list_nodes WHERE iri = ?) "
    "AND m.class = (SELECT id FROM list_nodes WHERE iri = ?)"
)


def _lists(path: Path, table: str) -> sqlite3.Connection | None:
    """The connection to the index at ``path`` if it has ``table``, one of the lists'
    (:mod:`ingest.store.list_index`); None without an index or with an older one."""
    try:
        connection = _connect(path)
    except SearchIndexMissingError:
        return None
    (found,) = connection.execute(_HAS_TABLE, (table,)).fetchone()
    return connection if found else None


def list_labels(path: Path, iris: Sequence[str]) -> dict[str, str] | None:
    """The list label of each of ``iris`` that has one; None when the index at ``path`` has
    no table of list labels (none, or written before it)."""
    connection = _lists(path, "list_nodes")
    if connection is None:
        return None
    return dict(connection.execute(_LIST_LABELS, (json.dumps(list(iris)),)).fetchall())


def territory_items(
    path: Path, territory: str, class_iri: str
) -> list[tuple[str, str | None]] | None:
    """``(item, list label)`` of every item of class ``class_iri`` located in ``territory``
    or in a place within it; None when the index at ``path`` has no such table or has not
    written it for that class."""
    connection = _lists(path, "territory_items")
    if connection is None or connection.execute(_COVERED, (class_iri,)).fetchone() is None:
        return None  # no table, or not written for this class
    return connection.execute(_TERRITORY_ITEMS, (territory, class_iri)).fetchall()
