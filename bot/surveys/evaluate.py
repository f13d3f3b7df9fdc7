"""Running a parsed expression against the answers, with XPath 1.0's conversions.

Values are strings, floats, booleans, dates and selections (a select_multiple answer); an
unanswered question reads as the empty string, as in ODK. The conversions follow XPath: a
comparison with a number compares numbers (the empty string is NaN, so `${age} > 15` is false
while age is unanswered), with a boolean compares booleans, otherwise strings; dates compare as
dates, as ODK compares them.
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from typing import Protocol

from bot.surveys.expressions import FUNCTIONS, Binary, Current, Expr, Literal, Negate, Ref


@dataclass(frozen=True)
class Selection:
    """A select_multiple answer: the chosen names, in the order of the choices."""

    names: tuple[str, ...]

    def __str__(self) -> str:
        return " ".join(self.names)


Value = str | float | bool | date | Selection
_EPOCH = date(1970, 1, 1)


class Scope(Protocol):
    """Where an expression reads its values."""

    def lookup(self, name: str) -> Value: ...

    @property
    def current(self) -> Value: ...

    @property
    def today(self) -> date: ...


def to_number(value: Value) -> float:
    if isinstance(value, bool):
        return 1.0 if value else 0.0
    if isinstance(value, float | int):
        return float(value)
    if isinstance(value, date):
        return float((value - _EPOCH).days)
    text = str(value).strip()
    try:
        return float(text) if text else math.nan
    except ValueError:
        return math.nan


def to_string(value: Value) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float | int):
        if math.isnan(value):
            return "NaN"
        return str(int(value)) if float(value).is_integer() else repr(float(value))
    if isinstance(value, date):
        return value.isoformat()
    return str(value)


def to_bool(value: Value) -> bool:
    if isinstance(value, bool):
        return value
    if isinstance(value, float | int):
        return not math.isnan(value) and value != 0
    if isinstance(value, date):
        return True
    if isinstance(value, Selection):
        return bool(value.names)
    return value != ""


def _as_date(value: Value) -> date | None:
    if isinstance(value, date):
        return value
    if isinstance(value, str):
        try:
            return date.fromisoformat(value.strip())
        except ValueError:
            return None
    return None


def _equal(left: Value, right: Value) -> bool:
    if isinstance(left, bool) or isinstance(right, bool):
        return to_bool(left) == to_bool(right)
    if isinstance(left, float | int) or isinstance(right, float | int):
        return to_number(left) == to_number(right)  # NaN equals nothing
    if isinstance(left, date) or isinstance(right, date):
        a, b = _as_date(left), _as_date(right)
        if a is not None and b is not None:
            return a == b
    return to_string(left) == to_string(right)


def _ordered(op: str, left: Value, right: Value) -> bool:
    a: float = to_number(left)
    b: float = to_number(right)
    if isinstance(left, date) or isinstance(right, date):
        da, db = _as_date(left), _as_date(right)
        if da is not None and db is not None:
            a, b = float((da - _EPOCH).days), float((db - _EPOCH).days)
    if math.isnan(a) or math.isnan(b):
        return False
    if op == "<":
        return a < b
    if op == "<=":
        return a <= b
    if op == ">":
        return a > b
    return a >= b


def _arithmetic(op: str, left: Value, right: Value) -> float:
    a, b = to_number(left), to_number(right)
    if op == "+":
        return a + b
    if op == "-":
        return a - b
    if op == "*":
        return a * b
    if b == 0 or math.isnan(b):
        # XPath gives ±Infinity or NaN; a form reading that is asking nonsense, so NaN.
        return math.nan
    if op == "div":
        return a / b
    return math.fmod(a, b)


def _items(value: Value) -> tuple[str, ...]:
    if isinstance(value, Selection):
        return value.names
    return tuple(to_string(value).split())


def _truncate(value: Value) -> float:
    number = to_number(value)
    return number if math.isnan(number) or math.isinf(number) else float(math.trunc(number))


_FUNCTIONS: dict[str, Callable[[Scope, list[Value]], Value]] = {
    "selected": lambda _s, a: to_string(a[1]) in _items(a[0]),
    "count-selected": lambda _s, a: float(len(_items(a[0]))),
    "string-length": lambda _s, a: float(len(to_string(a[0]))),
    "not": lambda _s, a: not to_bool(a[0]),
    "true": lambda _s, a: True,
    "false": lambda _s, a: False,
    "today": lambda s, a: s.today,
    "coalesce": lambda _s, a: a[0] if to_string(a[0]) != "" else a[1],
    "number": lambda _s, a: to_number(a[0]),
    "int": lambda _s, a: _truncate(a[0]),
    "regex": lambda _s, a: re.search(to_string(a[1]), to_string(a[0])) is not None,
}


def evaluate(expr: Expr, scope: Scope) -> Value:
    """The value of `expr`; never raises for answers of the wrong kind (they give NaN or '')."""
    if isinstance(expr, Literal):
        return expr.value
    if isinstance(expr, Ref):
        return scope.lookup(expr.name)
    if isinstance(expr, Current):
        return scope.current
    if isinstance(expr, Negate):
        return -to_number(evaluate(expr.operand, scope))
    if isinstance(expr, Binary):
        return _binary(expr, scope)
    if expr.name == "if":  # only the branch taken is evaluated
        condition = to_bool(evaluate(expr.args[0], scope))
        return evaluate(expr.args[1] if condition else expr.args[2], scope)
    args = [evaluate(arg, scope) for arg in expr.args]
    return _FUNCTIONS[expr.name](scope, args)


def _binary(expr: Binary, scope: Scope) -> Value:
    if expr.op == "and":
        return to_bool(evaluate(expr.left, scope)) and to_bool(evaluate(expr.right, scope))
    if expr.op == "or":
        return to_bool(evaluate(expr.left, scope)) or to_bool(evaluate(expr.right, scope))
    left, right = evaluate(expr.left, scope), evaluate(expr.right, scope)
    if expr.op == "=":
        return _equal(left, right)
    if expr.op == "!=":
        return not _equal(left, right)
    if expr.op in ("<", "<=", ">", ">="):
        return _ordered(expr.op, left, right)
    return _arithmetic(expr.op, left, right)


def holds(expr: Expr, scope: Scope) -> bool:
    """An expression read as a condition (relevant, constraint, required)."""
    return to_bool(evaluate(expr, scope))


# Every function the parser accepts can run: a new one needs both lists.
assert set(_FUNCTIONS) | {"if"} == set(FUNCTIONS), "expressions.FUNCTIONS and _FUNCTIONS differ"
