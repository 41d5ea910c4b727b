"""Helpers of the golden-result tests of ``queries/*.rq`` (shared with ``update_golden.py``)."""

from __future__ import annotations

import importlib
import json
from pathlib import Path
from typing import Any

from pyoxigraph import Store

from ess_core.settings import Settings
from graph_service.named_queries import NamedQuery, evaluate
from ingest.rdf.sources import PROVIDERS, SourceGraph
from ingest.store.default_graph import with_default_graph

REPO = Path(__file__).resolve().parents[2]
QUERIES_DIR = REPO / "queries"
GOLDEN_DIR = Path(__file__).resolve().parent / "golden"


def repo_settings() -> Settings:
    """Settings reading the repository's committed data, whatever the working directory."""
    return Settings(data_dir=REPO / "data", ontology_dir=REPO / "ontology", queries_dir=QUERIES_DIR)


def provider_graphs(settings: Settings) -> list[SourceGraph]:
    """Graphs of every provider whose module exists yet (others are still being written)."""
    graphs: list[SourceGraph] = []
    for entry in PROVIDERS:
        module_name, _, function = entry.partition(":")
        try:
            module = importlib.import_module(module_name)
        except ModuleNotFoundError as exc:
            if exc.name and module_name.startswith(exc.name):
                continue
            raise
        graphs.extend(getattr(module, function)(settings))
    return graphs


def load_store(settings: Settings) -> Store:
    """An in-memory store holding the quads of every available provider, and their merge in
    the default graph (as the build makes it)."""
    store = Store()
    for graph in provider_graphs(settings):
        store.bulk_extend(with_default_graph(graph.quads()))
    return store


def normalise(query: NamedQuery, result: dict[str, Any]) -> dict[str, Any]:
    """Sort rows (or triples) unless the query orders them, so goldens are stable."""
    if "triples" in result:
        return {"triples": sorted(result["triples"])}
    if "results" in result and not query.ordered:
        rows = result["results"]["bindings"]
        rows.sort(key=lambda row: json.dumps(row, sort_keys=True, ensure_ascii=False))
    return result


def golden_path(query: NamedQuery) -> Path:
    return GOLDEN_DIR / f"{query.name}.json"


def run(store: Store, query: NamedQuery) -> dict[str, Any]:
    """Normalised result of ``query`` with its default parameters."""
    return normalise(query, evaluate(store, query))


def dump(result: dict[str, Any]) -> str:
    return json.dumps(result, ensure_ascii=False, indent=1, sort_keys=True) + "\n"
