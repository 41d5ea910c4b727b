"""Extraction rules declared once: a small record each, collected by one registry and run by
one runner in stage order.

A :class:`Rule` names what it finds (its ``name`` is the ``rule`` of the mentions it makes),
its stage, the matcher that finds it, its confidence, its rank (a lower rank wins an overlap,
``ingest.extract.pipeline``) and invented example sentences with what it must find in them
(``tests/ingest/extract/test_rules.py`` runs each rule on its own examples). One matcher may
make the mentions of several rules (the cue rules of ``mentions.org_cues``): it is declared by
the first of them and the others point to it with ``matcher=None``. The modules that
declare rules register them when imported (``ingest.extract.mentions.registered``, imported
by the pipeline).
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Any, Literal

Stage = Literal["segment", "mentions", "classify", "relate", "resolve", "layouts"]
STAGES: tuple[Stage, ...] = ("segment", "mentions", "classify", "relate", "resolve", "layouts")
# A matcher reads the document object of its stage and returns what it found.
Matcher = Callable[[Any], list[Any]]


@dataclass(frozen=True)
class Rule:
    """One extraction rule."""

    name: str
    stage: Stage
    confidence: float
    rank: int
    examples: tuple[tuple[str, str], ...]
    matcher: Matcher | None = None
    order: int = 0


_REGISTRY: dict[str, Rule] = {}


def register(rule: Rule) -> Rule:
    """Add ``rule`` to the registry; a second rule of the same name is an error."""
    if rule.name in _REGISTRY:
        raise ValueError(f"rule {rule.name!r} is declared twice")
    _REGISTRY[rule.name] = rule
    return rule


def rules(stage: Stage | None = None) -> list[Rule]:
    """Registered rules (of ``stage``) in stage order, then declaration order."""
    found = [r for r in _REGISTRY.values() if stage is None or r.stage == stage]
    return sorted(found, key=lambda r: (STAGES.index(r.stage), r.order))


def rule(name: str) -> Rule:
    """The rule named ``name``."""
    return _REGISTRY[name]


def rank(name: str, default: int = 9) -> int:
    """Rank of the rule named ``name`` (``default`` for an unknown name)."""
    found = _REGISTRY.get(name)
    return found.rank if found is not None else default


def confidence(name: str) -> float:
    """Confidence of the rule named ``name``."""
    return rule(name).confidence


def run(stage: Stage, document: Any) -> Iterator[Any]:
    """Run every matcher of ``stage`` once, in order, on ``document``."""
    for r in rules(stage):
        if r.matcher is not None:
            yield from r.matcher(document)
