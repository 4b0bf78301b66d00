"""How the pages in `pages/` were made (see README.md); kept to show it, not run by the tests.

Real pages (`rd-*`, `np-*`): the test pages of two extraction libraries, read from their git
repositories and made small: scripts (but JSON-LD), styles, SVG, iframes, `noscript`, `link`s
(but the canonical one), comments, `data-*`, `style`, `srcset` and event attributes removed.
Text, headings, metadata and the page's structure are as the libraries keep them.

Built pages (`ru-*`, `kk-*`): real Russian and Kazakh news text, in a page made here after
the markup real news sites use (see README.md: no real Russian or Kazakh page with an open
licence was found).

    python make_pages.py READABILITY_GIT NEWSPAPER4K_GIT FACTRUEVAL_JSONL KAZNERD_GIT
"""

from __future__ import annotations

import html
import json
import re
import subprocess
import sys
from pathlib import Path

from bs4 import BeautifulSoup, Comment, UnicodeDammit

HERE = Path(__file__).parent
READABILITY = ["bbc-1", "breitbart", "buzzfeed-1", "cnn", "cnet", "engadget", "guardian-1",
               "herald-sun-1", "nytimes-1", "nytimes-2", "nytimes-3", "seattletimes-1",
               "telegraph", "theverge", "wapo-1", "wapo-2", "yahoo-3", "msn", "salon-1",
               "tmz-1", "medicalnewstoday", "quanta-1", "aclu", "ars-1", "citylab-1",
               "yahoo-4", "gmw", "qq", "youth"]  # fmt: skip
NEWSPAPER = ["chinese_article", "chinese_article_001", "chinese_article_002",
             "japanese_article", "japanese_article2", "yna_co_kr"]  # fmt: skip


def git_show(repo: str, path: str) -> bytes:
    return subprocess.run(
        ["git", "-C", repo, "show", f"HEAD:{path}"], check=True, capture_output=True
    ).stdout


def slim(raw: bytes) -> str:
    page = BeautifulSoup(UnicodeDammit(raw, is_html=True).unicode_markup, "lxml")
    for t in page.find_all("script"):
        if (t.get("type") or "").lower() != "application/ld+json":
            t.decompose()
    for t in page.find_all(["style", "svg", "iframe", "noscript", "link"]):
        if t.name != "link" or "canonical" not in (t.get("rel") or []):
            t.decompose()
    for c in page.find_all(string=lambda x: isinstance(x, Comment)):
        c.extract()
    for t in page.find_all(True):
        for a in list(t.attrs):
            if a.startswith(("data-", "on")) or a in ("style", "srcset", "sizes"):
                del t.attrs[a]
    return re.sub(r"\n\s*\n+", "\n", str(page))


TEMPLATE = """<!DOCTYPE html>
<html lang="{lang}">
<head>
<meta charset="utf-8">
<title>{headline} — {site} | {section}</title>
<meta property="og:site_name" content="{site}">
<meta property="og:title" content="{headline}">
<meta property="og:url" content="{url}">
<link rel="canonical" href="{url}">
<script type="application/ld+json">{jsonld}</script>
</head>
<body>
<header class="site-header"><a href="/" class="logo"><h1>{site}</h1></a>
<nav><ul><li><a href="/news/">{section}</a></li><li><a href="/politics/">{nav1}</a></li>
<li><a href="/economy/">{nav2}</a></li></ul></nav></header>
<main><article>
<div class="breadcrumbs"><a href="/">{site}</a> / <a href="/news/">{section}</a></div>
<h1 class="article__title">{headline}</h1>
<div class="article__meta"><time datetime="{date}">{date}</time></div>
<div class="article__body">
{paragraphs}
</div>
<div class="share">{share}</div>
</article>
<section class="related"><h2>{related_title}</h2>
{related}
</section></main>
<footer><p>© 2024 {site}. {rights}</p></footer>
</body>
</html>
"""

WORDS = {
    "ru": dict(section="Новости", nav1="Политика", nav2="Экономика", share="Поделиться",
               related_title="Читайте также", rights="Все права защищены."),
    "kk": dict(section="Жаңалықтар", nav1="Саясат", nav2="Экономика", share="Бөлісу",
               related_title="Тақырыпқа", rights="Барлық құқықтар қорғалған."),
}  # fmt: skip


def built(lang: str, site: str, host: str, slug: str, headline: str, date: str,
          paragraphs: list[str], related: list[str]) -> str:  # fmt: skip
    url = f"https://{host}/news/{date[:4]}/{slug}.html"
    jsonld = json.dumps({"@context": "https://schema.org", "@type": "NewsArticle",
                         "headline": headline, "datePublished": date, "inLanguage": lang,
                         "publisher": {"@type": "Organization", "name": site}},
                        ensure_ascii=False)  # fmt: skip
    return TEMPLATE.format(
        lang=lang, site=html.escape(site), headline=html.escape(headline), url=url,
        date=date, jsonld=jsonld,
        paragraphs="\n".join(f"<p>{html.escape(p)}</p>" for p in paragraphs),
        related="\n".join(f'<a href="/news/{i}.html">{html.escape(r)}</a>'
                          for i, r in enumerate(related)),
        **WORDS[lang],
    )  # fmt: skip


def main() -> None:
    readability, newspaper = sys.argv[1], sys.argv[2]
    out = HERE / "pages"
    for name in READABILITY:
        raw = git_show(readability, f"test/test-pages/{name}/source.html")
        (out / f"rd-{name}.html").write_text(slim(raw), encoding="utf-8")
    for name in NEWSPAPER:
        raw = git_show(newspaper, f"tests/data/html/{name}.html")
        (out / f"np-{name}.html").write_text(slim(raw), encoding="utf-8")
    # The built pages: their text, headline and outlet are in built.json.
    for page in json.loads((HERE / "built.json").read_text(encoding="utf-8")):
        text = built(**{k: v for k, v in page.items() if k not in ("file", "source")})
        (out / page["file"]).write_text(text, encoding="utf-8")


if __name__ == "__main__":
    main()
