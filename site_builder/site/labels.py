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
# the dates' pages: a year's articles whose date gives no month are listed under this heading
MONTH_NOT_KNOWN = "Month not known"
# after a month's heading on a page of its year that goes on from the page before
CONTINUED = "continued"
