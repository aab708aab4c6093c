"""Column specifications: every table's widths add up to the whole width."""

from __future__ import annotations

import pytest

from docgen.derive import columns

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
