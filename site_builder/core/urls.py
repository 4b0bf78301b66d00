"""Canonical form of an article URL, so one article cannot enter the archive twice."""

from __future__ import annotations

from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

_TRACKING = ("utm_", "fbclid", "gclid", "yclid", "mc_cid", "mc_eid")


def canonical(url: str) -> str:
    """Scheme, `www.`, case of the host, trailing slash, fragment and tracking ignored."""
    parts = urlsplit(url.strip())
    host = (parts.hostname or "").lower().removeprefix("www.")
    if parts.port and parts.port not in (80, 443):
        host += f":{parts.port}"
    path = parts.path.rstrip("/") or ""
    query = [(k, v) for k, v in parse_qsl(parts.query, keep_blank_values=True)]
    query = [(k, v) for k, v in query if not k.lower().startswith(_TRACKING)]
    return urlunsplit(("", host, path, urlencode(query), ""))[2:]
