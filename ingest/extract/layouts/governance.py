"""A plan's governance bodies and the concertation that produced it, read from the plan
document: bodies (• **name**) with missions, meeting frequency and member organisations; the
concertation's date, organisers and participants; workshops (``Atelier n :``) and their
proposals with vote counts (a tab-separated column)."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from ess_core.iris import fold
from ingest.extract.layouts.structure import (
    BULLET,
    MONTHS,
    Context,
    Line,
    Plan,
    Record,
    key,
    label,
    record,
    span,
)

_BODY = re.compile(r"^•\s*\*\*(?P<name>.+?)\*\*")
_FREQUENCY = re.compile(r"se réunira\s+(?P<f>(?:au moins|au minimum)\s+[^.]+?)\s*\.")
_MISSION = re.compile(r"(?:pour missions?\s*(?:de\s+)?|fonction principale est de\s+)(?P<m>[^:.]*)")
_COMPOSED = re.compile(r"composé des? (?:représentants? \w+ )?(?P<list>[^.]+)\.")
# "Il sera piloté par l'élu en charge de l'ESS", "présidé par le vice-président délégué…": the
# office that chairs a body, when the document names the office and not a person.
_CHAIR = re.compile(
    r"\b(?:pilot[ée]e?s?|présidée?s?|co-?présidée?s?|animée?s?) par\s+"
    r"(?P<office>(?:l['’]|le |la )(?P<head>élue?s?|président(?:e)?|vice-président(?:e)?|"
    r"conseill[eè]re? délégué(?:e)?|adjointe?|directeur|directrice)\b[^.;]*?)\s*(?:[.;]|$)",
    re.IGNORECASE,
)
# How the office starts (folded) -> concept of the ``role`` scheme; the first that matches.
OFFICE_ROLES = (
    ("vice-president", "vice-president"),
    ("president", "president"),
    ("elu", "elected-official"),
    ("conseill", "delegate-councillor"),
    ("adjoint", "elected-official"),
    ("direct", "director"),
)
_CONCERTATION = re.compile(
    r"^Le (?P<d>\d{1,2}) (?P<m>\w+) (?P<y>\d{4}), .*concertation", re.IGNORECASE
)
_PARTICIPANTS = re.compile(r"(?P<p>\d+) personnes, représentant (?P<s>\d+) structures")
_WORKSHOP_DATES = re.compile(r"^Du (?P<d1>\d{1,2}) (?P<m1>\w+) au (?P<d2>\d{1,2}) (?P<m2>\w+)")
_WORKSHOP = re.compile(r"^Atelier\s*(?P<n>\d+)\s*:\s*(?P<label>.+)$")
_PROPOSAL = re.compile(r"^-\s*(?P<label>.+?)\t\s*(?P<votes>\d+)\s*$")


@dataclass
class _Body:
    name: str
    line: Line
    missions: list[str] = field(default_factory=list)
    spans: list[tuple[int, int]] = field(default_factory=list)
    members: list[str] = field(default_factory=list)
    member_spans: list[list[int]] = field(default_factory=list)
    frequency: str | None = None
    listing: bool = False
    chair: str | None = None
    chair_role: str | None = None


def governance_records(ctx: Context, text: list[Line], plan: Plan) -> list[Record]:
    """Bodies (• **name**) with their missions, meeting frequency and member organisations."""
    inside = False
    body: _Body | None = None
    bodies: list[_Body] = []
    for line in text:
        t = line.stripped
        if t.isupper() and "GOUVERNANCE" in t:
            inside = True
            continue
        if not inside:
            continue
        if t.isupper() and t.startswith("ANNEXE"):
            break
        if m := _BODY.match(t):
            body = _Body(m["name"], line)
            bodies.append(body)
            continue
        if body is None or not t:
            continue
        if re.search(r"pour missions?\s*:\s*$", t):
            body.listing = True
        elif (m := _MISSION.search(t)) and m["m"].strip():
            body.missions.append(label(m["m"], 60))
            body.spans.append(span(line, m["m"].strip())[:2])
        elif body.listing and (m := BULLET.match(t)):
            body.missions.append(label(re.sub(r"^(?:D['’]|De )", "", m["label"]), 60))
            body.spans.append(span(line, m["label"])[:2])
        else:
            body.listing = False
        if body.chair is None and (m := _CHAIR.search(t)):
            _chair(ctx, body, line, m)
        if m := _FREQUENCY.search(t):
            body.frequency = m["f"]
            body.spans.append((line.start + m.start("f"), line.start + m.end("f")))
        if m := _COMPOSED.search(t):
            _members(ctx, body, line.start + m.start("list"), m["list"])
    return [
        record(
            ctx,
            "body",
            key(plan.key, b.name),
            {
                "name": b.name,
                "parent": f"plan/{plan.key}",
                "carrier": plan.carrier,
                "missions": b.missions,
                "frequency": b.frequency,
                "members": b.members,
                "member_spans": b.member_spans,
                "chair_office": b.chair,
                "chair_role": b.chair_role,
            },
            [span(b.line, b.name)[:2], *b.spans],
        )
        for b in bodies
    ]


def _chair(ctx: Context, body: _Body, line: Line, m: re.Match[str]) -> None:
    """The office chairing ``body``, unless the passage names a person (a person's role is
    read by the role rules)."""
    s, e = line.start + m.start("office"), line.start + m.end("office")
    if any(o.start < e and s < o.end and r.startswith("person/") for o, r in ctx.refs.items()):
        return
    office = label(re.sub(r"^(?:l['’]|le |la )", "", m["office"]), 80)
    head = fold(m["head"])
    body.chair = office
    body.chair_role = next((r for k, r in OFFICE_ROLES if head.startswith(k)), None)
    body.spans.append((s, e))


def _members(ctx: Context, body: _Body, base: int, listing: str) -> None:
    """``des représentants techniques de X, de la Région, de l'APES…``: each item is the
    organisation mentioned there, or the authority a bare word stands for."""
    for part in re.finditer(r"[^,]+", listing):
        item = re.sub(r"^\s*(?:et\s+)?(?:de la |de l['’]|du |des |de )", "", part.group()).strip()
        s = base + part.start() + part.group().find(item)
        found = ctx.organisations_in(s, s + len(item))
        if not found and item:
            name = _bare_authority(ctx, item)
            ref = ctx.organisation_named(name, s, s + len(item)) if name else None
            found = [ref] if ref else []
        for ref in found:
            if ref not in body.members:
                body.members.append(ref)
                body.member_spans.append([s, s + len(item)])
                body.spans.append((s, s + len(item)))


def _bare_authority(ctx: Context, item: str) -> str | None:
    """``la Région`` in a document after 2016 is the Région Hauts-de-France."""
    if item == "Région" and (ctx.year or 0) >= 2016:
        return "Région Hauts-de-France"
    return None


def concertation_records(ctx: Context, text: list[Line], plan: Plan) -> list[Record]:
    """The concertation (date, organisers, participants), its workshops and their proposals."""
    out: list[Record] = []
    event: Record | None = None
    ckey = f"{plan.key}-concertation"
    year = None
    dates: tuple[str, str] | None = None
    workshop: str | None = None
    proposals = 0
    for i, line in enumerate(text):
        t = line.stripped
        if event is None and (m := _CONCERTATION.match(t)) and m["m"].lower() in MONTHS:
            year = int(m["y"])
            date = f"{year:04d}-{MONTHS[m['m'].lower()]:02d}-{int(m['d']):02d}"
            para = [x for x in text[i : i + 6] if x.stripped]
            organisers: list[str] = []
            participants: dict[str, int] = {}
            spans = [(line.start, line.start + m.end("y"))]
            for x in para:
                if pm := _PARTICIPANTS.search(x.text):
                    participants = {"participants": int(pm["p"]), "structures": int(pm["s"])}
                    spans.append((x.start + pm.start(), x.start + pm.end()))
                    organisers = ctx.organisations_in(x.start + pm.end(), x.end)
            event = record(
                ctx,
                "event",
                ckey,
                {
                    "name": f"Concertation PLDESS {plan.start}-{plan.end}",
                    "event_kind": "consultation",
                    "date": date,
                    "organisers": organisers,
                    "parent": f"plan/{plan.key}",
                    "territory": plan.territory,
                    **participants,
                },
                spans,
            )
            out.append(event)
        elif year and (m := _WORKSHOP_DATES.match(t)) and m["m1"] in MONTHS and m["m2"] in MONTHS:
            dates = (
                f"{year:04d}-{MONTHS[m['m1']]:02d}-{int(m['d1']):02d}",
                f"{year:04d}-{MONTHS[m['m2']]:02d}-{int(m['d2']):02d}",
            )
        elif event is not None and (m := _WORKSHOP.match(t)):
            workshop = f"{ckey}-w{m['n']}"
            proposals = 0
            out.append(
                record(
                    ctx,
                    "event",
                    workshop,
                    {
                        "name": label(f"Atelier {m['n']} : {m['label']}"),
                        "event_kind": "workshop",
                        "order": int(m["n"]),
                        "parent": f"event/{ckey}",
                        "date": dates[0] if dates else None,
                        "end_date": dates[1] if dates else None,
                        "territory": plan.territory,
                    },
                    [span(line, t)[:2]],
                )
            )
        elif workshop and (m := _PROPOSAL.match(line.text.strip(" "))):
            proposals += 1
            s, e, _ = span(line, m["label"].strip())
            v = line.text.rfind(m["votes"])
            out.append(
                record(
                    ctx,
                    "proposal",
                    f"{workshop}-p{proposals}",
                    {
                        "name": label(m["label"], 80),
                        "order": proposals,
                        "votes": int(m["votes"]),
                        "parent": f"event/{workshop}",
                    },
                    [(s, e), (line.start + v, line.start + v + len(m["votes"]))],
                )
            )
    return out
