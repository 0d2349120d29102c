"""The app keeps the cycle collector off the key path once the session is loaded."""

from __future__ import annotations

import subprocess
import sys

SCRIPT = """
import gc
before = gc.get_freeze_count()
from secondstory.tui.launch import YOUNG_GENERATION, keep_collector_off_the_key_path
keep_collector_off_the_key_path()
print(gc.get_freeze_count() > before, gc.get_threshold()[0] == YOUNG_GENERATION, gc.isenabled())
"""


def test_what_is_loaded_is_frozen_and_the_young_generation_is_larger() -> None:
    # In a fresh interpreter: the settings are for the whole process.
    result = subprocess.run(
        [sys.executable, "-c", SCRIPT], capture_output=True, text=True, timeout=60, check=True
    )
    assert result.stdout.split() == ["True", "True", "True"]
