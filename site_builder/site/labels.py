"""The words the site's pages show for kinds, sections, roles and chip groups, in one place.

They are English messages marked for the catalogue (`N_`) and translated where a page shows
them (`_(KIND_LABEL[kind])`): the language is the build's, known only when it starts.
"""

from __future__ import annotations

from ..core.i18n import N_, NN_, active

KIND_LABEL = {
    "person": N_("Person"),
    "organization": N_("Organization"),
    "outlet": N_("Outlet"),
    "topic": N_("Topic"),
}
SECTION_TITLE = {
    "person": N_("People"),
    "organization": N_("Organizations"),
    "outlet": N_("Outlets"),
    "topic": N_("Topics"),
}
# (reference field, label, the kind of entry it lists) of an article's header chips
CHIP_GROUPS = [
    ("speakers", N_("Quoted"), "person"),
    ("people", N_("People"), "person"),
    ("organizations", N_("Organizations"), "organization"),
    ("topics", N_("Topics"), "topic"),
]
ROLE_LABEL = {
    ("person", "quoted"): N_("Quoted in"),
    ("person", "author"): N_("Wrote"),
    ("person", "mentioned"): N_("Mentioned in"),
    ("organization", "mentioned"): N_("Mentioned in"),
    ("topic", "mentioned"): N_("Articles"),
    ("outlet", "outlet"): N_("Articles"),
}
# An entry's count of articles by role, in its infobox: (one, many) for ngettext; `{n}` is the
# count. Whole sentences, since a language puts the number where its grammar wants it.
ROLE_COUNT = {
    ("person", "quoted"): NN_("Quoted in {n} article", "Quoted in {n} articles"),
    ("person", "author"): NN_("Wrote {n} article", "Wrote {n} articles"),
    ("person", "mentioned"): NN_("Mentioned in {n} article", "Mentioned in {n} articles"),
    ("organization", "mentioned"): NN_("Mentioned in {n} article", "Mentioned in {n} articles"),
    ("topic", "mentioned"): NN_("{n} article", "{n} articles"),
    ("outlet", "outlet"): NN_("{n} article", "{n} articles"),
}
# Breadcrumbs: the trail's name for assistive technology, and a later page of a long list.
BREADCRUMB_LABEL = N_("Breadcrumb")
PAGE_NUMBER = N_("Page {n}")
# The scripts an entry's names are grouped by, when they are in several (names_by_script)
SCRIPT_NAMES = [N_("Latin"), N_("Cyrillic"), N_("Arabic"), N_("Han"), N_("Greek")]
# An entry's pages elsewhere, in its infobox
LINK_LABELS = [N_("Wikidata"), N_("Website")]
# What an entry's own data files hold (data/entries.py's `what`, capitalised), in its infobox
DOWNLOAD_KINDS = [N_("Articles"), N_("Quotes")]
# The main sections, as the plugin's default navigation names them
NAV_TITLES = [
    N_("Home"), N_("Articles"), N_("Quotes"), N_("People"), N_("Organizations"),
    N_("Outlets"), N_("Topics"), N_("Data"), N_("Search"),
]  # fmt: skip

# The Data page (downloads.py): its sections, in order, and what each published file holds.
DOWNLOAD_SECTIONS = {
    "tables": N_("Tables"),
    "schemas": N_("Schema and package"),
    "citations": N_("Citations"),
    "feeds": N_("Feeds"),
    "entries": N_("Each entry's own files"),
    "engines": N_("For search engines"),
    "captures": N_("Captures"),
    "other": N_("Other files"),
}
TABLE_TITLES = {
    "articles": N_("Articles"),
    "entities": N_("Registry entries"),
    "quotes": N_("Quotes"),
}
TABLE_WHAT = {
    "articles": N_(
        "Every article: its page, title, outlet, date as written and its precision, "
        "language, original URL, authors, speakers, people, organizations and topics (as entry "
        "ids), summary, capture, SHA-256 and retrieval date."
    ),
    "entities": N_(
        "Every person, organization, outlet and topic: names and aliases, description, "
        "Wikidata, website, roles, number of articles and quotes, first and last appearance."
    ),
    "quotes": N_(
        "Every quote: the article, the speaker, the words verbatim, and the link to its "
        "place in the article (…/#q-3)."
    ),
}
CAPTURES_WHAT = N_(
    "The original of each article, byte for byte as it was captured, served as text so that "
    "no browser runs it; its SHA-256 is the sha256 column of articles.csv."
)
# path -> (section, what it holds); `{n}` is the number of records or entries it holds
DOWNLOADS = {
    "data/schema.json": (
        "schemas",
        N_(
            "JSON Schema (draft 2020-12) of the three JSON files: validate articles.json against "
            "#/$defs/articles, entities.json against #/$defs/entities, quotes.json against "
            "#/$defs/quotes."
        ),
    ),
    "datapackage.json": (
        "schemas",
        N_(
            "Frictionless Data Package describing the three CSV files: each column's type, "
            "constraints and description, the primary keys, and the quotes' link to the articles."
        ),
    ),
    "data/citations.bib": ("citations", N_("Every article's citation as BibTeX ({n} entries).")),
    "data/citations.ris": ("citations", N_("Every article's citation as RIS ({n} records).")),
    "data/citations.json": ("citations", N_("Every article's citation as CSL-JSON ({n} items).")),
    "feed.xml": ("feeds", N_("Atom feed of the archive's latest {n} articles.")),
    "sitemap.xml": ("engines", N_("Every page of the site, for search engines.")),
    "sitemap.xml.gz": ("engines", N_("The same, gzipped.")),
    "robots.txt": ("engines", N_("What crawlers may visit, and where the sitemap is.")),
}
# Files every registry entry may have (people/<id>/feed.xml, ...): name -> what it holds
ENTRY_DOWNLOADS = {
    "feed.xml": N_(
        "Atom feed of each person's, organization's, outlet's and topic's latest {n} "
        "articles, linked as “Follow” on its page."
    ),
    "articles.csv": N_(
        "The rows of data/articles.csv in which the entry appears (any role), linked from its page."
    ),
    "articles.json": N_("The same rows from data/articles.json."),
    "quotes.csv": N_("A person's quotes: the rows of data/quotes.csv whose speaker it is."),
    "quotes.json": N_("The same rows from data/quotes.json."),
    "browse.json": N_(
        "What the entry's page reads to filter its articles by role, outlet, year "
        "and companion: each article's page, title, date, outlet and roles, compactly."
    ),
}
# Open-data column kinds (data/opendata.py) as the Data page names their values
COLUMN_KINDS = {
    "text": N_("text"),
    "texts": N_("list of texts"),
    "kind": N_("person, organization, outlet or topic"),
    "id": N_("id"),
    "ids": N_("list of ids"),
    "date": N_("date: YYYY, YYYY-MM or YYYY-MM-DD"),
    "precision": N_("year, month or day"),
    "full_date": N_("date: YYYY-MM-DD"),
    "url": N_("URL"),
    "page_url": N_("URL of a page of this site"),
    "language": N_("ISO 639-1 code"),
    "languages": N_("list of ISO 639-1 codes"),
    "sha256": N_("SHA-256, hexadecimal"),
    "path": N_("path under archive/"),
    "wikidata": N_("Wikidata id (Q…)"),
    "translations": N_("language → article id"),
    "roles": N_("list of roles"),
    "integer": N_("whole number"),
    "anchor": N_("q-N"),
}

# the dates' pages: a year's articles whose date gives no month are listed under this heading
MONTH_NOT_KNOWN = N_("Month not known")
# after a month's heading on a page of its year that goes on from the page before
CONTINUED = N_("continued")

# The role filter above an entry's articles: "Quoted", as in "articles in which it is quoted"
ROLE_FILTER_LABEL = {
    "quoted": N_("Quoted"),
    "author": N_("Wrote"),
    "mentioned": N_("Mentioned"),
    "outlet": N_("Published"),
}

# The search page's words (search.js has the same ones built in, for a page without them):
# {n}, {q}, {name}, {from} and {to} are filled in by the script.
SEARCH_WORDS = {
    "search": N_("Search"),
    "label": N_("Search the archive"),
    "placeholder": N_("Search articles, people, organizations…"),
    "filters": N_("Filters"),
    "clear": N_("Clear all filters"),
    "remove": N_("Remove filter"),
    "showAll": N_("Show all {n}"),
    "showFewer": N_("Show fewer"),
    "find": N_("Find in {facet}"),
    "sort": N_("Sort"),
    "relevance": N_("Relevance"),
    "newest": N_("Newest first"),
    "oldest": N_("Oldest first"),
    "results": N_("Results"),
    "pages": N_("Pages of results"),
    "first": N_("First"),
    "previous": N_("Previous"),
    "next": N_("Next"),
    "last": N_("Last"),
    "page": PAGE_NUMBER,
    "searching": N_("Searching…"),
    "range": N_("{from}–{to} of {n}"),
    "none": N_("No results for “{q}”."),
    "noneFiltered": N_("No results with these filters."),
    "unavailable": N_("Search is not available right now."),
    "didYouMean": N_("Did you mean {name}?"),
    "matches": N_("In the registry"),
    "outlet": N_("Outlet"),
    "year": N_("Year"),
    "language": N_("Language"),
    "person": KIND_LABEL["person"],
    "organization": KIND_LABEL["organization"],
    "topic": KIND_LABEL["topic"],
    "type": N_("Type"),
    "article": N_("Article"),
    "page_": N_("Page"),
    # the header's box, on every page
    "headerLabel": N_("Search the archive (press / to focus)"),
    "all": N_("All results for “{q}”, with filters →"),
    # archive.js: the citation box's row of buttons
    "download": N_("Download:"),
}
# The scripts' counts: key -> (one, many) for ngettext. The page carries each language's forms
# by CLDR plural category ({"one": ..., "few": ..., "many": ..., "other": ...}), and the
# script chooses with Intl.PluralRules.
SEARCH_PLURALS = {
    "found": NN_("{n} result for “{q}”", "{n} results for “{q}”"),
    "listed": NN_("{n} result", "{n} results"),
    "instead": NN_(
        "No results for “{q}”; {n} result for “{name}”",
        "No results for “{q}”; {n} results for “{name}”",
    ),
    "articles": NN_("{n} article", "{n} articles"),
    "more": NN_("{n} more", "{n} more"),
}
SEARCH_NO_SCRIPT = N_(
    "Search needs JavaScript. Browse the People, Organizations, Outlets and Topics pages instead."
)


# The theme overrides' words (site/theme/: the 404 page, the footer), which the plugin gives
# them as `config.extra.archive_words`
THEME_WORDS = {
    "not_found": N_("Page not found"),
    "not_found_text": N_("Nothing is at this address. It may have moved, or been mistyped."),
    "search_label": N_("Search the archive"),
    "search": N_("Search"),
    "browse": N_("Browse the archive"),
    "about": N_("About the archive"),
}


def theme_words() -> dict[str, str]:
    return {k: active().gettext(v) for k, v in THEME_WORDS.items()}


def script_words() -> dict[str, object]:
    """The scripts' words in the build's language: SEARCH_WORDS translated, and each count of
    SEARCH_PLURALS as its forms by CLDR plural category."""
    ui = active()
    words: dict[str, object] = {k: ui.gettext(v) for k, v in SEARCH_WORDS.items()}
    for key, (one, many) in SEARCH_PLURALS.items():
        words[key] = ui.plural_forms(one, many)
    return words
