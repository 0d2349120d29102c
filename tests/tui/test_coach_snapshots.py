"""SVG snapshot of the main screen with a flagged phase note: the marks, the flags panel and
the header's count. The clock is frozen and the cursor does not blink. Update with
`pytest tests/tui/test_coach_snapshots.py --snapshot-update` and look at the SVG first."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from tui_support import MakeApp, settle, started_session

from secondstory.core.storage import save_session

pytestmark = pytest.mark.usefixtures("notes_workspaces")


@pytest.fixture
def flagged(tmp_path: Path, clock: Any) -> Path:
    session = started_session(clock.now)
    session.agenda.phases[1].notes = (
        "14:02 pool size lowered from 50 to 10\n"
        "Dana failed to notice the alert; it was obviously a typo.\n"
        "John should have checked the lag"
    )
    path = tmp_path / "INC-TEST-0001.toml"
    save_session(session, path)
    return path


def test_main_screen_with_a_flagged_note(
    snap_compare: Any, make_app: MakeApp, flagged: Path
) -> None:
    assert snap_compare(make_app(flagged), terminal_size=(120, 36), run_before=settle)
