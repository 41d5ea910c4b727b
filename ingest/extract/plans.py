"""Plans read from a document's structure: the plan a local-plan document sets out (its
orientations, stakes, objectives and actions in order, its governance bodies, the concertation
that produced it, with workshops and voted proposals), the earlier plan it reports on, and the
plans other documents name (ordinal plans of a timeline, plans adopted "for the period").

A plan's key is its carrier and its first year (``valenciennes-metropole-pldess-2021``), so the
plan one document sets out and the plan another document names are one node; its parts are
keyed by their place in the plan (``…-o2-obj3-a1``).
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable

from ingest.extract.governance import concertation_records, governance_records
from ingest.extract.structure import (
    BULLET,
    Context,
    Line,
    Plan,
    Record,
    key,
    label,
    lines,
    record,
    span,
)

_PERIOD = r"(?P<a>(?:19|20)\d{2})\s*[-–]\s*(?P<b>(?:19|20)\d{2})"
_PLAN_PERIOD = re.compile(
    r"(?:PLDESS|Plan Local de D[ée]veloppement de l['’](?:[ÉE]conomie Sociale et Solidaire|ESS))"
    r"(?:\s+pour la période)?\s*" + _PERIOD,
    re.IGNORECASE,
)
_TITLE = re.compile(r"^PLAN LOCAL DE D[ÉE]VELOPPEMENT")
_ORIENTATION = re.compile(r"^(?P<bullet>-\s*)?Orientation\s+(?P<n>\d+)\s*[–-]\s*(?P<label>.+)$")
_STAKE = re.compile(r"^Enjeu\s*:\s*(?P<label>.+)$")
_OBJECTIVE = re.compile(r"^Objectifs?\s*(?P<n>\d*)\s*$")
_ACTIONS = re.compile(r"^Actions?\s*$")
_ACHIEVEMENT = re.compile(
    r"(?P<n>\d+) projets ont été soutenus? à hauteur de (?P<amount>\d[\d. ]*)\s*€"
)
_ORDINAL_PLAN = re.compile(
    r"(?P<n>\d)(?:<sup>)?(?:er|ème|e|d)(?:</sup>)? PLDESS (?:de la|du|de) (?P<carrier>[\w-]+)"
)
AXES = re.compile(r"structuré autour de \d+ (?:axes|orientations)")
_ADOPTED = re.compile(
    r"\((?P<acronym>[A-Z]{4,})\) a été adopté par la (?P<carrier>Région [\w-]+) pour la période "
    + _PERIOD
)
_ORDINALS = {"premier": 1, "deuxième": 2, "second": 2, "troisième": 3}
_NTH_PLAN = re.compile(r"\b(?P<n>premier|deuxième|second|troisième) plan\b")
_STRATEGY_TITLE = re.compile(r"^(?P<place>[A-Z][\w-]+) veut (?P<name>[A-Z]{5,}) !$")


def carrier(ctx: Context) -> tuple[str | None, str | None]:
    """The local authority the document is about: the organisation it names most that is
    also a territory (an EPCI, a region…), with that territory's IRI."""
    counts = Counter(r for r in ctx.refs.values() if r.startswith("organisation/"))
    names = {f"organisation/{e.key}": e.name for e in ctx.entities if e.kind == "organisation"}
    for ref, _ in sorted(counts.items(), key=lambda item: (-item[1], item[0])):
        iri = territory_of(ctx, names.get(ref, ""))
        if iri:
            return ref, iri
    return None, None


def territory_of(ctx: Context, name: str) -> str | None:
    """The official territory an authority's name stands for."""
    if not name:
        return None
    return ctx.place_iri(name) or ctx.place_iri(re.sub(r"^(?:Région|Ville de)\s+", "", name))


def _name_of(ctx: Context, ref: str | None) -> str:
    for e in ctx.entities:
        if ref == f"organisation/{e.key}":
            return e.name
    return ""


def plan_of(
    ctx: Context, ref: str | None, territory: str | None, start: int, end: int | None, kind: str
) -> Plan:
    slug = ref.split("/", 1)[1] if ref else "plan"
    carrier_name = _name_of(ctx, ref)
    name = (
        f"{kind} {carrier_name} {start}".replace("  ", " ") if carrier_name else f"{kind} {start}"
    )
    return Plan(key(slug, kind, start), name, ref, territory, start, end, [])


def plan_records(ctx: Context) -> list[Record]:
    """Records of every plan the document sets out or names."""
    text = lines(ctx.original)
    ref, territory = carrier(ctx)
    plans: dict[str, Plan] = {}
    out: list[Record] = []

    def note(p: Plan, s: int, e: int) -> Plan:
        known = plans.setdefault(p.key, p)
        if known.end is None and p.end is not None:
            known.end = p.end
        known.spans.append((s, e))
        return known

    current: Plan | None = None
    last: Plan | None = None
    for i, line in enumerate(text):
        for m in _PLAN_PERIOD.finditer(line.text):
            a, b = int(m.group("a")), int(m.group("b"))
            last = note(
                plan_of(ctx, ref, territory, a, b, "PLDESS"),
                line.start + m.start(),
                line.start + m.end(),
            )
        if _TITLE.match(line.stripped) and current is None:
            period = next((t for t in text[i + 1 : i + 4] if t.stripped), None)
            pm = re.fullmatch(_PERIOD, period.stripped) if period else None
            if pm and period is not None:
                current = note(
                    plan_of(ctx, ref, territory, int(pm["a"]), int(pm["b"]), "PLDESS"),
                    period.start,
                    period.end,
                )
        om = _ORIENTATION.match(line.stripped)
        if om and om.group("bullet") and last is not None:  # a plan's orientations, listed
            out.append(
                _part(
                    ctx,
                    "orientation",
                    _orientation_key(last.key, int(om["n"]), om["label"]),
                    last.key,
                    int(om["n"]),
                    om["label"],
                    line,
                )
            )
        if (am := _ACHIEVEMENT.search(line.text)) and last is not None and last.end:
            out += _achievements(ctx, last, line, am)
    out += _timeline_plans(ctx, text, note, ref, territory)
    out += _other_plans(ctx, text, note)
    if current is not None:
        out += _outline(ctx, text, current)
        out += governance_records(ctx, text, current)
        out += concertation_records(ctx, text, current)
    for p in plans.values():
        out.append(
            record(
                ctx,
                "plan",
                p.key,
                {
                    "name": p.name,
                    "start_year": p.start,
                    "end_year": p.end,
                    "carrier": p.carrier,
                    "territory": p.territory,
                },
                p.spans,
            )
        )
    return out


def _part(
    ctx: Context, kind: str, k: str, parent: str, order: int, text: str, line: Line
) -> Record:
    s, e, _ = span(line, text.strip())
    return record(
        ctx,
        kind,
        k,
        {"name": label(text), "order": order, "parent": f"{_PARENT_KIND[kind]}/{parent}"},
        [(s, e)],
    )


_PARENT_KIND = {
    "orientation": "plan",
    "stake": "orientation",
    "objective": "orientation",
    "action": "objective",
}


def _orientation_key(plan: str, order: int, text: str) -> str:
    """``<plan>-o<n>-<first words>``: two documents giving different orientations the same
    rank make two nodes (and a conflict), not one node with two labels."""
    return f"{plan}-o{order}-" + key(*label(text).split()[:3])


def _outline(ctx: Context, text: list[Line], plan: Plan) -> list[Record]:
    """Orientation n - label / Enjeu : … / Objectif n + bullets / Actions + bullets."""
    out: list[Record] = []
    orientation: str | None = None
    objective: str | None = None
    mode = ""
    actions = 0
    statements: list[tuple[str, Line]] = []

    def close_objective() -> None:
        if objective and statements:
            first = statements[0][1]
            name = " ; ".join(s for s, _ in statements)
            out.append(
                _part(
                    ctx,
                    "objective",
                    objective,
                    orientation or plan.key,
                    int(objective.rsplit("obj", 1)[1]),
                    name,
                    first,
                )
            )

    for line in text:
        t = line.stripped
        if not t:
            continue
        if orientation and t.isupper() and ("GOUVERNANCE" in t or "ANNEXE" in t):
            break
        if (m := _ORIENTATION.match(t)) and not m.group("bullet"):
            close_objective()
            objective, statements, mode = None, [], ""
            orientation = _orientation_key(plan.key, int(m["n"]), m["label"])
            out.append(
                _part(ctx, "orientation", orientation, plan.key, int(m["n"]), m["label"], line)
            )
        elif orientation is None:
            continue
        elif m := _STAKE.match(t):
            out.append(
                _part(ctx, "stake", f"{orientation}-stake", orientation, 1, m["label"], line)
            )
        elif m := _OBJECTIVE.match(t):
            close_objective()
            objective = f"{orientation}-obj{m['n'] or 1}"
            statements, mode, actions = [], "objective", 0
        elif _ACTIONS.match(t):
            mode = "actions"
        elif (m := BULLET.match(t)) and objective:
            if mode == "objective":
                statements.append((m["label"], line))
            elif mode == "actions":
                actions += 1
                out.append(
                    _part(
                        ctx,
                        "action",
                        f"{objective}-a{actions}",
                        objective,
                        actions,
                        m["label"],
                        line,
                    )
                )
    close_objective()
    return out


def _achievements(ctx: Context, plan: Plan, line: Line, m: re.Match[str]) -> list[Record]:
    """``18 projets ont été soutenus à hauteur de 10.000€``: figures of an earlier plan."""
    amount = int(re.sub(r"[. ]", "", m["amount"]))
    out = []
    for measure, value, unit, group in (
        ("projectCount", int(m["n"]), "count", "n"),
        ("amount", amount, "euro", "amount"),
    ):
        s, e = line.start + m.start(group), line.start + m.end(group)
        out.append(
            record(
                ctx,
                "observation",
                key(measure, plan.key, value),
                {
                    "name": f"{measure} {plan.name}",
                    "measure": measure,
                    "value": value,
                    "unit": unit,
                    "area": plan.territory,
                    "year": plan.end,
                    "agent": f"plan/{plan.key}",
                },
                [(s, e)],
            )
        )
    return out


def _timeline_plans(
    ctx: Context,
    text: list[Line],
    note: Callable[[Plan, int, int], Plan],
    ref: str | None,
    territory: str | None,
) -> list[Record]:
    """``2ème PLDESS de la CAVM`` under a year heading, and the axes listed after it."""
    out: list[Record] = []
    year: int | None = None
    plan: Plan | None = None
    listing = False
    order = 0
    for line in text:
        t = line.stripped
        if re.fullmatch(r"(?:19|20)\d{2}", t):
            year, plan, listing = int(t), None, False
            continue
        if year and (m := _ORDINAL_PLAN.search(t)):
            who = ctx.organisation_named(
                m["carrier"], line.start + m.start("carrier"), line.start + m.end("carrier")
            )
            iri = territory_of(ctx, _name_of(ctx, who)) if who else territory
            plan = note(
                plan_of(ctx, who or ref, iri, year, None, "PLDESS"),
                line.start + m.start(),
                line.start + m.end(),
            )
            listing = False
        if plan is not None and AXES.search(t):
            listing, order = True, 0
            continue
        if listing and plan is not None:
            if bm := BULLET.match(t):
                order += 1
                out.append(
                    _part(
                        ctx,
                        "orientation",
                        _orientation_key(plan.key, order, bm["label"]),
                        plan.key,
                        order,
                        bm["label"],
                        line,
                    )
                )
            elif t:
                listing = False
    return out


def _other_plans(
    ctx: Context, text: list[Line], note: Callable[[Plan, int, int], Plan]
) -> list[Record]:
    """Regional schemes adopted for a period, ordinal plans of an authority, and a town's
    named strategy (``Roubaix veut ESSAIMER !``)."""
    for line in text:
        t = line.text
        if m := _ADOPTED.search(t):
            s = line.start + m.start("carrier")
            who = ctx.organisation_named(m["carrier"], s, s + len(m["carrier"]))
            p = Plan(
                key(m["acronym"], m["a"]),
                f"{m['acronym']} {m['a']}-{m['b']}",
                who,
                territory_of(ctx, m["carrier"]),
                int(m["a"]),
                int(m["b"]),
                [],
            )
            note(p, line.start + m.start("acronym"), line.start + m.end("acronym"))
        for m in _NTH_PLAN.finditer(t if "PLDESS" not in ctx.original else ""):
            sentence_end = t.find(".", m.end())
            orgs = ctx.organisations_in(
                line.start, line.start + (sentence_end if sentence_end > 0 else len(t))
            )
            if not orgs:
                continue
            who = orgs[0]
            n = _ORDINALS[m["n"]]
            start = ctx.year if n > 1 and "cet automne" in t else None
            name = _name_of(ctx, who)
            p = Plan(
                key(who.split("/", 1)[1], "plan ess", n),
                f"Plan ESS n°{n} {name}",
                who,
                territory_of(ctx, name),
                start,
                None,
                [],
            )
            note(p, line.start + m.start(), line.start + m.end())
        if m := _STRATEGY_TITLE.match(line.stripped):
            iri = ctx.place_iri(m["place"])
            who = ctx.organisation_named(f"Ville de {m['place']}", line.start, line.end)
            at = line.text.find(m["name"])
            p = Plan(key(m["place"], m["name"]), m["name"], who, iri, None, None, [])
            note(p, line.start + at, line.start + at + len(m["name"]))
    return []
