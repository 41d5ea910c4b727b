"""The SPARQL protocol tests of ``tests/graph_service/test_sparql.py``, replayed unchanged over
the remote backend (a real ``oxigraph serve`` holding the same data), slow.

Every test of that module that needs only the ``client`` fixture is collected here too, with
``client`` an app whose backend is remote; the others build their own embedded app.
"""

from __future__ import annotations

import inspect
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from service_fixtures import oxigraph_served

from ess_core.settings import Settings
from graph_service.app import create_app

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
import test_sparql as protocol
from sparql_testdata import small_quads

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def client(tmp_path_factory: pytest.TempPathFactory) -> Iterator[TestClient]:
    """The service over ``oxigraph serve`` loaded with the protocol tests' quads."""
    with oxigraph_served(tmp_path_factory.mktemp("remote"), small_quads()) as url:
        settings = Settings(backend="remote", remote_query_url=url + "/query", _env_file=None)  # type: ignore[call-arg]
        with TestClient(create_app(settings)) as test_client:
            yield test_client


def _parametrized(test: object) -> set[str]:
    names: set[str] = set()
    for mark in getattr(test, "pytestmark", []):
        if mark.name == "parametrize":
            argnames = mark.args[0]
            names |= {
                n.strip() for n in (argnames.split(",") if isinstance(argnames, str) else argnames)
            }
    return names


for _name, _test in list(vars(protocol).items()):
    if _name.startswith("test_") and callable(_test):
        _params = set(inspect.signature(_test).parameters)
        if "client" in _params and _params - {"client"} <= _parametrized(_test):
            globals()[_name] = _test
