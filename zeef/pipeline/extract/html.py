"""HTML to text with the stdlib parser: for HTML files and HTML e-mail bodies.

Scripts, styles and templates are dropped; block elements start a new line
(paragraph-like ones a blank line), ``<br>`` is a line break, table cells are separated
by tabs, runs of whitespace collapse as a browser
would (except inside ``<pre>``); character references are resolved. Hidden text
(``display: none``) is kept on purpose: it is still in the document and may need
redacting.
"""

from __future__ import annotations

import re
from html.parser import HTMLParser

from zeef.domain.document import ReadDocument
from zeef.pipeline.extract import Reader
from zeef.pipeline.extract.text import decode_text

MEDIA_TYPE = "text/html"

_SKIP = {"script", "style", "template", "title"}
# Elements that stand on lines of their own, and those that are set off by a blank line.
_LINE = {
    "article", "aside", "caption", "center", "dd", "div", "dt", "fieldset", "figcaption",
    "footer", "form", "header", "li", "main", "nav", "section", "tr",
}  # fmt: skip
_PARAGRAPH = {
    "address", "blockquote", "dl", "figure", "h1", "h2", "h3", "h4", "h5", "h6", "hr",
    "ol", "p", "pre", "table", "ul",
}  # fmt: skip
_CELL = {"td", "th"}
_SPACES = re.compile(r"[^\S\n]+")  # whitespace but newlines (incl. no-break space)
_BLANK_LINES = re.compile(r"\n{3,}")
_SNIFF_RE = re.compile(rb"^\s*(?:<\?xml[^>]*>\s*)?(?:<!--.*?-->\s*)*<(?:!doctype\s+html|html)\b",
                       re.IGNORECASE | re.DOTALL)  # fmt: skip


class _TextParser(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.pieces: list[str] = []
        self._trailing_newlines = 2  # the start counts as a paragraph break
        self._skip = 0
        self._pre = 0
        self._cell_in_row = 0

    def _emit(self, text: str) -> None:
        self.pieces.append(text)
        stripped = text.rstrip("\n")
        if stripped:
            self._trailing_newlines = len(text) - len(stripped)
        else:
            self._trailing_newlines += len(text)

    def _break(self, newlines: int) -> None:
        """End the current line (1) or paragraph (2), unless that is already done."""
        if self._trailing_newlines < newlines:
            self._emit("\n" * (newlines - self._trailing_newlines))

    def _block(self, tag: str) -> None:
        if tag in _PARAGRAPH:
            self._break(2)
        elif tag in _LINE:
            self._break(1)

    def handle_starttag(self, tag: str, attrs) -> None:
        if tag in _SKIP:
            self._skip += 1
        elif tag == "br":
            self._emit("\n")
        elif tag in _CELL:
            if self._cell_in_row:
                self._emit("\t")
            self._cell_in_row += 1
        else:
            self._block(tag)
            if tag == "tr":
                self._cell_in_row = 0
            elif tag == "pre":
                self._pre += 1

    def handle_startendtag(self, tag: str, attrs) -> None:
        if tag == "br":
            self._emit("\n")
        else:
            self._block(tag)

    def handle_endtag(self, tag: str) -> None:
        if tag in _SKIP:
            self._skip = max(0, self._skip - 1)
            return
        self._block(tag)
        if tag == "pre":
            self._pre = max(0, self._pre - 1)

    def handle_data(self, data: str) -> None:
        if self._skip:
            return
        if self._pre:
            self._emit(data.replace("\r\n", "\n").replace("\r", "\n"))
            return
        data = re.sub(r"\s+", " ", data)
        if data == " " and self._trailing_newlines:
            return  # layout whitespace between blocks
        if data:
            self._emit(data)


def html_to_text(markup: str) -> str:
    parser = _TextParser()
    parser.feed(markup)
    parser.close()
    text = "".join(parser.pieces)
    lines = [_SPACES.sub(lambda m: "\t" if "\t" in m.group() else " ", line).strip(" ")
             for line in text.split("\n")]  # fmt: skip
    return _BLANK_LINES.sub("\n\n", "\n".join(lines)).strip("\n")


def sniff(data: bytes) -> str | None:
    head = data[:1024]
    if head.startswith(b"\xef\xbb\xbf"):
        head = head[3:]
    return MEDIA_TYPE if _SNIFF_RE.match(head) else None


def read(data: bytes, name: str, media_type: str) -> ReadDocument:
    return ReadDocument(name=name, media_type=MEDIA_TYPE, text=html_to_text(decode_text(data)))


READER = Reader(
    media_types=(MEDIA_TYPE,),
    read=read,
    sniff=sniff,
    extensions={".html": MEDIA_TYPE, ".htm": MEDIA_TYPE},
    strong=False,
    order=80,
)
