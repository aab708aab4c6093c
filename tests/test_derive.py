"""The tables derived from the case: chronology order, recommendation numbers, SMART checks."""

from __future__ import annotations

import datetime as dt

from docgen.derive import not_smart, number_recommendations, sorted_chronology
from docgen.model import ChronologyEntry, Recommendation


def entry(day: str, time: str | None = None, agency: str = "police", event: str = "e") -> ChronologyEntry:
    return ChronologyEntry.model_validate({"date": day, "time": time, "agency": agency, "event": event})


def test_month_only_dates_are_day_one_and_approximate() -> None:
    e = entry("2025-03")
    assert e.date == dt.date(2025, 3, 1) and e.approximate
    assert not entry("2025-03-07").approximate


def test_chronology_sorts_by_date_then_time_and_is_stable() -> None:
    entries = [
        entry("2025-05-02", "14:00", event="afternoon"),
        entry("2025-05-02", None, event="no time, first in file"),
        entry("2025-05-01", "09:00", agency="csc", event="day before"),
        entry("2025-05-02", "09:30", event="morning"),
        entry("2025-05-02", None, agency="csc", event="no time, second in file"),
        entry("2025-05", event="approximate May"),
    ]
    order = [e.event for e in sorted_chronology(entries)]
    assert order == [
        "approximate May",
        "day before",
        "no time, first in file",
        "no time, second in file",
        "morning",
        "afternoon",
    ]
    assert [e.event for e in sorted_chronology(entries, "csc")] == ["day before", "no time, second in file"]


def rec(text: str, number: int | None = None, parts: int = 0, **smart: str) -> Recommendation:
    return Recommendation.model_validate(
        {
            "text": text,
            "number": number,
            **smart,
            "parts": [{"text": f"{text} part {i}", **smart} for i in range(parts)],
        }
    )


def test_numbering_in_order_with_parts() -> None:
    numbered = number_recommendations([rec("a"), rec("b", parts=3), rec("c")])
    assert [n.number for n in numbered] == ["1", "2", "3"]
    assert [row.number for row in numbered[1].rows] == ["2a", "2b", "2c"]
    assert [row.number for row in numbered[0].rows] == ["1"]


def test_fixed_numbers_are_kept_and_others_fill_the_gaps() -> None:
    numbered = number_recommendations([rec("x"), rec("fixed three", 3), rec("y"), rec("z")])
    assert [(n.number, n.recommendation.text) for n in numbered] == [
        ("1", "x"),
        ("2", "y"),
        ("3", "fixed three"),
        ("4", "z"),
    ]


def test_many_parts_continue_after_z() -> None:
    rows = number_recommendations([rec("big", parts=28)])[0].rows
    assert [r.number for r in rows[24:]] == ["1y", "1z", "1aa", "1ab"]


def test_not_smart_lists_every_missing_column() -> None:
    smart = {"addressee": "Director", "action": "Do", "outcome": "Better", "monitoring": "Audit", "timescale": "2027"}
    smart |= {"agreed_at_level": "Chief Officer Group", "by_whom": "Head of Service"}  # section 2.4.14
    numbered = number_recommendations([rec("ok", **smart), rec("bare"), rec("split", parts=2, action="Do")])
    none_of = "no addressee, no level it was agreed at, no one responsible (by whom), no outcome, no monitoring"
    assert not_smart(numbered) == [
        "recommendation 2: no addressee, no level it was agreed at, no action, no one responsible (by whom),"
        " no outcome, no monitoring, no timescale",
        f"recommendation 3a: {none_of}, no timescale",
        f"recommendation 3b: {none_of}, no timescale",
    ]


def test_the_examples_in_the_docstrings_hold() -> None:
    import doctest
    import importlib

    for name in ("chronology_rows", "genogram_layout", "household", "action_plan", "report_parts"):
        module = importlib.import_module(f"docgen.derive.{name}")
        result = doctest.testmod(module)
        assert result.attempted and not result.failed, module.__name__
