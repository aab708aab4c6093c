"""Typographic quotes and apostrophes: the function on its own, and every document of the example and corpus
cases keeping to one kind of quote (the proof's `mixed-quotes` finds nothing)."""

from __future__ import annotations

import re
from functools import cache
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from docgen import Case, RenderedDocument, load_case
from docgen.gate.extract import docx_parts_text, pdf_metadata_text
from docgen.rendering.typography import curly_quotes, typographic_html
from docgen.text.folding import straight_quotes

from .conftest import ROOT, rendered_from, sample_case, text_of

CORPUS = ROOT / "examples" / "corpus"


def test_apostrophes_inside_and_at_the_end_of_words() -> None:
    assert curly_quotes("the child's mother, the parents' views") == "the child’s mother, the parents’ views"
    assert curly_quotes("Kieran O'Brien and D'Souza-O'Neill") == "Kieran O’Brien and D’Souza-O’Neill"
    assert curly_quotes("born in the '90s") == "born in the ’90s"


def test_quotes_open_and_close_by_what_is_around_them() -> None:
    assert curly_quotes('"Safe," she said. "Home."') == "“Safe,” she said. “Home.”"
    assert curly_quotes("'Yes' (\"no\") – 'maybe'") == "‘Yes’ (“no”) – ‘maybe’"
    assert curly_quotes("He said \"it's 'fine'\".") == "He said “it’s ‘fine’”."
    assert curly_quotes("\"'Nested'\"") == "“‘Nested’”"
    assert curly_quotes("“Already” curly’s") == "“Already” curly’s"


def test_only_the_text_of_html_changes() -> None:
    page = '<p class="a" data-x=\'1\'>"Hi"</p><a href="https://example.org/?q=\'x\'">it\'s</a>'
    assert typographic_html(page) == "<p class=\"a\" data-x='1'>“Hi”</p><a href=\"https://example.org/?q='x'\">it’s</a>"
    assert typographic_html("<!-- it's --><p>x</p>") == "<!-- it's --><p>x</p>"
    assert (
        typographic_html('<img alt="Mother&#39;s partner" src="data:,">') == '<img alt="Mother’s partner" src="data:,">'
    )


def test_code_and_preformatted_text_are_kept_as_typed() -> None:
    html = "<p>Type <code>'yes'</code>, it's <kbd>\"q\"</kbd></p><pre>a = 'b'\n</pre><p>'c'</p>"
    assert (
        typographic_html(html) == "<p>Type <code>'yes'</code>, it’s <kbd>\"q\"</kbd></p><pre>a = 'b'\n</pre><p>‘c’</p>"
    )


def test_entities_from_autoescaping_and_markdown() -> None:
    html = "<p>&quot;The child&#39;s home,&quot; &amp;&#34;more&#x22;</p><p>&amp;#39; stays</p>"
    assert typographic_html(html) == "<p>“The child’s home,” &amp;”more”</p><p>&amp;#39; stays</p>"
    assert typographic_html("<p>a&nbsp;&#39;b&#39;</p>") == "<p>a&nbsp;‘b’</p>"


def test_a_quote_after_an_inline_element_follows_its_text_and_a_new_block_starts_afresh() -> None:
    html = '<p><em>Jo</em>\'s and <strong>"bold"</strong></p>\n<p>"New"</p><td>\'x\'</td>'
    assert typographic_html(html) == "<p><em>Jo</em>’s and <strong>“bold”</strong></p>\n<p>“New”</p><td>‘x’</td>"
    assert typographic_html("<p>Ends.</p><p>'Starts'</p>") == "<p>Ends.</p><p>‘Starts’</p>"


def test_straight_quotes_fold_back_one_for_one() -> None:
    text = "the child’s “safe ‘place’”"
    assert straight_quotes(text) == "the child's \"safe 'place'\"" and len(straight_quotes(text)) == len(text)


TEXT = st.text(st.sampled_from("ab1 \u00a0'\"‘’“”(-–.,;"), max_size=40)
TAGS = st.sampled_from(["<p>", "</p>", "<em>", "</em>", '<a href="x\'y">', "</a>", "<br>", "<td>", "</td>"])


@given(st.lists(st.tuples(TEXT, TAGS), max_size=8), TEXT)
def test_every_straight_quote_becomes_a_curly_one_and_nothing_else_changes(
    pieces: list[tuple[str, str]], last: str
) -> None:
    markup = "".join(text + tag for text, tag in pieces) + last
    curled = typographic_html(markup)
    assert straight_quotes(curled) == straight_quotes(markup)
    assert [tag for _, tag in pieces] == [tag for tag in re.findall(r"<[^>]*>", curled)]
    assert not re.search(r"['\"]", re.sub(r"<[^>]*>", "", curled))
    assert straight_quotes(curly_quotes(last)) == straight_quotes(last) and not re.search(r"['\"]", curly_quotes(last))


@cache
def _case(path: Path) -> Case:
    return load_case(path)


def _documents(case: Case, kinds: tuple[tuple[str, str | None, str | None], ...]) -> list[RenderedDocument]:
    return [rendered_from(case, kind, fmt, agency, None, to) for kind, agency, to in kinds for fmt in ("docx", "pdf")]


def _assert_one_kind_of_quote(documents: list[RenderedDocument]) -> None:
    for document in documents:
        assert not [f for f in document.findings if f.rule == "mixed-quotes"], document.filename
        metadata = (
            "\n".join(docx_parts_text(document.content).values())
            if document.format == "docx"
            else pdf_metadata_text(document.content)
        )
        assert "'" not in text_of(document) + metadata and '"' not in text_of(document) + metadata, document.filename


def test_the_example_cases_letters_and_reports_keep_to_curly_quotes() -> None:
    kinds = (
        ("letter-4", None, None),
        ("letter-5", None, "mother"),
        ("imr", "csc", None),
        ("ofsted-notification", None, None),
    )
    documents = _documents(sample_case(), kinds)
    _assert_one_kind_of_quote(documents)
    imr_docx, imr_pdf = documents[4:6]
    assert "Child’s views" in text_of(imr_docx) and "Child’s views" in text_of(imr_pdf)
    assert "Invitation to the authors’ briefing" in docx_parts_text(documents[0].content)["docProps/core.xml"]
    assert "authors’ briefing" in pdf_metadata_text(documents[1].content)


@pytest.mark.slow
@pytest.mark.parametrize("name", ["child-died", "joint-review", "welsh-border-interpreter"])
def test_the_corpus_cases_documents_keep_to_curly_quotes(name: str) -> None:
    case = _case(CORPUS / f"{name}.yaml")
    brief = ("imr-author-brief", case.agencies[0].id, None)
    documents = _documents(
        case, (("letter-1", None, None), ("letter-4", None, None), brief, ("scoping-document", None, None))
    )
    _assert_one_kind_of_quote(documents)
