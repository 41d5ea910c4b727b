"""One SHACL validation result, as both validators (pyshacl and compiled SPARQL) report it."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Violation:
    """One SHACL result of severity sh:Violation."""

    shape: str
    focus: str
    message: str
    path: str | None
    value: str | None
    constraint: str = ""  # the constraint component's local name, e.g. MinCountConstraintComponent

    def key(self) -> tuple[str, str, str | None, str | None, str]:
        """What both validators must agree on (the message wording may differ)."""
        return (self.shape, self.focus, self.path, self.value, self.constraint)
