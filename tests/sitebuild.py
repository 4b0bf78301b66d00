"""Real MkDocs builds of small archives in tmp_path, and readers of the built HTML."""

from __future__ import annotations

import posixpath
from pathlib import Path

from bs4 import BeautifulSoup
from mkdocs.commands.build import build
from mkdocs.config import load_config

REPO = Path(__file__).resolve().parents[1]  # the repository, with the shipped archive
MKDOCS_YML = """\
site_name: Test archive
docs_dir: content
theme:
  name: material
  font: false
plugins:
  - site-builder{plugin_options}
markdown_extensions:
  - toc:
      permalink: true
"""


def build_site(root: Path, plugin_options: str = "", strict: bool = False) -> Path:
    """Build `root` (holding content/) with the real MkDocs build; return the site folder."""
    root = Path(root)
    content = root / "content"
    if not (content / "index.md").exists():
        (content / "index.md").write_text("# Test archive\n", encoding="utf-8")
    options = ""
    if plugin_options:
        options = ":\n" + "\n".join(f"      {line}" for line in plugin_options.splitlines())
    yml = root / "mkdocs.yml"
    if not yml.exists():
        yml.write_text(MKDOCS_YML.format(plugin_options=options), encoding="utf-8")
    config = load_config(str(yml), strict=strict)
    config.plugins.on_startup(command="build", dirty=False)
    try:
        build(config)
    finally:
        config.plugins.on_shutdown()
    return Path(config.site_dir)


def build_shipped(site_dir: Path, strict: bool = True) -> Path:
    """Build the repository's own archive (its mkdocs.yml and content/) into `site_dir`."""
    config = load_config(str(REPO / "mkdocs.yml"), site_dir=str(site_dir), strict=strict)
    config.plugins.on_startup(command="build", dirty=False)
    try:
        build(config)
    finally:
        config.plugins.on_shutdown()
    return Path(site_dir)


def page(site: Path, url: str) -> BeautifulSoup:
    """The parsed page at site URL `url` (e.g. `people/x/`)."""
    return BeautifulSoup((site / url / "index.html").read_text(encoding="utf-8"), "html.parser")


def resolve(url: str, href: str) -> tuple[str, str]:
    """Site path of the file a relative `href` on page `url` points to, and its fragment."""
    path, _, frag = href.partition("#")
    path = path.partition("?")[0]  # `?year=2024`: this page, which reads its query itself
    if not path:
        return url, frag
    joined = posixpath.normpath(posixpath.join(url, path))
    joined = "" if joined == "." else joined
    return (joined + "/" if path.endswith("/") and joined else joined), frag


def target_exists(site: Path, url: str, href: str) -> bool:
    path, frag = resolve(url, href)
    file = site / path / "index.html" if path.endswith("/") or path == "" else site / path
    if not file.is_file():
        return False
    if not frag:
        return True
    soup = BeautifulSoup(file.read_text(encoding="utf-8"), "html.parser")
    return soup.find(id=frag) is not None
