"""Figures as observations: ESS jobs, FTE, establishments, share of jobs, population,
unemployment and poverty rates, share of industrial jobs, sector shares of ESS establishments
or jobs, each with its territory, year and passage (and sector for the sector shares).

The territory is the one the last heading names (``## Portrait robot de la CAVM``), else the
document's territory; the year is the one stated next to the figure (``192 075 Habitants
(2021)``), else the one a ``Sources`` line gives for that kind of figure, else the document's
year. The key holds measure, territory, year and value: two documents giving the same value
share the observation, different values coexist. A comparison in brackets (``(contre 20 %
sur les Hauts-de-France)``) is the same measure for the territory it names; "France" is the
country node of the reference geography.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ess_core.iris import Iris, fold
from ingest.extract.layouts.structure import Context, Line, Record, key, lines, record
from ingest.reference.country import COUNTRY_CODE, COUNTRY_NAMES

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
    (
        "povertyRate",
        "percent",
        re.compile(_DEC + r" ?% Taux de pauvreté(?: (?P<area>[A-Z][\w-]+))?"),
        0,
    ),
    (
        "povertyRate",
        "percent",
        re.compile(r"taux de pauvreté (?:de |atteint |est de )" + _DEC + r" ?%"),
        0,
    ),
    (
        "industryShareOfJobs",
        "percent",
        re.compile(
            _DEC + r" ?% des emplois (?:dans|de) (?:le domaine |le secteur |l['’])?industri\w*"
            r"(?: en (?P<y>(?:19|20)\d{2}))?"
        ),
        0,
    ),
    (
        "industryShareOfJobs",
        "percent",
        re.compile(r"part de l['’]emploi industriel (?:est )?de " + _DEC + r" ?%"),
        0,
    ),
    # amounts granted per project: "jusqu'à 10 000 € par projet"
    (
        "amount",
        "euro",
        re.compile(
            r"(?:jusqu['’]à|au maximum|maximum de|plafonnée? à|au plus) "
            + _NUM
            + r" ?(?:€|euros)(?: maximum)? par (?:projet|structure|porteur|dossier|lauréat)"
        ),
        100,
    ),
    # the portrait of a territory: communes, area, density, communes by size
    (
        "communeCount",
        "count",
        # a portrait's count stands alone ("35 communes, 191 000 habitants", "35 Communes •"),
        # unlike "3 communes partenaires"
        re.compile(_NUM + r" communes\b(?=\s*(?:[,;•|]|$))", re.I),
        2,
    ),
    (
        "communeCount",
        "count",
        re.compile(
            _NUM + r" communes\b[^.•\d]{0,60}?(?:(?P<below>\s-|moins)|\+|plus) de\s+"
            r"(?P<band>\d{1,3}(?:[   ]\d{3})+|\d+) habitants",
            re.I,
        ),
        1,
    ),
    ("areaKm2", "km2", re.compile(_DEC + r" ?km(?:<sup>2</sup>|²|2\b)"), 1),
    (
        "populationDensity",
        "inhabitant-per-km2",
        re.compile(_DEC + r" ?hab(?:itants?|\.)? ?(?:/|par |au )\s?km", re.I),
        1,
    ),
    # "421 établissements dont ¼ créés depuis 2010"
    (
        "shareOfEstablishmentsCreatedSince",
        "percent",
        re.compile(
            r"établissements\b[^.;]{0,60}?\b(?:dont|soit)\s+(?P<v>¼|½|¾|un quart|un tiers|"
            r"la moitié|\d+(?:[.,]\d+)? ?%)\s+(?:sont |ont été |a été )?cré\w*\s+"
            r"(?:depuis|après) (?P<since>(?:19|20)\d{2})"
        ),
        0,
    ),
    (
        "sectorShare",
        "percent",
        re.compile(
            _DEC + r" ?% (?:dans|de la|du|des) (?P<sector>(?:l['’]|les |le |la |d['’])?"
            r"[^()%\d=•.;]{3,60}?)(?=\s{2}|\s*(?:[(.;=•]|$|\d))"
        ),
        0,
    ),
]
# Sector phrase (folded) -> concept of the ``sector`` scheme; a phrase not listed is skipped.
SECTORS: tuple[tuple[str, str], ...] = (
    ("action sociale", "social-action"),
    ("arts", "arts-entertainment-recreation"),
    ("spectacle", "arts-entertainment-recreation"),
    ("sport", "arts-entertainment-recreation"),
    ("loisirs", "arts-entertainment-recreation"),
    ("autres domaines", "other"),
    ("autres secteurs", "other"),
    ("enseignement", "education"),
    ("sante", "health"),
    ("activites financieres", "solidarity-finance"),
)
# The share of which total a sector share is, read from the nearest words before it.
_SHARE_OF = (
    ("etablissement", "sectorShareOfEssEstablishments"),
    ("emploi", "sectorShareOfEssJobs"),
    ("salarie", "sectorShareOfEssJobs"),
)
_COMPARED = re.compile(
    r"^\s*\(?\s*contre " + _DEC + r" ?% (?:sur|en|dans|pour) (?:les |la |le |l['’])?"
    r"(?P<area>[A-ZÉ][\w-]*(?:[- ][A-ZÉ][\w-]*)*)"
)
_PERCENT_MEASURES = {
    "essShareOfJobs",
    "unemploymentRate",
    "povertyRate",
    "industryShareOfJobs",
    "sectorShareOfEssEstablishments",
    "sectorShareOfEssJobs",
    "shareOfEstablishmentsCreatedSince",
    "areaKm2",
    "populationDensity",
}
_KEY_WORD = {"since_year": "since", "population_below": "below", "population_above": "above"}
_FRACTIONS = {"¼": 25, "½": 50, "¾": 75, "un quart": 25, "un tiers": 33.3, "la moitié": 50}
_ESS = re.compile(r"\bESS\b|économie sociale", re.IGNORECASE)
_WINDOW_LINES = 6  # a figure and its words may be set one phrase a line
_HEADING = re.compile(r"^#+\s+(?P<t>.+)$")


def _value(raw: str, measure: str) -> int | float:
    if raw in _FRACTIONS:
        return float(_FRACTIONS[raw])
    raw = re.sub(r" ?%$", "", raw)
    raw = re.sub(r"[   ]", "", raw).replace(",", ".")
    return float(raw) if measure in _PERCENT_MEASURES or measure == "fte" else int(raw)


def country_iri(near: str) -> str:
    """IRI of the country node, minted with the base of ``near`` (any IRI of a territory)."""
    return Iris(near.rsplit("/", 3)[0] + "/").resource("pays", COUNTRY_CODE)


def place(ctx: Context, name: str, near: str | None) -> str | None:
    """The territory a name stands for: the country node for "France", else the official
    territory the name resolves to."""
    if fold(name.strip()) in COUNTRY_NAMES:
        return country_iri(near) if near else None
    return ctx.place_iri(name)


def _sector(phrase: str) -> str | None:
    folded = fold(phrase)
    return next((s for k, s in SECTORS if k in folded), None)


def _share_of(text: list[Line], i: int, before: str) -> str | None:
    """Whether a sector share is a share of establishments or of jobs: the last of those
    words before it on its line, else in the lines above up to the nearest heading (at most
    15 non-empty lines)."""
    seen = 0
    for body in [before, *(x.stripped for x in reversed(text[max(0, i - 40) : i]))]:
        if not body:
            continue
        folded = fold(body)
        hits = [(folded.rfind(w), m) for w, m in _SHARE_OF if w in folded]
        if hits:
            return max(hits)[1]
        seen += 1
        if seen >= 15 or body.startswith("#"):
            break
    return None


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
                what, sector = measure, None
                if measure == "sectorShare":
                    sector = _sector(m["sector"])
                    before = window[: m.start()] if m.start() < len(line.text) else ""
                    share_of = _share_of(text, i, before) if sector else None
                    if share_of is None or not _ess(window, ctx, line):
                        continue
                    what = share_of
                value = _value(m["v"], what)
                if what == "essShareOfJobs" and "salarié sur" in m.group():
                    value = round(100 / value, 1)
                if value < minimum or (what == "essJobs" and not _ess(window, ctx, line)):
                    continue
                if unit == "percent" and value > 100:
                    continue
                where = area
                if "area" in pattern.groupindex and m["area"]:
                    where = place(ctx, m["area"], area or territory)
                    if where is None:
                        continue
                year = (
                    int(m["y"])
                    if "y" in pattern.groupindex and m["y"]
                    else _sources_year(text, i, what) or ctx.year
                )
                if where is None or year is None:
                    continue
                fact = _Fact(what, unit, year, sector, _qualifiers(m))
                fact.note(
                    ctx, out, value, where, (starts[m.start("v")], starts[m.end("v") - 1] + 1)
                )
                if c := _COMPARED.match(window[m.end() :]):
                    other = place(ctx, c["area"], area or territory)
                    if other is not None:
                        at = m.end() + c.start("v")
                        fact.note(
                            ctx,
                            out,
                            _value(c["v"], what),
                            other,
                            (starts[at], starts[at + len(c["v"]) - 1] + 1),
                        )
    return [out[k] for k in sorted(out)]


@dataclass(frozen=True)
class _Fact:
    """What an observation measures, in which unit, year and sector."""

    measure: str
    unit: str
    year: int
    sector: str | None
    qualifiers: tuple[tuple[str, int], ...] = ()

    def note(
        self,
        ctx: Context,
        out: dict[str, Record],
        value: int | float,
        area: str,
        at: tuple[int, int],
    ) -> None:
        """Add the observation of ``value`` for ``area`` stated at ``at``."""
        code = area.rstrip("/").rsplit("/", 1)[-1]
        extra = [f"{_KEY_WORD[name]}-{v}" for name, v in self.qualifiers]
        k = key(self.measure, code, self.sector, *extra, self.year, f"{value:g}")
        fields = {
            "name": f"{self.measure} {self.year}",
            "measure": self.measure,
            "value": value,
            "unit": self.unit,
            "area": area,
            "year": self.year,
            "sector": self.sector,
            **dict(self.qualifiers),
        }
        out[k] = record(ctx, "observation", k, fields, [at])


def _qualifiers(m: re.Match[str]) -> tuple[tuple[str, int], ...]:
    """What else an observation is about: the year establishments were created since, the
    population band of the communes counted."""
    groups = m.re.groupindex
    if "since" in groups:
        return (("since_year", int(m["since"])),)
    if "band" in groups:
        band = int(re.sub(r"\D", "", m["band"]))
        return (("population_below" if m["below"] else "population_above", band),)
    return ()


def _window(text: list[Line], i: int) -> tuple[str, list[int]]:
    """Line ``i`` joined with the next lines (one space per break), and the original offset
    of every character of the joined text."""
    parts: list[str] = []
    starts: list[int] = []
    for line in text[i : i + _WINDOW_LINES]:
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
    word = {
        "unemploymentRate": "chômage",
        "population": "population",
        "povertyRate": "pauvreté",
    }.get(measure)
    if word is None:
        return None
    for line in text[i : i + 30]:
        if line.stripped.startswith("Sources") and (
            m := re.search(word + r"[^;]*?(?P<y>(?:19|20)\d{2})", line.text)
        ):
            return int(m["y"])
    return None
