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

from ess_core.iris import fold
from ingest.extract.layouts.governance import concertation_records, governance_records
from ingest.extract.layouts.outline import outline
from ingest.extract.layouts.structure import (
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
# A plan document's own title, among its first lines: "Plan ESS 2022-2027", "Stratégie
# métropolitaine de l'économie sociale et solidaire", "Programme local pour l'ESS"…
_OWN_TITLE = re.compile(
    r"^(?:#+\s*)?(?:\*\*)?(?:(?:le|la|notre)\s+)?"
    r"(?:plan|strat[ée]gie|sch[ée]ma|programme|feuille de route|pacte)\b"
    r"[^.!?]{0,100}?(?:\bESS\b|[ée]conomie sociale)",
    re.IGNORECASE,
)
_TITLE_LINES = 5
_ORIENTATION = re.compile(r"^(?P<bullet>-\s*)?Orientation\s+(?P<n>\d+)\s*[–-]\s*(?P<label>.+)$")
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
# A plan told in running text as due or done in a year: "un plan sera voté début 2017".
_PLAN_DUE = re.compile(
    r"\b(?:[Uu]n|[Ll]e|[Nn]otre|[Ss]on|[Ll]eur|[Cc]e) plan\b[^.;:]{0,40}?"
    r"\b(?:sera|serait|a été|est|va être|devrait être|doit être)\s+"
    r"(?:vot|adopt|sign|lanc)[ée]e?s?\b[^.;:]{0,40}?"
    r"\b(?P<y>(?:19|20)\d{2})\b"
)
# "4 axes ont été définis : a, b, c, d." — a plan's parts listed inside a sentence.
_NUMBERS = {"deux": 2, "trois": 3, "quatre": 4, "cinq": 5, "six": 6, "sept": 7}
_INLINE_PARTS = re.compile(
    r"\b(?P<n>[2-9]|deux|trois|quatre|cinq|six|sept)\s+(?:grands\s+)?"
    r"(?:axes|orientations|priorités|ambitions|chantiers)(?:\s+stratégiques)?"
    r"[^.:;]{0,40}?:\s*(?P<list>[^.]+)\.",
    re.IGNORECASE,
)
# A regional (departmental…) ESS plan named without a period: "le Plan régional de l'ESS en
# Hauts-de-France".
_NAMED_PLAN = re.compile(
    r"\bPlan (?P<level>r[ée]gional|d[ée]partemental) (?:de l['’]ESS|de l['’][ée]conomie sociale"
    r" et solidaire|ESS)\b(?:\s+(?:en|des?|du|pour les?|pour la)\s+"
    r"(?P<place>[A-ZÉ][\w]+(?:-[\w]+)*))?",
    re.IGNORECASE,
)


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
        if current is None and (found := _title_period(text, i)) is not None:
            kind, (s, e), (a, b) = found
            current = note(plan_of(ctx, ref, territory, a, b, kind), s, e)
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
    out += _running_text_plans(ctx, note, ref, territory)
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


def _title_period(text: list[Line], i: int) -> tuple[str, tuple[int, int], tuple[int, int]] | None:
    """When line ``i`` is the title of a plan document, the plan's kind, the span of its
    period and its years: the period is on the title line or alone on one of the next lines.
    The ``PLAN LOCAL DE DÉVELOPPEMENT`` title counts anywhere, other titles only among the
    document's first lines."""
    t = text[i].stripped
    if not _TITLE.match(t):
        before = sum(1 for x in text[:i] if x.stripped)
        if before >= _TITLE_LINES or not _OWN_TITLE.match(t):
            return None
    kind = (
        "PLDESS" if _TITLE.match(t) or re.search(r"PLDESS|local de d[ée]v", t, re.I) else "Plan ESS"
    )
    if not _TITLE.match(t) and (m := re.search(_PERIOD, t)):
        line = text[i]
        return kind, (line.start + m.start(), line.start + m.end()), (int(m["a"]), int(m["b"]))
    period = next((x for x in text[i + 1 : i + 4] if x.stripped), None)
    pm = (
        re.fullmatch(r"(?:(?:P[ée]riode|Pour la p[ée]riode)\s*:?\s*)?" + _PERIOD, period.stripped)
        if period
        else None
    )
    if pm is None or period is None:
        return None
    at = period.text.find(pm["a"])
    return kind, (period.start + at, period.end), (int(pm["a"]), int(pm["b"]))


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
    """Records of the plan's outline (:func:`ingest.extract.layouts.outline.outline`),
    keyed by their place in the plan: ``<plan>-o<n>-<words>``, ``-stake``, ``-obj<n>``,
    ``-a<n>``."""
    out: list[Record] = []
    keys: dict[int, str] = {}
    stakes: dict[str, int] = {}
    for node in outline(text):
        parent = keys.get(id(node.parent), plan.key) if node.parent else plan.key
        parent_ref = f"{node.parent.kind}/{parent}" if node.parent else f"plan/{plan.key}"
        if node.kind == "orientation":
            k = _orientation_key(plan.key, node.order, node.label)
        elif node.kind == "stake":
            stakes[parent] = stakes.get(parent, 0) + 1
            k = f"{parent}-stake" + (str(stakes[parent]) if stakes[parent] > 1 else "")
        elif node.kind == "objective":
            k = f"{parent}-obj{node.order}"
        else:
            k = f"{parent}-a{node.order}"
        keys[id(node)] = k
        if node.statements:
            name = " ; ".join(s for s, _ in node.statements)
            line = node.statements[0][1]
        else:
            name, line = node.label, node.line
        if not name:
            continue
        s, e, _ = span(line, name.strip())
        out.append(
            record(
                ctx,
                node.kind,
                k,
                {"name": label(name), "order": node.order, "parent": parent_ref},
                [(s, e)],
            )
        )
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
            place = line.start + line.text.find(m["place"])  # the evidence: the town's name
            who = ctx.organisation_named(f"Ville de {m['place']}", place, place + len(m["place"]))
            at = line.text.find(m["name"])
            p = Plan(key(m["place"], m["name"]), m["name"], who, iri, None, None, [])
            note(p, line.start + at, line.start + at + len(m["name"]))
    return []


def _sentences(text: str) -> list[tuple[int, int]]:
    """Start and end of each sentence of ``text`` (a full stop, ! or ? followed by a space, or
    a blank line, ends one)."""
    out, start = [], 0
    for m in re.finditer(r"[.!?](?=\s)|\n\s*\n", text):
        out.append((start, m.end()))
        start = m.end()
    out.append((start, len(text)))
    return out


def _split_items(text: str) -> list[tuple[int, int]]:
    """Spans of the items of an inline list: split at semicolons when there are any, else at
    commas and at a last " et " — never inside brackets."""
    sep = ";" if ";" in re.sub(r"\([^)]*\)", "", text) else ","
    out, depth, start = [], 0, 0
    for i, ch in enumerate(text):
        depth += ch == "("
        depth -= ch == ")"
        if ch == sep and depth == 0:
            out.append((start, i))
            start = i + 1
    out.append((start, len(text)))
    spans = []
    for s, e in out:
        while s < e and text[s] in " \n-•":
            s += 1
        while e > s and text[e - 1] in " \n":
            e -= 1
        if e > s:
            spans.append((s, e))
    return spans


def _running_text_plans(
    ctx: Context,
    note: Callable[[Plan, int, int], Plan],
    ref: str | None,
    territory: str | None,
) -> list[Record]:
    """Plans told in running text: a plan due or done in a year (the document's authority
    carries it; a local authority's ESS plan is a PLDESS) and the parts listed inside the
    same or the next sentence ("4 axes ont été définis : …"); a regional or departmental ESS
    plan named with no period (its territory only)."""
    flat = ctx.original.replace("\n", " ")  # same offsets, one line
    out: list[Record] = []
    sentences = _sentences(flat)
    for i, (s0, s1) in enumerate(sentences):
        m = _PLAN_DUE.search(flat, s0, s1)
        if m is None:
            continue
        # the authority the sentence names, else the one the document is about
        named = [
            (o, iri)
            for o in ctx.organisations_in(s0, s1)
            if (iri := territory_of(ctx, _name_of(ctx, o)))
        ]
        who, where = named[0] if named else (ref, territory)
        if who is None:
            continue
        local = where is not None and re.search(r"/(?:epci|commune)/", where)
        plan = note(
            plan_of(ctx, who, where, int(m["y"]), None, "PLDESS" if local else "Plan ESS"),
            m.start(),
            m.end(),
        )
        for t0, t1 in sentences[i : i + 2]:
            if lm := _INLINE_PARTS.search(flat, t0, t1):
                out += _inline_parts(ctx, plan, lm)
                break
    for m in _NAMED_PLAN.finditer(flat):
        if not m["place"] or (iri := ctx.place_iri(m["place"])) is None:
            continue
        level = (
            "plan regional ess" if fold(m["level"]).startswith("r") else "plan departemental ess"
        )
        s = m.start("place")
        who = ctx.organisation_named(f"Région {m['place']}", s, s + len(m["place"]))
        name = label(m.group(0))
        note(Plan(key(m["place"], level), name, who, iri, None, None, []), m.start(), m.end())
    return out


def _inline_parts(ctx: Context, plan: Plan, m: re.Match[str]) -> list[Record]:
    """The orientations of an inline list, when it holds as many items as the sentence
    announces."""
    raw = m["n"].lower()
    n = int(raw) if raw.isdigit() else _NUMBERS[raw]
    items = _split_items(m["list"])
    if len(items) == n - 1 and " et " in m["list"][items[-1][0] : items[-1][1]]:
        s, e = items.pop()
        at = m["list"].rfind(" et ", s, e)
        items += [(s, at), (at + 4, e)]
    if len(items) != n:
        return []
    out = []
    base = m.start("list")
    for order, (s, e) in enumerate(items, 1):
        text = ctx.original[base + s : base + e]
        line = Line(base + s, base + e, text)
        out.append(
            _part(
                ctx,
                "orientation",
                _orientation_key(plan.key, order, text),
                plan.key,
                order,
                text,
                line,
            )
        )
    return out
