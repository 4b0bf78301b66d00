"""The Content-Security-Policy: theme scripts allowed by hash, content scripts never."""

import base64
import hashlib
from pathlib import Path

import pytest
from sitebuild import build_site, page

from site_builder.site import csp
from site_builder.site.csp import add_policy, inline_script_hashes


def _hash(body: str) -> str:
    return "'sha256-" + base64.b64encode(hashlib.sha256(body.encode()).digest()).decode() + "'"


THEME = csp.ThemeScripts.from_sources(
    [
        '{% if x %}<script>__md_scope=new URL("{{ base_url }}",location)</script>{% endif %}',
        "<script>var theme=1</script>",
        "<script>{% if a %}var conditional=1{% endif %}</script>",
    ]
)


def test_only_the_theme_s_own_inline_scripts_are_allowed():
    content = "<p>x</p><script>alert(1)</script>"
    html = (
        '<html><head><meta charset="utf-8"><script>var theme=1</script>'
        '<script>__md_scope=new URL("../..",location)</script>'
        '<script type="application/ld+json">{"a": 1}</script><script src="x.js"></script>'
        f"</head><body>{content}</body></html>"
    )
    assert inline_script_hashes(html, THEME) == [
        _hash("var theme=1"),
        _hash('__md_scope=new URL("../..",location)'),
    ]
    out = add_policy(html, THEME)
    assert out.index("Content-Security-Policy") < out.index("<script>")
    assert _hash("alert(1)") not in out


@pytest.mark.parametrize(
    "script",
    [
        "alert(document.domain)",
        # a template's value that leaves its string is not the template's script
        '__md_scope=new URL("",alert(1),"",location)',
        '__md_scope=new URL("\\",alert(1)//",location)',
        "var theme=1;alert(1)",
        "var conditional=1",  # a script with Jinja statements inside is never recognised
    ],
)
def test_a_script_that_is_not_the_theme_s_is_never_hashed(script):
    html = f'<html><head><meta charset="utf-8"><title>x</title><script>{script}</script>'
    assert inline_script_hashes(html, THEME) == []


def test_material_s_own_scripts_are_recognised():
    import material
    from jinja2 import Environment, FileSystemLoader

    templates = Path(material.__file__).parent / "templates"
    theme = csp.ThemeScripts.from_env(Environment(loader=FileSystemLoader(str(templates))))
    scope = (
        '__md_scope=new URL("../../",location),__md_hash=e=>[...e].reduce(((e,_)=>(e<<5)-e+_.'
        "charCodeAt(0)),0),__md_get=(e,_=localStorage,t=__md_scope)=>JSON.parse(_.getItem(t."
        'pathname+"."+e)),__md_set=(e,_,t=localStorage,a=__md_scope)=>{try{t.setItem(a.pathname+'
        '"."+e,JSON.stringify(_))}catch(e){}}'
    )
    assert theme.allows(scope)
    assert not theme.allows(scope.replace("../../", '../../",alert(1),"'))


def test_every_built_page_has_the_policy_before_any_script(tmp_path):
    from conftest import article, make_archive

    make_archive(
        tmp_path, articles={"2025-06-x": article("Artur Lastayev.", people=["Artur Lastayev"])}
    )
    site = build_site(tmp_path)
    for file in site.rglob("index.html"):
        raw = file.read_text(encoding="utf-8")
        if 'http-equiv="refresh"' in raw:
            continue  # redirect stubs run no script
        assert raw.index('http-equiv="Content-Security-Policy"') < raw.index("<script"), file
    meta = page(site, "").find("meta", attrs={"http-equiv": "Content-Security-Policy"})
    assert "script-src 'self'" in meta["content"] and "'unsafe-inline'" not in meta["content"]
