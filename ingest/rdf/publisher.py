"""A document's publisher, named in the registry, resolved to the organisation node that
already exists: by canonical name, alias or acronym of the curation, or by the name or an
alias of an extracted organisation, compared case-, accent- and punctuation-insensitively
("APES" = "Apes"). The node keeps its one label: the publisher never adds a second one.
"""

from __future__ import annotations

from dataclasses import dataclass

from ess_core.iris import slugify
from ess_core.settings import Settings
from ingest.curation import load_curation
from ingest.extract.emit import read_records
from ingest.rdf.records import extracted_files


@dataclass(frozen=True)
class Publisher:
    """The organisation node of a publisher: its key (``organisation/<key>``) and label."""

    key: str
    label: str


def _match_key(name: str) -> str:
    try:
        return slugify(name)
    except ValueError:
        return ""


class PublisherIndex:
    """Known organisations by every name they go by."""

    def __init__(self) -> None:
        self._by_name: dict[str, Publisher] = {}

    def add(self, names: list[str], publisher: Publisher) -> None:
        """Index ``publisher`` under each of ``names``; the first indexed wins."""
        for name in names:
            key = _match_key(name)
            if key:
                self._by_name.setdefault(key, publisher)

    def resolve(self, name: str) -> Publisher:
        """The existing organisation named ``name``, or a new node labelled ``name``."""
        return self._by_name.get(_match_key(name)) or Publisher(slugify(name), name)

    @classmethod
    def from_settings(cls, settings: Settings) -> PublisherIndex:
        """Curated organisations first (their canonical name is the node's label), then the
        organisations of the extracted records."""
        index = cls()
        for entity in load_curation(settings).entities:
            if entity.kind == "organisation":
                publisher = Publisher(slugify(entity.canonical), entity.canonical)
                index.add([entity.canonical, *entity.aliases], publisher)
        for path in extracted_files(settings):
            for record in read_records(path):
                if record["type"] != "entity" or record["kind"] != "organisation":
                    continue
                fields = record["fields"]
                publisher = Publisher(record["key"], fields["name"])
                index.add([fields["name"], *fields.get("aliases", [])], publisher)
        return index
