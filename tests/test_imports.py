"""Every import of a project module names a module that exists, the imports inside functions
included (mypy's ``ignore_missing_imports`` would let a moved module pass unseen)."""

from __future__ import annotations

import importlib.util
import re
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
PACKAGES = ("ess_core", "ess_graph", "ingest", "graph_service")
IMPORT = re.compile(r"^\s*(?:from\s+([\w.]+)\s+import|import\s+([\w.]+))", re.M)


def _imports() -> list[tuple[str, str]]:
    found = []
    for folder in (*PACKAGES, "bench", "tests"):
        for path in sorted((REPO / folder).rglob("*.py")):
            for match in IMPORT.finditer(path.read_text("utf-8")):
                module = match.group(1) or match.group(2)
                if module.split(".")[0] in PACKAGES:
                    found.append((str(path.relative_to(REPO)), module))
    return found


def test_every_imported_project_module_exists() -> None:
    missing = [
        f"{path} imports {module}"
        for path, module in sorted(set(_imports()))
        if importlib.util.find_spec(module) is None
    ]
    assert missing == []


def test_test_modules_have_unique_basenames() -> None:
    """pytest imports test files by basename (no ``__init__.py`` in tests/): two
    ``test_x.py`` in different folders break collection on a fresh clone."""
    seen: dict[str, list[str]] = {}
    for path in sorted((REPO / "tests").rglob("test_*.py")):
        seen.setdefault(path.name, []).append(str(path.relative_to(REPO)))
    assert {name: paths for name, paths in seen.items() if len(paths) > 1} == {}
