"""Score extracted records against the development set (``tests/gold/<doc>.yaml``).

People and organisations: a predicted entity matches a gold one when one of its names equals
the gold name (normalised), or when one of its evidence spans overlaps the gold mention and its
name is compatible with the gold item (``ingest.evaluation.names.compatible``). Evidence
spans of matched and unmatched entities that are not an occurrence of them are counted apart
("wrong evidence spans"). Dated
roles are (person, organisation, start year, end year); links (kind, subject, object);
locations (organisation, place); changes (kind, organisation, other, year) — all compared
after mapping predicted nodes to gold names. Duplicates count gold people and organisations
that more than one predicted node matches, across all documents. Plans, their parts, bodies,
proposals, events and figures are scored by ``ingest.evaluation.structure``; the kind
and legal form of organisations by ``ingest.evaluation.attributes``.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from ingest.curation import Curation
from ingest.evaluation.attributes import (
    ATTRIBUTE_KINDS,
    ATTRIBUTES_FILE,
    attribute_sets,
    load_attributes,
)
from ingest.evaluation.names import compatible, wrong_evidence
from ingest.evaluation.structure import STRUCTURE_KINDS, structure_sets
from ingest.extract.emit import Record
from ingest.extract.resolve.entities import norm

KINDS = (
    "people",
    "organisations",
    "roles",
    "links",
    "locations",
    "changes",
    *STRUCTURE_KINDS,
    *ATTRIBUTE_KINDS,
)
_ENTITY_KIND = {"people": "person", "organisations": "organisation"}
_LINKS = ("partner-of", "member-of", "carries", "funded-by")
_CHANGES = ("founded", "dissolved", "renamed", "succeeded-by")


@dataclass
class Score:
    """Counts of one kind: true positives on each side, predicted and gold totals."""

    tp_pred: int = 0
    pred: int = 0
    tp_gold: int = 0
    gold: int = 0

    def add(self, other: Score) -> None:
        self.tp_pred += other.tp_pred
        self.pred += other.pred
        self.tp_gold += other.tp_gold
        self.gold += other.gold

    @property
    def precision(self) -> float:
        return self.tp_pred / self.pred if self.pred else 1.0

    @property
    def recall(self) -> float:
        return self.tp_gold / self.gold if self.gold else 1.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0


@dataclass
class Evaluation:
    """Scores per kind, duplicate nodes, and what was missed or wrong (for tuning)."""

    scores: dict[str, Score] = field(default_factory=lambda: {k: Score() for k in KINDS})
    duplicates: list[tuple[str, list[str]]] = field(default_factory=list)
    wrong_evidence: list[str] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)


def load_gold(folder: Path) -> dict[str, dict[str, Any]]:
    """Gold files by document id; each also holds the attributes file under ``attributes``."""
    attributes = load_attributes(folder / ATTRIBUTES_FILE)
    gold = {}
    for path in sorted(folder.glob("*.yaml")):
        if path.name == ATTRIBUTES_FILE:
            continue
        data = yaml.safe_load(path.read_text("utf-8"))
        gold[data["document"]] = {**data, "attributes": attributes}
    return gold


def _entity_map(
    records: Sequence[Record], gold: Mapping[str, Any]
) -> tuple[dict[str, str], dict[str, Score], list[str]]:
    """Predicted ``kind/key`` -> gold name, entity scores, and errors."""
    mapping: dict[str, str] = {}
    scores = {}
    errors = []
    for section, kind in _ENTITY_KIND.items():
        golds = gold.get(section) or []
        preds = [r for r in records if r["type"] == "entity" and r["kind"] == kind]
        matched_gold: set[str] = set()
        score = Score(pred=len(preds), gold=len({g["name"] for g in golds}))
        for r in preds:
            names = {
                norm(kind, r["fields"]["name"]),
                *(norm(kind, a) for a in r["fields"].get("aliases", [])),
            }
            spans = [(e["start"], e["end"]) for e in r["evidence"]]
            surfaces = [r["fields"]["name"], *r["fields"].get("aliases", [])]
            hit = next((g["name"] for g in golds if norm(kind, g["name"]) in names), None) or next(
                (
                    g["name"]
                    for g in golds
                    if any(s < g["end"] and g["start"] < e for s, e in spans)
                    and compatible(surfaces, g)
                ),
                None,
            )
            if hit is None:
                errors.append(f"{gold['document']}: extra {kind} {r['fields']['name']!r}")
                continue
            mapping[f"{kind}/{r['key']}"] = hit
            matched_gold.add(hit)
            score.tp_pred += 1
        score.tp_gold = len(matched_gold)
        errors += [
            f"{gold['document']}: missed {kind} {n!r}"
            for n in sorted({g["name"] for g in golds} - matched_gold)
        ]
        scores[section] = score
    for r in records:  # programmes and places are compared by name
        if r["type"] == "entity" and r["kind"] in ("programme", "territory"):
            mapping[f"{r['kind']}/{r['key']}"] = r["fields"]["name"]
    return mapping, scores, errors


def _sets(
    records: Sequence[Record], gold: Mapping[str, Any], mapping: Mapping[str, str]
) -> dict[str, tuple[set[tuple[Any, ...]], set[tuple[Any, ...]]]]:
    def m(ref: str | None) -> str | None:
        if ref is None:
            return None
        return mapping.get(ref, ref)

    def place(ref: str) -> str:
        name = next(
            (
                r["fields"]["name"]
                for r in records
                if r["type"] == "entity" and f"{r['kind']}/{r['key']}" == ref
            ),
            ref,
        )
        return norm("territory", name)

    def pair(kind: str, a: Any, b: Any) -> tuple[Any, ...]:
        return (kind, *sorted((a or "", b or ""))) if kind == "partner-of" else (kind, a, b)

    rel = [r for r in records if r["type"] == "relation"]
    pred = {
        "roles": {
            (
                m(r["fields"]["subject"]),
                m(r["fields"]["object"]),
                r["fields"].get("start_year"),
                r["fields"].get("end_year"),
            )
            for r in rel
            if r["kind"] == "role"
        },
        "links": {
            pair(r["kind"], m(r["fields"]["subject"]), m(r["fields"]["object"]))
            for r in rel
            if r["kind"] in _LINKS
        },
        "locations": {
            (m(r["fields"]["subject"]), place(r["fields"]["object"]))
            for r in rel
            if r["kind"] == "located-in"
        },
        "changes": {
            (
                r["kind"],
                m(r["fields"]["subject"]),
                m(r["fields"].get("object")),
                r["fields"].get("year"),
            )
            for r in rel
            if r["kind"] in _CHANGES
        },
    }
    want = {
        "roles": {
            (g["person"], g["organisation"], g.get("start_year"), g.get("end_year"))
            for g in gold.get("roles") or []
        },
        "links": {pair(g["kind"], g["subject"], g["object"]) for g in gold.get("links") or []},
        "locations": {
            (g["organisation"], norm("territory", g["place"])) for g in gold.get("locations") or []
        },
        "changes": {
            (g["kind"], g["organisation"], g.get("object"), g.get("year"))
            for g in gold.get("changes") or []
        },
    }
    return {k: (pred[k], want[k]) for k in pred}


def evaluate(
    records: Mapping[str, Sequence[Record]], gold: Mapping[str, Mapping[str, Any]]
) -> Evaluation:
    """Score the records of every document that has a gold file."""
    result = Evaluation()
    matches: dict[tuple[str, str], set[str]] = defaultdict(set)
    for doc in sorted(set(records) & set(gold)):
        mapping, scores, errors = _entity_map(records[doc], gold[doc])
        result.errors += errors
        result.wrong_evidence += [
            f"{doc}: {r['kind']} {r['fields']['name']!r}: {span}"
            for r in records[doc]
            if r["type"] == "entity" and r["kind"] in _ENTITY_KIND.values()
            for span in wrong_evidence(r)
        ]
        for section, score in scores.items():
            result.scores[section].add(score)
        for ref, name in mapping.items():
            matches[(ref.split("/", 1)[0], name)].add(ref)
        sets = _sets(records[doc], gold[doc], mapping)
        sets.update(structure_sets(records[doc], gold[doc], mapping))
        sets.update(attribute_sets(records[doc], gold[doc], mapping))
        for section, (pred, want) in sets.items():
            tp = pred & want
            result.scores[section].add(Score(len(tp), len(pred), len(tp), len(want)))
            result.errors += [f"{doc}: extra {section} {p}" for p in sorted(pred - want, key=str)]
            result.errors += [f"{doc}: missed {section} {w}" for w in sorted(want - pred, key=str)]
    result.duplicates = [
        (f"{kind} {name}", sorted(refs))
        for (kind, name), refs in sorted(matches.items())
        if len(refs) > 1
    ]
    return result


def held_out_curation(curation: Curation, document: str, other_texts: Iterable[str]) -> Curation:
    """Curation as it would be before ``document`` was read: only the entities named in the
    other documents, and no decision about ``document`` itself."""
    haystack = "\n".join(other_texts).lower()
    entities = tuple(
        e
        for e in curation.entities
        if any(n.lower() in haystack for n in (e.canonical, *e.aliases))
    )
    return Curation(
        entities,
        curation.not_same_as,
        tuple(r for r in curation.rejected if r[0] != document),
        tuple(c for c in curation.corrections if c.document != document),
        curation.files,
    )


def format_evaluation(full: Evaluation, held_out: Evaluation | None = None) -> list[str]:
    """A Markdown table of the scores (and of the leave-one-document-out scores)."""
    lines = [
        "| kind | P | R | F1 | predicted | gold |"
        + (" LOO P | LOO R | LOO F1 |" if held_out else ""),
        "|---|---|---|---|---|---|" + ("---|---|---|" if held_out else ""),
    ]
    for kind in KINDS:
        s = full.scores[kind]
        row = f"| {kind} | {s.precision:.2f} | {s.recall:.2f} | {s.f1:.2f} | {s.pred} | {s.gold} |"
        if held_out is not None:
            h = held_out.scores[kind]
            row += f" {h.precision:.2f} | {h.recall:.2f} | {h.f1:.2f} |"
        lines.append(row)
    lines.append(
        f"duplicate nodes: {len(full.duplicates)}"
        + (f" (held out: {len(held_out.duplicates)})" if held_out else "")
    )
    lines += [f"  {name}: {', '.join(refs)}" for name, refs in full.duplicates]
    lines.append(
        f"wrong evidence spans: {len(full.wrong_evidence)}"
        + (f" (held out: {len(held_out.wrong_evidence)})" if held_out else "")
    )
    lines += [f"  {span}" for span in full.wrong_evidence]
    return lines
