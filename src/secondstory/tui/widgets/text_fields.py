"""The text fields every workspace types into: one place to give them the language coach.

Workspaces use `NoteArea` for multi-line text and `NoteInput` for one-line answers instead of
Textual's `TextArea` and `Input`, so that flagging blame and counterfactual language in place
is added once, here, and reaches every free-text field of the meeting.
"""

from __future__ import annotations

from textual.widgets import Input, TextArea


class NoteArea(TextArea):
    """Multi-line free text (phase notes, decision notes, descriptions)."""


class NoteInput(Input):
    """One-line free text (a five-whys answer, an action title, a list entry)."""
