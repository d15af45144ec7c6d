"""The teaser of a subscriber article: whole leading blocks up to a length, well-formed,
and nothing of what follows."""

from articles.teaser import teaser_html

BODY = (
    "<p>Premier paragraphe, assez court.</p>"
    "<h2>Un intertitre</h2>"
    '<p>Deuxième paragraphe avec <strong>du gras</strong> et <a href="https://exemple.fr/?a=1&amp;b=2">un lien</a>.</p>'  # noqa: E501
    "<ul><li>Point un</li><li>Point <em>deux</em></li></ul>"
    "<p>La partie réservée : SECRET.</p>"
)


def test_whole_blocks_until_the_length_is_reached():
    teaser = teaser_html(BODY, 40)
    assert teaser.startswith("<p>Premier paragraphe, assez court.</p><h2>Un intertitre</h2>")
    assert "SECRET" not in teaser and "Point un" not in teaser


def test_at_least_the_first_block_even_if_longer_than_the_limit():
    assert teaser_html(BODY, 1) == "<p>Premier paragraphe, assez court.</p>"


def test_the_whole_body_when_it_is_shorter():
    assert "SECRET" in teaser_html(BODY, 10_000)


def test_attributes_and_entities_survive_and_nested_lists_are_closed():
    teaser = teaser_html(BODY, 90)
    assert '<a href="https://exemple.fr/?a=1&amp;b=2">un lien</a>' in teaser
    assert teaser.endswith("<ul><li>Point un</li><li>Point <em>deux</em></li></ul>")
    assert "SECRET" not in teaser


def test_escaped_text_stays_escaped():
    teaser = teaser_html("<p>1 &lt; 2 &amp; &lt;script&gt;</p><p>suite</p>", 3)
    assert teaser == "<p>1 &lt; 2 &amp; &lt;script&gt;</p>"


def test_an_empty_body():
    assert teaser_html("", 600) == ""
