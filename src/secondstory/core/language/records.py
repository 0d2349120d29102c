"""`Record`: `typing.NamedTuple` for class definitions, without importing `typing`.

`secondstory lint` starts a fresh process for every run, and importing `typing` and
building a dozen `typing.NamedTuple` classes (each field's annotation string is compiled)
costs it several milliseconds. A `Record` is the same thing to the type checker (it *is*
`typing.NamedTuple` there) and at run time the same `collections.namedtuple` class:
fields from the annotations, defaults from the values, methods and docstring kept.

    from secondstory.core.language.records import TYPE_CHECKING, Record

    class Point(Record):
        x: int
        y: int = 0

`TYPE_CHECKING` is False at run time; type checkers treat any name spelled so as true.
"""

from __future__ import annotations

__all__ = ["TYPE_CHECKING", "Record"]

TYPE_CHECKING = False

if TYPE_CHECKING:
    from typing import NamedTuple as Record
else:
    import collections

    # What a class body may not set on a named tuple, as `typing.NamedTuple` rules.
    _PROHIBITED = frozenset(
        {"__new__", "__init__", "__slots__", "__getnewargs__", "_fields", "_field_defaults"}
        | {"_make", "_replace", "_asdict", "_source"}
    )

    class _RecordType(type):
        def __new__(cls, name, bases, namespace):  # noqa: ANN001, ANN204
            if not bases:  # `Record` itself
                return super().__new__(cls, name, bases, namespace)
            if bases != (Record,):
                raise TypeError("a Record inherits from Record alone")
            fields = dict(namespace.get("__annotations__", {}))
            defaults = []
            for field in fields:
                if field in namespace:
                    defaults.append(namespace[field])
                elif defaults:
                    raise TypeError(f"{name}.{field}: a field without a default after one with")
            made = collections.namedtuple(
                name, list(fields), defaults=defaults, module=namespace["__module__"]
            )
            made.__annotations__ = made.__new__.__annotations__ = fields
            for key, value in namespace.items():
                if key in _PROHIBITED:
                    raise AttributeError(f"a Record cannot set {key}")
                if key not in ("__module__", "__annotations__") and key not in fields:
                    setattr(made, key, value)
            return made

    class Record(metaclass=_RecordType):
        """Base of the named tuples of this package (see the module docstring)."""
