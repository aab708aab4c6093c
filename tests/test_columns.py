"""Column specifications: every table's widths add up to the whole width."""

from __future__ import annotations

import pytest

from docgen.derive import columns
from docgen.rendering.text_width import text_width

TABLES = {name: value for name, value in vars(columns).items() if name.isupper()}


@pytest.mark.parametrize("name", sorted(TABLES))
def test_widths_add_up_to_the_table(name: str) -> None:
    table = TABLES[name]
    assert abs(sum(column.width for column in table) - 1) < 1e-9
    assert len({column.key for column in table}) == len(table)


def test_the_chronology_has_the_appendix_v_columns_in_order() -> None:
    assert [c.heading.split()[0] for c in columns.CHRONOLOGY] == [
        "Date",
        "Time",
        "Child/Family",
        "Professional",
        "Significant",
        "Agency",
        "Management",
    ]


def test_every_word_of_the_action_plans_headings_fits_its_column() -> None:
    """The landscape action plan (7.5 pt, bold headings): no heading word runs over its cell ('recommendations?')
    or is broken inside ('TIMESCAL E' in Word)."""
    text_mm, padding_mm = 257, 3.8  # A4 landscape between the margins; a cell's padding, both sides
    for column in columns.ACTION_PLAN:
        room = column.width * text_mm - padding_mm
        widest = max(text_width(word, 7.5, bold=True) / 72 * 25.4 for word in column.prompted.split())
        assert widest <= room, (column.key, round(widest, 1), round(room, 1))
