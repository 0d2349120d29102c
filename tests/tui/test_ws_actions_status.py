"""The quick status key (s) in the action items workspace: next status, kept in the history."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from textual.widgets import Static
from tui_support import MakeApp, build_session, saved, settle

from secondstory.core.action_ops import add_action
from secondstory.core.storage import save_session
from secondstory.tui.widgets.action_table import ActionTable

ACTIONS_PHASE = 3


async def test_s_cycles_the_status_and_records_each_change(
    tmp_path: Path, make_app: MakeApp, clock: Any
) -> None:
    session = build_session()
    session.agenda.current = ACTIONS_PHASE
    add_action(session, "Alert when pool use passes 80%", owner="SRE", priority="P1")
    add_action(session, "Load test the pool", owner="SRE")
    path = tmp_path / "INC-TEST-0001.toml"
    save_session(session, path)
    app = make_app(path)
    async with app.run_test(size=(120, 36)) as pilot:
        await settle(pilot)
        assert isinstance(app.focused, ActionTable)
        await pilot.press("s")
        after = await saved(app, path)
        assert [a.status for a in after.actions] == ["in-progress", "open"]
        hint = str(app.screen.query_one("#actions-hint", Static).render())
        assert hint.startswith("A-1 is now in-progress")
        clock.advance(minutes=1)
        await pilot.press("s", "s", "s")  # done, won't do, open again
        after = await saved(app, path)
        item = after.actions[0]
        assert item.status == "open"
        assert [h.status for h in item.history] == ["in-progress", "done", "wont-do", "open"]
        assert item.history[0].at < item.history[1].at == clock.now
        assert after.actions[1].history == []
