"""A large bulk load in parts, one thread each (``ESS_LOAD_THREADS``), makes the same store as
one load; a part that fails is raised after every thread has ended, and a build it fails
leaves the previous store as it was."""

from __future__ import annotations

import hashlib
import random
import re
import threading
from pathlib import Path

import pytest
from pyoxigraph import (
    CanonicalizationAlgorithm,
    Dataset,
    DefaultGraph,
    NamedNode,
    RdfFormat,
    Store,
)
from store_test_provider import PROVIDERS
from test_store_failures import _fingerprint, _untouched

from ess_core.settings import Settings
from ingest.store import bulk
from ingest.store.build import build_store
from ingest.store.bulk import load_lines, load_threads, split_lines


def _lines(count: int = 600, blanks: int = 40) -> bytes:
    """Invented N-Quads: plain quads, and blank nodes stated in a graph and in the default
    graph on lines scattered through the file (as the build's default-graph lines are)."""
    rng = random.Random(10)  # noqa: S311 (a reproducible file)
    lines = [
        f'<http://example.org/s{i}> <http://example.org/p> "valeur {i}" '
        f"<http://example.org/g{i % 3}> .\n".encode()
        for i in range(count)
    ]
    for i in range(blanks):
        node, target = f"_:n{i % 7}", f"<http://example.org/o{i}>"
        for graph in ("<http://example.org/g0> ", ""):
            line = f"{node} <http://example.org/q> {target} {graph}.\n".encode()
            lines.insert(rng.randrange(len(lines)), line)
    lines.insert(5, b'<http://example.org/s> <http://example.org/p> "un _: dans un texte" .\n')
    return b"".join(lines)


def _digest(store: Store) -> str:
    """The store's quads, blank nodes canonically named, sorted, hashed."""
    dataset = Dataset(store)
    dataset.canonicalize(CanonicalizationAlgorithm.UNSTABLE)
    return hashlib.sha256("".join(sorted(f"{q} .\n" for q in dataset)).encode()).hexdigest()


def _one_load(data: bytes) -> Store:
    store = Store()
    store.bulk_load(data, format=RdfFormat.N_QUADS)
    return store


def test_split_lines_keeps_every_line_and_the_blank_node_lines_together() -> None:
    data = _lines()
    for parts in (1, 2, 3, 8):
        pieces = split_lines(data, parts)
        assert 1 <= len(pieces) <= parts
        assert all(piece.endswith(b"\n") for piece in pieces)
        assert sorted(b"".join(pieces).splitlines()) == sorted(data.splitlines())
        assert all(b"_:" not in piece for piece in pieces[1:])
    assert split_lines(b"", 2) == [b""]
    assert split_lines(b"<a> <b> <c> .", 4) == [b"<a> <b> <c> ."]


@pytest.mark.parametrize("parts", [2, 3, 5])
def test_parts_in_threads_make_the_store_of_one_load(tmp_path: Path, parts: int) -> None:
    data = _lines()
    path = tmp_path / "data.nq"
    path.write_bytes(re.sub(rb"_:(\w*)", rb"<urn:x:\1>", data))  # no blank node: cut by offsets
    expected = _digest(_one_load(data))
    in_parts = Store()
    load_lines(in_parts, data, threads=parts, min_bytes=0)
    assert _digest(in_parts) == expected
    from_file = Store()
    load_lines(from_file, path, threads=parts, min_bytes=0)
    assert _digest(from_file) == _digest(_one_load(path.read_bytes()))


def test_a_file_with_blank_nodes_is_loaded_in_one_part(tmp_path: Path) -> None:
    path = tmp_path / "data.nq"
    path.write_bytes(_lines())
    store = Store()
    load_lines(store, path, threads=4, min_bytes=0)
    assert _digest(store) == _digest(_one_load(path.read_bytes()))


def test_blank_nodes_cut_apart_would_be_other_nodes() -> None:
    """Why the blank-node lines stay together: each load names its blank nodes anew."""
    data = _lines()
    lines = data.splitlines(keepends=True)
    naive = Store()
    for half in (lines[: len(lines) // 2], lines[len(lines) // 2 :]):
        naive.bulk_load(b"".join(half), format=RdfFormat.N_QUADS)
    assert _digest(naive) != _digest(_one_load(data))


def test_n_triples_into_the_default_graph_in_parts(tmp_path: Path) -> None:
    path = tmp_path / "default.nt"
    lines = (f'<http://example.org/s{i}> <http://example.org/p> "{i}" .\n' for i in range(500))
    path.write_bytes("".join(lines).encode())
    store = Store()
    load_lines(
        store, path, threads=2, min_bytes=0, format=RdfFormat.N_TRIPLES, to_graph=DefaultGraph()
    )
    assert len(store) == 500
    assert len(list(store.quads_for_pattern(None, None, None, DefaultGraph()))) == 500


def test_a_failing_part_is_raised_once_every_part_has_ended() -> None:
    before = threading.active_count()
    data = _lines() + b"<http://example.org/s> this is not n-quads .\n"
    with pytest.raises(SyntaxError):
        load_lines(Store(), data, threads=3, min_bytes=0)
    assert threading.active_count() == before


def test_below_the_threshold_one_load(monkeypatch: pytest.MonkeyPatch) -> None:
    seen: list[object] = []
    monkeypatch.setattr(bulk, "_load_part", lambda *args: seen.append(args))
    store = Store()
    load_lines(store, _lines(), threads=4)  # far below PARALLEL_MIN_BYTES
    assert seen == []
    assert len(store) > 0
    assert load_threads(3) == 3
    assert load_threads(0) >= 1


def _build_digest(settings: Settings) -> str:
    """The built store, its build graph (times) and their default-graph copies left out."""
    store = Store.read_only(str(settings.store_path))
    build = NamedNode(f"{settings.base_iri}graph/build")
    described = {(q.subject, q.predicate, q.object) for q in store if q.graph_name == build}
    kept = Store()
    for quad in store:
        if isinstance(quad.graph_name, DefaultGraph):
            if (quad.subject, quad.predicate, quad.object) not in described:
                kept.add(quad)
        elif quad.graph_name != build:
            kept.add(quad)
    return _digest(kept)


def test_a_build_in_parts_is_the_build_in_one_part(
    small_settings: Settings, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    one = small_settings.model_copy(update={"load_threads": 1})
    build_store(one, providers=PROVIDERS, validate=False)
    calls: list[int] = []
    original = bulk._load_part

    def counted(*args: object) -> None:
        calls.append(1)
        original(*args)  # type: ignore[arg-type]

    monkeypatch.setattr(bulk, "PARALLEL_MIN_BYTES", 0)
    monkeypatch.setattr(bulk, "_load_part", counted)
    parts = small_settings.model_copy(
        update={"load_threads": 3, "store_path": tmp_path / "parts" / "store"}
    )
    build_store(parts, providers=PROVIDERS, validate=False, reuse=False)
    assert len(calls) == 3
    assert _build_digest(parts) == _build_digest(one)


def test_a_part_that_fails_leaves_the_previous_store(
    small_settings: Settings, monkeypatch: pytest.MonkeyPatch
) -> None:
    build_store(small_settings, providers=PROVIDERS)
    before = _fingerprint(small_settings.store_path)
    original = bulk._load_part
    calls: list[int] = []

    def second_fails(*args: object) -> None:
        calls.append(1)
        if len(calls) == 2:
            raise OSError("disk full (invented)")
        original(*args)  # type: ignore[arg-type]

    monkeypatch.setattr(bulk, "PARALLEL_MIN_BYTES", 0)
    monkeypatch.setattr(bulk, "_load_part", second_fails)
    settings = small_settings.model_copy(update={"load_threads": 2})
    with pytest.raises(OSError, match="invented"):
        build_store(settings, providers=PROVIDERS, reuse=False)
    _untouched(small_settings, before)
