"""Territory names to look for: communes, departments and the region from the reference file.

Only current communes of Hauts-de-France above a small population are used as a gazetteer, so
that common words that happen to be commune names do not become places.
"""

from __future__ import annotations

from ess_core.settings import Settings
from ingest.reference.reader import ReferenceError, load_reference, reference_path

REGION_CODE = "32"
MIN_POPULATION = 1500
# Short names the documents use for communes whose official names are longer.
_SHORT_NAMES = ("Bruay",)
_AREAS = (
    "Valenciennois",
    "Hainaut-Cambrésis",
    "Bassin minier",
    "Lys Romane",
    "Flandre",
    "Nord-Pas-de-Calais",
    "Artois",
    "Gohelle",
)


def territory_names(settings: Settings) -> list[str]:
    """Sorted territory names; only the fixed areas when the reference file is absent."""
    names = set(_AREAS) | set(_SHORT_NAMES)
    path = reference_path(settings)
    if path.exists():
        try:
            ref = load_reference(path)
        except ReferenceError:
            return sorted(names)
        for commune in ref.current_communes().values():
            if commune.region == REGION_CODE and (commune.population or 0) >= MIN_POPULATION:
                names.add(commune.name)
        names.update(d.name for d in ref.departements.values() if d.region == REGION_CODE)
        if REGION_CODE in ref.regions:
            names.add(ref.regions[REGION_CODE].name)
    return sorted(n for n in names if len(n) >= 4)
