"""Start the app: load the themes and the session, run, and save once more on the way out."""

from __future__ import annotations

import gc
from pathlib import Path

from secondstory.core.model import Session
from secondstory.core.storage import load_session


def launch(
    path: Path | None,
    folder: Path,
    theme: str | None,
    bell: bool,
    session: Session | None = None,
) -> int:
    """Open `path` in the app, or the session picker for `folder` when `path` is None.

    `session` is the already loaded content of `path`, when the caller has it.

    Raises UserError for an unknown theme name before the app takes over the terminal.
    """
    from secondstory.tui.themes import choose_theme, load_themes

    themes = load_themes()
    theme_name, notes = choose_theme(themes, theme)

    from secondstory.tui.app import SecondStoryApp, ready_stamp_from_env
    from secondstory.tui.state import SessionState

    if path is not None and session is None:
        session = load_session(path)
    state = SessionState(session, path) if path is not None and session is not None else None
    keep_collector_off_the_key_path()
    stamp = ready_stamp_from_env()
    app = SecondStoryApp(
        state=state,
        folder=folder,
        bell=bell,
        themes=themes,
        theme_name=theme_name,
        startup_notes=notes,
        ready_stamp=stamp,
    )
    app.run(headless=stamp is not None)
    if app.state is not None:
        try:
            app.state.flush()
        except OSError as error:
            print(f"{app.state.path}: could not save: {error.strerror}")
            return 1
    return app.return_code or 0


YOUNG_GENERATION = 10_000
"""Allocations between two passes of the cycle collector over new objects (Python's default:
700). The app allocates a few thousand short-lived objects per key, nearly all freed at once by
reference counting; passes over them found nothing and cost about 1.1 ms per key on the
2,000-event session, 0.6 ms with this setting."""


def keep_collector_off_the_key_path() -> None:
    """Once the modules and the session are loaded, take them out of the cycle collector's way.

    A full collection walks every object: with a session of 2,000 events that is some 170,000
    objects and 80-90 ms, five frames lost whenever one falls on a key press. `gc.freeze()`
    moves everything that exists now (it lives as long as the app) out of its reach, so later
    collections walk only what the meeting creates. No `gc.collect()` first: that would cost
    those 90 ms before the first frame, and what it could free is a few bytes at most.
    """
    gc.freeze()
    gc.set_threshold(YOUNG_GENERATION, *gc.get_threshold()[1:])
