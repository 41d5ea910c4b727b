"""Deterministic IRIs: slugs are accent-folded, lower-case and hyphenated."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

from ess_core.settings import DEFAULT_BASE_IRI

_NON_ALNUM = re.compile(r"[^a-z0-9]+")


def fold(text: str) -> str:
    """Lower-case ``text`` and strip its accents (``Économie`` -> ``economie``)."""
    decomposed = unicodedata.normalize("NFKD", text.replace("œ", "oe").replace("Œ", "Oe"))
    return "".join(c for c in decomposed if not unicodedata.combining(c)).lower()


def slugify(text: str) -> str:
    """Slug of ``text``: folded, runs of other characters become one hyphen.

    >>> slugify("Acteurs pour une Économie Solidaire")
    'acteurs-pour-une-economie-solidaire'
    >>> slugify("  L'Œuvre — 2021 ")
    'l-oeuvre-2021'
    """
    slug = _NON_ALNUM.sub("-", fold(text)).strip("-")
    if not slug:
        raise ValueError(f"cannot make a slug of {text!r}: no letter or digit")
    return slug


@dataclass(frozen=True)
class Iris:
    """Mints the project's IRIs from one base IRI (a setting)."""

    base: str = DEFAULT_BASE_IRI

    @property
    def ontology(self) -> str:
        """Namespace of the ESS ontology (prefix ``ess:``)."""
        return f"{self.base}ontology#"

    def term(self, local_name: str) -> str:
        """IRI of an ontology term, e.g. ``term('Mention')``."""
        return self.ontology + local_name

    def resource(self, kind: str, key: str) -> str:
        """IRI of a resource: ``<base>id/<kind>/<slug(key)>``."""
        return f"{self.base}id/{kind}/{slugify(key)}"

    def graph(self, *parts: str) -> str:
        """IRI of a named graph: ``<base>graph/<part>/<part>...``."""
        return f"{self.base}graph/" + "/".join(slugify(p) for p in parts)
