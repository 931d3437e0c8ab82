"""Sources on the web: fetched once with httpx, size-capped, then read like files."""

from __future__ import annotations

from pathlib import PurePosixPath

import httpx

from overhorizon import __version__
from overhorizon.errors import EmptySourceError, FetchError, OversizedSourceError
from overhorizon.model.document import Document
from overhorizon.sources.base import RawSource, SourceOptions
from overhorizon.sources.formats import reader_for

USER_AGENT = f"overhorizon/{__version__} (open-source intelligence ingester)"
_MB = 1024 * 1024


def is_url(source: str) -> bool:
    """Whether ``source`` names a web address rather than a path."""
    return source.lower().startswith(("http://", "https://"))


def _too_big(url: str, size: int, options: SourceOptions) -> OversizedSourceError:
    return OversizedSourceError(
        f"{url}: {size / _MB:.1f} MB is over the {options.max_bytes / _MB:g} MB limit"
    )


def _reason(exc: Exception, options: SourceOptions) -> str:
    detail = " ".join(str(exc).split())
    if isinstance(exc, httpx.TimeoutException):
        return f"timed out after {options.timeout:g} s"
    if isinstance(exc, httpx.ConnectError):
        return f"cannot connect ({detail or 'connection failed'})"
    if isinstance(exc, httpx.TooManyRedirects):
        return "too many redirects"
    return detail or type(exc).__name__


def fetch(url: str, options: SourceOptions, client: httpx.Client | None = None) -> RawSource:
    """The body of ``url`` following redirects; refused past ``options.max_bytes`` while streaming.

    Every failure (no connection, timeout, HTTP error status) is a FetchError with one line.
    """
    owned = client is None
    http = client or httpx.Client(
        timeout=options.timeout, follow_redirects=True, headers={"User-Agent": USER_AGENT}
    )
    try:
        with http.stream("GET", url) as response:
            if response.status_code >= 400:
                phrase = response.reason_phrase or "error"
                raise FetchError(f"{url}: HTTP {response.status_code} {phrase}")
            declared = response.headers.get("content-length", "")
            if declared.isdigit() and int(declared) > options.max_bytes:
                raise _too_big(url, int(declared), options)
            chunks: list[bytes] = []
            size = 0
            for chunk in response.iter_bytes():
                size += len(chunk)
                if size > options.max_bytes:
                    raise _too_big(url, size, options)
                chunks.append(chunk)
            media_type = response.headers.get("content-type", "").split(";", 1)[0].strip()
            final_url = str(response.url)
            charset = response.charset_encoding
    except (httpx.HTTPError, httpx.InvalidURL) as exc:
        raise FetchError(f"{url}: {_reason(exc, options)}") from exc
    finally:
        if owned:
            http.close()
    data = b"".join(chunks)
    if not data.strip():
        raise EmptySourceError(f"{url}: the server sent an empty body")
    return RawSource(
        data=data, source=url, url=final_url, media_type=media_type or None, charset=charset
    )


def read_url(
    url: str, options: SourceOptions, client: httpx.Client | None = None
) -> list[Document]:
    """The documents at ``url``; its content type (or its path, or its bytes) picks the reader."""
    raw = fetch(url, options, client)
    suffix = PurePosixPath(httpx.URL(raw.url or url).path).suffix
    return reader_for(raw.media_type, suffix)(raw, options)
