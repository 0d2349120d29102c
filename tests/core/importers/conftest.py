"""Fixtures for the import and pre-prep tests."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import pytest
from importhelp import FIXTURES, make_session

from secondstory.core.model import Session
from secondstory.core.storage import save_session


@pytest.fixture
def fixtures() -> Path:
    return FIXTURES


@pytest.fixture
def session() -> Session:
    return make_session(datetime(2026, 3, 22, 14, 0, tzinfo=UTC))


@pytest.fixture
def session_file(tmp_path: Path) -> Path:
    folder = tmp_path / "sessions"
    folder.mkdir()
    path = folder / "INC-7.toml"
    save_session(make_session(datetime(2026, 3, 22, 14, 0, tzinfo=UTC)), path)
    return path
