"""The browser-test helpers themselves: static server, Chromium, error collectors, axe-core."""

from __future__ import annotations

import struct
import subprocess
import sys
import urllib.error
import urllib.request
from pathlib import Path

import pytest
from browser import axe_violations, format_violations, requires_chromium, serve

pytest_plugins = ["browser"]

ROOT = Path(__file__).resolve().parents[1]


def page(title: str, body: str, head: str = "") -> str:
    return (
        f'<!doctype html>\n<html lang="en"><head><meta charset="utf-8">'
        f'<meta name="viewport" content="width=device-width, initial-scale=1">'
        f"<title>{title}</title>{head}</head>\n<body><main>{body}</main></body></html>\n"
    )


def write(root: Path, files: dict[str, str | bytes]) -> Path:
    for rel, text in files.items():
        path = root / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(text.encode("utf-8") if isinstance(text, str) else text)
    return root


# --------------------------------------------------------------------------- no browser needed


def test_serve_gives_each_file_its_mime_type(tmp_path):
    files = {
        "index.html": page("Home", "<h1>Home</h1>"),
        "a.js": "console.log(1);",
        "a.css": "body{}",
        "a.json": "{}",
        "a.wasm": b"\0asm\1\0\0\0",
        "pagefind/x.pf_meta": b"\1",
        "pagefind/x.pf_index": b"\1",
        "pagefind/x.pf_fragment": b"\1",
        "people/usen-suleimen/index.html": page("Усен Сулеймен", "<h1>Үсен</h1>"),
    }
    write(tmp_path, files)
    with serve(tmp_path) as base:
        assert base.startswith("http://127.0.0.1:") and base.endswith("/")

        def get(rel: str) -> tuple[str, bytes]:
            with urllib.request.urlopen(base + rel, timeout=10) as response:
                return response.headers["Content-Type"], response.read()

        types = {rel: get(rel)[0].split(";")[0] for rel in files}
        assert types["a.js"] == "text/javascript"
        assert types["a.css"] == "text/css"
        assert types["a.json"] == "application/json"
        assert types["a.wasm"] == "application/wasm"
        for ext in ("pf_meta", "pf_index", "pf_fragment"):
            assert types[f"pagefind/x.{ext}"] == "application/octet-stream"
        kind, body = get("people/usen-suleimen/")
        assert kind.startswith("text/html") and "Үсен".encode() in body
        with pytest.raises(urllib.error.HTTPError) as missing:
            get("nope.html")
        assert missing.value.code == 404


# --------------------------------------------------------------------------- in Chromium


@requires_chromium
def test_clean_page_loads_with_no_errors(tmp_path, http_server, browser_page, page_errors):
    write(tmp_path, {"index.html": page("Clean page", "<h1>Hello</h1><p>Сәлем, әлем!</p>")})
    base = http_server(tmp_path)
    response = browser_page.goto(base + "index.html")
    assert response is not None and response.status == 200
    assert browser_page.title() == "Clean page"
    assert browser_page.locator("h1").inner_text() == "Hello"
    page_errors.assert_none()
    assert not page_errors


@requires_chromium
def test_console_error_and_exception_are_caught(tmp_path, http_server, browser_page, page_errors):
    script = "<script>console.error('deliberate failure'); null.boom();</script>"
    write(tmp_path, {"index.html": page("Broken page", "<h1>Broken</h1>" + script)})
    browser_page.goto(http_server(tmp_path))
    assert browser_page.title() == "Broken page"
    assert any("deliberate failure" in m for m in page_errors.console), page_errors.all()
    assert len(page_errors.exceptions) == 1 and "TypeError" in page_errors.exceptions[0]
    with pytest.raises(AssertionError, match="deliberate failure"):
        page_errors.assert_none()


@requires_chromium
def test_missing_file_is_a_console_error(tmp_path, http_server, browser_page, page_errors):
    head = '<link rel="stylesheet" href="assets/missing.css">'
    write(tmp_path, {"index.html": page("Missing", "<h1>Missing</h1>", head)})
    browser_page.goto(http_server(tmp_path))
    assert any("404" in m for m in page_errors.console), page_errors.all()


@requires_chromium
def test_csp_violation_is_caught(tmp_path, http_server, browser_page, page_errors):
    csp = (
        '<meta http-equiv="Content-Security-Policy" '
        "content=\"default-src 'self'; script-src 'self'\">"
    )
    body = "<h1>Strict</h1><script>document.title = 'inline ran';</script>"
    write(tmp_path, {"index.html": page("Strict page", body, csp)})
    browser_page.goto(http_server(tmp_path))
    assert browser_page.title() == "Strict page"  # the inline script was refused
    assert page_errors.csp_events, page_errors.all()
    event = page_errors.csp_events[0]
    assert event["directive"] == "script-src-elem" and event["blocked"] == "inline"
    assert event["disposition"] == "enforce"


@requires_chromium
def test_requests_to_other_hosts_are_blocked(tmp_path, http_server, browser_page, page_errors):
    head = '<link rel="stylesheet" href="https://fonts.example.invalid/css?family=Roboto">'
    write(tmp_path, {"index.html": page("External", "<h1>External</h1>", head)})
    browser_page.goto(http_server(tmp_path))
    assert page_errors.external == ["https://fonts.example.invalid/css?family=Roboto"]


@requires_chromium
def test_axe_finds_an_image_without_alt(tmp_path, http_server, browser_page):
    body = '<h1>Picture</h1><img src="pixel.png" width="10" height="10">'
    write(tmp_path, {"index.html": page("Picture", body), "pixel.png": PNG_1X1})
    browser_page.goto(http_server(tmp_path))
    violations = axe_violations(browser_page)
    assert [v.id for v in violations] == ["image-alt"], format_violations(violations)
    (image_alt,) = violations
    assert image_alt.impact == "critical"
    assert len(image_alt.nodes) == 1 and "pixel.png" in image_alt.nodes[0]
    assert image_alt.help


@requires_chromium
def test_axe_passes_a_clean_page_under_a_strict_csp(
    tmp_path, http_server, browser_page, page_errors
):
    csp = '<meta http-equiv="Content-Security-Policy" content="default-src \'self\'">'
    body = (
        '<h1>Picture</h1><img src="pixel.png" width="10" height="10" alt="A dot">'
        '<p lang="kk">Қазақстан</p><a href="index.html">Home</a>'
    )
    write(tmp_path, {"index.html": page("Picture", body, csp), "pixel.png": PNG_1X1})
    browser_page.goto(http_server(tmp_path))
    violations = axe_violations(browser_page)
    assert violations == [], format_violations(violations)
    everything = axe_violations(browser_page, impacts=None)
    assert all(v.impact in ("minor", "moderate") for v in everything)
    page_errors.assert_none()  # running axe itself breaks no CSP rule


@requires_chromium
def test_screenshot_tool_writes_desktop_and_phone_pngs(tmp_path):
    site = write(
        tmp_path / "site",
        {
            "index.html": page("Home", "<h1>Home</h1>"),
            "people/usen-suleimen/index.html": page("Usen", "<h1>Үсен Сүлейменов</h1>"),
        },
    )
    out = tmp_path / "shots"
    cmd = [sys.executable, str(ROOT / "tools" / "screenshot.py"), str(site)]
    cmd += ["index.html", "people/usen-suleimen/", "--out", str(out), "--phone"]
    done = subprocess.run(cmd, capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    written = sorted(Path(line) for line in done.stdout.split())
    assert [p.name for p in written] == [
        "index.desktop.png",
        "index.phone.png",
        "people_usen-suleimen.desktop.png",
        "people_usen-suleimen.phone.png",
    ]
    widths = {p.name: png_size(p)[0] for p in written}
    assert widths["index.desktop.png"] == 1280 and widths["index.phone.png"] == 390


def png_size(path: Path) -> tuple[int, int]:
    data = path.read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    return struct.unpack(">II", data[16:24])


PNG_1X1 = bytes.fromhex(
    "89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c489"
    "0000000d49444154789c63606060f80f00010401005fe5c34b0000000049454e44ae426082"
)
