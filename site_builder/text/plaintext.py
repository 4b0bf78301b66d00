"""Plain text of a Markdown body, for comparing quotes and finding names.

Cheap on purpose: the check reads every body of a 10,000-article archive in seconds, so
this strips the inline syntax a curated article uses instead of rendering it.
"""

from __future__ import annotations

import re

# (a character that must be there for the rule to apply, pattern, replacement); the check
# runs on every body of the archive, so a rule is skipped where its character is absent.
_RULES = [
    ("<!--", re.compile(r"<!--.*?-->", re.S), " "),  # comments
    ("![", re.compile(r"!\[([^\]]*)\]\([^)]*\)"), r"\1"),  # images: keep the alt text
    ("](", re.compile(r"\[([^\]]+)\]\([^)]*\)"), r"\1"),  # links: keep the text
    ("][", re.compile(r"\[([^\]]+)\]\[[^\]]*\]"), r"\1"),  # reference links
    ("<", re.compile(r"<[^<>\n]+>"), " "),  # inline HTML tags (no '<' inside: linear time)
    ("", re.compile(r"(?m)^[ \t]{0,3}(#{1,6}[ \t]+|>[ \t]?|[-*+][ \t]+|\d+[.)][ \t]+)"), ""),
    ("", re.compile(r"(\*\*|__|~~|`)"), ""),
    # *emphasis* and _emphasis_: the character class first lets the regex engine skip ahead
    ("", re.compile(r"[*_](?:(?<!\w[*_])(?=\S)|(?<=\S[*_])(?!\w))"), ""),
]


# A backslash-escaped character is text, not syntax: it is set aside (as a private-use
# character) before the rules run, and put back as itself afterwards.
_ESCAPED = re.compile(r"\\([\\`*_{}\[\]()#+\-.!>\"'<])")
_PRIVATE = 0xE000
_RESTORE = re.compile("[\ue000-\ue07f]")


def plain(markdown: str) -> str:
    escaped = "\\" in markdown
    if escaped:
        markdown = _ESCAPED.sub(lambda m: chr(_PRIVATE + ord(m.group(1))), markdown)
    for needed, pattern, repl in _RULES:
        if needed in markdown:
            markdown = pattern.sub(repl, markdown)
    if escaped:
        markdown = _RESTORE.sub(lambda m: chr(ord(m.group()) - _PRIVATE), markdown)
    return markdown
