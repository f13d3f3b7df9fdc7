"""The expression subset: parsed into a tree, run with XPath's conversions, and everything outside
it refused at parse time with the place and the reason."""

from __future__ import annotations

import math
from datetime import date

import pytest

from bot.surveys.evaluate import Selection, Value, evaluate, holds, to_number, to_string
from bot.surveys.expressions import (
    FUNCTIONS,
    Binary,
    Call,
    Current,
    ExpressionError,
    Literal,
    Negate,
    Ref,
    parse,
    references,
    uses_current,
)


class Answers:
    """A scope over a dict; unanswered names read as '', as in ODK."""

    def __init__(self, values: dict[str, Value], current: Value = "") -> None:
        self.values = values
        self._current = current

    def lookup(self, name: str) -> Value:
        return self.values.get(name, "")

    @property
    def current(self) -> Value:
        return self._current

    @property
    def today(self) -> date:
        return date(2025, 6, 1)


def run(source: str, current: Value = "", **values: Value) -> Value:
    return evaluate(parse(source), Answers(values, current))


def test_the_tree_of_an_expression_keeps_xpath_precedence() -> None:
    tree = parse("${a} = 'y' or ${b} > 1 + 2 * 3 and not(.)")
    assert tree == Binary(
        "or",
        Binary("=", Ref("a"), Literal("y")),
        Binary(
            "and",
            Binary(
                ">", Ref("b"), Binary("+", Literal(1.0), Binary("*", Literal(2.0), Literal(3.0)))
            ),
            Call("not", (Current(),)),
        ),
    )
    assert parse("-(${n})") == Negate(Ref("n"))
    assert references(tree) == {"a", "b"} and uses_current(tree)


@pytest.mark.parametrize(
    ("source", "values", "expected"),
    [
        ("${x} = 'y'", {"x": "y"}, True),
        ("${x} = 'y'", {"x": "n"}, False),
        ("${x} != 'y'", {}, True),
        ("${n} > 15", {"n": 20.0}, True),
        ("${n} > 15", {}, False),  # unanswered is NaN: no comparison holds
        ("${n} <= 15", {}, False),
        ("${n} != 15", {}, True),
        ("${n} = 3", {"n": "3"}, True),  # a number and a string compare as numbers
        ("${a} and ${b}", {"a": "x", "b": ""}, False),
        ("${a} or ${b}", {"a": "", "b": "x"}, True),
        ("not(${a})", {}, True),
        ("true() and not(false())", {}, True),
        ("selected(${m}, 'b')", {"m": Selection(("a", "b"))}, True),
        ("selected(${m}, 'c')", {"m": Selection(("a", "b"))}, False),
        ("selected(${m}, 'b')", {"m": "a b"}, True),  # a space-separated string counts too
        ("count-selected(${m}) = 2", {"m": Selection(("a", "b"))}, True),
        ("count-selected(${m})", {}, 0.0),
        ("string-length(${s})", {"s": "สมชาย"}, 5.0),
        ("string-length(${s})", {}, 0.0),
        ("${d} < today()", {"d": date(2025, 5, 31)}, True),
        ("${d} > '2025-01-01'", {"d": date(2025, 5, 31)}, True),
        ("${d} = '2025-05-31'", {"d": date(2025, 5, 31)}, True),
        ("7 mod 3 + 10 div 4", {}, 3.5),
        ("-${n} * 2", {"n": 4.0}, -8.0),
        ("${a} + ${b}", {"a": 2.0, "b": 3.0}, 5.0),
        ("coalesce(${a}, 'none')", {}, "none"),
        ("if(${n} > 1, 'many', 'one')", {"n": 2.0}, "many"),
        ("int(${n})", {"n": 2.7}, 2.0),
        ("number('12')", {}, 12.0),
        ("regex(${p}, '^0[0-9]{8,9}$')", {"p": "0812345678"}, True),
        ("regex(${p}, '^0[0-9]{8,9}$')", {"p": "081-234-5678"}, False),
    ],
)
def test_expressions_give_xpath_answers(source: str, values: dict[str, Value], expected) -> None:
    assert run(source, **values) == expected


def test_dot_is_the_answer_being_checked() -> None:
    rule = parse(". >= 15 and . <= 90")
    assert holds(rule, Answers({}, 20.0))
    assert not holds(rule, Answers({}, 14.0))
    assert holds(
        parse("not(selected(., 'none') and count-selected(.) > 1)"),
        Answers({}, Selection(("none",))),
    )
    assert not holds(
        parse("not(selected(., 'none') and count-selected(.) > 1)"),
        Answers({}, Selection(("none", "debt"))),
    )


def test_division_by_zero_and_nonsense_give_nan_not_an_exception() -> None:
    assert math.isnan(to_number(run("1 div 0")))
    assert math.isnan(to_number(run("${text} * 2", text="abc")))
    assert to_string(run("1 div 0")) == "NaN"
    assert run("if(${n} > 0, ${w} div ${n}, 0)", n=0.0) == 0.0  # only the branch taken runs


@pytest.mark.parametrize(
    ("source", "reason", "column"),
    [
        ("/data/age > 1", "`/` is not supported here", 1),
        ("${age}[1] > 1", "`[` is not supported here", 7),
        ("../age > 1", "`/` is not supported here", 3),
        ("count(${member})", "the function `count()` is not supported", 1),
        ("pulldata('x', 'y')", "the function `pulldata()` is not supported", 1),
        ("jr:choice-name(${n}, '${n}')", "the function `jr:choice-name()` is not supported", 1),
        ("age > 1", "`age` is not supported: write ${age} for a question", 1),
        ("selected(${m})", "`selected()` takes 2 argument(s), not 1", 1),
        ("${a} = ", "the expression ends too early", 8),
        ("(${a} = 1", "expected `)`, found `the end`", 10),
        ("${a b} = 1", "`${a b}` is not a question name", 1),
        ("${a} | ${b}", "`|` is not supported here", 6),
        ("", "the expression is empty", 1),
    ],
)
def test_anything_outside_the_subset_is_refused_with_where_and_why(
    source: str, reason: str, column: int
) -> None:
    with pytest.raises(ExpressionError) as raised:
        parse(source)
    assert reason in raised.value.reason
    assert raised.value.position + 1 == column
    assert f"at character {column}" in str(raised.value)


def test_every_function_the_parser_accepts_can_be_run() -> None:
    samples = {
        "selected": "selected('a b', 'a')",
        "count-selected": "count-selected('a b')",
        "string-length": "string-length('ab')",
        "not": "not(true())",
        "true": "true()",
        "false": "false()",
        "today": "today()",
        "coalesce": "coalesce('', 'x')",
        "if": "if(true(), 1, 2)",
        "number": "number('3')",
        "int": "int(3.9)",
        "regex": "regex('abc', 'b')",
    }
    assert set(samples) == set(FUNCTIONS)
    results = {name: run(source) for name, source in samples.items()}
    assert results == {
        "selected": True,
        "count-selected": 2.0,
        "string-length": 2.0,
        "not": False,
        "true": True,
        "false": False,
        "today": date(2025, 6, 1),
        "coalesce": "x",
        "if": 1.0,
        "number": 3.0,
        "int": 3.0,
        "regex": True,
    }
