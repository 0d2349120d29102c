"""The keys named in hints (`secondstory.tui.keys`) are the keys the app binds."""

from secondstory.tui.app import SecondStoryApp
from secondstory.tui.keys import LOT_KEY, PARK_KEY


def _key_of(binding_id: str) -> str:
    for binding in SecondStoryApp.BINDINGS:
        if getattr(binding, "id", None) == binding_id:
            return str(binding.key)  # type: ignore[union-attr]
    raise AssertionError(f"no binding with id {binding_id}")


def test_park_key_is_the_app_binding() -> None:
    assert _key_of("park") == PARK_KEY


def test_lot_key_is_the_app_binding() -> None:
    assert _key_of("parking-lot") == LOT_KEY
