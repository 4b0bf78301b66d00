"""Measure built pages the way the field does: Lighthouse, the Nu HTML checker, axe-core.

    python tools/audit.py SITE_DIR PATH [PATH ...] [--out REPORT.md] [--runs 1]

Serves SITE_DIR on 127.0.0.1 the way GitHub Pages serves a site (text gzipped, a short cache
lifetime), then for each PATH (relative to the site root, e.g. `` for the home page or
`people/x/`):

- Lighthouse (mobile preset: a mid-range phone on a slow 4G connection), in Debian's
  Chromium: performance, accessibility, best practices and SEO, with the failing audits;
- the Nu HTML checker (vnu.jar) on the page's file: every error;
- axe-core (the version the tests use) in Chromium: every violation.

Prints a Markdown table, and writes it with the details to --out. Lighthouse and the checker
come from tools/audit/package.json, pinned with their checksums in package-lock.json, and are
installed there with `npm ci` on the first run (Node.js and Java must be on the machine).
Exit status 1 when any page scores below --min (default: accessibility 100, best practices
95, SEO 95, performance 90) or has a checker error or an axe violation.
"""

from __future__ import annotations

import argparse
import gzip
import http.server
import json
import os
import shutil
import socketserver
import subprocess
import sys
import tempfile
import threading
from pathlib import Path
from statistics import median
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
TOOLS = ROOT / "tools" / "audit"
sys.path.insert(0, str(ROOT / "tests"))

from browser import CHROMIUM, MIME_TYPES, axe_violations, chromium, open_page  # noqa: E402

CATEGORIES = ("performance", "accessibility", "best-practices", "seo")
MINIMUM = {"performance": 90, "accessibility": 100, "best-practices": 95, "seo": 95}
# Errors in Material's own markup, reported apart and not counted: its toggles are checkboxes
# with autocomplete="off", which the HTML standard allows on text inputs only (Material sets
# it so that Firefox does not restore an open drawer on reload).
THEME_ERRORS = ("Attribute “autocomplete” is only allowed when the input type is",)
_COMPRESSED = ("text/", "application/json", "application/javascript", "image/svg+xml")


class _PagesHandler(http.server.SimpleHTTPRequestHandler):
    """Like GitHub Pages: gzip for text, `Cache-Control: max-age=600`."""

    extensions_map = MIME_TYPES

    def guess_type(self, path: str | os.PathLike[str]) -> str:
        ext = os.path.splitext(os.fspath(path))[1].lower()
        return MIME_TYPES.get(ext) or super().guess_type(path)

    def send_head(self) -> Any:
        path = Path(self.translate_path(self.path))
        if path.is_dir():
            if not self.path.split("?")[0].endswith("/"):
                return super().send_head()
            path = path / "index.html"
        if not path.is_file():
            self.send_error(404)
            return None
        body = path.read_bytes()
        kind = self.guess_type(str(path))
        if kind.startswith(_COMPRESSED) and "gzip" in self.headers.get("Accept-Encoding", ""):
            body = gzip.compress(body, 6)
            self.send_response(200)
            self.send_header("Content-Encoding", "gzip")
        else:
            self.send_response(200)
        self.send_header("Content-Type", kind)
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Cache-Control", "max-age=600")
        self.end_headers()
        return _Body(body)

    def log_message(self, format: str, *args: Any) -> None:
        pass


class _Body:
    def __init__(self, data: bytes) -> None:
        self.data = data

    def read(self, size: int = -1) -> bytes:
        data, self.data = self.data, b""
        return data

    def close(self) -> None:
        pass


def _serve(folder: Path) -> tuple[socketserver.TCPServer, str]:
    handler = lambda *a, **k: _PagesHandler(*a, directory=str(folder), **k)  # noqa: E731
    server = socketserver.ThreadingTCPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server, f"http://127.0.0.1:{server.server_address[1]}/"


def _install_tools() -> tuple[Path, Path]:
    bin_dir = TOOLS / "node_modules" / ".bin"
    vnu = TOOLS / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"
    if not (bin_dir / "lighthouse").exists() or not vnu.exists():
        npm = shutil.which("npm")
        if npm is None:
            sys.exit("audit: npm is not installed; install Node.js (20 or newer) and run again")
        print("audit: installing Lighthouse and the Nu HTML checker (npm ci)", file=sys.stderr)
        subprocess.run([npm, "ci", "--no-audit", "--no-fund"], cwd=TOOLS, check=True)
    return bin_dir / "lighthouse", vnu


def lighthouse(tool: Path, url: str) -> dict[str, Any]:
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp) / "report.json"
        flags = "--headless --no-sandbox --disable-gpu --disable-background-networking"
        subprocess.run(
            [str(tool), url, "--quiet", f"--chrome-flags={flags}", "--output=json",
             f"--output-path={out}", f"--only-categories={','.join(CATEGORIES)}"],
            env={**os.environ, "CHROME_PATH": CHROMIUM},
            check=True,
            timeout=300,
        )  # fmt: skip
        report = json.loads(out.read_text(encoding="utf-8"))
    scores = {k: round(100 * (v["score"] or 0)) for k, v in report["categories"].items()}
    failing = []
    for cat in report["categories"].values():
        for ref in cat["auditRefs"]:
            audit = report["audits"][ref["id"]]
            if ref.get("weight") and audit.get("score") is not None and audit["score"] < 1:
                shown = audit.get("displayValue", "")
                failing.append(f"{cat['id']}: {audit['title']} {shown}".strip())
    metrics = report["audits"]
    return {
        "scores": scores,
        "failing": failing,
        "tbt_ms": metrics["total-blocking-time"]["numericValue"],
        "lcp_ms": metrics["largest-contentful-paint"]["numericValue"],
        "bytes": metrics["total-byte-weight"]["numericValue"],
    }


def nu_errors(vnu: Path, files: list[Path]) -> dict[str, list[str]]:
    java = shutil.which("java")
    if java is None:
        sys.exit("audit: java is not installed; the Nu HTML checker needs it")
    result = subprocess.run(
        [java, "-jar", str(vnu), "--errors-only", "--format", "json", *map(str, files)],
        capture_output=True,
        text=True,
        timeout=600,
    )
    found: dict[str, list[str]] = {str(f): [] for f in files}
    for message in json.loads(result.stderr or "{}").get("messages", []):
        path = message.get("url", "").removeprefix("file:")
        found.setdefault(path, []).append(
            f"line {message.get('lastLine', '?')}: {message.get('message', '').strip()}"
        )
    return found


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("site", type=Path, help="a built site's folder")
    p.add_argument("paths", nargs="+", help="pages, relative to the site root ('' for home)")
    p.add_argument("--out", type=Path, help="write the report (Markdown) here")
    p.add_argument("--runs", type=int, default=1, help="Lighthouse runs per page; medians")
    args = p.parse_args(argv)
    tool, vnu = _install_tools()
    server, base = _serve(args.site)
    rows, details, failed = [], [], False
    try:
        files = [args.site / path / "index.html" if not path.endswith(".html") else
                 args.site / path for path in args.paths]  # fmt: skip
        checker = nu_errors(vnu, files)
        with (
            chromium() as browser,
            open_page(browser, viewport={"width": 390, "height": 844}) as (
                page,
                _errors,
            ),
        ):
            axe = {}
            for path in args.paths:
                page.goto(base + path)
                axe[path] = [f"{v.id} ({v.impact}): {v.help}" for v in axe_violations(page, None)]
        for path, file in zip(args.paths, files, strict=True):
            print(f"audit: {path or '(home)'}", file=sys.stderr, flush=True)
            runs = [lighthouse(tool, base + path) for _ in range(max(args.runs, 1))]
            scores = {c: round(median(r["scores"][c] for r in runs)) for c in CATEGORIES}
            tbt = median(r["tbt_ms"] for r in runs)
            kb = median(r["bytes"] for r in runs) / 1024
            found = checker.get(str(file), [])
            errors = [e for e in found if not any(t in e for t in THEME_ERRORS)]
            theme = len(found) - len(errors)
            rows.append(
                f"| `{path or '/'}` | {scores['performance']} | {scores['accessibility']} | "
                f"{scores['best-practices']} | {scores['seo']} | {tbt:.0f} ms | {kb:.0f} KB | "
                f"{len(errors)} | {len(axe[path])} |"
            )
            low = [c for c in CATEGORIES if scores[c] < MINIMUM[c]]
            if low or errors or axe[path]:
                failed = True
            details.append(
                f"### `{path or '/'}`\n\n"
                + "".join(f"- Lighthouse {f}\n" for f in runs[0]["failing"])
                + "".join(f"- Nu checker {e}\n" for e in errors)
                + "".join(f"- axe {v}\n" for v in axe[path])
                + (
                    f"- Nu checker: {theme} error(s) in Material's own markup (not counted)\n"
                    if theme
                    else ""
                )
            )
    finally:
        server.shutdown()
    table = (
        "| page | performance | accessibility | best practices | SEO | total blocking time "
        "| transferred | Nu errors | axe violations |\n|---|---|---|---|---|---|---|---|---|\n"
        + "\n".join(rows)
    )
    print(table)
    if args.out:
        args.out.write_text(
            f"# Audit\n\n`python tools/audit.py {args.site} {' '.join(args.paths)}`\n\n"
            "Lighthouse 12.8.2, mobile preset; Nu HTML checker 26.9.27 (errors only); "
            "axe-core as in the tests.\n\n" + table + "\n\n" + "\n".join(details),
            encoding="utf-8",
        )
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
