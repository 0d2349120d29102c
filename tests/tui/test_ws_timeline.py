"""The timeline walkthrough workspace, driven with the real keys.

Every test opens the app on a copy of the example session (or on a session built here), moves to
the timeline phase with ctrl+n, presses keys, and checks the session FILE after the autosave,
plus what the screen shows.
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

from textual.pilot import Pilot
from textual.widgets import Input, Static
from tui_support import MakeApp, build_session, focus_on, open_timeline, saved, timeline_shown

from secondstory.core.model import Session, TimelineEvent
from secondstory.core.storage import load_session, save_session
from secondstory.tui.app import SecondStoryApp
from secondstory.tui.screens.main_screen import MainScreen
from secondstory.tui.screens.presentation_screen import PresentationScreen
from secondstory.tui.widgets.text_fields import NoteArea
from secondstory.tui.widgets.timeline_event_form import TimelineEventForm
from secondstory.tui.widgets.timeline_event_view import TimelineEventView
from secondstory.tui.widgets.timeline_finding_form import TimelineFindingForm
from secondstory.tui.widgets.timeline_findings import TimelineFindings
from secondstory.tui.widgets.timeline_strip import TimelineStripView
from secondstory.tui.widgets.timeline_summary import TimelineSummary

E6, E9 = 5, 8
"""Rows of the example's two decision points (E-6 failover, E-9 rollback)."""


def ids(session: Session) -> list[str]:
    return [e.id for e in session.timeline]


async def type_text(pilot: Pilot[Any], text: str) -> None:
    await pilot.press(*text)


async def clear_and_type(pilot: Pilot[Any], text: str) -> None:
    await pilot.press("ctrl+a", "ctrl+k")
    await pilot.press(*text)


# Walking ----------------------------------------------------------------------------------------


async def test_keys_walk_events_and_jump_between_decision_points(
    example_copy: Path, make_app: MakeApp
) -> None:
    app = make_app(example_copy)
    async with app.run_test(size=(120, 36)) as pilot:
        workspace = await open_timeline(app, pilot)
        table = workspace.table
        assert app.focused is table
        assert table.cursor == 0
        await pilot.press("down")
        assert table.cursor == 1
        await pilot.press("j")
        assert table.cursor == 2
        await pilot.press("k", "up")
        assert table.cursor == 0
        await pilot.press("d")
        assert table.cursor == E6
        await pilot.press("d")
        assert table.cursor == E9
        await pilot.press("d")  # no decision after the last one: stays
        assert table.cursor == E9
        await pilot.press("D")
        assert table.cursor == E6
        await pilot.press("ctrl+down")
        assert table.cursor == E9
        await pilot.press("ctrl+up")
        assert table.cursor == E6
        await pilot.press("end")
        assert table.cursor == 11
        await pilot.press("home")
        assert table.cursor == 0
        await pilot.pause()
        # The panel follows the cursor.
        await pilot.press("d")
        await pilot.pause()
        assert workspace.panel.event_id == "E-6"
        view = workspace.query_one(TimelineEventView)
        assert view.heading.startswith("E-6 · 14:21 UTC")
        assert "Fail over the primary database" in view.render_line(1).text
        strip = workspace.query_one(TimelineStripView)
        assert strip.picture is not None


async def test_current_event_is_on_the_shared_screen(example_copy: Path, make_app: MakeApp) -> None:
    app = make_app(example_copy)
    async with app.run_test(size=(120, 36)) as pilot:
        workspace = await open_timeline(app, pilot)
        await pilot.press("d")
        await pilot.pause()
        item = workspace.presentation_item()
        assert item is not None
        assert "Fail over the primary database to the replica" in item
        assert "What was known at the time? The database was saturated" in item
        assert "No dashboard shows database connections per client service" in item
        # The facilitator's own note about the event stays off the shared screen.
        assert "Sam agreed on the call" not in item
        await pilot.press("f2")
        await pilot.pause()
        assert isinstance(app.screen, PresentationScreen)
        text = str(app.screen.query_one("#pres-item-text", Static).render())
        assert "Fail over the primary database" in text
        assert app.screen.query_one("#pres-item").border_title == "Under discussion"


def presented(app: SecondStoryApp) -> str:
    screen = app.screen
    assert isinstance(screen, PresentationScreen)
    return str(screen.query_one("#pres-item-text", Static).render())


async def test_the_walking_keys_work_in_presentation_mode(
    example_copy: Path, make_app: MakeApp
) -> None:
    app = make_app(example_copy)
    async with app.run_test(size=(120, 36)) as pilot:
        workspace = await open_timeline(app, pilot)
        await pilot.press("f2")
        await pilot.pause()
        assert presented(app).startswith("13:52 UTC")
        await pilot.press("down")  # shown at once, not on the next clock tick
        assert presented(app).startswith("14:05 UTC")
        await pilot.press("j", "k", "d")
        assert presented(app).startswith("◆ 14:21 UTC")
        assert "Fail over the primary database" in presented(app)
        await pilot.press("d")
        assert "Roll back orders-api to 4.2.0" in presented(app)
        await pilot.press("D")
        assert "Fail over the primary database" in presented(app)
        await pilot.press("ctrl+down")
        assert "Roll back orders-api to 4.2.0" in presented(app)
        await pilot.press("end")
        assert "Incident resolved after 15 minutes" in presented(app)
        await pilot.press("home")
        assert presented(app).startswith("13:52 UTC")
        # Keys that edit stay with the workspace: nothing happens from the shared screen.
        await pilot.press("x", "m", "a")
        assert isinstance(app.screen, PresentationScreen)
        assert len(app.state.session.timeline) == 12  # type: ignore[union-attr]
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, MainScreen)
        assert workspace.table.cursor == 0 and app.focused is workspace.table


async def test_n_shows_the_phase_notes_in_place_of_the_event(
    example_copy: Path, make_app: MakeApp
) -> None:
    app = make_app(example_copy)
    async with app.run_test(size=(80, 24)) as pilot:
        workspace = await open_timeline(app, pilot)
        await pilot.press("d")
        await pilot.press("n")
        notes = await focus_on(app, pilot, NoteArea)
        assert notes.id == "tl-notes"
        assert notes.text.startswith("Spend the most time on the failover decision")
        assert not workspace.panel.display  # the notes take the event's place
        assert "esc back to walking" in str(workspace.query_one("#tl-hint", Static).render())
        await pilot.press("end", *" Ask Sam about the runbook.")
        session = await saved(app, example_copy)
        assert session.agenda.phases[1].notes.endswith(
            "at 14:21; it is where the fog of war was thickest. Ask Sam about the runbook."
        )
        # The shared screen never shows them.
        await pilot.press("f2")
        await pilot.pause()
        assert "Ask Sam" not in presented(app)
        await pilot.press("escape")
        await pilot.pause()
        await pilot.press("escape")  # back to walking: the event returns
        await pilot.pause()
        assert app.focused is workspace.table
        assert not notes.display and workspace.panel.display
        assert workspace.panel.event_id == "E-6"
        # Walking on while the notes are open brings the event back as well.
        await pilot.press("n")
        await focus_on(app, pilot, NoteArea)
        await pilot.press("f2")
        await pilot.pause()
        await pilot.press("down")
        assert not notes.display and workspace.panel.display


async def test_current_event_and_zone_survive_leaving_the_phase(
    example_copy: Path, make_app: MakeApp
) -> None:
    app = make_app(example_copy)
    async with app.run_test(size=(120, 36)) as pilot:
        await open_timeline(app, pilot)
        await pilot.press("d", "d", "z")
        await pilot.press("ctrl+n", "ctrl+r")
        await pilot.pause()
        workspace = timeline_shown(app)
        await pilot.pause()
        assert workspace.table.cursor == E9
        assert workspace.zone == "America/New_York"


async def test_z_cycles_the_second_time_zone(example_copy: Path, make_app: MakeApp) -> None:
    app = make_app(example_copy)
    async with app.run_test(size=(160, 40)) as pilot:
        workspace = await open_timeline(app, pilot)
        # The incident's zone first, then attendees' zones in the order they are listed.
        assert workspace.zone == "Europe/London"
        seen = []
        for _ in range(4):
            await pilot.press("z")
            seen.append(workspace.zone)
        assert seen == ["America/New_York", "Europe/Berlin", None, "Europe/London"]
        await pilot.press("z", "z")
        await pilot.pause()
        assert workspace.table.shows("zone")
        header = workspace.table.render_line(0).text
        assert "Berlin" in header
        row = workspace.table.render_line(1).text  # E-1 at 13:52 UTC is 14:52 in Berlin
        assert "13:52" in row and "14:52 CET" in row


# Adding, editing, deleting, moving --------------------------------------------------------------


async def test_add_event_after_the_current_one_with_a_relative_time(
    example_copy: Path, make_app: MakeApp
) -> None:
    app = make_app(example_copy)
    async with app.run_test(size=(120, 36)) as pilot:
        workspace = await open_timeline(app, pilot)
        await pilot.press("d", "a")
        await pilot.pause()
        form = app.screen
        assert isinstance(form, TimelineEventForm)
        await type_text(pilot, "+4m")
        await pilot.press("tab")
        await type_text(pilot, "Sam asks about recent deploys")
        await pilot.press("enter")
        await pilot.pause()
        assert not isinstance(app.screen, TimelineEventForm)
        session = await saved(app, example_copy)
        index = ids(session).index("E-13")
        assert index == E6 + 1
        added = session.timeline[index]
        assert added.at == datetime(2026, 3, 22, 14, 25, tzinfo=UTC)
        assert added.text == "Sam asks about recent deploys"
        assert workspace.table.cursor == index  # the cursor follows the new event


async def test_a_bad_time_is_explained_in_the_form_and_changes_nothing(
    example_copy: Path, make_app: MakeApp
) -> None:
    before = load_session(example_copy)
    app = make_app(example_copy)
    async with app.run_test(size=(120, 36)) as pilot:
        await open_timeline(app, pilot)
        await pilot.press("a")
        await type_text(pilot, "25:99")
        await pilot.press("tab")
        await type_text(pilot, "Something")
        await pilot.press("enter")
        await pilot.pause()
        form = app.screen
        assert isinstance(form, TimelineEventForm)  # still open
        error = str(form.query_one("#form-error", Static).render())
        assert "25:99" in error and "hours run 00-23" in error
        await pilot.press("escape")
        await pilot.pause()
        assert not isinstance(app.screen, TimelineEventForm)
        session = await saved(app, example_copy)
        assert len(session.timeline) == 12
    # Only the agenda moved (ctrl+n); the timeline in the file is as it was.
    assert load_session(example_copy).timeline == before.timeline


async def test_times_typed_in_other_forms(example_copy: Path, make_app: MakeApp) -> None:
    app = make_app(example_copy)
    async with app.run_test(size=(120, 36)) as pilot:
        await open_timeline(app, pilot)
        typed = {
            "14:23 UTC": datetime(2026, 3, 22, 14, 23, tzinfo=UTC),
            "2026-03-22 14:24 +01:00": datetime(2026, 3, 22, 13, 24, tzinfo=UTC),
            # A bare time is read in the incident's zone (Europe/London: GMT in March).
            "14:26": datetime(2026, 3, 22, 14, 26, tzinfo=UTC),
        }
        for number, time_text in enumerate(typed):
            await pilot.press("a")
            await type_text(pilot, time_text)
            await pilot.press("tab")
            await type_text(pilot, f"typed {number}")
            await pilot.press("enter")
            await pilot.pause()
        session = await saved(app, example_copy)
        by_text = {e.text: e.at for e in session.timeline}
        for number, expected in enumerate(typed.values()):
            assert by_text[f"typed {number}"] == expected
        assert [e.at for e in session.timeline] == sorted(e.at for e in session.timeline)


async def test_edit_changes_fields_and_a_new_time_moves_the_event(
    example_copy: Path, make_app: MakeApp
) -> None:
    app = make_app(example_copy)
    async with app.run_test(size=(120, 36)) as pilot:
        workspace = await open_timeline(app, pilot)
        await pilot.press("down", "e")  # E-2 at 14:05
        await pilot.pause()
        form = app.screen
        assert isinstance(form, TimelineEventForm)
        assert form.query_one("#form-time", Input).value == "2026-03-22 14:05 UTC"
        assert app.focused is form.query_one("#form-text", Input)
        await pilot.press("shift+tab")
        await clear_and_type(pilot, "14:40 UTC")
        await pilot.press("tab", "tab")
        await clear_and_type(pilot, "latency")
        await pilot.press("enter")
        await pilot.pause()
        session = await saved(app, example_copy)
        assert ids(session)[:3] == ["E-1", "E-3", "E-4"]
        index = ids(session).index("E-2")
        assert session.timeline[index - 1].id == "E-9"  # 14:38 < 14:40 < 14:44
        assert session.timeline[index].kind == "latency"
        assert session.timeline[index].text == "p99 latency of orders-api rises above 2 s"
        assert workspace.table.cursor == index


async def test_delete_clears_links_and_u_brings_everything_back(
    example_copy: Path, make_app: MakeApp
) -> None:
    app = make_app(example_copy)
    async with app.run_test(size=(120, 36)) as pilot:
        await open_timeline(app, pilot)
        await pilot.press("d", "x")
        session = await saved(app, example_copy)
        assert "E-6" not in ids(session)
        assert next(f for f in session.findings if f.id == "F-1").event_id is None
        assert next(c for c in session.contributing_factors if c.id == "CF-3").event_id is None
        await pilot.press("u")
        session = await saved(app, example_copy)
        assert ids(session)[E6] == "E-6"
        assert session.timeline[E6].decision.known.startswith("The database was saturated")
        assert next(f for f in session.findings if f.id == "F-1").event_id == "E-6"
        assert next(c for c in session.contributing_factors if c.id == "CF-3").event_id == "E-6"


async def test_move_reorders_events_at_the_same_time_only(
    example_copy: Path, make_app: MakeApp
) -> None:
    app = make_app(example_copy)
    messages: list[str] = []
    async with app.run_test(size=(120, 36)) as pilot:
        workspace = await open_timeline(app, pilot)
        await pilot.press("d", "a")
        await type_text(pilot, "+0m")
        await pilot.press("tab")
        await type_text(pilot, "Sam agrees")
        await pilot.press("enter")
        await pilot.pause()
        assert ids(await saved(app, example_copy))[E6 : E6 + 2] == ["E-6", "E-13"]
        await pilot.press("shift+up")
        assert ids(await saved(app, example_copy))[E6 : E6 + 2] == ["E-13", "E-6"]
        assert workspace.table.cursor == E6
        app.notify = lambda message, **kw: messages.append(message)  # type: ignore[method-assign]
        await pilot.press("shift+up")  # E-5 is at another time: refused with a message
        await pilot.pause()
        assert ids(await saved(app, example_copy))[E6 - 1 : E6 + 2] == ["E-5", "E-13", "E-6"]
        assert any("edit the time to move it" in m for m in messages)
        await pilot.press("J")  # shift+down spelled the other way
        assert ids(await saved(app, example_copy))[E6 : E6 + 2] == ["E-6", "E-13"]


# Decision points and findings --------------------------------------------------------------------


async def test_mark_a_decision_point_and_capture_it(example_copy: Path, make_app: MakeApp) -> None:
    app = make_app(example_copy)
    async with app.run_test(size=(120, 36)) as pilot:
        workspace = await open_timeline(app, pilot)
        await pilot.press("d", "down", "m")  # E-7
        await pilot.pause()
        assert (await saved(app, example_copy)).timeline[E6 + 1].decision_point
        assert workspace.table.render_line(E6 + 2).text.startswith("◇")  # nothing captured yet
        await pilot.press("tab")
        await pilot.pause()
        known = app.focused
        assert isinstance(known, NoteArea) and known.id == "decision-known"
        await type_text(pilot, "Connections at 500")
        await pilot.press("tab")
        await type_text(pilot, "Failover had worked before")
        await pilot.press("tab")
        await type_text(pilot, "Which client held them")
        await pilot.press("escape")
        await pilot.pause()
        assert app.focused is workspace.table
        event = (await saved(app, example_copy)).timeline[E6 + 1]
        assert event.decision.known == "Connections at 500"
        assert event.decision.why_sensible == "Failover had worked before"
        assert event.decision.missing == "Which client held them"
        assert workspace.table.render_line(E6 + 2).text.startswith("◆")
        await pilot.press("m")  # unmark: the capture is kept in the file
        assert not (await saved(app, example_copy)).timeline[E6 + 1].decision_point


async def test_typing_at_a_decision_point_adds_to_what_was_there(
    example_copy: Path, make_app: MakeApp
) -> None:
    app = make_app(example_copy)
    async with app.run_test(size=(120, 36)) as pilot:
        await open_timeline(app, pilot)
        await pilot.press("d", "tab")
        await type_text(pilot, " More.")
        # ctrl+down walks on to the next decision point without leaving the field.
        await pilot.press("ctrl+down")
        await pilot.pause()
        focused = app.focused
        assert isinstance(focused, NoteArea)
        assert focused.text.startswith("The release changed the database driver")
        session = await saved(app, example_copy)
        assert session.timeline[E6].decision.known.endswith("a failing primary host. More.")


async def test_text_in_flight_is_saved_on_quit(example_copy: Path, make_app: MakeApp) -> None:
    app = make_app(example_copy)
    async with app.run_test(size=(120, 36)) as pilot:
        await open_timeline(app, pilot)
        await pilot.press("d", "tab", "tab")
        await type_text(pilot, " Quick.")
        await pilot.press("ctrl+q")
    why = load_session(example_copy).timeline[E6].decision.why_sensible
    assert why.endswith("the previous saturation incident. Quick.")


async def test_findings_become_factors_and_actions_with_a_link_back(
    example_copy: Path, make_app: MakeApp
) -> None:
    app = make_app(example_copy)
    async with app.run_test(size=(120, 36)) as pilot:
        workspace = await open_timeline(app, pilot)
        await pilot.press("d", "f")
        await pilot.pause()
        assert isinstance(app.screen, TimelineFindingForm)
        await pilot.press("enter")  # empty: refused in place
        await pilot.pause()
        assert isinstance(app.screen, TimelineFindingForm)
        assert "expected some text" in str(app.screen.query_one("#finding-error", Static).render())
        await type_text(pilot, "Failover runbook does not mention recent deploys")
        await pilot.press("enter")
        await pilot.pause()
        session = await saved(app, example_copy)
        finding = session.findings[-1]
        assert (finding.id, finding.event_id) == ("F-4", "E-6")

        # One key on the events: the newest finding here becomes a contributing factor.
        await pilot.press("c")
        session = await saved(app, example_copy)
        factor = session.contributing_factors[-1]
        assert (factor.id, factor.event_id) == ("CF-4", "E-6")
        assert factor.text == "Failover runbook does not mention recent deploys"
        assert session.findings[-1].promoted_to == "factor:CF-4"

        await pilot.press("c")  # nothing left to promote here: nothing more happens
        assert len((await saved(app, example_copy)).contributing_factors) == 4

        await pilot.press("f")
        await type_text(pilot, "No alert on connection count")
        await pilot.press("enter")
        await pilot.pause()
        await pilot.press("i")
        session = await saved(app, example_copy)
        action = session.actions[-1]
        assert action.id == "A-6" and action.origin == "finding:F-5"
        assert action.title == "No alert on connection count"
        assert session.findings[-1].promoted_to == "action:A-6"
        assert "action item A-6" in (workspace.presentation_item() or "")


async def test_the_findings_list_promotes_rewords_and_deletes(
    example_copy: Path, make_app: MakeApp
) -> None:
    app = make_app(example_copy)
    async with app.run_test(size=(120, 36)) as pilot:
        workspace = await open_timeline(app, pilot)
        await pilot.press("d", "f")
        await type_text(pilot, "Failover runbook does not mention recent deploys")
        await pilot.press("enter")
        await pilot.pause()
        # Tab goes through the three decision fields to the findings.
        await pilot.press("tab", "tab", "tab", "tab")
        await pilot.pause()
        listing = workspace.query_one(TimelineFindings)
        assert app.focused is listing
        assert listing.current_id == "F-4"  # the newest finding is highlighted
        await pilot.press("a")
        session = await saved(app, example_copy)
        assert session.actions[-1].origin == "finding:F-4"
        await pilot.press("up")  # F-1, already an action item: refused with a message
        await pilot.press("c")
        assert len((await saved(app, example_copy)).contributing_factors) == 3
        await pilot.press("e")
        await pilot.pause()
        assert isinstance(app.screen, TimelineFindingForm)
        await pilot.press("end")
        await type_text(pilot, " (by service)")
        await pilot.press("enter")
        await pilot.pause()
        session = await saved(app, example_copy)
        assert session.findings[0].text.endswith("per client service (by service)")
        await pilot.press("x")
        session = await saved(app, example_copy)
        assert [f.id for f in session.findings] == ["F-2", "F-3", "F-4"]
        # What the finding became stays.
        assert any(a.origin == "finding:F-1" for a in session.actions)
        await pilot.press("escape")
        await pilot.pause()
        assert app.focused is workspace.table
        assert not workspace.panel.editing


async def test_tab_where_there_is_nothing_to_capture_says_what_to_do(
    example_copy: Path, make_app: MakeApp
) -> None:
    app = make_app(example_copy)
    messages: list[str] = []
    async with app.run_test(size=(120, 36)) as pilot:
        workspace = await open_timeline(app, pilot)
        app.notify = lambda message, **kw: messages.append(message)  # type: ignore[method-assign]
        await pilot.press("down", "tab")  # E-2: no decision point, no finding
        await pilot.pause()
        assert app.focused is workspace.table
        assert any("m marks a decision point" in m for m in messages)
        await pilot.press("up", "tab")  # E-1 has a finding: the list takes the keys
        await pilot.pause()
        assert isinstance(app.focused, TimelineFindings)


# Facts, empty sessions, big timelines ------------------------------------------------------------


async def test_summary_shows_the_computed_durations(example_copy: Path, make_app: MakeApp) -> None:
    app = make_app(example_copy)
    async with app.run_test(size=(160, 40)) as pilot:
        workspace = await open_timeline(app, pilot)
        summary = workspace.query_one(TimelineSummary)
        text = str(summary.render())
        assert "Time to detect 6m · acknowledge 2m · mitigate 39m · resolve 1h 05m" in text
        assert "12 events · 2 decision points" in text
        row = workspace.table.render_line(E6 + 2).text  # E-7, 11 minutes after E-6
        assert "+11m" in row


def gappy_session() -> Session:
    session = build_session()
    start = datetime(2026, 3, 22, 9, 0, tzinfo=UTC)
    offsets = [0, 2, 4, 6, 8, 48, 50]  # a 40-minute stall before the sixth event
    session.timeline = [
        TimelineEvent(id=f"E-{i + 1}", at=start + timedelta(minutes=m), text=f"step {i + 1}")
        for i, m in enumerate(offsets)
    ]
    return session


async def test_a_long_gap_stands_out(tmp_path: Path, make_app: MakeApp) -> None:
    path = tmp_path / "gappy.toml"
    save_session(gappy_session(), path)
    app = make_app(path)
    async with app.run_test(size=(200, 36)) as pilot:
        workspace = await open_timeline(app, pilot)
        table = workspace.table
        long_gap = table.get_component_rich_style("timeline-table--long-gap")
        stall = table.render_line(6)  # row 5 (E-6), under the header
        short = table.render_line(5)
        assert "+40m" in stall.text and "+2m" in short.text
        styled = [seg.style for seg in stall if seg.text.strip().startswith("+40m")]
        assert styled and styled[0] is not None and styled[0].reverse == long_gap.reverse
        assert not any(seg.style and seg.style.reverse for seg in short)
        summary = str(workspace.query_one(TimelineSummary).render())
        assert "1 long gap" in summary
        assert summary.startswith("No milestone times yet")


async def test_an_empty_timeline_says_how_to_start(session_path: Path, make_app: MakeApp) -> None:
    app = make_app(session_path)
    async with app.run_test(size=(120, 36)) as pilot:
        workspace = await open_timeline(app, pilot)
        assert workspace.table.cursor is None
        assert "Press a to add the first one" in workspace.table.render_line(2).text
        assert workspace.presentation_item() is None
        for key in ("down", "d", "D", "e", "x", "u", "m", "f", "shift+up", "z"):
            await pilot.press(key)
            await pilot.pause()
            if isinstance(app.screen, TimelineEventForm):
                await pilot.press("escape")  # e with no event offers to add one
        await pilot.press("a")
        await type_text(pilot, "14:23")
        await pilot.press("tab")
        await type_text(pilot, "First alert")
        await pilot.press("enter")
        await pilot.pause()
        form = app.screen
        assert isinstance(form, TimelineEventForm)
        assert "type the date too" in str(form.query_one("#form-error", Static).render())
        await pilot.press("shift+tab")
        await clear_and_type(pilot, "2026-03-22 14:23")
        await pilot.press("enter")
        await pilot.pause()
        session = await saved(app, session_path)
        assert [(e.id, e.at, e.text) for e in session.timeline] == [
            ("E-1", datetime(2026, 3, 22, 14, 23, tzinfo=UTC), "First alert")
        ]
        assert workspace.table.cursor == 0


async def test_a_big_timeline_opens_and_walks(tmp_path: Path, make_app: MakeApp) -> None:
    """2,000 events: only the rows in view are drawn, and the keys still land where expected."""
    session = build_session()
    start = datetime(2026, 3, 22, 6, 0, tzinfo=UTC)
    session.timeline = [
        TimelineEvent(
            id=f"E-{i + 1}",
            at=start + timedelta(seconds=20 * i),
            text=f"event {i + 1}",
            decision_point=i % 250 == 249,
        )
        for i in range(2000)
    ]
    path = tmp_path / "big.toml"
    save_session(session, path)
    app = make_app(path)
    async with app.run_test(size=(120, 36)) as pilot:
        workspace = await open_timeline(app, pilot)
        table = workspace.table
        await pilot.press("d")
        assert table.cursor == 249
        await pilot.press("end")
        assert table.cursor == 1999
        await pilot.press("D")
        assert table.cursor == 1749
        await pilot.pause()
        # The cursor row is on screen: the table scrolled to it.
        visible = table.size.height - 1
        assert table.top <= 1749 < table.top + visible
        assert "event 1750" in table.render_line(1749 - table.top + 1).text
        assert table.render_line(0).text.rstrip().endswith("1750/2000")


# The workspace's helpers, without the app -------------------------------------------------------


def test_zone_choices_start_with_the_incident_and_end_with_none() -> None:
    from secondstory.core.model import Person
    from secondstory.tui.workspaces.timeline import zone_choices

    session = build_session()
    session.incident.timezone = "Europe/Berlin"
    session.people = [
        Person(name="a", timezone="America/New_York"),
        Person(name="b", timezone="Europe/Berlin"),
        Person(name="c", timezone="Not/AZone"),
        Person(name="d", timezone="UTC"),
    ]
    assert zone_choices(session) == ["Europe/Berlin", "America/New_York", None]
    session.incident.timezone = "UTC"
    session.people = []
    assert zone_choices(session) == [None]


def test_milestone_rows_come_from_header_times_and_event_kinds() -> None:
    from secondstory.core.timeline_facts import compute_facts, milestone_rows

    session = gappy_session()
    session.timeline[1].kind = "alert"
    session.incident.resolved_at = session.timeline[6].at
    rows = milestone_rows(session.timeline, compute_facts(session))
    assert rows == {0: "started", 1: "detected", 6: "resolved"}


def test_presentation_text_leaves_the_facilitators_note_out() -> None:
    from secondstory.core.model import DecisionNotes, Finding
    from secondstory.tui.workspaces.timeline import presentation_text

    event = TimelineEvent(
        id="E-4",
        at=datetime(2026, 3, 22, 13, 5, tzinfo=UTC),
        text="Roll back",
        kind="decision",
        decision_point=True,
        notes="private",
        decision=DecisionNotes(known="errors", missing="which client"),
    )
    finding = Finding(id="F-1", text="no per-client view", event_id="E-4", promoted_to="action:A-2")
    text = presentation_text(event, [finding], "Europe/Berlin")
    assert text.splitlines()[0] == "◆ 13:05 UTC (14:05 CET) · decision · E-4"
    assert "What was known at the time? errors" in text
    assert "Why did the action make sense? …" in text
    assert "• no per-client view (→ action item A-2)" in text
    assert "private" not in text


async def test_seconds_and_dates_appear_when_the_timeline_needs_them(
    tmp_path: Path, make_app: MakeApp
) -> None:
    session = build_session()
    start = datetime(2026, 3, 22, 23, 59, 30, tzinfo=UTC)
    session.timeline = [
        TimelineEvent(id="E-1", at=start, text="before midnight"),
        TimelineEvent(id="E-2", at=start + timedelta(seconds=40), text="after midnight"),
    ]
    path = tmp_path / "midnight.toml"
    save_session(session, path)
    app = make_app(path)
    async with app.run_test(size=(160, 40)) as pilot:
        workspace = await open_timeline(app, pilot)
        assert "03-22 23:59:30" in workspace.table.render_line(1).text
        row = workspace.table.render_line(2).text
        assert "03-23 00:00:10" in row and "+40s" in row
