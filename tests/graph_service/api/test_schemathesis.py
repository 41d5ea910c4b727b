"""Property tests of the OpenAPI over the real app (schemathesis): no server error, and every
status and content type the app answers is declared. Bounded and derandomized (slow)."""

from __future__ import annotations

import os
from collections.abc import Iterator

import pytest
import schemathesis
from api_fixtures import build_test_store, make_client
from fastapi.testclient import TestClient
from hypothesis import HealthCheck, Phase, given, settings
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import content_type_conformance, status_code_conformance

EXAMPLES = int(os.environ.get("ESS_SCHEMATHESIS_EXAMPLES", "80"))  # per operation
CHECKS = [not_a_server_error, status_code_conformance, content_type_conformance]


@pytest.fixture(scope="module")
def app_client(tmp_path_factory: pytest.TempPathFactory) -> Iterator[TestClient]:
    with make_client(
        build_test_store(
            tmp_path_factory.mktemp("schemathesis"), query_timeout_s=5.0, max_client_concurrency=0
        )
    ) as c:
        yield c


def _run(operation: schemathesis.APIOperation, failures: dict[str, str]) -> int:
    """Run ``EXAMPLES`` cases of ``operation``; failures keyed by their first line."""
    count = 0

    @given(case=operation.as_strategy())
    @settings(
        max_examples=EXAMPLES,
        derandomize=True,
        deadline=None,
        database=None,
        suppress_health_check=list(HealthCheck),
        phases=[Phase.explicit, Phase.generate],
    )
    def run(case: schemathesis.Case) -> None:
        nonlocal count
        count += 1
        try:
            case.call_and_validate(checks=CHECKS)
        except (Exception, BaseExceptionGroup) as exc:  # collected, reported below
            lines = [line.strip() for line in str(exc).splitlines() if line.strip()]
            what = [line for line in lines if line.startswith(("- ", "Received:"))]
            key = f"{operation.label}: {' '.join(what) or lines[0] if lines else exc!r}"
            failures.setdefault(key, "\n".join(lines[:14]))

    run()
    return count


@pytest.mark.slow
def test_every_operation_keeps_its_documented_promises(app_client: TestClient) -> None:
    schema = schemathesis.openapi.from_asgi("/openapi.json", app_client.app)
    failures: dict[str, str] = {}
    operations = [result.ok() for result in schema.get_all_operations()]
    cases = sum(_run(operation, failures) for operation in operations)
    print(
        f"schemathesis: {cases} cases over {len(operations)} operations, "
        f"{len(failures)} distinct failure(s)"
    )
    report = "\n\n".join(f"{key}\n{detail}" for key, detail in sorted(failures.items()))
    assert not failures, f"{len(failures)} distinct failure(s) in {cases} cases:\n{report}"
    assert cases >= 3_000 or EXAMPLES < 80
