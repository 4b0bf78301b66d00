from site_builder.site.compact import trim_indentation


def test_indentation_goes_but_not_inside_pre_or_textarea():
    html = "<div>\n    <p>a</p>\n\n\n  <pre>  x\n    y</pre>\n  <textarea>\n  t</textarea>\n</div>"
    out = trim_indentation(html)
    assert out == "<div>\n<p>a</p>\n<pre>  x\n    y</pre>\n<textarea>\n  t</textarea>\n</div>"
