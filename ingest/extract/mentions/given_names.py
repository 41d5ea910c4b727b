"""Given names common in France (``lexicons/given_names.yaml``): whether a name the model tags
as a person opens like one. A decision feature, not a filter of its own: a person named with a
rarer given name is still a person wherever the sentence does not take an organisation."""

from __future__ import annotations

import re
from functools import cache

from ess_core.iris import fold
from ingest.extract.mentions.gazetteers import lexicon


@cache
def _given() -> frozenset[str]:
    data = lexicon("given_names")
    return frozenset(
        fold(part)
        for key in ("female", "male")
        for name in data.get(key) or []
        for part in str(name).split("-")
    )


def opens_with_given_name(name: str) -> bool:
    """Whether the first word of ``name`` (or a part of a compound such as "Jean-Yves") is a
    known given name.

    >>> opens_with_given_name("Jean-Yves Martin"), opens_with_given_name("Textile Picarde")
    (True, False)
    """
    first = re.split(r"[\s.]+", name.strip(), maxsplit=1)[0]
    return any(fold(part) in _given() for part in first.split("-") if part)
