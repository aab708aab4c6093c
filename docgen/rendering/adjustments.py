"""The adjustments docgen makes to the libraries it uses, in one place: each is applied once per process, and only
to the versions it was written for. On any other version the library's own behaviour is kept and one line in the
log (logger `docgen`) says so; the output is then the same, only slower.

- **pydyf's page references** (`PDF.page_references`) are kept until a page is added instead of built again each
  time they are read. WeasyPrint reads them once for each element of a tagged PDF's structure tree, and docgen
  tags every PDF: the tags of a 466-page chronology took 11 s, four times those of 237 pages. The tuple kept is
  the one pydyf builds, so the PDF is the same byte for byte.
- **pydyf's stream compression** at zlib's default level instead of the highest: for the text of long tables
  level 9 is a fifth of writing the PDF, for files about 4 % smaller (a 1,000-entry IMR: 1.1 s less, 1.97 MB
  instead of 1.89 MB). The streams are the same kind (FlateDecode), read alike by every viewer.
- **Jinja's sandbox** keeps its answer to whether an attribute is safe by the object's type and the attribute's
  name, on which alone that answer depends in Jinja 3.1: a chronology's thousands of rows ask the same few
  questions.
"""

from __future__ import annotations

import importlib.metadata
import logging
import zlib
from functools import cache
from typing import Any

from jinja2.sandbox import ImmutableSandboxedEnvironment

logger = logging.getLogger("docgen")

WRITTEN_FOR = {"pydyf": ((0, 11), (0, 14)), "jinja2": ((3, 1), (3, 2))}
"""The versions each adjusted library's adjustments were written and tested for: from the first (inclusive) to the
second (exclusive), as (major, minor)."""


@cache
def written_for(package: str) -> bool:
    """Whether the installed version of `package` is one its adjustments were written for; if not, say so once."""
    low, high = WRITTEN_FOR[package]
    version = importlib.metadata.version(package)
    numbers = tuple(int(part) for part in version.split(".")[:2] if part.isdigit())
    if low <= numbers < high:
        return True
    logger.info(
        "docgen: %s %s is not a version docgen's adjustments were written for (%s to before %s): its own behaviour"
        " is kept",
        package,
        version,
        ".".join(map(str, low)),
        ".".join(map(str, high)),
    )
    return False


@cache
def adjust_pdf_writer() -> None:
    """Keep pydyf's page references and compress its streams at zlib's default level (once per process; nothing is
    changed on a version of pydyf these were not written for)."""
    if not written_for("pydyf"):
        return
    import pydyf

    _keep_page_references(pydyf)
    pydyf.zlib = _AtDefaultLevel()  # type: ignore[attr-defined]


def _keep_page_references(pydyf: Any) -> None:
    build = pydyf.PDF.__dict__["page_references"].fget

    def page_references(pdf: Any) -> Any:
        pages = len(pdf.pages["Kids"])
        kept = pdf.__dict__.get("_kept_page_references")
        if kept is None or kept[0] != pages:
            kept = pdf.__dict__["_kept_page_references"] = (pages, build(pdf))
        return kept[1]

    page_references.built = build  # type: ignore[attr-defined]
    pydyf.PDF.page_references = property(page_references)


class _AtDefaultLevel:
    """zlib, but for `compressobj`, which compresses at the default level whatever level it is given."""

    def __getattr__(self, name: str) -> Any:
        return getattr(zlib, name)

    @staticmethod
    def compressobj(level: int = zlib.Z_DEFAULT_COMPRESSION, *args: Any, **kwargs: Any) -> Any:
        return zlib.compressobj(zlib.Z_DEFAULT_COMPRESSION, *args, **kwargs)


class AttributeSafetyKept(ImmutableSandboxedEnvironment):
    """Jinja's immutable sandbox, keeping each answer of `is_safe_attribute` by the object's type and the attribute's
    name (on a version of Jinja this was not written for, asking Jinja every time)."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._safe: dict[tuple[type, str], bool] | None = {} if written_for("jinja2") else None

    def is_safe_attribute(self, obj: Any, attr: str, value: Any) -> bool:
        if self._safe is None:
            return super().is_safe_attribute(obj, attr, value)
        key = (type(obj), attr)
        safe = self._safe.get(key)
        if safe is None:
            safe = self._safe[key] = super().is_safe_attribute(obj, attr, value)
        return safe
