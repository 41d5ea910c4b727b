"""Read a register's CSV file and check it against its layout, naming ``file:line`` and column.

A layout lists the columns an import needs, each with the shape INSEE or the RNA documents for
its values (a regular expression; an empty cell passes unless the column is required). The
reader streams: a file is checked row by row, and the first bad row stops the import before
anything is written.
"""

from __future__ import annotations

import csv
import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path


class DatasetError(ValueError):
    """An import's input is unreadable or invalid: the message names file, line and column."""


@dataclass(frozen=True)
class Field:
    """A column of a layout: its name, the pattern of its values, whether a value is needed."""

    name: str
    pattern: str = ""
    required: bool = False


@dataclass(frozen=True)
class Layout:
    """The columns an import reads from one file (other columns are ignored)."""

    name: str
    fields: tuple[Field, ...]
    optional: tuple[Field, ...] = ()


def _open_text(path: Path) -> Iterator[str]:
    """Lines of ``path``: UTF-8 (with or without BOM), else Latin-1 (older RNA files)."""
    try:
        with path.open("rb") as handle:
            head = handle.read(65536)
    except OSError as exc:
        raise DatasetError(f"{path}: cannot read ({exc.strerror or exc})") from None
    encoding = "utf-8-sig"
    try:
        head.decode("utf-8")
    except UnicodeDecodeError as exc:
        if exc.start < len(head) - 4:
            encoding = "latin-1"
    with path.open(encoding=encoding, newline="") as handle:
        yield from handle


def read_table(path: Path, layout: Layout) -> Iterator[tuple[int, dict[str, str]]]:
    """(line number, row) of every data row, each checked against ``layout``.

    The delimiter is the header's (INSEE writes commas, the RNA semicolons). Raises
    :class:`DatasetError` naming ``file:line`` and the column at the first problem.
    """
    lines = _open_text(path)
    try:
        header_line = next(lines)
    except StopIteration:
        raise DatasetError(f"{path}:1: empty file, expected a header line") from None
    except UnicodeDecodeError as exc:
        raise DatasetError(f"{path}: not a text file ({exc.reason})") from None
    delimiter = ";" if header_line.count(";") > header_line.count(",") else ","
    header = [h.strip().strip('"') for h in next(csv.reader([header_line], delimiter=delimiter))]
    missing = [f.name for f in layout.fields if f.name not in header]
    if missing:
        needed = ", ".join(f.name for f in layout.fields)
        raise DatasetError(
            f"{path}:1: missing column {', '.join(missing)} (a {layout.name} file needs {needed})"
        )
    checks = [
        (header.index(f.name), f.name, re.compile(f.pattern) if f.pattern else None, f.required)
        for f in (*layout.fields, *layout.optional)
        if f.name in header
    ]
    width = len(header)
    reader = csv.reader(lines, delimiter=delimiter)
    line = 1
    try:
        for cells in reader:
            line = reader.line_num + 1
            if not cells:
                continue
            if len(cells) != width:
                raise DatasetError(f"{path}:{line}: {len(cells)} cells, the header has {width}")
            row: dict[str, str] = {}
            for index, name, pattern, required in checks:
                value = cells[index].strip()
                if not value:
                    if required:
                        raise DatasetError(f"{path}:{line}: column {name}: empty value")
                elif pattern is not None and not pattern.fullmatch(value):
                    raise DatasetError(f"{path}:{line}: column {name}: bad value {value[:40]!r}")
                row[name] = value
            yield line, row
    except csv.Error as exc:
        raise DatasetError(f"{path}:{line}: column ?: {exc}") from None
    except UnicodeDecodeError as exc:
        raise DatasetError(f"{path}:{line}: not UTF-8 or Latin-1 text ({exc.reason})") from None


SIREN = r"[0-9]{9}"
COMMUNE = r"([0-9]{2}|2A|2B)[0-9]{3}"
COORDINATE = r"-?[0-9]+(\.[0-9]+)?|\[ND\]"

STOCK_ETABLISSEMENT = Layout(
    "StockEtablissement",
    (
        Field("siren", SIREN, True),
        Field("nic", r"[0-9]{5}", True),
        Field("siret", r"[0-9]{14}", True),
        Field("etatAdministratifEtablissement", r"[AF]", True),
        Field("activitePrincipaleEtablissement", r"[0-9]{2}\.[0-9]{2}[A-Z]"),
        Field("codeCommuneEtablissement", COMMUNE + r"|[0-9]{5}"),
        Field("etablissementSiege", r"true|false"),
    ),
    optional=(
        Field("denominationUsuelleEtablissement"),
        Field("enseigne1Etablissement"),
        Field("coordonneeLambertAbscisseEtablissement", COORDINATE),
        Field("coordonneeLambertOrdonneeEtablissement", COORDINATE),
    ),
)

STOCK_UNITE_LEGALE = Layout(
    "StockUniteLegale",
    (
        Field("siren", SIREN, True),
        Field("economieSocialeSolidaireUniteLegale", r"[ON]"),
        Field("categorieJuridiqueUniteLegale", r"[0-9]{4}"),
    ),
    optional=(
        Field("denominationUniteLegale"),
        Field("etatAdministratifUniteLegale", r"[AC]"),
        Field("sigleUniteLegale"),
        Field("identifiantAssociationUniteLegale", r"W[0-9A-Z]{9}"),
    ),
)

WALDEC = Layout(
    "RNA (waldec)",
    (
        Field("id", r"W[0-9A-Z]{9}", True),
        Field("titre", required=True),
        Field("adrs_codeinsee", COMMUNE + r"|[0-9]{5}"),
        Field("position", r"[ADS]", True),
    ),
    optional=(
        Field("siret", r"[0-9]{14}"),
        Field("objet_social1", r"[0-9]{6}"),
        Field("objet_social2", r"[0-9]{6}"),
        Field("date_creat", r"[0-9]{4}-[0-9]{2}-[0-9]{2}"),
        Field("titre_court"),
    ),
)

FIGURES = Layout(
    "observatory figures",
    (
        Field("territory_kind", r"commune|epci|departement|region", True),
        Field("territory_code", r"[0-9AB]{2,9}", True),
        Field("indicator", r"[a-z][A-Za-z]*", True),
        Field("year", r"[12][0-9]{3}", True),
        Field("value", r"-?[0-9]+(\.[0-9]+)?", True),
        Field("source", required=True),
    ),
)
