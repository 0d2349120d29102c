"""`secondstory prep` and `secondstory prep-import` from the command line."""

from __future__ import annotations

from pathlib import Path

import pytest

from secondstory.cli.main import main
from secondstory.core.prep import render_item
from secondstory.core.prep_parse import FILL_IN
from secondstory.core.storage import load_session


def test_prep_writes_fills_and_imports_once(
    session_file: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = str(session_file.parent)
    doc = tmp_path / "prep.md"
    assert main(["prep", "--sessions-dir", folder, "INC-7", "-o", str(doc)]) == 0
    assert capsys.readouterr().out == f"wrote {doc}\n"
    text = doc.read_text()
    # Dana fills in her role: the first marker after her heading.
    head, tail = text.split("## Dana Ortiz", 1)
    tail = tail.replace(f"- {FILL_IN}", "\n".join(render_item("Primary on-call")), 1)
    doc.write_text(head + "## Dana Ortiz" + tail)

    before = session_file.read_bytes()
    assert main(["prep-import", "--sessions-dir", folder, "INC-7", str(doc), "--dry-run"]) == 0
    assert session_file.read_bytes() == before
    assert "would have added 1 role;" in capsys.readouterr().out

    assert main(["prep-import", "--sessions-dir", folder, "INC-7", str(doc)]) == 0
    assert capsys.readouterr().out.startswith("added 1 role; skipped 0 already in the session")
    roles = load_session(session_file).prep.roles
    assert [(r.person, r.text) for r in roles] == [("Dana Ortiz", "Primary on-call")]

    after_first = session_file.read_bytes()
    assert main(["prep-import", "--sessions-dir", folder, "INC-7", str(doc)]) == 0
    assert capsys.readouterr().out == "added nothing new; skipped 1 already in the session\n"
    assert session_file.read_bytes() == after_first


def test_prep_refuses_to_overwrite_without_force(
    session_file: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    doc = tmp_path / "prep.md"
    doc.write_text("filled in already")
    args = ["prep", "--sessions-dir", str(session_file.parent), "INC-7", "-o", str(doc)]
    assert main(args) == 2
    assert doc.read_text() == "filled in already"
    assert "already exists and may hold answers" in capsys.readouterr().err
    assert main([*args, "--force"]) == 0
    assert doc.read_text().startswith("<!-- secondstory prep: INC-7 -->")


def test_prep_without_output_prints_the_document(
    session_file: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["prep", "--sessions-dir", str(session_file.parent), "INC-7"]) == 0
    assert "## Timeline to verify" in capsys.readouterr().out


def test_prep_import_of_a_wrong_file_changes_nothing(
    session_file: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    doc = tmp_path / "other.md"
    doc.write_text("<!-- secondstory prep: INC-9 -->\n## Dana Ortiz\n### What went well\n- x\n")
    before = session_file.read_bytes()
    assert main(["prep-import", "--sessions-dir", str(session_file.parent), "INC-7", str(doc)]) == 2
    assert session_file.read_bytes() == before
    assert capsys.readouterr().err == (f"{doc}:1: this document was written for INC-9, not INC-7\n")
    assert main(["prep-import", str(session_file), str(tmp_path / "missing.md")]) == 2
    assert "missing.md: no such file" in capsys.readouterr().err
