"""`secondstory lint`: output, exit codes, options, and no Textual import."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from secondstory.cli.main import main

NOTE = "# Notes\n\nJohn should have checked the lag.\n\nDana deployed 4.2.1 at 16:40.\n"


@pytest.fixture
def note(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(tmp_path)  # no project file from the repository
    path = tmp_path / "pm.md"
    path.write_text(NOTE, "utf-8")
    return path


def test_text_output_and_exit_one(note: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["lint", str(note), "--roster", "John"]) == 1
    out = capsys.readouterr().out.splitlines()
    assert out[0].startswith(f"{note}:3:6: error counterfactual.modal-perfect: What did John")
    assert out[1].startswith("    suggestion: ")


def test_clean_file_exits_zero(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "ok.txt"
    path.write_text("The payment service failed to connect.\n", "utf-8")
    assert main(["lint", str(path)]) == 0
    assert capsys.readouterr().out == ""


def test_json_output(note: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["lint", str(note), "--format", "json"]) == 1
    rows = json.loads(capsys.readouterr().out)
    assert [(r["path"], r["line"], r["col"], r["rule_id"], r["level"]) for r in rows] == [
        (str(note), 3, 6, "counterfactual.modal-perfect", "warning")
    ]
    assert NOTE[rows[0]["start"] : rows[0]["end"]] == rows[0]["text"]


def test_json_offsets_point_into_the_file_as_written(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # Windows line breaks are two characters in the file: offsets must count both.
    raw = "Fine here.\r\n\r\nJohn should have checked.\r\nThe on-call forgot to page.\r\n"
    path = tmp_path / "crlf.md"
    path.write_bytes(raw.encode("utf-8"))
    assert main(["lint", str(path), "--format", "json", "--roster", "John"]) == 1
    rows = json.loads(capsys.readouterr().out)
    assert [raw[r["start"] : r["end"]] for r in rows] == ["should have checked", "forgot"]
    assert [(r["line"], r["col"]) for r in rows] == [(3, 6), (4, 13)]


def test_min_level_and_disable(note: Path) -> None:
    assert main(["lint", str(note), "--min-level", "error"]) == 0
    assert main(["lint", str(note), "--disable", "counterfactual"]) == 0


def test_stdin(monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    import io

    monkeypatch.setattr(sys, "stdin", io.StringIO("Root cause: human error.\n"))
    assert main(["lint", "-"]) == 1
    assert capsys.readouterr().out.startswith("<stdin>:1:")


def test_folder_is_searched(note: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (note.parent / "sub").mkdir()
    (note.parent / "sub" / "b.markdown").write_text("Human error.\n", "utf-8")
    (note.parent / "sub" / "c.py").write_text("human error\n", "utf-8")
    assert main(["lint", str(note.parent)]) == 1
    out = capsys.readouterr().out
    assert "b.markdown:1:1" in out and "pm.md:3" in out and "c.py" not in out


@pytest.mark.parametrize(
    ("args", "expected"),
    [
        (["lint", "missing.md"], "missing.md: no such file or folder"),
        (["lint", "--min-level", "loud", "-"], "--min-level: 'loud' is not a level"),
        (["lint", "--disable", "nope", "-"], "--disable: unknown rule or category 'nope'"),
    ],
)
def test_input_errors_exit_two(
    args: list[str], expected: str, note: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(args) == 2
    assert expected in capsys.readouterr().err


def test_unreadable_and_binary_files_exit_two(
    note: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    binary = note.parent / "bin.txt"
    binary.write_bytes(b"\xff\xfe\x00bad")
    assert main(["lint", str(binary)]) == 2
    assert "not UTF-8 text" in capsys.readouterr().err


def test_project_file_applies(note: Path) -> None:
    (note.parent / ".secondstory.toml").write_text(
        '[language]\ndisabled_rules = ["counterfactual.modal-perfect"]\n', "utf-8"
    )
    assert main(["lint", str(note)]) == 0
    assert main(["lint", str(note), "--no-config"]) == 1


def test_bad_option_is_a_usage_error() -> None:
    with pytest.raises(SystemExit) as caught:
        main(["lint", "--frobnicate"])
    assert caught.value.code == 2


def test_lint_does_not_import_textual(tmp_path: Path) -> None:
    path = tmp_path / "pm.md"
    path.write_text(NOTE, "utf-8")
    code = (
        "import sys\n"
        "from secondstory.cli.main import main\n"
        f"rc = main(['lint', {str(path)!r}, '--no-config'])\n"
        "assert 'textual' not in sys.modules, 'textual imported'\n"
        "sys.exit(rc)\n"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert done.returncode == 1, done.stderr
    assert "should have checked" not in done.stdout  # the question is shown, not the match
    assert "counterfactual.modal-perfect" in done.stdout
