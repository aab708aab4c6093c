"""The sandbox templates run in: Jinja's immutable sandbox, with what a template may cost bounded.

A board's or a framework profile's template is code from outside docgen. Besides Jinja's sandbox (no reaching
Python's internals, no changing lists or mappings), each of these is refused with a SecurityError naming the
template and line, within seconds and without the memory it would take:

- a template of more than MAX_TEMPLATE_TOKENS tokens, before it is compiled;
- more work in one render than MAX_TEMPLATE_STEPS steps: each loop item costs a step, and each run of a loop's
  body, a branch or a macro the size of what runs (WRITE_STEPS more for each call, attribute or checked operator,
  twice that for each value written out; CALL_STEPS more for a macro call), each `range` its items: loops in
  loops over `range(100000)`, or a macro calling itself twice, stop within seconds;
- writing more than MAX_TEMPLATE_OUTPUT characters, counted as the output is joined;
- making a text, or writing out a list, of more than MAX_TEMPLATE_OUTPUT characters, checked before it is made:
  `*`, `+`, `~`, `%` and `str.format` (widths such as `'%999999999s'` included), the string methods that pad,
  replace or join, the filters that do (`center`, `indent`, `wordwrap`, `replace`, `format`, `join`, `urlize`),
  and every other filter's input; a list holding one long text many times counts as long as it is written out,
  and the items of a generator (`map`, `select`) are counted as they are gathered into a list;
- `batch` and `slice` into more than MAX_RANGE parts; `lipsum`, placeholder text as long as asked for, is gone.

Work counts against the budget of the outermost `template_limits()` block: every render runs inside one, and
template code run outside one stops at once.
"""

from __future__ import annotations

import contextlib
import dataclasses
import enum
import functools
import re
import string
from collections import deque
from collections.abc import Callable, ItemsView, Iterable, Iterator, KeysView, Mapping, Sequence, Sized, ValuesView
from contextvars import ContextVar
from typing import Any, cast

from jinja2 import TemplateSyntaxError, nodes
from jinja2.compiler import CodeGenerator, Frame
from jinja2.ext import Extension
from jinja2.lexer import Token, TokenStream
from jinja2.runtime import Context, Namespace, Undefined, markup_join, str_join
from jinja2.sandbox import MAX_RANGE, SecurityError, safe_range
from pydantic import BaseModel

from ..limits import MAX_TEMPLATE_OUTPUT, MAX_TEMPLATE_STEPS, MAX_TEMPLATE_TOKENS, MAX_TEXT_CHARS
from .adjustments import AttributeSafetyKept


class TemplateLimitError(SecurityError):
    """A template stopped by one of docgen's limits: its message names the limit and the operation, never a value."""


class _Budget:
    """The steps left to one render."""

    def __init__(self) -> None:
        self.left = MAX_TEMPLATE_STEPS

    def charge(self, steps: int) -> None:
        self.left -= steps
        if self.left < 0:
            raise TemplateLimitError(
                f"the template does more than {MAX_TEMPLATE_STEPS:,} steps of work (loops, macro calls, ranges), "
                "the most one template may do"
            )


_BUDGET: ContextVar[_Budget | None] = ContextVar("docgen_template_budget", default=None)


@contextlib.contextmanager
def template_limits() -> Iterator[None]:
    """Run templates inside with a budget of MAX_TEMPLATE_STEPS steps (the enclosing block's, if there is one)."""
    if _BUDGET.get() is not None:
        yield
        return
    token = _BUDGET.set(_Budget())
    try:
        yield
    finally:
        _BUDGET.reset(token)


def _charge(steps: int) -> None:
    budget = _BUDGET.get()
    if budget is None:
        raise TemplateLimitError("template code runs only inside docgen.rendering.sandbox.template_limits()")
    budget.charge(steps)


# --- how long a value comes to when it is written out --------------------------------------------------------------

_SMALL = bool | float | complex | None | Undefined


def printed_size(value: Any, limit: int = MAX_TEMPLATE_OUTPUT) -> int:
    """About how many characters `value` comes to when written out (str(), a join, JSON), counted until past
    `limit`. A list holding one text a thousand times comes to a thousand times the text, though it takes little
    memory; a list met again inside itself counts once.

    >>> printed_size("abc"), printed_size(["ab", "ab"]), printed_size([["x" * 10] * 10] * 10) > 1000
    (3, 10, True)
    """
    if (known := _scalar_size(value)) is not None:
        return known
    seen: dict[int, int] = {}

    def size(item: Any) -> int:
        if (known := _scalar_size(item)) is not None:
            return known
        key = id(item)
        if key in seen:
            return seen[key]
        seen[key] = 8  # while it is counted: a container met again inside itself
        members = _members(item)
        if members is None:
            total = _repr_size(item)
        else:
            total = 2
            for member in members:
                total += size(member) + 2
                if total > limit:
                    break
        seen[key] = total
        return total

    return size(value)


def _scalar_size(item: Any) -> int | None:
    """The length of a text, number or nothing written out (None for anything else)."""
    if isinstance(item, str | bytes):
        return len(item)
    if isinstance(item, int):
        return item.bit_length() // 3 + 2
    return 24 if isinstance(item, _SMALL) else None


def _members(item: Any) -> Iterable[Any] | None:
    """What a value is written out from, when it is a container (None: it is written out as itself)."""
    if isinstance(item, Mapping):
        return (part for pair in item.items() for part in pair)
    if isinstance(item, list | tuple | set | frozenset | deque | KeysView | ValuesView | ItemsView):
        return item
    if isinstance(item, Namespace):
        return _members(object.__getattribute__(item, "_Namespace__attrs"))
    if isinstance(item, BaseModel):
        return vars(item).values()
    if dataclasses.is_dataclass(item) and not isinstance(item, type):
        return (getattr(item, field.name) for field in dataclasses.fields(item))
    if isinstance(item, enum.Enum):
        return (item.value,)
    return None


def _repr_size(item: Any) -> int:
    try:
        return len(repr(item))
    except Exception:  # written out, it fails the same way, with the template's own message
        return 0


def _check_size(size: int, what: str) -> None:
    if size > MAX_TEMPLATE_OUTPUT:
        raise TemplateLimitError(
            f"{what} would come to more than {MAX_TEMPLATE_OUTPUT:,} characters, the most a template may make"
        )


def _materialised(items: Iterable[Any], what: str) -> list[Any]:
    """The items of an iterator as a list, refused once they come to more than MAX_TEMPLATE_OUTPUT characters."""
    collected, total = [], 0
    for item in items:
        total += printed_size(item) + 2
        _check_size(total, what)
        collected.append(item)
    return collected


def _whole(value: Any, what: str) -> Any:
    """A value, with an iterator (a generator that `map` or `select` returns) turned into a list, counted."""
    if isinstance(value, Iterator):
        return _materialised(value, what)
    return value


def _number(value: Any) -> int:
    return value if isinstance(value, int) else 0


# --- formats: `%` and str.format -------------------------------------------------------------------------------

_PERCENT = re.compile(
    r"%(?:\((?P<key>[^)]*)\))?[-#0 +]*(?P<width>\*|\d+)?(?:\.(?P<precision>\*|\d*))?[hlL]?(?P<type>.?)"
)
_DIGITS = re.compile(r"\d+")


def percent_size(text: str, values: Any) -> int:
    """At most how many characters `text % values` comes to; widths taken from the values (`%*s`) are refused.

    >>> percent_size("%999999999s", "x") > 999999999
    True
    """
    total, position = len(text), 0
    for match in _PERCENT.finditer(text):
        if match["type"] == "%":
            continue
        if "*" in (match["width"], match["precision"]):
            raise TemplateLimitError("a width or precision taken from the values (%*s) is not allowed in a template")
        if match["key"] is not None:
            value = values.get(match["key"]) if isinstance(values, Mapping) else None
        elif isinstance(values, tuple):
            value = values[position] if position < len(values) else None
        else:
            value = values if position == 0 else None
        position += 1
        total += int(match["width"] or 0) + int(match["precision"] or 0) + printed_size(value)
    return total


def format_size(text: str, args: Sequence[Any], kwargs: Mapping[str, Any]) -> int:
    """At most how many characters `text.format(*args, **kwargs)` comes to; a width taken from another field
    (`{:{width}}`) is refused.

    >>> format_size("{:>999999999}", ["x"], {}) > 999999999
    True
    """
    try:
        fields = list(string.Formatter().parse(text))
    except ValueError:  # formatting fails the same way, with Python's message
        return len(text)
    total, automatic = 0, 0
    for literal, name, spec, _ in fields:
        total += len(literal)
        if name is None:
            continue
        if "{" in (spec or ""):
            raise TemplateLimitError("a width or precision taken from another field is not allowed in a template")
        key = re.split(r"[.\[]", name, maxsplit=1)[0]
        if not key:
            key, automatic = str(automatic), automatic + 1
        value = args[int(key)] if key.isdigit() and int(key) < len(args) else kwargs.get(key)
        total += printed_size(value) + sum(int(number) for number in _DIGITS.findall(spec or ""))
    return total


# --- the string methods that make long texts --------------------------------------------------------------------------


def _padded(text: Any, width: Any = 0, *_: Any) -> int:
    return max(len(text), _number(width))


def _expanded(text: Any, tabsize: Any = 8) -> int:
    return len(text) + text.count(b"\t" if isinstance(text, bytes) else "\t") * max(_number(tabsize), 0)


def _replaced(text: Any, old: Any = "", new: Any = "", count: Any = -1) -> int:
    try:
        found = len(text) + 1 if not old else text.count(old)
    except TypeError:  # replacing fails the same way, with Python's message
        return len(text)
    if isinstance(count, int) and count >= 0:
        found = min(found, count)
    return len(text) + found * printed_size(new)


def _translated(text: Any, table: Any = None) -> int:
    longest = max((printed_size(v) for v in table.values()), default=1) if isinstance(table, Mapping) else 1
    return len(text) * max(longest, 1)


_METHOD_SIZES: dict[str, Callable[..., int]] = {
    "ljust": _padded,
    "rjust": _padded,
    "center": _padded,
    "zfill": _padded,
    "expandtabs": _expanded,
    "replace": _replaced,
    "translate": _translated,
}


def _bounded_method(text: str | bytes, name: str, method: Callable[..., Any]) -> Callable[..., Any]:
    """A text's method that could make a long text, checked before it runs."""
    what = f"the text that '{name}' makes"

    @functools.wraps(method)
    def bounded(*args: Any, **kwargs: Any) -> Any:
        if name == "join":
            items = _materialised(args[0], what) if args else []
            _check_size(sum(printed_size(item) for item in items) + len(items) * len(text), what)
            return method(items)
        if name in ("format", "format_map"):
            values = (args[0] if args else {}) if name == "format_map" else kwargs
            _check_size(format_size(str(text), args if name == "format" else (), values), what)
        else:
            _check_size(_METHOD_SIZES[name](text, *args, **kwargs), what)
        return method(*args, **kwargs)

    return bounded


_BOUNDED_METHODS = frozenset({*_METHOD_SIZES, "join", "format", "format_map"})


# --- filters -----------------------------------------------------------------------------------------------------


# Each takes the filter's own arguments, with Jinja's names for them.


def _centred(value: Any, width: Any = 80) -> int:
    return max(printed_size(value), _number(width))


def _indented(s: Any, width: Any = 4, *_: Any, **__: Any) -> int:
    step = printed_size(width) if isinstance(width, str) else _number(width)
    return printed_size(s) + (str(s).count("\n") + 1) * step


def _wrapped(s: Any, width: Any = 79, break_long_words: Any = True, wrapstring: Any = None, *_: Any, **__: Any) -> int:
    return printed_size(s) * (1 + (printed_size(wrapstring) if wrapstring else 1))


def _replaced_filter(s: Any, old: Any = "", new: Any = "", count: Any = None) -> int:
    return _replaced(str(s), str(old), str(new), -1 if count is None else count)


def _formatted(value: Any, *args: Any, **kwargs: Any) -> int:
    return percent_size(str(value), kwargs or args)


def _urlized(
    value: Any,
    trim_url_limit: Any = None,
    nofollow: Any = False,
    target: Any = None,
    rel: Any = None,
    *_: Any,
    **__: Any,
) -> int:
    words = len(str(value).split())
    return 6 * printed_size(value) + words * (printed_size(target) + printed_size(rel) + 64)


def _joined(value: Any, d: Any = "", attribute: Any = None) -> int:
    items = len(value) if isinstance(value, Sized) else 0
    return printed_size(value) + items * printed_size(d)


def _parts(value: Any, count: Any) -> int:
    if _number(count) > MAX_RANGE:
        raise TemplateLimitError(f"a list cannot be cut into more than {MAX_RANGE:,} parts in a template")
    return 0


def _batched(value: Any, linecount: Any = 1, fill_with: Any = None) -> int:
    return _parts(value, linecount)


def _sliced(value: Any, slices: Any = 1, fill_with: Any = None) -> int:
    return _parts(value, slices)


def _summed(value: Any, attribute: Any = None, start: Any = 0) -> int:
    """Adding up lists copies each sum again: charged its items times their length."""
    if isinstance(start, int | float) or not isinstance(value, Sequence):
        return 0
    _charge(len(value) * (sum(len(item) for item in value if isinstance(item, Sized)) + 1))
    return printed_size(value) + printed_size(start)


_FILTER_SIZES: dict[str, Callable[..., int]] = {
    "center": _centred,
    "indent": _indented,
    "wordwrap": _wrapped,
    "replace": _replaced_filter,
    "format": _formatted,
    "urlize": _urlized,
    "join": _joined,
    "lines": _joined,
    "batch": _batched,
    "slice": _sliced,
    "sum": _summed,
}
_NOT_WRITTEN = frozenset(
    {"abs", "attr", "count", "d", "default", "first", "float", "int", "last", "length", "max", "min", "random"}
    | {"reject", "rejectattr", "round", "select", "selectattr", "map", "list", "sort", "unique", "reverse"}
    | {"groupby", "dictsort", "items", "filesizeformat", "tick", "batch", "slice"}
)
"""Filters that write out nothing of their input (they count, pick or reorder it): their input is not measured."""


def bounded_filters(filters: Mapping[str, Callable[..., Any]]) -> dict[str, Callable[..., Any]]:
    """The filters, each checking before it runs that what it makes stays within MAX_TEMPLATE_OUTPUT characters."""
    return {name: _bounded_filter(name, function) for name, function in filters.items()}


def _bounded_filter(name: str, function: Callable[..., Any]) -> Callable[..., Any]:
    skip = 1 if hasattr(function, "jinja_pass_arg") else 0  # the context, eval context or environment comes first
    size = _FILTER_SIZES.get(name)
    written = name not in _NOT_WRITTEN
    what = f"the result of the filter '{name}'"

    @functools.wraps(function)
    def bounded(*args: Any, **kwargs: Any) -> Any:
        if len(args) > skip:
            value = _whole(args[skip], what)
            args = (*args[:skip], value, *args[skip + 1 :])
            if written:
                _check_size(printed_size(value), what)
            if size is not None:
                _check_size(size(*args[skip:], **kwargs), what)
        return function(*args, **kwargs)

    return bounded


# --- the sandbox -------------------------------------------------------------------------------------------------


class _TokenLimit(Extension):
    """Refuses a template of more than MAX_TEMPLATE_TOKENS tokens before it is compiled."""

    def filter_stream(self, stream: TokenStream) -> Iterable[Token]:
        for count, token in enumerate(stream, 1):
            if count > MAX_TEMPLATE_TOKENS:
                raise TemplateSyntaxError(
                    f"the template has more than {MAX_TEMPLATE_TOKENS:,} tags, names and operators, "
                    "the most one may have",
                    token.lineno,
                    stream.name,
                    stream.filename,
                )
            yield token


CALL_STEPS = 100
"""What calling a macro costs besides its body: about as long as 100 steps of a loop take."""
WRITE_STEPS = 10
"""What a call, a filter, an attribute or an operator the sandbox checks costs: about as long as 10 steps of a
loop take; writing out a value costs twice as much."""


_BRANCHES: dict[type[nodes.Node], tuple[str, ...]] = {
    nodes.For: ("body", "else_"),
    nodes.If: ("body", "else_"),
    nodes.Macro: ("body",),
    nodes.CallBlock: ("body",),
}
"""The statement lists that charge their own steps each time they run (a loop's body, a branch, a macro's body)."""


_MEDIATED = (nodes.Call, nodes.Filter, nodes.Test, nodes.Getattr, nodes.Getitem, nodes.NSRef, nodes.Concat)
"""Nodes whose work goes through the sandbox (a call, an attribute, a namespace's attribute set, `~`)."""


def _cost(statements: Sequence[nodes.Node]) -> int:
    """The steps a list of statements costs each time it runs, but for the lists inside it that charge their own:
    one per node, WRITE_STEPS more for each node whose work goes through the sandbox (a call, a filter, an
    attribute, `+`, `*`, `%`, `~`) and twice that for each value it writes out, which take that much longer."""
    steps, pending = 1, list(statements)
    while pending:
        node = pending.pop()
        steps += 1
        if isinstance(node, _MEDIATED) or (
            isinstance(node, nodes.BinExpr) and node.operator in Sandbox.intercepted_binops
        ):
            steps += WRITE_STEPS
        if isinstance(node, nodes.Output):
            steps += 2 * WRITE_STEPS * sum(not isinstance(part, nodes.TemplateData) for part in node.nodes)
        pending.extend(node.iter_child_nodes(exclude=_BRANCHES.get(type(node), ())))
    return steps


def _charging(statements: list[nodes.Node], cost: int, lineno: int) -> list[nodes.Node]:
    """The statements, after one that charges the budget `cost` steps (written by `_Generator.visit_ExprStmt`)."""
    charge = nodes.ExprStmt(_environment_call("charge", nodes.Const(cost), lineno=lineno))
    charge.set_lineno(lineno)
    return [charge, *statements]


def _environment_call(name: str, *args: nodes.Node, lineno: int) -> nodes.Call:
    call = nodes.Call(nodes.EnvironmentAttribute(name), [cast(nodes.Expr, arg) for arg in args], [], None, None)
    call.set_lineno(lineno)
    return call


def _charged(node: nodes.Node) -> None:
    """Each loop body, branch and macro body charging its steps each time it runs (a loop also charges a step for
    each of its items, its `if` filter's included), a call with `*items` counting the items as they are gathered."""
    called = isinstance(node, nodes.Macro | nodes.CallBlock)
    for field in _BRANCHES.get(type(node), ()):
        statements: list[nodes.Node] = getattr(node, field)
        if statements or called:  # a macro is charged its call even when it has nothing in it
            setattr(node, field, _charging(statements, _cost(statements) + CALL_STEPS * called, node.lineno))
    if isinstance(node, nodes.For):
        node.iter = _environment_call("counted", node.iter, lineno=node.lineno)
    elif isinstance(node, nodes.Call | nodes.Filter | nodes.Test) and node.dyn_args is not None:
        node.dyn_args = _environment_call("gathered", node.dyn_args, lineno=node.lineno)


class _Generator(CodeGenerator):
    """Jinja's code generator, with every loop, branch and macro charging the render's budget and `~` checked."""

    def visit_Template(self, node: nodes.Template, frame: Frame | None = None) -> None:
        for found in list(
            node.find_all((nodes.For, nodes.If, nodes.Macro, nodes.CallBlock, nodes.Call, nodes.Filter, nodes.Test))
        ):
            _charged(found)
        super().visit_Template(node, frame)

    def visit_ExprStmt(self, node: nodes.ExprStmt, frame: Frame) -> None:
        """A charge is written as a plain call (no template can write one: its parser makes no
        EnvironmentAttribute), the rest as Jinja writes them."""
        call = node.node
        if isinstance(call, nodes.Call) and isinstance(call.node, nodes.EnvironmentAttribute):
            cost = cast(nodes.Const, call.args[0]).value
            self.writeline(f"environment.{call.node.name}({cost!r})", node)
        else:
            super().visit_ExprStmt(node, frame)

    def visit_Concat(self, node: nodes.Concat, frame: Frame) -> None:
        self.write("environment.concatenated((")
        for part in node.nodes:
            self.visit(part, frame)
            self.write(", ")
        self.write("), context.eval_ctx.autoescape)")


class Sandbox(AttributeSafetyKept):
    """Jinja's immutable sandbox with what a template may cost bounded (see the module's documentation)."""

    code_generator_class = _Generator
    intercepted_binops = frozenset({"*", "**", "+", "%"})

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, extensions=[_TokenLimit], finalize=_written, **kwargs)
        self.filters = bounded_filters(self.filters)
        self.globals["range"] = _range
        del self.globals["lipsum"]  # placeholder text, as long as asked for: no document needs it

    def add_filters(self, filters: Mapping[str, Callable[..., Any]]) -> None:
        """Add filters, each bounded as the built-in ones are."""
        self.filters.update(bounded_filters(filters))

    @staticmethod
    def concat(pieces: Iterable[str]) -> str:  # type: ignore[override]
        """A template's output joined, refused past MAX_TEMPLATE_OUTPUT characters."""
        collected, total = [], 0
        for piece in pieces:
            total += len(piece)
            if total > MAX_TEMPLATE_OUTPUT:
                raise TemplateLimitError(
                    f"the template writes more than {MAX_TEMPLATE_OUTPUT:,} characters, the most one template may"
                )
            collected.append(piece)
        return "".join(collected)

    @staticmethod
    def counted(iterable: Any) -> Any:
        """A loop's items, charged a step each (an iterator is gathered first, and counted)."""
        if isinstance(iterable, Iterator):
            iterable = _materialised(iterable, "the items of the loop")
        with contextlib.suppress(TypeError):  # a loop over what has no length fails as Jinja says
            _charge(len(iterable))
        return iterable

    charge = staticmethod(_charge)

    @staticmethod
    def gathered(items: Any) -> Any:
        """The items given to a call with `*`, counted as they are gathered."""
        return _whole(items, "the items given with '*'")

    @staticmethod
    def concatenated(parts: tuple[Any, ...], autoescape: bool) -> str:
        """`a ~ b ~ …`, checked before it is joined."""
        _check_size(sum(printed_size(part) for part in parts), "the text that '~' makes")
        return markup_join(parts) if autoescape else str_join(parts)

    def getattr(self, obj: Any, attribute: str) -> Any:
        return _bounded_attribute(obj, attribute, super().getattr(obj, attribute))

    def getitem(self, obj: Any, argument: Any) -> Any:
        return _bounded_attribute(obj, argument, super().getitem(obj, argument))

    def call_binop(self, context: Context, operator: str, left: Any, right: Any) -> Any:
        if _too_large(operator, left, right):
            raise TemplateLimitError(f"the result of '{operator}' would be too large")
        return super().call_binop(context, operator, left, right)


def _bounded_attribute(obj: Any, name: Any, value: Any) -> Any:
    if isinstance(obj, str | bytes) and isinstance(name, str) and name in _BOUNDED_METHODS and callable(value):
        return _bounded_method(obj, name, value)
    return value


def _written(value: Any) -> Any:
    """What `{{ … }}` writes out, once it is known not to be too long."""
    if not isinstance(value, str | int):
        _check_size(printed_size(value), "what '{{ … }}' writes out")
    return value


def _range(*args: int) -> range:
    """Jinja's sandboxed range (at most MAX_RANGE items), charged its items."""
    items = safe_range(*args)
    _charge(len(items))
    return items


def _too_large(operator: str, left: Any, right: Any) -> bool:
    """True when `left operator right` would be a text, list or number far beyond any document's needs."""
    if operator == "**":
        whole = isinstance(left, int) and isinstance(right, int)
        return whole and right > 0 and right * max(abs(left).bit_length() - 1, 0) > 4 * MAX_TEXT_CHARS
    if operator == "%":
        return isinstance(left, str) and percent_size(left, right) > MAX_TEMPLATE_OUTPUT
    sequences = str | bytes | list | tuple
    if operator == "+":
        both = isinstance(left, sequences) and isinstance(right, sequences)
        return both and printed_size(left) + printed_size(right) > MAX_TEMPLATE_OUTPUT
    for times, sized in ((left, right), (right, left)):
        if isinstance(times, int) and isinstance(sized, sequences):
            return times * len(sized) > MAX_TEXT_CHARS or times * printed_size(sized) > MAX_TEMPLATE_OUTPUT
    return False
