"""Collect the :class:`SourceGraph` of every provider, and say where a node comes from."""

from __future__ import annotations

import gzip
import importlib
import sys
from collections.abc import Iterable, Iterator, Sequence
from pathlib import Path

from pyoxigraph import NamedNode, Quad

from ess_core.settings import Settings
from ingest.rdf.sources import PROVIDERS, Provider, SourceGraph
from ingest.store.errors import BuildError

# Failures of a provider that are the data's fault (pyoxigraph: SyntaxError for bad syntax,
# ValueError for bad terms, OSError for files); anything else is a bug and keeps its traceback.
INPUT_ERRORS = (ValueError, SyntaxError, OSError)


def _import(entry: str) -> tuple[Provider, Path | None]:
    module_name, _, function = entry.partition(":")
    module = importlib.import_module(module_name)
    file = getattr(sys.modules[module_name], "__file__", None)
    return getattr(module, function), Path(file) if file else None


def describe_error(exc: BaseException, inputs: Iterable[Path]) -> str:
    message = str(exc)
    names = [str(p) for p in inputs]
    if names and not any(name in message for name in names):
        message = f"{names[0]}: {message}"
    return message


def collect_sources(
    settings: Settings, providers: Sequence[str] = PROVIDERS
) -> tuple[list[SourceGraph], list[Path]]:
    """All source graphs of ``providers`` ("module:function"), and the providers' files."""
    sources: list[SourceGraph] = []
    code: list[Path] = []
    for entry in providers:
        provider, file = _import(entry)
        if file is not None:
            code.append(file)
        try:
            sources.extend(provider(settings))
        except INPUT_ERRORS as exc:
            raise BuildError(f"{describe_error(exc, [])} (provider {entry})") from None
    return sources, code


def checked_quads(source: SourceGraph) -> Iterator[Quad]:
    """The quads of ``source``; each must be in its graph. Errors name its input file."""
    graph = NamedNode(source.graph)
    try:
        for quad in source.quads():
            if quad.graph_name != graph:
                raise BuildError(
                    f"{describe_error(ValueError('quad outside its graph'), source.inputs)}"
                    f": {quad} is not in {source.graph}"
                )
            yield quad
    except INPUT_ERRORS as exc:
        raise BuildError(describe_error(exc, source.inputs)) from None


def line_of(path: Path, needles: Iterable[str]) -> int | None:
    """First line (1-based) of the text file ``path`` containing one of ``needles``."""
    opener = gzip.open if path.suffix == ".gz" else open
    try:
        with opener(path, "rt", encoding="utf-8") as handle:
            for number, line in enumerate(handle, start=1):
                if any(needle in line for needle in needles):
                    return number
    except (OSError, UnicodeDecodeError):
        return None
    return None


def origin_of(iri: str, graphs: Iterable[str], sources: list[SourceGraph], base: str) -> str:
    """Where the node ``iri`` of ``graphs`` comes from: ``file[:line]`` items, comma-joined."""
    needles = [iri]
    if iri.startswith(base):
        local = iri[len(base) :]
        slug = local.rsplit("/", 1)[-1]
        needles += [local, f'"{slug}"', f"id: {slug}"]
    found: list[str] = []
    for graph in graphs:
        for source in sources:
            if source.graph != graph:
                continue
            for path in source.inputs:
                line = (
                    line_of(path, needles)
                    if path.suffix in {".jsonl", ".gz", ".yaml", ".ttl", ".nt"}
                    else None
                )
                found.append(f"{path}:{line}" if line else str(path))
    return ", ".join(dict.fromkeys(found)) or "unknown input"
