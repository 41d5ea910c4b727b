"""Response models shared by the resources: references, sources, pages of items."""

from __future__ import annotations

from typing import Generic, TypeVar

from pydantic import BaseModel, ConfigDict, Field

T = TypeVar("T")


class Ref(BaseModel):
    """A node of the graph by its IRI, with its display label when it has one."""

    model_config = ConfigDict(frozen=True)

    id: str = Field(description="IRI of the node.")
    label: str | None = Field(None, description="Display label (name, title, preferred label).")


class SourcePublic(BaseModel):
    """Where a fact comes from: a passage of a source document (a W3C Web Annotation)."""

    mention: str = Field(description="IRI of the mention (an ess:Mention).")
    document: Ref = Field(description="The source document.")
    start: int | None = Field(None, description="First code point of the passage (inclusive).")
    end: int | None = Field(None, description="End of the passage (exclusive code point).")
    exact: str | None = Field(None, description="The passage's exact text.")
    prefix: str | None = Field(None, description="The sentence's text before the passage.")
    suffix: str | None = Field(None, description="The sentence's text after the passage.")
    issued: str | None = Field(None, description="The document's date (year or ISO date).")
    method: str | None = Field(None, description="Extraction method (rule, model, curation).")
    confidence: float | None = Field(None, description="Confidence of the extraction (0-1).")


class Summary(Ref):
    """One item of a list: its IRI, label and kind."""

    kind: str = Field(description="The <kind> of its IRI <base>id/<kind>/<slug>.")


class ListPublic(BaseModel, Generic[T]):
    """A page of a list, with the total number of items that match."""

    total: int = Field(description="Items matching the filters, all pages together.")
    limit: int
    offset: int
    items: list[T]


class Dated(BaseModel):
    """Beginning and end of a dated fact, as years or dates when they are known."""

    start: str | None = None
    end: str | None = None
