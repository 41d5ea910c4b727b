"""RDF terms in N-Triples syntax, for ``QueryRequest.substitutions``.

User input never enters query text: it becomes one of these terms, which the backend binds to
a variable. Literals are escaped as N-Triples requires; IRIs are checked, not escaped.
"""

from __future__ import annotations

import re

from pyoxigraph import NamedNode

from ess_core.errors import InvalidParameter, NotFound

XSD = "http://www.w3.org/2001/XMLSchema#"
_IRI = re.compile(r"^[a-zA-Z][a-zA-Z0-9+.-]*:[^\x00-\x20<>\"{}|^`\\]*$")
_ESCAPES = {"\\": "\\\\", '"': '\\"', "\n": "\\n", "\r": "\\r", "\t": "\\t"}
_LANG = re.compile(r"^[a-zA-Z]+(-[a-zA-Z0-9]+)*$")
_RESOURCE_PATH = re.compile(r"^[a-z-]+(/[a-z-]+)?/[A-Za-z0-9][A-Za-z0-9._-]*$")


def is_iri(value: str) -> bool:
    """True when ``value`` is an absolute IRI that N-Triples can write between ``<>``: the
    quick shape test, then Oxigraph's own IRI parser (code points such as U+FFF0 are refused)."""
    if not _IRI.match(value):
        return False
    try:
        NamedNode(value)
    except ValueError:
        return False
    return True


def iri(value: str, parameter: str = "iri") -> str:
    """``<value>``; raise InvalidParameter naming ``parameter`` if it is not an IRI."""
    if not is_iri(value):
        raise InvalidParameter(f"parameter '{parameter}' is not an absolute IRI: {value!r}")
    return f"<{value}>"


def literal(value: str, datatype: str | None = None, language: str | None = None) -> str:
    """A literal with its characters escaped (``a"b`` -> ``"a\\"b"``)."""
    text = '"' + "".join(_ESCAPES.get(c, c) for c in value) + '"'
    if language:
        if not _LANG.match(language):
            raise InvalidParameter(f"invalid language tag: {language!r}")
        return f"{text}@{language}"
    if datatype and datatype != XSD + "string":
        return f"{text}^^<{datatype}>"
    return text


def typed(value: str, datatype: str) -> str:
    """A literal of an XSD datatype given by its local name (``integer``, ``gYear``...)."""
    return literal(value, XSD + datatype)


def resource_path(path: str) -> str:
    """``path`` if it can name a resource ``<base>id/<path>``; NotFound otherwise.

    >>> resource_path("actor/apes")
    'actor/apes'
    """
    if not _RESOURCE_PATH.match(path):
        raise NotFound(f"no resource id/{path}", [f"id/{path}"])
    return path
