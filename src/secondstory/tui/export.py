"""Export from the app: the Markdown document written beside the session file, or copied.

Rendering goes through the export format registry in `secondstory.core.exporters`, like the
CLI. Nothing here raises: every outcome is a message for a notification.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

from secondstory.core.atomic import atomic_write_text
from secondstory.core.errors import UserError
from secondstory.core.exporters import get_format
from secondstory.tui.state import SessionState

Severity = Literal["information", "warning", "error"]


@dataclass(frozen=True)
class Outcome:
    message: str
    severity: Severity = "information"
    path: Path | None = None


def markdown_path(state: SessionState) -> Path:
    return state.path.parent / f"{state.session.incident.id}.md"


def _render(state: SessionState) -> str:
    return get_format("markdown").render(state.session)


def _failure(error: Exception) -> Outcome:
    if isinstance(error, UserError):
        reason = "; ".join(error.problems)
    elif isinstance(error, ImportError):
        reason = "the Markdown exporter is not available in this installation"
    elif isinstance(error, OSError):
        reason = f"{error.filename or 'file'}: {error.strerror}"
    else:
        reason = f"{type(error).__name__}: {error}"
    return Outcome(f"Export failed: {reason}", "error")


def export_markdown(state: SessionState) -> Outcome:
    path = markdown_path(state)
    try:
        atomic_write_text(path, _render(state))
    except Exception as error:  # an export must never take the meeting down
        return _failure(error)
    return Outcome(f"Wrote {path}", path=path)


def copy_markdown(state: SessionState, copy: Callable[[str], None]) -> Outcome:
    """Copy through the terminal (OSC 52, works over SSH) and write the file as well.

    A terminal gives no answer to OSC 52, so there is no telling whether the copy arrived; the
    file is the copy that is certain to exist.
    """
    path = markdown_path(state)
    try:
        text = _render(state)
        copy(text)
        atomic_write_text(path, text)
    except Exception as error:  # never crash on a copy
        return _failure(error)
    return Outcome(
        f"Copied {len(text.splitlines())} lines of Markdown through the terminal (if it allows "
        f"clipboard access; in tmux: set -g set-clipboard on). Also written to {path}.",
        path=path,
    )
