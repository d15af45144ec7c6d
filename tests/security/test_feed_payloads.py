"""RSS feeds carry a journalist's plain text as text, never as markup.

Feed readers decode an RSS <title> or <description> and render it as HTML: text that is
only XML-escaped becomes live markup there (``<img onerror>`` in a standfirst ran in
readers). Every text field that reaches a feed is filled with a hostile payload, then
each feed is read twice: as strict XML (each text element, rendered as HTML, must
show the typed text and no element; <category> and <dc:creator>, plain text by their
specifications, must hold the typed text), and with feedparser (what a reader shows).
"""

import feedparser
import lxml.etree
import lxml.html
import pytest
from taggit.models import Tag

from articles.models import Section
from authors.models import Author
from tests.test_feeds import shown

# (what the journalist typed, what a reader must see). Control characters cannot be
# carried by XML 1.0 (they used to make the whole feed a 500): they are dropped, and
# line breaks fold to a space.
PAYLOADS = [
    ("<script>alert(1)</script>", "<script>alert(1)</script>"),
    ("<img src=x onerror=alert(1)>", "<img src=x onerror=alert(1)>"),
    ('"><svg onload=alert(1)>', '"><svg onload=alert(1)>'),
    ("<b>gras</b> et <i>italique</i>", "<b>gras</b> et <i>italique</i>"),
    ("&lt;b&gt;déjà échappé&lt;/b&gt;", "&lt;b&gt;déjà échappé&lt;/b&gt;"),
    ("Tom &amp; Jerry, AT&T, &nbsp;, &#60;", "Tom &amp; Jerry, AT&T, &nbsp;, &#60;"),
    ("a]]>b <![CDATA[c]]>", "a]]>b <![CDATA[c]]>"),
    (
        "\"guillemets\" 'apostrophe' « français » l’État",
        "\"guillemets\" 'apostrophe' « français » l’État",
    ),
    ("Télésanté 🩺 \u202edroite\u202c", "Télésanté 🩺 \u202edroite\u202c"),
    ("x < y > z & w", "x < y > z & w"),
    ("Bip\x07\x01\x1b[31m rouge\x7f", "Bip[31m rouge"),
    ("Ligne 1\r\nLigne 2\nLigne 3", "Ligne 1 Ligne 2 Ligne 3"),
]

FEEDS = {
    "main": "/flux/",
    "section": "/flux/rubriques/rubrique-piegee/",
    "tag": "/flux/tags/mot-cle-piege/",
    "author": "/flux/auteurs/auteur-piege/",
}
# What our feeds are made of: any other element was injected.
RSS_ELEMENTS = {
    "rss", "channel", "title", "link", "description", "language", "lastBuildDate", "item",
    "pubDate", "guid", "category", "enclosure", "{http://www.w3.org/2005/Atom}link",
    "{http://purl.org/dc/elements/1.1/}creator",
}  # fmt: skip
ITEM_HTML_ELEMENTS = ["title", "description"]
ITEM_TEXT_ELEMENTS = ["category", "{http://purl.org/dc/elements/1.1/}creator"]


PAYLOAD_NAMES = [
    "script", "img_onerror", "attribute_breakout", "inline_tags", "already_escaped",
    "entities", "cdata_breakout", "quotes", "emoji_bidi", "comparison_signs",
    "control_characters", "line_breaks",
]  # fmt: skip


@pytest.fixture(params=PAYLOADS, ids=PAYLOAD_NAMES)
def trapped(request, make_article, make_library_image):
    """One article whose every text field, and every name around it, is the payload."""
    typed, expected = request.param
    section = Section.objects.create(name=typed[:120], slug="rubrique-piegee")
    author = Author.objects.create(name=typed[:120], slug="auteur-piege")
    tag = Tag.objects.create(name=typed[:100], slug="mot-cle-piege")
    hero = make_library_image(alt_text=typed, caption=typed, credit=typed[:100])
    make_article(
        title=typed,
        standfirst=typed,
        section=section,
        authors=[author],
        tags=[tag],
        hero_image=hero,
        hero_caption=typed[:300],
    )
    return expected


def rendered_as_html(text):
    """What a reader rendering the field as HTML shows; fails if markup came alive."""
    if not text:
        return ""
    fragment = lxml.html.fragment_fromstring(text, create_parent="div")
    assert [child.tag for child in fragment] == [], f"balisage injecté : {text!r}"
    return fragment.text_content()


def check_xml(content, trapped, feed):
    """Strict XML; each text element, rendered as HTML, shows the typed text only."""
    root = lxml.etree.fromstring(content, lxml.etree.XMLParser(resolve_entities=False))
    assert {element.tag for element in root.iter()} <= RSS_ELEMENTS
    assert not [name for element in root.iter() for name in element.attrib if name[:2] == "on"]
    (item,) = root.iter("item")
    for name in ITEM_HTML_ELEMENTS:
        assert [rendered_as_html(e.text) for e in item.iter(name)] == [trapped], name
    # Plain text by their specifications: the XML text itself, with no child element.
    # The section then the tag, as categories: the same name twice is listed once.
    for name in ITEM_TEXT_ELEMENTS:
        elements = list(item.iter(name))
        assert [(e.text, len(e)) for e in elements] == [(trapped, 0)], name
    channel = root.find("channel")
    for name in ("title", "description"):
        text = rendered_as_html(channel.find(name).text)
        assert feed == "main" or trapped in text, name


def check_reader(content, trapped, feed):
    """What a feed reader (feedparser) displays."""
    parsed = feedparser.parse(content)
    assert not parsed.bozo, parsed.get("bozo_exception")
    (entry,) = parsed.entries
    assert shown(entry, "title") == trapped
    assert shown(entry, "summary") == trapped
    # feedparser gives authors and categories as plain text.
    assert [a["name"] for a in entry.authors] == [trapped]
    assert [t["term"] for t in entry.tags] == [trapped]
    if feed != "main":
        assert trapped in shown(parsed.feed, "title")
        assert trapped in shown(parsed.feed, "subtitle")
    # Only the hero image's generated rendition address travels, never its texts.
    (enclosure,) = entry.enclosures
    assert enclosure["href"].startswith("http://testserver/media/images/renditions/")


def test_every_feed_shows_the_payload_as_text(client, trapped):
    for feed, url in FEEDS.items():
        response = client.get(url)
        assert response.status_code == 200, feed
        assert response["Content-Type"] == "application/rss+xml; charset=utf-8"
        check_xml(response.content, trapped, feed)
        check_reader(response.content, trapped, feed)
