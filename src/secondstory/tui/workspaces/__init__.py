"""Workspaces by phase kind: the widget that fills the main screen during each phase.

`WORKSPACES` maps a `Phase.kind` to the `module:Class` of its workspace, imported only when a phase
of that kind is shown, so the app starts without loading workspaces it does not need yet. Kinds
not listed get the notes workspace. To add one, write a `Workspace` subclass in its own module
here and add a line, e.g. `"timeline": "secondstory.tui.workspaces.timeline:TimelineWorkspace"`.
"""

from __future__ import annotations

import importlib
from contextlib import suppress

from secondstory.tui.workspaces.base import Workspace

DEFAULT_WORKSPACE = "secondstory.tui.workspaces.notes:NotesWorkspace"

WORKSPACES: dict[str, str] = {
    "opening": "secondstory.tui.workspaces.opening:OpeningWorkspace",
    "timeline": "secondstory.tui.workspaces.timeline:TimelineWorkspace",
    "went_well": "secondstory.tui.workspaces.lists:ListsWorkspace",
    "could_be_better": "secondstory.tui.workspaces.lists:ListsWorkspace",
    "debrief": "secondstory.tui.workspaces.debrief:DebriefWorkspace",
    "root_cause": "secondstory.tui.workspaces.five_whys:FiveWhysWorkspace",
    "actions": "secondstory.tui.workspaces.actions:ActionsWorkspace",
}

_loaded: dict[str, type[Workspace]] = {}

__all__ = ["DEFAULT_WORKSPACE", "WORKSPACES", "Workspace", "preload", "workspace_class"]


def workspace_class(kind: str) -> type[Workspace]:
    """The workspace class for a phase kind."""
    target = WORKSPACES.get(kind, DEFAULT_WORKSPACE)
    if target not in _loaded:
        module_name, _, class_name = target.partition(":")
        cls = getattr(importlib.import_module(module_name), class_name)
        if not (isinstance(cls, type) and issubclass(cls, Workspace)):
            raise TypeError(f"{target} is not a Workspace")
        _loaded[target] = cls
    return _loaded[target]


def preload(kind: str) -> None:
    """Import the workspace for `kind` ahead of need; meant for a worker thread.

    The timeline's modules take about 0.1 s to import: done while the room talks, the key that
    moves to that phase does not wait for them. Imports are safe from a thread (Python locks
    each module while it loads); a failure here is left for `workspace_class` to report when
    the phase is really shown.
    """
    with suppress(Exception):  # reported by the real call, when the phase is shown
        workspace_class(kind)
