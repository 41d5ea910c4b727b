"""Compiled SPARQL checks vs pyshacl validating the store in place (issue #11).

``python bench/shacl_compare.py [--store PATH] [--repeat 3] [--timeout S] [--no-faults]``

Run from the repository root after ``ess-graph build`` (the store at ``ESS_STORE_PATH``, by
default ``var/store``). Two ways of validating the same store against
``ontology/shapes.ttl`` (union of all graphs, inference none), alternating, ``--repeat``
times each, each run in a fresh process so its peak memory is its own:

- ``compiled``: :func:`ingest.store.validate.validate_store`, what a cold build runs (the
  shapes compiled to SPARQL, run by Oxigraph in a small thread pool);
- ``pyshacl``: ``pyshacl.validate`` on the pyoxigraph ``Store`` itself, wrapped in
  ``pyshacl.graph_abstraction.OxigraphDataGraph`` with its default graph as the union
  (pyshacl >= 0.40), the same options as the project's own pyshacl calls;
- ``pyshacl-bool``: the same with pyshacl 0.40.2's fix applied by hand to 0.40.1 (the newest
  on PyPI here): a data graph is true without counting its triples.

Then, unless ``--no-faults``, once each on a copy of the store with a few faulty triples
added, so that both report violations and the results can be compared. Prints wall and CPU
seconds, peak RSS, conformance and result counts, the ratio of the medians and whether the
two agree on the results (shape, focus node, path, value, constraint component).
docs/BENCHMARKS.md keeps the figures.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

KINDS = ("compiled", "pyshacl", "pyshacl-bool")
FAULT_GRAPH = "graph/bench-faults"


def _store_settings() -> tuple[Any, Path]:
    from ess_core.settings import load_settings

    settings = load_settings()
    return settings, settings.store_path


def measure(kind: str, store_path: Path) -> dict[str, Any]:
    """Validate the store at ``store_path`` one way; the figures of this process."""
    import pyshacl
    from pyoxigraph import Store
    from pyshacl.graph_abstraction import DataGraph, OxigraphDataGraph

    from ingest.store.results import Violation
    from ingest.store.validate import _violations, load_shapes

    settings, _path = _store_settings()
    shapes = load_shapes(settings.shapes_path, settings.base_iri)
    store = Store.read_only(str(store_path))
    rss_before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    wall, cpu = time.perf_counter(), time.process_time()
    violations: list[Violation] | tuple[Violation, ...]
    extra: dict[str, object]
    if kind == "compiled":
        from ingest.store.validate import validate_store

        outcome = validate_store(store, shapes)
        violations, warnings, conforms = outcome.violations, outcome.warnings, outcome.conforms
        extra = {"checks": outcome.sparql_checks}
    else:
        data = DataGraph.from_oxigraph_store(store)
        assert isinstance(data, OxigraphDataGraph)  # noqa: S101 (pyshacl's own dispatch)
        # the build validates the union of all graphs (pyshacl's setter is untyped: setattr)
        setattr(data, "default_union", True)  # noqa: B010
        if kind == "pyshacl-bool":
            # pyshacl 0.40.2's fix, for 0.40.1: `datagraph or sg` (results' descriptions) made
            # Python call len(), a COUNT over the whole store, for every result, nested ones too
            setattr(OxigraphDataGraph, "__bool__", lambda _self: True)  # noqa: B010
        conforms, results, _text = pyshacl.validate(
            data,
            shacl_graph=shapes,
            inference="none",
            abort_on_first=False,
            allow_warnings=True,
            allow_infos=True,
            advanced=False,
            inplace=True,
            meta_shacl=False,
            debug=False,
        )
        violations, warnings = _violations(results, shapes)
        extra = {"pyshacl": pyshacl.__version__}
    wall, cpu = time.perf_counter() - wall, time.process_time() - cpu
    return {
        "kind": kind,
        "wall": wall,
        "cpu": cpu,
        "rss_before_mib": rss_before / 1024,
        "rss_peak_mib": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
        "conforms": bool(conforms),
        "violations": len(violations),
        "warnings": warnings,
        "keys": sorted([list(v.key()) for v in violations], key=str),
        **extra,
    }


def _child(kind: str, store: Path, timeout: float) -> dict[str, Any]:
    command = [sys.executable, __file__, "--one", kind, "--store", str(store)]
    started = time.perf_counter()
    try:
        done = subprocess.run(command, capture_output=True, text=True, timeout=timeout, check=False)
    except subprocess.TimeoutExpired:
        return {
            "kind": kind,
            "error": f"stopped after {timeout:.0f} s (--timeout)",
            "wall": time.perf_counter() - started,
        }
    if done.returncode != 0:
        tail = done.stderr.strip().splitlines()[-3:]
        return {"kind": kind, "error": f"exit {done.returncode}: {' | '.join(tail)}"}
    return dict(json.loads(done.stdout.strip().splitlines()[-1]))


def _load() -> str:
    one, five, fifteen = os.getloadavg()
    return f"{one:.2f} {five:.2f} {fifteen:.2f}"


def _print(run: int, row: dict[str, Any]) -> None:
    if "error" in row:
        print(f"  {run:>3} {row['kind']:12} {row['error']}")
        return
    print(
        f"  {run:>3} {row['kind']:12} {row['wall']:9.2f} {row['cpu']:9.2f} "
        f"{row['rss_peak_mib']:9.0f} {row['rss_before_mib']:9.0f} {row['conforms']!s:>8} "
        f"{row['violations']:>6} {row['warnings']:>5}"
    )


HEADER = (
    f"  {'run':>3} {'way':12} {'wall s':>9} {'CPU s':>9} {'peak MiB':>9} {'start MiB':>9} "
    f"{'conforms':>8} {'viol.':>6} {'warn.':>5}"
)


def _agree(rows: list[dict[str, Any]]) -> str:
    ok = [r for r in rows if "error" not in r]
    if len(ok) < 2:
        return "cannot compare (a way failed)"
    first, *others = ok
    same = all(r["conforms"] == first["conforms"] and r["keys"] == first["keys"] for r in others)
    if same:
        return f"same results ({first['violations']} violations, conforms={first['conforms']})"
    mine = {tuple(k) for k in first["keys"]}
    lines = [f"DIFFERENT: {first['kind']} {len(mine)} results"]
    for r in others:
        theirs = {tuple(k) for k in r["keys"]}
        lines.append(
            f"{r['kind']} {len(theirs)}; only {first['kind']}: {len(mine - theirs)}, "
            f"only {r['kind']}: {len(theirs - mine)}"
        )
        for key in sorted(mine ^ theirs, key=str)[:8]:
            lines.append(f"    {'<' if key in mine else '>'} {key}")
    return "\n  ".join(lines)


def _faulty_copy(store: Path, folder: Path, base: str) -> Path:
    """A copy of ``store`` with a few triples the shapes reject, in a graph of their own."""
    from pyoxigraph import Literal, NamedNode, Quad, Store

    target = folder / "store"
    shutil.copytree(store, target)
    copy = Store(str(target))
    ontology, graph = f"{base}ontology#", NamedNode(f"{base}{FAULT_GRAPH}")
    rdf_type = NamedNode("http://www.w3.org/1999/02/22-rdf-syntax-ns#type")
    document = NamedNode(f"{base}id/document/bench-fault")
    mention = NamedNode(f"{base}id/mention/bench-fault")
    copy.extend(
        [
            # a source document without a title, its identifier not a slug
            Quad(document, rdf_type, NamedNode(f"{ontology}SourceDocument"), graph),
            Quad(
                document,
                NamedNode("http://purl.org/dc/terms/identifier"),
                Literal("Not A Slug"),
                graph,
            ),
            # a mention with nothing but its type
            Quad(mention, rdf_type, NamedNode(f"{ontology}Mention"), graph),
        ]
    )
    copy.flush()
    del copy
    return target


def _series(
    label: str, store: Path, ways: list[str], repeat: int, timeout: float
) -> dict[str, list[dict[str, Any]]]:
    print(f"\n{label} (load average at start: {_load()})")
    print(HEADER)
    rows: dict[str, list[dict[str, Any]]] = {kind: [] for kind in ways}
    run = 0
    for index in range(repeat):
        for kind in ways if index % 2 == 0 else ways[::-1]:
            if rows[kind] and "error" in rows[kind][-1]:
                continue  # a way that failed or ran out of time is not run again
            run += 1
            row = _child(kind, store, timeout)
            rows[kind].append(row)
            _print(run, row)
    print(f"  load average at end: {_load()}")
    print(f"  results: {_agree([rows[kind][-1] for kind in ways])}")
    return rows


def _summary(rows: dict[str, list[dict[str, Any]]]) -> None:
    medians = {}
    for kind, runs in rows.items():
        ok = [r for r in runs if "error" not in r]
        if not ok:
            print(f"  {kind}: no run finished ({runs[0].get('error')})")
            continue
        medians[kind] = {
            "wall": statistics.median(r["wall"] for r in ok),
            "cpu": statistics.median(r["cpu"] for r in ok),
            "rss": max(r["rss_peak_mib"] for r in ok),
        }
        m = medians[kind]
        print(
            f"  {kind:12} median wall {m['wall']:.2f} s, median CPU {m['cpu']:.2f} s, "
            f"peak RSS {m['rss']:.0f} MiB ({len(ok)} runs)"
        )
    base = medians.get("compiled")
    for kind, m in medians.items():
        if base and kind != "compiled":
            print(
                f"  {kind} / compiled: wall {m['wall'] / base['wall']:.1f}x, "
                f"CPU {m['cpu'] / base['cpu']:.1f}x, peak RSS {m['rss'] / base['rss']:.1f}x"
            )


def main() -> None:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--store", type=Path, help="store to validate (default: ESS_STORE_PATH)")
    parser.add_argument("--repeat", type=int, default=3, help="runs of each way (alternating)")
    parser.add_argument("--timeout", type=float, default=1800.0, help="seconds per run")
    parser.add_argument("--no-faults", action="store_true", help="skip the faulty store")
    parser.add_argument(
        "--ways", nargs="+", choices=KINDS, default=list(KINDS), help="ways to run (default: all)"
    )
    parser.add_argument("--one", choices=KINDS, help=argparse.SUPPRESS)
    args = parser.parse_args()
    settings, default_store = _store_settings()
    store = args.store or default_store
    if args.one:
        print(json.dumps(measure(args.one, store)))
        return
    if not (store / "CURRENT").exists():
        sys.exit(f"{store}: no store there; run `ess-graph build` first")
    import pyoxigraph
    import pyshacl

    print(
        f"{os.cpu_count()} cores, Python {sys.version.split()[0]}, pyoxigraph "
        f"{pyoxigraph.__version__}, pyshacl {pyshacl.__version__}; store {store}"
    )
    rows = _series("full store", store, args.ways, args.repeat, args.timeout)
    _summary(rows)
    if not args.no_faults:
        with tempfile.TemporaryDirectory(prefix="ess-shacl-") as tmp:
            faulty = _faulty_copy(store, Path(tmp), settings.base_iri)
            finished = [w for w in args.ways if any("error" not in r for r in rows[w])]
            _series("store with faulty triples", faulty, finished, 1, args.timeout)


if __name__ == "__main__":
    main()
