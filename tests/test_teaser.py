"""The teaser of a subscriber article: whole leading blocks within the limit, never more
than a third of the text, a first block cut at a word when it alone is too long,
well-formed, and nothing of what follows."""

import re

import pytest

from articles.teaser import teaser_html

LONG_REST = "<p>" + "La suite détaillée, réservée aux abonnés. " * 10 + "SECRET</p>"
BODY = (
    "<p>Premier paragraphe, assez court.</p>"
    "<h2>Un intertitre</h2>"
    '<p>Deuxième paragraphe avec <strong>du gras</strong> et <a href="https://exemple.fr/?a=1&amp;b=2">un lien</a>.</p>'  # noqa: E501
    "<ul><li>Point un</li><li>Point <em>deux</em></li></ul>" + LONG_REST
)


def text(html):
    return re.sub(r"<[^>]+>", "", html)


def test_whole_blocks_while_they_fit():
    assert teaser_html(BODY, 40) == "<p>Premier paragraphe, assez court.</p>"
    assert teaser_html(BODY, 50) == "<p>Premier paragraphe, assez court.</p><h2>Un intertitre</h2>"


def test_a_first_block_too_long_is_cut_at_a_word_and_closed():
    teaser = teaser_html("<p>Un <strong>" + "mot " * 100 + "</strong></p>", 50)
    assert teaser.endswith("mot…</strong></p>")
    assert len(text(teaser)) <= 51


def test_never_more_than_a_third_of_a_short_article():
    teaser = teaser_html("<p>Brève de trois mots.</p><p>Suite.</p>", 600)
    assert teaser == "<p>Brève de…</p>"


def test_lines_split_by_breaks_are_cut_too():
    teaser = teaser_html("<p>ligne un<br>ligne deux<br>SECRET</p>", 600)
    assert "SECRET" not in teaser and "ligne deux" not in teaser
    assert teaser.startswith("<p>ligne un") and teaser.endswith("</p>")


@pytest.mark.parametrize("limit", [1, 10, 40, 90, 600, 10_000])
def test_something_is_always_held_back(limit):
    teaser = teaser_html(BODY, limit)
    assert "SECRET" not in teaser
    assert len(text(teaser)) <= len(text(BODY)) // 3


def test_attributes_and_entities_survive_and_nested_lists_are_closed():
    teaser = teaser_html(BODY, 120)
    assert '<a href="https://exemple.fr/?a=1&amp;b=2">un lien</a>' in teaser
    assert teaser.endswith("<ul><li>Point un</li><li>Point <em>deux</em></li></ul>")


def test_escaped_text_stays_escaped():
    body = "<p>1 &lt; 2 &amp; &lt;script&gt;</p>" + LONG_REST
    assert teaser_html(body, 20) == "<p>1 &lt; 2 &amp; &lt;script&gt;</p>"


def test_an_empty_body():
    assert teaser_html("", 600) == ""
