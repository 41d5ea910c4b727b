"""Which territory a place name of one document stands for, among homonyms.

Between equally good candidates (several communes named "Marly"), the document decides: the
candidate whose département is named near the name ("Marly (59)", "Marly, dans le Nord"),
else whose région is named near it, else the département, then the région, the document
names most (by their names, by codes after names, by its registered territory); the most
populous candidate last.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

from ingest.extract.resolve.territories import TerritoryMatch, TerritoryResolver, name_key

# a resolved name this good is the territory; below, it is not resolved
MIN_SCORE = 0.9
# how far (characters) from a name its département or région counts as named "near" it
NEAR = 200
_CODE_AFTER = re.compile(r"\s?\((?P<code>\d{2}|2[AB]|97\d|\d{5})\)")


@dataclass(frozen=True)
class Named:
    """A territory occurrence of a document: offsets into its text and the name."""

    start: int
    end: int
    name: str


@dataclass
class PlaceContext:
    """The départements and régions a document names: where, and how often."""

    # name key of a place -> départements / régions named near its occurrences
    near_departements: dict[str, Counter[str]] = field(default_factory=dict)
    near_regions: dict[str, Counter[str]] = field(default_factory=dict)
    departements: Counter[str] = field(default_factory=Counter)
    regions: Counter[str] = field(default_factory=Counter)


class PlaceResolution:
    """Names -> IRIs of official territories, in the context of a document."""

    def __init__(self, resolver: TerritoryResolver) -> None:
        self.resolver = resolver
        self._matches: dict[str, list[TerritoryMatch]] = {}

    def matches(self, name: str) -> list[TerritoryMatch]:
        """The resolver's candidates for ``name`` scored at least :data:`MIN_SCORE`."""
        if name not in self._matches:
            found = self.resolver.resolve(name)
            self._matches[name] = [m for m in found if m.score >= MIN_SCORE]
        return self._matches[name]

    def _areas(self, name: str) -> tuple[set[str], set[str]]:
        """Départements and régions ``name`` names (as a département, a région or a
        territory spanning them), when it resolves to one."""
        matches = self.matches(name)
        if not matches or matches[0].kind == "commune":
            return set(), set()
        top = matches[0]
        if top.kind == "region":
            return set(), {top.code}
        regions = {r for d in top.departements if (r := self.resolver.region_of(d))}
        return set(top.departements), regions

    def context(
        self, text: str, places: Iterable[Named], territory: str | None = None
    ) -> PlaceContext:
        """What ``text`` names around its places (``territory``: the registered territory
        of the document, counted once)."""
        ctx = PlaceContext()
        found: list[tuple[Named, set[str], set[str]]] = []
        for place in sorted(places, key=lambda p: p.start):
            deps, regions = self._areas(place.name)
            if m := _CODE_AFTER.match(text, place.end):
                code = m.group("code")
                deps.add(code[:3] if code.startswith("97") else code[:2])
            found.append((place, deps, regions))
            ctx.departements.update(deps)
            ctx.regions.update(regions)
            ctx.regions.update(r for d in deps if (r := self.resolver.region_of(d)))
        if territory:
            deps, regions = self._areas(territory)
            ctx.departements.update(deps)
            ctx.regions.update(regions | {r for d in deps if (r := self.resolver.region_of(d))})
        for place, own_deps, _ in found:
            key = name_key(place.name)
            near_deps = ctx.near_departements.setdefault(key, Counter())
            near_regions = ctx.near_regions.setdefault(key, Counter())
            near_deps.update(own_deps)  # "Marly (59)"
            for other, deps, regions in found:
                if other is not place and abs(other.start - place.start) <= NEAR:
                    near_deps.update(deps)
                    near_regions.update(regions)
                    near_regions.update(r for d in deps if (r := self.resolver.region_of(d)))
        return ctx

    def _weight(self, m: TerritoryMatch, key: str, ctx: PlaceContext) -> tuple[int, ...]:
        regions = {r for d in m.departements if (r := self.resolver.region_of(d))}
        near_deps = ctx.near_departements.get(key, Counter())
        near_regions = ctx.near_regions.get(key, Counter())
        return (
            sum(near_deps[d] for d in m.departements),
            sum(near_regions[r] for r in regions),
            sum(ctx.departements[d] for d in m.departements),
            sum(ctx.regions[r] for r in regions),
        )

    def resolve(self, name: str, ctx: PlaceContext, anywhere: bool = True) -> str | None:
        """IRI of the territory ``name`` stands for in the document of ``ctx``; None when it
        does not resolve with confidence. Without ``anywhere``, a commune must lie in a
        département or a région the document names."""
        matches = self.matches(name)
        if not matches:
            return None
        key = name_key(name)
        best = max(m.score for m in matches)
        # the resolver's order (population) breaks the context's ties: max keeps the first
        ranked = sorted(
            (m for m in matches if m.score == best),
            key=lambda m: self._weight(m, key, ctx),
            reverse=True,
        )
        if not anywhere:
            ranked = [
                m for m in ranked if m.kind != "commune" or any(self._weight(m, key, ctx)[2:])
            ]
        return ranked[0].iri if ranked else None

    def resolver_for(self, ctx: PlaceContext, anywhere: bool = True) -> Callable[[str], str | None]:
        """:meth:`resolve` in the context ``ctx``."""
        return lambda name: self.resolve(name, ctx, anywhere)
