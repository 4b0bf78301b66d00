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
# The role filter above an entry's articles: "Quoted", as in "articles in which it is quoted"
ROLE_FILTER_LABEL = {
    "quoted": "Quoted",
    "author": "Wrote",
    "mentioned": "Mentioned",
    "outlet": "Published",
}
