"""What Pagefind indexes of each page: a document written apart from the page.

The site's pages carry no search markup. For each page the plugin sends Pagefind a small
HTML document of its own: the headline and summary weighted, the filters (outlet, year,
language, people, organizations, topics, type) in an element Pagefind reads but does not
index, the names every person goes by as metadata, and the sanitized body.
"""

from __future__ import annotations

import html
import re

_ANCHOR_IDS = re.compile(r' id="[pq]-\d+"')


def search_document(search_html: str, *, title: str = "", lang: str = "") -> str:
    """The HTML document Pagefind indexes for one page.

    ``search_html`` is what search reads of the page: its ``data-pagefind-body`` element,
    written apart from the page by the site (headline and summary weighted, filters,
    metadata, body), so the page itself carries no search markup and Pagefind parses no
    theme chrome. ``title`` (HTML-escaped text) goes into ``<title>``; ``lang`` into ``<html
    lang>``, which decides the page's index when the language is not forced. Paragraph and
    quote ids (``p-N``, ``q-N``) are left out: Pagefind keeps the text of every element with
    an id as an anchor, which for paragraphs stores the article a second time, and results
    link to headings, not paragraphs.
    """
    return (
        f'<!doctype html><html lang="{html.escape(lang)}"><head><meta charset="utf-8">'
        f"<title>{title}</title></head><body>{_ANCHOR_IDS.sub('', search_html)}</body></html>"
    )
