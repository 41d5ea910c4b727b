"""Score the structure records (plans, plan parts, bodies, proposals, events, figures)
against the sections of the development set that annotate them.

A kind is scored for a document only when its gold file has that section, so a partial
annotation (the proposals of one workshop) is scored against the matching part of the
prediction (the proposals of that workshop). Names are compared on their first three words
(folded), which is what the short labels of the annotation give.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from typing import Any

from ess_core.iris import fold
from ingest.extract.emit import Record

STRUCTURE_KINDS = ("plans", "plan-parts", "bodies", "proposals", "events", "figures")
Items = set[tuple[Any, ...]]


def words(text: str, n: int = 3) -> str:
    """The first ``n`` words of a label, folded (punctuation and accents dropped)."""
    return " ".join(re.findall(r"\w+", fold(text))[:n])


def _tail(iri: str | None) -> str:
    return "/".join((iri or "").rstrip("/").split("/")[-2:])


def _number(value: Any) -> str:
    return f"{float(value):g}"


def structure_sets(
    records: Sequence[Record], gold: Mapping[str, Any], mapping: Mapping[str, str]
) -> dict[str, tuple[Items, Items]]:
    """(predicted, gold) items per structure kind the gold file annotates."""
    by_ref = {f"{r['kind']}/{r['key']}": r for r in records if r["type"] == "entity"}
    mine = [r for r in records if r["type"] == "entity"]
    out: dict[str, tuple[Items, Items]] = {}
    pred: Items
    want: Items
    if "plans" in gold:
        out["plans"] = (
            {
                (
                    _tail(r["fields"].get("territory")),
                    r["fields"].get("start_year"),
                    r["fields"].get("end_year"),
                )
                for r in mine
                if r["kind"] == "plan"
            },
            {(g["territory"], g.get("start_year"), g.get("end_year")) for g in gold["plans"] or []},
        )
    if "plan_parts" in gold:
        pred = set()
        for r in mine:
            if r["kind"] in ("orientation", "stake", "objective", "action"):
                path, plan = _path(r, by_ref)
                if plan is not None:
                    pred.add((plan, r["kind"], path, words(r["fields"]["name"])))
        want = set()
        for line in gold["plan_parts"] or []:
            head, _, name = line.partition("|")
            start, kind, path = head.split()
            want.add((int(start), kind, path, words(name)))
        out["plan-parts"] = (pred, want)
    if "bodies" in gold:
        pred = set()
        for r in mine:
            if r["kind"] == "body":
                body = words(r["fields"]["name"])
                if r["fields"].get("frequency"):
                    pred.add((body, "frequency", fold(r["fields"]["frequency"])))
                pred |= {
                    (body, "member", mapping.get(m, m)) for m in r["fields"].get("members", [])
                }
        want = set()
        for g in gold["bodies"] or []:
            body = words(g["body"])
            if g.get("frequency"):
                want.add((body, "frequency", fold(g["frequency"])))
            want |= {(body, "member", m) for m in g.get("members", [])}
        out["bodies"] = (pred, want)
    if "proposals" in gold:
        want = set()
        for line in gold["proposals"] or []:
            head, _, name = line.partition("|")
            rank, votes = head.split()
            workshop, order = rank.split(".")
            want.add((int(workshop), int(order), int(votes), words(name)))
        workshops = {w[0] for w in want}
        pred = set()
        for r in mine:
            if r["kind"] == "proposal":
                parent = by_ref.get(r["fields"].get("parent", ""), {})
                w = parent.get("fields", {}).get("order")
                if w in workshops:
                    f = r["fields"]
                    pred.add((w, f["order"], f["votes"], words(f["name"])))
        out["proposals"] = (pred, want)
    if "events" in gold:
        out["events"] = (
            {
                (r["fields"].get("date", "?"), words(r["fields"]["name"]))
                for r in mine
                if r["kind"] == "event"
            },
            {
                (head.strip(), words(name))
                for head, _, name in (str(g).partition("|") for g in gold["events"] or [])
            },
        )
    if "figures" in gold:
        out["figures"] = (
            {
                (_measure(f), _tail(f.get("area")), f.get("year"), _number(f["value"]))
                for r in mine
                if r["kind"] == "observation"
                for f in [r["fields"]]
            },
            {
                (m, area, int(year), _number(value))
                for m, area, year, value in (str(g).split() for g in gold["figures"] or [])
            },
        )
    return out


def _measure(fields: Mapping[str, Any]) -> str:
    """The measure as the gold set writes it: ``sectorShareOfEssJobs:education`` for a
    sector share, ``shareOfEstablishmentsCreatedSince:2010``, ``communeCount:<5000`` /
    ``communeCount:>10000`` for the communes of a population band."""
    measure = str(fields["measure"])
    if fields.get("sector"):
        return f"{measure}:{fields['sector']}"
    if fields.get("since_year"):
        return f"{measure}:{fields['since_year']}"
    if fields.get("population_below"):
        return f"{measure}:<{fields['population_below']}"
    if fields.get("population_above"):
        return f"{measure}:>{fields['population_above']}"
    return measure


def _path(record: Record, by_ref: Mapping[str, Record]) -> tuple[str, int | None]:
    """Rank path of a plan part (``2.3.1`` for the first action of objective 3 of
    orientation 2) and the first year of its plan."""
    ranks: list[str] = []
    node: Record | None = record
    while node is not None and node["kind"] != "plan":
        if node["kind"] != "stake":  # a stake is its orientation's
            ranks.append(str(node["fields"].get("order", 1)))
        node = by_ref.get(node["fields"].get("parent", ""))
    if node is None:
        return "", None
    return ".".join(reversed(ranks)), node["fields"].get("start_year")
