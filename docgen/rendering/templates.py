"""The sandboxed Jinja environment: loaders (a board's folder first, built-ins last) and filters."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from functools import cache
from pathlib import Path
from typing import Any

from jinja2 import FileSystemLoader, StrictUndefined, TemplateError, TemplateSyntaxError
from jinja2.sandbox import ImmutableSandboxedEnvironment
from markupsafe import Markup, escape

from ..dates import age_on, chronology_date, form_date, long_date
from ..errors import RenderError
from .markdown import markdown_to_html

BOX_TICKED = "☒"
BOX_EMPTY = "☐"


def builtin_templates() -> Path:
    """The templates folder: packaged inside the wheel, or at the top of a source checkout."""
    packaged = Path(__file__).resolve().parent.parent / "_templates"
    return packaged if packaged.is_dir() else Path(__file__).resolve().parents[2] / "templates"


def tick(value: object) -> Markup:
    """A tick-box, ☒ when true and ☐ when not: a check-box content control in Word."""
    return Markup('<span class="box" role="checkbox" aria-checked="{}">{}</span>').format(
        "true" if value else "false", BOX_TICKED if value else BOX_EMPTY
    )


def nobreak(value: object) -> str:
    """The value with non-breaking spaces, so that a telephone number or a date never breaks inside.

    >>> nobreak("01632 960 100") == "01632\u00a0960\u00a0100"
    True
    """
    return str(value).replace(" ", "\u00a0")


def email(value: object) -> str:
    """An e-mail address that may break after its @ and before a dot (zero-width spaces), never elsewhere.

    >>> email("a.b@c.org") == "a.b@\u200bc\u200b.org"
    True
    """
    user, at, domain = str(value).partition("@")
    return user + at + ("\u200b" + domain.replace(".", "\u200b.") if at else "")


def ticked(option: object, chosen: object) -> Markup:
    """☒ when `option` is `chosen` or among the chosen, ☐ otherwise."""
    if isinstance(chosen, Iterable) and not isinstance(chosen, str):
        return tick(option in chosen)
    return tick(option == chosen)


def join_lines(lines: Sequence[object]) -> Markup:
    """Escaped lines joined by <br>."""
    return Markup("<br>").join(escape(str(line)) for line in lines if line)


FILTERS: dict[str, Any] = {
    "long_date": long_date,
    "form_date": form_date,
    "chronology_date": chronology_date,
    "markdown": markdown_to_html,
    "tick": tick,
    "lines": join_lines,
    "nobreak": nobreak,
    "email": email,
}
GLOBALS: dict[str, Any] = {"ticked": ticked, "age_on": age_on, "BOX_TICKED": BOX_TICKED, "BOX_EMPTY": BOX_EMPTY}


def find_template(board_templates: Path | None, name: str) -> Path | None:
    """A template file by name: the board's folder first, then the built-ins."""
    for folder in (board_templates, builtin_templates()):
        if folder is not None and (folder / name).is_file():
            return folder / name
    return None


@cache
def environment(board_templates: Path | None = None) -> ImmutableSandboxedEnvironment:
    """A sandboxed, autoescaping, strictly undefined environment; a board's folder overrides built-ins."""
    folders = [str(board_templates)] if board_templates else []
    env = ImmutableSandboxedEnvironment(
        loader=FileSystemLoader([*folders, str(builtin_templates())]),
        autoescape=True,
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    env.filters.update(FILTERS)
    env.globals.update(GLOBALS)
    return env


def render_template(env: ImmutableSandboxedEnvironment, name: str, context: dict[str, Any]) -> str:
    """Render a template by name; failures become a RenderError naming the template and line."""
    try:
        return env.get_template(name).render(context)
    except TemplateSyntaxError as error:
        raise RenderError(error.message or str(error), error.filename or name, error.lineno) from None
    except TemplateError as error:
        raise RenderError(str(error), name, _template_line(error)) from None


def _template_line(error: BaseException) -> int | None:
    """The template line of the innermost traceback frame that belongs to a template."""
    line = None
    tb = error.__traceback__
    while tb is not None:
        if tb.tb_frame.f_code.co_filename.endswith(".j2"):
            line = tb.tb_lineno
        tb = tb.tb_next
    return line
