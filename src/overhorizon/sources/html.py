"""Web pages: the article's main text without menus, footers and comments, and its metadata.

Boilerplate removal is trafilatura's, a maintained extractor evaluated on news pages; nothing
here fetches anything, so a saved page is read offline exactly as a fetched one.
"""

from __future__ import annotations

import re

import lxml.html
import trafilatura
from lxml import etree

from overhorizon.errors import DamagedSourceError, EmptySourceError
from overhorizon.model.document import Document
from overhorizon.sources.base import RawSource, SourceOptions, finish
from overhorizon.sources.metadata import to_date

_SPACE = re.compile(r"\s+")
_HOST = re.compile(r"^[\w.-]+\.[\w-]+(?::\d+)?$|^[\w.-]+:\d+$")
_BLOCKS = frozenset(
    {"address", "article", "aside", "blockquote", "br", "dd", "div", "dl", "dt", "figcaption"}
    | {"figure", "footer", "h1", "h2", "h3", "h4", "h5", "h6", "header", "hr", "li", "main"}
    | {"nav", "ol", "p", "pre", "section", "table", "td", "th", "tr", "ul"}
)


def _markup(raw: RawSource) -> bytes | str:
    """The page as text when the server declared a usable charset, else bytes for detection."""
    if raw.charset:
        try:
            return raw.data.decode(raw.charset)
        except (UnicodeDecodeError, LookupError):
            pass
    return raw.data


def read_html(raw: RawSource, options: SourceOptions) -> list[Document]:
    """An HTML page: main text by trafilatura, title, publisher, date and canonical URL."""
    tree = trafilatura.load_html(_markup(raw))
    if tree is None:
        raise DamagedSourceError(f"{raw.source}: not a readable HTML document")
    language = tree.get("lang")
    result = trafilatura.bare_extraction(
        tree, url=raw.url, include_comments=False, with_metadata=True
    )
    if result is None or isinstance(result, dict) or not (result.text or "").strip():
        raise EmptySourceError(f"{raw.source}: no main text found in the page")
    return [
        finish(
            raw,
            options,
            text=result.text or "",
            media_type="text/html",
            title=result.title,
            publisher=_publisher(result.sitename, result.hostname, result.author),
            url=result.url,
            published=to_date(result.date),
            language=language,
        )
    ]


def _publisher(sitename: str | None, hostname: str | None, author: str | None) -> str | None:
    """The site's name; the author tag when the site name is only a host name filled in."""
    if sitename and sitename != hostname and not _HOST.match(sitename):
        return sitename
    return author or sitename


def html_to_text(fragment: str) -> str:
    """Readable text of an HTML fragment (a feed entry): tags dropped, blocks kept apart."""
    if "<" not in fragment:
        return fragment
    try:
        root = lxml.html.fragment_fromstring(fragment, create_parent="div")
    except (etree.ParserError, ValueError):
        return fragment
    etree.strip_elements(root, "script", "style", with_tail=False)
    for element in root.iter():
        if element.text:
            element.text = _SPACE.sub(" ", element.text)
        tail = _SPACE.sub(" ", element.tail) if element.tail else ""
        is_block = isinstance(element.tag, str) and element.tag.lower() in _BLOCKS
        element.tail = "\n" + tail if is_block else tail
    lines = (line.strip() for line in root.text_content().split("\n"))
    return "\n".join(line for line in lines if line)
