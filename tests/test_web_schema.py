"""Property-based tests of the API against its own OpenAPI document (schemathesis): whatever
the generated request, no operation answers with a server error. In process, over the ASGI
app, on a small world; a bounded number of examples per operation keeps it under a minute."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import schemathesis
from hypothesis import HealthCheck, given, settings
from schemathesis.checks import not_a_server_error
from schemathesis.core.result import Ok

from overhorizon.store import open_store
from overhorizon.store.sql import TOKEN_VARIABLE
from overhorizon.web import create_app
from test_web_api import build_events

EXAMPLES = 10


def test_no_operation_answers_a_server_error(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("OVERHORIZON_AUDIT_KEY", str(tmp_path / "audit-key.pem"))
    monkeypatch.delenv(TOKEN_VARIABLE, raising=False)
    url = f"sqlite:///{tmp_path / 'fuzz.db'}"
    with open_store(url) as store:
        build_events(store)
    app = create_app(url)
    schema = schemathesis.openapi.from_asgi("/openapi.json", app)
    operations = [r.ok() for r in schema.get_all_operations() if isinstance(r, Ok)]
    assert len(operations) >= 25
    failures: list[str] = []
    calls: list[int] = []
    for operation in operations:

        @given(case=operation.as_strategy())
        @settings(
            max_examples=EXAMPLES,
            deadline=None,
            suppress_health_check=list(HealthCheck),
            database=None,
        )
        def answers(case: schemathesis.Case[Any]) -> None:
            response = case.call_and_validate(checks=[not_a_server_error])
            calls.append(response.status_code)

        try:
            answers()
        except Exception as exc:
            failures.append(f"{operation.label}: {str(exc)[:800]}")
    assert not failures, "\n\n".join(failures)
    assert len(calls) >= 3 * len(operations)
    assert {200, 400, 404} <= set(calls)
