"""The fast follow-up loader gives exactly what a full load gives, whatever the text holds."""

from __future__ import annotations

import itertools
import tomllib
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from secondstory.core.errors import UserError
from secondstory.core.followup_load import (
    load_summary,
    reduce_toml,
    scan_folder,
    summary_from_reduced,
    summary_from_session,
    summary_from_text,
)
from secondstory.core.model import (
    ActionItem,
    ContributingFactor,
    Interval,
    Note,
    StatusChange,
    TimelineEvent,
    WhyChain,
    WhyStep,
)
from secondstory.core.sessions import new_session
from secondstory.core.storage import dumps_session, load_session, loads_session

EXAMPLE = Path(__file__).resolve().parents[2] / "sessions" / "INC-2026-0847.toml"
T0 = datetime(2026, 3, 20, 14, 0, tzinfo=UTC)
PATH = Path("s.toml")

TRICKY = [
    '"""',
    "'''",
    '""""',
    "\\",
    '\\"""',
    '"',
    "'",
    "#",
    "=",
    "\n",
    "\r\n",
    "\t",
    "\n[[actions]]\n",
    '\n[incident]\nid = "HIJACK"\n',
    "\n[[agenda.phases.actual]]\nstart = 2020-01-01T00:00:00Z\n",
    "\n  [meeting]\n",
    'category = "evil"\n',
    "actual = [",
    "é",
    "💥",
]
hostile = st.lists(
    st.one_of(
        st.sampled_from(TRICKY),
        st.text(st.characters(codec="utf-8", exclude_characters="\x00"), max_size=4),
    ),
    max_size=8,
).map("".join)


@pytest.fixture(autouse=True)
def _private_cache(
    tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch
) -> Path:
    """Keep the follow-up parse cache out of the user's home."""
    where = tmp_path_factory.mktemp("cache")
    monkeypatch.setenv("SECONDSTORY_CACHE_DIR", str(where))
    return where


def full(text: str) -> object:
    return summary_from_session(loads_session(text, PATH), PATH)


def fast_only(text: str) -> object:
    """The fast path with no fallback: a failure here means the fast path gave up."""
    return summary_from_reduced(tomllib.loads(reduce_toml(text)), PATH)


def build(texts: list[str], *, ran: bool, scheduled: bool) -> str:
    t = itertools.cycle(texts)
    s = new_session("INC-1", next(t) or "title", severity="SEV1")
    s.incident.summary = next(t)
    s.incident.started_at = T0
    s.meeting.document_url = next(t)
    if scheduled:
        s.meeting.scheduled_at = T0 + timedelta(days=3)
    if ran:
        s.agenda.phases[1].actual.append(Interval(start=T0 + timedelta(days=2), end=None))
        s.agenda.phases[2].actual.append(Interval(start=T0 + timedelta(days=5)))
    for phase in s.agenda.phases:
        phase.notes = next(t)
    s.timeline.append(TimelineEvent(id="E-1", at=T0, text=next(t), notes=next(t)))
    s.five_whys.append(
        WhyChain(id="W-1", problem=next(t), category=next(t), steps=[WhyStep(answer=next(t))])
    )
    s.contributing_factors.append(ContributingFactor(id="C-1", text=next(t), category=next(t)))
    s.actions.append(
        ActionItem(
            id="A-1",
            title=next(t),
            owner=next(t),
            description=next(t),
            success_criteria=next(t),
            deadline=date(2026, 4, 1),
            history=[StatusChange(at=T0, status="done", note=next(t))],
            status="done",
        )
    )
    s.actions.append(ActionItem(id="A-2", title=next(t), priority="P0"))
    s.went_well.append(Note(text=next(t)))
    return dumps_session(s)


@settings(max_examples=150, suppress_health_check=[HealthCheck.too_slow], deadline=None)
@given(st.lists(hostile, min_size=1, max_size=12), st.booleans(), st.booleans())
def test_fast_path_equals_full_load_for_any_text(texts: list[str], ran: bool, sched: bool) -> None:
    text = build(texts, ran=ran, scheduled=sched)
    expected = full(text)
    assert fast_only(text) == expected
    assert summary_from_text(text, PATH) == expected


def test_fast_path_on_the_example_session() -> None:
    text = EXAMPLE.read_text(encoding="utf-8")
    summary = fast_only(text)
    assert summary == full(text)
    assert summary.meeting_date == date(2026, 3, 25)  # type: ignore[attr-defined]
    assert len(reduce_toml(text)) < len(text) / 3  # the timeline and notes were cut


HAND_WRITTEN = """\
# a hand-written session \"\"\" with quotes in a comment
schema_version = 1
people = [{ name = "Ana" }]
lessons = [{ text = '''
[[actions]]
id = "FAKE"
''' }]

  [incident]   # indented header
  id = 'INC-7'
  title = "It's \\"quoted\\" [[x]]"
  "severity" = "SEV1"
  status = "Reviewed"

[agenda]
name = "custom"

[[agenda.phases]]
id = "a"
title = "A"
planned_minutes = 5
notes = \"\"\"
[[five_whys]]
category = "not a category"
\"\"\"

[[agenda.phases.actual]]
start = 2026-03-25T10:00:00Z
end = 2026-03-25T10:05:00Z

[[agenda.phases]]
id = "b"
title = "B"
planned_minutes = 5
actual = [{ start = 2026-03-26T10:00:00Z }]

[[five_whys]]
id = "W-1"
problem = "p"
'category' = "Monitoring  and Alerting"
steps = [{ answer = "a" }]

[[contributing_factors]]
id = "C-1"
text = "t"
category = "other"

[[actions]]
id = "A-1"
title = "Add a test"
deadline = 2026-04-01
history = [{ at = 2026-03-30T09:00:00+02:00, status = "done" }]
status = "done"

[actions.extra_not_allowed_here_is_checked_by_pydantic_not_us]
"""


def test_hand_written_layouts_need_no_fallback() -> None:
    text = HAND_WRITTEN.replace(
        "\n[actions.extra_not_allowed_here_is_checked_by_pydantic_not_us]\n", "\n"
    )
    summary = fast_only(text)
    assert summary == full(text)
    assert summary.incident.id == "INC-7"  # type: ignore[attr-defined]
    assert summary.meeting_date == date(2026, 3, 25)  # type: ignore[attr-defined]
    assert summary.categories == ("monitoring and alerting", "other")  # type: ignore[attr-defined]
    assert [a.id for a in summary.actions] == ["A-1"]  # type: ignore[attr-defined]


def test_crlf_files_read_the_same() -> None:
    text = HAND_WRITTEN.replace(
        "\n[actions.extra_not_allowed_here_is_checked_by_pydantic_not_us]\n", "\n"
    )
    crlf = text.replace("\n", "\r\n")
    assert fast_only(crlf) == full(crlf)


def test_an_error_in_a_kept_table_reports_as_the_full_loader_does(tmp_path: Path) -> None:
    path = tmp_path / "bad.toml"
    path.write_text(HAND_WRITTEN, encoding="utf-8")
    with pytest.raises(UserError) as fast_error:
        load_summary(path)
    with pytest.raises(UserError) as full_error:
        load_session(path)
    assert fast_error.value.problems == full_error.value.problems
    assert "actions" in fast_error.value.problems[0]


@pytest.mark.parametrize(
    "text",
    [
        'schema_version = 1\n[incident]\nid = "X"\ntitle = "t"\n[typo_table]\na = 1\n',
        'schema_version = 99\n[incident]\nid = "X"\ntitle = "t"\n',
        '[incident]\nid = "X"\ntitle = "unterminated\n',
        '[incident]\nid = "X"\ntitle = """never closed\n[[actions]]\n',
        '[incident]\nid = "bad id with spaces"\ntitle = "t"\n',
        '[meeting]\nlocation = "x"\n',
        '[incident]\nid = "X"\ntitle = "t"\n[[agenda.phases]]\nid = "a"\ntitle = "A"\n'
        "planned_minutes = 1\nactual = []\n",
    ],
)
def test_unusual_files_fall_back_to_the_full_loader(tmp_path: Path, text: str) -> None:
    path = tmp_path / "s.toml"
    path.write_text(text, encoding="utf-8")
    try:
        expected = summary_from_session(load_session(path), path)
    except UserError as error:
        with pytest.raises(UserError) as fast_error:
            load_summary(path)
        assert fast_error.value.problems == error.problems
    else:
        assert load_summary(path) == expected


def test_an_escaped_quoted_key_is_read_by_the_full_loader() -> None:
    text = (
        '[incident]\nid = "X"\ntitle = "t"\n[[contributing_factors]]\nid = "C"\ntext = "t"\n'
        '"categ\\u006fry" = "capacity"\n'
    )
    assert summary_from_text(text, PATH).categories == ("capacity",)


def test_problems_in_skipped_tables_are_not_seen(tmp_path: Path) -> None:
    """The documented trade-off: `list` and `open` report these, follow-up reads on."""
    text = '[incident]\nid = "X"\ntitle = "t"\n[[timeline]]\nid = "E-1"\nat = "not a time"\n'
    assert summary_from_text(text, PATH).incident.id == "X"


def test_scan_folder_reports_broken_files_and_reads_the_rest(tmp_path: Path) -> None:
    (tmp_path / "a.toml").write_text(EXAMPLE.read_text(encoding="utf-8"), encoding="utf-8")
    (tmp_path / "b.toml").write_text("[incident\n", encoding="utf-8")
    (tmp_path / "c.toml").write_bytes(b"\xff\xfe")
    (tmp_path / "notes.txt").write_text("not a session", encoding="utf-8")
    scan = scan_folder(tmp_path)
    assert [s.path.name for s in scan.summaries] == ["a.toml"]
    assert len(scan.problems) == 2
    assert scan.problems[0].startswith(f"{tmp_path / 'b.toml'}:1:")
    assert scan.problems[1] == f"{tmp_path / 'c.toml'}: not UTF-8 text (byte 0)"


def test_scan_of_a_missing_folder_is_empty(tmp_path: Path) -> None:
    scan = scan_folder(tmp_path / "nope")
    assert scan.summaries == [] and scan.problems == []


def test_held_means_the_clock_ran_or_the_status_moved_on() -> None:
    s = new_session("INC-2", "t")
    s.meeting.scheduled_at = T0
    path = Path("x.toml")
    assert not summary_from_session(s, path).held
    s.incident.status = "In review"
    assert summary_from_session(s, path).held
    s.incident.status = "Draft"
    s.agenda.phases[0].actual.append(Interval(start=T0))
    assert summary_from_session(s, path).held


def test_a_second_scan_reads_parsed_data_from_the_cache(
    tmp_path: Path, _private_cache: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = tmp_path / "sessions"
    folder.mkdir()
    path = folder / "INC-1.toml"
    path.write_text(EXAMPLE.read_text(encoding="utf-8"), encoding="utf-8")
    first = scan_folder(folder)
    assert len(list(_private_cache.iterdir())) == 1

    def no_parsing(text: str) -> str:
        raise AssertionError("parsed again")

    monkeypatch.setattr("secondstory.core.followup_load.reduce_toml", no_parsing)
    assert scan_folder(folder) == first
    monkeypatch.undo()
    monkeypatch.setenv("SECONDSTORY_CACHE_DIR", str(_private_cache))
    # An edit (as the app saves: a new file renamed over the old one) is parsed again.
    session = load_session(path)
    session.actions[0].status = "done"
    from secondstory.core.storage import save_session

    save_session(session, path)
    again = scan_folder(folder)
    assert again.summaries[0].actions[0].status == "done"


def test_validation_is_never_cached(tmp_path: Path) -> None:
    folder = tmp_path / "sessions"
    folder.mkdir()
    path = folder / "INC-1.toml"
    path.write_text('[incident]\nid = "X"\ntitle = "t"\n', encoding="utf-8")
    assert scan_folder(folder).problems == []
    assert scan_folder(folder).summaries[0].incident.id == "X"  # from the cache


def test_a_corrupt_cache_is_ignored_and_replaced(tmp_path: Path, _private_cache: Path) -> None:
    folder = tmp_path / "sessions"
    folder.mkdir()
    (folder / "INC-1.toml").write_text(EXAMPLE.read_text(encoding="utf-8"), encoding="utf-8")
    expected = scan_folder(folder)
    (cache_file,) = list(_private_cache.iterdir())
    cache_file.write_bytes(b"not a pickle")
    assert scan_folder(folder) == expected
    assert cache_file.read_bytes() != b"not a pickle"


def test_cache_can_be_turned_off(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SECONDSTORY_CACHE_DIR", "off")
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg"))
    (tmp_path / "INC-1.toml").write_text(EXAMPLE.read_text(encoding="utf-8"), encoding="utf-8")
    assert len(scan_folder(tmp_path).summaries) == 1
    assert not (tmp_path / "xdg").exists()


def test_removed_files_leave_the_cache(tmp_path: Path, _private_cache: Path) -> None:
    folder = tmp_path / "sessions"
    folder.mkdir()
    for name in ("a.toml", "b.toml"):
        (folder / name).write_text(EXAMPLE.read_text(encoding="utf-8"), encoding="utf-8")
    scan_folder(folder)
    (folder / "b.toml").unlink()
    assert [s.path.name for s in scan_folder(folder).summaries] == ["a.toml"]
    from secondstory.core.followup_cache import ParseCache

    assert set(ParseCache.open(folder).entries) == {"a.toml"}


@pytest.mark.parametrize("newline", ["\r\n", "\r"])
def test_files_with_other_line_endings_read_as_the_full_loader_reads_them(
    tmp_path: Path, newline: str
) -> None:
    path = tmp_path / "INC-1.toml"
    path.write_bytes(EXAMPLE.read_text(encoding="utf-8").replace("\n", newline).encode("utf-8"))
    assert load_summary(path) == summary_from_session(load_session(path), path)
