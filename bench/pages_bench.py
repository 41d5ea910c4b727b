"""Time and weigh each page type on the built store (``python bench/pages_bench.py``).

In process (TestClient over the app with the settings of the environment): each page is
fetched once to warm the caches, then ``REPEAT`` times; prints the median time and the size.
Targets (issue #15): ≤ 300 ms and ≤ 1 MB a page on the seed graph.
"""

from __future__ import annotations

import statistics
import time

from fastapi.testclient import TestClient

from ess_core.settings import load_settings
from graph_service.app import create_app

REPEAT = 5
PAGES = [
    "/",
    "/search?q=cress",
    "/query",
    "/lists/actors",
    "/lists/actors?territory=epci/245901160",
    "/lists/people",
    "/lists/plans",
    "/lists/events",
    "/lists/documents",
    "/page/organisation/cress",
    "/page/organisation/apes",
    "/page/epci/245901160",
    "/page/commune/59606",
    "/page/document/apes-decennie-valenciennois",
    "/page/plan/valenciennes-metropole-pldess-2021",
    "/page/dataset/population-municipale",
    "/network/organisation/apes",
    "/network/epci/245901160",
    "/timeline/epci/245901160",
    "/map",
]


def main() -> None:
    with TestClient(create_app(load_settings())) as client:
        print("| page | median ms | kB |\n|---|---:|---:|")
        for path in PAGES:
            response = client.get(path)
            times = []
            for _ in range(REPEAT):
                start = time.perf_counter()
                response = client.get(path)
                times.append(time.perf_counter() - start)
            if response.status_code != 200:
                raise SystemExit(f"{path}: HTTP {response.status_code}")
            print(
                f"| `{path}` | {statistics.median(times) * 1000:.0f} | "
                f"{len(response.content) / 1000:.0f} |"
            )


if __name__ == "__main__":
    main()
