"""The whole session as JSON, in the model's field order, for scripts and other tools."""

from __future__ import annotations

import json

from secondstory.core.model import Session


def render_json(session: Session) -> str:
    # Unentered drafts are the app's working state, not part of the postmortem.
    data = session.model_dump(mode="json", exclude={"drafts"})
    return json.dumps(data, indent=2, ensure_ascii=False) + "\n"
