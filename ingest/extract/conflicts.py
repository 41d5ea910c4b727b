"""Conflicts between claims of the records: both claims stay, each with its sources.

* a role (same person, organisation and role label) with two different date ranges;
* an organisation founded, dissolved or renamed in two different years;
* a date range corrected by curation (the original claim and the correction);
* two documents giving different parts of a plan the same rank (orientation 1 of a plan);
* a plan given two different periods;
* two different values of one figure (same measure, sector, territory and year).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass

from ess_core.iris import fold
from ingest.extract.emit import Record


@dataclass(frozen=True, order=True)
class Claim:
    """One value claimed by one record, with the passages that state it."""

    value: str
    record: str
    passages: tuple[str, ...]


@dataclass(frozen=True, order=True)
class Conflict:
    """What is disputed and the claims that disagree."""

    subject: str
    claims: tuple[Claim, ...]


def _passages(record: Record) -> tuple[str, ...]:
    return tuple(
        f"{record['document']}@{e['start']}-{e['end']} {e['exact']!r} ({e['method']})"
        for e in record["evidence"]
    )


def _range(fields: Mapping[str, object]) -> str:
    start, end = fields.get("start_year"), fields.get("end_year")
    return f"{start or '?'}–{end or ''}"


def conflicts(records: Iterable[Record]) -> list[Conflict]:
    """Every conflict among ``records``, sorted."""
    roles: dict[str, list[Claim]] = defaultdict(list)
    others: dict[str, list[Claim]] = defaultdict(list)
    records_seen = list(records)
    for r in records_seen:
        f = r["fields"]
        if r["type"] != "relation":
            continue
        if r["kind"] == "role" and ("start_year" in f or "end_year" in f):
            label = fold(str(f.get("role", ""))) or "?"
            roles[f"role of {f['subject']} at {f['object']}"].append(
                Claim(f"{_range(f)} {label}", r["id"], _passages(r))
            )
        elif r["kind"] in ("founded", "dissolved", "renamed") and "year" in f:
            others[f"{r['kind']} {f['subject']}"].append(
                Claim(str(f["year"]), r["id"], _passages(r))
            )
        if any(e["method"] == "curation" for e in r["evidence"]):
            others[f"corrected {r['id']}"].append(Claim(_range(f), r["id"], _passages(r)))
    found = [Conflict(s, tuple(sorted(c))) for s, c in roles.items() if _roles_disagree(c)]
    found += structure_conflicts(records_seen)
    found += [
        Conflict(s, tuple(sorted(c)))
        for s, c in others.items()
        if s.startswith("corrected ") or len({x.value for x in c}) > 1
    ]
    return sorted(found)


_PARTS = ("orientation", "stake", "objective", "action")


def structure_conflicts(records: Iterable[Record]) -> list[Conflict]:
    """Plan parts of the same rank named differently by different documents, plans given two
    periods, figures given two values."""
    claims: dict[str, list[tuple[str, Claim]]] = defaultdict(list)
    for r in records:
        f = r["fields"]
        if r["type"] != "entity":
            continue
        if r["kind"] in _PARTS and "order" in f and "parent" in f:
            subject = f"{r['kind']} {f['order']} of {f['parent']}"
            claims[subject].append((fold(f["name"]), Claim(f["name"], r["id"], _passages(r))))
        elif r["kind"] == "plan":
            for field in ("start_year", "end_year"):
                if field in f:
                    year = str(f[field])
                    subject = f"{field.split('_')[0]} of plan/{r['key']}"
                    claims[subject].append((year, Claim(year, r["id"], _passages(r))))
        elif r["kind"] == "observation" and {"measure", "area", "year"} <= f.keys():
            measure = measure_label(f)
            subject = f"{measure} of {f['area']} in {f['year']}"
            value = f"{f['value']:g}"
            claims[subject].append((value, Claim(value, r["id"], _passages(r))))
    found = []
    for subject, items in claims.items():
        documents = {c.record.split("/", 1)[0] for _, c in items}
        if len({v for v, _ in items}) > 1 and len(documents) > 1:
            found.append(Conflict(subject, tuple(sorted(c for _, c in items))))
    return found


def measure_label(f: Mapping[str, object]) -> str:
    """An observation's measure with what else it is about (sector, year of creation,
    population band), so that different breakdowns are not taken for two values of one
    figure."""
    extra = [
        f"{name} {f[name]}"
        for name in ("sector", "since_year", "population_below", "population_above")
        if f.get(name)
    ]
    return f"{f['measure']} ({', '.join(extra)})" if extra else str(f["measure"])


def _roles_disagree(claims: Sequence[Claim]) -> bool:
    """Claims are ``<range> <label>``: two ranges under one label disagree, and so does a
    range given without a label (``?``, a quote header) that no labelled claim repeats."""
    ranges: dict[str, set[str]] = defaultdict(set)
    for claim in claims:
        span, _, label = claim.value.partition(" ")
        ranges[label].add(span)
    labelled = {span for label, spans in ranges.items() if label != "?" for span in spans}
    bare = ranges.get("?", set())
    return any(len(spans) > 1 for spans in ranges.values()) or bool(labelled and bare - labelled)


def format_conflicts(found: Sequence[Conflict]) -> list[str]:
    """Lines of a plain-text report."""
    lines = []
    for c in found:
        lines.append(c.subject)
        for claim in c.claims:
            lines.append(f"  {claim.value}  [{claim.record}]")
            lines += [f"      {p}" for p in claim.passages]
    return lines
