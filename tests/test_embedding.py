"""For the programs that call docgen: the README's example, a typed package (mypy --strict on a calling program),
the public names pinned, and documents written to a stream without a temporary file."""

from __future__ import annotations

import io
import re
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
import yaml
from mypy import api as mypy

import docgen
from docgen import Case, render

from .conftest import CASES, ROOT

PUBLIC_NAMES = [
    "FORMATS",
    "KINDS",
    "ApprovedChangedError",
    "Board",
    "Case",
    "CaseError",
    "DocgenError",
    "DocumentKind",
    "Framework",
    "IncompleteReportError",
    "LeakError",
    "NotApprovedError",
    "NotSupportedError",
    "OutputError",
    "Planned",
    "Problem",
    "RenderError",
    "RenderedDocument",
    "TimeLimitError",
    "UnknownKindError",
    "UsageError",
    "__version__",
    "due",
    "load_case",
    "parse_case",
    "register",
    "render",
    "render_blank",
    "render_pack",
    "supported_documents",
]
"""The public API: a name is removed (or added) here, and in the table of docs/embedding.md, on purpose only."""


def readme_example() -> str:
    """The Python example that opens the "Embedding docgen" section of docs/embedding.md."""
    readme = (ROOT / "docs" / "embedding.md").read_text(encoding="utf-8")
    section = readme.split("\n## Embedding docgen\n", 1)[1]
    return re.findall(r"```python\n(.*?)```", section, re.S)[0]


def test_public_names_are_pinned_and_documented() -> None:
    assert sorted(docgen.__all__) == sorted(PUBLIC_NAMES)
    readme = (ROOT / "docs" / "embedding.md").read_text(encoding="utf-8")
    table = readme.split("\n### Types\n", 1)[1].split("\n### ", 1)[0]
    assert all(f"`{name}`" in table for name in PUBLIC_NAMES)


def test_the_package_ships_its_type_marker() -> None:
    assert (Path(docgen.__file__).parent / "py.typed").is_file()


@pytest.mark.slow
def test_a_calling_program_type_checks_in_strict_mode(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """mypy finds docgen installed (not in the folder it runs in), reads its types through py.typed, and checks
    the README's example and a program using every public name; a wrong type in a caller is found."""
    (tmp_path / "typed_caller.py").write_text((ROOT / "tests" / "typed_caller.py").read_text(encoding="utf-8"))
    (tmp_path / "example.py").write_text(readme_example(), encoding="utf-8")
    (tmp_path / "wrong_type.py").write_text(
        'from docgen import load_case, render\n\nsize: str = len(render(load_case("c.yaml"), "letter-1").content)\n',
        encoding="utf-8",
    )
    monkeypatch.chdir(tmp_path)
    files = ["typed_caller.py", "example.py", "wrong_type.py"]
    out, err, status = mypy.run(["--strict", "--cache-dir", str(tmp_path / ".mypy_cache"), *files])
    errors = [line for line in out.splitlines() if ": error:" in line]
    assert [line.split(":")[0] for line in errors] == ["wrong_type.py"], out + err
    assert 'Incompatible types in assignment (expression has type "int", variable has type "str")' in errors[0]
    assert status == 1


def test_the_readme_example_runs() -> None:
    namespace: dict[str, Any] = {}
    exec(compile(readme_example(), "example.py", "exec"), namespace)
    letter_1: Callable[[dict[str, Any], io.BytesIO], list[str]] = namespace["letter_1"]
    data = yaml.safe_load((CASES / "minimal.yaml").read_text(encoding="utf-8"))
    response = io.BytesIO()
    assert letter_1(data, response) == []
    assert response.getvalue().startswith(b"%PDF-")
    data["child"]["gender"] = "Girl"
    response = io.BytesIO()
    assert letter_1(data, response) == ["subject.gender: not one of the accepted values: 'Male' or 'Female'"]
    assert response.getvalue() == b""


@pytest.mark.parametrize("fmt", ["pdf", "docx", "html"])
def test_documents_are_written_to_streams_through_no_temporary_file(
    case: Case, fmt: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    render(case, "letter-1", fmt)  # the engines load (finding a shared library may use a temporary file)

    def refused(*args: object, **kwargs: object) -> None:
        raise AssertionError("a temporary file was made")

    for name in ("mkstemp", "mkdtemp", "NamedTemporaryFile", "TemporaryFile", "SpooledTemporaryFile"):
        monkeypatch.setattr(tempfile, name, refused)
    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path / "no-such-folder"))
    monkeypatch.chdir(tmp_path)
    document = render(case, "letter-1", fmt)
    memory = io.BytesIO()
    document.write_to(memory)
    assert memory.getvalue() == document.content
    with (tmp_path / "letter").open("wb") as handle:
        document.write_to(handle)
    assert (tmp_path / "letter").read_bytes() == document.content
    assert [p.name for p in tmp_path.iterdir()] == ["letter"]
