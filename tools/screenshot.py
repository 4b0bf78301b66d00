"""Full-page screenshots of a built site, in Debian's headless Chromium.

    python tools/screenshot.py SITE_DIR PATH [PATH...] --out DIR [--width 1280] [--phone]

Serves SITE_DIR on 127.0.0.1, opens each PATH (relative to the site root, e.g. `index.html`
or `people/usen-suleimen/`) at desktop width and, with --phone, at 390 px too, and saves
DIR/<path>.desktop.png (and .phone.png). Prints each file it wrote, one a line; reports a
page's HTTP errors, console errors, CSP violations and requests to other hosts on stderr,
and exits 1 if any page did not load with status 200.
"""

from __future__ import annotations

import argparse
import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests"))

from browser import DESKTOP, PHONE, chromium, open_page, serve  # noqa: E402


def shot_name(path: str) -> str:
    """`people/usen-suleimen/` -> `people_usen-suleimen`; `` and `index.html` -> `index`."""
    name = path.strip("/")
    name = re.sub(r"(^|/)index\.html$", "", name)
    name = re.sub(r"\.html$", "", name)
    name = re.sub(r"[^\w.-]+", "_", name).strip("_")
    return name or "index"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("site", type=Path, help="the built site's folder (e.g. site/)")
    parser.add_argument("paths", nargs="+", help="pages relative to the site root")
    parser.add_argument("--out", type=Path, required=True, help="folder for the PNG files")
    parser.add_argument("--width", type=int, default=DESKTOP["width"], help="desktop width")
    parser.add_argument("--phone", action="store_true", help=f"also at {PHONE['width']} px")
    args = parser.parse_args(argv)

    if not args.site.is_dir():
        parser.error(f"{args.site} is not a folder")
    args.out.mkdir(parents=True, exist_ok=True)
    layouts = [("desktop", {"width": args.width, "height": DESKTOP["height"]}, {})]
    if args.phone:
        layouts.append(("phone", PHONE, {"is_mobile": True, "has_touch": True}))

    failed = False
    with serve(args.site) as base, chromium() as browser:
        for label, viewport, extra in layouts:
            with open_page(browser, viewport=viewport, **extra) as (page, errors):
                for path in args.paths:
                    errors.clear()
                    response = page.goto(base + path.lstrip("/"), wait_until="load")
                    page.evaluate("document.fonts.ready.then(() => true)")
                    status = response.status if response else 0
                    if status != 200:
                        failed = True
                        print(f"{path}: HTTP {status}", file=sys.stderr)
                    for problem in errors.all():
                        print(f"{path} ({label}): {problem}", file=sys.stderr)
                    target = args.out / f"{shot_name(path)}.{label}.png"
                    page.screenshot(path=str(target), full_page=True)
                    print(target)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
