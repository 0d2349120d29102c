"""Messages the app's widgets send upwards."""

from __future__ import annotations

from textual.message import Message


class SessionEdited(Message):
    """A workspace changed the session; the app saves it within a second."""
