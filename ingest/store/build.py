"""``ess-graph build``: load every source graph into a new store, validate, swap it in.

The new store is written in a new version folder beside the target (``<store>.v-<id>``,
:mod:`ess_core.store_versions`); only when it is loaded, described (``<base>graph/build``),
validated with SHACL, given its full-text index (:mod:`ingest.store.label_index`), closed
and given its build id does the store path (a symbolic link) switch to it, by one atomic
rename. Any failure before the swap removes the new folder and leaves the previous store
untouched; a build killed at any step leaves the previous store served, and its leftovers
are removed by the next build (or service start).
"""

from __future__ import annotations

import datetime as dt
import gc
import json
import shutil
import time
import traceback
from collections.abc import Sequence
from concurrent.futures import ThreadPoolExecutor
from importlib import metadata
from pathlib import Path
from typing import Any

from pyoxigraph import NamedNode, Store
from rich.console import Console

from ess_core.dataset_versions import settle
from ess_core.iris import Iris
from ess_core.settings import Settings
from ess_core.store_layout import INDEX_FILE_NAME, write_build_id
from ess_core.store_versions import (
    collect_garbage,
    fault_point,
    new_version,
    publish,
    recover,
    served,
    store_lock,
)
from ingest.rdf.sources import PROVIDERS, SourceGraph
from ingest.store.buildgraph import build_quads
from ingest.store.bulk import load_sources, load_threads
from ingest.store.default_graph import with_default_graph
from ingest.store.errors import BuildError
from ingest.store.incremental import STABLE_ORIGINS, closure_allowed, reference_key
from ingest.store.label_index import build_search_index, labelled_subjects, refresh_labels
from ingest.store.report import BuildReport, print_report
from ingest.store.reuse import copy_version, replace_unstable, reusable_version, stable_graphs
from ingest.store.sources import INPUT_ERRORS, collect_sources, origin_of
from ingest.store.validate import Validation, Violation, load_shapes, validate_store

STAMP_FILE = "ess-graph-build.json"
MAX_VIOLATIONS = 10

__all__ = ["BuildError", "BuildReport", "build_store"]


def _version() -> str:
    try:
        return metadata.version("ess-graph")
    except metadata.PackageNotFoundError:
        return "0+unknown"


def _stamp(settings: Settings) -> dict[str, str]:
    stamp = {"version": _version(), "base_iri": settings.base_iri}
    if settings.union_default_graph:  # no default graph: neither fresh nor reusable otherwise
        stamp["default_graph"] = "union"
    return stamp


def _newest(paths: list[Path]) -> float | None:
    """Latest modification time among ``paths`` (files or folders); None if one is missing."""
    newest = 0.0
    for path in paths:
        if not path.exists():
            return None
        files = [p for p in path.rglob("*") if p.is_file()] if path.is_dir() else [path]
        newest = max([newest, *(p.stat().st_mtime for p in files)])
    return newest


def is_fresh(settings: Settings, inputs: list[Path], *, validated: bool = True) -> bool:
    """True when the store exists, was built by this version and base IRI after every input,
    and (if ``validated``) was validated."""
    stamp = settings.store_path / STAMP_FILE
    try:
        recorded = json.loads(stamp.read_text("utf-8"))
        built = stamp.stat().st_mtime
    except (OSError, ValueError):
        return False
    if recorded.get("stamp") != _stamp(settings) or (validated and not recorded.get("validated")):
        return False
    newest = _newest(inputs)
    return newest is not None and built > newest


def _code_files() -> list[Path]:
    """The code a store depends on: every module of ``ingest`` and ``ess_core``."""
    ingest = Path(__file__).resolve().parents[1]
    return sorted(
        [*ingest.rglob("*.py"), *(ingest.parent / "ess_core").glob("*.py"), *ingest.rglob("*.json")]
    )


def _graph_counts(store: Store) -> dict[str, int]:
    rows = store.query("SELECT ?g (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } } GROUP BY ?g")
    return {row["g"].value: int(row["n"].value) for row in rows}  # type: ignore[union-attr]


def _describe_violation(
    violation: Violation, store: Store, sources: list[SourceGraph], base: str
) -> str:
    graphs: list[str] = []
    if violation.focus.startswith(("http://", "https://", "urn:")):
        query = f"SELECT DISTINCT ?g WHERE {{ GRAPH ?g {{ <{violation.focus}> ?p ?o }} }}"
        graphs = [row["g"].value for row in store.query(query)]  # type: ignore[union-attr]
    where = origin_of(violation.focus, graphs, sources, base)
    path = f" path <{violation.path}>" if violation.path else ""
    return (
        f"shape {violation.shape}: focus <{violation.focus}>{path}: {violation.message} "
        f"(from {where})"
    )


def _previous_stamp(settings: Settings) -> dict[str, Any]:
    try:
        stamp = json.loads((settings.store_path / STAMP_FILE).read_text("utf-8"))
    except (OSError, ValueError):
        return {}
    return stamp if isinstance(stamp, dict) else {}


def _validate(
    store: Store, settings: Settings, sources: list[SourceGraph], report: BuildReport
) -> Validation:
    try:
        shapes = load_shapes(settings.shapes_path, settings.base_iri)
    except INPUT_ERRORS as exc:
        raise BuildError(str(exc)) from None
    key = reference_key(settings, sources)
    only: list[str] | None = None
    if (
        key is not None
        and _previous_stamp(settings).get("reference_key") == key
        and (closure_allowed(shapes))
    ):
        stable = {s.graph for s in sources if s.origin_kind in STABLE_ORIGINS}
        only = [g for g in report.graphs if g not in stable]
    report.validation_mode = "full" if only is None else "incremental"
    validation = validate_store(store, shapes, only, union=settings.union_default_graph)
    report.reference_key = key
    if validation.violations:
        details = tuple(
            _describe_violation(v, store, sources, settings.base_iri)
            for v in validation.violations[:MAX_VIOLATIONS]
        )
        count = len(validation.violations)
        raise BuildError(
            f"SHACL validation failed ({settings.shapes_path}): {count} "
            f"violation(s); first: {details[0]}",
            details,
        )
    return validation


def _timed_index(
    store: Store, folder: Path, settings: Settings, relabelled: set[str] | None = None
) -> float:
    """Write the search index: the whole of it, or (``relabelled``, a reused version whose
    index was copied) only the labels of the subjects the replaced graphs labelled."""
    tick = time.perf_counter()
    if relabelled is None:
        build_search_index(store, folder / INDEX_FILE_NAME, settings)
    else:
        refresh_labels(store, folder / INDEX_FILE_NAME, settings.base_iri, relabelled)
    return time.perf_counter() - tick


def _replaced_graphs(store: Store, sources: list[SourceGraph]) -> list[str]:
    keep = set(stable_graphs(sources))
    return [
        g.value for g in store.named_graphs() if isinstance(g, NamedNode) and g.value not in keep
    ]


def _record(report: BuildReport, validation: Validation) -> None:
    if validation.sparql_checks:
        report.timings["validation sparql"] = validation.sparql_s
    if validation.pyshacl_shapes:
        report.timings["validation read"] = validation.read_s
        report.timings["validation pyshacl"] = validation.validate_s
    report.warnings = validation.warnings
    report.validated_triples = validation.data_triples
    report.sparql_checks = validation.sparql_checks


def _fill(
    store: Store,
    folder: Path,
    settings: Settings,
    sources: list[SourceGraph],
    report: BuildReport,
    started: dt.datetime,
    *,
    validate: bool,
    previous: Path | None = None,
) -> None:
    tick = time.perf_counter()
    reused = previous is not None
    merged = not settings.union_default_graph  # else queried as the union of the named graphs
    threads = load_threads(settings.load_threads)
    relabelled: set[str] | None = None
    if previous is not None:
        # the previous version's search index is kept too, its labels of the replaced graphs
        # re-read (their subjects before and after the replacement)
        if (previous / INDEX_FILE_NAME).is_file():
            shutil.copy2(previous / INDEX_FILE_NAME, folder / INDEX_FILE_NAME)
            relabelled = labelled_subjects(store, _replaced_graphs(store, sources))
        replace_unstable(store, sources, default_graph=merged, threads=threads)
    else:  # the sources and their merge, the default graph
        load_sources(store, sources, default_graph=merged, threads=threads)
    report.load_mode = "reused" if reused else "cold"
    fault_point("load", settings.build_fault_step)
    report.input_warnings = [w for source in sources for w in source.warnings]
    report.graphs = _graph_counts(store)
    report.timings["load"] = time.perf_counter() - tick
    iris = Iris(settings.base_iri)
    ended = dt.datetime.now(dt.UTC)
    described = list(build_quads(iris, sources, report.graphs, started, ended))
    store.bulk_extend(with_default_graph(described) if merged else described)
    report.graphs[iris.graph("build")] = len(described)
    if relabelled is not None:
        relabelled |= labelled_subjects(store, _replaced_graphs(store, sources))
    origin = {source.graph: source.origin_kind for source in sources}
    for name, count in report.graphs.items():
        kind = origin.get(name, "build")
        report.origins[kind] = report.origins.get(kind, 0) + count
    # The search index (Python) is built while the validation queries run (Rust, GIL released).
    with ThreadPoolExecutor(max_workers=1) as pool:
        index = pool.submit(_timed_index, store, folder, settings, relabelled)
        tick = time.perf_counter()
        if validate:
            _record(report, _validate(store, settings, sources, report))
        report.timings["validation"] = time.perf_counter() - tick
        report.timings["search index"] = index.result()
    report.timings["validation + search index"] = time.perf_counter() - tick
    fault_point("index", settings.build_fault_step)
    tick = time.perf_counter()
    store.flush()
    store.optimize()
    report.timings["optimize"] = time.perf_counter() - tick


def build_store(
    settings: Settings,
    *,
    if_stale: bool = False,
    console: Console | None = None,
    validate: bool = True,
    providers: Sequence[str] = PROVIDERS,
    reuse: bool = True,
) -> BuildReport:
    """Build the store at ``settings.store_path``; raise :class:`BuildError` on bad input.

    ``validate=False`` skips SHACL (for fixtures while the data does not conform yet);
    ``providers`` replaces :data:`~ingest.rdf.sources.PROVIDERS` (for tests); ``reuse=False``
    loads every graph even when the previous version's reference graphs could be kept
    (:mod:`ingest.store.reuse`).
    """
    begin = time.perf_counter()
    started = dt.datetime.now(dt.UTC)
    target = settings.store_path
    report = BuildReport(store_path=target)
    settle(served(target))  # a write stopped after its swap: its versions are build inputs
    sources, code = collect_sources(settings, providers)
    inputs = [p for s in sources for p in s.inputs] + [settings.shapes_path, *code, *_code_files()]
    with store_lock(target):
        recover(target)
        collect_garbage(target)
        if if_stale and is_fresh(settings, inputs, validated=validate):
            report.skipped = True
            if console is not None:
                console.print(f"store {target} is up to date: nothing to build")
            return report
        _build_and_swap(settings, report, sources, started, validate=validate, reuse=reuse)
    report.timings["total"] = time.perf_counter() - begin
    if console is not None:
        print_report(report, console)
    return report


def _build_and_swap(
    settings: Settings,
    report: BuildReport,
    sources: list[SourceGraph],
    started: dt.datetime,
    *,
    validate: bool,
    reuse: bool = True,
) -> None:
    """Write a new version folder, then swap it in (under the build lock)."""
    target, fault = settings.store_path, settings.build_fault_step
    fault_point("begin", fault)
    previous = None
    if reuse:
        key = reference_key(settings, sources)
        previous = reusable_version(target, STAMP_FILE, _stamp(settings), key, validated=validate)
    new_dir = new_version(target)
    store: Store | None = None
    published = False
    try:
        store = Store(str(new_dir)) if previous is None else copy_version(previous, new_dir)
        fault_point("open", fault)
        _fill(
            store,
            new_dir,
            settings,
            sources,
            report,
            started,
            validate=validate,
            previous=previous,
        )
        store = None  # closes the store: the swap needs it closed
        gc.collect()
        fault_point("closed", fault)
        stamp = {
            "stamp": _stamp(settings),
            "built_at": started.isoformat(timespec="seconds"),
            "quads": report.total_quads,
            "validated": validate,
            "reference_key": report.reference_key,
        }
        (new_dir / STAMP_FILE).write_text(json.dumps(stamp, indent=2) + "\n", "utf-8")
        fault_point("stamp", fault)
        write_build_id(new_dir)  # last: it marks the folder complete; a service sees the swap
        fault_point("build-id", fault)
        publish(new_dir, target, fault)
        published = True
    except BaseException as exc:
        store = None  # close it before removing its folder (the traceback holds frames)
        traceback.clear_frames(exc.__traceback__)
        gc.collect()
        if not published:
            shutil.rmtree(new_dir, ignore_errors=True)
        raise
    fault_point("swap", fault)
    collect_garbage(target, fault)
