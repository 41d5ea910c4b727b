"""Regenerate ``tests/queries/golden/*.json``: ``python tests/queries/update_golden.py [name…]``.

Builds an in-memory store from the committed data (every available provider), runs each named
query with its defaults and writes the normalised results. Review the diff before committing.
"""

from __future__ import annotations

import sys

from golden_support import (
    GOLDEN_DIR,
    QUERIES_DIR,
    dump,
    golden_path,
    load_store,
    repo_settings,
    run,
)

from graph_service.named_queries import load_named_queries


def main(names: list[str]) -> int:
    queries = load_named_queries(QUERIES_DIR)
    unknown = sorted(set(names) - set(queries))
    if unknown:
        print(f"error: no query named {', '.join(unknown)} in {QUERIES_DIR}", file=sys.stderr)
        return 1
    GOLDEN_DIR.mkdir(parents=True, exist_ok=True)
    store = load_store(repo_settings())
    for name, query in queries.items():
        if names and name not in names:
            continue
        golden_path(query).write_text(dump(run(store, query)), encoding="utf-8")
        print(f"wrote {golden_path(query)}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
