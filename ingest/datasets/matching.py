"""Match register units to the organisations the documents name (rapidfuzz).

A unit (name, commune, legal category, identifiers) is compared with every organisation of
``data/extracted`` (its names, aliases and the curated ones). An identifier given by curation
(SIREN, RNA) decides at once (score 100). Otherwise the score is the best
``token_sort_ratio`` of the folded names, legal-form words left out, adjusted by the commune
(+5 when the documents place the organisation there) and the kind (+5 when an association of
the register is an association in the documents, -10 when one is and the other is not). At or
above :data:`LINK_AT` the unit is the organisation (same IRI, evidence recorded); from
:data:`REVIEW_AT` it goes to the review list; below, it is a new organisation.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache

from rapidfuzz import fuzz, process

from ess_core.iris import fold, slugify
from ess_core.settings import Settings
from ingest.curation import load_curation
from ingest.extract.emit import read_records

LINK_AT = 90.0
REVIEW_AT = 75.0
_NOISE = re.compile(
    r"\b(association|asso|sas|sarl|sa|scic|scop|sci|eurl|ste|societe|cooperative"
    r"|l|la|le|les|de|du|des|d|et)\b"
)
_SPACES = re.compile(r"[^a-z0-9]+")


@lru_cache(maxsize=1 << 16)  # a register repeats names: 166,666 units, half the import's time
def normalise(name: str) -> str:
    """Folded name without punctuation and legal-form words.

    >>> normalise("Association L'Échappée (SCIC)")
    'echappee'
    """
    text = _SPACES.sub(" ", fold(name))
    return " ".join(_NOISE.sub(" ", text).split())


cached_slug = lru_cache(maxsize=1 << 14)(slugify)
"""slugify, its answers kept: a register names the same communes and NAF codes again and again."""


@dataclass
class Candidate:
    """An organisation of the documents, as the matcher sees it."""

    key: str
    names: list[str]
    documents: set[str] = field(default_factory=set)
    places: set[str] = field(default_factory=set)
    association: bool | None = None
    siren: str | None = None
    rna: str | None = None


@dataclass(frozen=True)
class Match:
    """The best candidate for a unit and its score."""

    candidate: Candidate
    score: float
    register_name: str
    document_name: str


def document_organisations(settings: Settings) -> list[Candidate]:
    """Organisations of ``data/extracted`` with their names, places, kind and curated ids."""
    found: dict[str, Candidate] = {}
    places: dict[str, set[str]] = {}
    for path in sorted((settings.data_dir / "extracted").glob("*.jsonl")):
        for record in read_records(path):
            fields = record.get("fields", {})
            if record["type"] == "entity" and record["kind"] == "organisation":
                cand = found.setdefault(record["key"], Candidate(record["key"], []))
                cand.names += [fields.get("name", ""), *fields.get("aliases", [])]
                cand.documents.add(record["document"])
                if fields.get("legal_form"):
                    cand.association = fields["legal_form"] == "association"
            elif record["type"] == "relation" and record["kind"] == "located-in":
                subject, obj = str(fields.get("subject", "")), str(fields.get("object", ""))
                if subject.startswith("organisation/"):
                    places.setdefault(subject.split("/", 1)[1], set()).add(obj.rsplit("/", 1)[-1])
    for entity in load_curation(settings).entities:
        if entity.kind != "organisation":
            continue
        curated = found.get(slugify(entity.canonical))
        if curated is None:
            continue
        curated.names += [entity.canonical, *entity.aliases]
        ids = dict(entity.identifiers)
        curated.siren, curated.rna = ids.get("siren"), ids.get("rna")
    for key, cand in found.items():
        cand.places = places.get(key, set())
        cand.names = list(dict.fromkeys(n for n in cand.names if n))
    return sorted(found.values(), key=lambda c: c.key)


class Matcher:
    """Scores units against the document organisations."""

    def __init__(self, candidates: list[Candidate]) -> None:
        self.candidates = candidates
        self.by_siren = {c.siren: c for c in candidates if c.siren}
        self.by_rna = {c.rna: c for c in candidates if c.rna}
        self.choices: list[str] = []
        self.owner: list[tuple[Candidate, str]] = []
        for cand in candidates:
            for name in cand.names:
                norm = normalise(name)
                if norm:
                    self.choices.append(norm)
                    self.owner.append((cand, name))

    def best(
        self,
        names: list[str],
        commune_name: str | None,
        association: bool | None,
        siren: str | None = None,
        rna: str | None = None,
    ) -> Match | None:
        """The best candidate for a unit named ``names``, or None under :data:`REVIEW_AT`."""
        register_name = names[0] if names else ""
        for table, key in ((self.by_siren, siren), (self.by_rna, rna)):
            if key and key in table:
                cand = table[key]
                return Match(cand, 100.0, register_name, cand.names[0])
        if not self.choices:
            return None
        scored: dict[str, tuple[float, str, str]] = {}
        place = cached_slug(commune_name) if commune_name else None
        for name in names:
            norm = normalise(name)
            if not norm:
                continue
            for _, raw, index in process.extract(
                norm,
                self.choices,
                scorer=fuzz.token_sort_ratio,
                score_cutoff=REVIEW_AT - 10,
                limit=5,
            ):
                cand, doc_name = self.owner[index]
                score = float(raw)
                if place and place in cand.places:
                    score += 5
                if association is not None and cand.association is not None:
                    score += 5 if association == cand.association else -10
                score = min(score, 100.0)
                if score > scored.get(cand.key, (-1.0, "", ""))[0]:
                    scored[cand.key] = (score, name, doc_name)
        if not scored:
            return None
        key, (score, reg, doc) = max(scored.items(), key=lambda kv: (kv[1][0], kv[0]))
        if score < REVIEW_AT:
            return None
        cand = next(c for c in self.candidates if c.key == key)
        return Match(cand, round(score, 1), reg, doc)
