"""The highlighted action item in full, under the table: every field, where it came from, and
the quality checks' questions about it.

Also the reading and checking of origins (`chain:W-1`, `finding:F-3`, `factor:CF-2`,
`event:E-6`, `parked:2`, `action:A-1`), which the form and the table share.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

from textual.content import Content
from textual.widgets import Static

from secondstory.core.checks import Check
from secondstory.core.deadlines import format_deadline
from secondstory.core.errors import UserError
from secondstory.core.model import ActionItem, Session

ORIGIN_KINDS = ("chain", "factor", "finding", "event", "parked", "action")
TARGET_WIDTH = 60
"""Origins are described with at most this much of the text they point at."""


def _short(text: str, width: int = TARGET_WIDTH) -> str:
    text = " ".join(text.split())
    return text if len(text) <= width else text[: width - 1] + "…"


def origin_target(session: Session, origin: str) -> str | None:
    """What an origin points at, as a short text; None when it points at nothing."""
    kind, _, ref = origin.partition(":")
    ref = ref.strip()
    if kind == "chain":
        chain = next((c for c in session.five_whys if c.id == ref), None)
        return chain.problem if chain else None
    if kind == "factor":
        factor = next((f for f in session.contributing_factors if f.id == ref), None)
        return factor.text if factor else None
    if kind == "finding":
        finding = next((f for f in session.findings if f.id == ref), None)
        return finding.text if finding else None
    if kind == "event":
        event = session.event(ref)
        return f"{event.at.strftime('%H:%M')} {event.text}" if event else None
    if kind == "parked":
        if ref.isdigit() and 1 <= int(ref) <= len(session.parking_lot):
            return session.parking_lot[int(ref) - 1].text
        return None
    if kind == "action":
        action = next((a for a in session.actions if a.id == ref), None)
        return action.title if action else None
    return None


def describe_origin(session: Session, origin: str) -> str:
    """`chain W-1 · Checkout requests failed …`, or the raw origin when it points nowhere."""
    if not origin.strip():
        return ""
    kind, _, ref = origin.partition(":")
    target = origin_target(session, origin)
    if target is None:
        return f"{origin} (not in this session)"
    return f"{kind} {ref} · {_short(target)}"


def check_origin(session: Session, text: str) -> str:
    """A typed origin, tidied, or a `UserError` saying what is expected. Empty is fine."""
    origin = "".join(text.split())
    if not origin:
        return ""
    kind, colon, ref = origin.partition(":")
    kind = kind.lower()
    if not colon or kind not in ORIGIN_KINDS or not ref:
        raise UserError(
            f"from {text.strip()!r}: expected where the item came from, such as chain:W-1, "
            "finding:F-2, factor:CF-1, event:E-6 or parked:1 (or leave it empty)"
        )
    origin = f"{kind}:{ref}"
    if origin_target(session, origin) is None:
        # Ids are typed in lower case as often as not: `chain:w-1`.
        origin = f"{kind}:{ref.upper()}"
    if origin_target(session, origin) is None:
        raise UserError(f"from {origin}: there is no {kind} {ref} in this session")
    return origin


def origin_suggestions(session: Session) -> list[str]:
    """Origins the form offers as completions, in the order people reach for them."""
    found = [f"chain:{c.id}" for c in session.five_whys]
    found += [f"factor:{f.id}" for f in session.contributing_factors]
    found += [f"finding:{f.id}" for f in session.findings]
    found += [f"parked:{n}" for n in range(1, len(session.parking_lot) + 1)]
    found += [f"event:{e.id}" for e in session.timeline]
    return found


def deadline_text(item: ActionItem, meeting_date: date | None) -> str:
    if item.deadline is None:
        return "no deadline"
    return "due " + format_deadline(item.deadline, meeting_date)


def item_lines(
    session: Session,
    item: ActionItem,
    checks: Sequence[Check],
    meeting_date: date | None,
) -> list[tuple[str, str]]:
    """The item as `(text, style)` lines: the detail panel and the shared screen use these."""
    owner = f"owner {item.owner}" if item.owner else "no owner"
    facts = [owner, item.priority, deadline_text(item, meeting_date)]
    facts += [f"{item.term} term", item.type, item.status]
    lines = [
        (f"{item.id} · {item.title or '(no action yet)'}", "bold"),
        (" · ".join(facts), ""),
        (f"Done when: {item.success_criteria or '(no success criterion yet)'}", ""),
    ]
    if item.origin:
        lines.append((f"From: {describe_origin(session, item.origin)}", "$text-muted"))
    for check in checks:
        if check.item_id == item.id and check.level == "warning":
            question = f" {check.question}" if check.question else ""
            lines.append((f"⚠ {check.message}.{question}", "$text-warning"))
    return lines


class ActionDetail(Static):
    DEFAULT_CSS = """
    ActionDetail {
        /* A fixed height: a detail that grew and shrank with each item would resize the table
           above it on every cursor move, and a resized table redraws every row. */
        height: 6;
        padding: 0 1;
        border-top: solid $secondary 40%;
    }
    """

    def show_item(
        self,
        session: Session,
        item: ActionItem | None,
        checks: Sequence[Check],
        meeting_date: date | None,
        empty: str = "",
    ) -> None:
        if item is None:
            self.update(Content.styled(empty, "$text-muted"))
            return
        lines = item_lines(session, item, checks, meeting_date)
        self.update(Content("\n").join(Content.styled(text, style) for text, style in lines))
