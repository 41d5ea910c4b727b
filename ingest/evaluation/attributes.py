"""Score the kind and legal form of organisations against ``tests/gold/attributes.yaml``.

The file gives, for gold organisations whose kind or legal form a document states, the concept
(schemes ``organisation-kind`` and ``legal-form``) and the passage that states it. In each
document, every gold organisation with a value counts once: a predicted organisation mapped to
it (see ``ingest.evaluation.seeds``) is right when its field holds that concept. Recall is the
accuracy over the gold organisations that have a value; precision is over those the pipeline
gave a value to. Organisations no document types are not scored.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

import yaml

ATTRIBUTES_FILE = "attributes.yaml"
# row of the score table -> (field of the gold file, field of an organisation record)
ATTRIBUTE_FIELDS = {"org-kind": ("kind", "org_kind"), "legal-form": ("legal_form", "legal_form")}
ATTRIBUTE_KINDS = tuple(ATTRIBUTE_FIELDS)

Attributes = dict[str, dict[str, str]]


def load_attributes(path: Path) -> Attributes:
    """Gold organisation name -> {``kind``, ``legal_form``} (only the values stated)."""
    if not path.is_file():
        return {}
    data = yaml.safe_load(path.read_text("utf-8")) or {}
    return {
        o["name"]: {f: o[f] for f in ("kind", "legal_form") if o.get(f)}
        for o in data.get("organisations") or []
    }


def attribute_sets(
    records: Sequence[Mapping[str, Any]], gold: Mapping[str, Any], mapping: Mapping[str, str]
) -> dict[str, tuple[set[tuple[Any, ...]], set[tuple[Any, ...]]]]:
    """(predicted, gold) sets of ``(organisation, concept)`` per attribute for one document.

    ``gold["attributes"]`` holds the loaded attributes file; ``mapping`` maps ``kind/key``
    references of predicted entities to gold names.
    """
    attributes: Attributes = gold.get("attributes") or {}
    names = {g["name"] for g in gold.get("organisations") or []}
    out: dict[str, tuple[set[tuple[Any, ...]], set[tuple[Any, ...]]]] = {}
    for row, (gold_field, record_field) in ATTRIBUTE_FIELDS.items():
        want = {
            (n, attributes[n][gold_field]) for n in names if gold_field in attributes.get(n, {})
        }
        typed = {n for n, _ in want}
        pred = {
            (mapping[f"organisation/{r['key']}"], r["fields"][record_field])
            for r in records
            if r["type"] == "entity"
            and r["kind"] == "organisation"
            and mapping.get(f"organisation/{r['key']}") in typed
            and r["fields"].get(record_field)
        }
        out[row] = (pred, want)
    return out
