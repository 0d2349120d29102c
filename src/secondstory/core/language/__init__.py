"""The language coach: flags counterfactual and blame language as questions for the facilitator.

Public API (no Textual; regexes are compiled on first use, not on import):

- `Coach(config)` / `Coach.for_session(session, project_config())`, then
  `coach.check(text) -> list[Flag]`, `coach.dismiss(flag)`, `coach.judge_chain(chain)`.
- `Flag`: rule id, category, level, `start`/`end` offsets, `line`/`col`, matched text,
  the question (`message`), the blameless rewrite (`suggestion`), the sentence.
- `Level`: `INFO < SUGGESTION < WARNING < ERROR`; the live view shows `LIVE_LEVEL` and up.
- `CoachConfig`, `project_config()` (reads `.secondstory.toml`), `session_roster(session)`.
- `judge_chain`, `judge_answers`, `ChainVerdict` for five-whys chains.
"""

from secondstory.core.language.chains import (
    ChainVerdict,
    judge_answers,
    judge_chain,
    judge_chain_text,
    parse_chain_text,
)
from secondstory.core.language.coach import Coach, check_text
from secondstory.core.language.config import (
    PROJECT_FILE,
    CoachConfig,
    find_project_file,
    load_project_config,
    project_config,
    session_roster,
)
from secondstory.core.language.flags import Flag
from secondstory.core.language.levels import LIVE_LEVEL, Level

__all__ = [
    "LIVE_LEVEL",
    "PROJECT_FILE",
    "ChainVerdict",
    "Coach",
    "CoachConfig",
    "Flag",
    "Level",
    "check_text",
    "find_project_file",
    "judge_answers",
    "judge_chain",
    "judge_chain_text",
    "load_project_config",
    "parse_chain_text",
    "project_config",
    "session_roster",
]
