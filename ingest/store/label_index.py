"""The full-text index of names, aliases and acronyms, built from the store at build time.

Oxigraph has no full-text index, so the build writes one with SQLite FTS5 (standard library)
into the new store directory before the store is swapped in: the index and the store are
always swapped together, so the index never describes another version of the graph. A write,
and a build that reuses the previous version, copy the previous index and re-index only the
subjects whose labels they changed (:func:`refresh_labels`).

Every label (``skos:prefLabel``, ``skos:altLabel``, ``foaf:name``, ``igeo:nom``,
``rdfs:label``, ``dcterms:title``) of a resource under ``<base>id/`` is stored folded (lower
case, no accents, hyphens and punctuation as spaces), with the acronym of its initials
("Communauté d'agglomération Valenciennes Métropole" -> ``cavm``), so that matching is
accent-, case- and hyphen-insensitive.
"""

from __future__ import annotations

import contextlib
import re
import sqlite3
from collections.abc import Iterable
from pathlib import Path

from pyoxigraph import DefaultGraph, Literal, NamedNode, Store

from ess_core.iris import Iris
from ess_core.namespaces import DCTERMS, FOAF, IGEO, RDFS, SKOS
from ess_core.settings import Settings
from ess_core.store_layout import fold_label, kind_of
from ingest.store import list_index

SCHEMA_VERSION = "4"
"""4: the tables of the REST lists (:mod:`ingest.store.list_index`)."""

# Label properties, most preferred first: the first one a node has is its display label.
LABEL_PROPERTIES: tuple[NamedNode, ...] = (
    SKOS("prefLabel"),
    FOAF("name"),
    IGEO("nom"),
    DCTERMS("title"),
    RDFS("label"),
    SKOS("altLabel"),
)
_STOP_WORDS = frozenset("d de des du l la le les et en a au aux pour sur un une".split())

# An entry's id orders it as the search ranks entries within a kind of match: by preference,
# then by length, then (in a cold build) by IRI. The full-text table gives its matches in id
# order, so the search reads the best ones first and stops, with no ranking function.
_BAND_BITS = 32

_TABLES = """
CREATE TABLE meta(key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE nodes(iri TEXT PRIMARY KEY, kind TEXT NOT NULL, label TEXT NOT NULL);
CREATE TABLE entries(
    id INTEGER PRIMARY KEY, iri TEXT NOT NULL, kind TEXT NOT NULL, label TEXT NOT NULL,
    property TEXT NOT NULL, preference INTEGER NOT NULL, folded TEXT NOT NULL,
    acronym TEXT NOT NULL);
CREATE VIRTUAL TABLE entries_fts USING fts5(
    folded, acronym, content='entries', content_rowid='id',
    tokenize='unicode61 remove_diacritics 2', prefix='1 2 3');
"""
# prefix: the words of one to three letters are indexed too, so that a short query word ("b",
# "ma") is one lookup, not the merge of every word it starts (thousands at 800,000 labels).
# Created once the rows are in (a cold build): sorting once is linear-ish, keeping three
# B-trees up to date row by row in a 2 MB page cache was not.
_INDEXES = """
CREATE INDEX entries_iri ON entries(iri);
CREATE INDEX entries_folded ON entries(folded);
CREATE INDEX entries_acronym ON entries(acronym) WHERE acronym <> '';
"""
# The index file is written beside the new store before the swap and renamed into place:
# a crash leaves a ``.tmp`` file that the next build deletes, so no journal is needed.
_BUILD_PRAGMAS = """
PRAGMA journal_mode = OFF;
PRAGMA synchronous = OFF;
PRAGMA cache_size = -65536;
"""


def entry_id(preference: int, folded: str, number: int) -> int:
    """The id of an entry: its band (preference, then length up to 255) above ``number``.

    >>> entry_id(0, "mel", 7) < entry_id(0, "melantois", 1) < entry_id(1, "mel", 0)
    True
    """
    return ((preference << 8) | min(len(folded), 255)) << _BAND_BITS | number


def acronym(label: str) -> str:
    """Initials of a label's significant words; short capitalised words count whole.

    >>> acronym("Communauté d'agglomération Valenciennes Métropole")
    'cavm'
    >>> acronym("CA Valenciennes Métropole")
    'cavm'
    """
    letters, words = [], 0
    for word in re.split(r"[^\w]+", label):
        folded = fold_label(word)
        if not folded or folded in _STOP_WORDS or folded.isdigit():
            continue
        words += 1
        letters.append(folded if word.isupper() and len(word) <= 4 else folded[0])
    found = "".join(letters).replace(" ", "")
    return found if words >= 2 and len(found) >= 3 else ""


def _labels(
    store: Store, base_iri: str, only: NamedNode | None = None
) -> list[tuple[str, str, str, int]]:
    # The default graph is the merge of all graphs (a build's store): each label read once;
    # a store without one (written by other means) is read through all its graphs.
    default = DefaultGraph()
    graph = default if next(store.quads_for_pattern(None, None, None, default), None) else None
    rows: list[tuple[str, str, str, int]] = []
    for preference, prop in enumerate(LABEL_PROPERTIES):
        for quad in store.quads_for_pattern(only, prop, None, graph):
            subject, label = quad.subject, quad.object
            if not isinstance(subject, NamedNode) or not isinstance(label, Literal):
                continue
            if kind_of(subject.value, base_iri) and label.value.strip():
                rows.append((subject.value, label.value.strip(), prop.value, preference))
    return sorted(set(rows))


def labelled_subjects(store: Store, graphs: Iterable[str]) -> set[str]:
    """IRIs of the subjects given a label (any of :data:`LABEL_PROPERTIES`) in ``graphs``."""
    found: set[str] = set()
    for graph in graphs:
        for prop in LABEL_PROPERTIES:
            for quad in store.quads_for_pattern(None, prop, None, NamedNode(graph)):
                if isinstance(quad.subject, NamedNode):
                    found.add(quad.subject.value)
    return found


def _display_labels(rows: list[tuple[str, str, str, int]]) -> dict[str, str]:
    best: dict[str, tuple[int, str]] = {}
    for iri, label, _prop, preference in rows:
        if iri not in best or (preference, label) < best[iri]:
            best[iri] = (preference, label)
    return {iri: label for iri, (_pref, label) in best.items()}


def build_search_index(store: Store, index_path: Path, settings: Settings) -> int:
    """Write the index of ``store``'s labels to ``index_path``; return the number of labels.

    The build calls it on the new store directory before the swap:
    ``build_search_index(store, new_dir / INDEX_FILE_NAME, settings)``.
    """
    return index_labels(store, index_path, settings.base_iri)


def index_labels(store: Store, index_path: Path, base: str) -> int:
    """:func:`build_search_index` for the base IRI ``base``."""
    base_iri = Iris(base).base
    rows = _labels(store, base_iri)
    tmp_path = index_path.with_name(index_path.name + ".tmp")
    tmp_path.unlink(missing_ok=True)
    connection = sqlite3.connect(tmp_path)
    try:
        connection.executescript(_BUILD_PRAGMAS + _TABLES)
        connection.executemany(
            "INSERT INTO meta VALUES (?, ?)",
            [("schema_version", SCHEMA_VERSION), ("base_iri", base_iri)],
        )
        _insert(connection, rows, base_iri, first=0)
        list_index.write(connection, store, base_iri)
        connection.executescript(_INDEXES)
        connection.execute("INSERT INTO entries_fts(entries_fts) VALUES ('rebuild')")
        connection.commit()
    finally:
        connection.close()
    tmp_path.replace(index_path)
    return len(rows)


def _insert(
    connection: sqlite3.Connection,
    rows: list[tuple[str, str, str, int]],
    base_iri: str,
    first: int,
) -> list[tuple[int, str, str]]:
    """Insert the nodes and entries of ``rows``; entries are numbered from ``first`` within
    their band, in band order (then IRI order), so that a cold build writes ids ascending.
    Returns the entries' ``(id, folded, acronym)``, for the full-text table."""
    kinds: dict[str, str] = {}
    nodes = []
    for iri, label in _display_labels(rows).items():
        kinds[iri] = kind_of(iri, base_iri) or ""
        nodes.append((iri, kinds[iri], label))
    connection.executemany("INSERT INTO nodes VALUES (?, ?, ?)", nodes)
    entries = sorted(
        (preference, len(folded), iri, label, prop, folded)
        for iri, label, prop, preference in rows
        for folded in (fold_label(label),)
    )
    numbered = [
        (entry_id(preference, folded, first + number), iri, label, prop, preference, folded)
        for number, (preference, _length, iri, label, prop, folded) in enumerate(entries)
    ]
    acronyms = [acronym(label) for _id, _iri, label, _prop, _pref, _folded in numbered]
    connection.executemany(
        "INSERT INTO entries(id, iri, kind, label, property, preference, folded, acronym) "
        "VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
        (
            (number, iri, kinds[iri], label, prop, preference, folded, initials)
            for (number, iri, label, prop, preference, folded), initials in zip(
                numbered, acronyms, strict=True
            )
        ),
    )
    return [
        (number, folded, initials)
        for (number, _iri, _label, _prop, _pref, folded), initials in zip(
            numbered, acronyms, strict=True
        )
    ]


def _meta(index_path: Path) -> dict[str, str]:
    if not index_path.is_file():
        return {}
    try:
        with contextlib.closing(sqlite3.connect(f"file:{index_path}?mode=ro", uri=True)) as db:
            return dict(db.execute("SELECT key, value FROM meta").fetchall())
    except sqlite3.Error:
        return {}


def matches(index_path: Path, base: str) -> bool:
    """Whether ``index_path`` is an index of this layout for the base IRI ``base``."""
    return _meta(index_path) == {"schema_version": SCHEMA_VERSION, "base_iri": Iris(base).base}


def refresh_labels(store: Store, index_path: Path, base: str, subjects: Iterable[str]) -> int:
    """Re-index the labels of ``subjects`` in ``index_path``, the index copied from the
    previous store version; without a :func:`matches` one, index everything.

    A write (:mod:`ingest.writes.job`) and a build that reuses the previous version
    (:mod:`ingest.store.build`) call it on the new version's folder before the swap, so the
    index and the store it describes are still swapped together. Returns the number of
    labels re-indexed.
    """
    if not matches(index_path, base):
        return index_labels(store, index_path, base)  # none, or of another layout or base
    base_iri = Iris(base).base
    wanted = sorted(set(subjects))
    rows = [row for iri in wanted for row in _labels(store, base_iri, NamedNode(iri))]
    connection = sqlite3.connect(index_path)
    try:
        with connection:  # one transaction: the copy is the new version's only
            connection.execute("CREATE TEMP TABLE wanted(iri TEXT PRIMARY KEY)")
            connection.executemany("INSERT INTO wanted VALUES (?)", [(iri,) for iri in wanted])
            connection.execute(
                "INSERT INTO entries_fts(entries_fts, rowid, folded, acronym) "
                "SELECT 'delete', id, folded, acronym FROM entries "
                "WHERE iri IN (SELECT iri FROM wanted)"
            )
            connection.execute("DELETE FROM entries WHERE iri IN (SELECT iri FROM wanted)")
            connection.execute("DELETE FROM nodes WHERE iri IN (SELECT iri FROM wanted)")
            (first,) = connection.execute(
                "SELECT coalesce(max(id & ?), -1) + 1 FROM entries", ((1 << _BAND_BITS) - 1,)
            ).fetchone()
            added = _insert(connection, rows, base_iri, first=first)
            connection.executemany(
                "INSERT INTO entries_fts(rowid, folded, acronym) VALUES (?, ?, ?)", added
            )
            list_index.refresh(connection, store, base_iri, wanted)
    finally:
        connection.close()
    return len(rows)
