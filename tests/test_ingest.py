"""The batch runner and ``overhorizon ingest``: real files, a real store, a real HTTP server."""

from __future__ import annotations

import socket
import threading
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from overhorizon.cli.app import app
from overhorizon.errors import FetchError
from overhorizon.model.builder import StatementFactory, entity_id
from overhorizon.model.document import Document
from overhorizon.model.statement import Statement
from overhorizon.sources import SourceOptions, ingest, read_source
from overhorizon.store import SQLStore, StatementQuery

pytestmark = pytest.mark.store

GROUP = "Islamic State Khorasan Province"
PAGE = """<!DOCTYPE html><html lang="en"><head><meta charset="utf-8">
<title>Gunmen storm Kabul gurdwara</title><meta name="author" content="Hindu Kush Herald">
<meta property="article:published_time" content="2020-03-26"></head><body>
<nav><a href="/">Home</a> <a href="/login">Sign in to read more</a></nav>
<article><h1>Gunmen storm Kabul gurdwara</h1>
<p>KABUL, March 26 — Gunmen stormed a Sikh house of worship in the old city of Kabul during
morning prayers on Wednesday, killing 25 worshippers in an assault that lasted six hours.</p>
<p>Islamic State Khorasan Province said through its news agency that its fighters carried out
the attack, which the Interior Ministry said ended when security forces killed the attackers.</p>
</article><footer>Copyright 2020 Hindu Kush Herald</footer></body></html>
"""
FEED = """<?xml version="1.0" encoding="utf-8"?>
<rss version="2.0"><channel><title>Steppe Monitor</title><link>https://example.org/sm</link>
<item><title>Rockets at Termez</title><link>https://example.org/sm/1</link>
<pubDate>Tue, 19 Apr 2022 08:00:00 GMT</pubDate>
<description>The group claimed rocket fire at the Uzbek border town of Termez.</description></item>
<item><title>Rockets at Tajikistan</title><link>https://example.org/sm/2</link>
<pubDate>Mon, 09 May 2022 08:00:00 GMT</pubDate>
<description>The group said it fired rockets into Tajikistan from Takhar.</description></item>
</channel></rss>
"""


def _report(number: int) -> str:
    return (
        f"Report {number}: officials in Kabul said {GROUP} carried out attack number {number} "
        f"in the east of the country, killing {number + 3} people."
    )


def _folder(root: Path, count: int) -> Path:
    root.mkdir(parents=True, exist_ok=True)
    for number in range(count):
        (root / f"{number:03d}.md").write_text(_report(number), encoding="utf-8")
    return root


class NameExtractor:
    """Finds the group's name in each document; can be made to fail on one document."""

    def __init__(self, fail_on: str | None = None, error: BaseException | None = None) -> None:
        self.fail_on = fail_on
        self.error = error or RuntimeError("extractor crashed")
        self.batches: list[int] = []

    def extract(self, documents: Sequence[Document]) -> list[list[Statement]]:
        self.batches.append(len(documents))
        found = []
        for document in documents:
            if self.fail_on is not None and self.fail_on in document.text:
                raise self.error
            make = StatementFactory("extractor:test@1", document=document)
            start = document.text.index(GROUP)
            span = (start, start + len(GROUP))
            gid = entity_id("ArmedGroup", GROUP)
            found.append(
                [
                    make.make(gid, "ArmedGroup", "name", GROUP, span=span),
                    make.make(gid, "ArmedGroup", "alias", "ISKP", span=span),
                ]
            )
        return found


class InterruptedList(list[Statement]):
    """Statements whose writing is interrupted by Ctrl-C after the first one."""

    def __iter__(self) -> Iterator[Statement]:
        for number, statement in enumerate(super().__iter__()):
            if number == 1:
                raise KeyboardInterrupt
            yield statement


class InterruptingExtractor(NameExtractor):
    """Its statements for the document containing ``marker`` break off while being written."""

    def __init__(self, marker: str) -> None:
        super().__init__()
        self.marker = marker

    def extract(self, documents: Sequence[Document]) -> list[list[Statement]]:
        found = super().extract(documents)
        return [
            InterruptedList(stmts) if self.marker in doc.text else stmts
            for doc, stmts in zip(documents, found, strict=True)
        ]


def _statement_counts(store: SQLStore) -> dict[str, int]:
    """Statements per stored document (every document, including those with none)."""
    counts = {doc.id: 0 for doc in store.documents(limit=1000)}
    for stmt in store.statements(StatementQuery()):
        assert stmt.document_id is not None
        counts[stmt.document_id] += 1
    return counts


def test_folder_ingested_with_statements(store: SQLStore, tmp_path: Path) -> None:
    folder = _folder(tmp_path / "reports", 5)
    extractor = NameExtractor()
    report = ingest([folder], store, extractor, batch_size=2)
    assert (report.added, report.duplicates, report.failed, report.statements) == (5, 0, 0, 10)
    assert extractor.batches == [2, 2, 1]
    assert report.ok and report.elapsed > 0 and report.rate > 0
    assert set(_statement_counts(store).values()) == {2}
    assert store.entity(entity_id("ArmedGroup", GROUP)) is not None


def test_same_folder_twice_adds_nothing(store: SQLStore, tmp_path: Path) -> None:
    folder = _folder(tmp_path / "reports", 4)
    (folder / "copy.md").write_text(_report(0) + "\n\n", encoding="utf-8")
    first = ingest([folder], store, NameExtractor())
    assert (first.added, first.duplicates) == (4, 1)
    extractor = NameExtractor()
    second = ingest([folder], store, extractor)
    assert (second.added, second.duplicates, second.statements) == (0, 5, 0)
    assert extractor.batches == []
    assert second.ok
    assert store.counts()["documents"] == 4


def test_mixed_folder_reports_each_failure_and_ingests_the_rest(
    store: SQLStore, tmp_path: Path
) -> None:
    folder = _folder(tmp_path / "mixed", 2)
    (folder / "empty.txt").write_bytes(b"")
    (folder / "junk.txt").write_bytes(bytes(range(256)) * 4)
    (folder / "cut.pdf").write_bytes(b"%PDF-1.4\n1 0 obj\n<< /Type /Catalog /Pages 2 0 R")
    (folder / "broken.rss").write_text("<rss><channel><title>W</ti", encoding="utf-8")
    (folder / "photo.png").write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(100))
    with (folder / "huge.txt").open("wb") as handle:
        handle.truncate(200 * 1024 * 1024)
    (folder / "legacy.txt").write_bytes("Le café près du marché.\n".encode("cp1252"))
    (folder / "page.html").write_text(PAGE, encoding="utf-8")
    (folder / "wire.xml").write_text(FEED, encoding="utf-8")

    report = ingest([folder], store)

    assert (report.added, report.duplicates, report.statements) == (6, 0, 0)
    reasons = {Path(source).name: reason for source, reason in report.failures}
    assert set(reasons) == {
        "empty.txt",
        "junk.txt",
        "cut.pdf",
        "broken.rss",
        "photo.png",
        "huge.txt",
    }
    assert reasons["empty.txt"].startswith("[OH301]")
    assert reasons["junk.txt"].startswith("[OH303]")
    assert reasons["cut.pdf"].startswith("[OH303] damaged PDF")
    assert reasons["broken.rss"].startswith("[OH303] malformed feed")
    assert reasons["photo.png"].startswith("[OH302]")
    assert reasons["huge.txt"].startswith("[OH304]")
    assert all("\n" not in reason and "mixed" not in reason for reason in reasons.values())
    titles = {doc.title for doc in store.documents(limit=100)}
    assert {"Gunmen storm Kabul gurdwara", "Rockets at Termez", "Rockets at Tajikistan"} <= titles
    texts = {doc.text for doc in store.documents(limit=100)}
    assert "Le café près du marché." in texts


def test_extractor_failure_keeps_earlier_documents_whole(store: SQLStore, tmp_path: Path) -> None:
    folder = _folder(tmp_path / "reports", 7)
    with pytest.raises(RuntimeError, match="extractor crashed"):
        ingest([folder], store, NameExtractor(fail_on="Report 5:"), batch_size=2)
    counts = _statement_counts(store)
    assert len(counts) == 4
    assert set(counts.values()) == {2}
    stored = {doc.text for doc in store.documents(limit=100)}
    assert stored == {_report(n) for n in range(4)}


def test_ctrl_c_while_writing_leaves_no_half_written_document(
    store: SQLStore, tmp_path: Path
) -> None:
    folder = _folder(tmp_path / "reports", 4)
    with pytest.raises(KeyboardInterrupt):
        ingest([folder], store, InterruptingExtractor("Report 2:"), batch_size=32)
    counts = _statement_counts(store)
    assert set(counts.values()) == {2}
    assert {doc.text for doc in store.documents(limit=100)} == {_report(0), _report(1)}


def test_ctrl_c_in_extraction_keeps_committed_batches(store: SQLStore, tmp_path: Path) -> None:
    folder = _folder(tmp_path / "reports", 5)
    extractor = NameExtractor(fail_on="Report 3:", error=KeyboardInterrupt())
    with pytest.raises(KeyboardInterrupt):
        ingest([folder], store, extractor, batch_size=2)
    assert _statement_counts(store) == {
        Document(text=_report(0)).id: 2,
        Document(text=_report(1)).id: 2,
    }
    again = ingest([folder], store, NameExtractor(), batch_size=2)
    assert (again.added, again.duplicates, again.statements) == (3, 2, 6)


def test_markings_applied_where_documents_have_none(store: SQLStore, tmp_path: Path) -> None:
    folder = tmp_path / "marked"
    folder.mkdir()
    (folder / "own.md").write_text(f"---\ntlp: red\nreliability: A\n---\n{_report(1)}")
    (folder / "plain.md").write_text(_report(2))
    report = ingest([folder], store, NameExtractor(), reliability="B", tlp="amber")
    assert report.added == 2
    marks = {doc.text: (doc.reliability, doc.tlp) for doc in store.documents()}
    assert marks == {_report(1): ("A", "red"), _report(2): ("B", "amber")}
    by_doc = {s.document_id: (s.reliability, s.tlp) for s in store.statements()}
    assert by_doc[Document(text=_report(2)).id] == ("B", "amber")


def test_progress_is_silent_without_a_terminal(
    store: SQLStore, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    report = ingest([_folder(tmp_path / "reports", 3)], store, progress=True)
    assert report.added == 3
    captured = capsys.readouterr()
    assert (captured.out, captured.err) == ("", "")


@dataclass
class Site:
    url: str
    root: Path
    agents: list[str] = field(default_factory=list)


@pytest.fixture
def site(tmp_path: Path) -> Iterator[Site]:
    """A real HTTP server on 127.0.0.1 serving a folder, recording each User-Agent."""
    root = tmp_path / "site"
    root.mkdir()
    agents: list[str] = []

    class Handler(SimpleHTTPRequestHandler):
        def __init__(self, *args: Any, **kwargs: Any) -> None:
            super().__init__(*args, directory=str(root), **kwargs)

        def log_message(self, format: str, *args: Any) -> None:
            agents.append(self.headers.get("User-Agent", ""))

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield Site(f"http://127.0.0.1:{server.server_address[1]}", root, agents)
    finally:
        server.shutdown()
        server.server_close()
        thread.join()


def _closed_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
    return port


def test_urls_of_a_page_and_a_feed(store: SQLStore, site: Site) -> None:
    (site.root / "news").mkdir()
    (site.root / "news" / "index.html").write_text(PAGE, encoding="utf-8")
    (site.root / "wire.xml").write_text(FEED, encoding="utf-8")
    sources = [f"{site.url}/news", f"{site.url}/wire.xml"]
    report = ingest(sources, store)
    assert (report.added, report.failed) == (3, 0)
    docs = {doc.title: doc for doc in store.documents()}
    page = docs["Gunmen storm Kabul gurdwara"]
    assert page.url == f"{site.url}/news/"
    assert page.source == f"{site.url}/news"
    assert page.publisher == "Hindu Kush Herald"
    assert "killing 25 worshippers" in page.text and "Sign in" not in page.text
    item = docs["Rockets at Termez"]
    assert (item.url, item.publisher, item.media_type) == (
        "https://example.org/sm/1",
        "Steppe Monitor",
        "application/rss+xml",
    )
    assert site.agents and all(agent.startswith("overhorizon/") for agent in site.agents)


def test_url_errors_are_one_line_and_the_batch_goes_on(
    store: SQLStore, site: Site, tmp_path: Path
) -> None:
    (site.root / "big.txt").write_text(_report(9) * 50, encoding="utf-8")
    good = _folder(tmp_path / "reports", 2)
    dead = f"http://127.0.0.1:{_closed_port()}/feed.xml"
    sources: list[str | Path] = [dead, f"{site.url}/missing.html", f"{site.url}/big.txt", good]
    report = ingest(sources, store, max_bytes=2000)
    assert report.added == 2
    reasons = dict(report.failures)
    assert reasons[dead].startswith("[OH305] cannot connect")
    assert reasons[f"{site.url}/missing.html"] == "[OH305] HTTP 404 File not found"
    assert reasons[f"{site.url}/big.txt"].startswith("[OH304]")
    assert all("\n" not in reason for reason in reasons.values())


def test_unreachable_url_raises_fetch_error() -> None:
    url = f"http://127.0.0.1:{_closed_port()}/"
    with pytest.raises(FetchError) as caught:
        read_source(url, SourceOptions(timeout=5))
    assert str(caught.value).startswith(f"[OH305] {url}: cannot connect")
    assert "\n" not in str(caught.value)


runner = CliRunner()


def test_cli_prints_summary_and_failures(store_url: str, tmp_path: Path) -> None:
    folder = _folder(tmp_path / "reports", 3)
    (folder / "empty.txt").write_bytes(b"")
    args = ["ingest", str(folder), "--db", store_url, "--no-extract", "--tlp", "AMBER"]
    result = runner.invoke(app, args)
    assert result.exit_code == 0, result.output
    lines = result.output.splitlines()
    rows = [[cell.strip() for cell in line.split("│")[1:-1]] for line in lines if "│" in line]
    assert rows[0][:4] == ["3", "0", "1", "0"]
    assert f"FAILED {folder / 'empty.txt'}: [OH301] empty file" in lines

    again = runner.invoke(
        app, ["ingest", str(folder / "000.md"), "--db", store_url, "--no-extract"]
    )
    assert again.exit_code == 0, again.output
    assert "FAILED" not in again.output


def test_cli_exit_code_one_when_every_source_fails(store_url: str, tmp_path: Path) -> None:
    big = tmp_path / "big.txt"
    big.write_text(_report(1) * 100, encoding="utf-8")
    result = runner.invoke(
        app,
        ["ingest", str(big), str(tmp_path / "none.md"), "--db", store_url, "--max-size", "0.001"],
    )
    assert result.exit_code == 1
    assert f"FAILED {big}: [OH304]" in result.output
    assert f"FAILED {tmp_path / 'none.md'}: [OH300] no such file or folder" in result.output


def test_cli_rejects_unknown_markings(store_url: str, tmp_path: Path) -> None:
    folder = _folder(tmp_path / "reports", 1)
    result = runner.invoke(app, ["ingest", str(folder), "--db", store_url, "--tlp", "secret"])
    assert result.exit_code == 2
    result = runner.invoke(app, ["ingest", str(folder), "--db", store_url, "--reliability", "G"])
    assert result.exit_code == 2


def test_cli_markings_reach_the_store(store: SQLStore, store_url: str, tmp_path: Path) -> None:
    folder = _folder(tmp_path / "reports", 2)
    args = ["ingest", str(folder), "--db", store_url, "--no-extract"]
    result = runner.invoke(app, [*args, "--tlp", "amber+strict", "--reliability", "c"])
    assert result.exit_code == 0, result.output
    assert {(d.tlp, d.reliability) for d in store.documents()} == {("amber+strict", "C")}
