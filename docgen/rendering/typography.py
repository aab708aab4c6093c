"""Typographic quotation marks and apostrophes, as SmartyPants sets them: a document's straight quotes (typed in
templates, profiles and case files alike) become curly ones, so that every document keeps to one kind.

- An apostrophe inside or at the end of a word is ’ (`the child’s`, `O’Brien`, `parents’`), and so is one
  before a decade (`’90s`).
- A quote after a space, at the start of a paragraph or after an opening bracket, dash or quote opens (‘ “);
  any other closes (’ ”).
- In HTML only text is changed: what the page shows, and the words of its attributes that are read aloud or
  shown (`alt`, `title`, `aria-label`: a drawing's description becomes a Word picture's alternative text);
  never the tags or other attributes, nor what `<code>`, `<pre>` and their kin show verbatim. Quotes written
  as entities (`&#39;`, `&quot;` from autoescaping and Markdown) are set the same way.

>>> curly_quotes("the child's 'safe place' in the '90s")
'the child’s ‘safe place’ in the ’90s'
>>> typographic_html('<p title="x">&quot;Yes,&quot; <em>Jo</em>&#39;s <code>"a"</code></p>')
'<p title="x">“Yes,” <em>Jo</em>’s <code>"a"</code></p>'

Primes in measurements (5'10") are not told from quotes: they come out as ’ and ” like any other.

The same pass keeps together, with a no-break space, what a line must not split: a date's day and month
(`30 September`; the year of a whole date may go to the next line, so that a narrow column can hold it), a month
with its year when no day comes before (`March 2026`) and a label's number (`Social Worker 1`, `Recommendation 3`).

>>> bound("On 30 September 2026 Social Worker 1 met Half-brother 2 on Monday 12 January.").replace("\\xa0", "+")
'On 30+September 2026 Social Worker+1 met Half-brother+2 on Monday 12+January.'
>>> bound("In March 2026, on 2 March 2026.").replace("\\xa0", "+")
'In March+2026, on 2+March 2026.'
"""

from __future__ import annotations

import html
import re

_OPENERS = "([{<‘“—–-/"
"""Characters after which a quote opens (besides spaces and the start of a paragraph)."""
_DECADE = re.compile(r"\d\ds\b")
"""What follows an apostrophe that stands for a century's digits (’90s)."""
_PLAIN_QUOTE = re.compile(r"['\"]")
_HTML_QUOTE = re.compile(r"['\"]|&(?:#0*39|#[xX]0*27|apos|#0*34|#[xX]0*22|quot);")
_ENTITY_AT_END = re.compile(r"&(?:#\d+|#[xX][0-9a-fA-F]+|[A-Za-z]\w*);$")
_MARKUP = re.compile(
    r"<!--.*?-->|<!\[CDATA\[.*?\]\]>|<[!?]?/?[A-Za-z][^\s/>]*(?:\"[^\"]*\"|'[^']*'|[^'\">])*>", re.DOTALL
)
_TAG_NAME = re.compile(r"</?([A-Za-z][^\s/>]*)")
_READ_ATTRIBUTE = re.compile(r"""(\s(?:alt|title|aria-label|aria-description)\s*=\s*)("[^"]*"|'[^']*')""", re.I)
"""An attribute whose words a reader hears or sees, and its quoted value."""
_MONTH = "January|February|March|April|May|June|July|August|September|October|November|December"
_DAY_AND_MONTH = re.compile(rf"\b(\d{{1,2}}) ({_MONTH})\b")
_MONTH_AND_YEAR = re.compile(rf"(?<!\d\u00a0)\b({_MONTH}) (\d{{4}})\b")  # a month alone with its year
_LABEL_NUMBER = re.compile(rf"\b([A-Z][A-Za-z’'-]*) (\d{{1,3}})\b(?!\s(?:{_MONTH})\b)")
_VERBATIM = frozenset({"code", "pre", "kbd", "samp", "script", "style", "textarea"})
"""Elements whose text is shown as typed."""
_INLINE = frozenset(
    {"a", "abbr", "b", "bdi", "bdo", "cite", "code", "data", "del", "dfn", "em", "i", "ins", "kbd", "mark", "q"}
    | {"s", "samp", "small", "span", "strong", "sub", "sup", "time", "u", "var", "wbr"}
)
"""Elements inside a line of text: a quote after one is set by the text before it (`<em>Jo</em>'s`)."""


def curly_quotes(text: str) -> str:
    """Plain text (a document's title, subject and keywords) with typographic quotes and apostrophes."""
    return _curl(text, "", _PLAIN_QUOTE)[0]


def bound(text: str) -> str:
    """The text with a no-break space between a date's day and month, and between a label and its number."""
    dated = _MONTH_AND_YEAR.sub("\\1\u00a0\\2", _DAY_AND_MONTH.sub("\\1\u00a0\\2", text))
    return _LABEL_NUMBER.sub("\\1\u00a0\\2", dated)


def typographic_html(markup: str) -> str:
    """HTML with typographic quotes and apostrophes in its text, and no line break where one must not fall
    (`bound`); tags, attributes, comments and verbatim elements (`code`, `pre` …) as they were."""
    out: list[str] = []
    before, verbatim, position = "", 0, 0
    for tag in _MARKUP.finditer(markup):
        text = markup[position : tag.start()]
        if verbatim:
            out.append(text)
            before = _last_character(text) or before
        else:
            curled, before = _curl(text, before, _HTML_QUOTE)
            out.append(bound(curled))
        out.append(_READ_ATTRIBUTE.sub(_curled_attribute, tag.group()) if "=" in tag.group() else tag.group())
        position = tag.end()
        name = _TAG_NAME.match(tag.group())
        element = name[1].lower() if name else ""
        if element in _VERBATIM and not tag.group().endswith("/>"):
            verbatim = max(0, verbatim + (-1 if tag.group().startswith("</") else 1))
        if element not in _INLINE:
            before = ""
    text = markup[position:]
    out.append(text if verbatim else bound(_curl(text, before, _HTML_QUOTE)[0]))
    return "".join(out)


def _curled_attribute(attribute: re.Match[str]) -> str:
    """A readable attribute with typographic quotes in its value (its delimiting quotes kept)."""
    value = attribute[2]
    return f"{attribute[1]}{value[0]}{_curl(value[1:-1], '', _HTML_QUOTE)[0]}{value[-1]}"


def _curl(text: str, before: str, quotes: re.Pattern[str]) -> tuple[str, str]:
    """The text with its quotes set, given the character before it; and its own last character."""
    if "'" not in text and '"' not in text and "&" not in text:
        return text, _last_character(text) or before
    out: list[str] = []
    position = 0
    for found in quotes.finditer(text):
        if found.start() > position:
            out.append(text[position : found.start()])
            before = _last_character(text[position : found.start()])
        quote = found.group() if len(found.group()) == 1 else html.unescape(found.group())
        mark = _mark(quote, before, text[found.end() : found.end() + 3])
        out.append(mark)
        before, position = mark, found.end()
    out.append(text[position:])
    return "".join(out), _last_character(text[position:]) or before


def _mark(quote: str, before: str, after: str) -> str:
    """The typographic mark for a straight quote between two characters."""
    opening = not before or before.isspace() or before in _OPENERS
    if quote == '"':
        return "“" if opening else "”"
    return "‘" if opening and not _DECADE.match(after) else "’"


def _last_character(text: str) -> str:
    """The last character the text shows (an entity decoded); empty for no text."""
    if text.endswith(";") and (entity := _ENTITY_AT_END.search(text)):
        return html.unescape(entity.group())[-1:]
    return text[-1:]
