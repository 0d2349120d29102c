"""Nothing typed is lost: the real app in a pseudo-terminal, killed with SIGKILL mid-meeting.

These run the installed `secondstory` in a child process on a pty, type into the notes of the
first phase, and kill it without warning. The file left behind must load, and must hold what
was typed up to about a second before the kill. Waiting here is for a real process to act, so
the tests poll the file with a generous deadline instead of asserting on timing.
"""

from __future__ import annotations

import fcntl
import os
import pty
import select
import signal
import struct
import subprocess
import sys
import termios
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

from secondstory.core.errors import UserError
from secondstory.core.storage import load_session

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="needs a POSIX pty")


class Terminal:
    def __init__(self, proc: subprocess.Popen[bytes], fd: int) -> None:
        self.proc = proc
        self.fd = fd
        self.screen = b""

    def drain(self, seconds: float = 0.05) -> None:
        end = time.monotonic() + seconds
        while (left := end - time.monotonic()) > 0:
            ready, _, _ = select.select([self.fd], [], [], left)
            if not ready:
                continue
            try:
                chunk = os.read(self.fd, 65536)
            except OSError:
                return
            if not chunk:
                return
            self.screen = (self.screen + chunk)[-200_000:]

    def wait_for_output(self, needle: bytes, timeout: float = 30) -> None:
        end = time.monotonic() + timeout
        while needle not in self.screen:
            if time.monotonic() > end or self.proc.poll() is not None:
                raise AssertionError(f"app did not show {needle!r}")
            self.drain(0.1)

    def type(self, text: str) -> None:
        for char in text:
            os.write(self.fd, char.encode())
            self.drain(0.01)


@contextmanager
def running_app(session: Path) -> Iterator[Terminal]:
    main_fd, child_fd = pty.openpty()
    fcntl.ioctl(child_fd, termios.TIOCSWINSZ, struct.pack("HHHH", 30, 100, 0, 0))
    env = {**os.environ, "TERM": "xterm-256color", "TEXTUAL_ANIMATIONS": "none"}
    env.pop("SECONDSTORY_READY_STAMP", None)
    proc = subprocess.Popen(
        [sys.executable, "-m", "secondstory", "open", str(session), "--no-bell"],
        stdin=child_fd,
        stdout=child_fd,
        stderr=child_fd,
        env=env,
        start_new_session=True,
        close_fds=True,
    )
    os.close(child_fd)
    term = Terminal(proc, main_fd)
    try:
        yield term
    finally:
        if proc.poll() is None:
            proc.kill()
        proc.wait(timeout=10)
        os.close(main_fd)


def wait_for_notes(path: Path, expected: str, timeout: float = 10) -> float:
    """Seconds until the file on disk holds `expected` in the first phase's notes."""
    start = time.monotonic()
    while time.monotonic() - start < timeout:
        try:
            if expected in load_session(path).agenda.phases[0].notes:
                return time.monotonic() - start
        except UserError:
            pass  # a half-written file would fail here; atomic saves mean it never should
        time.sleep(0.05)
    raise AssertionError(f"{expected!r} never reached {path}")


def test_kill_minus_nine_keeps_everything_but_the_last_second(example_copy: Path) -> None:
    with running_app(example_copy) as term:
        term.wait_for_output(b"Frame the conversation")
        term.drain(1.0)
        term.type("blameless first words")
        # Autosave promises "within a second"; allow a loaded CI machine plenty more.
        wait_for_notes(example_copy, "blameless first words")
        term.type(" and more")
        wait_for_notes(example_copy, "blameless first words and more")
        os.killpg(term.proc.pid, signal.SIGKILL)
    session = load_session(example_copy)
    assert "blameless first words and more" in session.agenda.phases[0].notes
    leftovers = [p.name for p in example_copy.parent.iterdir() if p.name.endswith(".tmp")]
    assert leftovers == []


def test_kill_during_continuous_typing_always_leaves_a_valid_file(example_copy: Path) -> None:
    with running_app(example_copy) as term:
        term.wait_for_output(b"Frame the conversation")
        term.drain(1.0)
        term.type("steady ")
        wait_for_notes(example_copy, "steady")
        # Keep typing through several autosaves, then kill mid-stream.
        for _ in range(3):
            term.type("x" * 30)
            term.drain(0.4)
        os.killpg(term.proc.pid, signal.SIGKILL)
    notes = load_session(example_copy).agenda.phases[0].notes
    assert "steady x" in notes
    # Everything typed until ~1 s before the kill is there: at least the first 60 x's.
    assert notes.count("x") >= 60
