"""The Content-Security-Policy: theme scripts allowed by hash, content scripts never."""

import base64
import hashlib

from sitebuild import build_site, page

from site_builder.csp import add_policy, inline_script_hashes


def _hash(body: str) -> str:
    return "'sha256-" + base64.b64encode(hashlib.sha256(body.encode()).digest()).decode() + "'"


def test_only_theme_scripts_outside_the_content_are_allowed():
    content = "<p>x</p><script>alert(1)</script>"
    html = (
        '<html><head><meta charset="utf-8"><script>var theme=1</script>'
        '<script type="application/ld+json">{"a": 1}</script><script src="x.js"></script>'
        f"</head><body>{content}</body></html>"
    )
    assert inline_script_hashes(html, content) == [_hash("var theme=1")]
    out = add_policy(html, content)
    assert out.index("Content-Security-Policy") < out.index("<script>")
    assert _hash("alert(1)") not in out


def test_every_built_page_has_the_policy_before_any_script(tmp_path):
    from conftest import article, make_archive

    make_archive(
        tmp_path, articles={"2025-06-x": article("Artur Lastayev.", people=["Artur Lastayev"])}
    )  # noqa: E501
    site = build_site(tmp_path)
    for file in site.rglob("index.html"):
        raw = file.read_text(encoding="utf-8")
        if 'http-equiv="refresh"' in raw:
            continue  # redirect stubs run no script
        assert raw.index('http-equiv="Content-Security-Policy"') < raw.index("<script"), file
    meta = page(site, "").find("meta", attrs={"http-equiv": "Content-Security-Policy"})
    assert "script-src 'self'" in meta["content"] and "'unsafe-inline'" not in meta["content"]
