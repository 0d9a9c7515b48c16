"""Reliability tests need PostgreSQL: real row locks, separate sessions, a killed client.

Every test here is marked ``postgres_only`` (skipped on SQLite with the reason) and
commits its data (``transaction=True``) so that other threads and processes see it.
"""

from __future__ import annotations

import pytest


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    for item in items:
        if "tests/reliability/" in str(item.fspath).replace("\\", "/"):
            item.add_marker(pytest.mark.postgres_only)
