"""`Record`: named tuples declared like `typing.NamedTuple`, without importing typing."""

from __future__ import annotations

import pickle
import subprocess
import sys

import pytest

from secondstory.core.language.records import Record


class Point(Record):
    """A point on the plane."""

    x: int
    y: int = 0
    label: str = ""

    def moved(self, dx: int) -> Point:
        return self._replace(x=self.x + dx)


def test_fields_defaults_and_methods() -> None:
    p = Point(1)
    assert p == (1, 0, "") and isinstance(p, tuple)
    assert (p.x, p.y, p.label) == (1, 0, "")
    assert Point._fields == ("x", "y", "label")
    assert Point._field_defaults == {"y": 0, "label": ""}
    assert p.moved(2) == Point(3) and p._asdict() == {"x": 1, "y": 0, "label": ""}
    assert Point.__doc__ == "A point on the plane." and Point.__qualname__ == "Point"
    assert Point.__module__ == __name__
    assert pickle.loads(pickle.dumps(Point(4, 5, "q"))) == Point(4, 5, "q")


def test_a_field_without_default_after_one_with_is_refused() -> None:
    with pytest.raises(TypeError):

        class Bad(Record):
            a: int = 0
            b: int  # type: ignore[misc]


def test_named_tuple_methods_cannot_be_replaced() -> None:
    with pytest.raises(AttributeError):

        class Bad(Record):
            a: int

            def _replace(self, **changes: int) -> Bad:  # type: ignore[misc]
                return self


def test_linting_does_not_import_typing() -> None:
    code = (
        "import sys\n"
        "from secondstory.core.language import Coach\n"
        "Coach().check('Priya should have checked the lag.', final=True)\n"
        "assert 'typing' not in sys.modules, 'typing imported'\n"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
