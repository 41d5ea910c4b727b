"""Rank and confidence of every relation rule (stage ``relate``) and layout rule (stage
``layouts``): the numbers of their rule records (declared in :mod:`registered`), in a leaf module
the rule modules can import without importing each other.

Rank orders relation rules from the most explicit layout (a quote header, a name line and its
role line: 0) to the readings of a paragraph's subject (5).
"""

from __future__ import annotations

# name -> (rank, confidence)
TABLE: dict[str, tuple[int, float]] = {
    "header-role": (0, 0.9),
    "role-line-role": (0, 0.9),
    "role-line-before": (1, 0.85),
    "apposition": (2, 0.8),
    "portrait": (1, 0.85),
    "founded": (2, 0.85),
    "dissolved": (2, 0.85),
    "renamed": (2, 0.85),
    "succession": (3, 0.75),
    "merger": (3, 0.75),
    "partner-of": (3, 0.75),
    "member-of": (3, 0.75),
    "carries": (3, 0.75),
    "funded-by": (3, 0.75),
    "pair": (3, 0.75),
    "forward-carries": (4, 0.7),
    "forward-member-of": (4, 0.7),
    "forward-funded-by": (4, 0.7),
    "located-in": (2, 0.8),
    "association-de": (3, 0.7),
    "funder-first": (3, 0.75),
    "support-of": (4, 0.65),
    "support-received": (3, 0.75),
    "support-received-collectivity": (5, 0.6),
    "joint-work": (3, 0.7),
    "joint-work-place": (4, 0.65),
    "pair-cue": (3, 0.7),
    "ties-with": (4, 0.65),
    "settled": (4, 0.7),
    "testimony": (4, 0.7),
    "testimony-first-named": (5, 0.6),
    "role-general": (3, 0.75),
    "role-parse": (2, 0.8),
    "role-possessive": (4, 0.65),
    "role-verb": (3, 0.75),
    "link-parse": (3, 0.75),
    "role-bracket": (4, 0.7),
    "role-fronted": (3, 0.75),
    "role-anaphor": (4, 0.7),
    "role-copula": (3, 0.75),
    "role-elected": (3, 0.75),
    "role-implied": (4, 0.7),
    "role-bare": (5, 0.6),
    "role-for": (4, 0.7),
    "link-general": (4, 0.7),
    "link-together": (4, 0.7),
    "located-general": (4, 0.75),
    "located-opening": (4, 0.7),
    "located-anaphora": (4, 0.65),
    "context-role": (5, 0.6),
    "layout-record": (1, 0.9),
    "layout-named-organisation": (2, 0.8),
}


def confidence(name: str) -> float:
    """The confidence of the relation or layout rule ``name``.

    >>> confidence("context-role")
    0.6
    """
    return TABLE[name][1]


def rank(name: str) -> int:
    """The rank of the relation or layout rule ``name``."""
    return TABLE[name][0]
