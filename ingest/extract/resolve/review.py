"""Uncertain merges: pairs of nodes whose names are close but not close enough to be joined.

Resolution joins names that are nearly equal (``ingest.extract.resolve.entities``); a pair between
that and a looser threshold, or a name that may be the acronym of another, stays two nodes
and goes to the review list ``data/review.yaml`` (written by ``ess-graph ingest``, read by
``ess-graph review``, ``ingest/review.py``): a curator then merges them (an alias in
``data/curation/entities.yaml``) or keeps them apart (``not_same_as``). Its shape::

    merges:
      - kind: organisation
        names: [Atelier du Bois Vert, Atelier Bois Vert]
        documents: [doc-a, doc-b]
        score: 0.92                  # rapidfuzz token-sort ratio / 100 (1.0 for an acronym)
        evidence: "close names: atelier-du-bois-vert / atelier-bois-vert"
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import Any

import yaml
from rapidfuzz import fuzz

from ingest.extract.resolve.entities import Entity, norm

REVIEW_FILE = "review.yaml"
LOW, HIGH = 85.0, 92.0
_HEADER = (
    "# Uncertain merges found by `ess-graph ingest` (ingest/extract/resolve/review.py): each\n"
    "# pair stays two nodes until a curator merges it (an alias in\n"
    "# data/curation/entities.yaml) or keeps it apart (not_same_as). Generated: do not edit.\n"
)


def _initials(name: str) -> str:
    small = ("de", "du", "des", "la", "le", "les", "l", "et", "d", "pour", "en", "a", "au")
    words = [w for w in name.split() if w not in small]
    return "".join(w[0] for w in words) if len(words) >= 2 else ""


def _side(e: Entity) -> dict[str, Any]:
    return {
        "key": e.key,
        "name": e.name,
        "documents": sorted({o.document for o in e.occurrences}),
    }


def review_candidates(entities: Sequence[Entity]) -> list[dict[str, Any]]:
    """Pairs of people or organisations that may be one node, most similar first."""
    out: list[dict[str, Any]] = []
    for kind in ("person", "organisation"):
        nodes = sorted((e for e in entities if e.kind == kind), key=lambda e: e.key)
        names = [(e, {norm(kind, n) for n in (e.name, *e.aliases)} - {""}) for e in nodes]
        for i, (a, na) in enumerate(names):
            for b, nb in names[i + 1 :]:
                score = max((fuzz.token_sort_ratio(x, y) for x in na for y in nb), default=0.0)
                reason = "close names" if LOW <= score < HIGH else None
                if reason is None and kind == "organisation":
                    short = {x for x in na if " " not in x and len(x) >= 2}
                    long_initials = {_initials(y) for y in nb} - {""}
                    short_b = {y for y in nb if " " not in y and len(y) >= 2}
                    a_initials = {_initials(x) for x in na} - {""}
                    if short & long_initials or short_b & a_initials:
                        reason, score = "acronym", 100.0
                if reason is not None:
                    out.append(
                        {
                            "kind": kind,
                            "score": round(score, 1),
                            "reason": reason,
                            "a": _side(a),
                            "b": _side(b),
                        }
                    )
    return sorted(out, key=lambda c: (-c["score"], c["kind"], c["a"]["key"], c["b"]["key"]))


def review_entries(candidates: Sequence[dict[str, Any]]) -> list[dict[str, Any]]:
    """Candidates in the review file's shape (``merges`` entries)."""
    return [
        {
            "kind": c["kind"],
            "names": [c["a"]["name"], c["b"]["name"]],
            "documents": sorted(set(c["a"]["documents"]) | set(c["b"]["documents"])),
            "score": round(c["score"] / 100, 3),
            "evidence": f"{c['reason']}: {c['a']['key']} / {c['b']['key']}",
        }
        for c in candidates
    ]


def write_review(path: Path, candidates: Sequence[dict[str, Any]]) -> None:
    """Write the review list (byte-for-byte stable for the same candidates)."""
    body = yaml.safe_dump(
        {"merges": review_entries(candidates)}, allow_unicode=True, sort_keys=False, width=100
    )
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_suffix(".tmp")
    tmp.write_text(_HEADER + body, "utf-8")
    tmp.replace(path)


def read_review(path: Path) -> list[dict[str, Any]]:
    """The ``merges`` entries of the review list (empty when the file is absent)."""
    if not path.exists():
        return []
    data = yaml.safe_load(path.read_text("utf-8")) or {}
    return list(data.get("merges") or [])
