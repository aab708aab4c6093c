"""Plain markup read with regular expressions gives exactly the calls Python's HTMLParser makes; other markup is
left to HTMLParser."""

from __future__ import annotations

from html.parser import HTMLParser

from hypothesis import given, settings
from hypothesis import strategies as st

from docgen import render, supported_documents
from docgen.rendering.docx.html_tokens import Event, plain_events
from docgen.rendering.docx.raster import pictures_for_word

from .conftest import sample_case


class Recorder(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.events: list[Event] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.events.append(("start", tag, attrs))

    def handle_endtag(self, tag: str) -> None:
        self.events.append(("end", tag))

    def handle_data(self, data: str) -> None:
        self.events.append(("data", data))


def parsed(html: str) -> list[Event]:
    recorder = Recorder()
    recorder.feed(html)
    recorder.close()
    return recorder.events


PIECES = st.sampled_from(
    [
        "<p>", "</p>", "<td class=\"nowrap\">", "</td>", "<br>", "<br/>", "<br />", "<hr/>", "<p/>", "<P>", "</P>",
        '<a href="#x&amp;y">', "</a>", '<span data-x="1" hidden>', '<col style="width: 7.0%">', '<p class="">',
        "<p\nclass=\"a\">", "<p  >", "</p >", "<p class='a'>", "<p class=a>", "<!-- c -->", "<!DOCTYPE html>",
        "<script>", "</script>", "<style>", "<title>", "<?x?>", "<my-tag>", "</", "<", ">", "&", "&amp;", "&lt;",
        "&#39;", "&#x27;", "&nbsp;", "&notanentity;", "&amp", "&#", "\n", " ", "\t", "text", "Siân", "a<b", "\u00a0",
        "<p\u00a0class=\"a\">", "<p\tclass=\"a\">", "<b>", "</b>", "<strong>", '<p title="a > b">', '<p title="<">',
    ]
)  # fmt: skip


@settings(max_examples=1500, deadline=None)
@given(st.lists(PIECES, max_size=12).map("".join))
def test_plain_markup_gives_htmlparsers_calls(html: str) -> None:
    events = plain_events(html)
    if events is not None:
        assert events == parsed(html)


def test_docgens_own_pages_are_plain() -> None:
    """Their bodies as the Word builder reads them: drawings (SVG) turned into pictures."""
    case = sample_case()
    for kind, agency, to, enclosed_in in supported_documents(case):
        page = render(case, kind, "html", agency=agency, to=to, enclosed_in=enclosed_in).content.decode("utf-8")
        assert plain_events(pictures_for_word(page[page.index("<body") :])) is not None, kind
