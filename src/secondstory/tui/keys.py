"""Keys that screens and widgets name in their hints, kept apart so naming one imports nothing.

They must agree with `SecondStoryApp.BINDINGS`; `tests/tui/test_keys_named.py` checks that.
"""

PARK_KEY = "ctrl+l"
"""Parks the current line, or a typed tangent, in the parking lot (binding id `park`)."""
LOT_KEY = "f3"
"""Shows the parking lot (binding id `parking-lot`)."""
