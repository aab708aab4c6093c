"""The sandboxed Jinja environment: loaders (a board's folder first, built-ins last) and filters."""

from __future__ import annotations

import os
import re
from collections.abc import Callable, Iterable, Sequence
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

from jinja2 import BaseLoader, Environment, StrictUndefined, TemplateError, TemplateNotFound, TemplateSyntaxError
from jinja2.loaders import split_template_path
from jinja2.sandbox import ImmutableSandboxedEnvironment
from markupsafe import Markup, escape

from ..errors import DocgenError, RenderError
from ..limits import MAX_FILE_BYTES
from ..text.dates import age_on, chronology_date, form_date, long_date
from .markdown import markdown_to_html
from .sandbox import Sandbox, TemplateLimitError, template_limits
from .template_files import TemplateFile, read_template_file
from .typography import curly_quotes

if TYPE_CHECKING:
    from ..model import Framework

Folders = Path | tuple[Path, ...] | None
"""The folders templates are looked for in before the built-ins: a board's folder, or several, in order."""

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
    "typographic": curly_quotes,
}
GLOBALS: dict[str, Any] = {"ticked": ticked, "age_on": age_on, "BOX_TICKED": BOX_TICKED, "BOX_EMPTY": BOX_EMPTY}


def template_folders(board_templates: Path | None, framework: Framework) -> tuple[Path, ...]:
    """The folders templates are looked for in before the built-ins: the board's, then the framework profile's."""
    return tuple(Path(folder) for folder in (board_templates, framework.templates) if folder)


def _search_path(folders: Folders) -> tuple[Path, ...]:
    """The given folders in order, then the built-ins."""
    given = (folders,) if isinstance(folders, Path) else folders or ()
    return (*given, builtin_templates())


def find_template(board_templates: Folders, name: str) -> TemplateFile | None:
    """A template file by name, read: the board's folder first (then the framework profile's), then the built-ins.

    Every file of a templates folder is read this way (see `read_template_file`: a link out of the folder, a pipe
    or a file too large is refused)."""
    for folder in _search_path(board_templates):
        if (found := read_template_file(folder, name)) is not None:
            return found
    return None


class FolderLoader(BaseLoader):
    """Jinja templates from folders in order (a board's, a framework profile's, the built-ins), each read by
    `read_template_file`; a template changed since it was read is read again."""

    def __init__(self, folders: tuple[Path, ...]) -> None:
        self.folders = folders

    def get_source(self, environment: Environment, template: str) -> tuple[str, str, Callable[[], bool]]:
        found = find_template(self.folders, "/".join(split_template_path(template)))
        if found is None:
            raise TemplateNotFound(template)
        return found.text(), os.path.normpath(found.path), found.unchanged


@cache
def environment(board_templates: Folders = None) -> ImmutableSandboxedEnvironment:
    """A sandboxed, autoescaping, strictly undefined environment; a board's folder (and a framework profile's)
    overrides built-ins."""
    env = Sandbox(
        loader=FolderLoader(_search_path(board_templates)),
        autoescape=True,
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    env.add_filters(FILTERS)
    env.globals.update(GLOBALS)
    return env


def render_template(env: ImmutableSandboxedEnvironment, name: str, context: dict[str, Any]) -> str:
    """Render a template by name, within the limits of the sandbox; failures become a RenderError naming the
    template and line."""
    source = None
    try:
        template = env.get_template(name)
        source = Path(template.filename) if template.filename else None
        with template_limits():
            return template.render(context)
    except DocgenError:
        raise
    except Exception as error:
        raise template_failure(error, name, source) from None


def template_failure(error: Exception, name: str, source: Path | None = None) -> RenderError:
    """A template's failure as a RenderError naming the template (the innermost one at fault, else `source`)
    and its line.

    A board's own template at fault is a usage problem (exit 2). The message never quotes a value of the case:
    see `_message`.
    """
    found, line = _template_place(error)
    if isinstance(error, TemplateSyntaxError):
        found, line = error.filename or found, error.lineno
    file = found or (str(source) if source else None)
    folder = builtin_templates().resolve()
    board = file is not None and not Path(file).resolve().is_relative_to(folder)
    shown = file if board else Path(file).resolve().relative_to(folder).as_posix() if file else name
    return RenderError(_message(error, _template_text(found)), shown, line, board=board)


_QUOTED = re.compile(r"'[^']*'|\"[^\"]*\"")
_TYPE_NAMES = re.compile(r"^'?[\w.]+ object'?|(?<=of )'\w+'(?= object)")
"""How Jinja names the type of an object in a message: 'dict object' has no attribute …, … of 'str' object."""
_PLAIN_WORDS = re.compile(r"[A-Za-z _.,:;!?()-]*")


def _message(error: Exception, template: str | None) -> str:
    """What a template's failure says, never quoting a value of the case (a name looked up as a key, a template
    named by a field): an arithmetic error's message; Jinja's for a fault in the template's text (its syntax, an
    unknown filter), or when every name it quotes is written in the template at fault (`template`: its text);
    else only the kind of fault."""
    if isinstance(error, ArithmeticError | TemplateLimitError):
        return str(error)
    if isinstance(error, TemplateSyntaxError):  # found in the template's text, before any value was seen
        return error.message or type(error).__name__
    if not isinstance(error, TemplateError):
        return f"the template failed ({type(error).__name__})"
    message, names = _jinja_message(error)
    if names is not None and template is not None and all(_written(name, template) for name in names):
        return message
    return f"the template failed ({type(error).__name__}; Jinja's message is not shown, as it may quote the case)"


def _jinja_message(error: TemplateError) -> tuple[str, list[str] | None]:
    """Jinja's message and the names it quotes; None for the names when it shows something other than by quoting
    (a number, a date, an object) or says nothing."""
    if isinstance(error, TemplateNotFound):
        names = [str(name) for name in error.templates]
        return f"no template {' or '.join(map(repr, names))} is found", names
    message = error.message or ""
    rest = _TYPE_NAMES.sub("", message)
    if not message or not _PLAIN_WORDS.fullmatch(_QUOTED.sub("", rest)):
        return message, None
    return message, [quoted[1:-1] for quoted in _QUOTED.findall(rest)]


def _written(fragment: str, template: str) -> bool:
    """Whether the template's text has the fragment as a whole word (or a whole string)."""
    return bool(fragment) and re.search(rf"(?<!\w){re.escape(fragment)}(?!\w)", template) is not None


def _template_text(file: str | None) -> str | None:
    """The text of a template file, to check a message against (None when there is no such file to read)."""
    path = Path(file) if file else None
    try:
        if path is None or not path.is_file() or path.stat().st_size > MAX_FILE_BYTES:
            return None
        return path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError):
        return None


def _template_place(error: BaseException) -> tuple[str | None, int | None]:
    """The template file and line of the innermost traceback frame that belongs to a template."""
    place: tuple[str | None, int | None] = (None, None)
    tb = error.__traceback__
    while tb is not None:
        if tb.tb_frame.f_code.co_filename.endswith(".j2"):
            place = (tb.tb_frame.f_code.co_filename, tb.tb_lineno)
        tb = tb.tb_next
    return place
