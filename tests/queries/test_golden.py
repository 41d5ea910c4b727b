"""Every named query of ``queries/`` parses and gives its golden result with its defaults.

Regenerate the goldens with ``python tests/queries/update_golden.py`` and review the diff.
"""

from __future__ import annotations

import json

import pytest
from golden_support import QUERIES_DIR, golden_path, run
from pyoxigraph import Store

from graph_service.named_queries import load_named_queries

QUERIES = load_named_queries(QUERIES_DIR)


@pytest.mark.parametrize("name", sorted(QUERIES))
def test_named_query_matches_golden(name: str, query_store: Store) -> None:
    query = QUERIES[name]
    path = golden_path(query)
    assert path.exists(), f"no golden result: run python tests/queries/update_golden.py {name}"
    assert run(query_store, query) == json.loads(path.read_text(encoding="utf-8"))


@pytest.mark.parametrize("name", sorted(QUERIES))
def test_named_query_header(name: str) -> None:
    query = QUERIES[name]
    assert query.summary
    for param in query.params.values():
        assert param.default is not None or param.required
