"""The mediator's checkpoint key lives in a temporary directory during tests."""

from typing import Any

import pytest


@pytest.fixture(autouse=True)
def _checkpoint_key_in_tmp(settings: Any, tmp_path: Any) -> None:
    settings.HOMECOMING_CHECKPOINT_KEY_FILE = str(tmp_path / "checkpoint.pem")
