"""The XLSForm expressions the chat can run, parsed into a small tree.

XLSForm writes `relevant`, `constraint`, `calculation`, `required` and `repeat_count` in XPath.
Only a subset is read here: `${name}` references, `.` (the answer being checked), string and
number literals, `=` `!=` `<` `<=` `>` `>=`, `and` `or`, `+` `-` `*` `div` `mod`, parentheses
and the functions in `FUNCTIONS`. Anything else (paths such as `/data/x`, predicates `[...]`,
other functions) is refused with the place and the reason, so a form that loads never meets
an expression it cannot run while someone is answering.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

# name -> (fewest, most) arguments; None = any number.
FUNCTIONS: dict[str, tuple[int, int | None]] = {
    "selected": (2, 2),
    "count-selected": (1, 1),
    "string-length": (1, 1),
    "not": (1, 1),
    "true": (0, 0),
    "false": (0, 0),
    "today": (0, 0),
    "coalesce": (2, 2),
    "if": (3, 3),
    "number": (1, 1),
    "int": (1, 1),
    "regex": (2, 2),
}
COMPARISONS = frozenset({"=", "!=", "<", "<=", ">", ">="})
ARITHMETIC = frozenset({"+", "-", "*", "div", "mod"})


class ExpressionError(ValueError):
    """An expression outside the supported subset; `reason` says what and where."""

    def __init__(self, source: str, position: int, reason: str) -> None:
        self.source = source
        self.position = position
        self.reason = reason
        super().__init__(f"{reason} (at character {position + 1} of `{source}`)")


@dataclass(frozen=True)
class Literal:
    value: str | float


@dataclass(frozen=True)
class Ref:
    name: str


@dataclass(frozen=True)
class Current:
    """`.`: the answer a constraint is checking."""


@dataclass(frozen=True)
class Call:
    name: str
    args: tuple[Expr, ...]


@dataclass(frozen=True)
class Binary:
    op: str
    left: Expr
    right: Expr


@dataclass(frozen=True)
class Negate:
    operand: Expr


Expr = Literal | Ref | Current | Call | Binary | Negate

_TOKEN = re.compile(
    r"""\s*(?:
        (?P<ref>\$\{(?P<refname>[^}]*)\})
      | (?P<number>\d+(?:\.\d*)?|\.\d+)
      | (?P<string>'[^']*'|"[^"]*")
      | (?P<name>[A-Za-z_][A-Za-z0-9_.:-]*)
      | (?P<op>!=|<=|>=|=|<|>|\+|-|\*|\(|\)|,|\.)
    )""",
    re.VERBOSE,
)
_NAME = re.compile(r"^[A-Za-z_][A-Za-z0-9_.-]*$")
_WORD_OPERATORS = frozenset({"and", "or", "div", "mod"})


@dataclass(frozen=True)
class _Token:
    kind: str  # ref | number | string | name | op | end
    text: str
    position: int


def _tokens(source: str) -> Iterator[_Token]:
    position = 0
    while source[position:].strip():
        match = _TOKEN.match(source, position)
        start = len(source) - len(source[position:].lstrip())
        if match is None:
            raise ExpressionError(source, start, f"`{source[start]}` is not supported here")
        if match.group("ref") is not None:
            name = match.group("refname")
            if not _NAME.match(name):
                raise ExpressionError(source, start, f"`${{{name}}}` is not a question name")
            yield _Token("ref", name, start)
        else:
            kind = next(k for k in ("number", "string", "name", "op") if match.group(k) is not None)
            yield _Token(kind, match.group(kind), start)
        position = match.end()
    yield _Token("end", "", len(source))


class _Parser:
    """Precedence climbing, lowest first: or, and, = !=, < <= > >=, + -, * div mod, unary -."""

    _LEVELS: tuple[frozenset[str], ...] = (
        frozenset({"or"}),
        frozenset({"and"}),
        frozenset({"=", "!="}),
        frozenset({"<", "<=", ">", ">="}),
        frozenset({"+", "-"}),
        frozenset({"*", "div", "mod"}),
    )

    def __init__(self, source: str) -> None:
        self.source = source
        self.tokens = list(_tokens(source))
        self.index = 0

    @property
    def current(self) -> _Token:
        return self.tokens[self.index]

    def _operator(self) -> str | None:
        token = self.current
        if token.kind == "op" or (token.kind == "name" and token.text in _WORD_OPERATORS):
            return token.text
        return None

    def _fail(self, token: _Token, reason: str) -> ExpressionError:
        return ExpressionError(self.source, token.position, reason)

    def parse(self) -> Expr:
        if self.current.kind == "end":
            raise self._fail(self.current, "the expression is empty")
        tree = self._level(0)
        if self.current.kind != "end":
            raise self._fail(self.current, f"unexpected `{self.current.text}`")
        return tree

    def _level(self, depth: int) -> Expr:
        if depth == len(self._LEVELS):
            return self._unary()
        left = self._level(depth + 1)
        while (op := self._operator()) is not None and op in self._LEVELS[depth]:
            self.index += 1
            left = Binary(op, left, self._level(depth + 1))
        return left

    def _unary(self) -> Expr:
        if self._operator() == "-":
            self.index += 1
            return Negate(self._unary())
        return self._primary()

    def _primary(self) -> Expr:
        token = self.current
        self.index += 1
        if token.kind == "ref":
            return Ref(token.text)
        if token.kind == "number":
            return Literal(float(token.text))
        if token.kind == "string":
            return Literal(token.text[1:-1])
        if token.kind == "op" and token.text == ".":
            return Current()
        if token.kind == "op" and token.text == "(":
            inner = self._level(0)
            self._expect(")")
            return inner
        if token.kind == "name" and token.text not in _WORD_OPERATORS:
            return self._call(token)
        if token.kind == "end":
            raise self._fail(token, "the expression ends too early")
        raise self._fail(token, f"unexpected `{token.text}`")

    def _call(self, token: _Token) -> Call:
        name = token.text
        if self.current.text != "(" or self.current.kind != "op":
            raise self._fail(token, f"`{name}` is not supported: write ${{{name}}} for a question")
        if name not in FUNCTIONS:
            raise self._fail(token, f"the function `{name}()` is not supported")
        self.index += 1
        args: list[Expr] = []
        if self.current.text != ")":
            args.append(self._level(0))
            while self.current.kind == "op" and self.current.text == ",":
                self.index += 1
                args.append(self._level(0))
        self._expect(")")
        fewest, most = FUNCTIONS[name]
        if len(args) < fewest or (most is not None and len(args) > most):
            wanted = str(fewest) if fewest == most else f"{fewest} or more"
            raise self._fail(token, f"`{name}()` takes {wanted} argument(s), not {len(args)}")
        return Call(name, tuple(args))

    def _expect(self, text: str) -> None:
        if self.current.kind != "op" or self.current.text != text:
            found = self.current.text or "the end"
            raise self._fail(self.current, f"expected `{text}`, found `{found}`")
        self.index += 1


def parse(source: str) -> Expr:
    """The tree of one expression; ExpressionError when it is outside the subset."""
    return _Parser(source).parse()


def walk(expr: Expr) -> Iterator[Expr]:
    """Every node of the tree, the root first."""
    yield expr
    if isinstance(expr, Call):
        for arg in expr.args:
            yield from walk(arg)
    elif isinstance(expr, Binary):
        yield from walk(expr.left)
        yield from walk(expr.right)
    elif isinstance(expr, Negate):
        yield from walk(expr.operand)


def references(expr: Expr) -> set[str]:
    """The question names an expression reads."""
    return {node.name for node in walk(expr) if isinstance(node, Ref)}


def uses_current(expr: Expr) -> bool:
    return any(isinstance(node, Current) for node in walk(expr))
