"""Edits of a curation file (``data/curation/entities.yaml``) that keep its comments and
layout: names become aliases of a curated entity (or a new entity), a pair of names becomes a
``not_same_as`` entry. The result is validated against the curation schema, then written
atomically; an invalid result is never written.
"""

from __future__ import annotations

import os
from pathlib import Path

import yaml

from ess_core.iris import slugify
from ingest.curation import CurationError, check_curation

HEADER = "# Curation of people and organisations (schema: ingest/schemas/curation.schema.json).\n"


def _key(name: str) -> str:
    try:
        return slugify(name)
    except ValueError:
        return name


def _flow(values: list[str]) -> str:
    return yaml.safe_dump(values, allow_unicode=True, default_flow_style=True, width=10_000).strip()


def _block(item: dict[str, object], indent: int) -> str:
    text = yaml.safe_dump(
        [item], allow_unicode=True, sort_keys=False, width=96, default_flow_style=None
    )
    return "".join(" " * indent + line + "\n" for line in text.splitlines())


def _top(root: yaml.Node | None, key: str) -> yaml.Node | None:
    if isinstance(root, yaml.MappingNode):
        for k, v in root.value:
            if k.value == key:
                return v
    return None


def _line_start(text: str, line: int) -> int:
    """Offset of the start of line ``line`` (0-based) of ``text``."""
    offsets = [0] + [i + 1 for i, c in enumerate(text) if c == "\n"]
    return offsets[line] if line < len(offsets) else len(text)


def _append(text: str, root: yaml.Node | None, key: str, item: dict[str, object]) -> str:
    """``text`` with ``item`` appended to the top-level sequence ``key`` (created if absent)."""
    seq = _top(root, key)
    if seq is None:
        body = text.rstrip("\n")
        return f"{body}{chr(10) if body else ''}{key}:\n{_block(item, 2)}"
    if not isinstance(seq, yaml.SequenceNode) or not seq.value or seq.flow_style:
        # `key: []` or `key:` with no value: the value becomes a block sequence
        block = _block(item, 2).rstrip("\n")
        return text[: seq.start_mark.index].rstrip(" ") + "\n" + block + text[seq.end_mark.index :]
    indent = seq.value[0].start_mark.column - 2
    end = seq.end_mark
    at = _line_start(text, end.line) if end.column == 0 else len(text)
    before = text[:at] if text[:at].endswith("\n") or not text[:at] else text[:at] + "\n"
    return before + _block(item, indent) + text[at:]


def _entity_nodes(root: yaml.Node | None) -> list[yaml.MappingNode]:
    seq = _top(root, "entities")
    if not isinstance(seq, yaml.SequenceNode):
        return []
    return [n for n in seq.value if isinstance(n, yaml.MappingNode)]


def _field(node: yaml.MappingNode, name: str) -> tuple[yaml.Node, yaml.Node] | None:
    for k, v in node.value:
        if k.value == name:
            return k, v
    return None


def _names(node: yaml.MappingNode) -> list[str]:
    canonical = _field(node, "canonical")
    aliases = _field(node, "aliases")
    names = [canonical[1].value] if canonical else []
    if aliases and isinstance(aliases[1], yaml.SequenceNode):
        names += [a.value for a in aliases[1].value]
    return names


def with_same(text: str, kind: str, names: list[str]) -> str:
    """``text`` where ``names`` are one entity: aliases added to the curated entity that has
    one of them, else a new entity named by the first."""
    root = yaml.compose(text) if text.strip() else None
    wanted = {_key(n) for n in names}
    for node in _entity_nodes(root):
        kind_field = _field(node, "kind")
        if kind_field is None or kind_field[1].value != kind:
            continue
        known = _names(node)
        if not wanted & {_key(n) for n in known}:
            continue
        aliases = [n for n in dict.fromkeys(names) if _key(n) not in {_key(k) for k in known}]
        if not aliases:
            return text
        current = _field(node, "aliases")
        if current is not None:
            value = current[1]
            merged = [a.value for a in getattr(value, "value", [])] + aliases
            return text[: value.start_mark.index] + _flow(merged) + text[value.end_mark.index :]
        canonical = _field(node, "canonical")
        assert canonical is not None  # noqa: S101 (the schema requires it)
        at = canonical[1].end_mark.index
        indent = " " * canonical[0].start_mark.column
        return text[:at] + f"\n{indent}aliases: {_flow(aliases)}" + text[at:]
    first, *others = list(dict.fromkeys(names))
    item: dict[str, object] = {"kind": kind, "canonical": first}
    if others:
        item["aliases"] = others
    return _append(text, root, "entities", item)


def with_not_same(text: str, kind: str, names: list[str], reason: str) -> str:
    """``text`` with a ``not_same_as`` entry for ``names``."""
    root = yaml.compose(text) if text.strip() else None
    item: dict[str, object] = {"kind": kind, "names": list(dict.fromkeys(names)), "reason": reason}
    return _append(text, root, "not_same_as", item)


def write_curation(path: Path, new_text: str) -> None:
    """Validate ``new_text`` as the curation file ``path``, then write it atomically."""
    try:
        raw = yaml.safe_load(new_text) or {}
    except yaml.YAMLError as exc:  # a bug of the edit, but never write it
        raise CurationError(f"{path}: the edit would not be valid YAML ({exc})") from None
    check_curation(raw, path)
    path.parent.mkdir(parents=True, exist_ok=True)
    temporary = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    temporary.write_text(new_text, "utf-8")
    temporary.replace(path)


def read_curation_text(path: Path) -> str:
    """The text of ``path``, or a header for a new file."""
    try:
        return path.read_text("utf-8")
    except FileNotFoundError:
        return HEADER
    except OSError as exc:
        raise CurationError(f"{path}: cannot read ({exc.strerror})") from None
