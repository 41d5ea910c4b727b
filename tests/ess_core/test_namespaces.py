"""The project's prefix map agrees with the prefixes the ontology files declare."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from ess_core.namespaces import PREFIXES

ONTOLOGY_DIR = Path(__file__).resolve().parents[2] / "ontology"
_PREFIX_LINE = re.compile(r"^@prefix\s+([\w-]*):\s*<([^>]*)>\s*\.", re.MULTILINE)


@pytest.mark.parametrize("name", ["ess.ttl", "shapes.ttl"])
def test_shared_prefixes_name_the_same_namespace(name: str) -> None:
    declared = dict(_PREFIX_LINE.findall((ONTOLOGY_DIR / name).read_text(encoding="utf-8")))
    shared = declared.keys() & PREFIXES.keys()
    assert shared, "no prefix in common: the test reads the wrong file"
    assert {p: declared[p] for p in shared} == {p: PREFIXES[p] for p in shared}
