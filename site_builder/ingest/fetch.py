"""Fetching a page over http(s) for the import: a timeout, a browser's user agent, and errors
that say what to do next."""

from __future__ import annotations

import http.client
import ipaddress
import socket
import time
import urllib.error
import urllib.request
from collections.abc import Callable
from dataclasses import dataclass
from urllib.parse import urlsplit

# Some news sites answer a script's default user agent with 403 or a bot wall.
USER_AGENT = (
    "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) "
    "Chrome/126.0 Safari/537.36"
)
HTML_TYPES = {"text/html", "application/xhtml+xml"}
TEXT_TYPES = {"text/plain"}
MAX_BYTES = 20 * 1024 * 1024
_CHUNK = 64 * 1024


class FetchError(Exception):
    """The page could not be had; the message names the URL and says what to do."""


@dataclass(frozen=True)
class Page:
    url: str  # after redirects
    data: bytes  # as the server sent it
    media_type: str | None  # e.g. text/html; None when the server did not say
    charset: str | None


def is_loopback(host: str) -> bool:
    if host.lower() in ("localhost", "localhost.localdomain"):
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False


def _opener(host: str) -> urllib.request.OpenerDirector:
    # A proxy from the environment (http_proxy) cannot reach this machine's own servers;
    # for loopback addresses go direct, for the rest honour the environment as browsers do.
    if is_loopback(host):
        return urllib.request.build_opener(urllib.request.ProxyHandler({}))
    return urllib.request.build_opener()


def fetch(url: str, timeout: float = 30.0, progress: Callable[[str], None] | None = None) -> Page:
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise FetchError(f"{url!r} is not an http(s) URL; give the full address, https://...")
    host = parts.hostname
    saved = "or save the page in your browser and import the .html file"
    request = urllib.request.Request(
        url,
        headers={
            "User-Agent": USER_AGENT,
            "Accept": "text/html,application/xhtml+xml;q=0.9,text/plain;q=0.8,*/*;q=0.5",
            "Accept-Language": "en,ru;q=0.9,kk;q=0.8",
        },
    )
    try:
        with _opener(host).open(request, timeout=timeout) as response:
            final = response.geturl()
            media_type = response.headers.get_content_type() if response.headers.get(
                "Content-Type"
            ) else None  # fmt: skip
            if media_type and media_type not in HTML_TYPES | TEXT_TYPES:
                raise FetchError(
                    f"{final} is {media_type}, not a web page; import the article's page, "
                    "or save its text in a .txt file and import that"
                )
            data = _read(response, final, timeout, progress)
            charset = response.headers.get_content_charset()
    except urllib.error.HTTPError as exc:
        advice = {
            404: "check the address (copy it from the browser's address bar)",
            410: "the page was removed; look for it in a web archive",
            401: f"the page needs a login; {saved}",
            403: f"the site refuses scripts; {saved}",
            429: f"the site asks to slow down; wait and try again, {saved}",
        }.get(exc.code, f"try again later, {saved}")
        raise FetchError(f"{url} answered {exc.code} {exc.reason}; {advice}") from None
    except urllib.error.URLError as exc:
        if isinstance(exc.reason, TimeoutError | socket.timeout):
            raise _timeout(url, timeout, saved) from None
        raise FetchError(f"could not reach {host} ({exc.reason}); check the address and the "
                         f"network, {saved}") from None  # fmt: skip
    except TimeoutError:
        raise _timeout(url, timeout, saved) from None
    except (http.client.HTTPException, OSError) as exc:
        raise FetchError(f"{url}: the connection failed ({exc}); try again, {saved}") from None
    return Page(final, data, media_type, charset)


def _timeout(url: str, timeout: float, saved: str) -> FetchError:
    return FetchError(
        f"{url} did not answer within {timeout:g} s; try again later, give more time with "
        f"--timeout, {saved}"
    )


def _read(
    response: http.client.HTTPResponse,
    url: str,
    timeout: float,
    progress: Callable[[str], None] | None,
) -> bytes:
    chunks: list[bytes] = []
    size, started = 0, time.monotonic()
    shown = started  # quiet for the first second: a page usually comes in less
    while True:
        chunk = response.read(_CHUNK)
        if not chunk:
            break
        chunks.append(chunk)
        size += len(chunk)
        if size > MAX_BYTES:
            raise FetchError(
                f"{url} is larger than {MAX_BYTES // 2**20} MB; that is no article page"
            )
        now = time.monotonic()
        if progress and now - shown > 1:
            progress(f"received {size // 1024} KB")
            shown = now
        if now - started > 10 * timeout:  # a server that trickles bytes forever
            raise TimeoutError
    return b"".join(chunks)
