"""The `gh issue create` script: run for real against a fake `gh` with hostile text.

The fake records each call's arguments (NUL-separated) and a copy of the body file, so the test
can check that titles, labels and bodies arrive byte for byte, and that nothing else ran.
"""

from __future__ import annotations

import os
import shutil
import stat
import subprocess
from datetime import date
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from secondstory.core.exporters import get_format
from secondstory.core.exporters.github import labels, render_github
from secondstory.core.exporters.trackers import issue_body, issue_title
from secondstory.core.model import ActionItem, Session, WhyChain
from secondstory.core.sessions import new_session

FAKE_GH = """#!/bin/sh
dir="$FAKE_GH_DIR"
n=0
while [ -e "$dir/argv.$n" ]; do n=$((n + 1)); done
for a in "$@"; do printf '%s\\0' "$a"; done > "$dir/argv.$n"
for a in "$@"; do
  case $a in
    --body-file=*) cat -- "${a#--body-file=}" > "$dir/body.$n" ;;
  esac
done
exit 0
"""

SHELLS = [s for s in ("sh", "dash", "bash") if shutil.which(s)]

HOSTILE = [
    "'",
    '"',
    "`id`",
    "$(touch PWNED)",
    "$HOME",
    "${x:?boom}",
    "\\",
    "\n",
    "\r",
    "\t",
    ";",
    "&&",
    "|",
    "#",
    "-",
    "--label=evil",
    "SECONDSTORY_BODY",
    "\nSECONDSTORY_BODY\n",
    "\nSECONDSTORY_BODY_1\ntouch PWNED\n",
    "EOF",
    "!",
    "*",
    "~",
    "é",
    "𝄞",
    "\x1b[31m",
    "\x7f",
    "\u2028",
    "".join(map(chr, range(0x80, 0x110))),  # UTF-8 bytes 0x80-0x8f: dash's internal markers
    "SECONDSTORY_BODYé\nSé",  # broke an earlier here-document version under dash
]
hostile = st.lists(
    st.one_of(
        st.sampled_from(HOSTILE),
        st.text(st.characters(codec="utf-8", exclude_characters="\x00"), max_size=6),
    ),
    max_size=6,
).map("".join)


def session_with(titles: list[str], texts: list[str]) -> Session:
    s = new_session("INC-1", texts[0] if texts else "Incident")
    s.five_whys = [WhyChain(id="W-1", problem="p", category=texts[-1] if texts else "")]
    for i, title in enumerate(titles):
        text = texts[i % len(texts)] if texts else ""
        s.actions.append(
            ActionItem(
                id=f"A-{i + 1}{text[:3]}",
                title=title,
                owner=text,
                description=text,
                success_criteria=title + text,
                deadline=date(2026, 4, 1) if i % 2 else None,
                priority=("P0", "P1", "P2", "P3")[i % 4],
                origin="chain:W-1",
            )
        )
    return s


def run_script(
    script: str, tmp: Path, shell: str = "sh"
) -> tuple[list[list[bytes]], dict[int, bytes]]:
    bin_dir, rec = tmp / "bin", tmp / "rec"
    bin_dir.mkdir()
    rec.mkdir()
    gh = bin_dir / "gh"
    gh.write_text(FAKE_GH, encoding="utf-8")
    gh.chmod(gh.stat().st_mode | stat.S_IXUSR)
    path = tmp / "issues.sh"
    path.write_bytes(script.encode("utf-8"))
    env = {
        **os.environ,
        "PATH": f"{bin_dir}{os.pathsep}{os.environ['PATH']}",
        "FAKE_GH_DIR": str(rec),
    }
    done = subprocess.run([shell, str(path)], cwd=tmp, env=env, capture_output=True, timeout=60)
    assert done.returncode == 0, done.stderr.decode("utf-8", "replace")
    calls: list[list[bytes]] = []
    bodies: dict[int, bytes] = {}
    n = 0
    while (rec / f"argv.{n}").exists():
        calls.append((rec / f"argv.{n}").read_bytes().split(b"\0")[:-1])
        if (rec / f"body.{n}").exists():
            bodies[n] = (rec / f"body.{n}").read_bytes()
        n += 1
    assert not (tmp / "PWNED").exists()
    return calls, bodies


def check_calls(s: Session, calls: list[list[bytes]], bodies: dict[int, bytes]) -> None:
    creates = [(i, c) for i, c in enumerate(calls) if c[:2] == [b"issue", b"create"]]
    label_calls = [c for c in calls if c[:2] == [b"label", b"create"]]
    assert len(creates) == len(s.actions)
    assert len(label_calls) + len(creates) == len(calls)  # nothing else ran
    for action, (index, argv) in zip(s.actions, creates, strict=True):
        assert argv[2] == b"--title=" + issue_title(action).encode("utf-8")
        assert argv[3].startswith(b"--body-file=")
        assert bodies[index] == issue_body(s, action).encode("utf-8")
        assert argv[4:] == [b"--label=" + lab.encode("utf-8") for lab in labels(s, action)]


@settings(
    max_examples=40,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)
@given(st.lists(hostile, min_size=1, max_size=3), st.lists(hostile, max_size=3))
def test_any_text_reaches_gh_byte_for_byte(
    tmp_path_factory: pytest.TempPathFactory, titles: list[str], texts: list[str]
) -> None:
    s = session_with(titles, texts)
    tmp = tmp_path_factory.mktemp("gh")
    calls, bodies = run_script(render_github(s), tmp)
    check_calls(s, calls, bodies)


@pytest.mark.parametrize("shell", SHELLS)
def test_every_hostile_snippet_at_once_in_each_shell(tmp_path: Path, shell: str) -> None:
    s = session_with(HOSTILE[:10] + ["", "-x"], ["".join(HOSTILE), "plain"])
    calls, bodies = run_script(render_github(s), tmp_path, shell)
    check_calls(s, calls, bodies)
    creates = [c for c in calls if c[:2] == [b"issue", b"create"]]
    assert creates[10][2].startswith(b"--title=Action item A-11")  # empty title: its id
    assert creates[11][2] == b"--title=-x"


def test_body_holds_deadline_success_criteria_priority_and_link() -> None:
    s = new_session("INC-7", "Checkout failures")
    s.meeting.document_url = "https://wiki.example.com/pm/INC-7"
    action = ActionItem(
        id="A-1",
        title="Add a load test",
        owner="SRE",
        priority="P1",
        deadline=date(2026, 4, 1),
        success_criteria="CI fails below 2x peak",
    )
    body = issue_body(s, action)
    assert "Deadline: 2026-04-01" in body
    assert "Success criteria:\nCI fails below 2x peak" in body
    assert "Priority: P1" in body and "Owner: SRE" in body
    assert "https://wiki.example.com/pm/INC-7" in body
    assert body.endswith("\n") and not body.endswith("\n\n")
    assert labels(s, action) == ["postmortem", "P1"]


def test_category_label_from_the_origin_chain_without_commas() -> None:
    s = new_session("INC-7", "t")
    s.five_whys = [
        WhyChain(id="W-1", problem="p", category="Monitoring, alerting"),
        WhyChain(id="W-2", problem="p", category="testing"),
    ]
    action = ActionItem(id="A-1", title="t", origin="chain:W-1", priority="P0")
    assert labels(s, action) == ["postmortem", "P0", "monitoring alerting"]
    assert labels(s, ActionItem(id="A-2", title="t")) == ["postmortem", "P2"]


def test_no_action_items_gives_a_script_that_creates_nothing(tmp_path: Path) -> None:
    s = new_session("INC-7", "t")
    calls, _ = run_script(render_github(s), tmp_path)
    assert calls == []


def test_registered_as_an_export_format() -> None:
    fmt = get_format("github")
    assert fmt.suffix == ".sh"
    assert fmt.render(session_with(["Do it"], ["x"])).startswith("#!/bin/sh\n")
