from site_builder.text.plaintext import plain


def test_markup_goes_and_escaped_characters_stay_as_text():
    assert plain(r"a \*b\* and \[x\](y) *em* [l](u) `c`") == "a *b* and [x](y) em l c"
    assert plain("## Heading\n\n> quoted **bold** ![alt](i.png)") == "Heading\n\nquoted bold alt"
