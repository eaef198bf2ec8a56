"""A small base class for plain data records: fields from annotations, no code generated at import.

dataclasses would do, but it imports `inspect` and compiles methods for every class, which costs a
one-shot `aftercare ask` a quarter of its start-up time.

    class Point(Record):
        x: int
        y: int = 0
        tags: list = Default(list)
"""
from __future__ import annotations


class Default:
    """A default made fresh for each record (for lists and dicts)."""

    def __init__(self, factory):
        self.factory = factory


class Record:
    _fields: tuple = ()
    _defaults: dict = {}
    _not_compared: tuple = ()

    def __init_subclass__(cls, **kwargs):
        super().__init_subclass__(**kwargs)
        names: list[str] = []
        for klass in reversed(cls.__mro__):
            for name in klass.__dict__.get("__annotations__", {}):
                if not name.startswith("_") and name not in names:
                    names.append(name)
        cls._fields = tuple(names)
        cls._defaults = {n: cls.__dict__[n] for n in names if n in cls.__dict__}
        for n in cls._defaults:
            delattr(cls, n)  # so a missing instance value is an error, not a silent class default

    def __init__(self, *args, **kwargs):
        if len(args) > len(self._fields):
            raise TypeError(f"{type(self).__name__} takes {len(self._fields)} values, got {len(args)}")
        values = dict(zip(self._fields, args))
        for name in self._fields[len(args):]:
            if name in kwargs:
                values[name] = kwargs.pop(name)
            elif name in self._defaults:
                d = self._defaults[name]
                values[name] = d.factory() if isinstance(d, Default) else d
            else:
                raise TypeError(f"{type(self).__name__} needs {name}")
        if kwargs:
            raise TypeError(f"{type(self).__name__} has no field {next(iter(kwargs))}")
        self.__dict__.update(values)

    def _key(self) -> tuple:
        return tuple(getattr(self, n) for n in self._fields if n not in self._not_compared)

    def __eq__(self, other) -> bool:
        return type(other) is type(self) and other._key() == self._key()

    def __hash__(self) -> int:
        return hash((type(self).__name__, self._key()))

    def __repr__(self) -> str:
        inner = ", ".join(f"{n}={getattr(self, n)!r}" for n in self._fields)
        return f"{type(self).__name__}({inner})"

    def replace(self, **changes):
        """Return a copy with some fields changed."""
        return type(self)(**{**{n: getattr(self, n) for n in self._fields}, **changes})

    def as_dict(self) -> dict:
        return {n: getattr(self, n) for n in self._fields}
