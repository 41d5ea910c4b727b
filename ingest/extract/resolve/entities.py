"""One node per real person or organisation across documents.

Occurrences (mentions located in a document) are grouped by a normalised name, then joined by:
curation (canonical names, aliases), the documents' own acronym definitions, and fuzzy
matching (rapidfuzz) constrained by type — a person's given names must agree and family names
be close; an organisation's names must be nearly equal or one be the other plus a place.
Curation ``not_same_as`` decisions veto any join. Every occurrence stays attached to its node,
so each merge keeps its evidence. Everything is sorted: the result does not depend on the
order of the input nor on hash seeds.
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from rapidfuzz import fuzz

from ess_core.iris import fold, slugify
from ingest.curation import Curation
from ingest.extract.classify.kinds import is_head_word, person_display_name, strip_article


@dataclass(frozen=True, order=True)
class Occurrence:
    """A mention in a document; offsets are into the original text."""

    document: str
    start: int
    end: int
    kind: str
    surface: str
    exact: str
    method: str = "rule"
    confidence: float = 0.9
    rule: str = ""


@dataclass(frozen=True)
class Entity:
    """A resolved node: its kind, IRI key, preferred name, other names and occurrences."""

    kind: str
    key: str
    name: str
    aliases: tuple[str, ...]
    occurrences: tuple[Occurrence, ...]


def norm(kind: str, surface: str) -> str:
    """Comparable form of a name: folded, articles and punctuation dropped."""
    text = person_display_name(surface) if kind == "person" else strip_article(surface)
    text = fold(text)
    if kind != "person":
        text = re.sub(r"^(?:l['’]\s*|la |le |les )?(?:association\s+)?", "", text)
        # a town's council by any of its names: "mairie de X", "commune de X" = "Ville de X"
        text = re.sub(
            r"^(?:mairie|commune|municipalite|hotel de ville)(?= de | d['’])", "ville", text
        )
    text = re.sub(r"[-'’.,«»\"/]", " ", text)
    return re.sub(r"\s+", " ", text).strip()


def display(kind: str, surface: str) -> str:
    """Name as shown: ``GÉRARD DECHY`` -> ``Gérard Dechy``; ``l'Apes`` -> ``Apes``."""
    text = " ".join(surface.split())
    return person_display_name(text) if kind == "person" else strip_article(text)


class _Clusters:
    """Union-find over (kind, norm) with vetoes."""

    def __init__(self, vetoes: Sequence[tuple[str, frozenset[str]]]) -> None:
        self.parent: dict[tuple[str, str], tuple[str, str]] = {}
        self.members: dict[tuple[str, str], set[str]] = {}
        self.vetoes = vetoes

    def add(self, node: tuple[str, str]) -> None:
        if node not in self.parent:
            self.parent[node] = node
            self.members[node] = {node[1]}

    def find(self, node: tuple[str, str]) -> tuple[str, str]:
        self.add(node)
        while self.parent[node] != node:
            self.parent[node] = self.parent[self.parent[node]]
            node = self.parent[node]
        return node

    def union(self, a: tuple[str, str], b: tuple[str, str]) -> bool:
        ra, rb = self.find(a), self.find(b)
        if ra == rb:
            return True
        ma, mb = self.members[ra], self.members[rb]
        for kind, names in self.vetoes:
            if kind == a[0] and names & ma and names & mb and not (names & ma & mb):
                return False
        ra, rb = min(ra, rb), max(ra, rb)
        self.parent[rb] = ra
        self.members[ra] |= self.members.pop(rb)
        return True


def _same_person(a: str, b: str) -> bool:
    ta, tb = a.split(), b.split()
    if len(ta) < 2 or len(tb) < 2 or fuzz.ratio(ta[0], tb[0]) < 90:
        return False
    fam_a, fam_b = " ".join(ta[1:]), " ".join(tb[1:])
    if fam_a.startswith(fam_b + " ") or fam_b.startswith(fam_a + " "):
        return True
    return fuzz.ratio(fam_a, fam_b) >= 85 and fam_a[0] == fam_b[0]


# Kind words that may open an organisation's name or be left out ("Groupe X" / "X",
# "Communauté d'agglomération X" / "Agglomération X"), as normalised words.
_KIND_PREFIX = re.compile(
    r"^(?:groupe|association|collectif|cooperative|reseau|federation|scic|scop|sas|sasu|sarl"
    r"|communaute d agglomeration|communaute de communes|communaute urbaine|agglomeration"
    r"|agglo|ca|cc|cu|club|institut) "
)


def _same_organisation(a: str, b: str) -> bool:
    bare_a, bare_b = _KIND_PREFIX.sub("", a), _KIND_PREFIX.sub("", b)
    if (bare_a != a or bare_b != b) and bare_a == bare_b and len(bare_a) >= 3:
        return True
    short, long = sorted((a, b), key=len)
    # "Les Déchainés" / "Les Déchainés du bocal"; not "Maison" / "Maison du Vélo"
    whole = len(short.split()) >= 2 or (len(short) >= 6 and not is_head_word(short))
    if whole and re.match(rf"{re.escape(short)} (?:de|d|a|du|des) \w+", long):
        return True
    return len(short) >= 8 and fuzz.ratio(a, b) >= 92


def resolve(
    occurrences: Iterable[Occurrence], acronyms: Iterable[tuple[str, str, str]], curation: Curation
) -> list[Entity]:
    """Group occurrences into entities.

    ``acronyms`` are ``(kind, short, long)`` definitions read in the documents.
    """
    rejected = {(d, m) for d, m, s, e in curation.rejected if s is None}
    rejected_spans = {(d, s, e) for d, m, s, e in curation.rejected if s is not None}
    occs = sorted(
        o
        for o in set(occurrences)
        if (o.document, o.exact) not in rejected
        and (o.document, o.surface) not in rejected
        and (o.document, o.start, o.end) not in rejected_spans
        and norm(o.kind, o.surface)
    )
    clusters = _Clusters(
        [(k, frozenset(norm(k, n) for n in names)) for k, names in curation.not_same_as]
    )
    canonical: dict[tuple[str, str], str] = {}
    for entity in curation.entities:
        head = (entity.kind, norm(entity.kind, entity.canonical))
        canonical[head] = entity.canonical
        clusters.add(head)
        for alias in entity.aliases:
            clusters.union(head, (entity.kind, norm(entity.kind, alias)))
    for o in occs:
        clusters.add((o.kind, norm(o.kind, o.surface)))
    for kind, short, long in sorted(set(acronyms)):
        a, b = (kind, norm(kind, short)), (kind, norm(kind, long))
        if a[1] and b[1]:
            clusters.union(a, b)
    by_kind: dict[str, list[str]] = defaultdict(list)
    for kind, name in sorted({(o.kind, norm(o.kind, o.surface)) for o in occs}):
        by_kind[kind].append(name)
    for kind, names in sorted(by_kind.items()):
        same = _same_person if kind == "person" else _same_organisation
        for i, first in enumerate(names):
            for second in names[i + 1 :]:
                if same(first, second):
                    clusters.union((kind, first), (kind, second))
    grouped: dict[tuple[str, str], list[Occurrence]] = defaultdict(list)
    for o in occs:
        grouped[clusters.find((o.kind, norm(o.kind, o.surface)))].append(o)
    return _entities(grouped, clusters, canonical)


# model rules whose names passed the decision of ingest.extract.mentions.model_decision: one
# occurrence is enough
_DECIDED = frozenset({"model-org"})


def _entities(
    grouped: dict[tuple[str, str], list[Occurrence]],
    clusters: _Clusters,
    canonical: dict[tuple[str, str], str],
) -> list[Entity]:
    entities: dict[tuple[str, str], Entity] = {}
    curated_keys: set[tuple[str, str]] = set()
    for root, members in sorted(grouped.items()):
        if all(o.method == "model" and o.rule not in _DECIDED for o in members) and (
            root[0] != "person" and len({o.document for o in members}) < 2 and len(members) < 2
        ):
            continue  # a lone model guess is not enough for an organisation (unless decided)
        names = Counter(display(o.kind, o.surface) for o in members)
        curated = sorted(canonical[n] for n in canonical if clusters.find(n) == root)
        if curated:
            name = curated[0]
        else:
            acronyms = [n for n in names if re.fullmatch(r"[A-ZÉ][A-ZÉ'’-]{1,9}", n)]
            pool = acronyms if acronyms and root[0] != "person" else list(names)
            # the most frequent name; ties: a person's fullest name, an organisation's shortest
            sign = -1 if root[0] == "person" else 1
            name = sorted(pool, key=lambda n: (-names[n], sign * len(n), n))[0]
        key = slugify(name)
        ident = (root[0], key)
        previous = entities.get(ident)
        if curated:
            curated_keys.add(ident)
        elif previous is not None and ident in curated_keys:
            name = previous.name  # two groups under one key: the curated name wins
        occs = tuple(sorted(set(members) | set(previous.occurrences if previous else ())))
        aliases = tuple(sorted({display(o.kind, o.surface) for o in occs} - {name}))
        entities[ident] = Entity(root[0], key, name, aliases, occs)
    return [entities[k] for k in sorted(entities)]
