"""Names qualified by the département or région that follows them: ``le centre social de
l'Est de la Somme``, ``la Coopérative des Tiers-Lieux en Aquitaine``.

A name found by a shape rule (a typing word, the model, a list) stops before a territory,
since a territory alone is not an organisation; when a département or a région (or a
former région) follows right after ``de la / du / de l' / des / d' / en``, it belongs to
the name. A commune does not (``l'atelier X de Guise`` is the atelier X, located in Guise),
nor does a name a rule already took whole (bodies, public bodies, acronyms).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import replace

from ingest.extract.mentions.gazetteers import Gazetteers, place_key
from ingest.extract.mentions.names import CAPSEQ, Mention

# rules whose mentions may stop short of their territory
_SHAPE_RULES = frozenset(
    {
        "typed-phrase",
        "typed-name",
        "typed-head",
        "typed-model",
        "typed-quoted",
        "spacy-org",
        "model-org",
        "listed",
        "cue-local",
        "org-head",
        "role-line",
    }
)
_AREA_AFTER = re.compile(rf" (?:de la |du |de l['’]|des |d['’]|en )(?P<name>{CAPSEQ})")


def _area_prefix(gaz: Gazetteers, name: str) -> str | None:
    words = name.split(" ")
    for n in range(len(words), 0, -1):
        part = " ".join(words[:n])
        key = place_key(part)
        if key in gaz.departements or key in gaz.regions:
            return part
    return None


def extend_with_area(
    text: str, mentions: Sequence[Mention], gazetteers: Gazetteers | None
) -> list[Mention]:
    """``mentions`` with each organisation found by a shape rule extended over the
    département or région right after it."""
    if gazetteers is None:
        return list(mentions)
    out = []
    for m in mentions:
        after = _AREA_AFTER.match(text, m.end)
        if m.kind == "organisation" and m.rule in _SHAPE_RULES and after is not None:
            area = _area_prefix(gazetteers, after.group("name"))
            if area is not None and "\n" not in text[m.end : after.start("name")]:
                end = after.start("name") + len(area)
                m = replace(m, end=end, text=" ".join(text[m.start : end].split()))
        out.append(m)
    return out
