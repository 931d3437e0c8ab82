"""Readers: real files of every supported format, good and bad, read into documents."""

from __future__ import annotations

import io
import time
from datetime import date
from pathlib import Path

import pytest
from pypdf import PdfReader

from overhorizon.errors import (
    DamagedSourceError,
    EmptySourceError,
    OversizedSourceError,
    SourceError,
    UnsupportedSourceError,
)
from overhorizon.sources import SourceOptions, expand_sources, read_source
from overhorizon.sources.html import html_to_text
from overhorizon.sources.metadata import normalise_reliability, normalise_tlp, to_date

REPORT = (
    "JALALABAD, April 18 — A suicide bomber struck outside a bank in the eastern city of "
    "Jalalabad on Saturday, killing at least 33 people and wounding more than 100, officials "
    "said. A man claiming to speak for the Islamic State's Khorasan branch said the group "
    "carried out the attack."
)


def make_pdf(
    lines: list[str],
    *,
    title: str | None = None,
    author: str | None = None,
    created: str | None = None,
) -> bytes:
    """A minimal one-page PDF drawing ``lines`` in Helvetica, with an info dictionary."""
    ops = ["BT", "/F1 12 Tf", "72 720 Td", "14 TL"]
    for line in lines:
        escaped = line.replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)")
        ops.append(f"({escaped}) '")
    ops.append("ET")
    stream = "\n".join(ops).encode("latin-1")
    info = " ".join(
        f"/{key} ({value})"
        for key, value in (("Title", title), ("Author", author), ("CreationDate", created))
        if value
    )
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R "
        b"/Resources << /Font << /F1 5 0 R >> >> >>",
        b"<< /Length %d >>\nstream\n" % len(stream) + stream + b"\nendstream",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
        f"<< {info} >>".encode("latin-1"),
    ]
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, 1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    for offset in offsets:
        out += b"%010d 00000 n \n" % offset
    out += b"trailer\n<< /Size %d /Root 1 0 R /Info 6 0 R >>\n" % (len(objects) + 1)
    out += b"startxref\n%d\n%%%%EOF\n" % xref
    return bytes(out)


def _write(path: Path, content: str | bytes) -> Path:
    if isinstance(content, str):
        path.write_text(content, encoding="utf-8")
    else:
        path.write_bytes(content)
    return path


def _one_line_naming(exc: SourceError, path: Path) -> None:
    message = str(exc)
    assert "\n" not in message
    assert str(path) in message


def test_text_file_with_headline(tmp_path: Path) -> None:
    path = _write(tmp_path / "bank.txt", f"Bomber strikes bank in Jalalabad\n\n{REPORT}\n")
    [doc] = read_source(path)
    assert doc.title == "Bomber strikes bank in Jalalabad"
    assert doc.text.startswith("Bomber strikes bank in Jalalabad\n\nJALALABAD")
    assert (doc.language, doc.media_type, doc.source) == ("en", "text/plain", str(path))
    assert (doc.reliability, doc.tlp, doc.published) == ("F", "clear", None)


def test_text_file_opening_with_a_paragraph_has_no_title(tmp_path: Path) -> None:
    path = _write(
        tmp_path / "wrapped.txt",
        "JALALABAD, April 18 — A suicide bomber struck\n"
        "outside a bank on Saturday.\n\nOfficials said 33 died.\n",
    )
    [doc] = read_source(path)
    assert doc.title is None


def test_cp1252_text_is_decoded_not_rejected(tmp_path: Path) -> None:
    text = (
        "Attaque près du marché\n\nLe café où l’explosion a eu lieu était plein ; « personne "
        "ne s’y attendait », a déclaré un témoin à l’agence. Le bilan s’élève à 45 morts."
    )
    path = _write(tmp_path / "marche.txt", text.encode("cp1252"))
    [doc] = read_source(path)
    assert doc.text == text
    assert doc.title == "Attaque près du marché"
    assert doc.language == "fr"


def test_latin1_and_utf16_text(tmp_path: Path) -> None:
    latin = _write(tmp_path / "latin.txt", "Résumé of the Kabul café attack.".encode("latin-1"))
    wide = _write(tmp_path / "wide.txt", "Résumé of the Kabul café attack.".encode("utf-16"))
    assert read_source(latin)[0].text == "Résumé of the Kabul café attack."
    assert read_source(wide)[0].text == "Résumé of the Kabul café attack."


def test_binary_junk_named_txt_is_damaged(tmp_path: Path) -> None:
    path = _write(tmp_path / "junk.txt", bytes(range(256)) * 8)
    with pytest.raises(DamagedSourceError) as caught:
        read_source(path)
    _one_line_naming(caught.value, path)
    assert caught.value.code == "OH303"


def test_empty_and_blank_files(tmp_path: Path) -> None:
    empty = _write(tmp_path / "empty.txt", b"")
    blank = _write(tmp_path / "blank.md", " \n\t\n\n")
    for path in (empty, blank):
        with pytest.raises(EmptySourceError) as caught:
            read_source(path)
        _one_line_naming(caught.value, path)


def test_markdown_front_matter(tmp_path: Path) -> None:
    path = _write(
        tmp_path / "report.md",
        "---\n"
        "title: Bank bombing in Jalalabad\n"
        "publisher: Hindu Kush Herald\n"
        "published: 2015-04-19\n"
        "url: https://example.org/hkh/2015/04/19/bank\n"
        "language: en-GB\n"
        "reliability: B2\n"
        "tlp: TLP:AMBER\n"
        "---\n"
        f"{REPORT}\n",
    )
    [doc] = read_source(path)
    assert doc.title == "Bank bombing in Jalalabad"
    assert doc.publisher == "Hindu Kush Herald"
    assert doc.published == date(2015, 4, 19)
    assert doc.url == "https://example.org/hkh/2015/04/19/bank"
    assert doc.language == "en"
    assert (doc.reliability, doc.tlp) == ("B", "amber")
    assert doc.text == REPORT
    assert doc.media_type == "text/markdown"


def test_markdown_heading_becomes_title(tmp_path: Path) -> None:
    path = _write(tmp_path / "heading.md", f"# Bank bombing in Jalalabad\n\n{REPORT}\n")
    [doc] = read_source(path)
    assert doc.title == "Bank bombing in Jalalabad"
    assert doc.text == REPORT


def test_markdown_title_in_front_matter_keeps_heading_in_text(tmp_path: Path) -> None:
    path = _write(tmp_path / "both.md", f"---\ntitle: Given\n---\n# Heading\n\n{REPORT}\n")
    [doc] = read_source(path)
    assert doc.title == "Given"
    assert doc.text.startswith("# Heading")


@pytest.mark.parametrize(
    ("front", "reason"),
    [
        ("title: [unclosed\n", "not valid YAML"),
        ("- a list\n", "not a mapping"),
        ("reliability: Z\n", "not an Admiralty grade"),
        ("tlp: secret\n", "not a TLP 2.0 label"),
    ],
)
def test_markdown_bad_front_matter(tmp_path: Path, front: str, reason: str) -> None:
    path = _write(tmp_path / "bad.md", f"---\n{front}---\n{REPORT}\n")
    with pytest.raises(DamagedSourceError, match=reason) as caught:
        read_source(path)
    _one_line_naming(caught.value, path)


def test_markings_from_options_only_where_the_source_has_none(tmp_path: Path) -> None:
    marked = _write(tmp_path / "marked.md", f"---\nreliability: A\ntlp: red\n---\n{REPORT}\n")
    plain = _write(tmp_path / "plain.md", f"{REPORT} Second copy.\n")
    options = SourceOptions(reliability="C", tlp="green")
    assert (read_source(marked, options)[0].reliability, read_source(marked, options)[0].tlp) == (
        "A",
        "red",
    )
    assert (read_source(plain, options)[0].reliability, read_source(plain, options)[0].tlp) == (
        "C",
        "green",
    )


PAGE = """<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8">
<title>Bomber kills 33 outside Jalalabad bank | Hindu Kush Herald</title>
<meta property="og:site_name" content="Hindu Kush Herald">
<meta name="author" content="Staff reporter">
<meta property="article:published_time" content="2015-04-18T10:00:00Z">
<link rel="canonical" href="https://example.org/hkh/2015/04/18/jalalabad-bank">
<script>var tracker = "analytics";</script>
</head><body>
<nav><a href="/">Home</a> <a href="/world">World</a> <a href="/login">Subscribe today</a></nav>
<article><h1>Bomber kills 33 outside Jalalabad bank</h1>
<p>{report}</p>
<p>Provincial officials said most of the victims were government employees collecting their
salaries, and that the toll could rise as many of the wounded were in a critical state.</p>
</article>
<div class="comments"><p>Comment by reader42: first!!! this is what I always said</p></div>
<footer>Copyright 2015 Hindu Kush Herald. All rights reserved. Cookie settings.</footer>
</body></html>
"""


def test_html_main_text_and_metadata(tmp_path: Path) -> None:
    path = _write(tmp_path / "bank.html", PAGE.format(report=REPORT))
    [doc] = read_source(path)
    assert doc.title == "Bomber kills 33 outside Jalalabad bank"
    assert doc.publisher == "Hindu Kush Herald"
    assert doc.published == date(2015, 4, 18)
    assert doc.url == "https://example.org/hkh/2015/04/18/jalalabad-bank"
    assert (doc.language, doc.media_type) == ("en", "text/html")
    assert "killing at least 33 people" in doc.text
    assert "government employees" in doc.text
    for boilerplate in ("Subscribe today", "Copyright", "tracker", "reader42"):
        assert boilerplate not in doc.text


def test_a_web_page_saved_as_text_is_read_as_the_page(tmp_path: Path) -> None:
    [page] = read_source(_write(tmp_path / "bank.txt", PAGE.format(report=REPORT)))
    assert (page.media_type, page.published) == ("text/html", date(2015, 4, 18))
    assert "killing at least 33 people" in page.text
    assert "<p>" not in page.text and "reader42" not in page.text
    [plain] = read_source(_write(tmp_path / "note.txt", "A note on <b>markup</b> in text."))
    assert plain.text == "A note on <b>markup</b> in text."


def test_html_without_text_is_empty(tmp_path: Path) -> None:
    path = _write(tmp_path / "blank.htm", "<html><head><title>x</title></head><body></body></html>")
    with pytest.raises(EmptySourceError):
        read_source(path)


def test_pdf_text_and_info(tmp_path: Path) -> None:
    data = make_pdf(
        ["KABUL, Aug. 26 - A suicide bomber struck the airport gate.", "At least 170 died."],
        title="Airport attack (summary)",
        author="Horizon Wire",
        created="20210826120000Z",
    )
    path = _write(tmp_path / "airport.pdf", data)
    [doc] = read_source(path)
    assert doc.text == (
        "KABUL, Aug. 26 - A suicide bomber struck the airport gate.\nAt least 170 died."
    )
    assert (doc.title, doc.publisher) == ("Airport attack (summary)", "Horizon Wire")
    assert doc.published == date(2021, 8, 26)
    assert (doc.media_type, doc.language) == ("application/pdf", "en")


def test_truncated_pdf_is_damaged(tmp_path: Path) -> None:
    data = make_pdf(["The whole report is on this page and will be cut off."])
    assert "cut off" in PdfReader(io.BytesIO(data)).pages[0].extract_text()
    path = _write(tmp_path / "cut.pdf", data[: len(data) // 2])
    with pytest.raises(DamagedSourceError, match="damaged PDF") as caught:
        read_source(path)
    _one_line_naming(caught.value, path)


def test_pdf_without_text_is_empty(tmp_path: Path) -> None:
    path = _write(tmp_path / "scan.pdf", make_pdf([]))
    with pytest.raises(EmptySourceError, match="no extractable text"):
        read_source(path)


RSS = """<?xml version="1.0" encoding="utf-8"?>
<rss version="2.0"><channel>
<title>Horizon Wire - South Asia</title><link>https://example.org/hw</link>
<language>en-us</language>
<item><title>Bank bombing in Jalalabad</title><link>https://example.org/hw/1</link>
<pubDate>Sat, 18 Apr 2015 10:00:00 GMT</pubDate>
<description>&lt;p&gt;A suicide bomber struck &lt;b&gt;outside a bank&lt;/b&gt; in
Jalalabad.&lt;/p&gt;&lt;p&gt;At least 33 people were killed.&lt;/p&gt;</description></item>
<item><title>Toll rises</title><link>https://example.org/hw/2</link>
<pubDate>Sun, 19 Apr 2015 09:00:00 GMT</pubDate>
<description>Officials in Kabul said the toll from the bank bombing rose to 35.</description>
</item>
</channel></rss>
"""

ATOM = """<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom"><title>Steppe Monitor</title>
<id>urn:steppe</id><updated>2022-04-20T00:00:00Z</updated>
<entry><title>Rockets fired at Termez</title><id>urn:steppe:1</id>
<link href="https://example.org/sm/termez"/><updated>2022-04-19T08:00:00Z</updated>
<summary>Short summary.</summary>
<content type="html">&lt;p&gt;The group claimed rocket fire at the Uzbek border town of
Termez.&lt;/p&gt;&lt;script&gt;alert(1)&lt;/script&gt;</content></entry>
</feed>
"""


def test_rss_feed_entries_are_documents(tmp_path: Path) -> None:
    path = _write(tmp_path / "wire.rss", RSS)
    first, second = read_source(path)
    assert first.title == "Bank bombing in Jalalabad"
    assert first.url == "https://example.org/hw/1"
    assert first.published == date(2015, 4, 18)
    assert first.publisher == "Horizon Wire - South Asia"
    assert first.language == "en"
    assert first.text == (
        "A suicide bomber struck outside a bank in Jalalabad.\nAt least 33 people were killed."
    )
    assert first.source == second.source == str(path)
    assert second.text == "Officials in Kabul said the toll from the bank bombing rose to 35."
    assert first.media_type == "application/rss+xml"


def test_atom_feed_recognised_by_content(tmp_path: Path) -> None:
    path = _write(tmp_path / "steppe.feed", ATOM)
    [doc] = read_source(path)
    assert doc.title == "Rockets fired at Termez"
    assert doc.url == "https://example.org/sm/termez"
    assert doc.published == date(2022, 4, 19)
    assert doc.publisher == "Steppe Monitor"
    assert doc.text == "The group claimed rocket fire at the Uzbek border town of Termez."
    assert doc.media_type == "application/atom+xml"


def test_malformed_feed_is_damaged(tmp_path: Path) -> None:
    path = _write(tmp_path / "broken.xml", "<?xml version='1.0'?><rss><channel><title>W</ti")
    with pytest.raises(DamagedSourceError, match="malformed feed") as caught:
        read_source(path)
    _one_line_naming(caught.value, path)


def test_feed_without_entries_is_empty(tmp_path: Path) -> None:
    path = _write(
        tmp_path / "none.rss", "<rss version='2.0'><channel><title>W</title></channel></rss>"
    )
    with pytest.raises(EmptySourceError, match="no entries"):
        read_source(path)


def test_unknown_extension_read_by_content(tmp_path: Path) -> None:
    text = _write(tmp_path / "notes.log", f"{REPORT}\n")
    assert read_source(text)[0].text == REPORT
    page = _write(tmp_path / "saved.page", PAGE.format(report=REPORT))
    assert read_source(page)[0].media_type == "text/html"
    pdf = _write(tmp_path / "report.bin", make_pdf(["A report kept without an extension."]))
    assert read_source(pdf)[0].text == "A report kept without an extension."


def test_unknown_extension_with_binary_content_is_unsupported(tmp_path: Path) -> None:
    path = _write(tmp_path / "photo.png", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(200))
    with pytest.raises(UnsupportedSourceError) as caught:
        read_source(path)
    _one_line_naming(caught.value, path)
    assert caught.value.code == "OH302"


def test_oversized_file_refused_without_reading(tmp_path: Path) -> None:
    path = tmp_path / "huge.txt"
    with path.open("wb") as handle:
        handle.truncate(200 * 1024 * 1024)
    started = time.perf_counter()
    with pytest.raises(OversizedSourceError, match=r"200\.0 MB is over the 50 MB limit") as caught:
        read_source(path)
    assert time.perf_counter() - started < 1.0
    _one_line_naming(caught.value, path)


def test_size_limit_is_configurable(tmp_path: Path) -> None:
    path = _write(tmp_path / "small.txt", REPORT)
    with pytest.raises(OversizedSourceError):
        read_source(path, SourceOptions(max_bytes=100))
    assert read_source(path, SourceOptions(max_bytes=len(REPORT.encode()) + 10))


def test_missing_file(tmp_path: Path) -> None:
    path = tmp_path / "nowhere.txt"
    with pytest.raises(SourceError, match="no such file") as caught:
        read_source(path)
    _one_line_naming(caught.value, path)


def test_folders_expand_recursively_sorted_without_hidden(tmp_path: Path) -> None:
    for name in ("b.txt", "a.md", "sub/c.txt", "sub/.hidden.txt", ".git/config", "z/.d/x.txt"):
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        _write(tmp_path / name, "text")
    found = [Path(p).relative_to(tmp_path).as_posix() for p in expand_sources([tmp_path])]
    assert found == ["a.md", "b.txt", "sub/c.txt"]
    assert expand_sources(["https://example.org/feed", "missing.txt"]) == [
        "https://example.org/feed",
        "missing.txt",
    ]


def test_language_detected_when_not_declared(tmp_path: Path) -> None:
    french = _write(
        tmp_path / "fr.md", "Un attentat suicide a frappé une banque de Jalalabad samedi matin."
    )
    assert read_source(french)[0].language == "fr"


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("2015-04-18", date(2015, 4, 18)),
        ("2015-04-18T10:00:00Z", date(2015, 4, 18)),
        ("Sat, 18 Apr 2015 10:00:00 GMT", date(2015, 4, 18)),
        ("D:20150418100000+04'30'", date(2015, 4, 18)),
        (date(2015, 4, 18), date(2015, 4, 18)),
        ("last spring", None),
        ("", None),
        (None, None),
        ("2015-13-45", None),
    ],
)
def test_dates_from_metadata(value: object, expected: date | None) -> None:
    assert to_date(value) == expected


def test_markings_normalised() -> None:
    assert [normalise_reliability(v) for v in ("b", "C3", "G", "AB", None)] == [
        "B",
        "C",
        None,
        None,
        None,
    ]
    assert [normalise_tlp(v) for v in ("TLP:AMBER+STRICT", "white", "Green", "secret")] == [
        "amber+strict",
        "clear",
        "green",
        None,
    ]


def test_html_fragment_to_text() -> None:
    fragment = "<p>One <b>bold</b> claim.</p><ul><li>first</li><li>second</li></ul><style>x</style>"
    assert html_to_text(fragment) == "One bold claim.\nfirst\nsecond"
    assert html_to_text("no markup at all") == "no markup at all"
