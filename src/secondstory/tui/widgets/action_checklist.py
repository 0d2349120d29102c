"""The live quality check of the action items: the rules of thumb, each with a mark.

Computed by `core.action_checks` after every change; this widget only lays the results out.
Every rule shows one line (✓ or ⚠); a failing rule lists what fails with the question that
helps fix it. Compact (below a narrow table) it lists only what fails. The recorded note that
the risk of recurrence is accepted is shown with the priority rule.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from rich.table import Table
from rich.text import Text
from textual.app import ComposeResult
from textual.containers import VerticalScroll
from textual.widget import Widget
from textual.widgets import Static

from secondstory.core.action_checks import RULES
from secondstory.core.checks import Check

SHOWN_PER_RULE = 3
"""A rule that fails for many items lists this many, then how many more."""


def rule_results(checks: Sequence[Check]) -> list[tuple[str, str, list[Check]]]:
    """`(rule id, checklist line, warnings)` per rule, in display order."""
    return [
        (rule, line, [c for c in checks if c.rule == rule and c.level == "warning"])
        for rule, line in RULES.items()
    ]


def passing_count(checks: Sequence[Check]) -> tuple[int, int]:
    """How many rules pass, of how many."""
    results = rule_results(checks)
    return sum(1 for _, _, failing in results if not failing), len(results)


def summary(checks: Sequence[Check]) -> str:
    """`6 of 8 checks pass`, for the shared screen."""
    passing, total = passing_count(checks)
    return f"{passing} of {total} checks pass"


def summary_lines(checks: Sequence[Check], risk_accepted: str = "") -> list[str]:
    """The checklist in a few plain lines: what passes in one line, each failing rule in one."""
    results = rule_results(checks)
    lines = [f"Quality check: {summary(checks)}"]
    for _, _line, failing in results:
        if not failing:
            continue
        first = failing[0]
        more = f" (+{len(failing) - 1} more)" if len(failing) > 1 else ""
        lines.append(f"⚠ {first.message}{more}")
    if risk_accepted.strip():
        lines.append(f"Risk of recurrence accepted: {' '.join(risk_accepted.split())}")
    return lines


_styles: dict[str, dict[str, str]] = {}


def theme_styles(widget: Widget) -> dict[str, str]:
    """Theme colours as Rich styles (Rich cannot read Textual's `$` variables).

    Worked out once per theme: asking the app for its variables takes a few milliseconds."""
    theme = widget.app.theme
    if theme not in _styles:
        found = widget.app.get_css_variables()
        _styles[theme] = {
            name: value if (value := found.get(name, "")).startswith("#") else ""
            for name in ("text-secondary", "text-warning", "text-success")
        }
    return _styles[theme]


def checklist_table(
    checks: Sequence[Check], risk_accepted: str, compact: bool, colours: Mapping[str, str]
) -> Table:
    """The checklist as a grid: a mark column, then text whose wrapped lines hang under it."""
    warn = colours.get("text-warning", "")
    good = colours.get("text-success", "")
    grid = Table.grid(padding=(0, 1, 0, 0), expand=True)
    grid.add_column(width=1, no_wrap=True)
    grid.add_column(ratio=1)
    for rule, line, failing in rule_results(checks):
        if not failing:
            if compact:
                continue
            ok = next((c for c in checks if c.rule == rule), None)
            text = Text(line)
            if ok is not None and rule in ("count", "priority"):
                text.append(f" ({ok.message})", style="dim")
            grid.add_row(Text("✓", style=good), text)
            continue
        text = Text(line, style="bold")
        for check in failing[:SHOWN_PER_RULE]:
            text.append(f"\n{check.message}", style=warn)
            if check.question and not compact:
                text.append(f"\n? {check.question}", style="italic dim")
        if compact and failing[0].question:
            text.append(f"\n? {failing[0].question}", style="italic dim")
        if len(failing) > SHOWN_PER_RULE:
            text.append(f"\n… {len(failing) - SHOWN_PER_RULE} more", style="dim")
        grid.add_row(Text("⚠", style=f"bold {warn}"), text)
    if risk_accepted.strip():
        note = Text("Risk accepted: ", style="bold")
        note.append(" ".join(risk_accepted.split()))
        grid.add_row(Text("•", style=colours.get("text-secondary", "")), note)
    if not grid.row_count:
        grid.add_row(Text("✓", style=good), Text("Every check passes."))
    return grid


class ActionChecklist(VerticalScroll, can_focus=False):
    DEFAULT_CSS = """
    ActionChecklist {
        height: 1fr;
        border: round $secondary 50%;
        border-title-color: $text-secondary;
        border-subtitle-color: $text-muted;
        padding: 0 1;
        scrollbar-size-vertical: 1;
        #action-checklist-text { width: 1fr; }
    }
    """

    def __init__(
        self,
        *,
        id: str | None = None,  # noqa: A002  (Textual's own name for it)
    ) -> None:
        super().__init__(id=id)
        self.compact = False
        self._text = Static("", id="action-checklist-text")

    def compose(self) -> ComposeResult:
        yield self._text

    def show_checks(self, checks: Sequence[Check], risk_accepted: str) -> None:
        passing, total = passing_count(checks)
        self.border_title = f"Quality check · {passing}/{total} pass"
        self.border_subtitle = "r: risk accepted"
        self._text.update(checklist_table(checks, risk_accepted, self.compact, theme_styles(self)))
