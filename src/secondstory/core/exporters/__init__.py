"""Export formats: each renders a Session to text, named here so the CLI and the app share them.

A format entry names the module and function that render it, imported only when used, and the
file suffix an output file gets by default.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable
from dataclasses import dataclass

from secondstory.core.errors import UserError
from secondstory.core.model import Session


@dataclass(frozen=True)
class ExportFormat:
    name: str
    module: str
    function: str
    suffix: str
    description: str

    def render(self, session: Session) -> str:
        func: Callable[[Session], str] = getattr(
            importlib.import_module(self.module), self.function
        )
        return func(session)


FORMATS: dict[str, ExportFormat] = {
    f.name: f
    for f in (
        ExportFormat(
            "markdown",
            "secondstory.core.exporters.markdown",
            "render_markdown",
            ".md",
            "the postmortem document, GitHub-flavoured Markdown",
        ),
        ExportFormat(
            "json",
            "secondstory.core.exporters.json_export",
            "render_json",
            ".json",
            "the whole session as JSON, stable key order",
        ),
        ExportFormat(
            "jira-csv",
            "secondstory.core.exporters.jira_csv",
            "render_jira_csv",
            ".csv",
            "action items as a Jira CSV import, one issue per item",
        ),
        ExportFormat(
            "github",
            "secondstory.core.exporters.github",
            "render_github",
            ".sh",
            "action items as a shell script of `gh issue create` commands",
        ),
        ExportFormat(
            "ics",
            "secondstory.core.exporters.ics",
            "render_ics",
            ".ics",
            "action item deadlines and follow-up checks as an iCalendar file",
        ),
    )
}


def get_format(name: str) -> ExportFormat:
    try:
        return FORMATS[name]
    except KeyError:
        raise UserError(
            f"unknown export format '{name}': expected one of {', '.join(FORMATS)}"
        ) from None
