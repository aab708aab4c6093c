"""Narratives' Markdown: one line of plain words is turned into HTML without the parser, exactly as the parser
would turn it."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from docgen.rendering.markdown import PLAIN, _parser, markdown_to_html

WORDS = st.text(st.sampled_from("Aaé’'\"-–:;,.?()/#|=+>~0 \u00a0\u2028\x85\tz*_[]<&!`\\\n"), min_size=1)


@settings(max_examples=500, deadline=None)
@given(st.one_of(st.from_regex(PLAIN, fullmatch=True), WORDS.map(lambda text: "A" + text)))
def test_a_line_of_words_gives_the_parsers_html(text: str) -> None:
    assert markdown_to_html(text) == _parser().render(text)


def test_the_plain_way_is_taken_for_words_and_not_for_markup() -> None:
    assert PLAIN.fullmatch("Home visit; child seen at 10:30 – “well”.")
    for text in ("*Home* visit", "1. Home visit", "Home\nvisit", "See [the plan](x)", "A &amp; B", "    code"):
        assert not PLAIN.fullmatch(text)
