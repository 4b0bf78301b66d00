"""The words the site's pages show for kinds, sections, roles and chip groups, in one place."""

from __future__ import annotations

KIND_LABEL = {
    "person": "Person",
    "organization": "Organization",
    "outlet": "Outlet",
    "topic": "Topic",
}
SECTION_TITLE = {
    "person": "People",
    "organization": "Organizations",
    "outlet": "Outlets",
    "topic": "Topics",
}
# (reference field, label, the kind of entry it lists) of an article's header chips
CHIP_GROUPS = [
    ("speakers", "Quoted", "person"),
    ("people", "People", "person"),
    ("organizations", "Organizations", "organization"),
    ("topics", "Topics", "topic"),
]
ROLE_LABEL = {
    ("person", "quoted"): "Quoted in",
    ("person", "author"): "Wrote",
    ("person", "mentioned"): "Mentioned in",
    ("organization", "mentioned"): "Mentioned in",
    ("topic", "mentioned"): "Articles",
    ("outlet", "outlet"): "Articles",
}
# Breadcrumbs: the trail's name for assistive technology, and a later page of a long list.
BREADCRUMB_LABEL = "Breadcrumb"
PAGE_NUMBER = "Page {n}"

# The Data page (downloads.py): its sections, in order, and what each published file holds.
DOWNLOAD_SECTIONS = {
    "tables": "Tables",
    "schemas": "Schema and package",
    "citations": "Citations",
    "feeds": "Feeds",
    "entries": "Each entry's own files",
    "engines": "For search engines",
    "captures": "Captures",
    "other": "Other files",
}
TABLE_TITLES = {"articles": "Articles", "entities": "Registry entries", "quotes": "Quotes"}
TABLE_WHAT = {
    "articles": "Every article: its page, title, outlet, date as written and its precision, "
    "language, original URL, authors, speakers, people, organizations and topics (as entry "
    "ids), summary, capture, SHA-256 and retrieval date.",
    "entities": "Every person, organization, outlet and topic: names and aliases, description, "
    "Wikidata, website, roles, number of articles and quotes, first and last appearance.",
    "quotes": "Every quote: the article, the speaker, the words verbatim, and the link to its "
    "place in the article (…/#q-3).",
}
CAPTURES_WHAT = (
    "The original of each article, byte for byte as it was captured, served as text so that "
    "no browser runs it; its SHA-256 is the sha256 column of articles.csv."
)
# path -> (section, what it holds); `{n}` is the number of records or entries it holds
DOWNLOADS = {
    "data/schema.json": (
        "schemas",
        "JSON Schema (draft 2020-12) of the three JSON files: validate articles.json against "
        "#/$defs/articles, entities.json against #/$defs/entities, quotes.json against "
        "#/$defs/quotes.",
    ),
    "datapackage.json": (
        "schemas",
        "Frictionless Data Package describing the three CSV files: each column's type, "
        "constraints and description, the primary keys, and the quotes' link to the articles.",
    ),
    "data/citations.bib": ("citations", "Every article's citation as BibTeX ({n} entries)."),
    "data/citations.ris": ("citations", "Every article's citation as RIS ({n} records)."),
    "data/citations.json": ("citations", "Every article's citation as CSL-JSON ({n} items)."),
    "feed.xml": ("feeds", "Atom feed of the archive's latest {n} articles."),
    "sitemap.xml": ("engines", "Every page of the site, for search engines."),
    "sitemap.xml.gz": ("engines", "The same, gzipped."),
    "robots.txt": ("engines", "What crawlers may visit, and where the sitemap is."),
}
# Files every registry entry may have (people/<id>/feed.xml, ...): name -> what it holds
ENTRY_DOWNLOADS = {
    "feed.xml": "Atom feed of each person's, organization's, outlet's and topic's latest {n} "
    "articles, linked as “Follow” on its page.",
    "articles.csv": "The rows of data/articles.csv in which the entry appears (any role), "
    "linked from its page.",
    "articles.json": "The same rows from data/articles.json.",
    "quotes.csv": "A person's quotes: the rows of data/quotes.csv whose speaker it is.",
    "quotes.json": "The same rows from data/quotes.json.",
    "browse.json": "What the entry's page reads to filter its articles by role, outlet, year "
    "and companion: each article's page, title, date, outlet and roles, compactly.",
}
# Open-data column kinds (data/opendata.py) as the Data page names their values
COLUMN_KINDS = {
    "text": "text",
    "texts": "list of texts",
    "kind": "person, organization, outlet or topic",
    "id": "id",
    "ids": "list of ids",
    "date": "date: YYYY, YYYY-MM or YYYY-MM-DD",
    "precision": "year, month or day",
    "full_date": "date: YYYY-MM-DD",
    "url": "URL",
    "page_url": "URL of a page of this site",
    "language": "ISO 639-1 code",
    "languages": "list of ISO 639-1 codes",
    "sha256": "SHA-256, hexadecimal",
    "path": "path under archive/",
    "wikidata": "Wikidata id (Q…)",
    "translations": "language → article id",
    "roles": "list of roles",
    "integer": "whole number",
    "anchor": "q-N",
}

# the dates' pages: a year's articles whose date gives no month are listed under this heading
MONTH_NOT_KNOWN = "Month not known"
# after a month's heading on a page of its year that goes on from the page before
CONTINUED = "continued"

# The role filter above an entry's articles: "Quoted", as in "articles in which it is quoted"
ROLE_FILTER_LABEL = {
    "quoted": "Quoted",
    "author": "Wrote",
    "mentioned": "Mentioned",
    "outlet": "Published",
}

# The search page's words (search.js has the same ones built in, for a page without them):
# {n}, {q}, {name}, {from} and {to} are filled in by the script.
SEARCH_WORDS = {
    "search": "Search",
    "label": "Search the archive",
    "placeholder": "Search articles, people, organizations…",
    "filters": "Filters",
    "clear": "Clear all filters",
    "remove": "Remove filter",
    "showAll": "Show all {n}",
    "showFewer": "Show fewer",
    "find": "Find in {facet}",
    "sort": "Sort",
    "relevance": "Relevance",
    "newest": "Newest first",
    "oldest": "Oldest first",
    "results": "Results",
    "pages": "Pages of results",
    "first": "First",
    "previous": "Previous",
    "next": "Next",
    "last": "Last",
    "page": PAGE_NUMBER,
    "searching": "Searching…",
    "found": "{n} results for “{q}”",
    "foundOne": "1 result for “{q}”",
    "listed": "{n} results",
    "listedOne": "1 result",
    "range": "{from}–{to} of {n}",
    "none": "No results for “{q}”.",
    "instead": "No results for “{q}”; {n} results for “{name}”",
    "insteadOne": "No results for “{q}”; 1 result for “{name}”",
    "noneFiltered": "No results with these filters.",
    "unavailable": "Search is not available right now.",
    "articles": "{n} articles",
    "articlesOne": "1 article",
    "didYouMean": "Did you mean {name}?",
    "matches": "In the registry",
    "outlet": "Outlet",
    "year": "Year",
    "language": "Language",
    "person": KIND_LABEL["person"],
    "organization": KIND_LABEL["organization"],
    "topic": KIND_LABEL["topic"],
    "type": "Type",
    "article": "Article",
    "page_": "Page",
    "more": "{n} more",
}
SEARCH_NO_SCRIPT = (
    "Search needs JavaScript. Browse the People, Organizations, Outlets and Topics pages instead."
)
