"""The package's layers, kept: which family may import which, and where MkDocs may appear.

Read from the source with `ast`, so a new import that crosses a layer fails here, whether it
is at the top of a module or inside a function.
"""

from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parents[1] / "site_builder"

# family -> the families it may import (itself included). The top is the command line and
# the MkDocs plugin; the core is at the bottom and imports no other family.
ALLOWED = {
    "core": {"core"},
    "text": {"core", "text"},
    "checks": {"core", "text", "checks"},
    "data": {"core", "text", "data"},
    "search": {"core", "search"},
    "site": {"core", "text", "data", "site"},
    "ingest": {"core", "text", "checks", "ingest"},
    "publish": {"core", "search", "publish"},
    "cli": {"core", "text", "checks", "data", "search", "ingest", "publish", "cli"},
    "mkdocs_plugin": {
        "core",
        "text",
        "checks",
        "data",
        "search",
        "site",
        "mkdocs_plugin",
    },  # fmt: skip
}
# Third-party packages only the plugin layer may import.
PLUGIN_ONLY = {"mkdocs", "material"}


def family_of(path: Path) -> str:
    parts = path.relative_to(PACKAGE).parts
    return parts[0] if len(parts) > 1 else parts[0].removesuffix(".py")


def imports_of(source: str, module: str) -> list[tuple[int, str]]:
    """(line, absolute module) of every import in `source`, the module `module`
    (e.g. "site_builder.core.archive"); relative imports resolved."""
    package = module.rsplit(".", 1)[0]
    out = []
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Import):
            out += [(node.lineno, alias.name) for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = package.split(".")
                base = base[: len(base) - (node.level - 1)]
                target = ".".join(base + ([node.module] if node.module else []))
            else:
                target = node.module or ""
            if node.module is None:
                out += [(node.lineno, f"{target}.{alias.name}") for alias in node.names]
            else:
                out.append((node.lineno, target))
                out += [(node.lineno, f"{target}.{alias.name}") for alias in node.names]
    return out


def violations(source: str, module: str, family: str) -> list[str]:
    """Imports in `source` that its family may not make."""
    out = []
    for line, target in imports_of(source, module):
        top = target.split(".")[0]
        if top in PLUGIN_ONLY and family != "mkdocs_plugin":
            out.append(f"{module}:{line} imports {target}: only mkdocs_plugin/ may use {top}")
        if top != "site_builder":
            continue
        parts = target.split(".")
        if len(parts) < 2:
            continue
        other = parts[1]
        if other in ALLOWED and other not in ALLOWED[family]:
            out.append(f"{module}:{line} imports {target}: {family}/ may not import {other}/")
    return out


def _modules() -> list[tuple[str, str, str]]:
    out = []
    for path in sorted(PACKAGE.rglob("*.py")):
        rel = path.relative_to(PACKAGE.parent).with_suffix("")
        module = ".".join(rel.parts).removesuffix(".__init__")
        if path.name == "__init__.py":
            module += ".__init__"  # so that its relative imports resolve from the package
        out.append((family_of(path), module, path.read_text(encoding="utf-8")))
    return out


def test_every_module_is_in_a_family():
    families = {family for family, _, _ in _modules()}
    assert families - {"__init__"} <= set(ALLOWED), families - set(ALLOWED)


def test_no_import_crosses_a_layer():
    found = []
    for family, module, source in _modules():
        if family in ALLOWED:
            found += violations(source, module, family)
    assert found == [], "\n".join(found)


@pytest.mark.parametrize(
    "module, family, source",
    [
        ("site_builder.core.archive", "core", "from ..site import pages\n"),
        ("site_builder.core.archive", "core", "from ..data.feeds import feed_path\n"),
        ("site_builder.core.model", "core", "def f():\n    from ..ingest import importer\n"),
        ("site_builder.search.indexer", "search", "from ..site.body import sanitize\n"),
        ("site_builder.search.indexer", "search", "import site_builder.site.render\n"),
        ("site_builder.site.articles", "site", "from mkdocs.structure.pages import Page\n"),
        ("site_builder.data.feeds", "data", "import material\n"),
        ("site_builder.checks.run", "checks", "from .. import site\n"),
    ],
)
def test_a_new_import_across_a_layer_is_caught(module, family, source):
    assert violations(source, module, family), source


def test_imports_within_a_family_and_down_are_fine():
    source = "from ..core.model import Article\nfrom . import body\nfrom .render import R\n"
    assert violations(source, "site_builder.site.articles", "site") == []
    assert violations("from .. import checks\n", "site_builder.cli.__init__", "cli") == []


def test_front_matter_is_read_as_typed_attributes_outside_the_schema():
    """`.data.get("field")` / `.data["field"]` only where front matter becomes the model."""
    allowed = {"site_builder.core.schema", "site_builder.core.frontmatter"}
    found = [
        f"{module}:{n}: {line.strip()}"
        for _, module, source in _modules()
        if module not in allowed
        for n, line in enumerate(source.splitlines(), 1)
        if re.search(r"\.data(\.get\(|\[)", line)
    ]
    assert found == [], "\n".join(found)
