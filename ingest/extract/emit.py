"""Resolved extractions -> records, one JSON object per line, sorted, byte-for-byte stable.

A record is an entity (person, organisation, territory, programme, event, and the structure
kinds plan, orientation, stake, objective, action, body, proposal, observation read by
``plans``, ``timeline`` and ``figures``) or a relation (role, founded, …) of one document, with
its evidence: the spans of the original text that
state it. Relations refer to entities as ``<kind>/<key>``; the key is the resolved node's, so
the same person has the same reference in every document.
"""

from __future__ import annotations

import json
from collections import defaultdict
from collections.abc import Callable, Iterable, Mapping, Sequence
from functools import cache
from importlib import resources
from pathlib import Path
from typing import Any

import jsonschema

from ess_core.iris import fold, slugify
from ingest.curation import Correction
from ingest.extract.classify.kinds import (
    legal_form,
    organisation_kind,
    person_name_parts,
    programme_kind,
    sector,
)
from ingest.extract.layouts.figures import figure_records
from ingest.extract.layouts.plans import plan_records
from ingest.extract.layouts.structure import Context
from ingest.extract.layouts.timeline import named_event_records, timeline_records
from ingest.extract.pipeline import Extraction
from ingest.extract.relate.cue_words import singular_title
from ingest.extract.resolve.entities import Entity, Occurrence

Record = dict[str, Any]


def evidence(occurrences: Iterable[Occurrence]) -> list[dict[str, Any]]:
    """Evidence items of occurrences, sorted and without duplicates."""
    items = {(o.start, o.end, o.exact, o.method, o.confidence) for o in occurrences}
    return [
        {"start": s, "end": e, "exact": x, "method": m, "confidence": c}
        for s, e, x, m, c in sorted(items)
    ]


PlaceResolver = Callable[[str], str | None]


def _entity_fields(
    entity: Entity, occs: Sequence[Occurrence], original: str, place_iri: PlaceResolver
) -> dict[str, Any]:
    fields: dict[str, Any] = {"name": entity.name}
    named = {" ".join(o.surface.split()) for o in occs}
    # "le Département" resolved to the document's département: the short form is a name too
    named |= {" ".join(o.exact.split()) for o in occs if o.rule == "anaphora"}
    aliases = sorted(named - {entity.name})
    if aliases:
        fields["aliases"] = aliases
    if entity.kind == "person":
        given, family = person_name_parts(entity.name)
        fields.update(given_name=given, family_name=family)
    elif entity.kind == "organisation":
        names = [entity.name, *entity.aliases]
        # the text just before and just after each occurrence: "l'association X", "X (SCIC)"
        before = [original[max(0, o.start - 120) : o.start] for o in occs]
        after = [original[o.end : o.end + 60] for o in occs]
        stated = {
            "org_kind": organisation_kind(names, before, after),
            "legal_form": legal_form(names, before, after),
            "sector": sector(" ".join(names)),
        }
        fields.update({k: v for k, v in stated.items() if v})
    elif entity.kind == "programme":
        fields["programme_kind"] = programme_kind(" ".join([entity.name, *entity.aliases]))
    elif entity.kind == "territory" and (iri := place_iri(entity.name)) is not None:
        fields["iri"] = iri
    return fields


def document_records(
    extraction: Extraction,
    entities: Sequence[Entity],
    corrections: Sequence[Correction] = (),
    place_iri: PlaceResolver = lambda _: None,
) -> list[Record]:
    """Records of one document, sorted by id."""
    doc = extraction.document
    ref: dict[Occurrence, str] = {}
    records: dict[str, Record] = {}
    for entity in entities:
        occs = [o for o in entity.occurrences if o.document == doc]
        if not occs:
            continue
        for o in occs:
            ref[o] = f"{entity.kind}/{entity.key}"
        rid = f"{doc}/{entity.kind}/{entity.key}"
        records[rid] = {
            "id": rid,
            "document": doc,
            "type": "entity",
            "kind": entity.kind,
            "key": entity.key,
            "fields": _entity_fields(entity, occs, extraction.text.original, place_iri),
            "evidence": evidence(occs),
        }
    facts: dict[str, tuple[dict[str, Any], set[Occurrence]]] = {}
    for relation, subj, obj in extraction.relations:
        if subj not in ref or obj not in ref:
            continue
        fields: dict[str, Any] = {"subject": ref[subj]}
        if relation.kind not in ("founded", "dissolved"):
            fields["object"] = ref[obj]
        if relation.role:
            fields["role"] = singular_title(relation.role)
        if relation.start_year is not None:
            fields["start_year" if relation.kind == "role" else "year"] = relation.start_year
        if relation.end_year is not None:
            fields["end_year"] = relation.end_year
        support = {subj, obj}
        span = extraction.text.to_original(*relation.span)
        for c in corrections:
            if c.document == doc and span[0] <= c.start and c.end <= span[1] and c.field in fields:
                fields[c.field] = c.value
                support.add(
                    Occurrence(
                        doc,
                        c.start,
                        c.end,
                        "correction",
                        c.mention,
                        extraction.text.original[c.start : c.end],
                        "curation",
                        1.0,
                    )
                )
        key = _fact_key(relation.kind, fields)
        previous = facts.get(key)
        facts[key] = (fields, support | (previous[1] if previous else set()))
    for key, (fields, support) in _merge_roles(facts).items():
        rid = f"{doc}/{key}"
        kind = key.split("/", 1)[0]
        records[rid] = {
            "id": rid,
            "document": doc,
            "type": "relation",
            "kind": kind,
            "key": key.split("/", 1)[1],
            "fields": fields,
            "evidence": evidence(support),
        }
    return [records[k] for k in sorted(records)]


def _fact_key(kind: str, fields: dict[str, Any]) -> str:
    parts = [
        fields["subject"],
        fields.get("object", ""),
        fields.get("role", ""),
        str(fields.get("start_year", fields.get("year", ""))),
        str(fields.get("end_year", "")),
    ]
    return f"{kind}/" + slugify(" ".join(p.split("/", 1)[-1] for p in parts if p))


def _merge_roles(
    facts: dict[str, tuple[dict[str, Any], set[Occurrence]]],
) -> dict[str, tuple[dict[str, Any], set[Occurrence]]]:
    """Fold a bare affiliation into the dated or labelled role of the same pair it repeats."""
    by_pair: dict[tuple[str, str], list[str]] = defaultdict(list)
    for key, (fields, _) in sorted(facts.items()):
        if key.startswith("role/"):
            by_pair[(fields["subject"], fields["object"])].append(key)
    merged = dict(facts)
    for keys in by_pair.values():
        labelled = [k for k in keys if "role" in facts[k][0]]
        for k in keys:
            fields, support = facts[k]
            if "role" in fields or not labelled:
                continue
            dates = (fields.get("start_year"), fields.get("end_year"))
            target = next(
                (
                    t
                    for t in labelled
                    if dates == (None, None)
                    or dates == (facts[t][0].get("start_year"), facts[t][0].get("end_year"))
                ),
                None,
            )
            if target is not None:
                merged[target] = (merged[target][0], merged[target][1] | support)
                del merged[k]
        for k in labelled:  # an undated role repeated with its dates under the same label
            fields, support = facts[k]
            if "start_year" in fields or "end_year" in fields or k not in merged:
                continue
            target = next(
                (
                    t
                    for t in labelled
                    if t != k
                    and t in merged
                    and fold(facts[t][0]["role"]) == fold(fields["role"])
                    and ("start_year" in facts[t][0] or "end_year" in facts[t][0])
                ),
                None,
            )
            if target is not None:
                merged[target] = (merged[target][0], merged[target][1] | support)
                del merged[k]
    return merged


def structure_records(ctx: Context, territory: str | None) -> list[Record]:
    """Plans, events and figures read from the document's structure (``plans``,
    ``timeline``, ``figures``)."""
    return [
        *plan_records(ctx),
        *timeline_records(ctx, territory),
        *named_event_records(ctx, territory),
        *figure_records(ctx, territory),
    ]


def merge_records(
    records: Sequence[Record], structure: Sequence[Record], extra: Mapping[str, Record]
) -> list[Record]:
    """One record per id, sorted: a structure record or an entity the structure rules found
    adds its evidence to the record of the same id."""
    merged: dict[str, Record] = {r["id"]: r for r in records}
    for r in [*extra.values(), *structure]:
        known = merged.get(r["id"])
        if known is None:
            merged[r["id"]] = r
            continue
        items = {(e["start"], e["end"], e["exact"], e["method"]): e for e in known["evidence"]}
        for e in r["evidence"]:
            items.setdefault((e["start"], e["end"], e["exact"], e["method"]), e)
        known["evidence"] = [items[k] for k in sorted(items)]
        if known["kind"] != "organisation":
            known["fields"] = {**r["fields"], **known["fields"]}
    return [merged[k] for k in sorted(merged)]


def write_records(path: Path, records: Sequence[Record]) -> None:
    """Write records as sorted JSON lines (UTF-8, ``\\n`` line ends)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    lines = [
        json.dumps(r, ensure_ascii=False, sort_keys=True, separators=(",", ":")) for r in records
    ]
    path.write_text("".join(line + "\n" for line in lines), encoding="utf-8")


def read_records(path: Path) -> list[Record]:
    """Records of a ``.jsonl`` file."""
    return [json.loads(line) for line in path.read_text("utf-8").splitlines() if line.strip()]


@cache
def _validator() -> jsonschema.Draft202012Validator:
    text = resources.files("ingest.schemas").joinpath("record.schema.json").read_text("utf-8")
    return jsonschema.Draft202012Validator(json.loads(text))


def record_errors(records: Iterable[Record]) -> list[str]:
    """Schema violations of ``records``, one line each (empty when they are valid)."""
    errors = []
    for record in records:
        error = jsonschema.exceptions.best_match(_validator().iter_errors(record))
        if error is not None:
            where = "/".join(str(p) for p in error.absolute_path) or "(record)"
            errors.append(f"{record.get('id', '?')}: {where}: {error.message}")
    return errors
