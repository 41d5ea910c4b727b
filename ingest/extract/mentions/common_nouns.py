"""Organisation mentions that name a kind, not an organisation: a typing noun alone
("Ressourceries" in "portée par des Ressourceries", "Associations" opening a heading) and a
law ("Loi 1901" in "une association Loi 1901"). The pipeline drops them before it chooses
between overlapping mentions."""

from __future__ import annotations

import re
from functools import cache

from ingest.extract.mentions.names import Mention
from ingest.extract.mentions.word_lists import word_list

# "Loi 1901", "loi du 31 juillet 2014", "Loi ESS": a law
_LAW = re.compile(r"(?i:loi)(?:\s+(?:n°\s*)?\d[\d-]*|\s+(?:du|de)\s+\d.*|\s+ESS)?\s*$")


def names_a_kind(mention: Mention) -> bool:
    """Whether an organisation mention is a typing noun alone or a law.

    >>> names_a_kind(Mention(0, 13, "organisation", "Ressourceries"))
    True
    >>> names_a_kind(Mention(0, 8, "organisation", "Loi 1901"))
    True
    >>> names_a_kind(Mention(0, 3, "organisation", "Loi"))
    True
    >>> names_a_kind(Mention(0, 8, "organisation", "Vélocité"))
    False
    """
    if mention.kind != "organisation":
        return False
    text = " ".join(mention.text.split())
    if _LAW.fullmatch(text):
        return True
    if " " in text:
        return False
    word = text.lower()
    nouns = _typing_nouns()
    return word in nouns or (word.endswith("s") and word[:-1] in nouns)


@cache
def _typing_nouns() -> frozenset[str]:
    """The ``apposition`` nouns of ``org_context.yaml``, in lower case."""
    return frozenset(n.lower() for n in word_list("org_context", "apposition").phrases)
