"""Name matching of the corpus scorer (``../shared/corpus/README.md``): two names match when
they are equal ignoring case, accents, punctuation and a leading article, or when one is the
acronym of the other.

>>> name_key("L'Atelier  Vélo-Solidaire !")
'atelier velo solidaire'
>>> names_match(["AVS"], ["Atelier Vélo Solidaire"])
True
>>> names_match(["Atelier vélo"], ["Atelier Vélo Solidaire"])
False
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from ess_core.iris import fold

_PUNCT = re.compile(r"[^a-z0-9]+")
_ARTICLE = re.compile(r"^(?:l|le|la|les|un|une|des|du)\s+")
_SMALL = frozenset("l le la les de du des d et a au aux en pour sur par un une dans avec".split())


def name_key(name: str) -> str:
    """Folded name: lower case, no accent, punctuation as spaces, no leading article."""
    key = " ".join(_PUNCT.sub(" ", fold(name.replace("\u2019", "'"))).split())
    return _ARTICLE.sub("", key)


def acronym(name: str) -> str | None:
    """Initials of the significant words (two or more), folded; None for a one-word name."""
    folded = _PUNCT.sub(" ", fold(name.replace("\u2019", "'")))
    words = [w for w in folded.split() if w not in _SMALL]
    return "".join(w[0] for w in words) if len(words) >= 2 else None


def names_match(found: Iterable[str], gold: Iterable[str]) -> bool:
    """True when a found name equals a gold name (or is its acronym, or the reverse)."""
    found_keys = {name_key(n) for n in found} - {""}
    gold_names = list(gold)
    gold_keys = {name_key(n) for n in gold_names} - {""}
    if found_keys & gold_keys:
        return True
    single = {k for k in found_keys if " " not in k}
    if single & {a for a in map(acronym, gold_names) if a}:
        return True
    gold_single = {k for k in gold_keys if " " not in k}
    return bool(gold_single & {a for a in map(acronym, found_keys) if a})
