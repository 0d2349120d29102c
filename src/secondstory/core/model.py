"""The postmortem session: one pydantic model that holds everything a meeting captures.

A session is one TOML file. The model is deliberately complete (header, people, agenda,
timeline, five whys, actions, lists, debrief, language-coach settings) so that new screens add
behaviour, not fields. Every model forbids unknown keys: a typo in a hand-edited file is
reported with its field path instead of being silently dropped.
"""

from __future__ import annotations

from datetime import date
from typing import Annotated, Literal

from pydantic import AwareDatetime, BaseModel, ConfigDict, Field, StringConstraints

SCHEMA_VERSION = 1

Severity = Literal["SEV1", "SEV2", "SEV3", "SEV4"]
Status = Literal["Draft", "In review", "Reviewed", "Closed"]
Priority = Literal["P0", "P1", "P2", "P3"]
ActionStatus = Literal["open", "in-progress", "done", "wont-do"]
ActionTerm = Literal["short", "long"]
ActionType = Literal["prevent", "detect", "mitigate", "process"]
PhaseKind = Literal[
    "opening",
    "impact",
    "timeline",
    "root_cause",
    "actions",
    "went_well",
    "could_be_better",
    "debrief",
    "discussion",
]

SEVERITIES: tuple[Severity, ...] = ("SEV1", "SEV2", "SEV3", "SEV4")
STATUSES: tuple[Status, ...] = ("Draft", "In review", "Reviewed", "Closed")
PRIORITIES: tuple[Priority, ...] = ("P0", "P1", "P2", "P3")

CAUSE_CATEGORIES: tuple[str, ...] = (
    "testing",
    "monitoring and alerting",
    "deployment",
    "configuration",
    "capacity",
    "dependency",
    "process and documentation",
    "communication",
    "other",
)

IncidentId = Annotated[
    str,
    StringConstraints(pattern=r"^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$"),
]


class Model(BaseModel):
    """Base for every session model: unknown keys are errors, assignments are validated.

    `defer_build`: pydantic otherwise builds each class's validator as the class is created,
    and then again, inlined, for every class that contains it; building on first use halves
    the cost of importing this module and loading a session, which every start-up pays.
    """

    model_config = ConfigDict(extra="forbid", validate_assignment=True, defer_build=True)


class Impact(Model):
    users_affected: int | None = Field(default=None, ge=0)
    users_affected_percent: float | None = Field(default=None, ge=0, le=100, allow_inf_nan=False)
    revenue: float | None = Field(default=None, ge=0, allow_inf_nan=False)
    currency: str = "USD"
    customer_summary: str = ""


class Incident(Model):
    id: IncidentId
    title: str
    severity: Severity = "SEV2"
    status: Status = "Draft"
    timezone: str = "UTC"
    """IANA zone used for the second time column and local display; stamps are stored aware."""
    summary: str = ""
    started_at: AwareDatetime | None = None
    detected_at: AwareDatetime | None = None
    acknowledged_at: AwareDatetime | None = None
    mitigated_at: AwareDatetime | None = None
    resolved_at: AwareDatetime | None = None
    impact: Impact = Field(default_factory=Impact)
    links: list[str] = Field(default_factory=list)


class Meeting(Model):
    scheduled_at: AwareDatetime | None = None
    location: str = ""
    document_url: str = ""
    """Where the published postmortem lives; tracker exports link back to it."""


class Person(Model):
    name: str
    role: str = ""
    team: str = ""
    timezone: str = ""
    facilitator: bool = False
    involved_in_change: bool = False
    observer: bool = False
    """Executives and stakeholders who listen rather than speak."""


class Interval(Model):
    """One stretch of time during which a phase's clock was running."""

    start: AwareDatetime
    end: AwareDatetime | None = None


class Extension(Model):
    at: AwareDatetime
    seconds: int = Field(gt=0)


class Replan(Model):
    """A phase budget changed so that the meeting still ends on time."""

    at: AwareDatetime
    seconds_before: int = Field(ge=0)
    seconds_after: int = Field(ge=0)


class Phase(Model):
    id: str
    title: str
    kind: PhaseKind = "discussion"
    planned_minutes: int = Field(ge=0)
    prompts: list[str] = Field(default_factory=list)
    notes: str = ""
    """Facilitator notes for this phase: hidden on the shared screen."""
    actual: list[Interval] = Field(default_factory=list)
    extensions: list[Extension] = Field(default_factory=list)
    replans: list[Replan] = Field(default_factory=list)
    spoken: list[str] = Field(default_factory=list)
    """Names of attendees who have spoken during this phase (go round the room)."""


class Agenda(Model):
    name: str = "custom"
    current: int = Field(default=0, ge=0)
    phases: list[Phase] = Field(default_factory=list)
    bell: bool = True
    """Ring the terminal bell when a phase's time is up."""


class DecisionNotes(Model):
    known: str = ""
    """What the responders knew at the time."""
    why_sensible: str = ""
    """Why the action made sense to them then."""
    missing: str = ""
    """What information was missing (the fog of war)."""


class TimelineEvent(Model):
    id: str
    at: AwareDatetime
    text: str
    kind: str = "event"
    decision_point: bool = False
    source: str = "manual"
    source_id: str | None = None
    author: str = ""
    annotations: list[str] = Field(default_factory=list)
    notes: str = ""
    decision: DecisionNotes = Field(default_factory=DecisionNotes)


class Finding(Model):
    id: str
    text: str
    event_id: str | None = None
    promoted_to: str | None = None
    """`factor:ID` or `action:ID` once turned into a contributing factor or an action item."""


class WhyStep(Model):
    question: str = ""
    answer: str = ""
    event_id: str | None = None
    contributing: bool = False


class WhyChain(Model):
    id: str
    problem: str
    steps: list[WhyStep] = Field(default_factory=list)
    category: str = ""
    closed: bool = False
    """True once the facilitator says the chain is finished; open chains are not judged."""


class ContributingFactor(Model):
    id: str
    text: str
    category: str = ""
    event_id: str | None = None
    chain_id: str | None = None


class StatusChange(Model):
    at: AwareDatetime
    status: ActionStatus
    note: str = ""


class ActionItem(Model):
    id: str
    title: str
    owner: str = ""
    priority: Priority = "P2"
    deadline: date | None = None
    success_criteria: str = ""
    term: ActionTerm = "short"
    type: ActionType = "prevent"
    status: ActionStatus = "open"
    origin: str = ""
    """Where the item came from: `finding:F-1`, `chain:W-2`, `parked:3`, ..."""
    description: str = ""
    tracker_url: str = ""
    history: list[StatusChange] = Field(default_factory=list)


class Note(Model):
    """An entry of a quick list (went well, could be better, lucky, lessons)."""

    text: str
    author: str = ""
    source: str = "meeting"
    """`meeting` or `prep` (merged from the async pre-prep document)."""


class Appreciation(Model):
    person: str
    text: str


class ParkedItem(Model):
    at: AwareDatetime
    text: str
    phase: str = ""
    promoted_to: str | None = None


class RoleNote(Model):
    """A participant's own account of their role, from the pre-prep document."""

    person: str
    text: str


class Question(Model):
    author: str = ""
    text: str
    answer: str = ""


class Prep(Model):
    roles: list[RoleNote] = Field(default_factory=list)
    questions: list[Question] = Field(default_factory=list)


class Dismissal(Model):
    rule: str
    sentence: str


class LanguageSettings(Model):
    """Per-session settings for the language coach."""

    min_level: Literal["error", "warning", "suggestion", "info"] = "warning"
    disabled_rules: list[str] = Field(default_factory=list)
    roster_extra: list[str] = Field(default_factory=list)
    system_terms: list[str] = Field(default_factory=list)
    dismissed: list[Dismissal] = Field(default_factory=list)
    show_in_presentation: bool = False


class Closing(Model):
    statement: str = ""
    closed_at: AwareDatetime | None = None
    risk_accepted: str = ""
    """Recorded when no P0/P1 item exists: why the risk of recurrence is accepted."""
    extension_reason: str = ""
    """Why closure was postponed at the one-week check."""


class Session(Model):
    schema_version: int = SCHEMA_VERSION
    incident: Incident
    meeting: Meeting = Field(default_factory=Meeting)
    people: list[Person] = Field(default_factory=list)
    agenda: Agenda = Field(default_factory=Agenda)
    timeline: list[TimelineEvent] = Field(default_factory=list)
    findings: list[Finding] = Field(default_factory=list)
    five_whys: list[WhyChain] = Field(default_factory=list)
    contributing_factors: list[ContributingFactor] = Field(default_factory=list)
    actions: list[ActionItem] = Field(default_factory=list)
    went_well: list[Note] = Field(default_factory=list)
    could_be_better: list[Note] = Field(default_factory=list)
    lucky: list[Note] = Field(default_factory=list)
    lessons: list[Note] = Field(default_factory=list)
    appreciations: list[Appreciation] = Field(default_factory=list)
    parking_lot: list[ParkedItem] = Field(default_factory=list)
    prep: Prep = Field(default_factory=Prep)
    language: LanguageSettings = Field(default_factory=LanguageSettings)
    closing: Closing = Field(default_factory=Closing)
    drafts: dict[str, str] = Field(default_factory=dict)
    """Text typed into one-line fields (a form's title, a five-whys answer) and not yet
    entered, by field. Autosave writes it with the rest, so a killed terminal loses at most
    the last second of it; the field brings it back when it opens again."""

    def facilitator(self) -> Person | None:
        return next((p for p in self.people if p.facilitator), None)

    def event(self, event_id: str) -> TimelineEvent | None:
        return next((e for e in self.timeline if e.id == event_id), None)

    def meeting_date(self) -> date | None:
        """The day the postmortem was held: first clock stamp, else the scheduled time."""
        for phase in self.agenda.phases:
            if phase.actual:
                return phase.actual[0].start.date()
        if self.meeting.scheduled_at is not None:
            return self.meeting.scheduled_at.date()
        return None


def next_id(prefix: str, existing: list[str]) -> str:
    """The next free `PREFIX-N` id, one past the highest number in use."""
    highest = 0
    for item in existing:
        head, _, tail = item.rpartition("-")
        if head == prefix and tail.isdigit():
            highest = max(highest, int(tail))
    return f"{prefix}-{highest + 1}"
