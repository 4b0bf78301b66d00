"""An article page does not grow with the archive: the same article in 100 and 2,000."""

from __future__ import annotations

from conftest import md
from sitebuild import build_site

from benchmarks.generate import generate
from site_builder.core import archive as archive_mod

ID = "2025-06-scaling-probe"


def _probe_size(root, n: int) -> tuple[int, int]:
    """Generate `n` articles, add the probe article about the busiest person, build, and
    return the probe page's size and the site's page count."""
    generate(root, n, seed=7)
    arch = archive_mod.load(root)
    busiest = max(
        arch.registry.entities["person"].values(),
        key=lambda p: sum(1 for a in arch.articles if p in a.entities()),
    )
    topic = next(iter(arch.registry.entities["topic"].values()))
    outlet = next(iter(arch.registry.entities["outlet"].values()))
    body = "\n\n".join(
        f"Paragraph {i}: {busiest.name} spoke about the budget and the courts." for i in range(12)
    )
    front = {
        "title": "Scaling probe",
        "outlet": outlet.id,
        "date": "2025-06-01",
        "language": "en",
        "people": [busiest.id],
        "topics": [topic.id],
        "url": "https://example.org/scaling-probe",
    }
    path = root / "content" / "articles" / "2025" / f"{ID}.md"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(md(front, body), encoding="utf-8")
    site = build_site(root)
    page = site / "articles" / "2025" / ID / "index.html"
    return page.stat().st_size, sum(1 for _ in site.rglob("index.html"))


def test_article_page_size_does_not_grow_with_the_archive(tmp_path):
    small, small_pages = _probe_size(tmp_path / "small", 100)
    large, large_pages = _probe_size(tmp_path / "large", 2000)
    assert large_pages > 10 * small_pages / 2  # the large archive really is larger
    assert abs(large - small) / small < 0.10, (small, large)
