"""Start the app: load the themes and the session, run, and save once more on the way out."""

from __future__ import annotations

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
