"""The CLI commands that work without the app: new, list, export, and errors."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from secondstory.cli.main import main
from secondstory.core.storage import load_session


def test_new_creates_a_session_and_refuses_to_overwrite(tmp_path: Path, capsys) -> None:
    args = ["new", "INC-7", "--title", "Cache stampede", "--sessions-dir", str(tmp_path)]
    assert main([*args, "--severity", "SEV1", "--agenda", "sync-56"]) == 0
    path = tmp_path / "INC-7.toml"
    session = load_session(path)
    assert session.incident.severity == "SEV1" and session.agenda.name == "sync-56"
    before = path.read_bytes()
    assert main(args) == 2
    assert "already exists" in capsys.readouterr().err
    assert path.read_bytes() == before


def test_sessions_dir_from_the_environment(tmp_path: Path, monkeypatch) -> None:
    monkeypatch.setenv("SECONDSTORY_SESSIONS", str(tmp_path))
    assert main(["new", "INC-8", "--title", "t"]) == 0
    assert (tmp_path / "INC-8.toml").exists()


def test_bad_incident_id_is_a_clear_error(tmp_path: Path, capsys) -> None:
    assert main(["new", "bad id!", "--title", "t", "--sessions-dir", str(tmp_path)]) == 2
    assert "id: expected letters, digits" in capsys.readouterr().err
    assert list(tmp_path.iterdir()) == []


def test_export_markdown_to_stdout_and_file(example_copy: Path, tmp_path: Path, capsys) -> None:
    assert main(["export", str(example_copy)]) == 0
    assert capsys.readouterr().out.startswith("# INC-2026-0847")
    out = tmp_path / "pm.json"
    assert main(["export", str(example_copy), "--format", "json", "-o", str(out)]) == 0
    assert out.read_text().startswith("{")


def test_export_by_incident_id(example_copy: Path, capsys) -> None:
    folder = str(example_copy.parent)
    assert main(["--sessions-dir", folder, "export", "INC-2026-0847"]) == 0
    assert "## Timeline" in capsys.readouterr().out


def test_copy_without_a_clipboard_writes_a_file(example_copy: Path, monkeypatch, capsys) -> None:
    import pyperclip

    def no_clipboard(text: str) -> None:
        raise pyperclip.PyperclipException("no copy mechanism")

    monkeypatch.setattr(pyperclip, "copy", no_clipboard)
    assert main(["export", str(example_copy), "--copy"]) == 0
    assert "no clipboard available" in capsys.readouterr().err
    assert example_copy.with_suffix(".md").read_text().startswith("# INC-2026-0847")


def test_export_of_a_broken_file_names_the_line(tmp_path: Path, capsys) -> None:
    bad = tmp_path / "bad.toml"
    bad.write_text("[incident\n")
    assert main(["export", str(bad)]) == 2
    err = capsys.readouterr().err
    assert err.startswith(f"{bad}:1:")
    assert "Traceback" not in err


def test_unknown_format_and_unknown_option(example_copy: Path, capsys) -> None:
    assert main(["export", str(example_copy), "--format", "pdf"]) == 2
    assert "unknown export format 'pdf'" in capsys.readouterr().err
    with pytest.raises(SystemExit) as info:
        main(["export", str(example_copy), "--colour"])
    assert info.value.code == 2


def test_list(example_copy: Path, capsys) -> None:
    assert main(["list", "--sessions-dir", str(example_copy.parent)]) == 0
    assert "INC-2026-0847.toml" in capsys.readouterr().out


def test_cli_commands_do_not_import_textual(example_copy: Path) -> None:
    code = (
        "import sys; from secondstory.cli.main import main; "
        f"rc = main(['export', {str(example_copy)!r}, '-o', {str(example_copy) + '.md'!r}]); "
        "assert rc == 0; assert 'textual' not in sys.modules, 'textual imported'; "
        "import secondstory.core.exporters.markdown, secondstory.core.clock; "
        "assert 'textual' not in sys.modules"
    )
    subprocess.run([sys.executable, "-c", code], check=True)


def test_python_dash_m_runs(tmp_path: Path) -> None:
    result = subprocess.run(
        [sys.executable, "-m", "secondstory", "--version"], capture_output=True, text=True
    )
    assert result.returncode == 0 and result.stdout.startswith("secondstory ")
