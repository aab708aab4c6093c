"""The genogram: laid out in generations from the family model, drawn in the usual notation, in both formats."""

from __future__ import annotations

import io
import re
import zipfile
from collections.abc import Callable
from functools import cache
from itertools import pairwise
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from lxml import etree

from docgen import render
from docgen.derive.genogram_layout import Genogram, compact_age, layout
from docgen.load.case_files import load_case
from docgen.model import CHILD, Case
from docgen.passes.anonymise import anonymise_case
from docgen.rendering.genogram_drawing import draw, fit, genogram_html

from .conftest import CORPUS, ENGLAND_2023, SAMPLE, quotes_folded, sample_case, text_of

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
WP = "{http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing}"


def parents_of(case: Case) -> dict[str, list[str]]:
    return {CHILD: case.subject.parents, **{m.id: m.parents for m in case.family}}


def check_layout(case: Case, genogram: Genogram) -> None:
    """Children one row below each parent; partners on one row; no two people in a row closer than a slot."""
    for person, parents in parents_of(case).items():
        for parent in parents:
            assert genogram.symbol(person).row == genogram.symbol(parent).row + 1, (person, parent)
    for member in case.family:
        for partnership in member.partnerships:
            assert genogram.symbol(member.id).row == genogram.symbol(partnership.partner).row
    for row in range(genogram.rows):
        xs = sorted(s.x for s in genogram.symbols if s.row == row)
        assert all(b - a >= 1 - 1e-9 for a, b in pairwise(xs)), f"row {row} overlaps: {xs}"
    assert min(s.x for s in genogram.symbols) == 0


def test_the_example_family_is_laid_out_in_generations(case: Case) -> None:
    genogram = layout(case, anonymised=False)
    check_layout(case, genogram)
    assert genogram.rows == 3
    assert [genogram.symbol(p).row for p in ("maternal-grandmother", "mother", CHILD)] == [0, 1, 2]
    # each child stands under the line it comes down from: their parents' couple line, or their one parent
    for descent in genogram.descents:
        assert all(abs(x - descent.x) < 0.05 for x in descent.children), descent
    assert len(genogram.descents) == 5, "Jac, Rhys and Isabella from their parents; the mother and father from theirs"
    assert layout(case, anonymised=False) == genogram, "the same case gives the same drawing"


def test_couples_say_how_they_are_together(case: Case) -> None:
    genogram = layout(case, anonymised=False)
    by_ends = {(c.married, c.ended.value if c.ended else None) for c in genogram.couples}
    assert by_ends == {(True, "Divorced"), (False, "Separated"), (False, None)}
    assert "Siân Carter and Darren Carter: married, divorced." in genogram.description
    child = "Isabella Carter-Nowak, subject child, 2 years 9 months, in the household;"
    assert f"{child} child of Siân Carter and Paweł Nowak." in genogram.description


def test_ages_in_symbols() -> None:
    assert [compact_age(a) for a in ("36 years", "1 year", "14 months", "3 weeks", "5 days", "")] == [
        "36",
        "1",
        "14m",
        "3w",
        "5d",
        "",
    ]


@st.composite
def families(draw_: st.DrawFn) -> tuple[list[dict[str, object]], list[str]]:
    """A random family around the child: parents, partners, half-siblings; and the child's parents."""
    members: list[dict[str, object]] = []
    for i in range(draw_(st.integers(1, 12))):
        earlier = [str(m["id"]) for m in members]
        member: dict[str, object] = {
            "id": f"p{i}",
            "first_name": f"Person{i}",
            "last_name": "Test",
            "relationship": "Relative",
            "gender": draw_(st.sampled_from(["Male", "Female", None])),
            "household": draw_(st.booleans()),
            "parents": draw_(st.lists(st.sampled_from(earlier), max_size=2, unique=True)) if earlier else [],
        }
        if earlier and draw_(st.booleans()):
            member["partnerships"] = [{"partner": draw_(st.sampled_from(earlier)), "married": draw_(st.booleans())}]
        members.append(member)
    parents = draw_(st.lists(st.sampled_from([str(m["id"]) for m in members]), max_size=2, unique=True))
    return members, parents


def family_case(members: list[dict[str, object]], parents: list[str]) -> Case | None:
    """The example case with this family instead of its own (None when the model refuses the relations)."""
    data = sample_case().model_dump(mode="json", exclude_none=True)
    data.update(family=members, chronology=[], imrs={}, ofsted=None, overview=None, executive_summary=None)
    data["subject"]["parents"] = parents
    try:
        return Case.model_validate(data)
    except ValueError:
        return None


@settings(max_examples=60, deadline=None)
@given(families())
def test_any_family_lays_out_without_overlaps(family: tuple[list[dict[str, object]], list[str]]) -> None:
    case = family_case(*family)
    if case is None:
        return
    genogram = layout(case, anonymised=False)
    row = {s.id: s.row for s in genogram.symbols}
    generations_agree = all(row[p] == row[q] + 1 for p, qs in parents_of(case).items() for q in qs) and all(
        row[m.id] == row[p.partner] for m in case.family for p in m.partnerships
    )
    for r in range(genogram.rows):
        xs = sorted(s.x for s in genogram.symbols if s.row == r)
        assert all(b - a >= 1 - 1e-9 for a, b in pairwise(xs))
    if generations_agree:  # a family whose generations cannot all agree still draws, without overlaps
        check_layout(case, genogram)
    assert draw(genogram).startswith('<div class="drawing genogram" role="img"')


def test_drawing_is_an_accessible_image_and_escapes_names(case: Case) -> None:
    mother = next(m for m in case.family if m.id == "mother")
    risky = case.model_copy(update={"family": [mother.model_copy(update={"first_name": "Zoë <&>"}), *case.family[1:]]})
    root = etree.fromstring(genogram_html(risky, anonymised=False).encode("utf-8"))
    assert root.get("role") == "img"
    label = root.get("aria-label")
    assert label.startswith("Genogram of the family of Isabella. ") and "Zoë <&> Carter, mother" in label
    assert root.find("{http://www.w3.org/2000/svg}svg").get("aria-hidden") == "true"
    words = " ".join("".join(p.itertext()) for p in root.iter("p"))
    assert "Zoë <&>" in words
    for legend in ("Male", "Female", "The subject child", "Married", "Partners", "Separated", "Divorced"):
        assert legend in words
    assert "Deceased" not in words and "Gender not recorded" not in words, "the legend explains what is drawn"


def test_deceased_and_unknown_gender_are_drawn_and_explained(case: Case) -> None:
    import datetime as dt

    grandmother = next(m for m in case.family if m.id == "maternal-grandmother")
    changed = grandmother.model_copy(update={"date_of_death": dt.date(2020, 3, 1), "gender": None})
    family = [changed if m.id == grandmother.id else m for m in case.family]
    drawing = genogram_html(case.model_copy(update={"family": family}), False)
    words = " ".join(etree.fromstring(drawing.encode("utf-8")).itertext())
    assert "Died 2020" in words and "Deceased" in words and "Gender not recorded" in words
    assert "55" in words, "the age at death"


@pytest.mark.parametrize("kind", ["imr", "overview-report"])
def test_genogram_is_in_the_pdf(text: Callable[..., str], kind: str) -> None:
    body = quotes_folded(text(kind, "pdf", "csc" if kind == "imr" else None))
    assert "Numbers in the symbols: ages at the time of the incident" in body
    assert "The child's household" in body
    section = body[body.index("Family Composition and genogram" if kind == "imr" else "2.1 Family, extended") :]
    assert "Genogram: the family, extended family and household" in section


@pytest.mark.parametrize("kind", ["imr", "overview-report"])
def test_genogram_is_a_picture_with_alt_text_in_the_docx(document: Callable[..., object], kind: str) -> None:
    content = document(kind, "docx", "csc" if kind == "imr" else None).content  # type: ignore[attr-defined]
    with zipfile.ZipFile(io.BytesIO(content)) as package:
        body = etree.fromstring(package.read("word/document.xml"))
        pictures = [n for n in package.namelist() if n.startswith("word/media/") and n.endswith(".png")]
        png = package.read(pictures[0])
    (described,) = [d.get("descr") for d in body.iter(f"{WP}docPr")]
    assert described.startswith("Genogram of the family of Isabella. Isabella Carter-Nowak, subject child")
    assert png.startswith(b"\x89PNG") and len(png) > 20_000
    from PIL import Image

    image = Image.open(io.BytesIO(png))
    assert image.width >= 1800, "sharp enough to print (about 270 dots per inch across the page)"
    (extent,) = body.iter(f"{WP}extent")
    assert int(extent.get("cx")) <= 170 * 36_000 + 1, "no wider than the text on an A4 page"


@pytest.mark.slow
def test_anonymised_genogram_has_the_labels_only(case: Case) -> None:
    document = render(case, "overview-report", "docx", anonymise=True)
    with zipfile.ZipFile(io.BytesIO(document.content)) as package:
        body = etree.fromstring(package.read("word/document.xml"))
    (described,) = [d.get("descr") for d in body.iter(f"{WP}docPr")]
    assert "Poppy" in described and "Mother" in described
    assert not re.search(r"Isabella|Siân|Carter|Nowak", described)
    assert "Numbers in the symbols" in text_of(render(case, "overview-report", "pdf", anonymise=True))


# --- every family of the examples and the corpus, named and public ---------------------------------------

FAMILIES = [SAMPLE, ENGLAND_2023, *sorted(CORPUS.glob("*.yaml"))]
SMALLEST_PRINT = 8 * 96 / 72  # 8 pt in CSS pixels


@cache
def drawn(path: Path, public: bool) -> Genogram:
    """A case's genogram as its named documents draw it, or as its public (anonymised) ones do."""
    case = load_case(path)
    return layout(anonymise_case(case, public=True), True, True) if public else layout(case, False)


def family_ids(path: Path) -> str:
    return path.stem if path.parent == CORPUS else path.parent.name if path.stem == "case" else path.stem


def crossings(genogram: Genogram) -> list[tuple[object, object]]:
    """Partner lines crossed by a line of descent leaving a higher line (or a single parent) on their row."""
    return [
        (couple, descent)
        for couple in genogram.couples
        for descent in genogram.descents
        if descent.row == couple.row
        and descent.level < couple.level
        and min(couple.ends) + 1e-6 < descent.x < max(couple.ends) - 1e-6
    ]


@pytest.mark.parametrize("public", [False, True], ids=["named", "public"])
@pytest.mark.parametrize("path", FAMILIES, ids=family_ids)
def test_every_word_prints_at_8_points_at_least_and_breaks_between_words(path: Path, public: bool) -> None:
    genogram = drawn(path, public)
    root = etree.fromstring(draw(genogram).encode("utf-8"))
    sizes = [float(re.search(r"font-size: ([\d.]+)px", p.get("style"))[1]) for p in root.iter("p")]
    assert sizes and min(sizes) >= SMALLEST_PRINT - 0.01, "labels, ages and the legend: 8 pt or more"
    assert float(root.get("data-width")) <= 640, "no wider than the text of an A4 page"
    grid = fit(genogram)
    for symbol in genogram.symbols:
        lines, _ = grid.labels[symbol.id]
        rejoined = "".join(line + ("" if line.endswith("-") else " ") for line in lines).replace("\u00a0", " ")
        assert rejoined.strip() == " ".join(symbol.label), "broken only between words (or at a hyphen)"
        assert not any(re.fullmatch(r"\d+(?:'s)?", line) for line in lines), "a number stays with its word"


@pytest.mark.parametrize("public", [False, True], ids=["named", "public"])
@pytest.mark.parametrize("path", FAMILIES, ids=family_ids)
def test_no_partner_line_crosses_a_line_of_descent(path: Path, public: bool) -> None:
    assert crossings(drawn(path, public)) == []


@pytest.mark.parametrize("public", [False, True], ids=["named", "public"])
@pytest.mark.parametrize("path", FAMILIES, ids=family_ids)
def test_children_of_the_same_parents_stand_eldest_first(path: Path, public: bool) -> None:
    case = load_case(path)
    born = {CHILD: case.subject.date_of_birth, **{m.id: m.date_of_birth for m in case.family}}
    genogram = drawn(path, public)
    for descent in genogram.descents:
        children = sorted(
            (s for s in genogram.symbols if s.row == descent.row + 1 and s.x in descent.children), key=lambda s: s.x
        )
        dates = [born[s.id] for s in children if born[s.id]]
        assert dates == sorted(dates), [s.id for s in children]


def test_a_blended_family_with_twins_and_a_sister_who_died() -> None:
    """The joint review's family: Ruby, her sister who died as a baby, her mother's twins with her husband."""
    path = CORPUS / "joint-review.yaml"
    named, public = drawn(path, False), drawn(path, True)
    twins = [named.symbol("twin-1"), named.symbol("twin-2")]
    assert twins[0].row == twins[1].row == named.symbol(CHILD).row and abs(twins[0].x - twins[1].x) >= 1
    sister = named.symbol("sister")
    assert sister.deceased and sister.age == "", "the age at death is in the label, clear of the cross"
    assert sister.label == ("Chantelle Bailey", "Sister", "Died 2008, aged 7 months")
    assert sister.x < named.symbol(CHILD).x, "the elder sister on the left"
    assert public.symbol("sister").label == ("Sister", "Deceased, aged 7 months")
    assert public.symbol("sister").x < public.symbol(CHILD).x, "birth order from the ages an anonymised case gives"
    assert "Sister, 7 months, deceased" in public.description
    words = " ".join(etree.fromstring(draw(public).encode("utf-8")).itertext())
    assert "Deceased" in words and "Half-brother 1" in words and "Half-brother 2" in words
    assert len(named.couples) == 2 and crossings(named) == [], "the mother's two partnerships, neither crossed"


def test_a_partner_without_children_stands_nearest_so_no_line_crosses(case: Case) -> None:
    """The mother's partner (no children with her) stands beside her, the fathers of her children further out,
    the father of the eldest child on the left."""
    genogram = layout(case, anonymised=False)
    order = sorted(("partner", "mother", "sibling-2-father", "father"), key=lambda p: genogram.symbol(p).x)
    assert order == ["sibling-2-father", "partner", "mother", "father"]
    assert crossings(genogram) == []


def test_public_genogram_gives_adults_ages_by_decade() -> None:
    genogram = drawn(SAMPLE, public=True)
    ages = {s.id: s.age for s in genogram.symbols}
    assert ages["mother"] == "30s" and ages["sibling-1"] == "18+" and ages[CHILD] == "2" and ages["sibling-2"] == "10"
    assert "in her 30s" in genogram.description and "36 years" not in genogram.description
    words = " ".join(etree.fromstring(draw(genogram).encode("utf-8")).itertext())
    assert "adults' by decade" in words
    assert genogram.symbol("sibling-2-father").label == ("Half-brother 2's father",)
    assert "adults' by decade" not in " ".join(etree.fromstring(draw(drawn(SAMPLE, False)).encode()).itertext())


def test_an_adult_who_died_is_labelled_with_their_decade_in_a_public_genogram(case: Case) -> None:
    import datetime as dt

    grandmother = next(m for m in case.family if m.id == "maternal-grandmother")
    died = grandmother.model_copy(update={"date_of_death": dt.date(2020, 3, 1)})
    changed = case.model_copy(update={"family": [died if m.id == died.id else m for m in case.family]})
    genogram = layout(anonymise_case(changed, public=True), True, True)
    assert genogram.symbol("maternal-grandmother").label == ("Maternal grandmother", "Deceased, in her 50s")
