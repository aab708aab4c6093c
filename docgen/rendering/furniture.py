"""The pass that lays a report's contents and glossary into its body once the body is written.

A report's template marks where they go (`<div data-furniture="contents"></div>`, `… "glossary" …`); this
pass numbers the headings (ids the contents link to), decides whether the report is long enough for
contents, finds the abbreviations the text uses, and renders both from `reports/_furniture.html.j2`.
A body without the marks comes back unchanged.
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass
from typing import Any

from jinja2.sandbox import ImmutableSandboxedEnvironment
from markupsafe import Markup

from ..derive.columns import GLOSSARY
from ..derive.report_parts import used_abbreviations, wants_contents
from ..errors import DocgenError
from .sandbox import template_limits
from .templates import template_failure

FURNITURE = "reports/_furniture.html.j2"
CONTENTS = '<div data-furniture="contents"></div>'
GLOSSARY_MARK = '<div data-furniture="glossary"></div>'
_HEADING = re.compile(r"<(h[12])(\s[^>]*)?>(.*?)</\1>", re.DOTALL)
_TAG = re.compile(r"<[^>]+>")


@dataclass(frozen=True)
class Entry:
    """A line of the contents: a heading's level, its id and its text."""

    level: int
    id: str
    text: Markup


def furnish(env: ImmutableSandboxedEnvironment, body: str, context: dict[str, Any]) -> str:
    """The body with its contents and glossary laid in where the template marks them."""
    if CONTENTS not in body and GLOSSARY_MARK not in body:
        return body
    text = html.unescape(_TAG.sub(" ", body))
    terms = used_abbreviations(text, context["case"].glossary)
    try:
        with template_limits():
            macros = env.get_template(FURNITURE).module
            glossary = macros.glossary([{"term": t, "meaning": m} for t, m in terms], GLOSSARY) if terms else ""  # type: ignore[attr-defined]
            body = body.replace(GLOSSARY_MARK, str(glossary))
            if not wants_contents(context["kind"], len(text.split())):
                return body.replace(CONTENTS, "")
            body, entries = _number_headings(body)
            return body.replace(CONTENTS, str(macros.contents(entries)))  # type: ignore[attr-defined]
    except DocgenError:
        raise
    except Exception as error:
        raise template_failure(error, FURNITURE) from None


def _number_headings(body: str) -> tuple[str, list[Entry]]:
    """Give each h1 and h2 (but the front matter's and the cover's title) an id; the contents entries that link
    to them."""
    entries: list[Entry] = []

    def number(match: re.Match[str]) -> str:
        tag, attributes, inner = match[1], match[2] or "", match[3]
        if 'class="front"' in attributes or 'class="cover-title"' in attributes or " id=" in attributes:
            return match[0]
        entries.append(Entry(int(tag[1]), f"s{len(entries) + 1}", Markup(_TAG.sub("", inner).strip())))
        return f'<{tag}{attributes} id="{entries[-1].id}">{inner}</{tag}>'

    return _HEADING.sub(number, body), entries
