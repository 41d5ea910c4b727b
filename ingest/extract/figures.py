"""Figures as observations: ESS jobs, FTE, establishments, share of jobs, population,
unemployment rate, each with its territory, year and passage.

The territory is the one the last heading names (``## Portrait robot de la CAVM``), else the
document's territory; the year is the one stated next to the figure (``192 075 Habitants
(2021)``), else the one a ``Sources`` line gives for that kind of figure, else the document's
year. The key holds measure, territory, year and value: two documents giving the same value
share the observation, different values coexist.
"""

from __future__ import annotations

import re

from ingest.extract.structure import Context, Line, Record, key, lines, record

_NUM = r"(?P<v>\d{1,3}(?:[   ]\d{3})+|\d+)"
_DEC = r"(?P<v>\d+(?:[.,]\d+)?)"
_RULES: list[tuple[str, str, re.Pattern[str], int]] = [
    # measure, unit, pattern (over a window of text joined across line breaks), minimum value
    ("essJobs", "job", re.compile(_NUM + r" (?:salariés|emplois)\b(?! en insertion)"), 1000),
    ("essJobs", "job", re.compile(r"un salarié sur 10, soit " + _NUM + r" personnes"), 1000),
    ("fte", "fte", re.compile(_NUM + r" ETP\b"), 100),
    ("establishments", "count", re.compile(_NUM + r" établissements\b"), 50),
    ("essShareOfJobs", "percent", re.compile(_DEC + r" ?% de l['’]ensemble des emplois"), 0),
    # "1 salarié sur 10": one job in ten, a share of 10 %
    ("essShareOfJobs", "percent", re.compile(r"\b(?:1|un) salarié sur (?P<v>\d+)\b"), 0),
    ("population", "inhabitant", re.compile(_NUM + r" Habitants? \((?P<y>\d{4})\)", re.I), 10000),
    ("population", "inhabitant", re.compile(r"communes, " + _NUM + r" habitants"), 10000),
    ("unemploymentRate", "percent", re.compile(_DEC + r" ?% Taux de chômage (?P<area>[\w-]+)"), 0),
    ("unemploymentRate", "percent", re.compile(r"taux de chômage de " + _DEC + r" ?%"), 0),
]
_ESS = re.compile(r"\bESS\b|économie sociale", re.IGNORECASE)
_HEADING = re.compile(r"^#+\s+(?P<t>.+)$")


def _value(raw: str, measure: str) -> int | float:
    raw = re.sub(r"[   ]", "", raw).replace(",", ".")
    return float(raw) if measure in ("essShareOfJobs", "unemploymentRate", "fte") else int(raw)


def figure_records(ctx: Context, territory: str | None) -> list[Record]:
    """Observations the document states."""
    text = lines(ctx.original)
    out: dict[str, Record] = {}
    area = territory
    for i, line in enumerate(text):
        if h := _HEADING.match(line.stripped):
            for word in re.findall(r"\b[A-Z]{3,6}\b", h["t"]):
                if iri := ctx.place_iri(word):
                    area = iri
        window, starts = _window(text, i)
        for measure, unit, pattern, minimum in _RULES:
            for m in pattern.finditer(window):
                if m.start() >= len(line.text.rstrip()):
                    continue  # found again from its own line
                value = _value(m["v"], measure)
                if measure == "essShareOfJobs" and "salarié sur" in m.group():
                    value = round(100 / value, 1)
                if value < minimum or (measure == "essJobs" and not _ess(window, ctx, line)):
                    continue
                where = area
                if "area" in pattern.groupindex:
                    where = ctx.place_iri(m["area"])
                    if where is None:
                        continue
                year = (
                    int(m["y"])
                    if "y" in pattern.groupindex
                    else _sources_year(text, i, measure) or ctx.year
                )
                if where is None or year is None:
                    continue
                s, e = starts[m.start("v")], starts[m.end("v") - 1] + 1
                k = key(measure, where.rstrip("/").rsplit("/", 1)[-1], year, f"{value:g}")
                out[k] = record(
                    ctx,
                    "observation",
                    k,
                    {
                        "name": f"{measure} {year}",
                        "measure": measure,
                        "value": value,
                        "unit": unit,
                        "area": where,
                        "year": year,
                    },
                    [(s, e)],
                )
    return [out[k] for k in sorted(out)]


def _window(text: list[Line], i: int) -> tuple[str, list[int]]:
    """Line ``i`` joined with the next lines (one space per break), and the original offset
    of every character of the joined text."""
    parts: list[str] = []
    starts: list[int] = []
    for line in text[i : i + 4]:
        body = line.text.rstrip()
        if parts:
            parts.append(" ")
            starts.append(line.start - 1)
        lead = len(body) - len(body.lstrip()) if parts else 0
        parts.append(body[lead:])
        starts.extend(range(line.start + lead, line.start + len(body)))
    return "".join(parts), starts


def _ess(window: str, ctx: Context, line: Line) -> bool:
    before = ctx.original[max(0, line.start - 300) : line.end]
    return bool(_ESS.search(before) or _ESS.search(window))


def _sources_year(text: list[Line], i: int, measure: str) -> int | None:
    """The year a ``Sources`` line within the next lines gives for this kind of figure."""
    word = {"unemploymentRate": "chômage", "population": "population"}.get(measure)
    if word is None:
        return None
    for line in text[i : i + 30]:
        if line.stripped.startswith("Sources") and (
            m := re.search(word + r"[^;]*?(?P<y>(?:19|20)\d{2})", line.text)
        ):
            return int(m["y"])
    return None
