"""Shared fixtures: a fake clock and session files in a temporary folder."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
EXAMPLE = REPO / "sessions" / "INC-2026-0847.toml"


class FakeClock:
    """A clock that only moves when a test moves it."""

    def __init__(self, start: datetime | None = None) -> None:
        self.now = start or datetime(2026, 3, 25, 15, 0, tzinfo=UTC)

    def __call__(self) -> datetime:
        return self.now

    def advance(self, seconds: float = 0, minutes: float = 0) -> datetime:
        self.now += timedelta(seconds=seconds, minutes=minutes)
        return self.now


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock()


@pytest.fixture
def example_copy(tmp_path: Path) -> Path:
    target = tmp_path / EXAMPLE.name
    target.write_bytes(EXAMPLE.read_bytes())
    return target
