"""Time and weigh every page kind on the built store (issue #15: ≤ 300 ms and ≤ 1 MB a page).

    .venv/bin/python bench/pages_bench.py [--cold 3] [--warm 10] [--markdown]

In process (TestClient over the app with the settings of the environment, so over the store
of ``make build``). The pages: home, search, editor, every list (HTML, CSV, JSON), the map,
and for each kind of resource the page of its *heaviest* member (the one with the most
triples around it, found by one pass over the store: no name is written here), plus the
network and time line pages of the heaviest organisation, territory and document, and the
first and a later page of the largest dataset.

Each page is fetched ``--cold`` times with the REST layer's answer cache emptied first
(``cold``: every query runs on the query workers, as for the first visitor after a build),
then ``--warm`` times as it is (``warm``: answers kept for the build). Prints, per page, the
cold median and maximum, the warm median and 95th percentile, and the size; then the pages
over the targets.
"""

from __future__ import annotations

import argparse
import os
import statistics
import time
from collections import Counter
from pathlib import Path

import pyoxigraph as ox
from fastapi.testclient import TestClient

from ess_core.settings import load_settings
from ess_core.store_layout import kind_of
from graph_service.app import ServiceApp, create_app

TARGET_MS, TARGET_BYTES = 300.0, 1_000_000
FIXED = [
    "/",
    "/search?q=cress",
    "/query",
    "/map",
    "/lists/actors",
    "/lists/actors.csv",
    "/lists/people",
    "/lists/people.json",
    "/lists/plans",
    "/lists/events",
    "/lists/documents",
]
SKIPPED_KINDS = {"build"}


def heaviest(store_path: Path, base: str) -> dict[str, str]:
    """The path ``<kind>/<slug>`` of the resource of each kind with the most triples around
    it (as subject or object), read with one pass over the store."""
    store = ox.Store.read_only(str(store_path))
    degree: Counter[str] = Counter()
    prefix = f"{base}id/"
    for quad in store.quads_for_pattern(None, None, None, ox.DefaultGraph()):
        for term in (quad.subject, quad.object):
            if isinstance(term, ox.NamedNode) and term.value.startswith(prefix):
                degree[term.value] += 1
    best: dict[str, str] = {}
    for iri, _count in degree.most_common():
        kind = kind_of(iri, base)
        if kind and kind not in best and kind not in SKIPPED_KINDS:
            best[kind] = iri.removeprefix(prefix)
    return dict(sorted(best.items()))


def pages(found: dict[str, str]) -> list[str]:
    """Every page to time."""
    entity = [f"/page/{path}" for path in found.values()]
    territory = next((found[k] for k in ("epci", "commune", "region") if k in found), None)
    pictures = [
        f"/{picture}/{path}"
        for path in (found.get("organisation"), territory, found.get("document"))
        if path
        for picture in ("network", "timeline")
        if not (picture == "timeline" and path.startswith("document/"))
    ]
    listed = [f"/lists/actors?territory={territory}"] if territory else []
    later = [f"/page/{found['dataset']}?offset=200"] if "dataset" in found else []
    return [*FIXED, *listed, *entity, *later, *pictures]


def timed(client: TestClient, path: str) -> tuple[float, int]:
    start = time.perf_counter()
    response = client.get(path)
    elapsed = (time.perf_counter() - start) * 1000
    if response.status_code != 200:
        raise SystemExit(f"{path}: HTTP {response.status_code}")
    return elapsed, len(response.content)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--cold", type=int, default=3)
    parser.add_argument("--warm", type=int, default=10)
    args = parser.parse_args()
    settings = load_settings()
    found = heaviest(settings.store_path, settings.base_iri)
    app: ServiceApp = create_app(settings)
    cache = app.state.read_cache
    over: list[str] = []
    print(f"load average before: {' '.join(f'{x:.2f}' for x in os.getloadavg())}\n")
    print("| page | cold p50 ms | cold max ms | warm p50 ms | warm p95 ms | kB |")
    print("|---|---:|---:|---:|---:|---:|")
    with TestClient(app) as client:
        client.get("/health")
        for path in pages(found):
            cold, warm, size = [], [], 0
            for _ in range(args.cold):
                if cache is not None:
                    cache.clear()
                elapsed, size = timed(client, path)
                cold.append(elapsed)
            for _ in range(args.warm):
                elapsed, size = timed(client, path)
                warm.append(elapsed)
            p95 = statistics.quantiles(warm, n=20)[-1] if len(warm) > 1 else warm[0]
            print(
                f"| `{path}` | {statistics.median(cold):.0f} | {max(cold):.0f} | "
                f"{statistics.median(warm):.0f} | {p95:.0f} | {size / 1000:.0f} |"
            )
            if statistics.median(cold) > TARGET_MS or p95 > TARGET_MS or size > TARGET_BYTES:
                over.append(path)
    print(f"\nload average after: {' '.join(f'{x:.2f}' for x in os.getloadavg())}")
    print(f"pages over {TARGET_MS:.0f} ms (cold median or warm p95) or 1 MB: {over or 'none'}")


if __name__ == "__main__":
    main()
