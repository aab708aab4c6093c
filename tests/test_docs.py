"""The README is the front door: its tour runs as printed, and every link in it and in docs/ leads somewhere."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
PAGES = [ROOT / "README.md", *sorted((ROOT / "docs").glob("*.md")), ROOT / "benchmarks" / "README.md"]


def test_the_tour_in_python_runs_as_printed(monkeypatch: pytest.MonkeyPatch) -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    tour = readme.split("\n## A five-minute tour\n", 1)[1].split("\n## ", 1)[0]
    code = re.findall(r"```python\n(.*?)```", tour, re.S)[0]
    monkeypatch.chdir(ROOT)
    names: dict[str, object] = {"__name__": "tour"}  # not __main__: render_pack (and its workers) not started
    exec(compile(code, "README.md", "exec"), names)
    assert names["letter"].filename == "LLR-2026-04_letter-1.pdf"  # type: ignore[attr-defined]
    assert names["imr"].filename == "LLR-2026-04_imr_police.docx"  # type: ignore[attr-defined]


def _links(page: Path) -> list[str]:
    text = re.sub(r"```.*?```", "", page.read_text(encoding="utf-8"), flags=re.S)
    return re.findall(r"\]\(([^)#\s]+)(?:#[^)]*)?\)", text)


@pytest.mark.parametrize("page", PAGES, ids=lambda page: str(page.relative_to(ROOT)))
def test_every_link_to_a_file_leads_to_one(page: Path) -> None:
    local = [link for link in _links(page) if not re.match(r"[a-z]+:", link)]
    missing = [link for link in local if not (page.parent / link).exists()]
    assert not missing


def test_the_readme_stays_a_front_door() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert len(readme.splitlines()) <= 300
    assert all(f"docs/{page.name}" in readme for page in PAGES[1:-1])
